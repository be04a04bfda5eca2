"""Whether a shot moves (issue #11): real footage and animation against a still picture under
a slow zoom or pan, read from the frames (``indexers/looks.moving``, the looks stage's
``moving`` column); "the animated part", "real footage", "the stills" answer from it."""
from __future__ import annotations

import cv2
import numpy as np
from cutbot.agent.looks import LOOKS, MOVING, asked, look_shots
from cutbot.indexers.looks import LOOK_FIELDS, moving, picture_looks
from fakes import make_index

SCENES = [(0, 10, "tabby cat"), (10, 20, "fish"), (20, 30, "tripod"), (30, 40, "fish")]


def scene(seed: int = 0) -> np.ndarray:
    """A textured picture: smooth shapes under fine detail."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:216, 0:384].astype(np.float32)
    base = np.stack([90 + 60 * np.sin(xx / 23), 110 + 50 * np.cos(yy / 17), 80 + xx / 6], axis=-1)
    for _ in range(12):
        y, x = rng.integers(0, 190), rng.integers(0, 350)
        base[y:y + 20, x:x + 30] = rng.integers(0, 256, 3)
    return np.clip(cv2.GaussianBlur(base, (0, 0), 1.2), 0, 255).astype(np.uint8)


def zoomed(img: np.ndarray, scale: float, dx: float = 0.0) -> np.ndarray:
    """The same picture under a camera move: a zoom about the centre and a pan."""
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), 0.0, scale)
    m[0, 2] += dx
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)


def test_a_still_under_zoom_and_pan_does_not_move_and_independent_motion_does():
    img = scene()
    still = moving(img, zoomed(img, 1.04, dx=5.0))
    other = img.copy()
    other[60:140, 100:180] = np.roll(other[60:140, 100:180], 25, axis=1)  # something moves inside the frame
    other[20:70, 250:330] = scene(7)[20:70, 250:330]
    footage = moving(img, zoomed(other, 1.02))
    assert still < LOOKS.moving <= footage
    assert np.isnan(moving(img, img))  # no change at all: no claim either way
    assert np.isnan(picture_looks(img)[LOOK_FIELDS.index("moving")])  # one picture cannot tell


def toy(values: list[tuple[float, float, float]]):
    """SCENES whose frames carry (smooth, colourful, moving) per shot; chroma from colourful."""
    idx = make_index(SCENES)
    rows = np.zeros((len(idx.frames), len(LOOK_FIELDS)), np.float32)
    for i, f in enumerate(idx.frames):
        smooth, colourful, move = values[f.shot]
        rows[i, LOOK_FIELDS.index("smooth")] = smooth
        rows[i, LOOK_FIELDS.index("colourful")] = colourful
        rows[i, LOOK_FIELDS.index("chroma")] = colourful * 0.8
        rows[i, MOVING] = move
    idx.frame_looks = rows
    return idx


def test_animation_is_a_moving_picture_footage_moves_and_a_still_drawing_is_no_animation():
    shots = [(0.6, 50.0, 0.1),    # a still drawing under a slow zoom
             (0.12, 64.0, 0.7),   # 3D animation: grass and fur, vivid, moving
             (0.25, 28.0, 1.0),   # real footage of a talking man
             (0.15, 40.0, 0.1)]   # a photo
    idx = toy(shots)
    assert look_shots(idx, asked("the animated part").kinds) == {1}
    assert look_shots(idx, asked("the cartoons").kinds) == {0, 1}  # drawn, still or moving
    assert look_shots(idx, asked("only the real footage").kinds) == {2}
    assert look_shots(idx, asked("the stills").kinds) == {0, 3}
    assert look_shots(idx, asked("real-life").kinds) == {2, 3}  # "just the real ones": footage and photos
    idx = toy([(smooth, colourful, np.nan) for smooth, colourful, _ in shots])  # made before motion
    assert look_shots(idx, asked("the animated part").kinds) == {0}
    assert look_shots(idx, asked("only the real footage").kinds) == set()


def test_the_words_for_footage_and_stills_are_looks_and_plain_video_is_not():
    assert asked("only the proper video clips").kinds == {"footage"}
    assert asked("live-action people").kinds == {"footage"} and asked("live-action people").thing == "people"
    assert asked("the still images").kinds == {"still"}
    assert asked("make me a video of the cat") is None  # "video" alone is the cut, not a look


def test_the_sample_film_s_animation_and_footage_are_told_from_its_still_photos(sample_home, sample_film, sample_truth):
    """Real decoding on the sample film: Big Buck Bunny (3D animation, grass and fur: not
    smooth paint) is the animated part; the two street clips are the real footage; every
    photo under a slow zoom or pan is a still. Through the real search, "the animated part"
    finds the rabbit and nothing else (it answered "nothing matches" before motion)."""
    from cutbot.agent.plan import Query
    from cutbot.agent.search import Scorer
    from cutbot.indexers.pipeline import index_film

    index = index_film(sample_film, home=sample_home)
    starts = [s.start for s in index.shots]

    def shots_of(ids):
        out = set()
        for sc in sample_truth["scenes"]:
            if sc["id"] in ids:
                out |= {i for i, s in enumerate(index.shots)
                        if min(s.end, sc["end"]) - max(s.start, sc["start"]) > 0.5 * (s.end - s.start)}
        return out

    rabbit, streets = shots_of({5}), shots_of({8, 14})
    stills = shots_of({1, 2, 3, 4, 6, 7, 9, 10, 11, 12, 13, 15})
    assert rabbit and streets and stills and len(starts) == len(index.shots)
    assert look_shots(index, asked("the animated part").kinds) == rabbit
    assert look_shots(index, asked("real footage").kinds) == streets
    assert look_shots(index, asked("the stills").kinds) == stills
    hits = Scorer(index).score(Query(text="the animated part", modality="visual"))
    assert set(np.flatnonzero(hits.mask).tolist()) == rabbit


def test_footage_words_survive_the_request_grammar_as_a_look():
    """The grammar drops "footage" and "video clips" as words for any material; said with a
    qualifier they are the look, so the request keeps them ("live-action", looks.asked)."""
    from cutbot.agent.intent import parse_request

    plan = parse_request("only the proper video clips, no photos and no cartoons")
    assert [asked(q.text).kinds for q in plan.include] == [{"footage"}]
    assert sorted(sorted(asked(q.text).kinds) for q in plan.exclude) == [["drawn"], ["photo"]]
    people = parse_request("live-action people")  # a trait of people, as before: not rewritten
    assert [q.text for q in people.include] == ["live-action people"]
