window.YTD.tweets.part0 = [
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1612000000000000101"
          ],
          "editableUntil": "2023-01-08T08:12:00.000Z",
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
      "favorite_count": "120",
      "id_str": "1612000000000000101",
      "truncated": false,
      "retweet_count": "9",
      "id": "1612000000000000101",
      "created_at": "Sun Jan 08 07:12:00 +0000 2023",
      "favorited": false,
      "full_text": "New year, same rule: two full rest days a week. Rest is training too. 🧗",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1625000000000000102"
          ],
          "editableUntil": "2023-02-14T20:30:00.000Z",
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
            "url": "https://t.co/sk1nTape1",
            "expanded_url": "https://juno.example/blog/skin-and-tape",
            "display_url": "juno.example/blog/skin-a…",
            "indices": [
              "0",
              "23"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "100"
      ],
      "favorite_count": "120",
      "id_str": "1625000000000000102",
      "truncated": false,
      "retweet_count": "9",
      "id": "1625000000000000102",
      "created_at": "Tue Feb 14 19:30:00 +0000 2023",
      "favorited": false,
      "full_text": "Skin care post is up: sandpaper, balm at night, and the H-tape for split tips https://t.co/sk1nTape1",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1625100000000000103"
          ],
          "editableUntil": "2023-02-15T09:02:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "rockdad_ben",
            "screen_name": "rockdad_ben",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "99000111"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "73"
      ],
      "favorite_count": "120",
      "id_str": "1625100000000000103",
      "truncated": false,
      "retweet_count": "9",
      "id": "1625100000000000103",
      "created_at": "Wed Feb 15 08:02:00 +0000 2023",
      "favorited": false,
      "full_text": "@rockdad_ben Yes, 220 grit. Finer just polishes them, coarser tears them.",
      "lang": "en",
      "in_reply_to_screen_name": "rockdad_ben",
      "in_reply_to_status_id_str": "1625100000000000096",
      "in_reply_to_user_id_str": "99000111"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1703000000000000104"
          ],
          "editableUntil": "2023-09-14T21:05:00.000Z",
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
      "favorite_count": "120",
      "id_str": "1703000000000000104",
      "truncated": false,
      "retweet_count": "9",
      "id": "1703000000000000104",
      "created_at": "Thu Sep 14 20:05:00 +0000 2023",
      "favorited": false,
      "full_text": "Harrowdale 50K done. 6:48:12. Legs: gone. Heart: full.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1703100000000000105"
          ],
          "editableUntil": "2023-09-15T10:40:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "trailtam",
            "screen_name": "trailtam",
            "indices": [
              "0",
              "9"
            ],
            "id_str": "99000111"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "73"
      ],
      "favorite_count": "120",
      "id_str": "1703100000000000105",
      "truncated": false,
      "retweet_count": "9",
      "id": "1703100000000000105",
      "created_at": "Fri Sep 15 09:40:00 +0000 2023",
      "favorited": false,
      "full_text": "@trailtam @mossyfeet Thank you both! 31st woman of 112, and I'll take it.",
      "lang": "en",
      "in_reply_to_screen_name": "trailtam",
      "in_reply_to_status_id_str": "1703100000000000098",
      "in_reply_to_user_id_str": "99000111"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1703200000000000106"
          ],
          "editableUntil": "2023-09-15T13:00:00.000Z",
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
        "78"
      ],
      "favorite_count": "120",
      "id_str": "1703200000000000106",
      "truncated": false,
      "retweet_count": "9",
      "id": "1703200000000000106",
      "created_at": "Fri Sep 15 12:00:00 +0000 2023",
      "favorited": false,
      "full_text": "RT @harrowdale_trail: Congratulations to all 412 finishers of this year's 50K!",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1755000000000000107"
          ],
          "editableUntil": "2024-02-05T18:00:00.000Z",
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
            "url": "https://t.co/s3ndSch00l",
            "expanded_url": "https://juno.example/send-school",
            "display_url": "juno.example/send-school…",
            "indices": [
              "0",
              "23"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "120"
      ],
      "favorite_count": "120",
      "id_str": "1755000000000000107",
      "truncated": false,
      "retweet_count": "9",
      "id": "1755000000000000107",
      "created_at": "Mon Feb 05 17:00:00 +0000 2024",
      "favorited": false,
      "full_text": "Send School opens 1 March: 8 weeks, £149, only on my site. Anyone selling it elsewhere isn't me. https://t.co/s3ndSch00l",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1755200000000000108"
          ],
          "editableUntil": "2024-02-06T11:15:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "v4_forever",
            "screen_name": "v4_forever",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "99000111"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "80"
      ],
      "favorite_count": "120",
      "id_str": "1755200000000000108",
      "truncated": false,
      "retweet_count": "9",
      "id": "1755200000000000108",
      "created_at": "Tue Feb 06 10:15:00 +0000 2024",
      "favorited": false,
      "full_text": "@v4_forever It's for V3 to V7. Newer than that? Climb lots, come back next year.",
      "lang": "en",
      "in_reply_to_screen_name": "v4_forever",
      "in_reply_to_status_id_str": "1755200000000000101",
      "in_reply_to_user_id_str": "99000111"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1790000000000000109"
          ],
          "editableUntil": "2024-05-12T07:30:00.000Z",
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
        "114"
      ],
      "favorite_count": "120",
      "id_str": "1790000000000000109",
      "truncated": false,
      "retweet_count": "9",
      "id": "1790000000000000109",
      "created_at": "Sun May 12 06:30:00 +0000 2024",
      "favorited": false,
      "full_text": "Scree did 15 km of ridge with me this morning and still wanted to play fetch after. Border collies are not normal.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1801000000000000110"
          ],
          "editableUntil": "2024-06-20T19:00:00.000Z",
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
      "favorite_count": "120",
      "id_str": "1801000000000000110",
      "truncated": false,
      "retweet_count": "9",
      "id": "1801000000000000110",
      "created_at": "Thu Jun 20 18:00:00 +0000 2024",
      "favorited": false,
      "full_text": "New video Thursday 18:00 CET: my pre-season power block, the public version.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1801100000000000111"
          ],
          "editableUntil": "2024-06-21T08:50:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "gritstone_gabi",
            "screen_name": "gritstone_gabi",
            "indices": [
              "0",
              "15"
            ],
            "id_str": "99000111"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "89"
      ],
      "favorite_count": "120",
      "id_str": "1801100000000000111",
      "truncated": false,
      "retweet_count": "9",
      "id": "1801100000000000111",
      "created_at": "Fri Jun 21 07:50:00 +0000 2024",
      "favorited": false,
      "full_text": "@gritstone_gabi 3 minutes between attempts, stop at 20 good ones or the first sloppy one.",
      "lang": "en",
      "in_reply_to_screen_name": "gritstone_gabi",
      "in_reply_to_status_id_str": "1801100000000000104",
      "in_reply_to_user_id_str": "99000111"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1850000000000000112"
          ],
          "editableUntil": "2024-11-03T22:10:00.000Z",
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
      "favorite_count": "120",
      "id_str": "1850000000000000112",
      "truncated": false,
      "retweet_count": "9",
      "id": "1850000000000000112",
      "created_at": "Sun Nov 03 21:10:00 +0000 2024",
      "favorited": false,
      "full_text": "Lumo 400 + spare battery + microspikes. Winter kit is back in the vest.",
      "lang": "en"
    }
  }
]
