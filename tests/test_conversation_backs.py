"""Follow-ups that take something back or ask for less of it (issue #11, refinements): "put it
back" after a drop is the thing dropped (and a redo after an undo), "the forest bits feel too
long" and "less of the forest" with no length shrink the cut by the forest's share, and a piece
dropped by pointing at it leaves no slivers of its own shot behind. Toy film and placeholder
nouns, written for no benchmark film."""
from __future__ import annotations

import pytest

from cutbot.agent.edges import pointed_out
from cutbot.agent.intent import parse_request
from cutbot.indexers.schema import Shot

from fakes import fake_editor

FIRST = "the beach, the forest and the desert"


def spans(cut) -> list[tuple[float, float]]:
    return [(s.start, s.end) for s in cut.segments]


@pytest.mark.parametrize("line", ["put it back", "wait, bring it back", "put them back", "actually put it back in",
                                  "restore it", "put that back"])
def test_put_it_back_after_a_drop_is_the_thing_dropped(line):
    editor = fake_editor()
    before = spans(editor.ask(FIRST))
    editor.respond("lose the forest")
    reply = editor.respond(line)  # "put it back" was a redo with nothing to redo; the others, unclear
    assert reply.kind == "plan", (line, reply.message)
    assert not editor.plan.exclude and "forest" in [q.text for q in editor.plan.include], line
    assert spans(reply.cut) == before, line


def test_put_it_back_after_an_undo_is_still_a_redo():
    editor = fake_editor()
    editor.ask(FIRST)
    dropped = spans(editor.respond("lose the forest").cut)
    editor.respond("undo")
    reply = editor.respond("put it back")
    assert reply.kind == "redo" and spans(reply.cut) == dropped


def test_redo_with_nothing_undone_says_so_even_after_a_drop():
    editor = fake_editor()
    editor.ask(FIRST)
    editor.respond("lose the forest")
    reply = editor.respond("redo")
    assert reply.kind == "redo" and "nothing to redo" in reply.message
    assert [q.text for q in editor.plan.exclude] == ["forest"]


@pytest.mark.parametrize("line", ["hmm the forest bits feel too long", "the forest part drags",
                                  "the forest scene goes on too long", "the forest clips are way too long"])
def test_a_subject_that_feels_too_long_weighs_less(line):
    plan = parse_request(line, previous=parse_request(FIRST + ", under 2 minutes"))
    assert {q.text: q.weight for q in plan.include} == {"beach": 1.0, "forest": 0.5, "desert": 1.0}, line
    assert plan.duration.max == 120, line  # the cut's own length is untouched ("that's too long" shrinks it)


@pytest.mark.parametrize("line", ["the forest bits feel too long", "less of the forest"])
def test_less_of_a_subject_with_no_length_shrinks_its_share(line):
    editor = fake_editor()
    before = editor.ask(FIRST)
    forest = sum(s.duration for s in before.segments if s.start >= 40 and s.end <= 50)
    reply = editor.respond(line)  # the cut did not change: weights only count under a length
    assert reply.cut.duration == pytest.approx(before.duration - forest / 2, abs=0.6), line
    assert editor.plan.duration.max == pytest.approx(before.duration - forest / 2, abs=0.1)
    assert "less of it makes the cut at most" in reply.message
    assert [s for s in spans(reply.cut) if s[1] <= 40] == [s for s in spans(before) if s[1] <= 40]  # the rest holds


def test_a_piece_dropped_by_pointing_leaves_no_slivers_of_its_shot():
    editor = fake_editor()
    cut = editor.ask(FIRST + ", under 25 s")
    first = cut.segments[0]
    assert (first.start, first.end) != (10.0, 20.0)  # a fit trimmed it inside its shot (10-20)
    reply = editor.respond("drop the first clip")
    assert not [s for s in spans(reply.cut) if s[0] < 20 and s[1] > 10], spans(reply.cut)  # was 10-12 and 17-20


def test_a_few_seconds_off_a_piece_keep_its_shot():
    shots = [Shot(0, 0.0, 10.0), Shot(1, 10.0, 20.0), Shot(2, 20.0, 60.0)]
    assert pointed_out([(12.0, 18.0)], shots) == [(12.0, 18.0), (10.0, 20.0)]  # most of the shot: all of it
    assert pointed_out([(8.0, 10.0)], shots) == [(8.0, 10.0)]  # a trimmed end: only that
    assert pointed_out([(30.0, 40.0)], shots) == [(30.0, 40.0)]  # a piece of a long shot: the rest is other moments


def _after(first: str, line: str):
    return parse_request(line, previous=parse_request(first))


@pytest.mark.parametrize("line, kept, dropped", [("drop him", ["lena"], ["tom"]), ("without her", ["tom's"], ["lena"])])
def test_a_pronoun_is_the_first_name_on_screen_of_its_sex(line, kept, dropped):
    plan = _after("tom's lines and lena", line)  # "drop him" had dropped a subject "him"
    assert [q.text for q in plan.include] == kept and [q.text for q in plan.exclude] == dropped, line


def test_dropping_someone_drops_their_lines_said_before():
    plan = _after("tom's lines and lena", "drop tom")  # Tom's lines had stayed beside "no Tom": almost nothing left
    assert [q.text for q in plan.include] == ["lena"] and [q.text for q in plan.exclude] == ["tom"]
    plan = parse_request("tom's lines but not tom")  # said at once: his voice over other pictures
    assert [q.text for q in plan.include] == ["tom's"] and [q.text for q in plan.exclude] == ["tom"]


@pytest.mark.parametrize("first, seen", [("lena and tom", ["lena", "tom"]), ("the cat and the dog", ["cat", "dog"]),
                                         ("tom's lines and lena", ["tom", "lena"])])
@pytest.mark.parametrize("line", ["only when they're both on screen", "only when we see them both",
                                  "only when both are on screen"])
def test_both_on_screen_is_the_subjects_seen_together(first, seen, line):
    plan = _after(first, line)  # each had a subject "screen", "both" or "them both" beside them
    assert [(q.text, q.modality) for q in plan.include] == [(t, "visual") for t in seen], (first, line)
    assert plan.match == "all"


@pytest.mark.parametrize("line, kept", [
    ("the car chases except the first one", [(30.0, 40.0), (60.0, 70.0)]),
    ("the car chases but not the first two", [(60.0, 70.0)]),  # was "only the first 2": the opposite
    ("the car chases, minus the last two", [(0.0, 10.0)]),
    ("the car chases apart from the first two", [(60.0, 70.0)]),  # the edge's words had hidden the count's
    ("the car chases other than the last one", [(0.0, 10.0), (30.0, 40.0)]),
    ("the car chases but not the last one", [(0.0, 10.0), (30.0, 40.0)]),
    ("skip the first two scenes", [(20.0, 100.0)]),  # was "only the first 2 scenes"
])
def test_places_left_out_of_a_subject_are_its_own(line, kept):
    assert spans(fake_editor().ask(line)) == kept, line


@pytest.mark.parametrize("line", ["the first two goat scenes", "drop the first two goat shots"])
def test_a_count_that_names_its_subject_is_still_a_count(line):
    assert parse_request(line).pick is not None, line
