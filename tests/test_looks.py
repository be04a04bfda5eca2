"""The look of the picture per frame (issue #11): drawn, animated, rendered, black and white.

Toy indexes whose frames carry the statistics of synthetic pictures (a flat cartoon-like
frame, a grainy photo-like one, a grey one), then one real index of a clip of the gallery
film (a 3D render and an animation between photographs)."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from cutbot.agent.asides import LOOK_WORDS
from cutbot.agent.looks import LOOKS, asked, look_shots, shot_looks
from cutbot.agent.monochrome import asks_monochrome
from cutbot.indexers.looks import LOOK_FIELDS, looks_of, picture_looks
from fakes import make_index, shots_found

ROOT = Path(__file__).resolve().parents[1]
SCENES = [(0, 10, "tabby cat"), (10, 20, "fish"), (20, 30, "tripod"), (30, 40, "fish"), (40, 50, "espresso")]


def cartoon(seed: int = 0) -> np.ndarray:
    """Flat paint: a few vivid regions with hard edges, no grain."""
    img = np.full((216, 384, 3), (40, 170, 230), np.uint8)
    rng = np.random.default_rng(seed)
    for _ in range(6):
        y, x = rng.integers(0, 180), rng.integers(0, 330)
        img[y:y + 40, x:x + 60] = rng.integers(0, 256, 3)
    return img


def photo(seed: int = 0, grey: bool = False) -> np.ndarray:
    """A smooth scene under sensor grain, like a photograph."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:216, 0:384].astype(np.float32)
    base = np.stack([90 + 60 * np.sin(xx / 40), 110 + 40 * np.cos(yy / 30), 80 + xx / 8], axis=-1)
    img = np.clip(base + rng.normal(0, 6, base.shape), 0, 255).astype(np.uint8)
    return np.repeat(img.mean(axis=2, keepdims=True), 3, axis=2).astype(np.uint8) if grey else img


def toy(pictures):
    """SCENES with one kind of picture per shot: ``pictures[shot](seed)``."""
    idx = make_index(SCENES)
    idx.frame_looks = looks_of([pictures[f.shot](f.index) for f in idx.frames])
    return idx


KINDS = [photo, cartoon, lambda s: photo(s, grey=True), cartoon, photo]


def test_a_flat_cartoon_frame_and_a_grainy_photo_differ_where_the_rules_look():
    c, p, g = picture_looks(cartoon()), picture_looks(photo()), picture_looks(photo(grey=True))
    smooth, chroma = LOOK_FIELDS.index("smooth"), LOOK_FIELDS.index("chroma")
    assert c[smooth] >= LOOKS.drawn_smooth > p[smooth] and g[smooth] < LOOKS.drawn_smooth
    assert g[chroma] <= LOOKS.grey_chroma < min(c[chroma], p[chroma])
    assert looks_of([]).shape == (0, len(LOOK_FIELDS))


@pytest.mark.parametrize("text, kinds, thing", [
    ("i want the animated part", {"animated"}, ""), ("drawings and cartoons", {"drawn"}, ""),
    ("the drawing of a fish", {"drawn"}, "fish"), ("the illustration", {"drawn"}, ""),
    ("that grey 3d monkey head", {"rendered", "grey"}, "monkey head"),
    ("the computer generated monkey head", {"rendered"}, "monkey head"),
    ("the black and white shots", {"grey"}, ""), ("the animated movie clips", {"animated"}, ""),
    ("the desaturated bits", {"grey"}, ""), ("the colourless ones", {"grey"}, ""),
    ("the comic drawings", {"drawn"}, ""), ("animated cartoon bits", {"animated", "drawn"}, ""),
    ("real photos only", {"photo"}, ""), ("real goat photos", {"photo"}, "goat")])  # "real" is the look
def test_the_look_and_the_thing_are_read_apart(text, kinds, thing):
    look = asked(text)
    assert look is not None and look.kinds == kinds and look.thing == thing


@pytest.mark.parametrize("text", ["the grey cat", "the painting of the night sky", "dogs", "the drawer",
                                  "the blender", "that grey blender monkey head"])
def test_words_that_name_no_look_ask_none(text):
    assert asked(text) is None


@pytest.mark.parametrize("text, thing", [
    ("the comic book store", "comic book store"), ("the drawing room", "drawing room"),
    ("a grey whale and a cartoon fish", "grey whale fish")])
def test_a_look_word_that_starts_a_compound_noun_is_the_thing(text, thing):
    # WordNet knows "comic book", "drawing room", "grey whale": things, not how the picture is made
    look = asked(text)
    assert (look is None) if thing == text.removeprefix("the ") else look.thing == thing


def test_one_table_of_words_for_no_colour():
    for text in ("the desaturated bits", "colourless footage", "monochromatic shots", "b&w"):
        assert asks_monochrome(text), text
        assert LOOK_WORDS.search(text), text


def test_the_drawn_and_the_grey_shots_are_found_and_nothing_else():
    idx = toy(KINDS)
    assert look_shots(idx, frozenset({"drawn"})) == {1, 3}
    assert look_shots(idx, frozenset({"grey"})) == {2}
    assert look_shots(idx, frozenset({"animated"})) == {1, 3}
    assert look_shots(idx, frozenset({"grey", "rendered"})) == set()  # the grey shot is a photo
    found, why = shots_found(idx, "the cartoons", modality="visual")
    assert found == [1, 3] and "drawn" in why
    found, why = shots_found(idx, "the black and white shots", modality="visual")
    assert found == [2] and "the picture looks black and white" in why and "grey" not in why


def test_a_look_with_a_thing_is_both():
    idx = toy([photo, cartoon, photo, photo, photo])  # fish in shots 1 and 3, drawn only in 1
    found, _ = shots_found(idx, "the drawing of a fish", modality="visual")
    assert found == [1]
    found, why = shots_found(idx, "a cartoon cat", modality="visual")  # the cat is only in a photo:
    assert found == [0] and "looks" not in why  # the statistics may miss a look, the cat stays


def test_a_photo_look_finds_its_thing_without_the_word_photo():
    # "the office photo": the camera in shot 0 is no office; the line over shot 2 talks of the office photo
    idx = make_index([(0, 10, "photo camera tripod"), (10, 20, "cat"), (20, 30, "desk")],
                     [(1, 5, "what a lovely sunny morning"), (11, 15, "the cat is fast asleep again"),
                      (21, 25, "here is a photo from the office")])
    idx.frame_looks = looks_of([photo(f.shot) for f in idx.frames])
    idx.frame_looks[:, LOOK_FIELDS.index("moving")] = 0.0  # stills: each shot one unmoving photo
    found, why = shots_found(idx, "the office photo")
    assert found == [2] and "office, where the picture looks photographed" in why


@pytest.mark.parametrize("text", ["the guy taking photos", "the woman who takes photographs"])
def test_photos_someone_takes_are_no_look(text):
    assert asked(text) is None


def test_an_index_without_frame_looks_makes_no_claim():
    idx = make_index(SCENES)  # made before looks: no frame_looks
    assert shot_looks(idx) is None and look_shots(idx, frozenset({"drawn"})) is None
    found, why = shots_found(idx, "the cartoons", modality="visual")
    assert "looks" not in why
    photos = toy([photo] * 5)  # looks known, none drawn: no claim either, never every shot
    found, why = shots_found(photos, "the cartoons", modality="visual")
    assert "looks" not in why and len(found) < 5


def _clip(src: Path, out: Path, start: float, length: float) -> Path:
    import imageio_ffmpeg

    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
                    "-ss", str(start), "-t", str(length), "-i", str(src), "-c:v", "libx264",
                    "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", str(out)],
                   check=True, timeout=120)
    return out


@pytest.mark.slow
def test_real_index_of_a_dev_film_clip_knows_the_drawing(tmp_path):
    """Real models and decoding on 27 s of the committed dev film (a clean checkout has it): a
    photo of fruit, a cartoon drawing of a fish, a photo of a motorbike; then an index without
    looks gets them on the next run without its frames being embedded again."""
    from cutbot.agent.plan import Query
    from cutbot.agent.search import Scorer
    from cutbot.indexers import index_film

    clip = _clip(ROOT / "examples" / "dev_film.mp4", tmp_path / "dev_part.mp4", 27.0, 27.0)
    index = index_film(clip, home=tmp_path / "home", faces=False)
    assert index.frame_looks.shape == (len(index.frames), len(LOOK_FIELDS))
    starts = [s.start for s in index.shots]
    shot_at = {name: int(np.searchsorted(starts, t, side="right") - 1)
               for name, t in (("fruit", 5.0), ("drawing", 14.0), ("motorbike", 22.0))}
    assert len(set(shot_at.values())) == 3
    drawn = look_shots(index, frozenset({"drawn"}))
    assert shot_at["drawing"] in drawn
    assert not drawn & {shot_at["fruit"], shot_at["motorbike"]}
    assert not look_shots(index, frozenset({"grey"})) & set(shot_at.values())  # all in colour
    hits = Scorer(index).score(Query(text="the cartoon", modality="visual"))
    found = set(np.flatnonzero(hits.mask).tolist())
    assert shot_at["drawing"] in found and not found & {shot_at["fruit"], shot_at["motorbike"]}

    man_path = index.root / "manifest.json"  # an index from before looks
    man = json.loads(man_path.read_text())
    del man["stages"]["looks"]
    man_path.write_text(json.dumps(man))
    again = index_film(clip, home=tmp_path / "home", faces=False)
    assert "looks" in again.timings and "frames" not in again.timings  # no picture embedded again
    assert "shots" not in again.timings  # ...and no decode pass: only the frames' own times read
    assert np.allclose(again.frame_looks[:, LOOK_FIELDS.index("chroma")],
                       index.frame_looks[:, LOOK_FIELDS.index("chroma")], atol=3.0)
    assert look_shots(again, frozenset({"drawn"})) == drawn
