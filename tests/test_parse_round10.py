"""Phrasings of our own for the parse rules of the tenth round: "put X and Y together" makes a
cut of both (not both in one shot); "just the real ones" is real-life (photographed or filmed); the kinds of
one subject listed after a dash; a "but" that only brings a length; "who's doing the talking"
is talk; a voice that "rattles off" something says it; a hedged "-ish" word; a saga or thread
of a topic is its talk."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request


def _texts(text: str) -> list[str]:
    return [q.text for q in parse_request(text).include]


@pytest.mark.parametrize("request_", ["put the owl and the fox shots together", "stitch the owl and the fox together"])
def test_putting_two_subjects_together_is_a_cut_of_both(request_):
    plan = parse_request(request_)
    assert plan.match == "any" and _texts(request_) == ["owl", "fox"]


def test_together_alone_still_means_both_at_once():
    assert parse_request("the owl and the fox together").match == "all"


@pytest.mark.parametrize("request_", ["the horses, only the real ones", "the horses, just the real ones tho",
                                      "the horses, real ones only"])
def test_the_real_ones_are_real_life(request_):
    assert _texts(request_) == ["horses", "real-life"]


def test_but_only_the_real_ones_narrows_the_subject():
    plan = parse_request("horses but only real ones, not the drawing")
    assert _texts("horses but only real ones") == ["horses", "real-life"] and plan.match == "all"


@pytest.mark.parametrize("request_", ["parrots - the real one and the drawn one", "parrots: the real one and the drawn one"])
def test_kinds_of_one_subject_after_a_dash_are_that_subject(request_):
    assert _texts(request_) == ["parrots"]


@pytest.mark.parametrize("request_", ["every line from ruth but keep it under a minute", "every line from ruth but under a minute"])
def test_a_but_that_only_brings_a_length_keeps_the_subject_whole(request_):
    plan = parse_request(request_)
    assert _texts(request_) == ["ruth says"] and plan.duration.max == 60.0


@pytest.mark.parametrize("request_", ["who's doing the talking in the last minute", "who is talking in the first 30 seconds"])
def test_who_is_talking_in_a_window_is_the_talk_there(request_):
    plan = parse_request(request_)
    assert [(q.text, q.modality) for q in plan.include] == [("talk", "speech")] and plan.window is not None


def test_who_is_talking_about_a_topic_is_still_the_topic():
    assert [(q.text, q.modality) for q in parse_request("who's talking about the harvest").include] == [("harvest", "speech")]


@pytest.mark.parametrize("request_, topic", [("the bits where a voice just rattles off phone numbers", "phone numbers"),
                                            ("when someone reels off the train times", "train times")])
def test_a_voice_rattling_something_off_says_it(request_, topic):
    assert [(q.text, q.modality) for q in parse_request(request_).include] == [(topic, "speech")]


def test_a_hedged_word_is_the_word():
    assert _texts("the gardening-ish part") == ["gardening"]
    assert parse_request("forty-ish seconds of the horses").duration.target == 40.0  # a length stays a length


@pytest.mark.parametrize("request_, topic", [("the harvest saga", "harvest"), ("the whole harvest storyline", "harvest"),
                                            ("the harvest thread", "harvest")])
def test_a_saga_or_thread_of_a_topic_is_the_topic(request_, topic):
    assert _texts(request_) == [topic]


@pytest.mark.parametrize("request_", ["the owl shot where they talk about rain, not the other owl one",
                                      "the close-up of the owl, not the other one"])
def test_not_the_other_one_drops_nothing(request_):
    assert parse_request(request_).exclude == ()


def test_veg_is_vegetable():
    assert _texts("anything about her veg patch") == ["her vegetable patch"]


@pytest.mark.parametrize("request_, query", [("just the brother talking", "brother says"),
                                            ("the stuff felix's sister says", "felix's sister says"),
                                            ("every line felix has, pls", "felix says"),
                                            ("all the lines the aunt gets", "aunt says")])
def test_a_relative_talking_or_a_speaker_s_lines_ask_for_a_voice(request_, query):
    assert _texts(request_) == [query]


def test_a_plain_person_talking_stays_the_person():
    assert _texts("when the woman is talking") == ["woman"]


@pytest.mark.parametrize("request_, thing", [("the aerial views of the lighthouse", "lighthouse"),
                                            ("bird's-eye views of the harbour", "harbour"),
                                            ("the overhead shots of the market", "market"),
                                            ("the aerial establishing shot of the harbour", "harbour")])
def test_how_the_camera_looks_is_no_part_of_the_thing(request_, thing):
    assert [(q.text, q.modality) for q in parse_request(request_).include] == [(thing, "visual")]


@pytest.mark.parametrize("request_", ["the close-up shots of the owl", "close-up shot of the owl", "the close-up of the owl"])
def test_a_close_up_shot_of_a_thing_is_its_close_up(request_):
    assert _texts(request_) == ["close-up on the owl"]


@pytest.mark.parametrize("request_", ["the bits where nobody says a word", "where no one says a thing",
                                      "the two shots where nobody says a thing", "where nobody utters a word"])
def test_nobody_saying_a_word_is_silence(request_):
    assert [q.modality for q in parse_request(request_).include] == ["silence"]


def test_a_line_that_opens_with_nobody_is_still_a_line():
    assert _texts("nobody expects the quiet librarian") == ["nobody expects the quiet librarian"]


@pytest.mark.parametrize("request_", ["everything except the two owl shots", "keep it all except the two shots where nobody says a thing"])
def test_a_count_in_what_is_dropped_keeps_the_rest_of_the_film(request_):
    plan = parse_request(request_)  # the count stays: the planner applies it to what is dropped
    assert plan.include == () and len(plan.exclude) == 1 and plan.pick.n == 2
