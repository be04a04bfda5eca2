"""Topics in the viewer's words, found where they are talked about (issue #11): the viewer's
verb and the owner named are not the topic ("when they plan the trip", "max's job thing"),
a topic the film never says in the viewer's word is read under another name of its sense
("holiday" -> "vacation"), and "all the talk" is every line, no topic (agent/talk.py)."""
from __future__ import annotations

import numpy as np
import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.lexical import spoken_topic, synonyms
from cutbot.agent.plan import Query
from cutbot.agent.talk import TalkOptions, all_talk, in_other_names
from fakes import MeaningEmbedder, SpokenFilm, run_plan, sentence_film, shots_found

SENTENCES = ["this summer we are off hiking in the mountains", "my garden is a swamp after the rain",
             "thank you both for coming tonight", "the bank called me about the job"]
# How much each text means each sentence (a cosine, as MiniLM would give), none of them said.
MEANS = {"holiday": [0.22, 0.05, 0.18, 0.04],  # the viewer's word reads as a day off
         "vacation": [0.41, 0.03, 0.06, 0.05],  # its other name reads as the trip
         "election": [0.05, 0.04, 0.12, 0.10], "vote": [0.06, 0.05, 0.10, 0.09]}


FILM = SpokenFilm(SENTENCES, MEANS)
meaning = FILM.meaning


@pytest.fixture()
def index():
    return FILM.index()


def test_the_speakers_verb_owner_and_fillers_are_not_the_topic():
    assert spoken_topic("they plan the trip") == "the trip"
    assert spoken_topic("she cooks dinner") == "dinner"
    assert spoken_topic("whatever max's job") == "job"
    assert spoken_topic("Maya's part of the holiday planning") == "the holiday planning"
    assert spoken_topic("the money stuff") == "the money"
    # nothing but the verb, or no noun left: the words stay as they were
    assert spoken_topic("they argue") == "argue"  # as before: no noun follows the verb
    assert spoken_topic("the dog's") == "the dog's"


def test_other_names_of_a_sense():
    assert "vacation" in synonyms("holiday")
    assert "holiday" not in synonyms("holiday")
    assert synonyms("xqzt") == ()
    assert in_other_names(meaning(), "the holiday") == ["the vacation"]
    # the embedding must read the other name as near the word (the two sources agree)
    assert in_other_names(meaning(), "the holiday", TalkOptions(synonym_agree=1.01)) == []
    # a name that only qualifies the word typed is none: "lawn tennis" would find "something for the garden"
    assert "lawn tennis" in synonyms("tennis") and in_other_names(meaning(), "tennis") == []


def test_a_topic_never_said_is_read_under_its_other_name(index):
    # "holiday" means no line enough (.22 < the spoken floor); "vacation" means the trip .41
    assert shots_found(index, "holiday", "speech", emb=meaning())[0] == [0]
    with pytest.raises(NothingMatched):  # an absent topic stays absent under its other names
        run_plan(index, emb=meaning(), include=[Query(text="election", modality="speech")])


def test_a_topic_said_in_the_viewers_word_keeps_it():
    film = sentence_film(["we booked a holiday in the mountains", "this summer we are off hiking"] + SENTENCES[1:])
    means = {"holiday": [0.55, 0.20, 0.05, 0.18, 0.04], "vacation": [0.30, 0.60, 0.03, 0.06, 0.05]}
    # found as said: the other name is not read, so the hiking line is not lifted by it
    assert shots_found(film, "holiday", "speech", emb=MeaningEmbedder(means))[0] == [0]


def test_an_exclusion_reads_a_topic_under_its_other_name_only_where_that_is_clear():
    from cutbot.agent.search import Scorer

    # "holiday" leans a little toward every line (the swamp most); "vacation" clearly means the trip
    means = {"holiday": [0.22, 0.30, 0.10, 0.04], "vacation": [0.62, 0.05, 0.06, 0.05]}
    film, emb = sentence_film(SENTENCES), MeaningEmbedder(means)

    def left_out():
        hits = Scorer(film, emb, emb).score(Query(text="holiday", modality="speech"), loose=True)
        return np.flatnonzero(hits.mask).tolist()
    assert left_out() == [0]  # "drop the holiday stuff" drops the trip, not the swamp
    means["vacation"] = [0.40, 0.05, 0.06, 0.05]  # no line clearly means the other name either
    assert left_out() == []


def test_all_the_talk_is_every_line():
    film = sentence_film(SENTENCES + [""])  # a last shot where nobody talks
    film.sentences = film.sentences[:-1]
    film.sentence_vectors = film.sentence_vectors[:-1]
    assert all_talk(Query(text="all the talk")) and all_talk(Query(text="dialogue", modality="speech"))
    assert not all_talk(Query(text="the sport talk")) and not all_talk(Query(text="talk", exact=True))
    found, why = shots_found(film, "talk", "any", emb=meaning())
    assert found == [0, 1, 2, 3]
    assert "my garden is a swamp" in why


@pytest.mark.slow
def test_topics_in_the_viewers_words_on_a_real_film(indexed_sample, sample_film, sample_truth):
    """The sample film, real models: a filler and the speakers' verb do not hide the topic,
    "all the talk" keeps every narrated scene and leaves the two silent ones out, and a
    topic the film never talks about stays absent under its other names."""
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    def scenes(request):
        cut = Editor.load(sample_film).ask(request)
        spans = [(s.start, s.end) for s in cut.segments]
        return [sc["id"] for sc in sample_truth["scenes"] if overlap(spans, [(sc["start"], sc["end"])]) >= 2.0]

    # "book" is what they do, never said: it weighed most and hid scene 7 (was [14]); 15 is
    # "the rain will end" heard "the train will end"
    assert scenes("when they book the train") == [7, 14, 15]
    assert scenes("whatever they say about the soup stuff") == [9]
    assert scenes("keep all the talk") == [i for i in range(1, 16) if i not in (12, 13)]
    for absent in ("the holiday talk", "when they talk about the job"):
        with pytest.raises(NothingMatched):
            Editor.load(sample_film).ask(absent)


def test_introductions_are_the_lines_that_name_someone():
    from cutbot.agent.lexical import Transcript
    from cutbot.agent.talk import _ACTS, names_act, speech_act

    def names_introductions(topic):
        return names_act(topic, _ACTS[0][0], words=_ACTS[0][1])

    lines = ["Hello, I'm Tom.", "I'm so tired today", "and this is my sister, Maya", "my garden is a swamp",
             "thank you both for coming tonight", "the bank called me about the job"]
    film = sentence_film(lines)
    assert names_introductions("the intro") and names_introductions("introductions")
    assert names_introductions("they introduce themselves") and names_introductions("guests are introduced")
    assert not names_introductions("the presentation") and not names_introductions("the garden")
    assert speech_act(Transcript(film.sentences), "the introductions").tolist() == \
        [True, False, True, False, False, False]
    assert shots_found(film, "the introductions", "speech", emb=meaning())[0] == [0, 2]
    assert shots_found(film, "intro where everyone", "any", emb=meaning())[0] == [0, 2]
    # nobody named in the film: the topic is read as any other (nothing means it here)
    with pytest.raises(NothingMatched):
        run_plan(sentence_film(lines[3:] + ["I'm so tired today"]), emb=meaning(),
                 include=[Query(text="introductions", modality="speech")])


def test_goodbyes_and_greetings_are_the_lines_that_say_them():
    from cutbot.agent.lexical import Transcript
    from cutbot.agent.talk import speech_act

    lines = ["Hello Nora.", "the flights cost a fortune", "It's getting late.", "Good night, Nora.",
             "see you on Thursday", "the bike by the wall", "Hi everyone, it's Hannah."]
    film = sentence_film(lines)
    said = Transcript(film.sentences)
    assert speech_act(said, "the goodbyes").tolist() == [False, False, True, True, True, False, False]
    assert speech_act(said, "when they say bye").tolist() == speech_act(said, "the farewells").tolist()
    assert speech_act(said, "the hellos").tolist() == [True, False, False, False, False, False, True]
    assert not speech_act(said, "the bike").any()
    assert shots_found(film, "the goodbye", "speech", emb=meaning())[0] == [2, 3, 4]


def test_the_way_told_is_the_lines_that_tell_it_and_only_a_first_sense_names_it():
    from cutbot.agent.lexical import Transcript
    from cutbot.agent.talk import speech_act

    lines = ["the flights cost a fortune", "Go forward ten meters.", "the way she talks is lovely",
             "Turn left after the bridge.", "read the cooking instructions first"]
    said = Transcript(sentence_film(lines).sentences)
    assert speech_act(said, "the directions").tolist() == [False, True, False, True, False]
    assert speech_act(said, "the sat-nav voice").tolist() == speech_act(said, "the directions").tolist()
    assert speech_act(said, "way to go").tolist() == speech_act(said, "the directions").tolist()  # "tells you which way to go"
    assert not speech_act(said, "the way she talks").any() and not speech_act(said, "the cooking instructions").any()


@pytest.mark.slow
def test_introductions_on_a_real_film(indexed_dev, dev_film, dev_truth):
    """The dev film, real models: the narrator introduces Grace Hopper ("This is Grace
    Hopper, who..."), the only line that names someone to the viewer."""
    from fakes import scenes_kept

    assert scenes_kept(dev_film, dev_truth, "the introductions", least=2.0) == [1]


def test_introductions_left_out_and_a_persons_talk():
    from cutbot.agent.spoken_lines import GATE_AGAIN, sentence_scores
    from cutbot.agent.lexical import Transcript

    lines = ["Hello, I'm Tom.", "my garden is a swamp", "and this is my sister, Maya",
             "the bank called me about the job"]
    film = sentence_film(lines)
    query = Query(text="introductions", modality="speech")
    # "without the introductions": recall first, the same lines leave the cut
    _, gate = sentence_scores(film.sentence_vectors, meaning(), Transcript(film.sentences), query, loose=True)
    assert (gate >= GATE_AGAIN).tolist() == [True, False, True, False]
    # a person asked ("Tom talking") is one voice (voices.py), not every line of the film
    assert not all_talk(Query(text="talking", modality="person"))


def test_the_same_talk_elsewhere_is_tied_by_the_names_it_says():
    from cutbot.agent.lexical import Transcript
    from cutbot.agent.talk import GATE_AGAIN, echoes

    lines = ["did you book your trip to Norway", "this summer I want to go walking in Norway",
             "my garden is a swamp", "we watched the match in Norway", "the bank called me about the job"]
    film = sentence_film(lines)
    raw = np.array([0.9, 0.30, 0.05, 0.20, 0.04])  # the trip said once, the rest by meaning
    sem = np.array([0.5, 0.30, 0.05, 0.20, 0.04])
    gate = np.array([True, False, False, False, False])
    out = echoes(Transcript(film.sentences), "the trip", raw, sem, gate, np.ones(5, bool))
    # the walk names Norway and relates to the trip; the match names it but means no trip
    assert (out == GATE_AGAIN).tolist() == [False, True, False, False, False]
    # no sure hit: nothing is tied to it
    assert not echoes(Transcript(film.sentences), "the trip", raw, sem, ~gate & False, np.ones(5, bool)).any()


def test_a_helping_verb_is_no_topic():
    """ "what someone likes to have for breakfast": "have" (WordNet: "the haves") is grammar,
    not a thing talked about, so the line that says breakfast says the whole topic; it
    diluted the words said below the floor (gallery, dev: F1 0 -> 1)."""
    from cutbot.agent.lexical import topics

    assert [t for t, _ in topics("have for breakfast")] == ["breakfast"]
    assert [t for t, _ in topics("what he does in the garden")] == ["garden"]  # not "does", deer
    assert [t for t, _ in topics("the bit about the will")] == ["will"]  # a thing too: kept
    film = sentence_film(SENTENCES + ["fresh orange juice is my favourite breakfast"])
    means = {"have for breakfast": [0.05, 0.04, 0.06, 0.03, 0.20]}  # its meaning alone is too weak
    assert shots_found(film, "someone likes to have for breakfast", "any", emb=MeaningEmbedder(means))[0] == [4]


def test_a_full_name_is_said_by_its_family_name():
    """ "grace hopper": a film names a person by the family name alone ("that's Hopper on the
    poster"), so the given name unsaid no longer dilutes the words said below the floor."""
    from cutbot.agent.traits import surname

    assert surname("grace hopper") == "hopper" and surname("Mr. Smith") == "smith"
    assert surname("the dog") is None and surname("van gogh") is None  # no given name or title
    film = sentence_film(SENTENCES + ["oh, that's Hopper on the poster"])
    means = {"grace hopper": [0.05, 0.04, 0.06, 0.03, 0.20]}  # its meaning alone is too weak
    assert shots_found(film, "grace hopper", "speech", emb=MeaningEmbedder(means))[0] == [4]


def test_a_topic_recurs_only_after_a_line_that_surely_says_it():
    from cutbot.agent.spoken_lines import again

    background = [0.02, 0.05, 0.08, 0.04, 0.06, 0.03, 0.07, 0.05, 0.04, 0.06, 0.02, 0.05]
    for best, recurs in ((0.39, False), (0.57, True)):  # a line only near the topic vs one that means it
        raw = np.array([best, 0.30, 0.31] + background)
        gate = np.zeros(len(raw), bool)
        gate[0] = True
        kept = again(raw, raw.copy(), gate, np.ones(len(raw), bool))
        assert bool(kept[1] and kept[2]) is recurs and not kept[3:].any()


def test_a_thing_maybe_on_screen_recurs_where_its_word_is_said_again():
    """ "every time the kitchen comes up": a short line that is nearly the query ("So, the
    kitchen.") sets the relative cut so high that a longer line saying the word again
    ("Back to the kitchen, we found old tiles...") fell under it. A line that says each of
    the viewer's words as typed and stands out recurs; one that only means it stays out
    (long_dev, dev 7820)."""
    background = ["my garden is a swamp after the rain", "thank you both for coming", "the bank called",
                  "we watched the match", "see you on thursday", "it is getting late", "good night nora",
                  "the traffic is moving again", "i passed my test", "the storm was loud"]
    lines = ["so, the kitchen", "back to the kitchen, we found old tiles behind the fridge", "the tiles are ugly",
             "lets work it tonight"]
    kitchen = [0.03, 0.05, 0.02, 0.04, 0.06, 0.03, 0.05, 0.04, 0.02, 0.05, 0.78, 0.30, 0.20, 0.05]
    emb = MeaningEmbedder({"the kitchen": kitchen, "kitchen": kitchen})
    assert shots_found(sentence_film(background + lines), "the kitchen", "any", emb=emb)[0] == [10, 11]
    # the same line meant as much but never saying the word: only the sure line
    lines[1] = "back to the cooking room, we found old tiles behind the fridge"
    assert shots_found(sentence_film(background + lines), "the kitchen", "any", emb=emb)[0] == [10]


def test_a_short_line_never_recurs_by_its_meaning_alone():
    """ "Hello Nora." ~ "job interview" .27 in MiniLM: one or two words' meaning is noise, so
    only a line of SPOKEN.again_words content words recurs past the cut (dialogue, dev 7820)."""
    background = ["my garden is a swamp after the rain", "thank you both for coming", "the bank called",
                  "we watched the match", "see you on thursday", "it is getting late", "the traffic is awful",
                  "i passed my test", "the storm was loud", "the cat sleeps all day"]
    lines = ["my job interview is on thursday and i am nervous", "i could not sleep before meeting the new boss",
             "hello nora"]
    means = {"job interview": [0.03, 0.05, 0.02, 0.04, 0.06, 0.03, 0.05, 0.04, 0.02, 0.05, 0.55, 0.30, 0.30]}
    found = shots_found(sentence_film(background + lines), "job interview", "speech", emb=MeaningEmbedder(means))[0]
    assert found == [10, 11]


def test_a_long_film_asks_a_recurring_line_to_stand_out_further():
    """In 400 lines a normal background puts ~2 above z 2.5 by chance: a line recurs there only
    past the z that half a line reaches (SpokenOptions.again_false), 3.0; in 40 lines 2.5 holds."""
    from cutbot.agent.calibration import select
    from cutbot.agent.spoken_lines import again

    for n, recurs in ((40, True), (400, False)):
        background = 0.1 + 0.06 * np.sin(np.arange(n) * 2.39996)  # spread evenly, no line stands out
        raw = np.concatenate([[0.7, 0.0], background])
        low, high = (select(np.concatenate([[0.7, v], background]), 0.25)[1][1] for v in (0.0, 1.0))
        raw[1] = (2.8 - low) / (high - low)  # z ~2.8 over this background (z is linear in the line's score)
        gate = np.zeros(len(raw), bool)
        gate[0] = True
        sem = np.full(len(raw), 0.05)
        sem[1] = 0.3
        assert bool(again(raw, sem, gate, np.ones(len(raw), bool))[1]) is recurs, n


def test_a_line_that_is_a_name_and_little_else_stands_for_no_topic_it_does_not_say():
    from cutbot.agent.lexical import Transcript
    from cutbot.agent.spoken_lines import addresses

    lines = ["I'm Nora.", "the cat sleeps in the laundry all day", "thanks, hana", "my garden is a swamp",
             "the bus was late again", "we painted the fence blue"]
    # MiniLM reads "kitty" .49 toward "I'm Nora." (a name's meaning; dialogue), .60 toward the cat line
    film = sentence_film(lines)
    emb = MeaningEmbedder({"kitty": [0.49, 0.60, 0.10, 0.05, 0.05, 0.05]})
    assert shots_found(film, "kitty", "speech", emb=emb)[0] == [1]
    assert addresses(Transcript(film.sentences)).tolist() == [True, False, True, False, False, False]
    # a name-line that says the topic still says it
    assert shots_found(film, "nora", "speech")[0] == [0]
