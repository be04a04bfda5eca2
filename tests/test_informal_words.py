"""Informal words are read as the plain word the film is matched by ("footy" -> football).

Only words no dictionary here lists are rewritten, so a real word (or a name that is one) is
never changed; quoted lines stay as typed; the parse hands the planner the plain word."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request
from cutbot.agent.spelling import _english, plain_words
from cutbot.agent.word_forms import INFORMAL


@pytest.mark.parametrize("word", sorted(INFORMAL))
def test_only_words_no_dictionary_lists_are_rewritten(word):
    assert not _english(word)


@pytest.mark.parametrize("text, plain", [
    ("all the footy banter", "all the football banter"),
    ("Moggies on the sofa", "cats on the sofa"),
    ("the sarnies at lunch", "the sandwiches at lunch"),
    ("a Uni lecture", "a university lecture"),
    ("union jack and a footballer", "union jack and a footballer"),  # words that only begin alike
])
def test_informal_words_in_their_plain_form(text, plain):
    assert plain_words(text) == plain


def test_the_parse_hands_the_planner_the_plain_word():
    plan = parse_request("whenever they natter about footy")
    assert [q.text for q in plan.include] == ["football"]
    assert plan.include[0].modality == "speech"


def test_a_quoted_line_keeps_its_informal_word():
    plan = parse_request('the line "fancy a brekkie"')
    assert any(q.exact and "brekkie" in q.text for q in plan.include)
