"""One reading of the gender a phrase asks for (traits.asked_gender), adjectives and
possessives included, shared by the voice and the described-voice readers."""
from __future__ import annotations

import pytest
from cutbot.agent.described import sex_of
from cutbot.agent.traits import asked_gender, ungendered


@pytest.mark.parametrize("text, sex", [("female", "f"), ("male", "m"), ("woman's", "f"), ("the men's", "m"),
                                       ("the female speaker", "f"), ("the guy with glasses", "m"),
                                       ("the man and the woman", None), ("her", None), ("the narrator", None)])
def test_asked_gender_reads_nouns_adjectives_and_possessives(text, sex):
    assert asked_gender(text) == sex


def test_pronouns_count_only_when_asked():
    assert asked_gender("her lines", pronouns=True) == "f" and asked_gender("her lines") is None


def test_the_words_a_gender_cannot_show_are_kept():
    assert ungendered("the old woman's") == ("old",)
    assert ungendered("female") == () and ungendered("the english guy") == ("english",)
    assert sex_of("the old lady") == ("f", ("old",))


class _Film:  # an index stand-in that keeps what is read once of it (weak references)
    pass


def test_speaker_ties_are_kept_per_reading_of_the_voices(monkeypatch):
    from cutbot.agent import speakers
    calls = []
    monkeypatch.setattr(speakers, "_ties", lambda idx, named, opts: calls.append(named) or named)
    index = _Film()
    a, b = speakers.Named((0,), {"nora": ({0}, "")}), speakers.Named((0,), {"felix": ({0}, "")})
    assert speakers.speaker_ties(index, a) is a and speakers.speaker_ties(index, b) is b
    assert speakers.speaker_ties(index, a) is a and calls == [a, b]  # read once per reading
