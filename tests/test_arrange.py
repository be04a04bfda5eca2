"""The cut's order set by hand: "swap the first two", "move the last clip to the front",
"shuffle it", "put back the others" (agent/arrange.py), from the words to the cut on screen."""
from __future__ import annotations

import pytest

from cutbot.agent import PlanError
from cutbot.agent.arrange import Move, arranged, hand_move, order_after, plan_fields
from cutbot.agent.cut import Cut
from cutbot.agent.cut import Segment
from cutbot.agent.editor import Editor
from cutbot.agent.intent import parse_intent, parse_request
from cutbot.agent.plan import ConstraintPlan, Query, Span

from fakes import fake_editor


@pytest.mark.parametrize("line, move", [
    ("swap the first two", Move("swap", 1, 2)),
    ("can you swap the first two clips around please", Move("swap", 1, 2)),
    ("switch the last two", Move("swap", -2, -1)),
    ("swap clips 2 and 3", Move("swap", 2, 3)),
    ("swap 1 and 4", Move("swap", 1, 4)),
    ("swap the second and fourth ones", Move("swap", 2, 4)),
    ("flip the first and the last one", Move("swap", 1, -1)),
    ("move the last clip to the front", Move("place", -1, 1)),
    ("put the last one first", Move("place", -1, 1)),
    ("ok now bring the second to last bit to the start", Move("place", -2, 1)),
    ("start with the last clip", Move("place", -1, 1)),
    ("make the third one the opener", Move("place", 3, 1)),
    ("move the first clip to the end", Move("place", 1, -1)),
    ("put the 2nd one last", Move("place", 2, -1)),
    ("end on the first one", Move("place", 1, -1)),
    ("put clip 3 in second place", Move("place", 3, 2)),
    ("move segment 4 to position 2", Move("place", 4, 2)),
    ("shuffle it", Move("shuffle")),
    ("shuffle the clips", Move("shuffle")),
    ("random order please", Move("shuffle")),
    ("put them in a random order", Move("shuffle")),
    ("mix it up", Move("shuffle")),
    ("only the first two", Move("keep", places=(1, 2), counted=True)),
    ("just the first 3 clips", Move("keep", places=(1, 2, 3), counted=True)),
    ("keep only the last one", Move("keep", places=(-1,))),
    ("keep the first two only", Move("keep", places=(1, 2), counted=True)),
    ("put back the others", Move("put_back")),
    ("make the second clip shorter", Move("resize", 2, -1)),
    ("cut the third one in half", Move("resize", 3, -1, kept=0.5)),  # was "no segment is about 'one in half'"
    ("halve the last clip", Move("resize", -1, -1, kept=0.5)),
    ("make the second clip half as long", Move("resize", 2, -1, kept=0.5)),  # was a subject "third"
    ("trim the last one", Move("resize", -1, -1)),
    ("can the first clip be a bit longer", Move("resize", 1, 1)),
    ("the third one is boring", Move("drop", places=(3,))),
    ("the third one doesn't belong", Move("drop", places=(3,))),
    ("the last clip shouldn't be there", Move("drop", places=(-1,))),
    ("remove the bit at 1:05", Move("drop_at", at=65.0)),
    ("the part at 0:22 doesn't fit", Move("drop_at", at=22.0)),
    ("bring the rest back", Move("put_back")),
    ("ok bring back the ones you dropped", Move("put_back")),
    ("drop the last two clips", Move("drop", places=(-2, -1), counted=True)),  # was "only the last 2 shots": the two kept
    ("get rid of the first three", Move("drop", places=(1, 2, 3), counted=True)),
    ("without the last 2", Move("drop", places=(-2, -1), counted=True)),
    ("keep the first and last ones", Move("keep", places=(1, -1))),  # was a new cut of other scenes
    ("keep clips 1, 3 and 5", Move("keep", places=(1, 3, 5))),  # was "nothing in the film matches '1'"
    ("lose everything but the first two", Move("keep", places=(1, 2), counted=True)),
    ("drop everything after the third clip", Move("keep", places=(1, 2, 3), counted=True)),
    ("the second and third are boring", Move("drop", places=(2, 3))),
    ("i don't need the first two", Move("drop", places=(1, 2), counted=True)),  # had kept the first two
    ("the second one can go", Move("drop", places=(2,))),
    ("trim the coffee bit", Move("resize", 0, -1, what="coffee")),  # was a new cut of 'trim the coffee'
    ("the car chase scene is too long", Move("resize", 0, -1, what="car chase")),
    ("make the cat clip longer", Move("resize", 0, 1, what="cat")),  # was the cat alone
    ("keep the middle two", Move("keep", counted=True, middle=2)),  # was "nothing matches 'middle two'"
    ("drop every other clip", Move("drop", counted=True, every=2)),  # was a new cut without 'other'
    ("cut alternate clips", Move("drop", counted=True, every=2)),
])
def test_a_move_of_the_pieces_on_screen_is_read(line, move):
    assert hand_move(line) == move


@pytest.mark.parametrize("line", [
    "put the goat first",  # a subject's place: a group order
    "swap the goat and the kite",
    "start with the last scene",  # the film's own last scene
    "put the goat back",  # a subject brought back
    "reverse it",
    "swap the first two, and add the kite",  # more than a move: the whole line is a request
    "the first two goat scenes",
    "only the first two scenes",  # the film's scenes: a count (counts.py)
    "drop the last two scenes",  # the film's own
    "keep 2",  # a number alone to keep is a length
    "keep the cat",
])
def test_other_lines_are_no_move(line):
    assert hand_move(line) is None


def test_the_new_order_of_each_move():
    assert order_after(4, Move("swap", 1, 2)) == [1, 0, 2, 3]
    assert order_after(4, Move("swap", -2, -1)) == [0, 1, 3, 2]
    assert order_after(4, Move("place", -1, 1)) == [3, 0, 1, 2]
    assert order_after(4, Move("place", 1, -1)) == [1, 2, 3, 0]
    assert order_after(4, Move("place", 4, 2)) == [0, 3, 1, 2]
    shuffled = order_after(5, Move("shuffle"), seed="x", film=[4, 3, 2, 1, 0])
    assert sorted(shuffled) == list(range(5)) and shuffled not in ([0, 1, 2, 3, 4], [4, 3, 2, 1, 0])
    assert shuffled == order_after(5, Move("shuffle"), seed="x", film=[4, 3, 2, 1, 0])  # the same cut, the same order
    assert order_after(2, Move("shuffle")) == [1, 0]
    with pytest.raises(PlanError, match="3 pieces; there is no piece 4"):
        order_after(3, Move("swap", 1, 4))
    with pytest.raises(PlanError, match="only one piece"):
        order_after(1, Move("place", -1, 1))


@pytest.mark.parametrize("line, left", [
    ("only the middle three", [1, 2, 3]), ("keep the middle one", [2]), ("drop the middle three", [0, 4]),
    ("drop every other clip", [0, 2, 4]), ("keep every other one", [0, 2, 4]), ("lose every second one", [0, 2, 4]),
    ("drop every third clip", [0, 1, 3, 4]),
])
def test_the_middle_pieces_and_every_other_one_of_five(line, left):
    cut = Cut("film.mp4", "x", tuple(_seg(10 * i, 10 * i + 5) for i in range(5)))
    fields, _ = plan_fields(cut, hand_move(line))
    assert [int(s.start) // 10 for s in fields["skip"]] == [i for i in range(5) if i not in left]


def _seg(a, b, source=None):
    return Segment(a, b, 1.0, source=source)


def test_segments_play_in_the_place_of_the_span_they_overlap_most():
    segs = [_seg(0, 10), _seg(20, 30), _seg(40, 50), _seg(60, 70)]
    spans = (Span(start=41, end=52), Span(start=0, end=10), Span(start=19, end=31))
    assert [s.start for s in arranged(segs, spans)] == [40, 0, 20, 60]  # 60-70 overlaps none: after
    assert arranged(segs, ()) == segs
    films = [_seg(0, 10, "a.mp4"), _seg(0, 10, "b.mp4")]  # the same times in two films of a library
    assert [s.source for s in arranged(films, (Span(start=0, end=10, source="b.mp4"),))] == ["b.mp4", "a.mp4"]


def test_the_plan_json_leaves_out_an_empty_arrangement_and_reads_one_back():
    plan = ConstraintPlan(include=(Query(text="goat"),))
    assert "arrange" not in plan.model_dump(mode="json")
    moved = plan.model_copy(update={"arrange": (Span(start=20, end=30), Span(start=0, end=10))})
    back = ConstraintPlan.model_validate(moved.model_dump(mode="json"))
    assert back.arrange == moved.arrange and not back.is_empty
    assert "order set by hand: 20.0-30.0 s, 0.0-10.0 s" in back.describe()


def test_the_parser_keeps_the_plan_and_later_turns_keep_or_drop_the_order():
    plan = ConstraintPlan(include=(Query(text="goat"),), arrange=(Span(start=20, end=30), Span(start=0, end=10)))
    intent = parse_intent("swap the first two", plan)
    assert intent.kind == "plan" and intent.plan == plan and intent.move == Move("swap", 1, 2)
    with pytest.raises(PlanError, match="no cut on screen"):
        parse_intent("shuffle it")
    assert parse_intent("under 30 seconds", plan).plan.arrange == plan.arrange  # a length keeps it
    assert parse_intent("reverse it", plan).plan.arrange == plan.arrange[::-1]  # the order on screen turns
    assert parse_intent("back in film order", plan).plan.arrange == ()
    assert parse_intent("put the kite first", plan.model_copy(update={
        "include": (Query(text="goat"), Query(text="kite"))})).plan.arrange == ()  # a group order replaces it
    with pytest.raises(PlanError, match="nothing was left out"):
        parse_intent("put back the others", plan)
    narrowed = plan.model_copy(update={"skip": (Span(start=40, end=50),)})
    assert parse_intent("bring the rest back", narrowed).plan.skip == ()


def spans(cut):
    return [(round(s.start), round(s.end)) for s in cut.segments]


def test_a_conversation_reorders_the_cut_on_screen_and_undo_puts_it_back():
    editor = fake_editor()
    editor.ask("only the car chases")
    before = spans(editor.cut)
    assert len(before) == 3
    reply = editor.respond("swap the first two")
    assert reply.kind == "plan" and spans(reply.cut) == [before[1], before[0], before[2]]
    assert "swapped pieces 1 and 2" in reply.message
    assert spans(editor.respond("move the last clip to the front").cut) == [before[2], before[1], before[0]]
    assert spans(editor.respond("drop the second one").cut) == [before[2], before[0]]  # the order holds
    assert spans(editor.respond("put back the others").cut) == [before[2], before[1], before[0]]
    assert spans(editor.respond("back in film order").cut) == before
    assert spans(editor.respond("undo").cut) == [before[2], before[1], before[0]]
    shuffled = spans(editor.respond("shuffle it").cut)
    assert sorted(shuffled) == before and shuffled != [before[2], before[1], before[0]]
    reply = editor.respond("swap the second and fifth")
    assert reply.kind == "clarify" and "no piece 5" in reply.message and spans(reply.cut) == shuffled


def test_only_the_first_pieces_on_screen_stay_until_the_others_are_put_back():
    editor = fake_editor()
    before = spans(editor.ask("only the car chases"))
    reply = editor.respond("only the first two")
    assert spans(reply.cut) == before[:2] and "kept pieces 1-2 of 3" in reply.message
    assert spans(editor.respond("put back the others").cut) == before
    assert spans(editor.respond("reverse it").cut) == before[::-1]
    assert spans(editor.respond("just the first one").cut) == [before[2]]  # the first on screen
    reply = editor.respond("only the first four")  # more than there are: nothing to leave out
    assert reply.kind == "clarify" and "only 1 piece(s): all of them stay" in reply.message
    assert spans(editor.respond("bring the rest back").cut) == before[::-1]


def test_one_piece_made_shorter_loses_its_end_and_the_middle_one_is_pointed_at():
    editor = fake_editor()
    before = spans(editor.ask("only the car chases"))
    reply = editor.respond("make the second clip shorter")
    assert spans(reply.cut)[1][0] == before[1][0] and spans(reply.cut)[1][1] < before[1][1]
    assert "off the end of piece 2" in reply.message
    reply = editor.respond("make the first one longer")
    assert reply.kind == "clarify" and "cannot be made longer" in reply.message
    assert spans(editor.respond("put back the others").cut) == before
    assert spans(editor.respond("drop the middle one").cut) == [before[0], before[2]]


def test_one_piece_cut_in_half_keeps_its_first_half():
    editor = fake_editor()
    before = spans(editor.ask("only the car chases"))
    after = spans(editor.respond("cut the second one in half").cut)
    (a, b), (a0, b0) = after[1], before[1]
    assert a == a0 and b == pytest.approx(a0 + (b0 - a0) / 2, abs=0.5), (before, after)  # its shot stays


@pytest.mark.slow
def test_a_swap_on_the_real_sample_film_renders_in_its_new_order(indexed_sample, sample_film, tmp_path):
    import av

    real = Editor.load(sample_film)
    cut = real.ask("the animals")
    assert len(cut.segments) >= 2
    first, second = cut.segments[0], cut.segments[1]
    swapped = real.respond("swap the first two").cut
    assert (swapped.segments[0].start, swapped.segments[1].start) == (second.start, first.start)
    assert swapped.duration == pytest.approx(cut.duration)
    result = real.render(tmp_path / "swapped.mp4")
    with av.open(str(result.path)) as written:
        assert abs(written.duration / 1e6 - swapped.duration) < 0.5


def test_a_verdict_on_one_piece_or_a_time_in_it_acts_on_that_piece():
    editor = fake_editor()
    before = spans(editor.ask("only the car chases"))
    reply = editor.respond("the first one is a bit long")
    assert spans(reply.cut)[0][0] == before[0][0] and spans(reply.cut)[0][1] < before[0][1]
    assert editor.respond("the last clip is too short").kind == "clarify"
    assert spans(editor.respond("the second one is boring").cut)[1:] == [before[2]]
    editor.respond("put back the others")
    t = (before[1][0] + before[1][1]) / 2
    reply = editor.respond(f"remove the part at {int(t) // 60}:{int(t) % 60:02d}")
    assert spans(reply.cut) == [before[0], before[2]] and "dropped piece 2" in reply.message
    reply = editor.respond("the bit at 9:59 shouldn't be there")
    assert reply.kind == "clarify" and "9:59 is not in the cut" in reply.message


def test_thumbs_down_on_a_piece_by_its_place_drops_it():
    editor = fake_editor()
    before = spans(editor.ask("only the car chases"))
    reply = editor.respond("i don't like the last one")  # was a taste for "the last one" in the profile
    assert reply.kind == "dislike" and spans(reply.cut) == before[:2]


def test_pieces_counted_from_an_edge_or_next_to_last_leave_the_cut():
    editor = fake_editor()
    before = spans(editor.ask("only the car chases"))
    reply = editor.respond("drop the last two clips")  # had kept the last two and dropped the rest
    assert spans(reply.cut) == before[:1] and "dropped pieces 2-3" in reply.message
    editor.respond("put back the others")
    assert spans(editor.respond("cut the first two segments").cut) == before[2:]
    editor.respond("put back the others")
    reply = editor.respond("drop the last three")
    assert reply.kind == "clarify" and "leaves nothing" in reply.message
    for line in ("lose the penultimate one", "remove the second-to-last clip", "drop the second to last one"):
        editor.respond("put back the others")
        assert spans(editor.respond(line).cut) == [before[0], before[2]], line  # one was a subject, one an error
    for line in ("keep the first and last ones", "the second one can go", "only keep clips 1 and 3"):
        editor.respond("put back the others")
        assert spans(editor.respond(line).cut) == [before[0], before[2]], line  # each had made a new cut
    editor.respond("put back the others")
    reply = editor.respond("i don't need the first two")  # had kept the first two
    assert spans(reply.cut) == before[2:] and "dropped pieces 1-2" in reply.message


def test_a_piece_named_by_what_it_shows_is_made_shorter():
    editor = fake_editor()
    before = spans(editor.ask("the beach and the forest"))
    reply = editor.respond("trim the forest clip")  # was a new cut of 'trim the forest'
    assert spans(reply.cut)[0] == before[0] and spans(reply.cut)[1][1] < before[1][1]
    assert "off the end of piece 2" in reply.message
    reply = editor.respond("shorten the piano scene")
    assert reply.kind == "clarify" and "no segment of the cut is about 'piano'" in reply.message
    reply = editor.respond("make the beach clip longer")
    assert reply.kind == "clarify" and "cannot be made longer" in reply.message and len(reply.cut.segments) == 2


def test_only_the_pieces_on_screen_that_have_a_thing_stay():
    editor = fake_editor()
    before = spans(editor.ask("the kitchen, the forest and the city"))
    assert len(before) == 3
    reply = editor.respond("only the ones that mention the money")  # was a new cut of 'mention the money'
    assert spans(reply.cut) == [before[0]] and "kept the 1 of 3 pieces with 'money'" in reply.message
    reply = editor.respond("only the ones with the piano")
    assert reply.kind == "clarify" and "none of the 1 piece(s) on screen has 'piano'" in reply.message
    editor.respond("put back the others")
    reply = editor.respond("just the ones where they talk about treasure")  # the three at once had matched nothing
    assert spans(reply.cut) == [before[1]]


@pytest.mark.parametrize("line, include, having", [
    ("only the ones with people", ["goat", "kite"], ["people"]),
    ("just those that mention the harbour", ["goat", "kite"], ["harbour"]),
    ("narrow it down to the goat", ["goat"], []),  # of the subjects on screen: that one
])
def test_the_pieces_having_a_thing_are_read_against_a_cut_of_several_subjects(line, include, having):
    intent = parse_intent(line, parse_request("the goat and the kite"))
    assert [q.text for q in intent.plan.include] == include and [q.text for q in intent.having] == having


def test_a_cut_of_one_subject_narrows_its_plan_instead():
    intent = parse_intent("only the ones where someone talks", parse_request("the goat"))
    assert not intent.having and intent.plan.match == "all"  # the goat where someone talks, as before
