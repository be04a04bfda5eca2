"""A person by the order people appear (issue #11, class 2: "the girl from the opening
scene"): "the first person we see", "the last guy on screen", "the woman from the start"
take one person, all their screen time, and say which and why."""
from __future__ import annotations

import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.intent import parse_request
from cutbot.agent.search import Scorer
from fakes import WordHashEmbedder, scenes_where, shots_found, three_people

# Person 2 appears first (shot 0, said to be a man) and again in shot 3; person 1 (most screen time) in
# shots 1 and 2, said to be a woman; person 3 last, in shot 4 alone.
SCENES = [(0, 10, "door hall"), (10, 20, "kitchen table"), (20, 30, "garden bench"),
          (30, 40, "street car"), (40, 50, "river bridge")]


@pytest.fixture()
def index(tmp_path):
    return three_people(SCENES, [(3, 7, "he rings the bell"), (12, 16, "she opens the window")], tmp_path)


def shots_of(index, request):
    q = parse_request(request).include[0]
    assert (q.modality, q.who) == ("person", "described"), request
    return shots_found(index, q)


@pytest.mark.parametrize("request_, shots, pid", [
    ("the first person we see", [0, 3], 2), ("the second person we see", [1, 2], 1),
    ("the last person on screen", [4], 3), ("the guy from the end", [4], 3),
    ("the woman from the start", [1, 2], 1),  # person 2 is first, but said to be a man
])
def test_people_in_the_order_they_appear(index, request_, shots, pid):
    got, why = shots_of(index, request_)
    assert got == shots  # every shot of that person, none of the others'
    assert f"taken as person {pid}" in why


def test_an_order_past_the_last_person_is_nobody(index):
    emb = WordHashEmbedder()
    with pytest.raises(NothingMatched, match="only 3 people"):
        from cutbot.agent.people import person_evidence
        person_evidence(index, "fifth person", scorer=Scorer(index, emb, emb))
    assert parse_request("the first cat we see").include[0].who is None  # a thing stays a thing


@pytest.mark.slow
def test_on_the_dev_film_the_first_and_last_people_we_see(indexed_dev, dev_film, dev_truth):
    """Real models on a film other than the sample film: Grace Hopper opens it and comes
    back at 54 s; the footballer is seen once, between her two scenes."""
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    editor = Editor.load(dev_film)
    scenes = {who: scenes_where(dev_truth, "people", who)[0] for who in ("messi", "grace_hopper")}
    first = [(s.start, s.end) for s in editor.ask("the first person we see").segments]
    assert overlap(first, scenes["grace_hopper"]) >= 0.9 * sum(b - a for a, b in scenes["grace_hopper"])
    assert overlap(first, scenes["messi"]) == 0.0
    second = editor.ask("the second person we see")
    spans = [(s.start, s.end) for s in second.segments]
    assert overlap(spans, scenes["messi"]) >= 0.9 * 9 and overlap(spans, scenes["grace_hopper"]) == 0.0
    assert "2nd person to appear" in " ".join(r for s in second.segments for r in s.reasons)
