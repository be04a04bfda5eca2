"""One reading of inflected words (agent/word_forms.py) for the talk frames and the typo
fixer: the forms a word may come from, never a guess that turns a typo into a word; and one
list each of subject pronouns and of who may talk, for every pattern that needs them."""
from __future__ import annotations

import pytest
from cutbot.agent.frames import talk_noun, talk_verb
from cutbot.agent.spelling import unswapped
from cutbot.agent.word_forms import bases


def test_bases_undo_regular_endings():
    assert "natter" in bases("nattering") and "ramble" in bases("rambled")
    assert "chat" in bases("chatting") and "story" in bases("stories") and "discussion" in bases("discussions")
    assert bases("Chats")[0] == "chats"  # itself first, lower case
    assert "talk" not in bases("talker") and "talk" in bases("talker", derived=True)


def test_a_dropped_letter_is_no_ending():
    assert "ramble" not in bases("rambls")  # a typo, not a plural of "ramble"
    assert "pas" not in bases("passes")  # a doubled letter is undone before -ing/-ed only


def test_talk_frames_and_typos_read_the_same_forms():
    assert talk_verb("nattering") and talk_verb("rambled") and talk_noun("discussions")
    assert unswapped("the fisrt bit where someone cries") == "the first bit where someone cries"
    assert unswapped("the cadrs") == "the cards"  # "cadrs" is no plural of "cadre"


def test_one_list_of_subject_pronouns_for_frames_and_topics():
    """frames.clause_topic and lexical.spoken_topic drop whoever acts and what they do alike."""
    from cutbot.agent.frames import clause_topic
    from cutbot.agent.lexical import spoken_topic
    assert clause_topic("what they tell themselves about the storm") == "storm"
    assert clause_topic("what one makes for supper") == "supper"
    assert spoken_topic("when they plan the trip") == "the trip"


def test_one_list_of_who_may_talk():
    """asides, grammar, frames and subjects read the same talkers (word_forms.TALKERS):
    "everyone" and "we" talk in every pattern, not in some."""
    from cutbot.agent.intent import parse_request
    for request in ("when everyone talks about the weather", "where we talk about the weather",
                    "whenever you mention the weather", "the part where anybody talks about the weather"):
        [q] = parse_request(request).include
        assert (q.text, q.modality) == ("weather", "speech"), request
    assert [q.text for q in parse_request("the cat while everyone is talking about food").include] == ["cat", "food"]


def test_one_list_of_opening_words_for_requests_and_commands():
    """The request's edges (asides.polite_edges) and the chat commands (intent.command_intent)
    read the same opening words (word_forms.INTERJECTIONS, TURN_MARKERS, ASKING_MODALS)."""
    from cutbot.agent.asides import polite_edges
    from cutbot.agent.commands import command_intent
    from cutbot.agent.word_forms import ASKING_MODALS, INTERJECTIONS, TURN_MARKERS
    said = [w.replace("(?:ay)?", "ay") for w in INTERJECTIONS] + ["ok"]
    for opening in [f"{w}, " for w in said + list(TURN_MARKERS)] + [f"{m} you " for m in ASKING_MODALS]:
        command = command_intent(opening + "undo")
        assert command is not None and command.kind == "undo", opening
        request = opening + ("show me the dogs" if opening.endswith("you ") else "the dogs")
        assert polite_edges(request) == "the dogs", opening
    assert command_intent("the dogs") is None and polite_edges("so the dogs") == "so the dogs"  # no comma: words


@pytest.mark.slow
def test_while_everyone_is_talking_on_the_sample_film(indexed_sample, sample_film, sample_truth):
    """Real models: "the cat while everyone is talking about food" is the cat where the soup
    recipe is said (scene 9); with "everyone" missing from one talk pattern it was read as
    one subject "cat while food" and answered "nothing matches"."""
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    reply = Editor.open(sample_film).respond("the cat while everyone is talking about food")
    assert reply.error is None and reply.cut is not None
    segs = [(s.start, s.end) for s in reply.cut.segments]
    soup = [(s["start"], s["end"]) for s in sample_truth["scenes"] if "soup" in s["topics"]]
    others = [(s["start"], s["end"]) for s in sample_truth["scenes"] if "soup" not in s["topics"]]
    assert overlap(segs, soup) >= 0.8 * sum(b - a for a, b in soup)
    assert overlap(segs, others) <= 0.05 * sum(b - a for a, b in segs)
