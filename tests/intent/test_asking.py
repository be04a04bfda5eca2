"""A follow-up asked as a question or with an intensifier (issue #11): the ask frames the change,
it names no subject, and the plan it changes keeps the rest."""
from __future__ import annotations

import pytest

from cutbot.agent.commands import command_intent
from cutbot.agent.intent import parse_request

_BASE = "the goat and the kite, under a minute"


def _after(text: str):
    plan = parse_request(text, previous=parse_request(_BASE))
    return [q.text for q in plan.include], [q.text for q in plan.exclude], plan.duration.max


@pytest.mark.parametrize("text, include, exclude, longest", [
    ("can we lose the kite", ["goat"], ["kite"], 60.0),
    ("hmm, could we drop the kite", ["goat"], ["kite"], 60.0),
    ("should we add the dog", ["goat", "kite", "dog"], [], 60.0),
    ("way more goat", ["goat", "kite"], [], 60.0),
])
def test_asking_frames_the_change_and_keeps_the_rest(text, include, exclude, longest):
    assert _after(text) == (include, exclude, longest)


@pytest.mark.parametrize("text", ["way shorter", "could it be shorter"])
def test_way_shorter_is_shorter(text):
    inc, _, longest = _after(text)
    assert inc == ["goat", "kite"] and longest is not None and longest < 60.0


def test_can_it_be_a_length_is_that_length():
    plan = parse_request("can it be exactly 30 seconds", previous=parse_request(_BASE))
    assert [q.text for q in plan.include] == ["goat", "kite"] and plan.duration.target == 30.0


def test_way_more_weighs_the_subject_like_more():
    plan = parse_request("way more goat", previous=parse_request(_BASE))
    assert [(q.text, q.weight) for q in plan.include] == [("goat", 2.0), ("kite", 1.0)]


def test_go_back_one_step_is_undo():
    assert command_intent("go back one step").kind == "undo"


@pytest.mark.parametrize("text", ["how long is it now?", "what did you cut?", "what did you leave out", "what got cut"])
def test_a_question_about_the_cut_shows_it(text):
    assert command_intent(text).kind == "show"  # was a request: "keep: did you" replaced the cut


@pytest.mark.parametrize("text, include", [("hmm that's too much, only the goat one", ["goat"]),
                                           ("it's a lot - just the kite", ["kite"])])
def test_a_verdict_before_a_change_is_no_subject(text, include):
    assert _after(text)[0] == include


@pytest.mark.parametrize("first, text, length", [
    ("the goat, about 30 seconds", "hmm no, 40", {"target": 40.0}),
    ("the goat, about 30 seconds", "try 45", {"target": 45.0}),
    ("the goat, under 2 minutes", "3 then", {"max": 180.0}),
    ("the goat, under 2 minutes", "45", {"max": 45.0}),
])
def test_a_number_alone_is_the_length_again(first, text, length):
    plan = parse_request(text, previous=parse_request(first))
    assert [q.text for q in plan.include] == ["goat"]
    assert {k: v for k, v in plan.duration.model_dump(exclude_none=True).items() if k != "tolerance"} == length


def test_a_number_alone_with_no_length_on_screen_is_no_length():
    plan = parse_request("40", previous=parse_request("the goat"))
    assert plan.duration.kind == "none"


@pytest.mark.parametrize("text, about", [("why the goat?", "the goat"), ("why that one?", None),
                                         ("why is there a squirrel?", "a squirrel"),
                                         ("show me what you've got", None)])
def test_why_and_show_in_few_words_are_questions(text, about):
    command = command_intent(text)
    assert command.kind == ("show" if text.startswith("show") else "why") and command.arg == about


def test_whats_left_shows_the_cut():
    assert command_intent("what's left?").kind == "show"


def test_chronological_with_one_group_first_keeps_the_subjects():
    plan = parse_request("now chronological but the kite first", previous=parse_request("the goat and the kite, in reverse"))
    assert plan.order == "source" and [q.text for q in plan.include] == ["goat", "kite"]
    assert plan.sequence == ("kite", "goat")


@pytest.mark.parametrize("text", ["a fade between clips", "and a fade between the scenes"])
def test_a_fade_between_clips_is_a_fade(text):
    plan = parse_request(text, previous=parse_request(_BASE))
    assert [q.text for q in plan.include] == ["goat", "kite"] and plan.output.fade


def test_putting_someone_back_undoes_leaving_out_their_face():
    before = parse_request("the goat, without owen's face")
    plan = parse_request("put owen back", previous=before)
    assert [q.text for q in plan.include] == ["goat"] and not plan.exclude


@pytest.mark.parametrize("text", ["her close-ups", "only her close-ups"])
def test_her_close_ups_are_the_close_ups_of_the_one_on_screen(text):
    plan = parse_request(text, previous=parse_request("only the goat"))
    assert [q.text for q in plan.include] == ["close-ups on the goat"]


@pytest.mark.parametrize("text", ["that's perfect", "looks good", "great!", "perfect, thanks", "love it", "that works",
                                  "keep it like that", "ok", "nice one"])
def test_approval_of_the_cut_changes_nothing(text):
    command = command_intent(text)  # was a subject ("keep: that's perfect") that replaced the cut
    assert command.kind == "show" and command.arg == "approval"


@pytest.mark.parametrize("text", ["keep it under a minute", "the good bits", "nice shots of the goat", "great views"])
def test_a_request_with_a_word_of_praise_is_no_approval(text):
    assert command_intent(text) is None


@pytest.mark.parametrize("text, segment", [("what's in the first clip?", 1), ("what is clip 2", 2),
                                           ("tell me about the last one", -1), ("what's happening in the third clip?", 3)])
def test_a_question_about_one_piece_is_a_why(text, segment):
    command = command_intent(text)  # was a request for a subject "first"
    assert (command.kind, command.segment) == ("why", segment)


@pytest.mark.parametrize("text, include, longest", [
    ("that's good but shorter", ["goat", "kite"], 45.0),
    ("looks great, now add the dog", ["goat", "kite", "dog"], 60.0),
    ("nice, but no kite", ["goat"], 60.0),
    ("better but still too long", ["goat", "kite"], 45.0),
])
def test_praise_before_a_change_is_no_subject(text, include, longest):
    inc, _, most = _after(text)
    assert inc == include and most == pytest.approx(longest)


@pytest.mark.parametrize("text", ["highlights only", "the good bits only", "best bits only"])
def test_a_summary_said_with_only_is_a_summary(text):
    plan = parse_request(text)  # "highlights on" + "ly": a subject "ly"
    assert plan.include == () and plan.duration.share is not None


@pytest.mark.parametrize("text, subject", [("beautiful shots of the goat", "goat"), ("stunning footage of the kite", "kite")])
def test_praise_before_shots_of_x_is_no_part_of_x(text, subject):
    assert [q.text for q in parse_request(text).include] == [subject]  # was "beautiful the goat"


@pytest.mark.parametrize("text, padding, granularity", [
    ("add a few more seconds to each clip", 2.0, "scene"), ("give every clip a couple more seconds", 2.0, "scene"),
    ("add 3 seconds to each clip", 3.0, "scene"), ("make each clip a bit longer", 2.0, "scene"),
    ("shorten each clip a bit", 0.0, "moment"), ("trim the clips", 0.0, "moment"), ("make every clip shorter", 0.0, "moment"),
])
def test_each_clip_longer_pads_them_and_shorter_cuts_them_tight(text, padding, granularity):
    plan = parse_request(text, previous=parse_request(_BASE))
    assert [q.text for q in plan.include] == ["goat", "kite"] and plan.duration.max == 60.0
    assert (plan.padding, plan.granularity) == (padding, granularity)


@pytest.mark.parametrize("text, include, exclude", [
    ("do that again with the dog", ["dog"], []),  # was a subject "do that with the dog"
    ("can you do the same for the dog", ["dog"], []),
    ("the dog instead", ["dog"], []),  # the length held (it was dropped)
    ("not the kite, the dog", ["goat", "dog"], ["kite"]),  # was leaving out the dog too
    ("same but with the dog", ["goat", "kite", "dog"], []),  # was the dog alone
    ("same thing but with the dog", ["goat", "kite", "dog"], []),
    ("same but for the dog", ["dog"], []),
    ("same with the dog", ["dog"], []),
    ("chuck the dog in", ["goat", "kite", "dog"], []),  # was "nothing matches 'chuck the dog'"
    ("pop the dog in there", ["goat", "kite", "dog"], []),
])
def test_the_subjects_changed_and_the_rest_kept(text, include, exclude):
    assert _after(text) == (include, exclude, 60.0)


def test_less_of_one_more_of_another_without_a_comma_weighs_both():
    plan = parse_request("less kite more goat", previous=parse_request(_BASE))
    assert sorted((q.text, q.weight) for q in plan.include) == [("goat", 2.0), ("kite", 0.5)]


def test_as_long_as_it_needs_is_no_length():
    assert _after("as long as it needs to be") == (["goat", "kite"], [], None)


@pytest.mark.parametrize("text, kind, segment", [("i don't like the second one", "dislike", 2),
                                                 ("more like the first one", "like", 1), ("i dislike the last clip", "dislike", -1)])
def test_a_taste_for_a_piece_by_its_place_is_that_segment(text, kind, segment):
    command = command_intent(text)
    assert (command.kind, command.segment, command.arg) == (kind, segment, None)


def test_is_that_everything_shows_the_cut():
    assert command_intent("is that everything?").kind == "show"


@pytest.mark.parametrize("text", ["surprise me", "anything else?", "what else is there", "show me something different"])
def test_asking_for_something_else_is_asking_for_suggestions(text):
    from cutbot.agent.questions import film_question
    assert film_question(text) == ("suggest", 0)


@pytest.mark.parametrize("text, crossfade, fade", [
    ("smoother transitions", 0.5, 0.0), ("can you make it flow better", 0.5, 0.0),  # were subjects
    ("with a dissolve between each", 0.5, 0.0),  # was a subject "between each" as well
    ("start with a fade", 0.0, 1.0),  # was a subject "start"
])
def test_transitions_said_in_other_words(text, crossfade, fade):
    plan = parse_request(text, previous=parse_request(_BASE))
    assert [q.text for q in plan.include] == ["goat", "kite"] and plan.duration.max == 60.0
    assert (plan.output.crossfade, plan.output.fade) == (crossfade, fade)


@pytest.mark.parametrize("text, path", [("save it as goat.mp4", "goat.mp4"), ("make the video", None),
                                        ("ok let's see it", None), ("play it", None)])
def test_asking_to_watch_the_cut_renders_it(text, path):
    command = command_intent(text)
    assert (command.kind, command.arg) == ("render", path)


@pytest.mark.parametrize("text, segment", [("who's that?", None), ("who is in it", None),
                                           ("who is talking in the second one?", 2), ("who's in clip 2", 2)])
def test_who_is_in_the_cut_is_a_question_about_it(text, segment):
    command = command_intent(text)  # was a request ("second (speech)") that replaced the cut
    assert (command.kind, command.segment) == ("why", segment)


def test_who_talks_about_a_thing_stays_a_request():
    assert command_intent("who talks about the goat") is None


@pytest.mark.parametrize("text", ["nope", "hmm no", "no that's wrong", "that's not what i meant", "try again", "wrong"])
def test_turning_the_cut_down_without_saying_how_asks_what_should_change(text):
    from cutbot.agent.intent import Unclear, parse_intent
    with pytest.raises(Unclear, match="what should change"):  # was a subject ("nope", "try") that replaced the cut
        parse_intent(text, parse_request(_BASE))


@pytest.mark.parametrize("text", ["you missed the dog", "the dog is missing", "you forgot the dog", "i can't see the dog"])
def test_a_thing_said_missing_is_added(text):
    assert _after(text) == (["goat", "kite", "dog"], [], 60.0)


def test_no_alone_in_a_first_request_is_no_rejection():
    from cutbot.agent.intent import parse_intent
    assert [q.text for q in parse_intent("no kites").plan.exclude] == ["kites"]


@pytest.mark.parametrize("text, longest", [
    ("shorten it by a third", 40.0), ("a quarter shorter", 45.0),  # of the 60 s on screen
    ("make it 20% shorter", 48.0), ("shorten it by 20%", 48.0), ("10 percent longer", 66.0),  # were a subject "20%"
    ("lose about 10 seconds", 50.0),  # was a target of 10 s
])
def test_a_share_of_the_cut_on_screen_is_its_new_length(text, longest):
    from cutbot.agent.intent import parse_intent
    plan = parse_intent(text, parse_request(_BASE), length=60.0).plan
    assert [q.text for q in plan.include] == ["goat", "kite"] and plan.duration.max == pytest.approx(longest)


def test_filling_it_out_to_a_length_is_that_length():
    plan = parse_request("fill it out to 2 minutes", previous=parse_request(_BASE))  # was a subject "out"
    assert [q.text for q in plan.include] == ["goat", "kite"] and plan.duration.target == 120.0


@pytest.mark.parametrize("text, include, exclude", [
    ("more of the dog", [("goat", 1.0), ("kite", 1.0), ("dog", 2.0)], []),  # was a new cut of the dog alone
    ("less of the dog", [("goat", 1.0), ("kite", 1.0)], ["dog"]),  # was a new cut of the dog at half weight
    ("a bit less kite", [("goat", 1.0), ("kite", 0.5)], []),  # was a subject "less kite"
    ("let's see more of the goat", [("goat", 2.0), ("kite", 1.0)], []),  # was a new cut "let's see more of the goat"
    ("let's hear more of the kite", [("goat", 1.0), ("kite", 2.0)], []),
])
def test_more_or_less_of_a_thing_weighs_it_beside_the_cut(text, include, exclude):
    plan = parse_request(text, previous=parse_request(_BASE))
    assert [(q.text, q.weight) for q in plan.include] == include and [q.text for q in plan.exclude] == exclude


@pytest.mark.parametrize("text, sequence", [
    ("kite first then goat", ("kite", "goat", "dog")),  # was kite, dog, goat: the "then" went to the end
    ("open with the dog then the goat", ("dog", "goat", "kite")),
    ("end on the kite", ("goat", "dog", "kite")),
])
def test_what_follows_the_one_put_first_follows_it_at_once(text, sequence):
    plan = parse_request(text, previous=parse_request("the goat, the kite and the dog"))
    assert plan.sequence == sequence


@pytest.mark.parametrize("text, sequence", [("can the dog come before the goat", ("kite", "dog", "goat")),
                                            ("could the kite go last", ("goat", "dog", "kite"))])
def test_an_order_asked_as_a_question(text, sequence):
    plan = parse_request(text, previous=parse_request("the goat, the kite and the dog"))  # was a subject "can the dog"
    assert [q.text for q in plan.include] == ["goat", "kite", "dog"] and plan.sequence == sequence


@pytest.mark.parametrize("text, include, exclude", [
    ("change the kite to the dog", ["goat", "dog"], ["kite"]),  # was a subject "change the kite to the dog"
    ("swap out the kite for the dog", ["goat", "dog"], ["kite"]),
    ("instead of the goat use the dog", ["kite", "dog"], ["goat"]),
    ("keep the goat but lose the kite", ["goat"], ["kite"]),  # the length held (it was dropped)
])
def test_one_subject_for_another_keeps_the_rest(text, include, exclude):
    assert _after(text) == (include, exclude, 60.0)


@pytest.mark.parametrize("text, order, longest, target", [("change the order to reverse", "reverse", 60.0, None),
                                                          ("change the length to 2 minutes", "source", None, 120.0)])
def test_changing_the_order_or_the_length_names_no_subject(text, order, longest, target):
    plan = parse_request(text, previous=parse_request(_BASE))  # was a subject "change the order"
    assert [q.text for q in plan.include] == ["goat", "kite"] and plan.order == order
    assert (plan.duration.max, plan.duration.target) == (longest, target)


@pytest.mark.parametrize("text", ["go back to the film's order", "the film's order", "restore the order",
                                  "put them back in order", "put it back in order"])
def test_the_films_order_again_names_no_subject(text):
    plan = parse_request(text, previous=parse_request("the goat and the kite in reverse"))  # 'order' was a subject
    assert [q.text for q in plan.include] == ["goat", "kite"] and plan.order == "source"


@pytest.mark.parametrize("text, kind", [("undo the shuffle", "undo"), ("undo the swap", "undo"),
                                        ("let's have a look", "render"), ("take a look at it", "render"),
                                        ("that was better before", "undo"),  # was a subject "was better"
                                        ("the last one was better", "undo")])
def test_undoing_a_move_or_taking_a_look_is_a_command(text, kind):
    assert command_intent(text).kind == kind  # each was a new cut of its words


@pytest.mark.parametrize("text, n", [("go back to the first version", 1), ("back to the original cut", 1),
                                     ("revert to version 2", 2), ("the original cut was better", 1)])
def test_an_earlier_version_asked_for_by_its_number(text, n):
    intent = command_intent(text)
    assert (intent.kind, intent.segment) == ("version", n)
