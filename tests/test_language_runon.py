"""Run-on requests told as a story, orders without a subject, exclusions by attribute.

The parser's words come from films other than the dev films (trains, horses, a
lighthouse); one test per feature runs the real path on the sample film."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request
from cutbot.agent.positions import group_of, sizes_of


def _texts(queries) -> list[str]:
    return [q.text for q in queries]


def test_a_liked_list_asked_for_again_is_kept():
    plan = parse_request("so basically i'm making a little video for my nephew and he loves trains and "
                         "boats and tractors, can you grab those for me, around thirty seconds, and please "
                         "none of the rainy stuff")
    assert _texts(plan.include) == ["trains", "boats", "tractors"]
    assert _texts(plan.exclude) == ["rainy"]
    assert plan.duration.target == 30.0


def test_own_subjects_narrow_the_story_and_filler_verbs_go():
    plan = parse_request("ok so my daughter loves horses can you like pull together the bits with the pony "
                         "and the foal but honestly maybe fifteen seconds or so and dont put any of the "
                         "tractor stuff in")
    assert _texts(plan.include) == ["pony", "foal"]  # not "horses", not "like pull"
    assert _texts(plan.exclude) == ["tractor"]
    assert plan.duration.target == 15.0


def test_cant_stand_excludes_and_a_liked_subject_is_placed():
    plan = parse_request("hey so i want to send my grandad something short he likes the boats and the old "
                         "lighthouse on the cliff but he cant stand seagulls so none of that and can the "
                         "lighthouse come first")
    assert _texts(plan.exclude) == ["seagulls"]
    assert {q.text for q in plan.include} == {"boats", "lighthouse"}
    assert plan.sequence == ("lighthouse", "boats")


def test_a_moment_described_with_likes_is_not_the_story():
    plan = parse_request("the bit where she likes the cake")
    assert plan.include and "cake" in plan.include[0].text
    assert _texts(parse_request("the part they like the most").include) == ["they like the most"]


@pytest.mark.parametrize("request_, excluded", [
    ("leave out the furry ones", "mammals"),
    ("everything but the feathered animals", "birds"),
    ("cut the monochrome footage", "black and white"),
    ("leave out the greyscale stuff", "black and white"),
])
def test_an_attribute_or_a_look_is_excluded_as_what_it_names(request_, excluded):
    assert _texts(parse_request(request_).exclude) == [excluded]


def test_play_the_whole_thing_backwards_is_the_film_reversed():
    plan = parse_request("play the whole thing backwards")
    assert plan.include == () and plan.order == "reverse"


def test_a_subject_placed_inside_a_group_plays_in_its_own_place():
    sequence = ("people", "goalkeeper")
    pieces = [["people"], ["people", "goalkeeper"], ["people"], ["people", "goalkeeper"], ["people"]]
    sizes = sizes_of(pieces)
    assert group_of(["people", "goalkeeper"], sequence, sizes) == "goalkeeper"
    assert group_of(["people"], sequence, sizes) == "people"
    assert group_of(["people", "goalkeeper"], sequence) == "people"  # without sizes: first listed
    assert group_of(["sheep"], sequence, sizes) == "*"


@pytest.mark.slow
def test_a_story_request_on_the_real_film(indexed_sample, sample_film, sample_truth):
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap, scene_intervals, time_f1

    cut = Editor.load(sample_film).ask("so my nephew adores cats, can you grab those for me, but he "
                                       "can't stand rockets so none of that")
    predicted = [(s.start, s.end) for s in cut.segments]
    assert time_f1(predicted, scene_intervals(sample_truth, lambda s: "cat" in s["visible"])).f1 >= 0.8
    for scene in sample_truth["scenes"]:
        if "rocket" in scene["visible"]:
            assert overlap(predicted, [(scene["start"], scene["end"])]) <= 0.05


def test_not_too_long_without_a_length_is_no_change_to_ask_for():
    plan = parse_request("the horses but not too long")
    assert _texts(plan.include) == ["horses"] and plan.duration.target is None
    assert parse_request("the horses, not too long, about 20 seconds").duration.target == 20.0


@pytest.mark.parametrize("request_, kept, dropped", [
    ("things you can eat", ["things you can eat"], []),
    ("the whole market minus anything you can eat", [], ["anything you can eat"]),
    ("stuff you could drink", ["stuff you could drink"], []),
    ("the horses, the real one and the drawn one", ["horses"], []),
    ("the boats, the big ones and the small ones, under 20 seconds", ["boats"], []),
])
def test_things_said_by_their_use_or_their_kinds(request_, kept, dropped):
    plan = parse_request(request_)
    assert _texts(plan.include) == kept and _texts(plan.exclude) == dropped


@pytest.mark.parametrize("request_, kept, modality", [
    ("where they list off the ingredients", "ingredients", "speech"),
    ("when the guide runs through the prices", "prices", "speech"),
    ("the cricket commentary", "cricket", "speech"),
    ("that pic of the harbour at dawn", "harbour at dawn", "visual"),
])
def test_ways_of_saying_and_showing(request_, kept, modality):
    (q,) = parse_request(request_).include
    assert (q.text, q.modality) == (kept, modality)


def test_who_told_the_viewer_is_not_a_line_said():
    plan = parse_request("my brother told me there's a part where they talk about trains, can u find it")
    assert [(q.text, q.modality, q.exact) for q in plan.include] == [("trains", "speech", False)]
    plan = parse_request("so my friend said there's a bit where they talk about the harvest, can you pull that out")
    assert [(q.text, q.modality) for q in plan.include] == [("harvest", "speech")]
    said = parse_request("the bit where she said there's a storm coming").include
    assert said[0].exact and said[0].text == "there's a storm coming"


@pytest.mark.parametrize("request_, kept", [
    ("what the chef says at the end", ("chef", False)),
    ("where he says in the end we all lose", ("in the end we all lose", True)),
    ("the line where she says after the rain comes the sun", ("after the rain comes the sun", True)),
])
def test_where_in_the_film_after_a_saying_verb_is_not_the_words(request_, kept):
    (q,) = parse_request(request_).include
    assert (q.text, q.exact) == kept


def test_a_window_after_says_is_a_window():
    plan = parse_request("what the skipper says in the first minute")
    assert plan.window.end == 60.0 and not plan.include[0].exact
