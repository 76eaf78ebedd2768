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
  }
]