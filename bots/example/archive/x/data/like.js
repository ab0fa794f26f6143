window.YTD.like.part0 = [
  {
    "like": {
      "tweetId": "1",
      "fullText": "not mine"
    }
  },
  {
    "like": {
      "tweetId": "1399749577401366325",
      "fullText": "@maraquill What hydration is the Tuesday Loaf?",
      "expandedUrl": "https://twitter.com/i/web/status/1399749577401366325"
    }
  },
  {
    "like": {
      "tweetId": "1413090735678486326",
      "fullText": "@maraquill How long do you cold proof?",
      "expandedUrl": "https://twitter.com/i/web/status/1413090735678486326"
    }
  },
  {
    "like": {
      "tweetId": "1426540106998806327",
      "fullText": "@maraquill Where do you buy your wholemeal?",
      "expandedUrl": "https://twitter.com/i/web/status/1426540106998806327"
    }
  },
  {
    "like": {
      "tweetId": "1439941663253526328",
      "fullText": "@maraquill What time do new videos come out?",
      "expandedUrl": "https://twitter.com/i/web/status/1439941663253526328"
    }
  },
  {
    "like": {
      "tweetId": "1453410915574806329",
      "fullText": "@maraquill My loaf is dense, what am I doing wrong?",
      "expandedUrl": "https://twitter.com/i/web/status/1453410915574806329"
    }
  },
  {
    "like": {
      "tweetId": "1466787054347286330",
      "fullText": "@maraquill What's the cat's name?",
      "expandedUrl": "https://twitter.com/i/web/status/1466787054347286330"
    }
  },
  {
    "like": {
      "tweetId": "1480153378448406331",
      "fullText": "@maraquill Why did you stop the subscriptions?",
      "expandedUrl": "https://twitter.com/i/web/status/1480153378448406331"
    }
  },
  {
    "like": {
      "tweetId": "1493592935097366332",
      "fullText": "@maraquill How did you learn to bake?",
      "expandedUrl": "https://twitter.com/i/web/status/1493592935097366332"
    }
  },
  {
    "like": {
      "tweetId": "1507029220189206333",
      "fullText": "@maraquill What's your favourite loaf?",
      "expandedUrl": "https://twitter.com/i/web/status/1507029220189206333"
    }
  },
  {
    "like": {
      "tweetId": "1520345715958806334",
      "fullText": "@maraquill How do I get an ear?",
      "expandedUrl": "https://twitter.com/i/web/status/1520345715958806334"
    }
  },
  {
    "like": {
      "tweetId": "1533852717016086335",
      "fullText": "@maraquill Can I make your recipes without a Dutch oven?",
      "expandedUrl": "https://twitter.com/i/web/status/1533852717016086335"
    }
  },
  {
    "like": {
      "tweetId": "1547274405930006336",
      "fullText": "@maraquill Do you eat meat?",
      "expandedUrl": "https://twitter.com/i/web/status/1547274405930006336"
    }
  },
  {
    "like": {
      "tweetId": "1560663882589206337",
      "fullText": "@maraquill What's Crumb Club?",
      "expandedUrl": "https://twitter.com/i/web/status/1560663882589206337"
    }
  },
  {
    "like": {
      "tweetId": "1574087081452566338",
      "fullText": "@maraquill What should I do with discard?",
      "expandedUrl": "https://twitter.com/i/web/status/1574087081452566338"
    }
  },
  {
    "like": {
      "tweetId": "1587386464461846339",
      "fullText": "@maraquill Why do you autolyse?",
      "expandedUrl": "https://twitter.com/i/web/status/1587386464461846339"
    }
  },
  {
    "like": {
      "tweetId": "1600881134265366340",
      "fullText": "@maraquill What's your scoring blade?",
      "expandedUrl": "https://twitter.com/i/web/status/1600881134265366340"
    }
  },
  {
    "like": {
      "tweetId": "1614240411935766341",
      "fullText": "@maraquill How long does bulk take?",
      "expandedUrl": "https://twitter.com/i/web/status/1614240411935766341"
    }
  },
  {
    "like": {
      "tweetId": "1627599186289686342",
      "fullText": "@maraquill What do you drink while baking?",
      "expandedUrl": "https://twitter.com/i/web/status/1627599186289686342"
    }
  },
  {
    "like": {
      "tweetId": "1641152240804886343",
      "fullText": "@maraquill What's the pizza dough recipe?",
      "expandedUrl": "https://twitter.com/i/web/status/1641152240804886343"
    }
  },
  {
    "like": {
      "tweetId": "1654445835674646344",
      "fullText": "@maraquill How many loaves did the bakery make?",
      "expandedUrl": "https://twitter.com/i/web/status/1654445835674646344"
    }
  },
  {
    "like": {
      "tweetId": "1667883127399446345",
      "fullText": "@maraquill Your hot cross buns recipe uses tea?",
      "expandedUrl": "https://twitter.com/i/web/status/1667883127399446345"
    }
  },
  {
    "like": {
      "tweetId": "1681348101530646346",
      "fullText": "@maraquill How do you keep your kitchen warm in winter?",
      "expandedUrl": "https://twitter.com/i/web/status/1681348101530646346"
    }
  },
  {
    "like": {
      "tweetId": "1694783883306006347",
      "fullText": "@maraquill Why 2% salt?",
      "expandedUrl": "https://twitter.com/i/web/status/1694783883306006347"
    }
  },
  {
    "like": {
      "tweetId": "1708069173453846348",
      "fullText": "@maraquill Do you sell your starter?",
      "expandedUrl": "https://twitter.com/i/web/status/1708069173453846348"
    }
  },
  {
    "like": {
      "tweetId": "1721508981761046349",
      "fullText": "@maraquill Einkorn tips?",
      "expandedUrl": "https://twitter.com/i/web/status/1721508981761046349"
    }
  },
  {
    "like": {
      "tweetId": "1735018247742486350",
      "fullText": "@maraquill Which flour do you use for baguettes?",
      "expandedUrl": "https://twitter.com/i/web/status/1735018247742486350"
    }
  },
  {
    "like": {
      "tweetId": "1748379790337046351",
      "fullText": "@maraquill My loaf is dense, what am I doing wrong?",
      "expandedUrl": "https://twitter.com/i/web/status/1748379790337046351"
    }
  },
  {
    "like": {
      "tweetId": "1761799214326806352",
      "fullText": "@maraquill Do you speak French?",
      "expandedUrl": "https://twitter.com/i/web/status/1761799214326806352"
    }
  },
  {
    "like": {
      "tweetId": "1775229459620886353",
      "fullText": "@maraquill Do you eat meat?",
      "expandedUrl": "https://twitter.com/i/web/status/1775229459620886353"
    }
  },
  {
    "like": {
      "tweetId": "1788578419303446354",
      "fullText": "@maraquill Who's Elsie?",
      "expandedUrl": "https://twitter.com/i/web/status/1788578419303446354"
    }
  },
  {
    "like": {
      "tweetId": "1801980478874646355",
      "fullText": "@maraquill What's the pizza dough recipe?",
      "expandedUrl": "https://twitter.com/i/web/status/1801980478874646355"
    }
  },
  {
    "like": {
      "tweetId": "1815455016018966356",
      "fullText": "@maraquill What's your favourite thing to eat with bread?",
      "expandedUrl": "https://twitter.com/i/web/status/1815455016018966356"
    }
  }
]