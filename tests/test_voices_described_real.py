"""Speaker descriptions through the real path: a two-voice espeak-ng film (not a benchmark
film) indexed with the real models; "the female speaker's lines", "everything the dog owner
says" and "i just want to hear the man" are answered by the voices, whole scenes or none."""
from __future__ import annotations

from pathlib import Path

import pytest

from test_voices_real import spoken_film

WOMAN, MAN = "en-gb-x-gbclan+f4", "en-us-nyc+m2"
SCENES = [("red", [(WOMAN, "Welcome to the harbour, where the fishing boats come home at dusk.")]),
          ("blue", [(MAN, "My dog Rufus swims out to meet the boats every single morning.")]),
          ("green", [(WOMAN, "The lighthouse has stood on these black rocks for two hundred years.")]),
          ("orange", [(MAN, "The ferry leaves at noon, and it is always late in the winter.")])]


@pytest.fixture(scope="module")
def two_voices(tmp_path_factory) -> tuple[Path, list[tuple[float, float]]]:
    film, _, scenes = spoken_film(tmp_path_factory.mktemp("described"), SCENES, gap=0.8, lead_each=True)
    return film, scenes


@pytest.mark.slow
def test_speaker_descriptions_through_the_real_path(two_voices, tmp_path, monkeypatch):
    from cutbot.agent.intent import parse_request
    from cutbot.agent.planner import plan_cut
    from cutbot.agent.search import Scorer
    from cutbot.indexers.pipeline import index_film

    film, scenes = two_voices
    monkeypatch.setenv("CUTBOT_HOME", str(tmp_path))
    index = index_film(film, faces=False)
    scorer = Scorer(index)

    def kept_scenes(request: str) -> tuple[list[int], str]:
        cut = plan_cut(parse_request(request), index, request, scorer)
        kept = [(s.start, s.end) for s in cut.segments]
        cover = [sum(max(0.0, min(b, y) - max(a, x)) for x, y in kept) / (b - a) for a, b in scenes]
        assert all(c > 0.9 or c < 0.1 for c in cover), (request, cover)  # whole scenes, or none
        return [k for k, c in enumerate(cover) if c > 0.9], " ".join(r for s in cut.segments for r in s.reasons)

    scenes_kept, why = kept_scenes("the female speaker's lines")
    assert scenes_kept == [0, 2] and "women's voices" in why
    scenes_kept, why = kept_scenes("everything the dog owner says")
    assert scenes_kept == [1, 3] and "dog owner" in why and "my dog" in why.lower()
    assert kept_scenes("i just want to hear the man")[0] == [1, 3]
