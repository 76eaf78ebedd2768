window.YTD.tweets.part0 = [
  {
    "tweet": {
      "edit_info": {},
      "retweeted": false,
      "source": "web",
      "entities": {
        "user_mentions": [
          {
            "name": "Two",
            "screen_name": "two",
            "indices": [
              "6",
              "10"
            ],
            "id_str": "222",
            "id": "222"
          }
        ]
      },
      "favorite_count": "0",
      "truncated": false,
      "retweet_count": "0",
      "favorited": false,
      "lang": "en",
      "id_str": "7001",
      "id": "7001",
      "created_at": "Wed Oct 10 20:19:24 +0000 2018",
      "full_text": "hello @two"
    }
  },
  {
    "tweet": {
      "edit_info": {},
      "retweeted": false,
      "source": "web",
      "entities": {
        "user_mentions": [
          {
            "name": "Three",
            "screen_name": "three",
            "indices": [
              "0",
              "6"
            ],
            "id_str": "333",
            "id": "333"
          }
        ]
      },
      "favorite_count": "0",
      "truncated": false,
      "retweet_count": "0",
      "favorited": false,
      "lang": "en",
      "id_str": "7002",
      "id": "7002",
      "created_at": "Wed Oct 10 21:00:00 +0000 2018",
      "full_text": "@three agreed",
      "in_reply_to_status_id_str": "6999",
      "in_reply_to_user_id_str": "333",
      "in_reply_to_screen_name": "three"
    }
  },
  {
    "tweet": {
      "edit_info": {},
      "retweeted": false,
      "source": "web",
      "entities": {
        "user_mentions": [
          {
            "name": "Four",
            "screen_name": "four",
            "indices": [
              "3",
              "8"
            ],
            "id_str": "444",
            "id": "444"
          }
        ]
      },
      "favorite_count": "0",
      "truncated": false,
      "retweet_count": "0",
      "favorited": false,
      "lang": "en",
      "id_str": "7003",
      "id": "7003",
      "created_at": "Thu Oct 11 08:00:00 +0000 2018",
      "full_text": "RT @four: something"
    }
  },
  {
    "tweet": {
      "edit_info": {},
      "retweeted": false,
      "source": "web",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "favorite_count": "0",
      "truncated": false,
      "retweet_count": "0",
      "favorited": false,
      "lang": "en",
      "id_str": "7004",
      "id": "7004",
      "full_text": "no date"
    }
  },
  {
    "tweet": {
      "edit_info": {},
      "retweeted": false,
      "source": "web",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/x050",
            "expanded_url": "https://twitter.com/Two/status/6001",
            "display_url": "twitter.com/Two/status/600…",
            "indices": [
              "10",
              "33"
            ]
          }
        ]
      },
      "favorite_count": "0",
      "truncated": false,
      "retweet_count": "0",
      "favorited": false,
      "lang": "en",
      "id_str": "7005",
      "id": "7005",
      "created_at": "Fri Oct 12 09:00:00 +0000 2018",
      "full_text": "so true https://t.co/x050"
    }
  },
  {
    "tweet": {
      "edit_info": {},
      "retweeted": false,
      "source": "web",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "Five",
            "screen_name": "five",
            "indices": [
              "0",
              "5"
            ],
            "id_str": "555",
            "id": "555"
          }
        ],
        "urls": [
          {
            "url": "https://t.co/x060",
            "expanded_url": "https://twitter.com/five/status/6002",
            "display_url": "twitter.com/five/status/60…",
            "indices": [
              "10",
              "33"
            ]
          }
        ]
      },
      "favorite_count": "0",
      "truncated": false,
      "retweet_count": "0",
      "favorited": false,
      "lang": "en",
      "id_str": "7006",
      "id": "7006",
      "created_at": "Fri Oct 12 10:00:00 +0000 2018",
      "full_text": "@five see https://t.co/x060",
      "is_quote_status": true,
      "quoted_status_id_str": "6002",
      "quoted_status_id": "6002",
      "quoted_status_permalink": {
        "url": "https://t.co/x060",
        "expanded": "https://twitter.com/five/status/6002",
        "display": "twitter.com/five/status/6…"
      }
    }
  },
  {
    "tweet": {
      "edit_info": {},
      "retweeted": false,
      "source": "web",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/x070",
            "expanded_url": "https://x.com/owner/status/7001?s=20",
            "display_url": "x.com/owner/status/7001?s=…",
            "indices": [
              "10",
              "33"
            ]
          }
        ]
      },
      "favorite_count": "0",
      "truncated": false,
      "retweet_count": "0",
      "favorited": false,
      "lang": "en",
      "id_str": "7007",
      "id": "7007",
      "created_at": "Fri Oct 12 11:00:00 +0000 2018",
      "full_text": "again https://t.co/x070"
    }
  },
  {
    "tweet": {
      "edit_info": {},
      "retweeted": false,
      "source": "web",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/x080",
            "expanded_url": "https://twitter.com/nobody/status/6003",
            "display_url": "twitter.com/nobody/status/…",
            "indices": [
              "10",
              "33"
            ]
          },
          {
            "url": "https://t.co/x081",
            "expanded_url": "https://example.org/not-a-tweet",
            "display_url": "example.org/not-a-tweet…",
            "indices": [
              "10",
              "33"
            ]
          }
        ]
      },
      "favorite_count": "0",
      "truncated": false,
      "retweet_count": "0",
      "favorited": false,
      "lang": "en",
      "id_str": "7008",
      "id": "7008",
      "created_at": "Fri Oct 12 12:00:00 +0000 2018",
      "full_text": "hm https://t.co/x080 https://t.co/x081"
    }
  },
  {
    "tweet": {
      "edit_info": {},
      "retweeted": false,
      "source": "web",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/x090",
            "expanded_url": "https://x.com/i/web/status/7002",
            "display_url": "x.com/i/web/status/7002…",
            "indices": [
              "10",
              "33"
            ]
          }
        ]
      },
      "favorite_count": "0",
      "truncated": false,
      "retweet_count": "0",
      "favorited": false,
      "lang": "en",
      "id_str": "7009",
      "id": "7009",
      "created_at": "Fri Oct 12 13:00:00 +0000 2018",
      "full_text": "this https://t.co/x090"
    }
  }
]