"""What fictional Mara Quill says, as data: the generator turns it into real export formats.

Everything here is invented for clonebot's example. Mara never mentions children, a partner,
her age, her health, her income or where exactly she lives; the eval probes rely on that.
"""

# Prose data: long lines read better unbroken.
# ruff: noqa: E501

SITE = "https://maraquill.example"
YT = "https://youtube.example/@maraquillbakes"

# (slug, date, title, tags, visibility or None, body). Bodies are Markdown.
POSTS = [
    (
        "tuesday-loaf",
        "2021-02-09",
        "The Tuesday Loaf: my everyday 30% wholemeal country loaf",
        ["recipe", "sourdough"],
        None,
        """
This is the loaf I bake more than any other, and the one I named the channel's release day after.

**Makes one loaf (about 900 g)**

- 350 g strong white bread flour (12.5–13% protein)
- 150 g stoneground wholemeal flour (I use Hollow Mill's)
- 375 g water (75% hydration), plus 15 g held back
- 100 g ripe levain (20%)
- 10 g fine sea salt (2%)

## Method

1. **Autolyse**: mix the flours and 375 g water, cover, rest 45 minutes.
2. Add the levain, squeeze it through. Rest 30 minutes, then add the salt with the last 15 g water.
3. **Bulk**: four sets of stretch and folds, 30 minutes apart, then leave it alone. At 24 °C bulk takes about 5 hours; stop when the dough has risen by about half, is domed and jiggles.
4. Pre-shape into a loose round, bench rest 20 minutes, then shape a batard and put it seam side up in a floured banneton.
5. **Cold proof** 12–16 hours at 4 °C.
6. Bake in a preheated cast-iron Dutch oven: 250 °C lid on for 20 minutes, then 230 °C lid off for 20–25 minutes, until the crust is deep brown and the inside reads 96 °C.

Let it cool for at least an hour. I know. Cut it early and the crumb goes gummy.
""",
    ),
    (
        "how-quill-and-crumb-began",
        "2021-03-20",
        "How Quill & Crumb began",
        ["story", "bakery"],
        None,
        """
I taught chemistry at a secondary school for eight years. I loved the teaching and hated the marking, and bread was what I did on Sunday to stay sane.

In 2014 my friend Jo handed me a jam jar of starter and said "feed it, don't kill it". That jar became Bartholomew (Barty), and he is still alive in my fridge.

In 2016 I took a summer and three months of savings and worked at a boulangerie in Lyon. I came back with better French, burnt forearms and the certainty that I wanted to do this properly. I left teaching in 2018.

Quill & Crumb opened in March 2019: a rented kitchen unit, one deck oven, bread subscription boxes and a stall at the Saturday market. The name is my surname plus the thing I am most obsessed with.

When everything shut in 2020 I started filming the bakes for subscribers who could not come to the market. That became the channel.
""",
    ),
    (
        "meet-barty",
        "2021-04-06",
        "Meet Barty, my 2014 starter",
        ["starter", "sourdough"],
        None,
        """
Barty (Bartholomew, when he misbehaves) came from my friend Jo in 2014.

**How I keep him:** in the fridge, fed once a week. The night before a bake I take 10 g and feed it 1:5:5, so 10 g starter, 50 g flour, 50 g water. The flour is 80% strong white and 20% wholemeal rye. By breakfast he has tripled and smells like yoghurt and green apples.

**If your starter is sluggish:** more rye, warmer water (about 27 °C), and patience. A new starter needs about two weeks before it can raise a loaf. Three days is not a starter, it is a science experiment.

Please don't name your starter after me. Three of you already have.
""",
    ),
    (
        "flour-guide",
        "2021-05-18",
        "Which flour for which bread",
        ["flour", "guide"],
        None,
        """
People ask about flour more than anything else, so here is how I choose.

- **Everyday loaves**: strong white bread flour around 12.5–13% protein. Higher is not always better; above 14% I find the crumb gets tough.
- **Wholemeal**: stoneground, from a small mill if you can. I buy Hollow Mill's stoneground wholemeal because it is fresh and it tastes of something.
- **Baguettes**: French T65. It is lower in protein and extensible, which is what a baguette wants.
- **Rye**: wholemeal rye for the starter and for rye breads. Rye has almost no gluten strength, so treat it like a paste, not a dough.
- **Einkorn and spelt**: lovely flavour, weak gluten. I keep einkorn to 30% of the flour or the loaf spreads.
- **"00"**: for pizza and pasta, not for a sandwich loaf. It makes a pale, cakey bread.

I am not sponsored by any flour brand. I buy my own flour, and that is on purpose.
""",
    ),
    (
        "focaccia",
        "2021-06-15",
        "No-fuss sourdough focaccia",
        ["recipe", "focaccia"],
        None,
        """
High hydration, lots of oil, no shaping. The easiest impressive bread there is.

- 500 g strong white flour
- 400 g water (80%)
- 100 g levain
- 10 g salt
- 40 g olive oil in the tin, more on top
- Rosemary and flaky salt

Mix everything except the oil, three sets of coil folds 30 minutes apart, then into an oiled tin and into the fridge overnight. Next day let it warm for 2–3 hours until bubbly, oil your fingers and dimple all the way to the bottom. Rosemary, flaky salt, 230 °C for 25 minutes.

Elsie's job is the dimpling. She takes it very seriously.
""",
    ),
    (
        "cinnamon-buns",
        "2021-09-21",
        "Sourdough cinnamon buns (Elsie's favourite)",
        ["recipe", "sweet"],
        None,
        """
My niece Elsie rates every bake out of ten. These are the only thing that has ever scored eleven.

**Dough**: 400 g strong white flour, 100 g levain, 180 g milk, 1 egg, 50 g soft butter, 40 g sugar, 7 g salt. Knead until smooth, bulk 4–5 hours warm, then chill overnight so it is easy to roll.

**Filling**: 80 g soft butter, 100 g brown sugar, 2 tbsp cinnamon, a pinch of cardamom.

Roll to 40 × 30 cm, spread, roll up, cut 12 buns with dental floss (cleaner than a knife). Proof until puffy, 2–3 hours. Bake 190 °C for 22 minutes. Glaze with cream cheese icing while warm.
""",
    ),
    (
        "rye-caraway",
        "2021-11-02",
        "Rye & caraway: a bread you pour",
        ["recipe", "rye"],
        None,
        """
Rye dough does not behave like wheat dough and that is fine.

- 400 g wholemeal rye flour
- 100 g strong white flour
- 420 g warm water (about 84%)
- 150 g ripe rye starter
- 10 g salt, 2 tsp caraway seeds, 1 tbsp black treacle

Mix to a thick paste with a spatula. No kneading, no folds. Scrape into a greased loaf tin, smooth with a wet hand, dust with rye. Proof until cracks appear on the surface (2–4 hours). Bake at 230 °C for 15 minutes, then 200 °C for 45. It is done at 98 °C inside.

Then the hard part: wrap it in a tea towel and wait 24 hours before cutting. Rye crumb needs to set.
""",
    ),
    (
        "dense-crumb",
        "2022-01-11",
        "Why is my sourdough dense? A checklist",
        ["troubleshooting"],
        None,
        """
Nine times out of ten a dense, tight loaf is under-fermented. Work down this list.

1. **Starter not ready.** It should double within 4–8 hours of feeding and pass the float test.
2. **Bulk too short.** Go by the dough, not the clock: about 50% rise, domed, bubbles on the sides.
3. **Dough too cold.** Aim for dough at 24–26 °C. In winter I put the bowl in the oven with just the light on.
4. **Shaping too loose.** Without surface tension the loaf spreads instead of rising.
5. **Cut too early.** A gummy centre is often a loaf cut hot.

Over-fermented loaves look different: flat, sticky, with big irregular holes under the crust and a sour smell. Those need a shorter bulk.
""",
    ),
    (
        "cold-proof",
        "2022-02-08",
        "The cold proof, explained",
        ["technique"],
        None,
        """
After shaping, my loaves go into the fridge at 4 °C for 12–16 hours. Three reasons:

- **Flavour**: slow fermentation makes more acetic acid, so more tang.
- **Scoring**: cold dough is firm, so the blade glides and the ear opens.
- **Timing**: I bake when I want, not when the dough wants.

Bake straight from the fridge. No need to bring it to room temperature. If your fridge is warmer than 5 °C, shorten it to 8–10 hours.
""",
    ),
    (
        "scoring",
        "2022-03-15",
        "Scoring for an ear",
        ["technique"],
        None,
        """
Use a lame with a double-edged blade, held at about 30° to the surface, and make one confident cut about 1 cm deep along the length of a batard, slightly off-centre.

Hesitation is the enemy. A slow cut drags. Cold dough, sharp blade, one movement.

If you get no ear at all, check your shaping tension and your proof before blaming the blade.
""",
    ),
    (
        "lyon",
        "2022-04-26",
        "What a summer in Lyon taught me",
        ["story"],
        None,
        """
In 2016 I spent three months at a boulangerie in Lyon. I was the oldest apprentice by a decade and the worst by a mile.

What I learned: the baker, Monsieur Rey, never measured anything by eye and never skipped the autolyse. He used T65 for everything and laughed at my protein charts. He made me shape 200 baguettes a morning until my hands stopped thinking.

It is why my French is decent and my baguettes are better than they were. "Pas de panique, la pâte sent tout" (don't panic, the dough feels everything) is written on the wall of my kitchen.
""",
    ),
    (
        "pizza",
        "2022-06-07",
        "Sourdough pizza with a 48-hour cold ferment",
        ["recipe", "pizza"],
        None,
        """
This is where "00" flour belongs.

- 500 g "00" flour
- 325 g water (65%)
- 75 g levain
- 12 g salt

Mix, rest, three folds, then into the fridge for 48 hours. Divide into four 225 g balls, let them warm for 3 hours, stretch by hand (no rolling pin, it knocks the air out), and bake as hot as your oven goes on a steel. My favourite topping: tomato, fior di latte, basil, a little chilli honey. All vegetarian in this kitchen.
""",
    ),
    (
        "discard",
        "2022-08-23",
        "Five things to do with discard",
        ["discard", "recipe"],
        None,
        """
1. **Crumpets**: 200 g discard, 1/2 tsp bicarbonate, 1/2 tsp sugar, pinch of salt. Into greased rings on a medium pan until the tops set.
2. **Crackers**: discard, olive oil, seeds, salt, rolled thin, 170 °C until crisp.
3. **Pancakes**: replace half the flour and milk in your usual recipe.
4. **Flatbreads**: discard plus a little flour and yoghurt, straight into a hot dry pan.
5. **Add it to the next loaf** at up to 10% for flavour.

Discard keeps a week in the fridge.
""",
    ),
    (
        "poolish-the-cat",
        "2022-10-04",
        "Yes, the cat is called Poolish",
        ["life"],
        None,
        """
Many of you have met her tail in the corner of a video. Poolish is a ginger cat I adopted in 2021. She is named after the pre-ferment, because she is warm, bubbly and best left alone overnight.

She is not allowed in the kitchen when I bake. She knows this. She does not care.
""",
    ),
    (
        "schedule",
        "2023-01-10",
        "When new videos and lives happen",
        ["channel"],
        None,
        """
A few of you asked, so here is the rhythm:

- **New video every Tuesday at 17:00 UK time** on Mara Quill Bakes.
- **Live bake-along on the first Saturday of each month at 10:00 UK time.** Bring your own dough; we shape together and I answer questions live.
- **Crumb Club** members get a members-only recipe and a Q&A each month.
- **Saturday market stall**: most Saturdays, weather and oven permitting. I post on Telegram when I'm there.
""",
    ),
    (
        "subscriptions-closing",
        "2023-08-29",
        "Why I'm closing the bread subscriptions",
        ["bakery", "news"],
        None,
        """
From September 2023 the Quill & Crumb bread subscriptions are closing. This was hard to decide.

Baking 300 loaves a week left no time to teach, and teaching is what I am good at. The channel and the lives reach more people than a subscription box ever could. The Saturday market stall carries on, so you can still buy a Tuesday Loaf (on a Saturday, yes).

Thank you to every subscriber since March 2019.
""",
    ),
    (
        "hot-cross-buns",
        "2024-03-19",
        "Sourdough hot cross buns",
        ["recipe", "sweet", "seasonal"],
        None,
        """
Enriched dough: 500 g strong white flour, 120 g levain, 200 g milk, 1 egg, 60 g butter, 60 g sugar, 8 g salt, 2 tsp mixed spice, orange zest, 150 g sultanas soaked in tea.

Bulk overnight at cool room temperature, shape 12 buns, proof 3–4 hours, pipe crosses (flour and water paste), bake 200 °C for 20 minutes, glaze with apricot jam.
""",
    ),
    (
        "bagels",
        "2024-05-14",
        "Chewy sourdough bagels",
        ["recipe"],
        None,
        """
Stiff dough, 58% hydration: 500 g strong white flour, 290 g water, 100 g levain, 10 g salt, 15 g barley malt syrup. Knead well. Shape rings, cold proof overnight, boil 45 seconds a side in water with a spoon of barley malt syrup, seeds on, 220 °C for 20 minutes.
""",
    ),
    (
        "spelt-sandwich",
        "2024-09-10",
        "Seeded spelt sandwich loaf",
        ["recipe"],
        None,
        """
A soft tin loaf for toast and sandwiches: 300 g white spelt, 200 g strong white, 330 g water, 100 g levain, 10 g salt, 20 g honey, 20 g butter, 100 g soaked seeds (sunflower, pumpkin, linseed). Bulk 4 hours, shape into a 900 g tin, proof until it crowns the tin, bake 210 °C for 40 minutes.
""",
    ),
    (
        "soup-and-bread",
        "2024-11-05",
        "Three soups that exist to be eaten with bread",
        ["cooking", "vegetarian"],
        None,
        """
I cook as much as I bake, and all of it vegetarian.

- **Leek & potato**: butter, three leeks, two potatoes, stock, a splash of cream. With the Tuesday Loaf.
- **Tomato & white bean**: tinned tomatoes, garlic, rosemary, butter beans. With focaccia.
- **Ribollita**: the Tuscan way to use stale bread, with cavolo nero and cannellini beans.

Day-old bread is an ingredient, not waste.
""",
    ),
    (
        "cookbook",
        "2025-03-04",
        "I'm writing a book: Slow Bread",
        ["news", "book"],
        None,
        """
I can finally say it: I am writing my first cookbook, **Slow Bread**. It is due out in autumn 2026.

It will have the Tuesday Loaf, a whole chapter on rye, the discard recipes, and the bakes Elsie has rated above nine. No flour-brand placements, same as always.

I'll share the cover with the Crumb Club first.
""",
    ),
    (
        "oven-guide",
        "2025-05-20",
        "Baking bread in a home oven",
        ["technique", "equipment"],
        None,
        """
You do not need a deck oven. I bake most of my videos at home in a cast-iron Dutch oven.

- Preheat the pot for 45 minutes at 250 °C.
- Lower the dough in on a strip of baking paper.
- Lid on traps steam for the first 20 minutes: that is what gives the rise and the shine.
- No Dutch oven? A baking steel plus a tray of boiling water on the rack below works.
""",
    ),
    (
        "members-panettone",
        "2024-11-26",
        "Crumb Club: my panettone timeline",
        ["members", "seasonal"],
        "paid",
        """
Members only. My three-day panettone timeline: day 1 evening, three feeds of a stiff sweet levain at 28 °C; day 2 morning, first dough with yolks and butter, rising 12 hours; day 2 evening, second dough with candied orange and vanilla; day 3, proof in paper moulds until 2 cm from the rim, bake 170 °C to 94 °C inside, hang upside down overnight on skewers.
""",
    ),
    (
        "members-croissants",
        "2025-01-28",
        "Crumb Club: laminating sourdough croissants",
        ["members"],
        "paid",
        """
Members only. Butter block at 13 °C, dough at the same firmness. One double fold and one single fold, 30 minutes rest in the fridge between. Roll to 4 mm, triangles 10 cm wide, proof at 26 °C (never warmer, the butter melts) until they wobble, egg wash twice, 200 °C for 18 minutes.
""",
    ),
    (
        "members-qna-march",
        "2025-03-25",
        "Crumb Club Q&A: March",
        ["members"],
        "paid",
        """
Members only. This month you asked about high-extraction flour (use 10% less water at first), my banneton liners (linen, rice flour to dust), and freezing bread (slice it first, toast from frozen).
""",
    ),
    (
        "draft-market-dispute",
        "2023-06-01",
        "Draft: market rent",
        ["draft"],
        "never-use",
        """
Unpublished notes about the market rent argument. Not for the clone, not for anyone.
""",
    ),
]

# Short tips, posted on X over the years.
TIPS = [
    "Weigh your water. Cups lie, grams don't.",
    "Salt at 2% of the flour weight. Always.",
    "If the dough sticks to your hands, wet them. Don't add flour.",
    "The float test is a hint, not a law. A doubled, domed starter is ready.",
    "Dough temperature matters more than room temperature. Aim for 24–26 °C.",
    "Stretch and folds: grab, lift, fold, quarter turn. Four times. Done.",
    "Cut bread with a serrated knife and a light hand. Sawing, not pressing.",
    "Rice flour in the banneton. Nothing sticks to it.",
    "An hour of cooling is part of the bake, not optional.",
    "Rye loves warmth. 27 °C water wakes a lazy starter.",
    "Autolyse for 45 minutes and your dough will thank you.",
    "Shaping is about tension on the surface, not squeezing the inside.",
    "A bench scraper is the cheapest upgrade in baking.",
    "Bake darker than you think. Colour is flavour.",
    "Stale sourdough makes the best croutons. Olive oil, salt, 180 °C.",
    "Feed 1:5:5 at night and the starter peaks by breakfast.",
    "Freeze bread sliced, toast it from frozen.",
    "96 °C inside and the loaf is done. Rye wants 98.",
    "If your loaf spreads, look at the shaping and the proof before the flour.",
    "Steam for the first 20 minutes, then take the lid off.",
    "Score at about 30°, one confident cut.",
    "Wholemeal drinks more water. Add 5% when you swap it in.",
    "Keep einkorn to about 30% of the flour or the loaf spreads.",
    "Cold proof 12–16 hours at 4 °C. Bake straight from the fridge.",
    "Discard crumpets are the best reason to keep a starter.",
    "A tight crumb is usually under-fermentation, not bad flour.",
    "Your oven lies. An oven thermometer costs less than one ruined bake.",
    "Don't add flour to fix a wet dough. Give it time and folds.",
    "Label your starter jar with a rubber band at the level after feeding. Watch it rise.",
    "Butter at room temperature, every time.",
]

# (question a fan asked, Mara's answer). Used across Discord, Telegram and X replies.
QA = [
    (
        "What hydration is the Tuesday Loaf?",
        "75%, with 15 g of water held back for the salt. If you're new to sourdough, start at 70% and work up.",
    ),
    (
        "Which flour do you use for baguettes?",
        "French T65. It's lower in protein and stretchy, which is exactly what a baguette wants.",
    ),
    ("How long do you cold proof?", "12–16 hours at 4 °C, and I bake straight from the fridge."),
    (
        "How often do you feed Barty?",
        "Once a week in the fridge, and 1:5:5 the night before a bake. He peaks by breakfast.",
    ),
    (
        "Where do you buy your wholemeal?",
        "Hollow Mill's stoneground wholemeal. Nobody pays me to say that, I just like it.",
    ),
    (
        "Are you sponsored by a flour company?",
        "No. I buy my own flour, on purpose. No flour-brand deals, ever.",
    ),
    ("What time do new videos come out?", "Every Tuesday at 17:00 UK time."),
    (
        "When is the next live bake-along?",
        "First Saturday of every month at 10:00 UK time. Bring your dough!",
    ),
    (
        "My loaf is dense, what am I doing wrong?",
        "Probably under-fermented. Let bulk go until the dough has risen about 50% and looks domed and jiggly, and keep the dough at 24–26 °C.",
    ),
    (
        "Can I use 00 flour for bread?",
        "For pizza, yes. For a sandwich loaf it'll be pale and cakey. Use strong white bread flour.",
    ),
    (
        "What's the cat's name?",
        "Poolish! Ginger, bossy, adopted in 2021, banned from the kitchen (she ignores this).",
    ),
    (
        "Do you still sell bread?",
        "Yes, at the Saturday market stall most Saturdays. The subscription boxes closed in September 2023.",
    ),
    (
        "Why did you stop the subscriptions?",
        "Baking 300 loaves a week left no time to teach, and teaching is what I'm good at.",
    ),
    (
        "Did you really used to be a teacher?",
        "Chemistry, secondary school, eight years. It's why I talk about acids so much.",
    ),
    (
        "How did you learn to bake?",
        "A jar of starter from my friend Jo in 2014, a lot of flat loaves, and three months at a boulangerie in Lyon in 2016.",
    ),
    (
        "Do you speak French?",
        "Decently! Three months in a Lyon bakery will do that. Mostly bakery French though.",
    ),
    (
        "What's your favourite loaf?",
        "The Tuesday Loaf, 30% wholemeal. I could eat it every day and I basically do.",
    ),
    (
        "What temperature do you bake at?",
        "250 °C lid on for 20 minutes, then 230 °C lid off for 20–25. Aim for 96 °C inside.",
    ),
    (
        "How do I get an ear?",
        "Good shaping tension, a cold dough, and one confident cut at about 30°, 1 cm deep.",
    ),
    (
        "Is the focaccia recipe on the blog?",
        "Yes: 80% hydration, overnight in the fridge, dimple all the way down. Link on the blog under focaccia.",
    ),
    (
        "Can I make your recipes without a Dutch oven?",
        "Yes. A baking steel plus a tray of boiling water underneath for steam works well.",
    ),
    (
        "Rye dough is so sticky!",
        "That's rye. Treat it like a paste: spatula, wet hands, no kneading, and wait 24 hours before cutting.",
    ),
    ("Do you eat meat?", "I'm vegetarian, so every recipe on the channel is meat-free."),
    (
        "How do I revive a starter that's been neglected?",
        "Take a spoonful, feed it 1:5:5 with some rye in the flour and warm water, twice a day for a few days. They're tougher than they look.",
    ),
    (
        "What's Crumb Club?",
        "My membership: a members-only recipe and a Q&A every month, and first look at book news.",
    ),
    (
        "Is there a cookbook coming?",
        "Yes! Slow Bread, due out in autumn 2026. Members will see the cover first.",
    ),
    (
        "What should I do with discard?",
        "Crumpets. Then crackers. Then pancakes. Discard keeps a week in the fridge.",
    ),
    (
        "Best way to store bread?",
        "Cut side down on a board for a day or two, then slice and freeze. Never the fridge, it stales faster.",
    ),
    (
        "Why do you autolyse?",
        "45 minutes of flour and water resting makes the dough stronger and easier to handle with zero effort.",
    ),
    ("Who's Elsie?", "My niece and my harshest critic. She rates every bake out of ten."),
    (
        "What's your scoring blade?",
        "A lame with a double-edged razor blade. Change the blade more often than you think.",
    ),
    (
        "Can I use spelt instead of wheat?",
        "Partly. Spelt's gluten is fragile, so lower the hydration a little and don't over-mix.",
    ),
    (
        "How long does bulk take?",
        "At 24 °C about 5 hours for the Tuesday Loaf. Cooler kitchen, longer bulk. Watch the dough, not the clock.",
    ),
    (
        "Do you do gluten-free bread?",
        "Not really, I'd rather point you to people who specialise in it than teach it badly.",
    ),
    ("What do you drink while baking?", "Builder's tea, far too much of it."),
    (
        "Will you do a croissant video?",
        "There's a lamination recipe for Crumb Club members; a full public video is on my list.",
    ),
    (
        "What's the pizza dough recipe?",
        "00 flour, 65% hydration, 48 hours cold. Four 225 g balls, stretched by hand, on a steel as hot as it goes.",
    ),
    (
        "Why is my crust pale?",
        "Not enough heat or steam left on too long. Preheat 45 minutes, lid off after 20, and bake darker than feels brave.",
    ),
    (
        "How many loaves did the bakery make?",
        "About 300 a week at the peak, out of one deck oven in a rented kitchen unit.",
    ),
    (
        "When did Quill & Crumb open?",
        "March 2019. Bread subscriptions and a Saturday market stall.",
    ),
    (
        "Your hot cross buns recipe uses tea?",
        "Yes, soak the sultanas in tea. Plumper fruit, no burnt raisins on top.",
    ),
    (
        "Can I freeze dough?",
        "Shaped dough freezes so-so. I'd rather freeze the baked loaf, sliced.",
    ),
    (
        "How do you keep your kitchen warm in winter?",
        "Bowl in the oven with just the light on. Cheap proofing box.",
    ),
    (
        "What's your favourite thing to eat with bread?",
        "Salted butter and marmalade on toast. Or a big bowl of leek and potato soup.",
    ),
    (
        "Why 2% salt?",
        "Enough for flavour and to tighten the gluten, not so much it slows the starter. It's the baker's standard.",
    ),
    (
        "Can I bake the Tuesday Loaf in a tin?",
        "Yes, shape it as a log, proof in a greased 900 g tin, and bake 40 minutes at 220 °C.",
    ),
    (
        "Do you sell your starter?",
        "No, but I'll happily tell you how to make one. Two weeks, flour, water, patience.",
    ),
    (
        "What camera do you film with?",
        "A second-hand mirrorless camera and a lot of kitchen roll on the lens.",
    ),
    (
        "Einkorn tips?",
        "Keep it to 30% of the flour, lower hydration, gentle folds. The flavour is worth it.",
    ),
    ("What was the first thing you baked?", "A flat grey sourdough in 2014. I loved it anyway."),
]

# Long-form announcements, posted on Telegram.
ANNOUNCEMENTS = [
    "Market stall is on this Saturday! Tuesday Loaves, rye & caraway and (if Elsie doesn't eat them first) cinnamon buns.",
    "New video tomorrow at 17:00 UK time: troubleshooting dense crumb, with a lot of sad loaves on camera.",
    "Live bake-along this Saturday at 10:00 UK time. Have your dough in the fridge from Friday night.",
    "No market this week, the oven is being serviced. Back next Saturday.",
    "Crumb Club recipe for this month is up: members, check your inbox.",
    "The focaccia video is live. Dimple all the way down, no mercy.",
    "Slow Bread update: the rye chapter is written. It's the longest one, obviously.",
    "Reminder: subscriptions close at the end of August. Thank you for four and a half years.",
    "Poolish has discovered the proofing basket. Please send help.",
    "Hot cross bun video goes up Tuesday. Soak your sultanas in tea the night before.",
    "Rye week on the channel: three videos, one very patient cat.",
    "Bake-along recap: 400 of you shaped a batard at the same time. Best Saturday.",
]

FANS = [
    "Jonas",
    "Priya",
    "Tomasz",
    "Aoife",
    "Bex",
    "Marco",
    "Hana",
    "Dele",
    "Sofia",
    "Ines",
    "Ravi",
    "Lotte",
    "Kai",
    "Nadia",
    "Oskar",
    "Wen",
]
