"""Orders within one subject (issue #11): "the holiday bits, Lisbon first" names a part of
the subject; when every kept piece answers "Lisbon" (one by name, one by a look-alike
line), the one where it is said or seen by name plays first."""
from __future__ import annotations

from cutbot.agent.cut import Segment
from cutbot.agent.evidence import Evidence
from cutbot.agent.positions import in_sequence
from cutbot.agent.positions import named_first


def _seg(start: float, *said: tuple[str, str], z: float = 6.0) -> Segment:
    ev = tuple(Evidence("speech", 0.6, z, f'"{line}"', start + 1, start, start + 5, query)
               for query, line in said)
    return Segment(start, start + 10, 1.0, ("why",), (int(start // 10),), evidence=ev)


def test_the_part_said_by_name_plays_first():
    segs = [_seg(0, ("Lisbon", "Portugal sounds lovely in August")),
            _seg(50, ("Lisbon", "I found a cheap flat in Lisbon for July"))]
    out = in_sequence(segs, ("Lisbon", "holiday"), None, named_first(segs, ("Lisbon", "holiday")))
    assert [s.start for s in out] == [50, 0]


def test_a_part_named_nowhere_or_everywhere_keeps_the_film_order():
    nowhere = [_seg(0, ("Lisbon", "Portugal sounds lovely")), _seg(50, ("Lisbon", "a flat by the sea"))]
    everywhere = [_seg(0, ("Lisbon", "Lisbon in August")), _seg(50, ("Lisbon", "a flat in Lisbon"))]
    for segs in (nowhere, everywhere):
        answers = named_first(segs, ("Lisbon", "holiday"))
        assert [s.start for s in in_sequence(segs, ("Lisbon", "holiday"), None, answers)] == [0, 50]


def test_a_group_that_is_not_every_piece_is_left_as_it_is():
    """ "the cat then the dog": the dog's pieces are a group of their own, named or not."""
    segs = [_seg(0, ("dog", "a good boy")), _seg(20, ("cat", "the cat sleeps")),
            _seg(40, ("dog", "my dog loves the garden"))]
    answers = named_first(segs, ("cat", "dog"))
    assert answers == [["dog"], ["cat"], ["dog"]]
    assert [s.start for s in in_sequence(segs, ("cat", "dog"), None, answers)] == [20, 0, 40]


def test_a_moment_placed_ahead_of_its_subject_opens_with_the_scene_that_says_it_best():
    """ "the driving test, starting with when she passed": "I passed." opens, not "you will pass next time"."""
    segs = [_seg(0, ("she passed", "Oh no, you will pass next time"), z=8.0), _seg(30, ("driving test", "I failed")),
            _seg(60, ("she passed", "I passed."), z=12.9)]
    order = ("she passed", "driving test")
    assert [s.start for s in in_sequence(segs, order, None, None, "driving test")] == [60, 0, 30]
    # a subject said first that only comes first ("the school play, ending with ...") plays in time
    assert [s.start for s in in_sequence(segs, order, None, None, "she passed")] == [0, 60, 30]
