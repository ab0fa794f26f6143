window.YTD.like.part0 = [
  {"like": {"tweetId": "1", "fullText": "someone else's tweet, not Juno's words"}}
]
