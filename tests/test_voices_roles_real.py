"""Voices, part two, through the real path: a three-voice espeak-ng film (not the sample
film) indexed with the real models. "this is my sister" gives the role to the voice that
answers, and "all three of them chat" keeps the scenes where the three speak."""
from __future__ import annotations

from pathlib import Path

import pytest

from test_voices_real import spoken_film

NORA, FELIX, SISTER = "en-gb-x-gbclan+f4", "en-us-nyc+m2", "en-gb-x-gbcwmd+f1"
SCENES = [  # one coloured shot per scene: (colour, [(voice, text)])
    ("red", [(NORA, "Hi, I'm Nora. Sorry I am late, the traffic was awful."),
             (FELIX, "No problem at all. I'm Felix, and this is my sister."),
             (SISTER, "Hello Nora, it is so nice to meet you at last.")]),
    ("blue", [(FELIX, "Look at that old bike leaning by the wall."),
              (NORA, "Take it to the shop by the station, they fixed mine.")]),
    ("green", [(SISTER, "My job interview is on Thursday and I am really nervous."),
               (NORA, "You will be fine, just tell them about your project.")]),
    ("orange", [(FELIX, "I could make a mushroom risotto for dinner tonight."),
                (SISTER, "I will pick up the rice and the cheese on my way home."),
                (NORA, "Lovely, and I will bring a bottle of wine.")]),
]


@pytest.fixture(scope="module")
def three_voices(tmp_path_factory) -> tuple[Path, list[tuple[float, float, str]], list[tuple[float, float]]]:
    """The film, each line's (start, end, voice) and each scene's (start, end)."""
    return spoken_film(tmp_path_factory.mktemp("three_voices"), SCENES, gap=0.7, lead_each=True)


@pytest.mark.slow
def test_the_sister_and_all_three_through_the_real_path(three_voices, tmp_path, monkeypatch):
    from cutbot.agent.intent import parse_request
    from cutbot.agent.planner import plan_cut
    from cutbot.agent.search import Scorer
    from cutbot.indexers.pipeline import index_film

    film, lines, scenes = three_voices
    monkeypatch.setenv("CUTBOT_HOME", str(tmp_path))
    index = index_film(film, faces=False)
    scorer = Scorer(index)

    def kept_scenes(request: str) -> list[int]:
        cut = plan_cut(parse_request(request), index, request, scorer)
        kept = [(s.start, s.end) for s in cut.segments]
        cover = [sum(max(0.0, min(b, y) - max(a, x)) for x, y in kept) / (b - a) for a, b in scenes]
        assert all(c > 0.9 or c < 0.1 for c in cover), (request, cover)  # whole scenes, or none
        return [k for k, c in enumerate(cover) if c > 0.9]

    assert kept_scenes("when the sister speaks") == [0, 2, 3]
    # the intro, where all three speak, and never a scene of two; the last scene (all three
    # again) may be lost where a person's voice splits into clusters no rule can tell apart
    three = kept_scenes("the parts where all three of them chat")
    assert three[:1] == [0] and not {1, 2} & set(three), three
    felix = kept_scenes("just felix's lines")  # his named voice; never a scene he is silent in
    assert felix[:1] == [0] and 2 not in felix, felix
