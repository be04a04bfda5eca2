"""How the dialogue addresses people (agent/addressed.py): intros name the speaker, addresses
name the other voice, third-person mentions name nobody, and a voice takes a name only when
its votes clearly lead; on a toy transcript and through the real sample film."""
from __future__ import annotations

import numpy as np

from cutbot.agent import addressed
from cutbot.agent.plan import Query
from cutbot.agent.voices import named_voices, voice_hits
from cutbot.indexers.voices import Voices, VoiceStats
from fakes import make_index


def test_intro_address_and_third_person_are_told_apart():
    assert addressed.intros("Hi everyone, it's Hana.") == ["Hana"]
    assert addressed.intros("I'm Nora, sorry I'm late.") == ["Nora"]
    assert addressed.intros("It's Owen's camera.") == []
    assert addressed.addresses("Owen, did you get anything good?") == ["Owen"]
    assert addressed.addresses("Loud and clear, Clara.") == ["Clara"]
    assert addressed.addresses("Hi Hana, how are you?") == ["Hana"]
    # spoken OF someone, not TO them: names neither voice
    assert addressed.addresses("Yes, Ruby is in the school play.") == []
    assert addressed.addresses("Well, Owen's sister is getting married.") == []
    # a name run into a question asking who is its answer; the relative "who" keeps its address
    assert addressed.addresses("Congratulations to Beth, who is the lucky man, Marco.") == []
    assert addressed.addresses("You are the only one who sits still, Owen.") == ["Owen"]
    assert addressed.addresses("Who wants tea, Dan?") == ["Dan"]


def test_a_voice_takes_a_name_only_when_its_votes_clearly_lead():
    assert addressed.decide({"nora": {0: 4.0, 5: 1.0}, "felix": {1: 2.0}}) == {0: "nora", 5: "nora", 1: "felix"}
    # a merged voice addressed as two people in turn gets neither name
    assert addressed.decide({"dan": {0: 2.0}, "owen": {0: 2.0}}) == {}
    assert addressed.decide({"dan": {0: 3.0}, "owen": {0: 1.0}}) == {0: "dan"}
    # nobody addresses themselves: a voice that says "it's Hana" and "Hana, how was it?" is two people
    assert addressed.decide({"hana": {1: 2.0}}, {"hana": {1: 1.0}}) == {}
    assert addressed.decide({"hana": {1: 2.0}}, {"hana": {0: 1.0}}) == {1: "hana"}


def test_a_name_another_voice_took_with_as_many_votes_leaves_the_tie():
    # "Hi Dan" said after both Dan and Owen spoke votes for both; the voice that is only ever Dan takes it
    assert addressed.decide({"dan": {0: 1.0, 1: 1.0}, "owen": {1: 1.0}}) == {0: "dan", 1: "owen"}
    # a name the other voice leads less than this one stays a rival: no name
    assert addressed.decide({"dan": {0: 1.0, 1: 2.0}, "owen": {1: 2.0}}) == {0: "dan"}


def test_a_voice_that_leads_a_name_no_more_than_another_takes_the_name_nobody_took():
    # Dan named twice after both spoke, Owen once: the voice called both is Owen, Dan's stays Dan's
    assert addressed.decide({"dan": {0: 2.0, 1: 2.0}, "owen": {1: 1.0}}) == {0: "dan", 1: "owen"}
    # it leads Dan more surely than the other voice does: it keeps Dan (two pieces of one speaker)
    assert addressed.decide({"dan": {0: 1.0, 1: 3.0}, "owen": {1: 1.0}}) == {0: "dan", 1: "dan"}


LINES = [  # (start, end, text, voice): Dan and Owen in a car, Hana on the phone
    (1.0, 3.0, "Owen, can you hear me?", 0),
    (4.0, 6.0, "Loud and clear, Dan.", 1),
    (7.0, 9.0, "Hi everyone, it's Hana.", 2),
    (10.0, 12.0, "Yes, Ruby is coming too.", 1),
    (13.0, 15.0, "Thanks, Hana.", 0),
    (16.0, 18.0, "See you soon.", 2),
]
PITCH = {0: 105.0, 1: 110.0, 2: 190.0}


def _film():
    idx = make_index([(0.0, 10.0, "car"), (10.0, 20.0, "road")], [(a, b, t) for a, b, t, _ in LINES])
    ids = tuple(v for *_, v in LINES)
    secs = {v: sum(b - a for a, b, _, w in LINES if w == v) for v in set(ids)}
    idx.voices = Voices(ids, tuple(PITCH[v] for v in ids), "t",
                        {v: VoiceStats(PITCH[v], secs[v], ids.count(v)) for v in set(ids)})
    return idx


def test_addresses_and_a_callers_intro_name_the_voices_of_a_toy_dialogue():
    named = named_voices(_film())
    assert {n: v for n, (v, _) in named.names.items()} == {"owen": {1}, "dan": {0}, "hana": {2}}
    assert "ruby" not in named.names  # a name spoken of someone is nobody's voice
    hits = voice_hits(_film(), Query(text="everything Hana says", modality="speech"))
    said = [e.detail.split(": '")[-1] for evs in hits.evidence for e in evs]
    assert said == ["Hi everyone, it's Hana.'", "See you soon.'"]
    # Whisper's spelling of a name is found by its sound ("Hannah" for "Hana")
    assert addressed.sounds_like("Hannah", "hana") and addressed.sounds_like("hanas", "hannah")
    assert not addressed.sounds_like("Sophie", "hana") and not addressed.sounds_like("Dan", "owen")
    # a first name nobody in the film says is nobody's voice: no hits, not the closest topic
    none = voice_hits(_film(), Query(text="everything Sophie says", modality="speech"))
    assert none is not None and np.isnan(none.strength).all() and "Sophie" in none.notes[0]
    assert voice_hits(_film(), Query(text="everything Dan says", modality="speech")).notes[0].startswith("voice: Dan")


def test_the_real_sample_films_voice_gets_no_name_its_words_do_not_give(indexed_sample, sample_film):
    """Real Whisper + voices on the sample film: any name a voice gets is a name the film says,
    and a name the film never says answers nothing."""
    from cutbot.agent import Editor

    editor = Editor.open(sample_film)
    named = named_voices(editor.index)
    heard = {w.strip(".,!?").lower() for s in editor.index.sentences for w in s.text.split()}
    assert set(named.names) <= heard
    reply = Editor(editor.index, scorer=editor.scorer).respond("everything Sophie says")
    assert reply.error is not None and reply.cut is None
