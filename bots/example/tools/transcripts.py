"""Video transcripts for fictional Mara Quill: (speaker, line) in order of speaking."""

# Prose data: long lines read better unbroken.
# ruff: noqa: E501

TUESDAY_LOAF = [
    (
        "Mara Quill",
        "Hello and welcome back to the kitchen. Today is the Tuesday Loaf, start to finish.",
    ),
    (
        "Mara Quill",
        "This is the bread I bake more than any other, and yes, the channel's release day is named after it.",
    ),
    (
        "Mara Quill",
        "We need 350 grams of strong white flour and 150 grams of stoneground wholemeal.",
    ),
    (
        "Mara Quill",
        "375 grams of water, and I keep back another 15 grams for when the salt goes in.",
    ),
    (
        "Mara Quill",
        "First the autolyse. Just flour and water, mixed until there's no dry flour, covered, 45 minutes.",
    ),
    (
        "Mara Quill",
        "While that rests, look at Barty. Fed last night one to five to five, and he's tripled.",
    ),
    (
        "Mara Quill",
        "100 grams of levain goes in. Squeeze it through the dough like you're angry at it.",
    ),
    ("Mara Quill", "Thirty minutes later, ten grams of salt and the last of the water."),
    (
        "Mara Quill",
        "Now stretch and folds. Wet hand, grab the side, lift, fold over, quarter turn. Four times.",
    ),
    ("Mara Quill", "We do four sets of those, thirty minutes apart. Then we leave it alone."),
    ("Mara Quill", "My kitchen is at 24 degrees today, so bulk should take about five hours."),
    (
        "Mara Quill",
        "Don't watch the clock, watch the dough. You want about fifty percent rise, a dome, bubbles at the sides.",
    ),
    ("Mara Quill", "See how it jiggles when I shake the bowl? That's what we want."),
    ("Mara Quill", "Out onto an unfloured bench. Pre-shape into a loose round with the scraper."),
    ("Mara Quill", "Twenty minutes bench rest, uncovered, so the surface dries a little."),
    (
        "Mara Quill",
        "Now the shaping. Flour the top, flip it, fold the sides in, then roll it up tight into a batard.",
    ),
    (
        "Mara Quill",
        "Feel that tension on the surface? That's what makes it rise up instead of out.",
    ),
    (
        "Mara Quill",
        "Into the banneton seam side up. I dust mine with rice flour, nothing sticks to it.",
    ),
    (
        "Mara Quill",
        "Into the fridge at four degrees for twelve to sixteen hours. See you tomorrow.",
    ),
    ("Mara Quill", "Good morning. The Dutch oven has been preheating for 45 minutes at 250."),
    (
        "Mara Quill",
        "Straight from the fridge, onto baking paper, and one cut at about thirty degrees.",
    ),
    ("Mara Quill", "Lid on, 20 minutes at 250. The lid traps the steam, that's your oven spring."),
    (
        "Mara Quill",
        "Lid off, down to 230, another 20 to 25 minutes. Bake darker than feels brave.",
    ),
    ("Mara Quill", "Probe says 96 degrees inside. Done."),
    ("Mara Quill", "And now the hardest step in all of baking: wait an hour before you cut it."),
    (
        "Mara Quill",
        "Look at that crumb. Open, glossy, and it tastes of the wholemeal. That's the Tuesday Loaf.",
    ),
    (
        "Mara Quill",
        "Recipe is on the blog, and the live bake-along is the first Saturday of the month at ten. See you then.",
    ),
]

FOCACCIA_WITH_ELSIE = [
    ("Mara Quill", "Today I have an assistant. Say hello."),
    ("Elsie", "Hello! I'm the dimpler."),
    (
        "Mara Quill",
        "Elsie is my niece, and she is in charge of the most important step of focaccia.",
    ),
    (
        "Mara Quill",
        "We mixed this dough last night: 500 grams of strong white flour, 400 grams of water, so 80 percent.",
    ),
    (
        "Mara Quill",
        "100 grams of levain and 10 grams of salt. Three sets of coil folds, then it went in the fridge in an oiled tin.",
    ),
    ("Elsie", "It looks like a jellyfish."),
    (
        "Mara Quill",
        "It does look like a jellyfish. It's been warming up for about three hours and it's bubbly all over.",
    ),
    ("Mara Quill", "Now lots of olive oil on top. More than you think. More than that."),
    ("Elsie", "Can I do it now?"),
    ("Mara Quill", "Oil your fingers first. Then push all the way down to the bottom of the tin."),
    ("Mara Quill", "Don't be polite about it. Shallow dimples disappear in the oven."),
    ("Elsie", "This is the best job."),
    ("Mara Quill", "Rosemary, and flaky salt. Then into a 230 degree oven for about 25 minutes."),
    (
        "Mara Quill",
        "While it bakes, a tip: if your focaccia is dense, it usually just needed longer to warm up before baking.",
    ),
    (
        "Mara Quill",
        "And it's out. Golden, crisp at the edges, and the bottom is basically fried in oil.",
    ),
    ("Elsie", "Nine out of ten."),
    ("Mara Quill", "Nine! Only the cinnamon buns have beaten that. Recipe is on the blog."),
]

RYE_WITH_TOM = [
    (
        "Mara Quill",
        "Rye week! And I've got a guest, my friend Tom, who bakes rye better than I do.",
    ),
    ("Tom", "That's generous. Hi everyone."),
    (
        "Mara Quill",
        "Rule one of rye: it is not wheat. There is almost no gluten strength, so don't knead it.",
    ),
    (
        "Mara Quill",
        "400 grams of wholemeal rye, 100 grams of strong white, 420 grams of warm water.",
    ),
    ("Tom", "And the starter should be a rye starter, nice and active."),
    (
        "Mara Quill",
        "150 grams of ripe rye starter. Ten grams of salt, two teaspoons of caraway, a spoon of black treacle.",
    ),
    ("Mara Quill", "Mix it with a spatula into a thick paste. That's it. No folds."),
    ("Mara Quill", "Scrape it into a greased loaf tin and smooth the top with a wet hand."),
    ("Tom", "Dust it with rye so you can see the cracks later."),
    (
        "Mara Quill",
        "When cracks appear on the surface, it's ready. Two to four hours depending on your kitchen.",
    ),
    (
        "Mara Quill",
        "230 for 15 minutes, then 200 for 45. Rye is done at 98 degrees inside, a bit higher than wheat.",
    ),
    (
        "Mara Quill",
        "And then we wrap it in a tea towel and wait 24 hours before cutting. Rye crumb needs to set.",
    ),
    ("Tom", "Cutting it early is the classic mistake, it's gummy inside."),
    ("Mara Quill", "Next day. Dense in a good way, moist, and the caraway is just right."),
    ("Mara Quill", "Full recipe is on the blog under rye and caraway."),
]

FEEDING_BARTY = [
    "Quick one today: how I feed Barty, my starter.",
    "He lives in the fridge and gets fed once a week.",
    "The night before I bake, I take ten grams of him into a clean jar.",
    "Then fifty grams of flour: eighty percent strong white, twenty percent wholemeal rye.",
    "And fifty grams of water at about 27 degrees. That's one to five to five.",
    "Stir it well, scrape down the sides, rubber band at the level.",
    "By the morning he's tripled and smells like yoghurt and green apples.",
    "If yours is slow, use more rye and warmer water. Rye wakes them up.",
    "And a new starter needs about two weeks. Be patient.",
    "Barty has been going since 2014, from a jar my friend Jo gave me.",
    "That's it. See you Tuesday at five.",
]
