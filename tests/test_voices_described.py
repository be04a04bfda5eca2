"""A speaker known by a description (agent/described.py): a gender or role word with a talk
noun, a hearing verb, "X's sister", "the <thing> owner", "the one who talks about X"; each
answered by the voices (pitch, introductions, the transcript's own words), never a picture."""
from __future__ import annotations

import pytest

from cutbot.agent.described import describe, sex_of
from cutbot.agent.intent import parse_request
from cutbot.agent.plan import Query
from cutbot.agent.search import Scorer
from cutbot.agent.seen_said import SPEAKING
from cutbot.agent.voices import voice_ask, voice_hits
from fakes import WordHashEmbedder
from test_voices import _film

# a woman who narrates most, a man who owns a dog and talks about his bike, a short woman's fragment
LINES = [(1.0, 5.0, "Welcome to the harbour, where the boats come home at dusk.", 0),
         (6.0, 8.0, "I'm Ben, and this is my sister.", 1),
         (8.5, 9.5, "Hello Ben.", 2),
         (11.0, 15.0, "The fishermen mend their nets on the quay every morning.", 0),
         (16.0, 18.0, "My dog Rufus swims out to meet them.", 1),
         (21.0, 25.0, "The lighthouse has stood here for two hundred years.", 0),
         (25.5, 27.5, "My bike is older than the lighthouse, and the bike still runs.", 1),
         (28.0, 29.0, "It does not.", 2)]
PITCH = {0: 200.0, 1: 105.0, 2: 190.0}


def _ask(text: str, modality: str = "any"):
    idx = _film(LINES, PITCH)
    emb = WordHashEmbedder()
    return voice_ask(idx, Query(text=text, modality=modality), Scorer(idx, emb, emb))


@pytest.mark.parametrize("text, who, narrator", [
    ("the female speaker's lines", "female", False), ("lady narrator", "lady", True),
    ("to hear the woman narrator", "woman", True), ("the old man's voice", "old man", False),
    ("every line felix's sister has", "felix's sister", False), ("the bloke's narration", "bloke", True),
    ("listen to the girl", "girl", False), ("the male speakers", "male", False)])
def test_a_talk_noun_or_a_hearing_verb_makes_a_speaker_description(text, who, narrator):
    got = describe(text)
    assert got is not None and got.heard and (got.who, got.narrator) == (who, narrator)


@pytest.mark.parametrize("text", ["the lighthouse", "the woman in the red coat", "boats at dusk",
                                  "the speech about rain", "a dog swimming"])
def test_words_without_a_talk_noun_are_no_speaker_description(text):
    assert describe(text) is None


def test_untestable_modifiers_are_kept_apart_from_the_gender():
    assert sex_of("english guy") == ("m", ("english",))
    assert sex_of("woman") == ("f", ())
    assert sex_of("man and woman")[0] is None  # both sexes: no one voice gender


def test_a_gender_with_a_talk_noun_is_that_gender_of_voice():
    ask = _ask("the female speaker's", "speech")
    assert ask.voices == {0, 2} and "women's voices" in ask.why
    ask = _ask("the scottish bloke's voice")
    assert ask.voices == {1} and "'scottish' is not told by a voice" in ask.why


def test_a_narrator_of_a_gender_is_the_main_voice_of_it_not_a_fragment():
    ask = _ask("lady narrator")
    assert ask.voices == {0} and "narrator" in ask.why
    assert _ask("to hear the woman narrator").voices == {0}
    assert _ask("the man narrator").voices == {1}  # the main voice of men


def test_a_relation_is_the_voice_that_persons_introduction_names():
    ask = _ask("every line ben's sister has")
    assert ask.voices == {2} and "Ben's sister" in ask.why
    assert _ask("nora's sister's voice") is None  # no Nora heard: nobody's sister is guessed


def test_an_owner_is_the_voice_that_calls_the_thing_theirs():
    ask = _ask("dog owner")
    assert ask.voices == {1} and "my dog rufus" in ask.why.lower()
    assert _ask("the cat owner") is None  # nobody says "my cat": no owner is made up
    assert _ask("the one whose dog is always muddy, all his lines").voices == {1}  # whose dog: its owner


def test_the_one_who_talks_about_a_topic_is_the_voice_of_most_of_its_lines():
    ask = _ask("everything the one who talks about his bike says")
    assert ask.voices == {1} and "talks about bike" in ask.why
    assert _ask("the voice of the guy who talks about his bike").voices == {1}
    # without a talk word the description is the moment it is said (framing.py), not the voice
    assert _ask("the one who talks about his bike") is None
    # one line each on the lighthouse: the words do not tell who, so no voice is claimed
    assert _ask("the lines of the one who talks about the lighthouse") is None
    # how they talk of it ("moaning about", "who keeps complaining about") says who as well
    for text in ("the guy moaning about his bike says", "the lines of the bloke who keeps complaining about his bike"):
        assert _ask(text).voices == {1}, text
    assert parse_request("everything the fellow grumbling about bikes says").include[0].text.endswith(" says")


def test_a_speaker_no_face_picks_out_is_the_voice_the_words_tell():
    # no faces here: "the man with the swimming dog" is who says he has one, "the woman who was welcoming" who does
    for text, voice in (("everything the man with the swimming dog says", 1),
                        ("all the lines of the woman who was welcoming everyone to the harbour", 0)):
        query = parse_request(text).include[0]
        assert query.text.endswith(SPEAKING) and _ask(query.text, query.modality).voices == {voice}, text


def test_a_described_voice_keeps_its_lines_only():
    idx = _film(LINES, PITCH)
    emb = WordHashEmbedder()
    hits = voice_hits(idx, Query(text="the dog owner"), Scorer(idx, emb, emb))
    kept = [e.detail.split(": '")[-1].rstrip("'") for evs in hits.evidence for e in evs]
    assert kept == [t for *_, t, v in LINES if v == 1]


# --- the face on screen and the voice: "I'm Nora" over a photo, "while he's not on screen" ----

def _faced(lines, pitch, tracks, tmp_path):
    """``_film`` with face tracks ((shot, start, end, person)) and people read from them."""
    from fakes import people_film
    from cutbot.indexers.voices import Voices, VoiceStats

    scenes = [(10.0 * k, 10.0 * k + 10.0, f"s{k}") for k in range(6)]
    idx = people_film(scenes, [(a, b, t) for a, b, t, _ in lines], tmp_path, tracks)
    ids = tuple(v for *_, v in lines)
    secs = {v: sum(b - a for a, b, _, w in lines if w == v) for v in set(ids)}
    idx.voices = Voices(ids, tuple(pitch[v] for v in ids), "t",
                        {v: VoiceStats(pitch[v], secs[v], ids.count(v)) for v in set(ids)})
    return idx


@pytest.mark.parametrize("text, want", [
    ("everything tom says while he's not on screen", "tom says while off screen"),
    ("what lena says when she is off-screen", "lena says while off screen"),
    ("the bits where max talks but isn't in the shot", "max while off screen"),
    ("ben's voice when he's out of frame", "ben's voice while off screen"),
    ("ivo talking while we're looking at something else", "ivo talking while off screen"),
    ("ivo talking while were looking at something else", "ivo talking while off screen"),
    ("what ivo says when we can't see him", "ivo says while off screen")])
def test_the_off_screen_clause_stays_with_the_person_it_describes(text, want):
    from cutbot.agent.intent import parse_request

    plan = parse_request(text)
    assert [q.text for q in plan.include] == [want] and not plan.exclude


def test_the_shots_where_a_thing_is_not_on_screen_are_not_an_off_screen_voice():
    from cutbot.agent.traits import off_screen

    assert off_screen("the shots where the dog is not on screen") == "the shots where the dog is not on screen"
    assert off_screen("the off-screen voice") == "the off-screen voice"


# a film that shows its speakers: Tom (voice 0) on person 1, Lena (voice 1) on person 2;
# Tom also talks over Lena's shots (shots 3 and 5), where his face is not seen
TOM_LENA = [(1.0, 3.0, "Hello, I'm Tom.", 0), (11.0, 13.0, "Thanks Tom, I'm Lena.", 1),
            (21.0, 23.0, "The weather has been awful.", 0), (31.0, 32.0, "Really?", 1),
            (33.0, 35.0, "Rain every single day.", 0), (41.0, 43.0, "My garden is a swamp.", 0),
            (51.0, 52.0, "Oh no.", 1), (53.0, 55.0, "Even the ducks left.", 0)]
TOM_LENA_TRACKS = [(0, 0.0, 10.0, 1), (1, 10.0, 20.0, 2), (2, 20.0, 30.0, 1), (3, 30.0, 40.0, 2),
                   (4, 40.0, 50.0, 1), (5, 50.0, 60.0, 2)]


def test_a_voice_while_its_tied_face_is_off_screen_keeps_only_those_lines(tmp_path):
    idx = _faced(TOM_LENA, {0: 100.0, 1: 200.0}, TOM_LENA_TRACKS, tmp_path)
    emb = WordHashEmbedder()
    hits = voice_hits(idx, Query(text="tom says while off screen"), Scorer(idx, emb, emb))
    kept = [e.detail.split(": '")[-1].rstrip("'") for evs in hits.evidence for e in evs]
    assert kept == ["Rain every single day.", "Even the ducks left."]
    assert "not on screen" in " ".join(hits.notes)


def test_cutting_the_shots_showing_a_person_keeps_their_voice_over_other_faces(tmp_path):
    from fakes import run_plan

    # "except the scenes showing tom" drops his face's shots, not every line he says
    idx = _faced(TOM_LENA, {0: 100.0, 1: 200.0}, TOM_LENA_TRACKS, tmp_path)
    cut = run_plan(idx, exclude=[Query(text="tom", modality="visual")])
    assert [(s.start, s.end) for s in cut.segments] == [(10.0, 20.0), (30.0, 40.0), (50.0, 60.0)]
