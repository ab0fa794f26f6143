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
      "id_str": "170310000