window.YTD.tweets.part0 = [
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1946975135462326396"
          ],
          "editableUntil": "2025-07-20T17:47:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "url": "https://t.co/m2326396",
            "expanded_url": "https://x.com/maraquill/status/1946975135462326396/photo/1",
            "type": "photo",
            "id_str": "1946975135462326396",
            "media_url_https": "https://pbs.twimg.example/media/x.jpg"
          }
        ]
      },
      "display_text_range": [
        "0",
        "72"
      ],
      "favorite_count": "894",
      "id_str": "1946975135462326396",
      "truncated": false,
      "retweet_count": "74",
      "id": "1946975135462326396",
      "created_at": "Sun Jul 20 16:47:00 +0000 2025",
      "favorited": false,
      "full_text": "Rye &amp; caraway, cut after 24 hours like a saint https://t.co/m2326396",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1933581128954806395"
          ],
          "editableUntil": "2025-06-13T18:44:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "75"
      ],
      "favorite_count": "443",
      "id_str": "1933581128954806395",
      "truncated": false,
      "retweet_count": "79",
      "id": "1933581128954806395",
      "created_at": "Fri Jun 13 17:44:00 +0000 2025",
      "favorited": false,
      "full_text": "Today's loaf: 30% wholemeal. Lesson: score deeper and with more confidence.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1920194168878006394"
          ],
          "editableUntil": "2025-05-07T20:09:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "76"
      ],
      "favorite_count": "306",
      "id_str": "1920194168878006394",
      "truncated": false,
      "retweet_count": "79",
      "id": "1920194168878006394",
      "created_at": "Wed May 07 19:09:00 +0000 2025",
      "favorited": false,
      "full_text": "Today's loaf: 10% wholemeal. Lesson: bake darker, the lid came off too late.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1906674081592246393"
          ],
          "editableUntil": "2025-03-31T12:45:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "74"
      ],
      "favorite_count": "272",
      "id_str": "1906674081592246393",
      "truncated": false,
      "retweet_count": "40",
      "id": "1906674081592246393",
      "created_at": "Mon Mar 31 11:45:00 +0000 2025",
      "favorited": false,
      "full_text": "Today's loaf: 15% einkorn. Lesson: bake darker, the lid came off too late.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1893358089139126392"
          ],
          "editableUntil": "2025-02-22T18:52:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "url": "https://t.co/m9126392",
            "expanded_url": "https://x.com/maraquill/status/1893358089139126392/photo/1",
            "type": "photo",
            "id_str": "1893358089139126392",
            "media_url_https": "https://pbs.twimg.example/media/x.jpg"
          }
        ]
      },
      "display_text_range": [
        "0",
        "49"
      ],
      "favorite_count": "748",
      "id_str": "1893358089139126392",
      "truncated": false,
      "retweet_count": "29",
      "id": "1893358089139126392",
      "created_at": "Sat Feb 22 17:52:00 +0000 2025",
      "favorited": false,
      "full_text": "Focaccia dimples by Elsie 👏 https://t.co/m9126392",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1879879525462966391"
          ],
          "editableUntil": "2025-01-16T14:13:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "77"
      ],
      "favorite_count": "72",
      "id_str": "1879879525462966391",
      "truncated": false,
      "retweet_count": "32",
      "id": "1879879525462966391",
      "created_at": "Thu Jan 16 13:13:00 +0000 2025",
      "favorited": false,
      "full_text": "Today's loaf: 30% wholemeal. Lesson: the 45-minute autolyse really does help.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1866445756953526390"
          ],
          "editableUntil": "2024-12-10T12:32:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "68"
      ],
      "favorite_count": "367",
      "id_str": "1866445756953526390",
      "truncated": false,
      "retweet_count": "2",
      "id": "1866445756953526390",
      "created_at": "Tue Dec 10 11:32:00 +0000 2024",
      "favorited": false,
      "full_text": "Today's loaf: 30% wholemeal. Lesson: trust the dough, not the clock.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1853004187038646389"
          ],
          "editableUntil": "2024-11-03T10:20:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "69"
      ],
      "favorite_count": "659",
      "id_str": "1853004187038646389",
      "truncated": false,
      "retweet_count": "79",
      "id": "1853004187038646389",
      "created_at": "Sun Nov 03 09:20:00 +0000 2024",
      "favorited": false,
      "full_text": "Today's loaf: 20% rye. Lesson: score deeper and with more confidence.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1839731983119286388"
          ],
          "editableUntil": "2024-09-27T19:21:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "url": "https://t.co/m9286388",
            "expanded_url": "https://x.com/maraquill/status/1839731983119286388/photo/1",
            "type": "photo",
            "id_str": "1839731983119286388",
            "media_url_https": "https://pbs.twimg.example/media/x.jpg"
          }
        ]
      },
      "display_text_range": [
        "0",
        "44"
      ],
      "favorite_count": "234",
      "id_str": "1839731983119286388",
      "truncated": false,
      "retweet_count": "64",
      "id": "1839731983119286388",
      "created_at": "Fri Sep 27 18:21:00 +0000 2024",
      "favorited": false,
      "full_text": "Market stall ready ☕️🥖 https://t.co/m9286388",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1826277578634166387"
          ],
          "editableUntil": "2024-08-21T16:18:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "71"
      ],
      "favorite_count": "6",
      "id_str": "1826277578634166387",
      "truncated": false,
      "retweet_count": "33",
      "id": "1826277578634166387",
      "created_at": "Wed Aug 21 15:18:00 +0000 2024",
      "favorited": false,
      "full_text": "Today's loaf: 25% spelt. Lesson: score deeper and with more confidence.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1815455016022966356"
          ],
          "editableUntil": "2024-07-22T19:33:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "dele_bakes",
            "screen_name": "dele_bakes",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "2064403437"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "88"
      ],
      "favorite_count": "35",
      "id_str": "1815455016022966356",
      "truncated": false,
      "retweet_count": "47",
      "id": "1815455016022966356",
      "created_at": "Mon Jul 22 18:33:00 +0000 2024",
      "favorited": false,
      "full_text": "@dele_bakes Salted butter and marmalade on toast. Or a big bowl of leek and potato soup.",
      "lang": "en",
      "in_reply_to_status_id_str": "1815455016018966356",
      "in_reply_to_status_id": "1815455016018966356",
      "in_reply_to_screen_name": "dele_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1812825942389686386"
          ],
          "editableUntil": "2024-07-15T13:26:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "76"
      ],
      "favorite_count": "118",
      "id_str": "1812825942389686386",
      "truncated": false,
      "retweet_count": "67",
      "id": "1812825942389686386",
      "created_at": "Mon Jul 15 12:26:00 +0000 2024",
      "favorited": false,
      "full_text": "Today's loaf: 10% wholemeal. Lesson: bake darker, the lid came off too late.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1801980478878646355"
          ],
          "editableUntil": "2024-06-15T15:10:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "priya_bakes",
            "screen_name": "priya_bakes",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "28563811"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "119"
      ],
      "favorite_count": "678",
      "id_str": "1801980478878646355",
      "truncated": false,
      "retweet_count": "63",
      "id": "1801980478878646355",
      "created_at": "Sat Jun 15 14:10:00 +0000 2024",
      "favorited": false,
      "full_text": "@priya_bakes 00 flour, 65% hydration, 48 hours cold. Four 225 g balls, stretched by hand, on a steel as hot as it goes.",
      "lang": "en",
      "in_reply_to_status_id_str": "1801980478874646355",
      "in_reply_to_status_id": "1801980478874646355",
      "in_reply_to_screen_name": "priya_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1800909169750966324"
          ],
          "editableUntil": "2024-06-12T16:13:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/9663240",
            "expanded_url": "https://maraquill.example/blog/oven-guide",
            "display_url": "maraquill.example/blog/ove…",
            "indices": [
              "47",
              "67"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "67"
      ],
      "favorite_count": "185",
      "id_str": "1800909169750966324",
      "truncated": false,
      "retweet_count": "2",
      "id": "1800909169750966324",
      "created_at": "Wed Jun 12 15:13:00 +0000 2024",
      "favorited": false,
      "full_text": "New on the blog: Baking bread in a home oven 🍞 https://t.co/9663240",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1799486042403766385"
          ],
          "editableUntil": "2024-06-08T17:58:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "75"
      ],
      "favorite_count": "794",
      "id_str": "1799486042403766385",
      "truncated": false,
      "retweet_count": "41",
      "id": "1799486042403766385",
      "created_at": "Sat Jun 08 16:58:00 +0000 2024",
      "favorited": false,
      "full_text": "Today's loaf: 15% einkorn. Lesson: the 45-minute autolyse really does help.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1788578419307446354"
          ],
          "editableUntil": "2024-05-09T15:35:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "nadia_bakes",
            "screen_name": "nadia_bakes",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "3160332857"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "78"
      ],
      "favorite_count": "72",
      "id_str": "1788578419307446354",
      "truncated": false,
      "retweet_count": "7",
      "id": "1788578419307446354",
      "created_at": "Thu May 09 14:35:00 +0000 2024",
      "favorited": false,
      "full_text": "@nadia_bakes My niece and my harshest critic. She rates every bake out of ten.",
      "lang": "en",
      "in_reply_to_status_id_str": "1788578419303446354",
      "in_reply_to_status_id": "1788578419303446354",
      "in_reply_to_screen_name": "nadia_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1786113678504886384"
          ],
          "editableUntil": "2024-05-02T20:21:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "url": "https://t.co/m4886384",
            "expanded_url": "https://x.com/maraquill/status/1786113678504886384/photo/1",
            "type": "photo",
            "id_str": "1786113678504886384",
            "media_url_https": "https://pbs.twimg.example/media/x.jpg"
          }
        ]
      },
      "display_text_range": [
        "0",
        "71"
      ],
      "favorite_count": "887",
      "id_str": "1786113678504886384",
      "truncated": false,
      "retweet_count": "27",
      "id": "1786113678504886384",
      "created_at": "Thu May 02 19:21:00 +0000 2024",
      "favorited": false,
      "full_text": "This morning's bake &amp; a very interested cat 🐈 https://t.co/m4886384",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1779891680179126302"
          ],
          "editableUntil": "2024-04-15T16:17:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough",
            "indices": [
              "40",
              "50"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "50"
      ],
      "favorite_count": "446",
      "id_str": "1779891680179126302",
      "truncated": false,
      "retweet_count": "19",
      "id": "1779891680179126302",
      "created_at": "Mon Apr 15 15:17:00 +0000 2024",
      "favorited": false,
      "full_text": "Butter at room temperature, every time. #sourdough",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1779808381301686323"
          ],
          "editableUntil": "2024-04-15T10:46:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/6863230",
            "expanded_url": "https://maraquill.example/blog/cookbook",
            "display_url": "maraquill.example/blog/coo…",
            "indices": [
              "50",
              "70"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "70"
      ],
      "favorite_count": "124",
      "id_str": "1779808381301686323",
      "truncated": false,
      "retweet_count": "13",
      "id": "1779808381301686323",
      "created_at": "Mon Apr 15 09:46:00 +0000 2024",
      "favorited": false,
      "full_text": "New on the blog: I'm writing a book: Slow Bread 🍞 https://t.co/6863230",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1775229459624886353"
          ],
          "editableUntil": "2024-04-02T19:31:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "lotte_bakes",
            "screen_name": "lotte_bakes",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "1170870739"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "73"
      ],
      "favorite_count": "688",
      "id_str": "1775229459624886353",
      "truncated": false,
      "retweet_count": "40",
      "id": "1775229459624886353",
      "created_at": "Tue Apr 02 18:31:00 +0000 2024",
      "favorited": false,
      "full_text": "@lotte_bakes I'm vegetarian, so every recipe on the channel is meat-free.",
      "lang": "en",
      "in_reply_to_status_id_str": "1775229459620886353",
      "in_reply_to_status_id": "1775229459620886353",
      "in_reply_to_screen_name": "lotte_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1774023764997046401"
          ],
          "editableUntil": "2024-03-30T11:40:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "hollowmill",
            "screen_name": "hollowmill",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "3630474779"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "81"
      ],
      "favorite_count": "806",
      "id_str": "1774023764997046401",
      "truncated": false,
      "retweet_count": "38",
      "id": "1774023764997046401",
      "created_at": "Sat Mar 30 10:40:00 +0000 2024",
      "favorited": false,
      "full_text": "RT @hollowmill: Fresh stoneground wholemeal in this week, &amp; it smells amazing",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1772618253726646383"
          ],
          "editableUntil": "2024-03-26T14:35:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "87"
      ],
      "favorite_count": "198",
      "id_str": "1772618253726646383",
      "truncated": false,
      "retweet_count": "3",
      "id": "1772618253726646383",
      "created_at": "Tue Mar 26 13:35:00 +0000 2024",
      "favorited": false,
      "full_text": "Today's loaf: 30% wholemeal. Lesson: my kitchen was 19 °C, so bulk needed another hour.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1764950982128566301"
          ],
          "editableUntil": "2024-03-05T10:48:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "84"
      ],
      "favorite_count": "816",
      "id_str": "1764950982128566301",
      "truncated": false,
      "retweet_count": "12",
      "id": "1764950982128566301",
      "created_at": "Tue Mar 05 09:48:00 +0000 2024",
      "favorited": false,
      "full_text": "Label your starter jar with a rubber band at the level after feeding. Watch it rise.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1761799214330806352"
          ],
          "editableUntil": "2024-02-25T18:04:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "nadia_bakes",
            "screen_name": "nadia_bakes",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "3160332857"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "95"
      ],
      "favorite_count": "238",
      "id_str": "1761799214330806352",
      "truncated": false,
      "retweet_count": "13",
      "id": "1761799214330806352",
      "created_at": "Sun Feb 25 17:04:00 +0000 2024",
      "favorited": false,
      "full_text": "@nadia_bakes Decently! Three months in a Lyon bakery will do that. Mostly bakery French though.",
      "lang": "en",
      "in_reply_to_status_id_str": "1761799214326806352",
      "in_reply_to_status_id": "1761799214326806352",
      "in_reply_to_screen_name": "nadia_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1759277850424246382"
          ],
          "editableUntil": "2024-02-18T19:05:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "81"
      ],
      "favorite_count": "209",
      "id_str": "1759277850424246382",
      "truncated": false,
      "retweet_count": "0",
      "id": "1759277850424246382",
      "created_at": "Sun Feb 18 18:05:00 +0000 2024",
      "favorited": false,
      "full_text": "Today's loaf: 20% rye. Lesson: my kitchen was 19 °C, so bulk needed another hour.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1758858587796406322"
          ],
          "editableUntil": "2024-02-17T15:19:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/4063220",
            "expanded_url": "https://maraquill.example/blog/soup-and-bread",
            "display_url": "maraquill.example/blog/sou…",
            "indices": [
              "65",
              "85"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "85"
      ],
      "favorite_count": "492",
      "id_str": "1758858587796406322",
      "truncated": false,
      "retweet_count": "74",
      "id": "1758858587796406322",
      "created_at": "Sat Feb 17 14:19:00 +0000 2024",
      "favorited": false,
      "full_text": "New on the blog: Three soups that exist to be eaten with bread 🍞 https://t.co/4063220",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1750177385149366300"
          ],
          "editableUntil": "2024-01-24T16:23:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "59"
      ],
      "favorite_count": "886",
      "id_str": "1750177385149366300",
      "truncated": false,
      "retweet_count": "70",
      "id": "1750177385149366300",
      "created_at": "Wed Jan 24 15:23:00 +0000 2024",
      "favorited": false,
      "full_text": "Don't add flour to fix a wet dough. Give it time and folds.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1748379790341046351"
          ],
          "editableUntil": "2024-01-19T17:20:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "priya_bakes",
            "screen_name": "priya_bakes",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "28563811"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "146"
      ],
      "favorite_count": "829",
      "id_str": "1748379790341046351",
      "truncated": false,
      "retweet_count": "24",
      "id": "1748379790341046351",
      "created_at": "Fri Jan 19 16:20:00 +0000 2024",
      "favorited": false,
      "full_text": "@priya_bakes Probably under-fermented. Let bulk go until the dough has risen about 50% and looks domed and jiggly, and keep the dough at 24–26 °C.",
      "lang": "en",
      "in_reply_to_status_id_str": "1748379790337046351",
      "in_reply_to_status_id": "1748379790337046351",
      "in_reply_to_screen_name": "priya_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1745893910246326381"
          ],
          "editableUntil": "2024-01-12T20:42:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "70"
      ],
      "favorite_count": "504",
      "id_str": "1745893910246326381",
      "truncated": false,
      "retweet_count": "53",
      "id": "1745893910246326381",
      "created_at": "Fri Jan 12 19:42:00 +0000 2024",
      "favorited": false,
      "full_text": "Today's loaf: 20% rye. Lesson: bake darker, the lid came off too late.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1737805866070966321"
          ],
          "editableUntil": "2023-12-21T13:03:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/9663210",
            "expanded_url": "https://maraquill.example/blog/spelt-sandwich",
            "display_url": "maraquill.example/blog/spe…",
            "indices": [
              "46",
              "66"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "66"
      ],
      "favorite_count": "515",
      "id_str": "1737805866070966321",
      "truncated": false,
      "retweet_count": "55",
      "id": "1737805866070966321",
      "created_at": "Thu Dec 21 12:03:00 +0000 2023",
      "favorited": false,
      "full_text": "New on the blog: Seeded spelt sandwich loaf 🍞 https://t.co/9663210",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1735254051517366299"
          ],
          "editableUntil": "2023-12-14T12:03:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough",
            "indices": [
              "69",
              "79"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "79"
      ],
      "favorite_count": "151",
      "id_str": "1735254051517366299",
      "truncated": false,
      "retweet_count": "2",
      "id": "1735254051517366299",
      "created_at": "Thu Dec 14 11:03:00 +0000 2023",
      "favorited": false,
      "full_text": "Your oven lies. An oven thermometer costs less than one ruined bake. #sourdough",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1735018247746486350"
          ],
          "editableUntil": "2023-12-13T20:26:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "kai_bakes",
            "screen_name": "kai_bakes",
            "indices": [
              "0",
              "10"
            ],
            "id_str": "853817096"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "98"
      ],
      "favorite_count": "494",
      "id_str": "1735018247746486350",
      "truncated": false,
      "retweet_count": "68",
      "id": "1735018247746486350",
      "created_at": "Wed Dec 13 19:26:00 +0000 2023",
      "favorited": false,
      "full_text": "@kai_bakes French T65. It's lower in protein and stretchy, which is exactly what a baguette wants.",
      "lang": "en",
      "in_reply_to_status_id_str": "1735018247742486350",
      "in_reply_to_status_id": "1735018247742486350",
      "in_reply_to_screen_name": "kai_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1732331796034486380"
          ],
          "editableUntil": "2023-12-06T10:31:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "url": "https://t.co/m4486380",
            "expanded_url": "https://x.com/maraquill/status/1732331796034486380/photo/1",
            "type": "photo",
            "id_str": "1732331796034486380",
            "media_url_https": "https://pbs.twimg.example/media/x.jpg"
          }
        ]
      },
      "display_text_range": [
        "0",
        "49"
      ],
      "favorite_count": "48",
      "id_str": "1732331796034486380",
      "truncated": false,
      "retweet_count": "45",
      "id": "1732331796034486380",
      "created_at": "Wed Dec 06 09:31:00 +0000 2023",
      "favorited": false,
      "full_text": "Focaccia dimples by Elsie 👏 https://t.co/m4486380",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1721508981765046349"
          ],
          "editableUntil": "2023-11-06T13:45:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "tomasz_bakes",
            "screen_name": "tomasz_bakes",
            "indices": [
              "0",
              "13"
            ],
            "id_str": "2462550247"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "98"
      ],
      "favorite_count": "311",
      "id_str": "1721508981765046349",
      "truncated": false,
      "retweet_count": "23",
      "id": "1721508981765046349",
      "created_at": "Mon Nov 06 12:45:00 +0000 2023",
      "favorited": false,
      "full_text": "@tomasz_bakes Keep it to 30% of the flour, lower hydration, gentle folds. The flavour is worth it.",
      "lang": "en",
      "in_reply_to_status_id_str": "1721508981761046349",
      "in_reply_to_status_id": "1721508981761046349",
      "in_reply_to_screen_name": "tomasz_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1720457050321846298"
          ],
          "editableUntil": "2023-11-03T16:05:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "59"
      ],
      "favorite_count": "480",
      "id_str": "1720457050321846298",
      "truncated": false,
      "retweet_count": "60",
      "id": "1720457050321846298",
      "created_at": "Fri Nov 03 15:05:00 +0000 2023",
      "favorited": false,
      "full_text": "A tight crumb is usually under-fermentation, not bad flour.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1718990889415606379"
          ],
          "editableUntil": "2023-10-30T14:59:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "87"
      ],
      "favorite_count": "326",
      "id_str": "1718990889415606379",
      "truncated": false,
      "retweet_count": "23",
      "id": "1718990889415606379",
      "created_at": "Mon Oct 30 13:59:00 +0000 2023",
      "favorited": false,
      "full_text": "Today's loaf: 30% wholemeal. Lesson: my kitchen was 19 °C, so bulk needed another hour.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1716835184931766320"
          ],
          "editableUntil": "2023-10-24T16:13:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/7663200",
            "expanded_url": "https://maraquill.example/blog/bagels",
            "display_url": "maraquill.example/blog/bag…",
            "indices": [
              "42",
              "62"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "62"
      ],
      "favorite_count": "430",
      "id_str": "1716835184931766320",
      "truncated": false,
      "retweet_count": "63",
      "id": "1716835184931766320",
      "created_at": "Tue Oct 24 15:13:00 +0000 2023",
      "favorited": false,
      "full_text": "New on the blog: Chewy sourdough bagels 🍞 https://t.co/7663200",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1708069173457846348"
          ],
          "editableUntil": "2023-09-30T11:40:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "ines_bakes",
            "screen_name": "ines_bakes",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "401009759"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "93"
      ],
      "favorite_count": "875",
      "id_str": "1708069173457846348",
      "truncated": false,
      "retweet_count": "27",
      "id": "1708069173457846348",
      "created_at": "Sat Sep 30 10:40:00 +0000 2023",
      "favorited": false,
      "full_text": "@ines_bakes No, but I'll happily tell you how to make one. Two weeks, flour, water, patience.",
      "lang": "en",
      "in_reply_to_status_id_str": "1708069173453846348",
      "in_reply_to_status_id": "1708069173453846348",
      "in_reply_to_screen_name": "ines_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1705655519278006297"
          ],
          "editableUntil": "2023-09-23T19:49:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "55"
      ],
      "favorite_count": "353",
      "id_str": "1705655519278006297",
      "truncated": false,
      "retweet_count": "72",
      "id": "1705655519278006297",
      "created_at": "Sat Sep 23 18:49:00 +0000 2023",
      "favorited": false,
      "full_text": "Discard crumpets are the best reason to keep a starter.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1705617267225526378"
          ],
          "editableUntil": "2023-09-23T17:17:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "77"
      ],
      "favorite_count": "365",
      "id_str": "1705617267225526378",
      "truncated": false,
      "retweet_count": "22",
      "id": "1705617267225526378",
      "created_at": "Sat Sep 23 16:17:00 +0000 2023",
      "favorited": false,
      "full_text": "Today's loaf: 30% wholemeal. Lesson: the 45-minute autolyse really does help.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1701622695982006400"
          ],
          "editableUntil": "2023-09-12T16:44:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "hollowmill",
            "screen_name": "hollowmill",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "3630474779"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "81"
      ],
      "favorite_count": "123",
      "id_str": "1701622695982006400",
      "truncated": false,
      "retweet_count": "39",
      "id": "1701622695982006400",
      "created_at": "Tue Sep 12 15:44:00 +0000 2023",
      "favorited": false,
      "full_text": "RT @hollowmill: Fresh stoneground wholemeal in this week, &amp; it smells amazing",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1695778185016246319"
          ],
          "editableUntil": "2023-08-27T13:40:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/2463190",
            "expanded_url": "https://maraquill.example/blog/hot-cross-buns",
            "display_url": "maraquill.example/blog/hot…",
            "indices": [
              "44",
              "64"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "64"
      ],
      "favorite_count": "623",
      "id_str": "1695778185016246319",
      "truncated": false,
      "retweet_count": "31",
      "id": "1695778185016246319",
      "created_at": "Sun Aug 27 12:40:00 +0000 2023",
      "favorited": false,
      "full_text": "New on the blog: Sourdough hot cross buns 🍞 https://t.co/2463190",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1694783883310006347"
          ],
          "editableUntil": "2023-08-24T19:49:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "marco_bakes",
            "screen_name": "marco_bakes",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "999940182"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "119"
      ],
      "favorite_count": "618",
      "id_str": "1694783883310006347",
      "truncated": false,
      "retweet_count": "13",
      "id": "1694783883310006347",
      "created_at": "Thu Aug 24 18:49:00 +0000 2023",
      "favorited": false,
      "full_text": "@marco_bakes Enough for flavour and to tighten the gluten, not so much it slows the starter. It's the baker's standard.",
      "lang": "en",
      "in_reply_to_status_id_str": "1694783883306006347",
      "in_reply_to_status_id": "1694783883306006347",
      "in_reply_to_screen_name": "marco_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1692257234580406377"
          ],
          "editableUntil": "2023-08-17T20:29:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "77"
      ],
      "favorite_count": "152",
      "id_str": "1692257234580406377",
      "truncated": false,
      "retweet_count": "38",
      "id": "1692257234580406377",
      "created_at": "Thu Aug 17 19:29:00 +0000 2023",
      "favorited": false,
      "full_text": "Today's loaf: 10% wholemeal. Lesson: the 45-minute autolyse really does help.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1690781510661046296"
          ],
          "editableUntil": "2023-08-13T18:45:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough",
            "indices": [
              "63",
              "73"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "73"
      ],
      "favorite_count": "710",
      "id_str": "1690781510661046296",
      "truncated": false,
      "retweet_count": "39",
      "id": "1690781510661046296",
      "created_at": "Sun Aug 13 17:45:00 +0000 2023",
      "favorited": false,
      "full_text": "Cold proof 12–16 hours at 4 °C. Bake straight from the fridge. #sourdough",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1681348101534646346"
          ],
          "editableUntil": "2023-07-18T18:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "marco_bakes",
            "screen_name": "marco_bakes",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "999940182"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "73"
      ],
      "favorite_count": "103",
      "id_str": "1681348101534646346",
      "truncated": false,
      "retweet_count": "32",
      "id": "1681348101534646346",
      "created_at": "Tue Jul 18 17:00:00 +0000 2023",
      "favorited": false,
      "full_text": "@marco_bakes Bowl in the oven with just the light on. Cheap proofing box.",
      "lang": "en",
      "in_reply_to_status_id_str": "1681348101530646346",
      "in_reply_to_status_id": "1681348101530646346",
      "in_reply_to_screen_name": "marco_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1678745200358326376"
          ],
          "editableUntil": "2023-07-11T13:37:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "url": "https://t.co/m8326376",
            "expanded_url": "https://x.com/maraquill/status/1678745200358326376/photo/1",
            "type": "photo",
            "id_str": "1678745200358326376",
            "media_url_https": "https://pbs.twimg.example/media/x.jpg"
          }
        ]
      },
      "display_text_range": [
        "0",
        "49"
      ],
      "favorite_count": "405",
      "id_str": "1678745200358326376",
      "truncated": false,
      "retweet_count": "30",
      "id": "1678745200358326376",
      "created_at": "Tue Jul 11 12:37:00 +0000 2023",
      "favorited": false,
      "full_text": "Focaccia dimples by Elsie 👏 https://t.co/m8326376",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1675901965562806295"
          ],
          "editableUntil": "2023-07-03T17:19:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "59"
      ],
      "favorite_count": "349",
      "id_str": "1675901965562806295",
      "truncated": false,
      "retweet_count": "1",
      "id": "1675901965562806295",
      "created_at": "Mon Jul 03 16:19:00 +0000 2023",
      "favorited": false,
      "full_text": "Keep einkorn to about 30% of the flour or the loaf spreads.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1674831663068086318"
          ],
          "editableUntil": "2023-06-30T18:26:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/0863180",
            "expanded_url": "https://maraquill.example/blog/subscriptions-closing",
            "display_url": "maraquill.example/blog/sub…",
            "indices": [
              "59",
              "79"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "79"
      ],
      "favorite_count": "781",
      "id_str": "1674831663068086318",
      "truncated": false,
      "retweet_count": "64",
      "id": "1674831663068086318",
      "created_at": "Fri Jun 30 17:26:00 +0000 2023",
      "favorited": false,
      "full_text": "New on the blog: Why I'm closing the bread subscriptions 🍞 https://t.co/0863180",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1667883127403446345"
          ],
          "editableUntil": "2023-06-11T14:15:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "ravi_bakes",
            "screen_name": "ravi_bakes",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "646687961"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "82"
      ],
      "favorite_count": "579",
      "id_str": "1667883127403446345",
      "truncated": false,
      "retweet_count": "52",
      "id": "1667883127403446345",
      "created_at": "Sun Jun 11 13:15:00 +0000 2023",
      "favorited": false,
      "full_text": "@ravi_bakes Yes, soak the sultanas in tea. Plumper fruit, no burnt raisins on top.",
      "lang": "en",
      "in_reply_to_status_id_str": "1667883127399446345",
      "in_reply_to_status_id": "1667883127399446345",
      "in_reply_to_screen_name": "ravi_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1665323763102646375"
          ],
          "editableUntil": "2023-06-04T12:45:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "87"
      ],
      "favorite_count": "304",
      "id_str": "1665323763102646375",
      "truncated": false,
      "retweet_count": "22",
      "id": "1665323763102646375",
      "created_at": "Sun Jun 04 11:45:00 +0000 2023",
      "favorited": false,
      "full_text": "Today's loaf: 10% wholemeal. Lesson: my kitchen was 19 °C, so bulk needed another hour.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1661009334236086294"
          ],
          "editableUntil": "2023-05-23T15:01:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "56"
      ],
      "favorite_count": "410",
      "id_str": "1661009334236086294",
      "truncated": false,
      "retweet_count": "59",
      "id": "1661009334236086294",
      "created_at": "Tue May 23 14:01:00 +0000 2023",
      "favorited": false,
      "full_text": "Wholemeal drinks more water. Add 5% when you swap it in.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1654445835678646344"
          ],
          "editableUntil": "2023-05-05T12:20:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "marco_bakes",
            "screen_name": "marco_bakes",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "999940182"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "89"
      ],
      "favorite_count": "705",
      "id_str": "1654445835678646344",
      "truncated": false,
      "retweet_count": "47",
      "id": "1654445835678646344",
      "created_at": "Fri May 05 11:20:00 +0000 2023",
      "favorited": false,
      "full_text": "@marco_bakes About 300 a week at the peak, out of one deck oven in a rented kitchen unit.",
      "lang": "en",
      "in_reply_to_status_id_str": "1654445835674646344",
      "in_reply_to_status_id": "1654445835674646344",
      "in_reply_to_screen_name": "marco_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1653710238643126317"
          ],
          "editableUntil": "2023-05-03T11:37:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/1263170",
            "expanded_url": "https://maraquill.example/blog/schedule",
            "display_url": "maraquill.example/blog/sch…",
            "indices": [
              "52",
              "72"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "72"
      ],
      "favorite_count": "537",
      "id_str": "1653710238643126317",
      "truncated": false,
      "retweet_count": "56",
      "id": "1653710238643126317",
      "created_at": "Wed May 03 10:37:00 +0000 2023",
      "favorited": false,
      "full_text": "New on the blog: When new videos and lives happen 🍞 https://t.co/1263170",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1651990154572726374"
          ],
          "editableUntil": "2023-04-28T17:42:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "71"
      ],
      "favorite_count": "816",
      "id_str": "1651990154572726374",
      "truncated": false,
      "retweet_count": "58",
      "id": "1651990154572726374",
      "created_at": "Fri Apr 28 16:42:00 +0000 2023",
      "favorited": false,
      "full_text": "Today's loaf: all white. Lesson: score deeper and with more confidence.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1646191445406646293"
          ],
          "editableUntil": "2023-04-12T17:40:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough",
            "indices": [
              "39",
              "49"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "49"
      ],
      "favorite_count": "316",
      "id_str": "1646191445406646293",
      "truncated": false,
      "retweet_count": "15",
      "id": "1646191445406646293",
      "created_at": "Wed Apr 12 16:40:00 +0000 2023",
      "favorited": false,
      "full_text": "Score at about 30°, one confident cut. #sourdough",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1641152240808886343"
          ],
          "editableUntil": "2023-03-29T19:56:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "oskar_bakes",
            "screen_name": "oskar_bakes",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "81856027"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "119"
      ],
      "favorite_count": "72",
      "id_str": "1641152240808886343",
      "truncated": false,
      "retweet_count": "42",
      "id": "1641152240808886343",
      "created_at": "Wed Mar 29 18:56:00 +0000 2023",
      "favorited": false,
      "full_text": "@oskar_bakes 00 flour, 65% hydration, 48 hours cold. Four 225 g balls, stretched by hand, on a steel as hot as it goes.",
      "lang": "en",
      "in_reply_to_status_id_str": "1641152240804886343",
      "in_reply_to_status_id": "1641152240804886343",
      "in_reply_to_screen_name": "oskar_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1638469060654006373"
          ],
          "editableUntil": "2023-03-22T10:14:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "72"
      ],
      "favorite_count": "637",
      "id_str": "1638469060654006373",
      "truncated": false,
      "retweet_count": "46",
      "id": "1638469060654006373",
      "created_at": "Wed Mar 22 09:14:00 +0000 2023",
      "favorited": false,
      "full_text": "Today's loaf: all white. Lesson: bake darker, the lid came off too late.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1632751133782966316"
          ],
          "editableUntil": "2023-03-06T15:33:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/9663160",
            "expanded_url": "https://maraquill.example/blog/poolish-the-cat",
            "display_url": "maraquill.example/blog/poo…",
            "indices": [
              "50",
              "70"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "70"
      ],
      "favorite_count": "533",
      "id_str": "1632751133782966316",
      "truncated": false,
      "retweet_count": "54",
      "id": "1632751133782966316",
      "created_at": "Mon Mar 06 14:33:00 +0000 2023",
      "favorited": false,
      "full_text": "New on the blog: Yes, the cat is called Poolish 🍞 https://t.co/9663160",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1631337569448886292"
          ],
          "editableUntil": "2023-03-02T17:56:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "54"
      ],
      "favorite_count": "460",
      "id_str": "1631337569448886292",
      "truncated": false,
      "retweet_count": "39",
      "id": "1631337569448886292",
      "created_at": "Thu Mar 02 16:56:00 +0000 2023",
      "favorited": false,
      "full_text": "Steam for the first 20 minutes, then take the lid off.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1629057294136246399"
          ],
          "editableUntil": "2023-02-24T10:55:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "hollowmill",
            "screen_name": "hollowmill",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "3630474779"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "81"
      ],
      "favorite_count": "470",
      "id_str": "1629057294136246399",
      "truncated": false,
      "retweet_count": "56",
      "id": "1629057294136246399",
      "created_at": "Fri Feb 24 09:55:00 +0000 2023",
      "favorited": false,
      "full_text": "RT @hollowmill: Fresh stoneground wholemeal in this week, &amp; it smells amazing",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1627599186293686342"
          ],
          "editableUntil": "2023-02-20T10:21:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "ines_bakes",
            "screen_name": "ines_bakes",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "401009759"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "46"
      ],
      "favorite_count": "397",
      "id_str": "1627599186293686342",
      "truncated": false,
      "retweet_count": "55",
      "id": "1627599186293686342",
      "created_at": "Mon Feb 20 09:21:00 +0000 2023",
      "favorited": false,
      "full_text": "@ines_bakes Builder's tea, far too much of it.",
      "lang": "en",
      "in_reply_to_status_id_str": "1627599186289686342",
      "in_reply_to_status_id": "1627599186289686342",
      "in_reply_to_screen_name": "ines_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1625196353418166372"
          ],
          "editableUntil": "2023-02-13T19:13:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "url": "https://t.co/m8166372",
            "expanded_url": "https://x.com/maraquill/status/1625196353418166372/photo/1",
            "type": "photo",
            "id_str": "1625196353418166372",
            "media_url_https": "https://pbs.twimg.example/media/x.jpg"
          }
        ]
      },
      "display_text_range": [
        "0",
        "44"
      ],
      "favorite_count": "545",
      "id_str": "1625196353418166372",
      "truncated": false,
      "retweet_count": "42",
      "id": "1625196353418166372",
      "created_at": "Mon Feb 13 18:13:00 +0000 2023",
      "favorited": false,
      "full_text": "Market stall ready ☕️🥖 https://t.co/m8166372",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1616427573703606291"
          ],
          "editableUntil": "2023-01-20T14:29:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "73"
      ],
      "favorite_count": "898",
      "id_str": "1616427573703606291",
      "truncated": false,
      "retweet_count": "30",
      "id": "1616427573703606291",
      "created_at": "Fri Jan 20 13:29:00 +0000 2023",
      "favorited": false,
      "full_text": "If your loaf spreads, look at the shaping and the proof before the flour.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1614240411939766341"
          ],
          "editableUntil": "2023-01-14T13:38:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "tomasz_bakes",
            "screen_name": "tomasz_bakes",
            "indices": [
              "0",
              "13"
            ],
            "id_str": "2462550247"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "119"
      ],
      "favorite_count": "525",
      "id_str": "1614240411939766341",
      "truncated": false,
      "retweet_count": "48",
      "id": "1614240411939766341",
      "created_at": "Sat Jan 14 12:38:00 +0000 2023",
      "favorited": false,
      "full_text": "@tomasz_bakes At 24 °C about 5 hours for the Tuesday Loaf. Cooler kitchen, longer bulk. Watch the dough, not the clock.",
      "lang": "en",
      "in_reply_to_status_id_str": "1614240411935766341",
      "in_reply_to_status_id": "1614240411935766341",
      "in_reply_to_screen_name": "tomasz_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1611779446010806315"
          ],
          "editableUntil": "2023-01-07T18:39:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/8063150",
            "expanded_url": "https://maraquill.example/blog/discard",
            "display_url": "maraquill.example/blog/dis…",
            "indices": [
              "50",
              "70"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "70"
      ],
      "favorite_count": "592",
      "id_str": "1611779446010806315",
      "truncated": false,
      "retweet_count": "46",
      "id": "1611779446010806315",
      "created_at": "Sat Jan 07 17:39:00 +0000 2023",
      "favorited": false,
      "full_text": "New on the blog: Five things to do with discard 🍞 https://t.co/8063150",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1611711246627766371"
          ],
          "editableUntil": "2023-01-07T14:08:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "81"
      ],
      "favorite_count": "134",
      "id_str": "1611711246627766371",
      "truncated": false,
      "retweet_count": "40",
      "id": "1611711246627766371",
      "created_at": "Sat Jan 07 13:08:00 +0000 2023",
      "favorited": false,
      "full_text": "Today's loaf: 20% rye. Lesson: my kitchen was 19 °C, so bulk needed another hour.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1601567909606326290"
          ],
          "editableUntil": "2022-12-10T14:22:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough",
            "indices": [
              "49",
              "59"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "59"
      ],
      "favorite_count": "145",
      "id_str": "1601567909606326290",
      "truncated": false,
      "retweet_count": "22",
      "id": "1601567909606326290",
      "created_at": "Sat Dec 10 13:22:00 +0000 2022",
      "favorited": false,
      "full_text": "96 °C inside and the loaf is done. Rye wants 98. #sourdough",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1600881134269366340"
          ],
          "editableUntil": "2022-12-08T16:53:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "ravi_bakes",
            "screen_name": "ravi_bakes",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "646687961"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "95"
      ],
      "favorite_count": "843",
      "id_str": "1600881134269366340",
      "truncated": false,
      "retweet_count": "37",
      "id": "1600881134269366340",
      "created_at": "Thu Dec 08 15:53:00 +0000 2022",
      "favorited": false,
      "full_text": "@ravi_bakes A lame with a double-edged razor blade. Change the blade more often than you think.",
      "lang": "en",
      "in_reply_to_status_id_str": "1600881134265366340",
      "in_reply_to_status_id": "1600881134265366340",
      "in_reply_to_screen_name": "ravi_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1598341147653046370"
          ],
          "editableUntil": "2022-12-01T16:40:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "75"
      ],
      "favorite_count": "633",
      "id_str": "1598341147653046370",
      "truncated": false,
      "retweet_count": "33",
      "id": "1598341147653046370",
      "created_at": "Thu Dec 01 15:40:00 +0000 2022",
      "favorited": false,
      "full_text": "Today's loaf: 10% wholemeal. Lesson: score deeper and with more confidence.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1590647451939766314"
          ],
          "editableUntil": "2022-11-10T11:08:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/7663140",
            "expanded_url": "https://maraquill.example/blog/pizza",
            "display_url": "maraquill.example/blog/piz…",
            "indices": [
              "63",
              "83"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "83"
      ],
      "favorite_count": "441",
      "id_str": "1590647451939766314",
      "truncated": false,
      "retweet_count": "75",
      "id": "1590647451939766314",
      "created_at": "Thu Nov 10 10:08:00 +0000 2022",
      "favorited": false,
      "full_text": "New on the blog: Sourdough pizza with a 48-hour cold ferment 🍞 https://t.co/7663140",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1587386464465846339"
          ],
          "editableUntil": "2022-11-01T11:10:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "dele_bakes",
            "screen_name": "dele_bakes",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "2064403437"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "113"
      ],
      "favorite_count": "863",
      "id_str": "1587386464465846339",
      "truncated": false,
      "retweet_count": "2",
      "id": "1587386464465846339",
      "created_at": "Tue Nov 01 10:10:00 +0000 2022",
      "favorited": false,
      "full_text": "@dele_bakes 45 minutes of flour and water resting makes the dough stronger and easier to handle with zero effort.",
      "lang": "en",
      "in_reply_to_status_id_str": "1587386464461846339",
      "in_reply_to_status_id": "1587386464461846339",
      "in_reply_to_screen_name": "dele_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1586797332526006289"
          ],
          "editableUntil": "2022-10-30T20:09:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "42"
      ],
      "favorite_count": "279",
      "id_str": "1586797332526006289",
      "truncated": false,
      "retweet_count": "34",
      "id": "1586797332526006289",
      "created_at": "Sun Oct 30 19:09:00 +0000 2022",
      "favorited": false,
      "full_text": "Freeze bread sliced, toast it from frozen.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1584897061155766369"
          ],
          "editableUntil": "2022-10-25T14:18:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "73"
      ],
      "favorite_count": "365",
      "id_str": "1584897061155766369",
      "truncated": false,
      "retweet_count": "72",
      "id": "1584897061155766369",
      "created_at": "Tue Oct 25 13:18:00 +0000 2022",
      "favorited": false,
      "full_text": "Today's loaf: 15% einkorn. Lesson: score deeper and with more confidence.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1574087081456566338"
          ],
          "editableUntil": "2022-09-25T18:23:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "bex_bakes",
            "screen_name": "bex_bakes",
            "indices": [
              "0",
              "10"
            ],
            "id_str": "3684964563"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "86"
      ],
      "favorite_count": "154",
      "id_str": "1574087081456566338",
      "truncated": false,
      "retweet_count": "4",
      "id": "1574087081456566338",
      "created_at": "Sun Sep 25 17:23:00 +0000 2022",
      "favorited": false,
      "full_text": "@bex_bakes Crumpets. Then crackers. Then pancakes. Discard keeps a week in the fridge.",
      "lang": "en",
      "in_reply_to_status_id_str": "1574087081452566338",
      "in_reply_to_status_id": "1574087081452566338",
      "in_reply_to_screen_name": "bex_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1571862170956726288"
          ],
          "editableUntil": "2022-09-19T15:02:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "55"
      ],
      "favorite_count": "285",
      "id_str": "1571862170956726288",
      "truncated": false,
      "retweet_count": "43",
      "id": "1571862170956726288",
      "created_at": "Mon Sep 19 14:02:00 +0000 2022",
      "favorited": false,
      "full_text": "Feed 1:5:5 at night and the starter peaks by breakfast.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1571518909117366368"
          ],
          "editableUntil": "2022-09-18T16:18:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "url": "https://t.co/m7366368",
            "expanded_url": "https://x.com/maraquill/status/1571518909117366368/photo/1",
            "type": "photo",
            "id_str": "1571518909117366368",
            "media_url_https": "https://pbs.twimg.example/media/x.jpg"
          }
        ]
      },
      "display_text_range": [
        "0",
        "46"
      ],
      "favorite_count": "235",
      "id_str": "1571518909117366368",
      "truncated": false,
      "retweet_count": "11",
      "id": "1571518909117366368",
      "created_at": "Sun Sep 18 15:18:00 +0000 2022",
      "favorited": false,
      "full_text": "Crumb shot of the week 🔥 https://t.co/m7366368",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1569710241346486313"
          ],
          "editableUntil": "2022-09-13T16:31:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/4863130",
            "expanded_url": "https://maraquill.example/blog/lyon",
            "display_url": "maraquill.example/blog/lyo…",
            "indices": [
              "51",
              "71"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "71"
      ],
      "favorite_count": "206",
      "id_str": "1569710241346486313",
      "truncated": false,
      "retweet_count": "41",
      "id": "1569710241346486313",
      "created_at": "Tue Sep 13 15:31:00 +0000 2022",
      "favorited": false,
      "full_text": "New on the blog: What a summer in Lyon taught me 🍞 https://t.co/4863130",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1560663882593206337"
          ],
          "editableUntil": "2022-08-19T17:24:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "ravi_bakes",
            "screen_name": "ravi_bakes",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "646687961"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "104"
      ],
      "favorite_count": "865",
      "id_str": "1560663882593206337",
      "truncated": false,
      "retweet_count": "17",
      "id": "1560663882593206337",
      "created_at": "Fri Aug 19 16:24:00 +0000 2022",
      "favorited": false,
      "full_text": "@ravi_bakes My membership: a members-only recipe and a Q&amp;A every month, and first look at book news.",
      "lang": "en",
      "in_reply_to_status_id_str": "1560663882589206337",
      "in_reply_to_status_id": "1560663882589206337",
      "in_reply_to_screen_name": "ravi_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1558070292771766367"
          ],
          "editableUntil": "2022-08-12T13:38:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "77"
      ],
      "favorite_count": "799",
      "id_str": "1558070292771766367",
      "truncated": false,
      "retweet_count": "59",
      "id": "1558070292771766367",
      "created_at": "Fri Aug 12 12:38:00 +0000 2022",
      "favorited": false,
      "full_text": "Today's loaf: 30% wholemeal. Lesson: the 45-minute autolyse really does help.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1556949155312566287"
          ],
          "editableUntil": "2022-08-09T11:23:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough",
            "indices": [
              "66",
              "76"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "76"
      ],
      "favorite_count": "39",
      "id_str": "1556949155312566287",
      "truncated": false,
      "retweet_count": "31",
      "id": "1556949155312566287",
      "created_at": "Tue Aug 09 10:23:00 +0000 2022",
      "favorited": false,
      "full_text": "Stale sourdough makes the best croutons. Olive oil, salt, 180 °C. #sourdough",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1556681139286966398"
          ],
          "editableUntil": "2022-08-08T17:38:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "hollowmill",
            "screen_name": "hollowmill",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "3630474779"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "81"
      ],
      "favorite_count": "648",
      "id_str": "1556681139286966398",
      "truncated": false,
      "retweet_count": "2",
      "id": "1556681139286966398",
      "created_at": "Mon Aug 08 16:38:00 +0000 2022",
      "favorited": false,
      "full_text": "RT @hollowmill: Fresh stoneground wholemeal in this week, &amp; it smells amazing",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1548626817315766312"
          ],
          "editableUntil": "2022-07-17T12:13:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/7663120",
            "expanded_url": "https://maraquill.example/blog/scoring",
            "display_url": "maraquill.example/blog/sco…",
            "indices": [
              "38",
              "58"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "58"
      ],
      "favorite_count": "155",
      "id_str": "1548626817315766312",
      "truncated": false,
      "retweet_count": "77",
      "id": "1548626817315766312",
      "created_at": "Sun Jul 17 11:13:00 +0000 2022",
      "favorited": false,
      "full_text": "New on the blog: Scoring for an ear 🍞 https://t.co/7663120",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1547274405934006336"
          ],
          "editableUntil": "2022-07-13T18:39:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "bex_bakes",
            "screen_name": "bex_bakes",
            "indices": [
              "0",
              "10"
            ],
            "id_str": "3684964563"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "71"
      ],
      "favorite_count": "729",
      "id_str": "1547274405934006336",
      "truncated": false,
      "retweet_count": "64",
      "id": "1547274405934006336",
      "created_at": "Wed Jul 13 17:39:00 +0000 2022",
      "favorited": false,
      "full_text": "@bex_bakes I'm vegetarian, so every recipe on the channel is meat-free.",
      "lang": "en",
      "in_reply_to_status_id_str": "1547274405930006336",
      "in_reply_to_status_id": "1547274405930006336",
      "in_reply_to_screen_name": "bex_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1544727876203446366"
          ],
          "editableUntil": "2022-07-06T18:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "71"
      ],
      "favorite_count": "604",
      "id_str": "1544727876203446366",
      "truncated": false,
      "retweet_count": "6",
      "id": "1544727876203446366",
      "created_at": "Wed Jul 06 17:00:00 +0000 2022",
      "favorited": false,
      "full_text": "Today's loaf: all white. Lesson: score deeper and with more confidence.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1542181598131126286"
          ],
          "editableUntil": "2022-06-29T17:22:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "46"
      ],
      "favorite_count": "106",
      "id_str": "1542181598131126286",
      "truncated": false,
      "retweet_count": "23",
      "id": "1542181598131126286",
      "created_at": "Wed Jun 29 16:22:00 +0000 2022",
      "favorited": false,
      "full_text": "Bake darker than you think. Colour is flavour.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1533852717020086335"
          ],
          "editableUntil": "2022-06-06T17:46:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "hana_bakes",
            "screen_name": "hana_bakes",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "2327238913"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "93"
      ],
      "favorite_count": "334",
      "id_str": "1533852717020086335",
      "truncated": false,
      "retweet_count": "64",
      "id": "1533852717020086335",
      "created_at": "Mon Jun 06 16:46:00 +0000 2022",
      "favorited": false,
      "full_text": "@hana_bakes Yes. A baking steel plus a tray of boiling water underneath for steam works well.",
      "lang": "en",
      "in_reply_to_status_id_str": "1533852717016086335",
      "in_reply_to_status_id": "1533852717016086335",
      "in_reply_to_screen_name": "hana_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1531358280545206365"
          ],
          "editableUntil": "2022-05-30T20:34:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "66"
      ],
      "favorite_count": "16",
      "id_str": "1531358280545206365",
      "truncated": false,
      "retweet_count": "29",
      "id": "1531358280545206365",
      "created_at": "Mon May 30 19:34:00 +0000 2022",
      "favorited": false,
      "full_text": "Today's loaf: 15% einkorn. Lesson: trust the dough, not the clock.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1527647328138166311"
          ],
          "editableUntil": "2022-05-20T14:48:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/1663110",
            "expanded_url": "https://maraquill.example/blog/cold-proof",
            "display_url": "maraquill.example/blog/col…",
            "indices": [
              "45",
              "65"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "65"
      ],
      "favorite_count": "660",
      "id_str": "1527647328138166311",
      "truncated": false,
      "retweet_count": "74",
      "id": "1527647328138166311",
      "created_at": "Fri May 20 13:48:00 +0000 2022",
      "favorited": false,
      "full_text": "New on the blog: The cold proof, explained 🍞 https://t.co/1663110",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1527285695247286285"
          ],
          "editableUntil": "2022-05-19T14:51:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "50"
      ],
      "favorite_count": "307",
      "id_str": "1527285695247286285",
      "truncated": false,
      "retweet_count": "32",
      "id": "1527285695247286285",
      "created_at": "Thu May 19 13:51:00 +0000 2022",
      "favorited": false,
      "full_text": "A bench scraper is the cheapest upgrade in baking.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1520345715962806334"
          ],
          "editableUntil": "2022-04-30T11:14:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "kai_bakes",
            "screen_name": "kai_bakes",
            "indices": [
              "0",
              "10"
            ],
            "id_str": "853817096"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "93"
      ],
      "favorite_count": "616",
      "id_str": "1520345715962806334",
      "truncated": false,
      "retweet_count": "78",
      "id": "1520345715962806334",
      "created_at": "Sat Apr 30 10:14:00 +0000 2022",
      "favorited": false,
      "full_text": "@kai_bakes Good shaping tension, a cold dough, and one confident cut at about 30°, 1 cm deep.",
      "lang": "en",
      "in_reply_to_status_id_str": "1520345715958806334",
      "in_reply_to_status_id": "1520345715958806334",
      "in_reply_to_screen_name": "kai_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1517899849528246364"
          ],
          "editableUntil": "2022-04-23T17:15:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "url": "https://t.co/m8246364",
            "expanded_url": "https://x.com/maraquill/status/1517899849528246364/photo/1",
            "type": "photo",
            "id_str": "1517899849528246364",
            "media_url_https": "https://pbs.twimg.example/media/x.jpg"
          }
        ]
      },
      "display_text_range": [
        "0",
        "46"
      ],
      "favorite_count": "581",
      "id_str": "1517899849528246364",
      "truncated": false,
      "retweet_count": "53",
      "id": "1517899849528246364",
      "created_at": "Sat Apr 23 16:15:00 +0000 2022",
      "favorited": false,
      "full_text": "Crumb shot of the week 🔥 https://t.co/m8246364",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1512390798996406284"
          ],
          "editableUntil": "2022-04-08T12:24:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough",
            "indices": [
              "67",
              "77"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "77"
      ],
      "favorite_count": "574",
      "id_str": "1512390798996406284",
      "truncated": false,
      "retweet_count": "16",
      "id": "1512390798996406284",
      "created_at": "Fri Apr 08 11:24:00 +0000 2022",
      "favorited": false,
      "full_text": "Shaping is about tension on the surface, not squeezing the inside. #sourdough",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1507029220193206333"
          ],
          "editableUntil": "2022-03-24T17:19:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "jonas_bakes",
            "screen_name": "jonas_bakes",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "2764342724"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "90"
      ],
      "favorite_count": "773",
      "id_str": "1507029220193206333",
      "truncated": false,
      "retweet_count": "63",
      "id": "1507029220193206333",
      "created_at": "Thu Mar 24 16:19:00 +0000 2022",
      "favorited": false,
      "full_text": "@jonas_bakes The Tuesday Loaf, 30% wholemeal. I could eat it every day and I basically do.",
      "lang": "en",
      "in_reply_to_status_id_str": "1507029220189206333",
      "in_reply_to_status_id": "1507029220189206333",
      "in_reply_to_screen_name": "jonas_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1506652739466166310"
          ],
          "editableUntil": "2022-03-23T16:23:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/1663100",
            "expanded_url": "https://maraquill.example/blog/dense-crumb",
            "display_url": "maraquill.example/blog/den…",
            "indices": [
              "58",
              "78"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "78"
      ],
      "favorite_count": "481",
      "id_str": "1506652739466166310",
      "truncated": false,
      "retweet_count": "5",
      "id": "1506652739466166310",
      "created_at": "Wed Mar 23 15:23:00 +0000 2022",
      "favorited": false,
      "full_text": "New on the blog: Why is my sourdough dense? A checklist 🍞 https://t.co/1663100",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1504462306145206363"
          ],
          "editableUntil": "2022-03-17T15:19:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "72"
      ],
      "favorite_count": "609",
      "id_str": "1504462306145206363",
      "truncated": false,
      "retweet_count": "8",
      "id": "1504462306145206363",
      "created_at": "Thu Mar 17 14:19:00 +0000 2022",
      "favorited": false,
      "full_text": "Today's loaf: all white. Lesson: bake darker, the lid came off too late.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1497594804433846283"
          ],
          "editableUntil": "2022-02-26T16:30:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "54"
      ],
      "favorite_count": "518",
      "id_str": "1497594804433846283",
      "truncated": false,
      "retweet_count": "40",
      "id": "1497594804433846283",
      "created_at": "Sat Feb 26 15:30:00 +0000 2022",
      "favorited": false,
      "full_text": "Autolyse for 45 minutes and your dough will thank you.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1493592935101366332"
          ],
          "editableUntil": "2022-02-15T15:28:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "hana_bakes",
            "screen_name": "hana_bakes",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "2327238913"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "128"
      ],
      "favorite_count": "170",
      "id_str": "1493592935101366332",
      "truncated": false,
      "retweet_count": "24",
      "id": "1493592935101366332",
      "created_at": "Tue Feb 15 14:28:00 +0000 2022",
      "favorited": false,
      "full_text": "@hana_bakes A jar of starter from my friend Jo in 2014, a lot of flat loaves, and three months at a boulangerie in Lyon in 2016.",
      "lang": "en",
      "in_reply_to_status_id_str": "1493592935097366332",
      "in_reply_to_status_id": "1493592935097366332",
      "in_reply_to_screen_name": "hana_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1490989027292086362"
          ],
          "editableUntil": "2022-02-08T11:01:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "64"
      ],
      "favorite_count": "445",
      "id_str": "1490989027292086362",
      "truncated": false,
      "retweet_count": "16",
      "id": "1490989027292086362",
      "created_at": "Tue Feb 08 10:01:00 +0000 2022",
      "favorited": false,
      "full_text": "Today's loaf: all white. Lesson: trust the dough, not the clock.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1485557739156406309"
          ],
          "editableUntil": "2022-01-24T11:19:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/4063090",
            "expanded_url": "https://maraquill.example/blog/rye-caraway",
            "display_url": "maraquill.example/blog/rye…",
            "indices": [
              "51",
              "71"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "75"
      ],
      "favorite_count": "564",
      "id_str": "1485557739156406309",
      "truncated": false,
      "retweet_count": "46",
      "id": "1485557739156406309",
      "created_at": "Mon Jan 24 10:19:00 +0000 2022",
      "favorited": false,
      "full_text": "New on the blog: Rye &amp; caraway: a bread you pour 🍞 https://t.co/4063090",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1484166069089206397"
          ],
          "editableUntil": "2022-01-20T15:09:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "hollowmill",
            "screen_name": "hollowmill",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "3630474779"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "81"
      ],
      "favorite_count": "687",
      "id_str": "1484166069089206397",
      "truncated": false,
      "retweet_count": "4",
      "id": "1484166069089206397",
      "created_at": "Thu Jan 20 14:09:00 +0000 2022",
      "favorited": false,
      "full_text": "RT @hollowmill: Fresh stoneground wholemeal in this week, &amp; it smells amazing",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1482738160235446282"
          ],
          "editableUntil": "2022-01-16T16:35:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "51"
      ],
      "favorite_count": "11",
      "id_str": "1482738160235446282",
      "truncated": false,
      "retweet_count": "14",
      "id": "1482738160235446282",
      "created_at": "Sun Jan 16 15:35:00 +0000 2022",
      "favorited": false,
      "full_text": "Rye loves warmth. 27 °C water wakes a lazy starter.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1480153378452406331"
          ],
          "editableUntil": "2022-01-09T13:24:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "kai_bakes",
            "screen_name": "kai_bakes",
            "indices": [
              "0",
              "10"
            ],
            "id_str": "853817096"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "92"
      ],
      "favorite_count": "649",
      "id_str": "1480153378452406331",
      "truncated": false,
      "retweet_count": "52",
      "id": "1480153378452406331",
      "created_at": "Sun Jan 09 12:24:00 +0000 2022",
      "favorited": false,
      "full_text": "@kai_bakes Baking 300 loaves a week left no time to teach, and teaching is what I'm good at.",
      "lang": "en",
      "in_reply_to_status_id_str": "1480153378448406331",
      "in_reply_to_status_id": "1480153378448406331",
      "in_reply_to_screen_name": "kai_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1477706253726646361"
          ],
          "editableUntil": "2022-01-02T19:20:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "70"
      ],
      "favorite_count": "807",
      "id_str": "1477706253726646361",
      "truncated": false,
      "retweet_count": "53",
      "id": "1477706253726646361",
      "created_at": "Sun Jan 02 18:20:00 +0000 2022",
      "favorited": false,
      "full_text": "Today's loaf: 20% rye. Lesson: bake darker, the lid came off too late.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1467874972922806281"
          ],
          "editableUntil": "2021-12-06T16:14:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough",
            "indices": [
              "54",
              "64"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "64"
      ],
      "favorite_count": "339",
      "id_str": "1467874972922806281",
      "truncated": false,
      "retweet_count": "27",
      "id": "1467874972922806281",
      "created_at": "Mon Dec 06 15:14:00 +0000 2021",
      "favorited": false,
      "full_text": "An hour of cooling is part of the bake, not optional. #sourdough",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1466787054351286330"
          ],
          "editableUntil": "2021-12-03T16:11:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "lotte_bakes",
            "screen_name": "lotte_bakes",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "1170870739"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "97"
      ],
      "favorite_count": "868",
      "id_str": "1466787054351286330",
      "truncated": false,
      "retweet_count": "25",
      "id": "1466787054351286330",
      "created_at": "Fri Dec 03 15:11:00 +0000 2021",
      "favorited": false,
      "full_text": "@lotte_bakes Poolish! Ginger, bossy, adopted in 2021, banned from the kitchen (she ignores this).",
      "lang": "en",
      "in_reply_to_status_id_str": "1466787054347286330",
      "in_reply_to_status_id": "1466787054347286330",
      "in_reply_to_screen_name": "lotte_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1464602157511606308"
          ],
          "editableUntil": "2021-11-27T15:29:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/6063080",
            "expanded_url": "https://maraquill.example/blog/cinnamon-buns",
            "display_url": "maraquill.example/blog/cin…",
            "indices": [
              "63",
              "83"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "83"
      ],
      "favorite_count": "899",
      "id_str": "1464602157511606308",
      "truncated": false,
      "retweet_count": "26",
      "id": "1464602157511606308",
      "created_at": "Sat Nov 27 14:29:00 +0000 2021",
      "favorited": false,
      "full_text": "New on the blog: Sourdough cinnamon buns (Elsie's favourite) 🍞 https://t.co/6063080",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1464311995560886360"
          ],
          "editableUntil": "2021-11-26T20:16:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "url": "https://t.co/m0886360",
            "expanded_url": "https://x.com/maraquill/status/1464311995560886360/photo/1",
            "type": "photo",
            "id_str": "1464311995560886360",
            "media_url_https": "https://pbs.twimg.example/media/x.jpg"
          }
        ]
      },
      "display_text_range": [
        "0",
        "44"
      ],
      "favorite_count": "534",
      "id_str": "1464311995560886360",
      "truncated": false,
      "retweet_count": "74",
      "id": "1464311995560886360",
      "created_at": "Fri Nov 26 19:16:00 +0000 2021",
      "favorited": false,
      "full_text": "Market stall ready ☕️🥖 https://t.co/m0886360",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1453410915578806329"
          ],
          "editableUntil": "2021-10-27T18:19:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "lotte_bakes",
            "screen_name": "lotte_bakes",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "1170870739"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "146"
      ],
      "favorite_count": "786",
      "id_str": "1453410915578806329",
      "truncated": false,
      "retweet_count": "73",
      "id": "1453410915578806329",
      "created_at": "Wed Oct 27 17:19:00 +0000 2021",
      "favorited": false,
      "full_text": "@lotte_bakes Probably under-fermented. Let bulk go until the dough has risen about 50% and looks domed and jiggly, and keep the dough at 24–26 °C.",
      "lang": "en",
      "in_reply_to_status_id_str": "1453410915574806329",
      "in_reply_to_status_id": "1453410915574806329",
      "in_reply_to_screen_name": "lotte_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1452933771555766280"
          ],
          "editableUntil": "2021-10-26T10:43:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "49"
      ],
      "favorite_count": "294",
      "id_str": "1452933771555766280",
      "truncated": false,
      "retweet_count": "36",
      "id": "1452933771555766280",
      "created_at": "Tue Oct 26 09:43:00 +0000 2021",
      "favorited": false,
      "full_text": "Rice flour in the banneton. Nothing sticks to it.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1450819590681526359"
          ],
          "editableUntil": "2021-10-20T14:42:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "65"
      ],
      "favorite_count": "877",
      "id_str": "1450819590681526359",
      "truncated": false,
      "retweet_count": "37",
      "id": "1450819590681526359",
      "created_at": "Wed Oct 20 13:42:00 +0000 2021",
      "favorited": false,
      "full_text": "Today's loaf: 25% spelt. Lesson: a warm day means a shorter bulk.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1443661423702966307"
          ],
          "editableUntil": "2021-09-30T20:38:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/9663070",
            "expanded_url": "https://maraquill.example/blog/focaccia",
            "display_url": "maraquill.example/blog/foc…",
            "indices": [
              "46",
              "66"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "66"
      ],
      "favorite_count": "272",
      "id_str": "1443661423702966307",
      "truncated": false,
      "retweet_count": "47",
      "id": "1443661423702966307",
      "created_at": "Thu Sep 30 19:38:00 +0000 2021",
      "favorited": false,
      "full_text": "New on the blog: No-fuss sourdough focaccia 🍞 https://t.co/9663070",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1439941663257526328"
          ],
          "editableUntil": "2021-09-20T14:17:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "sofia_bakes",
            "screen_name": "sofia_bakes",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "3909307328"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "44"
      ],
      "favorite_count": "754",
      "id_str": "1439941663257526328",
      "truncated": false,
      "retweet_count": "33",
      "id": "1439941663257526328",
      "created_at": "Mon Sep 20 13:17:00 +0000 2021",
      "favorited": false,
      "full_text": "@sofia_bakes Every Tuesday at 17:00 UK time.",
      "lang": "en",
      "in_reply_to_status_id_str": "1439941663253526328",
      "in_reply_to_status_id": "1439941663253526328",
      "in_reply_to_screen_name": "sofia_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1438222334161846279"
          ],
          "editableUntil": "2021-09-15T20:25:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "71"
      ],
      "favorite_count": "215",
      "id_str": "1438222334161846279",
      "truncated": false,
      "retweet_count": "8",
      "id": "1438222334161846279",
      "created_at": "Wed Sep 15 19:25:00 +0000 2021",
      "favorited": false,
      "full_text": "Cut bread with a serrated knife and a light hand. Sawing, not pressing.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1437505611494326358"
          ],
          "editableUntil": "2021-09-13T20:57:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "83"
      ],
      "favorite_count": "493",
      "id_str": "1437505611494326358",
      "truncated": false,
      "retweet_count": "4",
      "id": "1437505611494326358",
      "created_at": "Mon Sep 13 19:57:00 +0000 2021",
      "favorited": false,
      "full_text": "Today's loaf: all white. Lesson: my kitchen was 19 °C, so bulk needed another hour.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1426540107002806327"
          ],
          "editableUntil": "2021-08-14T14:44:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "lotte_bakes",
            "screen_name": "lotte_bakes",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "1170870739"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "93"
      ],
      "favorite_count": "2",
      "id_str": "1426540107002806327",
      "truncated": false,
      "retweet_count": "17",
      "id": "1426540107002806327",
      "created_at": "Sat Aug 14 13:44:00 +0000 2021",
      "favorited": false,
      "full_text": "@lotte_bakes Hollow Mill's stoneground wholemeal. Nobody pays me to say that, I just like it.",
      "lang": "en",
      "in_reply_to_status_id_str": "1426540106998806327",
      "in_reply_to_status_id": "1426540106998806327",
      "in_reply_to_screen_name": "lotte_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1424072597959606357"
          ],
          "editableUntil": "2021-08-07T19:19:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "76"
      ],
      "favorite_count": "857",
      "id_str": "1424072597959606357",
      "truncated": false,
      "retweet_count": "41",
      "id": "1424072597959606357",
      "created_at": "Sat Aug 07 18:19:00 +0000 2021",
      "favorited": false,
      "full_text": "Today's loaf: 10% wholemeal. Lesson: bake darker, the lid came off too late.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1423235330995126278"
          ],
          "editableUntil": "2021-08-05T11:52:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough",
            "indices": [
              "69",
              "79"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "79"
      ],
      "favorite_count": "741",
      "id_str": "1423235330995126278",
      "truncated": false,
      "retweet_count": "17",
      "id": "1423235330995126278",
      "created_at": "Thu Aug 05 10:52:00 +0000 2021",
      "favorited": false,
      "full_text": "Stretch and folds: grab, lift, fold, quarter turn. Four times. Done. #sourdough",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1422604675445686306"
          ],
          "editableUntil": "2021-08-03T18:06:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/6863060",
            "expanded_url": "https://maraquill.example/blog/flour-guide",
            "display_url": "maraquill.example/blog/flo…",
            "indices": [
              "47",
              "67"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "67"
      ],
      "favorite_count": "441",
      "id_str": "1422604675445686306",
      "truncated": false,
      "retweet_count": "14",
      "id": "1422604675445686306",
      "created_at": "Tue Aug 03 17:06:00 +0000 2021",
      "favorited": false,
      "full_text": "New on the blog: Which flour for which bread 🍞 https://t.co/6863060",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1413090735682486326"
          ],
          "editableUntil": "2021-07-08T12:01:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "lotte_bakes",
            "screen_name": "lotte_bakes",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "1170870739"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "70"
      ],
      "favorite_count": "429",
      "id_str": "1413090735682486326",
      "truncated": false,
      "retweet_count": "39",
      "id": "1413090735682486326",
      "created_at": "Thu Jul 08 11:01:00 +0000 2021",
      "favorited": false,
      "full_text": "@lotte_bakes 12–16 hours at 4 °C, and I bake straight from the fridge.",
      "lang": "en",
      "in_reply_to_status_id_str": "1413090735678486326",
      "in_reply_to_status_id": "1413090735678486326",
      "in_reply_to_screen_name": "lotte_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1408453680952246277"
          ],
          "editableUntil": "2021-06-25T16:55:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "71"
      ],
      "favorite_count": "675",
      "id_str": "1408453680952246277",
      "truncated": false,
      "retweet_count": "32",
      "id": "1408453680952246277",
      "created_at": "Fri Jun 25 15:55:00 +0000 2021",
      "favorited": false,
      "full_text": "Dough temperature matters more than room temperature. Aim for 24–26 °C.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1401468906501046305"
          ],
          "editableUntil": "2021-06-06T10:20:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/0463050",
            "expanded_url": "https://maraquill.example/blog/meet-barty",
            "display_url": "maraquill.example/blog/mee…",
            "indices": [
              "47",
              "67"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "67"
      ],
      "favorite_count": "714",
      "id_str": "1401468906501046305",
      "truncated": false,
      "retweet_count": "0",
      "id": "1401468906501046305",
      "created_at": "Sun Jun 06 09:20:00 +0000 2021",
      "favorited": false,
      "full_text": "New on the blog: Meet Barty, my 2014 starter 🍞 https://t.co/0463050",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1399749577405366325"
          ],
          "editableUntil": "2021-06-01T16:28:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "dele_bakes",
            "screen_name": "dele_bakes",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "2064403437"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "113"
      ],
      "favorite_count": "279",
      "id_str": "1399749577405366325",
      "truncated": false,
      "retweet_count": "70",
      "id": "1399749577405366325",
      "created_at": "Tue Jun 01 15:28:00 +0000 2021",
      "favorited": false,
      "full_text": "@dele_bakes 75%, with 15 g of water held back for the salt. If you're new to sourdough, start at 70% and work up.",
      "lang": "en",
      "in_reply_to_status_id_str": "1399749577401366325",
      "in_reply_to_status_id": "1399749577401366325",
      "in_reply_to_screen_name": "dele_bakes",
      "in_reply_to_user_id": "1",
      "in_reply_to_user_id_str": "1"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1393614652830646276"
          ],
          "editableUntil": "2021-05-15T18:10:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "71"
      ],
      "favorite_count": "70",
      "id_str": "1393614652830646276",
      "truncated": false,
      "retweet_count": "56",
      "id": "1393614652830646276",
      "created_at": "Sat May 15 17:10:00 +0000 2021",
      "favorited": false,
      "full_text": "The float test is a hint, not a law. A doubled, domed starter is ready.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1380525656110006304"
          ],
          "editableUntil": "2021-04-09T15:19:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/0063040",
            "expanded_url": "https://maraquill.example/blog/how-quill-and-crumb-began",
            "display_url": "maraquill.example/blog/how…",
            "indices": [
              "43",
              "63"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "67"
      ],
      "favorite_count": "327",
      "id_str": "1380525656110006304",
      "truncated": false,
      "retweet_count": "73",
      "id": "1380525656110006304",
      "created_at": "Fri Apr 09 14:19:00 +0000 2021",
      "favorited": false,
      "full_text": "New on the blog: How Quill &amp; Crumb began 🍞 https://t.co/0063040",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1378711955174326275"
          ],
          "editableUntil": "2021-04-04T15:12:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough",
            "indices": [
              "62",
              "72"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "72"
      ],
      "favorite_count": "383",
      "id_str": "1378711955174326275",
      "truncated": false,
      "retweet_count": "19",
      "id": "1378711955174326275",
      "created_at": "Sun Apr 04 14:12:00 +0000 2021",
      "favorited": false,
      "full_text": "If the dough sticks to your hands, wet them. Don't add flour. #sourdough",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1363791138124726274"
          ],
          "editableUntil": "2021-02-22T11:02:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "39"
      ],
      "favorite_count": "112",
      "id_str": "1363791138124726274",
      "truncated": false,
      "retweet_count": "22",
      "id": "1363791138124726274",
      "created_at": "Mon Feb 22 10:02:00 +0000 2021",
      "favorited": false,
      "full_text": "Salt at 2% of the flour weight. Always.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1359551955071926303"
          ],
          "editableUntil": "2021-02-10T18:17:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/9263030",
            "expanded_url": "https://maraquill.example/blog/tuesday-loaf",
            "display_url": "maraquill.example/blog/tue…",
            "indices": [
              "76",
              "96"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "96"
      ],
      "favorite_count": "750",
      "id_str": "1359551955071926303",
      "truncated": false,
      "retweet_count": "70",
      "id": "1359551955071926303",
      "created_at": "Wed Feb 10 17:17:00 +0000 2021",
      "favorited": false,
      "full_text": "New on the blog: The Tuesday Loaf: my everyday 30% wholemeal country loaf 🍞 https://t.co/9263030",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1349052521640886273"
          ],
          "editableUntil": "2021-01-12T18:56:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "40"
      ],
      "favorite_count": "147",
      "id_str": "1349052521640886273",
      "truncated": false,
      "retweet_count": "66",
      "id": "1349052521640886273",
      "created_at": "Tue Jan 12 17:56:00 +0000 2021",
      "favorited": false,
      "full_text": "Weigh your water. Cups lie, grams don't.",
      "lang": "en"
    }
  }
]