"""Said x seen (agent/seen_said.py, agent/seen_hits.py): a voice's lines kept by whether the
face tied to that voice is on screen. The clause of sight is read by its grammar (a predicate
of sight and the negations around it), the voice and the face by the film's own evidence."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request
from cutbot.agent.plan import Query
from cutbot.agent.seen_said import SEEN, UNSEEN, sight_clause, split
from cutbot.agent.voices import voice_hits
from fakes import shots_found
from test_people_speakers import LINES, ON_SCREEN, SCENES, _film


@pytest.mark.parametrize("request_, seen", [
    ("Owen's lines while he's on screen", True),
    ("only the bits where Clara is talking and we can actually see her", True),
    ("dan's choir talk, but only when we can see him", True),
    ("what Nora says when her face is visible", True),
    ("everything Owen says except when he's off camera", True),  # two negations
    ("clara's lines when she isn't on screen", False),
    ("when Dan talks but we see someone else", False),
    ("everything Owen says except when he's on camera", False),
    ("tom talking, but only when we can't see him", False),
    ("what tom says when he's out of shot", False),
    ("Nora speaking while we never see her", False),
    ("Owen speaking on camera", True),  # a verb of saying right before the predicate
    ("everything Clara says while we're looking at her", True),
    ("Clara talking without being on screen", False),
    ("dan talking but not shown", False),
    ("Tom's lines, voice only", False),
    ("the bits where Tom is heard but not seen", False),
    ("when Max is on screen and talking", True),  # the sight first, the saying after
    ("when you can see Tom and he's talking", True),
    ("Tom on camera while he speaks", True),
    ("Mia on screen talking about the garden", True),  # no connective, and a topic kept
    ("when Tom is off camera speaking of his trip", False),
    ("when Tom is off screen and talking", False),
    ("Nora's bits where we only hear her", False),
    ("Owen talking with his face on screen", True),
    ("Dan's lines but only the on-screen ones", True),
    ("Owen's off-camera lines", False),  # the sight as an adjective of the saying
    ("Max talking while we see something other than him", False),  # a thing else seen is him unseen
    ("tom's lines when we see anything else", False),
    ("Clara's lines, but only where she's not the one on screen", False),  # "the one" says who, not what
    ("tom's lines when he's the one on screen", True),
])
def test_the_clause_of_sight_is_read_by_its_negations(request_, seen):
    assert sight_clause(request_).endswith(SEEN if seen else UNSEEN)
    got = split(parse_request(request_).include[0].text)
    assert got is not None and got[1] is seen


def test_the_topic_said_after_the_sight_stays_with_the_voice():
    assert sight_clause("Mia on screen talking about the garden") == "Mia talking about the garden" + SEEN


def test_a_clause_without_saying_is_the_person_seen_and_a_thing_seen_stays():
    assert sight_clause("the cartoon guy, only when you can see him") == "the cartoon guy on screen"
    assert sight_clause("all the women you can see on screen") == "all the women on screen"
    assert sight_clause("kitchen talk while a cartoon is on screen") == "kitchen talk while a cartoon is on screen"
    assert sight_clause("whenever lena is on screen") == "whenever lena is on screen"
    assert sight_clause("the bits where nobody is on screen") == "the bits where nobody is on screen"
    assert sight_clause("Lena's voice only") == "Lena's voice only"  # no clause: her voice
    plan = parse_request("who's on screen in the first minute?")
    assert plan.include[0].who == "anyone" and plan.window.end == 60.0


def test_a_topic_talked_about_while_someone_is_seen_is_both_at_once():
    """A topic is no voice: "the wedding talk while Owen is on screen" asks for the talk and his face
    together, and "but not when he's on screen" drops his face, whichever words say the sight."""
    for request in ("the wedding talk while Owen is on screen", "the wedding talk when we see owen",
                    "the wedding talk with owen on screen"):
        plan = parse_request(request)
        assert plan.match == "all" and {q.text.lower() for q in plan.include} == {"owen", "wedding"}, request
        assert not plan.exclude, request
    for request in ("wedding talk but not when owen's on screen", "the wedding talk except when owen is on screen"):
        plan = parse_request(request)
        assert [q.text for q in plan.include] == ["wedding"] and [q.text.lower() for q in plan.exclude] == ["owen"]
    # a voice stays a voice: one person's lines while another is seen
    assert sight_clause("dan's lines with clara on screen") == "dan's lines while clara in sight"
    assert sight_clause("what max says while we see lena") == "what max says while lena in sight"


def test_a_person_heard_is_that_person_talking_and_someone_or_something_else_is_another_sight():
    assert sight_clause("where you hear max") == "where max talking"
    assert sight_clause("where you can hear the birds") == "where you can hear the birds"  # no person
    assert sight_clause("the bits where you hear max but you're looking at something else").endswith(UNSEEN)
    assert sight_clause("tom talking while we're looking at someone or something else") == "tom talking" + UNSEEN


def _said(idx, text):
    hits = voice_hits(idx, Query(text=text))
    assert hits is not None
    return {e.detail.split(": '")[-1].rstrip("'") for evs in hits.evidence for e in evs}, hits.notes


def test_a_voice_seen_and_unseen_splits_its_lines_by_its_tied_face(tmp_path):
    idx = _film(tmp_path)  # Tom (person 1) on screen in shots 0, 2, 4; Lena (person 2) in 1, 3
    seen, notes = _said(idx, "Lena's lines" + SEEN)
    assert seen == {"I'm Lena, happy to be here.", "I am going hiking in Norway."}  # her split-off voice too
    assert any("person 2" in n for n in notes)
    unseen, _ = _said(idx, "Lena's lines" + UNSEEN)
    assert unseen == {"Nice weather today.", "Water the plants less.", "The cat sleeps all day."}
    tom, _ = _said(idx, "tom talks" + UNSEEN)
    assert tom == {"Welcome, Lena."}
    assert seen | unseen == {t for *_, t, v in LINES if v in (1, 2)}  # the two senses part her lines


def test_each_voice_is_seen_only_with_its_own_face(tmp_path):
    from cutbot.indexers.voices import Voices, VoiceStats
    from fakes import people_film

    idx = people_film(SCENES, [(a, b, t) for a, b, t, _ in LINES], tmp_path, ON_SCREEN)
    ids = tuple(v for *_, v in LINES)
    pitch = {0: 190.0, 1: 200.0, 2: 205.0}  # both speakers' voices are high: "the women" asks for all three
    idx.voices = Voices(ids, tuple(pitch[v] for v in ids), "t",
                        {v: VoiceStats(pitch[v], 2.0 * ids.count(v), ids.count(v)) for v in set(ids)})
    seen, _ = _said(idx, "the women talking" + SEEN)
    assert "Welcome, Lena." not in seen  # Tom's line over Lena's face: seen, but not HIS face
    assert {"Hello, I'm Tom.", "I'm Lena, happy to be here."} <= seen


def test_one_voice_while_another_person_is_seen(tmp_path):
    idx = _film(tmp_path)  # Tom (person 1) on screen in shots 0, 2, 4; Lena (person 2) in 1, 3
    assert sight_clause("Lena's voice when Tom is on screen") == "Lena's voice while tom in sight"
    assert sight_clause("lena talking while tom's on screen") == "lena talking while tom in sight"
    assert sight_clause("lena talking while we're looking at tom") == "lena talking while tom in sight"
    assert sight_clause("tom talking while we are not looking at lena") == "tom talking while lena off screen"
    assert sight_clause("what tom says when we can't see lena") == "what tom says while lena off screen"
    assert sight_clause("kitchen talk while a cartoon is on screen") == "kitchen talk while a cartoon is on screen"
    said, notes = _said(idx, "Lena's voice while tom in sight")
    assert said == {"Nice weather today.", "Water the plants less."}  # her lines over his face
    assert any("Tom's face" in n for n in notes)
    said, _ = _said(idx, "tom's lines while lena off screen")
    assert said == {"Hello, I'm Tom.", "My garden is a swamp.", "Bring a raincoat."}
    said, notes = _said(idx, "tom's lines while zoe in sight")  # nobody is Zoe: said, not guessed
    assert said == {t for *_, t, v in LINES if v == 0} and any("could not be checked" in n for n in notes)


def test_only_these_voices_keeps_the_shots_no_one_else_speaks_in(tmp_path):
    from cutbot.indexers.voices import Voices, VoiceStats
    from fakes import people_film

    lines = [(1.0, 3.0, "Hello, I'm Tom.", 0), (5.0, 7.0, "I'm Lena, hi.", 1),  # shot 0: Tom and Lena
             (11.0, 13.0, "I'm Sam, hello.", 2), (15.0, 17.0, "Hi there.", 0),  # shot 1: Sam and Tom
             (21.0, 23.0, "Nice day.", 0), (25.0, 27.0, "Lovely.", 1),  # shot 2: Tom and Lena
             (31.0, 33.0, "Where to?", 1), (35.0, 37.0, "The park.", 2)]  # shot 3: Lena and Sam
    idx = people_film(SCENES, [(a, b, t) for a, b, t, _ in lines], tmp_path, ON_SCREEN)
    ids = tuple(v for *_, v in lines)
    pitch = {0: 100.0, 1: 200.0, 2: 110.0}
    idx.voices = Voices(ids, tuple(pitch[v] for v in ids), "t",
                        {v: VoiceStats(pitch[v], 2.0 * ids.count(v), ids.count(v)) for v in set(ids)})
    request = "the bits where tom and lena talk and nobody else does"
    query = parse_request(request).include[0]
    assert query.text == "tom and lena talking alone"
    assert shots_found(idx, query.text, query.modality)[0] == [0, 2]
    assert sight_clause("salt and pepper on their own") == "salt and pepper on their own"  # no first names
    hits = voice_hits(idx, Query(text="tom and zoe talking alone"))  # nobody is Zoe: nothing, and why
    assert not hits.mask.any() and "Zoe" in hits.notes[0]
    from cutbot.agent.errors import NothingMatched
    from fakes import run_plan

    with pytest.raises(NothingMatched, match="no voice in this film is known as Zoe"):  # the answer says why
        run_plan(idx, include=[Query(text="tom and zoe talking alone")])


def test_a_request_reaches_the_relation_through_the_search(tmp_path):
    idx = _film(tmp_path)
    query = parse_request("when Tom talks but we see someone else").include[0]
    assert shots_found(idx, query.text, query.modality)[0] == [1]
    query = parse_request("everything lena says, but only when we can see her").include[0]
    assert shots_found(idx, query.text, query.modality)[0] == [1, 3]


def test_no_face_tied_to_the_voice_is_said_not_guessed(tmp_path):
    tracks = [(0, 0.0, 10.0, 1), (1, 10.0, 20.0, 1), (2, 20.0, 30.0, 1), (3, 30.0, 40.0, 2), (4, 40.0, 50.0, 2)]
    idx = _film(tmp_path, tracks)  # the faces do not follow the voices: nothing is tied
    said, notes = _said(idx, "Lena's lines" + UNSEEN)
    assert said == {t for *_, t, v in LINES if v == 1}  # all her lines, and why
    assert any("no face is tied" in n and "could not be checked" in n for n in notes)


def test_a_name_no_voice_bears_answers_its_words_and_says_so(tmp_path):
    from cutbot.agent.search import Scorer
    from fakes import WordHashEmbedder

    idx = _film(tmp_path)
    hits = Scorer(idx, WordHashEmbedder(), WordHashEmbedder()).score(Query(text="the garden" + SEEN))
    assert hits.mask.nonzero()[0].tolist() == [2]  # the words' own shot, not "nothing matches"
    assert any("could not be checked" in n for n in hits.notes)


@pytest.mark.slow
def test_seen_and_unseen_lines_through_the_real_path(tmp_path, monkeypatch):
    from cutbot.agent.planner import plan_cut
    from cutbot.agent.search import Scorer
    from cutbot.indexers.pipeline import index_film
    from test_people_speakers_real import GRACE, _film as real_film

    monkeypatch.setenv("CUTBOT_HOME", str(tmp_path / "home"))
    film, spans, lines = real_film(tmp_path)  # Grace opens her own shots 0 and 2, David his 1 and 3
    index = index_film(film)
    scorer = Scorer(index)

    def kept(request: str):
        cut = plan_cut(parse_request(request), index, request, scorer)
        return [(s.start, s.end) for s in cut.segments], [r for s in cut.segments for r in s.reasons] + list(cut.notes)

    def covered(segs, a, b):
        return sum(max(0.0, min(b, y) - max(a, x)) for x, y in segs) / (b - a)

    hers = [(a, b) for a, b, v in lines if v == GRACE]
    on = [(a, b) for a, b in hers if any(spans[k][0] <= a < spans[k][1] for k in (0, 2))]
    off = [x for x in hers if x not in on]  # "They are beautiful." over David, the coffee line over no face
    assert len(on) == 2 and len(off) == 2
    # Whisper hears her name as another: "the woman" is her voice by its pitch, tied to her face
    segs, why = kept("everything the woman says, but only when we can see her")
    assert all(covered(segs, a, b) > 0.8 for a, b in on), (segs, lines)
    assert all(covered(segs, a, b) < 0.2 for a, b in off), (segs, lines)
    assert any("tied to that voice" in r for r in why), why
    segs, _ = kept("the woman's lines when she isn't on screen")
    assert all(covered(segs, a, b) > 0.8 for a, b in off), (segs, lines)
    assert all(covered(segs, a, b) < 0.2 for a, b in on), (segs, lines)


def test_a_face_found_late_in_a_still_picture_is_on_screen_the_whole_shot(tmp_path):
    """A photo under a slow zoom shows her from its first frame; the detector finds her face only
    once the zoom makes it big enough (her track starts at 35 s in a shot from 30 s)."""
    import numpy as np
    from cutbot.indexers.looks import LOOK_FIELDS

    late = [(k, a, b, p) if k != 3 else (3, 35.0, 40.0, 2) for k, a, b, p in ON_SCREEN]
    line = "I am going hiking in Norway."  # 31-33 s, before her face is found; her own voice here
    idx = _film(tmp_path, tracks=late, lines=[(a, b, t, 1 if t == line else v) for a, b, t, v in LINES])
    seen, notes = _said(idx, "Lena's lines" + UNSEEN)
    assert line in seen and any("person 2" in n for n in notes)  # motion unknown: the track alone decides
    looks = np.zeros((len(idx.frames), len(LOOK_FIELDS)), np.float32)
    looks[:, -1] = [0.1 if f.shot == 3 else 1.0 for f in idx.frames]  # shot 3 is one still picture
    idx.frame_looks = looks
    assert line in _said(idx, "Lena's lines" + SEEN)[0] and line not in _said(idx, "Lena's lines" + UNSEEN)[0]
