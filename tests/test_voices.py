"""Voices: signatures and clusters from synthetic sound, the voices file in the store, and
the agent's naming rules (introductions, addresses, pitch, narrator) on toy indexes."""
from __future__ import annotations

import dataclasses
from dataclasses import fields, replace

import numpy as np
import pytest

from cutbot.agent.plan import Query
from cutbot.agent.voices import named_voices, voice_ask, voice_hits
from cutbot.indexers.schema import Sentence
from cutbot.indexers.voices import SR, VoiceOptions, Voices, VoiceStats, find_voices, frame_features
from fakes import WordHashEmbedder, make_index, shots_found

RNG = np.random.default_rng(7)


def _voice(f0: float, seconds: float, formants: tuple[float, ...]) -> np.ndarray:
    """A vowel-like buzz: harmonics of ``f0`` shaped by resonances, with a little jitter."""
    t = np.arange(int(seconds * SR)) / SR
    f = f0 * (1 + 0.03 * np.sin(2 * np.pi * 3 * t))  # a gentle intonation
    phase = 2 * np.pi * np.cumsum(f) / SR
    out = np.zeros_like(t)
    for k in range(1, int(3800 / f0)):
        gain = sum(np.exp(-((k * f0 - fm) / 180.0) ** 2) for fm in formants) + 0.05
        out += gain / k * np.sin(k * phase)
    out += 0.002 * RNG.standard_normal(len(t))
    return (0.3 * out / np.abs(out).max()).astype(np.float32)


def _dialogue(turns):
    """Sound and sentences of alternating turns: [(f0, formants, seconds)], 0.5 s apart."""
    audio, sents, t = [], [], 0.5
    audio.append(np.zeros(int(0.5 * SR), np.float32))
    for i, (f0, formants, secs) in enumerate(turns):
        audio.append(_voice(f0, secs, formants))
        sents.append(Sentence(i, round(t, 3), round(t + secs, 3), f"line {i}"))
        audio.append(np.zeros(int(0.5 * SR), np.float32))
        t += secs + 0.5
    return np.concatenate(audio), sents


LOW, HIGH = (110.0, (700.0, 1200.0)), (210.0, (400.0, 2300.0))


def test_pitch_is_found_on_voiced_frames_and_silence_is_unvoiced():
    audio = np.concatenate([np.zeros(SR, np.float32), _voice(120.0, 1.0, (700.0, 1200.0))])
    _, f0, peak = frame_features(audio)
    voiced = peak > 0.5
    assert not voiced[:90].any()  # the silent second
    assert voiced[110:190].mean() > 0.9
    assert abs(np.median(f0[110:190][voiced[110:190]]) - 120.0) < 6.0  # no octave error


def test_two_voices_are_told_apart_and_one_voice_stays_one():
    turns = [(*LOW, 2.0), (*HIGH, 2.0), (*LOW, 1.5), (*HIGH, 2.5), (*LOW, 2.0)]
    audio, sents = _dialogue([(f0, fm, s) for (f0, fm), s in [(t[:2], t[2]) for t in turns]])
    got = find_voices(audio, sents)
    assert got.voice == (0, 1, 0, 1, 0)
    assert got.voices[0].pitch < 130 < 190 < got.voices[1].pitch
    one = find_voices(*_dialogue([(*LOW, 2.0)] * 4))
    assert set(one.voice) == {0} and one.voices[0].sentences == 4


def test_no_sound_makes_no_claim_and_the_json_round_trips():
    sents = [Sentence(0, 0.0, 1.0, "hi")]
    assert find_voices(None, sents).voice == (-1,)
    quiet = find_voices(np.zeros(2 * SR, np.float32), sents)
    assert quiet.voice == (-1,) and quiet.voices == {}
    v = Voices((0, 1), (110.0, 200.0), "k", {0: VoiceStats(110.0, 1.0, 1)})
    assert Voices.from_json(v.to_json()) == v


def test_every_option_that_changes_the_voices_changes_the_key():
    base = VoiceOptions()
    for f in fields(VoiceOptions):
        other = replace(base, **{f.name: getattr(base, f.name) * 2 + 1})
        assert other.key() != base.key(), f.name


# -- the agent: toy indexes with voice ids ------------------------------------------------
LINES = [  # (start, end, text, voice)
    (1.0, 3.0, "Hi, I'm Nora. Sorry I'm late.", 0),
    (4.0, 6.0, "No problem. My name is Felix.", 1),
    (7.0, 9.0, "Again, my coat is wet from the rain.", 0),
    (11.0, 13.0, "Thanks, Nora. Shall we plan the summer trip?", 1),
    (14.0, 16.0, "I found a cheap flat in Lisbon for the trip.", 2),
    (21.0, 23.0, "The bike chain keeps falling off.", 1),
    (24.0, 26.0, "Take it to the shop by the station.", 2),
]
PITCH = {0: 190.0, 1: 105.0, 2: 185.0}


def _film(lines=LINES, pitch=PITCH, **kw):
    scenes = [(0.0, 10.0, "street"), (10.0, 20.0, "kitchen"), (20.0, 30.0, "park")]
    idx = make_index(scenes, [(a, b, t) for a, b, t, _ in lines])
    ids = tuple(v for *_, v in lines)
    secs = {v: sum(b - a for a, b, _, w in lines if w == v) for v in set(ids)}
    idx.voices = Voices(ids, tuple(pitch[v] for v in ids), "t",
                        {v: VoiceStats(pitch[v], secs[v], ids.count(v)) for v in set(ids)})
    for k, v in kw.items():
        setattr(idx, k, v)
    return idx


def _kept(idx, query: Query) -> list[str]:
    return _kept_by(idx, query, None)


def _kept_by(idx, query: Query, scorer) -> list[str]:
    hits = voice_hits(idx, query, scorer)
    return [] if hits is None else [e.detail.split(": '")[-1].rstrip("'") for evs in hits.evidence for e in evs]


def test_introduction_names_the_speaker_and_an_address_names_the_other_voice():
    named = named_voices(_film())
    assert named.names["nora"][0] == {0} and named.names["felix"][0] == {1}
    assert "again" not in named.names  # "Again, ..." is no name
    assert named.gender == {0: "f", 1: "m", 2: "f"} and named.narrator is None
    # voice 2 never introduces herself; an address to a name the pitch contradicts is no vote
    lines = LINES[:3] + [(11.0, 13.0, "Good night, Felix.", 2)]
    assert named_voices(_film(lines)).names["felix"][0] == {1}


def test_a_voice_request_keeps_that_voice_only():
    idx = _film()
    kept = _kept(idx, Query(text="Nora says"))
    assert kept == ["Hi, I'm Nora. Sorry I'm late.", "Again, my coat is wet from the rain."]
    felix = _kept(idx, Query(text="Felix's", modality="speech"))
    assert felix == [t for _, _, t, v in LINES if v == 1]
    assert not set(felix) & set(kept)
    for asked in ("line nora says", "all the lines nora says", "the words Nora says", "whatever nora says"):
        assert _kept(idx, Query(text=asked)) == kept, asked
    why = voice_hits(idx, Query(text="Nora talking")).notes[0]
    assert "introduces herself as Nora at 0:01" in why
    unheard = _film(pitch={**PITCH, 0: 0.0})  # no pitch: no gender is claimed
    assert "introduces themselves as Nora" in voice_hits(unheard, Query(text="Nora talking")).notes[0]


def test_women_and_men_by_pitch_and_the_narrator():
    idx = _film()
    women = _kept(idx, Query(text="women", modality="speech"))
    assert len(women) == 4 and "No problem. My name is Felix." not in women
    assert _kept(idx, Query(text="the man's voice")) == [t for _, _, t, v in LINES if v == 1]
    assert voice_ask(idx, Query(text="the women")) is None  # a picture query stays one
    assert voice_ask(idx, Query(text="narrator")) is None  # three voices: no main one
    solo = _film([(a, b, t, 0) for a, b, t, _ in LINES])
    assert len(_kept(solo, Query(text="narrator"))) == len(LINES)


def test_topic_words_and_other_films_make_no_voice_claim():
    idx = _film()
    for text in ("the guy talking about his pet", "the man with the camera", "the street", "Maya's lines"):
        assert voice_ask(idx, Query(text=text)) is None, text
    old = make_index([(0.0, 10.0, "street")], [(1.0, 3.0, "Hi, I'm Nora.")])
    assert voice_ask(old, Query(text="Nora says")) is None  # no voices index: no claim
    # a person talked about ("when they talk about their mum"), not the women's voices
    assert voice_ask(idx, Query(text="their mum", modality="speech")) is None
    assert voice_ask(idx, Query(text="mum", modality="speech")) is not None  # a bare word may still ask


def test_scorer_answers_a_voice_and_a_voice_about_a_topic():
    idx = _film()
    shots, why = shots_found(idx, "Felix talking")
    assert shots == [0, 1, 2] and "Felix's voice" in why
    shots, why = shots_found(idx, "what Felix says about the bike chain")
    assert shots == [2] and "Take it to the shop" not in why


def test_a_possessive_in_a_voices_topic_is_that_voices_own(monkeypatch):
    # "his bike chain": Felix's own, not a topic said by "his" voices (every man's, every line of them)
    from fakes import WordHashEmbedder
    from cutbot.agent.search import Scorer

    idx, emb, asked = _film(), WordHashEmbedder(), []
    scorer = Scorer(idx, emb, emb)
    score = scorer.score
    monkeypatch.setattr(scorer, "score", lambda q, loose=False: (asked.append(q.text), score(q, loose))[1])
    assert _kept_by(idx, Query(text="what Felix says about his bike chain"), scorer) == ["The bike chain keeps falling off."]
    assert asked and "his" not in " ".join(asked).split()


def test_a_name_with_what_is_seen_around_them_is_no_topic_of_their_talk():
    idx = _film()
    assert voice_ask(idx, Query(text="Felix overspending")).topic == "overspending"
    for text in ("Felix with his bike", "Felix in the kitchen", "Felix holding an umbrella"):
        assert voice_ask(idx, Query(text=text)) is None, text


def test_a_face_with_the_name_keeps_scenes_with_x_for_the_face(monkeypatch):
    from cutbot.agent import people

    idx = _film(people=[object()])
    monkeypatch.setattr(people, "load_roster", lambda index: people.Roster({1: "Nora"}))
    assert voice_ask(idx, Query(text="Nora", modality="person", who="name")) is None
    assert voice_ask(idx, Query(text="Nora says")) is not None  # "X says" is the voice
    monkeypatch.setattr(people, "load_roster", lambda index: people.Roster({}))
    assert voice_ask(idx, Query(text="Nora", modality="person", who="name")).voices == {0}


def test_plan_excludes_a_voice(tmp_path):
    from fakes import run_plan

    lines = LINES[:5] + [(21.0, 23.0, "The bike chain keeps falling off.", 0)] + LINES[6:]
    idx = dataclasses.replace(_film(lines), root=str(tmp_path))
    idx.voices = _film(lines).voices
    cut = run_plan(idx, WordHashEmbedder(), exclude=[Query(text="Felix talking")])
    for seg in cut.segments:
        for a, b, _, v in lines:
            if v == 1:
                assert seg.end <= a + 0.05 or seg.start >= b - 0.05, (seg, a, b)
    assert cut.segments


@pytest.mark.parametrize("text", ["everything Nora says", "Nora's lines", "just Nora talking", "Nora chatting",
                                  "nora arguing"])
def test_requests_reach_the_voice(text):
    from cutbot.agent.intent import parse_request

    idx = _film()
    plan = parse_request(text)
    assert any(voice_ask(idx, q) is not None and voice_ask(idx, q).voices == {0} for q in plan.include)


def test_a_role_word_tied_to_a_name_finds_that_voice():
    lines = [(1.0, 3.0, "Hi, I'm Nora.", 0), (4.0, 6.0, "I'm Felix, and this is my sister Maya.", 1),
             (7.0, 9.0, "Hello Nora, I'm Maya.", 2), (11.0, 13.0, "Nice to meet you both.", 0),
             (21.0, 23.0, "My job interview is on Thursday.", 2)]
    idx = _film(lines)
    ask = voice_ask(idx, Query(text="sister"))
    assert ask is not None and ask.voices == {2} and "the sister is Maya" in ask.why
    assert _kept(idx, Query(text="Maya's", modality="speech")) == ["Hello Nora, I'm Maya.",
                                                                  "My job interview is on Thursday."]
    assert voice_ask(idx, Query(text="brother")).voices == {1}  # the one who says "my sister"
    assert voice_ask(idx, Query(text="husband")) is None


@pytest.mark.parametrize("text", ["nora on the phone", "the bits where Nora's on the phone", "when nora is on the line"])
def test_someone_on_the_phone_is_their_voice(text):
    """A caller is heard, not seen: "Nora on the phone" is her lines, all of them."""
    from cutbot.agent.intent import parse_request

    asks = [voice_ask(_film(), q) for q in parse_request(text).include]
    assert [(a.voices, a.topic) for a in asks if a] == [({0}, "")]


def test_someones_calls_are_their_lines_and_their_speech_is_one_the_film_speaks_of():
    """"Nora's calls" are her lines; "Nora's speech" is too, unless the film speaks of a speech
    (a wedding speech): then it is that speech, a topic, no voice."""
    assert voice_ask(_film(), Query(text="nora's calls")).voices == {0}
    assert voice_ask(_film(), Query(text="nora's speech")).voices == {0}
    speech = [(a, b, t if k != 5 else "I have to give a speech at the wedding.", v) for k, (a, b, t, v) in enumerate(LINES)]
    assert voice_ask(_film(speech), Query(text="nora's speech")) is None
