"""Voices, part two: a role given to the next voice that answers an introduction (the name
Whisper mishears stays unknown), and lines whose edges barely cross a shot cut."""
from __future__ import annotations

import numpy as np
import pytest

from cutbot.agent.edges import CUT_SNAP, Words, evidence_span
from cutbot.agent.evidence import Evidence
from cutbot.agent.plan import Query
from cutbot.agent.voices import named_voices, voice_ask
from fakes import make_index, run_plan
from test_voices import _film, _kept

# Felix introduces his sister; Whisper hears "my sister, my..." (no name)
INTRO = [(1.0, 3.0, "Hi, I'm Nora. Sorry I'm late.", 0),
         (4.0, 6.0, "I'm Felix and this is my sister, my...", 1),
         (7.0, 9.0, "Hello Nora, nice to meet you at last.", 2),
         (11.0, 13.0, "Shall we plan the summer trip?", 1),
         (14.0, 16.0, "My job interview is on Thursday and I'm really nervous.", 2),
         (21.0, 23.0, "You'll be fine.", 1),
         (24.0, 26.0, "Take it to the shop by the station.", 0)]


def test_an_introduction_gives_the_role_to_the_next_voice_that_answers():
    idx = _film(INTRO)
    named = named_voices(idx)
    assert named.role_voices["sister"][0] == {2} and "sister" not in named.roles  # no name heard
    ask = voice_ask(idx, Query(text="sister"))
    assert ask.voices == {2} and "introduced as the sister at 0:04" in ask.why
    assert _kept(idx, Query(text="his sister", modality="speech")) == [INTRO[2][2], INTRO[4][2]]
    # a story of hers is the story, whoever tells it: no voice asked
    assert voice_ask(idx, Query(text="sister's job interview nerves")) is None
    # ...what she says is hers: her lines about the rest
    ask = voice_ask(idx, Query(text="sister's job interview remarks"))
    assert ask.voices == {2} and ask.topic == "job interview remarks"


def test_the_one_who_introduces_his_sister_is_her_brother():
    # Felix (a man's voice) says "this is my sister": he is the brother; a woman's voice would be the sister's sister
    ask = voice_ask(_film(INTRO), Query(text="the brother"))
    assert ask.voices == {1} and "introduces their sister at 0:04" in ask.why
    assert voice_ask(_film(INTRO, {0: 190.0, 1: 200.0, 2: 195.0}), Query(text="the brother")) is None


def test_a_relation_asked_while_talking_is_that_voice():
    # "felix's sister is talking": the talk words go, and "is" with them (was the person "felix's sister is")
    idx = _film(INTRO[:3] + [(11.0, 13.0, "Thanks, Felix. Shall we plan the trip?", 0)] + INTRO[4:])
    assert voice_ask(idx, Query(text="felix's sister is talking")).voices == {2}
    assert voice_ask(idx, Query(text="nora's sister is talking")) is None  # Nora never said "my sister"


def test_a_name_never_heard_stays_absent_and_no_role_is_guessed():
    idx = _film(INTRO)
    for text in ("Maya", "Sam", "Maya's lines", "the colleague"):
        assert voice_ask(idx, Query(text=text, modality="speech")) is None, text
    assert voice_ask(idx, Query(text="wife")) is None
    # the next voice is the introducer's own, or a man's for a sister, or one known as Nora
    lines = [INTRO[0], INTRO[1], (7.0, 9.0, "She's a pilot.", 1), (10.0, 12.0, "Hello!", 3),
             (13.0, 14.0, "Oh nice.", 0)]
    pitch = {0: 190.0, 1: 105.0, 3: 100.0}
    assert "sister" not in named_voices(_film(lines, pitch)).role_voices


def test_a_heard_name_names_the_introduced_voice_too():
    lines = [INTRO[0], (4.0, 6.0, "And meet my colleague Maya.", 1), (7.0, 9.0, "Hi everyone.", 2)]
    named = named_voices(_film(lines))
    assert named.names["maya"][0] == {2} and named.roles["colleague"] == "maya"
    assert voice_ask(_film(lines), Query(text="Maya's", modality="speech")).voices == {2}


def test_a_line_that_starts_a_fraction_before_a_cut_starts_at_the_cut():
    # Whisper stretches "So" back 0.08 s over the cut at 10 s; the weather line truly runs over 20 s
    idx = make_index([(0.0, 10.0, "street"), (10.0, 20.0, "kitchen"), (20.0, 30.0, "park")],
                     [(9.92, 13.0, "so where shall we go sailing"), (18.0, 22.0, "tomorrow the weather brings rain")])
    words = Words(idx.sentences, idx.shots)
    assert words.inside(10.0) is None and words.inside(20.0) is not None
    line = Evidence("speech", 1.0, 3.0, "so", 11.0, 9.92, 13.0, "so")
    assert evidence_span(idx.shots[1], [line], "scene") == (10.0, 20.0)
    assert evidence_span(idx.shots[1], [line], "moment")[0] == 10.0
    far = Evidence("speech", 1.0, 3.0, "so", 11.0, 10.0 - CUT_SNAP - 0.05, 13.0, "so")
    assert evidence_span(idx.shots[1], [far], "scene")[0] == pytest.approx(10.0 - CUT_SNAP - 0.05)
    # through the planner: Felix's lines keep his scene from the cut, not 0.08 s of Nora's
    lines = [(1.0, 3.0, "Hi, I'm Nora.", 0), (4.0, 6.0, "My name is Felix.", 1),
             (6.5, 9.5, "The traffic was awful.", 0), (9.92, 13.0, "So where shall we go?", 1),
             (21.0, 23.0, "Portugal sounds lovely.", 0)]
    cut = run_plan(_film(lines), include=[Query(text="Felix's", modality="speech")])
    assert [(s.start, s.end) for s in cut.segments] == [(0.0, 20.0)]
    cut = run_plan(_film(lines), include=[Query(text="Nora's", modality="speech")])
    assert [(s.start, s.end) for s in cut.segments] == [(0.0, 10.0), (20.0, 30.0)]


def test_shots_where_all_three_main_voices_speak():
    from cutbot.agent.voices import voice_hits

    lines = INTRO + [(17.0, 17.6, "Perfect.", 3)]  # a one-word fragment is no main voice
    idx = _film(lines, {0: 190.0, 1: 105.0, 2: 185.0, 3: 100.0})
    three = voice_hits(idx, Query(text="three", modality="speech"))
    assert list(np.flatnonzero(three.mask)) == [0] and "Nora, Felix, the sister" in three.evidence[0][0].detail
    assert list(np.flatnonzero(voice_hits(idx, Query(text="two people talking")).mask)) == [0, 1, 2]
    assert list(np.flatnonzero(voice_hits(idx, Query(text="everyone", modality="speech")).mask)) == [0]
    for text, modality in (("four", "speech"), ("three", "any"), ("the three cats", "speech")):
        assert voice_hits(idx, Query(text=text, modality=modality)) is None, text
    cut = run_plan(idx, include=[Query(text="three", modality="speech")])
    assert [(s.start, s.end) for s in cut.segments] == [(0.0, 10.0)]


def test_a_voice_about_a_topic_finds_its_own_line_beside_a_better_one():
    from cutbot.agent.search import Scorer
    from cutbot.agent.voices import voice_hits
    from fakes import WordHashEmbedder

    lines = INTRO[:3] + [(11.0, 13.0, "I could make a risotto if somebody buys rice.", 1),
                         (14.0, 16.0, "Rice, rice, I'll pick up rice and cheese.", 2),
                         (21.0, 23.0, "The bike chain keeps falling off.", 1),
                         (24.0, 26.0, "Take it to the shop by the station.", 0)]
    idx = _film(lines)
    emb = WordHashEmbedder()
    scorer = Scorer(idx, emb, emb)
    hits = voice_hits(idx, Query(text="Felix talking about rice"), scorer)
    kept = [e.detail.split(": '")[-1] for evs in hits.evidence for e in evs]
    assert kept == ["I could make a risotto if somebody buys rice.'"]
    assert voice_hits(idx, Query(text="Felix talking about cheese"), scorer) is None  # hers, not his
    moaning = voice_hits(idx, Query(text="Felix moaning about rice"), scorer)  # any verb of talk: his lines on it
    assert [e.detail for evs in moaning.evidence for e in evs] == [e.detail for evs in hits.evidence for e in evs]


def test_without_names_the_voices_holding_the_talk_are_the_people():
    from cutbot.agent.voices import voice_hits

    lines = [(1.0, 3.0, "The traffic was awful.", 0), (4.0, 6.0, "No problem at all.", 1),
             (7.0, 9.0, "Shall we go to the sea?", 2), (11.0, 13.0, "The flights cost a fortune.", 0),
             (14.0, 16.0, "Then we take the train.", 1), (16.5, 17.0, "Yes.", 3),
             (21.0, 23.0, "The bike chain keeps falling off.", 2), (24.0, 26.0, "Take it to the shop.", 1)]
    idx = _film(lines, {0: 190.0, 1: 105.0, 2: 185.0, 3: 120.0})
    assert list(np.flatnonzero(voice_hits(idx, Query(text="three", modality="speech")).mask)) == [0]
    assert voice_hits(idx, Query(text="four", modality="speech")) is None  # "Yes." is no fourth person


def test_an_address_answered_by_nobody_soon_names_no_one():
    # "Leo, ..." said after only its own voice: it speaks to the next voice only if that one answers at once
    soon = [(1.0, 3.0, "I'm Nora.", 0), (4.0, 6.0, "Leo, is that you?", 0), (6.6, 8.0, "It is.", 1)]
    late = soon[:2] + [(14.0, 16.0, "The garden is lovely this year.", 1)]
    pitch = {0: 190.0, 1: 105.0}
    assert named_voices(_film(soon, pitch)).names["leo"][0] == {1}
    assert "leo" not in named_voices(_film(late, pitch)).names


def test_a_story_of_a_named_speaker_is_the_story_whoever_tells_it():
    # "hana's driving test": the friend asking how it went is part of it, not only Hana's lines
    # (and her voice may be mistaken for another's); "hana's calls" stays what she says
    lines = [(1.0, 3.0, "Hi, I'm Hana.", 0), (4.0, 6.0, "Hana, how did the driving test go?", 1),
             (11.0, 13.0, "I booked the driving test again.", 0),
             (21.0, 23.0, "Let's get some lunch.", 1), (24.0, 26.0, "Good idea.", 0)]
    idx = _film(lines, {0: 200.0, 1: 110.0})
    assert named_voices(idx).names["hana"][0] == {0}
    assert voice_ask(idx, Query(text="hana's driving test")) is None
    cut = run_plan(idx, include=[Query(text="hana's driving test")])
    assert [(s.start, s.end) for s in cut.segments] == [(0.0, 20.0)]
    assert voice_ask(idx, Query(text="hana's calls")).voices == {0}
    # what the parser leaves of "hana's bit about the lunch" is her lines about it
    lunch = voice_ask(idx, Query(text="hana's the lunch"))
    assert lunch.voices == {0} and lunch.topic == "the lunch"
