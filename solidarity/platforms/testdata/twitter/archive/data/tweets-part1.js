window.YTD.tweets.part1 = [
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
      "id_str": "7010",
      "id": "7010",
      "created_at": "Sat Oct 13 08:00:00 +0000 2018",
      "full_text": "and more",
      "in_reply_to_status_id_str": "7009",
      "in_reply_to_status_id": "7009",
      "in_reply_to_user_id_str": "500",
      "in_reply_to_user_id": "500",
      "in_reply_to_screen_name": "owner"
    }
  }
]