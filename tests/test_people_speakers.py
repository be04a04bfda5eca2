"""Voices tied to faces (agent/speakers.py): a name learnt from speech reaches the face of the
one who says it when the film shows its speakers, and nothing is tied when it does not."""
from __future__ import annotations

from cutbot.agent.plan import Query
from cutbot.agent.speakers import TIES, opening_lines, speaker_ties
from cutbot.agent.voices import named_voices, voice_ask, voice_hits
from cutbot.indexers.voices import Voices, VoiceStats
from fakes import people_film, shots_found

SCENES = [(10.0 * k, 10.0 * k + 10.0, w) for k, w in enumerate(["car", "room", "car", "room", "car", "street"])]
LINES = [  # (start, end, text, voice): Tom 0 (low), Lena 1 (high), voice 2 a piece of Lena's split off
    (1.0, 3.0, "Hello, I'm Tom.", 0), (5.0, 7.0, "Nice weather today.", 1),
    (11.0, 13.0, "I'm Lena, happy to be here.", 1), (15.0, 17.0, "Welcome, Lena.", 0),
    (21.0, 23.0, "My garden is a swamp.", 0), (25.0, 27.0, "Water the plants less.", 1),
    (31.0, 33.0, "I am going hiking in Norway.", 2),
    (41.0, 43.0, "Bring a raincoat.", 0),
    (51.0, 53.0, "The cat sleeps all day.", 1),
]
PITCH = {0: 100.0, 1: 200.0, 2: 205.0}
ON_SCREEN = [(0, 0.0, 10.0, 1), (1, 10.0, 20.0, 2), (2, 20.0, 30.0, 1), (3, 30.0, 40.0, 2), (4, 40.0, 50.0, 1)]


def _film(tmp_path, tracks=ON_SCREEN, lines=LINES, scenes=SCENES):
    idx = people_film(scenes, [(a, b, t) for a, b, t, _ in lines], tmp_path, tracks)
    ids = tuple(v for *_, v in lines)
    idx.voices = Voices(ids, tuple(PITCH[v] for v in ids), "t",
                        {v: VoiceStats(PITCH[v], sum(b - a for a, b, _, w in lines if w == v), ids.count(v))
                         for v in set(ids)})
    return idx


def _said(idx, text, modality="speech"):
    hits = voice_hits(idx, Query(text=text, modality=modality))
    return [] if hits is None else [e.detail.split(": '")[-1].rstrip("'") for evs in hits.evidence for e in evs]


def test_the_voice_that_opens_a_shot_over_one_face_is_tied_to_it(tmp_path):
    idx = _film(tmp_path)
    assert [(shot, p) for shot, _, p in opening_lines(idx)] == [(0, 1), (1, 2), (2, 1), (3, 2), (4, 1)]
    ties = speaker_ties(idx, named_voices(idx))
    assert ties.face == {"tom": 1, "lena": 2} and ties.agreement == 1.0
    assert ties.voices["lena"] == {1, 2} and ties.voices["tom"] == {0}  # voice 2 joins through the face
    assert "speaker on screen" in ties.why["lena"]  # the assumption is said


def test_a_name_asked_on_screen_is_the_tied_face_and_nothing_else(tmp_path):
    idx = _film(tmp_path)
    shots, why = shots_found(idx, "lena", "visual")
    assert shots == [1, 3]  # her face's shots, not the shots where her voice answers Tom (0, 2, 5)
    assert "Lena is person 2" in why and "opens" in why
    assert shots_found(idx, "tom", "person")[0] == [0, 2, 4]


def test_a_name_with_what_is_seen_around_them_is_all_their_screen_time(tmp_path):
    idx = _film(tmp_path)
    for text, modality in (("Tom in the car", "any"), ("tom with his umbrella", "visual"), ("Lena by the window", "any")):
        shots, why = shots_found(idx, text, modality)
        assert shots == ([0, 2, 4] if text.lower().startswith("tom") else [1, 3]), text
        assert "is person" in why  # the face, not a topic "in the car" said by his voice


def test_a_name_asked_as_speech_keeps_every_voice_of_that_person(tmp_path):
    idx = _film(tmp_path)
    lena = _said(idx, "Lena's")
    assert "I am going hiking in Norway." in lena  # the split-off voice, joined through her face
    assert set(lena) == {t for *_, t, v in LINES if v in (1, 2)}
    assert not set(lena) & {t for *_, t, v in LINES if v == 0}  # none of Tom's lines
    assert voice_ask(idx, Query(text="lena", modality="any")).voices == {1, 2}  # "the bits where Lena talks"


def test_voices_off_screen_tie_nothing(tmp_path):
    # the same talk over faces that do not follow it: Tom's and Lena's voices both open
    # shots of person 1 (a photo shown while they talk), Tom also one of person 2
    tracks = [(0, 0.0, 10.0, 1), (1, 10.0, 20.0, 1), (2, 20.0, 30.0, 1), (3, 30.0, 40.0, 2), (4, 40.0, 50.0, 2)]
    idx = _film(tmp_path, tracks)
    ties = speaker_ties(idx, named_voices(idx))
    assert ties.face == {} and ties.agreement < TIES.film_share
    assert voice_hits(idx, Query(text="lena", modality="visual")) is None  # no face claimed for her
    assert set(_said(idx, "Lena's")) == {t for *_, t, v in LINES if v == 1}  # voice 2 stays unnamed


def test_a_film_without_named_voices_or_faces_ties_nothing(tmp_path):
    lines = [(a, b, t.replace("I'm Tom", "hi").replace("I'm Lena", "hi").replace(", Lena", ""), v)
             for a, b, t, v in LINES]
    idx = _film(tmp_path, lines=lines)
    assert speaker_ties(idx, named_voices(idx)).face == {}
    faceless = _film(tmp_path, tracks=[])
    assert opening_lines(faceless) == [] and speaker_ties(faceless, named_voices(faceless)).face == {}


def test_a_face_the_viewer_named_speaks_with_the_voices_tied_to_it(tmp_path):
    from cutbot.agent.people import Roster, save_roster

    idx = _film(tmp_path)
    save_roster(idx, Roster({2: "Elena"}))
    ask = voice_ask(idx, Query(text="Elena's", modality="speech"))
    assert ask is not None and ask.voices == {1, 2} and "you named person 2" in ask.why
    off = _film(tmp_path / "off", tracks=[(k, 10.0 * k, 10.0 * k + 10, 1 if k < 3 else 2) for k in range(5)])
    save_roster(off, Roster({2: "Elena"}))
    assert voice_ask(off, Query(text="Elena's", modality="speech")) is None  # no ties: no voice claimed


def test_the_woman_is_her_voice_only_where_the_film_shows_its_speakers(tmp_path):
    idx = _film(tmp_path)
    ask = voice_ask(idx, Query(text="woman", modality="any"))  # "when the woman speaks", as parsed
    assert ask is not None and ask.voices == {1, 2} and "shows its speakers" in ask.why
    assert voice_ask(idx, Query(text="her", modality="any")) is None  # a bare pronoun is nobody's voice
    off = _film(tmp_path / "off", tracks=[(k, 10.0 * k, 10.0 * k + 10, 1 if k < 3 else 2) for k in range(5)])
    assert voice_ask(off, Query(text="woman", modality="any")) is None  # voices off screen: the person rules


def test_her_lines_but_not_when_she_is_on_screen(tmp_path):
    from cutbot.agent.framing import qualify
    from cutbot.agent.plan import ConstraintPlan
    from fakes import run_plan

    plan = ConstraintPlan(include=[Query(text="lena talking")], exclude=[Query(text="she's", modality="visual")])
    assert qualify(plan).exclude[0].text == "lena on screen"  # the pronoun is the one person named
    idx = _film(tmp_path)
    cut = run_plan(idx, include=plan.include, exclude=plan.exclude)
    shots = sorted({int(s.start // 10) for s in cut.segments})
    assert shots == [0, 2, 5]  # her voice over Tom's face or none, never over her own face (1, 3)
    two = ConstraintPlan(include=[Query(text="lena"), Query(text="tom")], exclude=[Query(text="her", modality="visual")])
    assert qualify(two).exclude[0].text == "her"  # two people named: the pronoun stays unresolved


def test_the_woman_seen_is_the_face_her_voice_is_tied_to(tmp_path):
    idx = _film(tmp_path)  # no word calls anyone a woman: the tied voice's pitch does
    shots, why = shots_found(idx, "woman", "visual")
    assert shots == [1, 3] and "woman's pitch" in why  # Lena's face, not Tom's (0, 2, 4)
    assert shots_found(idx, "the man", "person")[0] == [0, 2, 4]


def test_a_bare_name_is_where_the_person_is_heard_or_seen(tmp_path):
    lines = LINES[:4] + [(21.0, 23.0, "My garden is a swamp.", 0)] + LINES[7:8]  # Lena silent in shot 3
    idx = _film(tmp_path, lines=lines)
    shots, why = shots_found(idx, "lena", "any")  # "scenes with Lena"
    assert shots == [0, 1, 3]  # her voice (0, 1) and her face (1, 3); not Tom's shots 2, 4
    assert "Lena is person 2" in why and "Lena's voice" in why


def test_a_numbered_person_speaks_with_the_voices_tied_to_their_face(tmp_path):
    idx = _film(tmp_path)
    assert voice_ask(idx, Query(text="person 2's lines")).voices == {1, 2}
    assert voice_ask(idx, Query(text="person 3's lines")) is None  # nobody's face: no voice claimed


def test_what_a_described_person_says_is_the_voice_tied_to_their_face(tmp_path):
    from cutbot.agent.intent import parse_request

    query = parse_request("everything the person in the room says").include[0]
    assert query.who == "described" and query.text.endswith(" while speaking")
    idx = _film(tmp_path)
    shots, why = shots_found(idx, query)
    assert shots == [0, 1, 2, 3, 5]  # Lena's lines (hers is the face in the room), not only her face's shots
    assert "person 2" in why and "speaker on screen" in why
    # voices off screen (test_voices_off_screen_tie_nothing): no voice is tied, the face in the room answers
    off = _film(tmp_path / "off", [(0, 0.0, 10.0, 1), (1, 10.0, 20.0, 1), (2, 20.0, 30.0, 1), (3, 30.0, 40.0, 2),
                                   (4, 40.0, 50.0, 2)])
    face = shots_found(off, query.model_copy(update={"text": "person in the room"}))
    assert face[0] and shots_found(off, query)[0] == face[0] and "speaker on screen" not in face[1]


def test_a_look_before_the_person_noun_picks_out_the_face_whose_lines_are_asked(tmp_path):
    from cutbot.agent.descriptions import described

    assert described("the bow tie guy").group("what") == "bow tie"  # the guy with the bow tie
    assert described("the tall guy") is None  # no look: nothing to pick him by
    idx = _film(tmp_path, scenes=[(a, b, "bow tie" if w == "car" else w) for a, b, w in SCENES])  # Tom's shots
    shots, why = shots_found(idx, Query(text="bow tie guy's", modality="speech"))
    assert shots == [0, 1, 2, 4] and "person 1" in why and "speaker on screen" in why  # Tom's lines, not all men's


def test_the_one_who_did_something_is_the_voice_of_the_line_that_says_it(tmp_path):
    idx = _film(tmp_path)
    shots, why = shots_found(idx, Query(text="woman who is going hiking in Norway's", modality="speech"))
    assert shots == [3] and "the woman who is going hiking in norway: the voice" in why  # her own line says it
    _, why = shots_found(idx, Query(text="guy who is going hiking in Norway's", modality="speech"))
    assert "the voice of the line" not in why  # a man's voice never said it: no voice is taken as his
