"""Chat commands in a viewer's words, found by the dev conversations (bench/conversation.py):
"scratch that, undo", "no wait, redo that", "redo pls", "undo that last change", "ok undo
putting that first" were read as subjects ("nothing in the film matches 'redo'"), "whats in this
cut?" as a request with nothing to keep; "a bit shorter still" kept "still" as a subject, and
"forget it. just the coins" kept "forget"; "why is the horse in there?" asked for a cut of the horse.
"only the ones where somebody talks" narrows the cut on screen, as "only where somebody talks" did.
"how long is it?", "which scenes are in?" show the plan; "start again with just the boats" and "scrap
that and give me the boats" are new cuts (the second had dropped the boats); "throw in the seagulls"
adds them."""
from __future__ import annotations

import pytest

from cutbot.agent.commands import command_intent
from cutbot.agent.intent import parse_intent, parse_request


@pytest.mark.parametrize("line, kind", [
    ("scratch that, undo", "undo"), ("go back, undo that", "undo"), ("no wait, redo that", "redo"),
    ("redo pls", "redo"), ("hmm undo", "undo"), ("undo that last change", "undo"),
    ("ok undo putting that first", "undo"), ("whats in this cut?", "show"), ("what's in it now?", "show"),
    ("whats in the cut right now", "show"), ("wait, what's in the cut?", "show"), ("how long is it?", "show"),
    ("which scenes are in?", "show"), ("what did you keep?", "show"),
])
def test_a_command_in_other_words(line, kind):
    intent = command_intent(line)
    assert intent is not None and intent.kind == kind


@pytest.mark.parametrize("line", ["no, the cats", "the cat, the dog", "undo the cat"])
def test_a_request_is_no_command(line):
    assert command_intent(line) is None


@pytest.mark.parametrize("line", ["a bit shorter still", "longer still"])
def test_still_is_no_subject(line):
    plan = parse_request(line, parse_request("the boats and the lighthouse, under 2 minutes"))
    assert [q.text for q in plan.include] == ["boats", "lighthouse"] and plan.duration.max != 120.0


@pytest.mark.parametrize("line", ["forget it. just the coins", "forget that, just the coins",
                                  "never mind that, just the coins"])
def test_forget_that_starts_a_new_cut(line):
    plan = parse_request(line, parse_request("the boats and the lighthouse, under 2 minutes"))
    assert [q.text for q in plan.include] == ["coins"] and plan.duration.max is None


@pytest.mark.parametrize("line, about", [
    ("why is the horse in there?", "the horse"), ("why's the bike in there?", "the bike"),
    ("why is the second cat shot in there??", "the second cat shot"), ("why is there a squirrel in this?", "a squirrel"),
    ("why does it start with a motorbike?", "a motorbike"), ("what's the rocket got to do with anything?", "the rocket"),
])
def test_why_about_something_in_the_cut(line, about):
    intent = command_intent(line)
    assert intent is not None and intent.kind == "why" and intent.arg == about


@pytest.mark.parametrize("line", ["only the ones where somebody is talking over it", "just the bits where someone talks"])
def test_only_the_ones_where_narrows_the_cut(line):
    plan = parse_request(line, parse_request("just the people in it"))
    assert [q.text for q in plan.include] == ["people", "talk"] and plan.match == "all"


@pytest.mark.parametrize("line", ["start again with just the boats", "new cut: the boats", "scrap that and give me the boats",
                                  "let's do something else: the boats", "forget it. just the boats"])
def test_a_fresh_start_is_a_new_cut_even_of_a_subject_on_screen(line):
    plan = parse_request(line, parse_request("the boats and the fisherman, but not the ferry, under 90 seconds"))
    assert [q.text for q in plan.include] == ["boats"] and not plan.exclude and plan.duration.max is None


@pytest.mark.parametrize("line", ["throw in the seagulls", "chuck in the seagulls"])
def test_thrown_in_is_added(line):
    plan = parse_request(line, parse_request("the boats and the fisherman, under 90 seconds"))
    assert [q.text for q in plan.include] == ["boats", "fisherman", "seagulls"] and plan.duration.max == 90.0


@pytest.mark.parametrize("line, about", [
    ("who's the woman in the space suit?", "the woman in the space suit"),
    ("so who is that fisherman with the nets?", "that fisherman with the nets"),
])
def test_who_is_someone_asked_of_a_cut_explains_it(line, about):
    intent = parse_intent(line, parse_request("the boats and the fisherman"))
    assert intent.kind == "why" and intent.arg == about and intent.plan is None


def test_who_asked_with_no_cut_yet_is_a_request():
    assert parse_intent("who's the woman in the space suit?").kind == "plan"  # find her


@pytest.mark.parametrize("line", ["who's the fisherman? just his shots please", "who's talking in the first 30 secs"])
def test_who_asked_with_a_request_is_a_request(line):
    assert parse_intent(line, parse_request("the boats and the fisherman")).kind == "plan"


@pytest.mark.parametrize("line, about", [("is the lighthouse in it?", "the lighthouse"),
                                         ("are the seagulls still in the cut?", "the seagulls")])
def test_whether_a_thing_is_in_the_cut_is_explained_not_made_the_cut(line, about):
    intent = parse_intent(line, parse_request("the boats and the fisherman"))  # had replaced the cut with it
    assert intent.kind == "why" and intent.arg == about and intent.plan is None
    assert parse_intent(line).kind == "plan"  # no cut yet: find it


@pytest.mark.parametrize("line", ["how many clips are there?", "show me what you kept", "what's the running time",
                                  "how long does it run now"])
def test_the_cut_asked_about_in_other_words_is_shown(line):
    assert command_intent(line).kind == "show", line  # were asked to say it again ("clarify")
