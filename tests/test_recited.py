"""A passage read aloud from a book that nothing in the film names (agent/recited.py): a request
about a written work ("someone reading from an old novel", "the audiobook") that its words find
nowhere takes the long lines of a voice the film hears little; on a toy transcript and through the
real dev film, whose Austen passage means nothing like "an old novel" to MiniLM."""
from __future__ import annotations

import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.plan import Query
from cutbot.agent.recited import reads_a_work
from fakes import run_plan
from test_voices import _film

# two people talk; a recording reads one long line; another recording lists cards
LINES = [(1.0, 3.0, "Shall we plan the trip today?", 0), (4.0, 6.0, "Yes, the tickets are cheap now.", 1),
         (11.0, 18.0, "It is a truth universally acknowledged that a single man in possession of a fortune", 2),
         (21.0, 23.0, "Eight of spades, four of clubs.", 3), (24.0, 26.0, "What was that noise?", 0),
         (27.0, 29.0, "Only the radio, sorry.", 1)]
PITCH = {0: 190.0, 1: 105.0, 2: 120.0, 3: 110.0}


@pytest.mark.parametrize("text, yes", [("passage from an old novel", True), ("the audiobook", True),
                                       ("old-fashioned book reading", True), ("the poem", True),
                                       ("the story about the dragon", False), ("playing cards", False),
                                       ("the bit where someone reads a recipe", False),
                                       ("the booking one first", False), ("the cooking instructions", False),
                                       ("the whole saga of hana trying to get her licence", False),
                                       ("the story of the broken bike", False), ("a reading of an old novel", True)])
def test_a_written_work_is_asked_for_by_its_noun_not_by_a_topic_or_the_reading(text, yes):
    assert reads_a_work(text) is yes


def test_the_passage_is_the_long_line_of_a_voice_heard_little():
    cut = run_plan(_film(LINES, PITCH), include=(Query(text="passage from an old novel", modality="speech"),))
    assert [(s.start, s.end) for s in cut.segments] == [(10.0, 20.0)]


def test_a_voice_heard_little_that_also_says_short_lines_is_a_person_not_a_reader():
    lines = LINES[:2] + [(11.0, 18.0, LINES[2][2], 2), (19.0, 19.8, "Oranges and tea.", 2)] + LINES[3:]
    with pytest.raises(NothingMatched):
        run_plan(_film(lines, PITCH), include=(Query(text="passage from an old novel", modality="speech"),))


def test_a_topic_that_is_no_written_work_stays_absent():
    with pytest.raises(NothingMatched):
        run_plan(_film(LINES, PITCH), include=(Query(text="the football match", modality="speech"),))


def test_on_the_dev_film_the_old_novel_is_the_austen_passage(indexed_dev, dev_film, dev_truth):
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    book = next(s for s in dev_truth["scenes"] if any("librivox" in n["voice"] for n in s["narration"]))
    cut = Editor.load(dev_film).ask("when somebody reads a passage from an old novel")
    spans = [(s.start, s.end) for s in cut.segments]
    assert overlap(spans, [(book["start"], book["end"])]) >= 0.9 * (book["end"] - book["start"])
    assert sum(b - a for a, b in spans) <= 1.2 * (book["end"] - book["start"])
