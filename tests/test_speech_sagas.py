"""A topic named by a head that is no thing ("the kitchen saga", "the hiking holiday") is its
modifier talked about: a line that says the modifier is not refused the way "Happy birthday!"
is refused for "a birthday cake" (spoken.modifier_only, issue #11)."""
from __future__ import annotations

import numpy as np
from cutbot.agent.lexical import Transcript
from cutbot.agent.spoken import modifier_only, names_a_thing
from fakes import WordHashEmbedder, make_index

LINES = [(1.0, 3.0, "happy birthday to you"), (4.0, 6.0, "so, the kitchen"),
         (7.0, 9.0, "the plumber still has not come"), (10.0, 12.0, "we walked up the hill every day")]


def _refused(topic: str) -> list[int]:
    idx = make_index([(0.0, 13.0, "a room")], LINES)
    emb = WordHashEmbedder()
    vecs = emb.embed([t for _, _, t in LINES])
    transcript = Transcript(idx.sentences)
    said = transcript.said(topic)
    return np.flatnonzero(modifier_only(vecs, emb, transcript, topic, said, np.zeros(len(LINES)))).tolist()


def test_a_modifier_said_is_not_the_thing_but_is_the_saga():
    assert names_a_thing("cake") and not names_a_thing("saga") and not names_a_thing("holiday")
    assert _refused("a birthday cake") == [0]  # "happy birthday" is no cake
    assert _refused("the kitchen saga") == []  # the kitchen talked about is the kitchen saga
    assert _refused("the plumber saga") == []
    assert _refused("the hiking holiday") == []
