"""Voices through the real path: two espeak-ng voices of ONE pitch (en-us+m3 and en-gb+m3, both
about 105 Hz) spoken into a film, its sound decoded by ffmpeg, and the voices stage must tell
them apart by the timbre direction the film itself shows (voices-3's fixed scales heard one
voice); one voice alone stays one."""
from __future__ import annotations

from cutbot.indexers.media import load_audio
from cutbot.indexers.schema import Sentence
from cutbot.indexers.voices import find_voices
from test_voices_real import spoken_film

TEXTS = ["The garden looks lovely in the spring sunshine after the rain.",
         "We planted the roses by the fence last autumn, near the gate.",
         "I would like to see the greenhouse before we go back inside.",
         "The greenhouse is behind the old stone wall, past the pond.",
         "My brother fixed the bicycle chain again this morning.",
         "The train to the coast leaves at half past nine tomorrow.",
         "Bring a warm coat, the wind on the beach is always cold.",
         "We should buy bread and cheese at the market on the way."]


def _voices(d, a: str, b: str):
    d.mkdir()
    said = [(a if i % 2 == 0 else b, text) for i, text in enumerate(TEXTS)]
    film, lines, _ = spoken_film(d, [("gray", said[:4]), ("blue", said[4:])], gap=0.5)
    sents = [Sentence(i, round(s, 3), round(e, 3), TEXTS[i]) for i, (s, e, _) in enumerate(lines)]
    return find_voices(load_audio(film), sents)


def test_two_voices_of_one_pitch_are_two_and_one_voice_is_one(tmp_path):
    got = _voices(tmp_path / "two", "en-us+m3", "en-gb+m3")
    assert got.voice == (0, 1) * 4
    assert abs(got.voices[0].pitch - got.voices[1].pitch) < 10  # one pitch: timbre parted them
    one = _voices(tmp_path / "one", "en-us+m3", "en-us+m3")
    assert set(one.voice) == {0}
