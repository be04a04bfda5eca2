"""The formal register and an editor's trade words (issue #11), said in the grammar's plain words."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request
from cutbot.agent.errors import PlanError


def _read(text: str):
    plan = parse_request(text)
    return [q.text for q in plan.include], [q.text for q in plan.exclude], plan.duration.model_dump(exclude_none=True)


@pytest.mark.parametrize("text, include, exclude", [
    ("The inclusion of the lighthouse is desired.", ["lighthouse"], []),
    ("Removal of every shot of the tractor is requested.", [], ["tractor"]),
    ("The ferry shots are to be retained.", ["ferry"], []),
    ("The gulls are to be removed.", [], ["gulls"]),
    ("Selection of the harbour is requested, with the crane excluded.", ["harbour"], ["crane"]),
    ("Removal of everything except the kites is requested.", ["kites"], []),
    ("Pull selects on the kettle inserts.", ["kettle"], []),
    ("Full timeline minus the tugboat.", [], ["tugboat"]),
])
def test_the_formal_and_the_editors_words_keep_and_drop_as_said(text, include, exclude):
    inc, exc, _ = _read(text)
    assert (inc, exc) == (include, exclude)


def test_dead_air_is_silence_and_tighten_is_a_ceiling():
    plan = parse_request("Full timeline minus the dead air.")
    assert [(q.text, q.modality) for q in plan.exclude] == [("no speech", "silence")]
    assert _read("Tighten the regatta to 25.")[2]["max"] == 25.0


@pytest.mark.parametrize("text", ["Tighten to 20, but nothing shorter than 40.", "the kites, at most 20 s, not under 1 min"])
def test_a_floor_over_the_ceiling_is_refused(text):
    with pytest.raises(PlanError, match="contradictory length"):
        parse_request(text)


def test_no_less_than_is_a_floor():
    assert parse_request("the kites, no less than 2 min").duration.min == 120.0


@pytest.mark.parametrize("text, include", [
    ("whatever is said over the lighthouse", ["lighthouse", "talk"]),
    ("the commentary over the regatta shot", ["regatta", "talk"]),
    ("what they say over the harbour at dusk", ["harbour at dusk", "talk"]),
])
def test_the_talk_over_a_picture_is_that_picture_while_someone_talks(text, include):
    plan = parse_request(text)
    assert [q.text for q in plan.include] == include and plan.match == "all"


@pytest.mark.parametrize("text", ["they talk over each other", "Tom's voice over other pictures"])
def test_talk_over_no_picture_is_left_as_it_was(text):
    assert parse_request(text).match == "any"


@pytest.mark.parametrize("text, include, exclude", [
    ("skip anything without the goat in it", ["goat"], []),
    ("cut the scenes where there's no goat", ["goat"], []),
    ("drop all the shots without the dog", ["dog"], []),
    ("nothing without the goat", ["goat"], []),
    ("don't show me anything without the goat", ["goat"], []),
    ("the dog without the cat", ["dog"], ["cat"]),  # a plain leaving-out stays one
])
def test_leaving_out_what_lacks_a_thing_keeps_only_that_thing(text, include, exclude):
    inc, exc, _ = _read(text)
    assert (inc, exc) == (include, exclude)


@pytest.mark.parametrize("text", ["skip the shots with nobody in them", "no empty shots", "cut the b-roll",
                                  "no scenes where nobody is on screen"])
def test_leaving_out_the_empty_shots_keeps_the_people(text):
    plan = parse_request(text)
    assert [(q.text, q.who) for q in plan.include] == [("people", "anyone")] and not plan.exclude


def test_the_empty_shots_are_the_shots_with_nobody_in_them():
    assert [(q.text, q.who) for q in parse_request("the empty shots").exclude] == [("people", "anyone")]


@pytest.mark.parametrize("text, include, exclude", [
    ("drop the goat, he's boring", [], ["goat"]),
    ("leave out the sheep, they're so annoying", [], ["sheep"]),
    ("keep the dog, she's great", ["dog"], []),
    ("the bits where he's funny", ["funny"], []),  # said of the film, not of a subject named before
])
def test_an_opinion_of_a_subject_is_no_subject(text, include, exclude):
    inc, exc, _ = _read(text)
    assert (inc, exc) == (include, exclude)


@pytest.mark.parametrize("text, include", [
    ("the first and last scenes", ["first scene", "last scene"]),
    ("first and last shots", ["first shot", "last shot"]),
    ("the opening and closing scenes", ["opening scene", "closing scene"]),
    ("the 2nd and 4th scenes", ["second scene", "4th scene"]),
    ("the fifth shot", ["fifth shot"]),
])
def test_two_places_share_their_unit(text, include):
    assert _read(text)[0] == include


@pytest.mark.parametrize("text, topic", [("who talks about the weather", "weather"), ("who mentions the goat", "goat"),
                                         ("whatever they say about goats", "goats")])
def test_who_talks_about_it_is_the_talk_about_it(text, topic):
    assert [(q.text, q.modality) for q in parse_request(text).include] == [(topic, "speech")]


@pytest.mark.parametrize("text", ["can you cut it down to half", "trim it to half its length", "cut it by half"])
def test_cutting_it_to_half_halves_the_length(text):
    base = parse_request("the goat, under 2 minutes")
    assert parse_request(text, previous=base).duration.max == 60.0


@pytest.mark.parametrize("text, include", [
    ("anything that's got a goat", ["goat"]),
    ("the parts that feature the goat", ["goat"]),
    ("shots that contain the goat", ["goat"]),
    ("what's the story with the coins", ["coins"]),
])
def test_what_has_a_thing_is_that_thing(text, include):
    assert _read(text)[0] == include


@pytest.mark.parametrize("text", ["everything up until the cartoon", "all of it up till the cartoon",
                                  "everything right up to the cartoon", "everything til the cartoon"])
def test_up_until_a_thing_is_the_film_before_it(text):
    plan = parse_request(text)
    assert plan.window is not None and plan.window.before == "cartoon" and not plan.include


@pytest.mark.parametrize("text, person", [
    ("whoever is in the last scene", "person in the last scene"),
    ("whoever appears in the second scene", "person in the second scene"),
    ("the guy from the very first scene", "guy from the first scene"),
])
def test_whoever_is_in_a_placed_scene_is_the_person_there(text, person):
    assert [(q.text, q.who) for q in parse_request(text).include] == [(person, "described")]


@pytest.mark.parametrize("text, length", [
    ("keep it around the 2 minute mark, all about the goat", {"target": 120.0}),
    ("keep it under the 90-second mark", {"max": 90.0}),
    ("make it close to the two-minute mark", {"target": 120.0}),
])
def test_keeping_it_around_a_mark_is_its_length(text, length):
    plan = parse_request(text)
    assert plan.window is None and {k: v for k, v in plan.duration.model_dump(exclude_none=True).items()
                                     if k != "tolerance"} == length


def test_a_subject_around_a_mark_is_still_a_place():
    assert parse_request("the goat around the 2 minute mark").window is not None


@pytest.mark.parametrize("text, exclude", [("cut the bit at the end", ["last scene"]), ("lose the ending", ["last scene"]),
                                           ("cut the intro", ["first scene"]), ("drop the end credits", ["end credits"])])
def test_leaving_out_an_edge_of_the_film_leaves_out_that_scene(text, exclude):
    plan = parse_request(text)
    assert [q.text for q in plan.exclude] == exclude and plan.window is None


def test_no_talking_heads_leaves_out_the_faces_and_boring_empty_shots_keep_them():
    assert [q.text for q in parse_request("everything, no talking heads").exclude] == ["people"]
    assert [q.text for q in parse_request("skip the boring empty shots").include] == ["people"]


@pytest.mark.parametrize("text", ["a montage of the goats set to the original audio", "the goat clips, keep the sound",
                                  "the goat in HD", "the goat scenes with the original sound, in 4k"])
def test_the_films_own_sound_and_picture_name_no_subject(text):
    assert [q.text for q in parse_request(text).include] in (["goat"], ["goats"])


@pytest.mark.parametrize("text, granularity, padding", [
    ("every goat moment, trimmed tight", "moment", 0.0),
    ("tighter cuts on the goat", "moment", 0.0),
    ("the goat, leaving plenty of room around each clip", "scene", 2.0),
    ("the goat scenes, loosely cut", "scene", 2.0),
    ("give each goat clip some breathing room", "scene", 2.0),
])
def test_how_tight_each_clip_is_said_in_other_words(text, granularity, padding):
    plan = parse_request(text)
    assert ([q.text for q in plan.include], plan.granularity, plan.padding) == (["goat"], granularity, padding)


@pytest.mark.parametrize("text, include, sequence, order", [
    ("first up the goat, then the kite", ["goat", "kite"], ("goat", "kite"), "source"),
    ("the goat, then back to the kite", ["goat", "kite"], ("goat", "kite"), "source"),
    ("start off with the goat", ["goat"], (), "source"),
    ("the goat as the opener", ["goat"], (), "source"),
    ("mix the goats and kites together", ["goats", "kites"], (), "source"),
    ("alternate between the goat and the kite", ["goat", "kite"], (), "source"),
    ("the kite, from the end backwards", ["kite"], (), "reverse"),
])
def test_the_order_said_in_other_words(text, include, sequence, order):
    plan = parse_request(text)
    assert ([q.text for q in plan.include], tuple(plan.sequence), plan.order) == (include, sequence, order)


@pytest.mark.parametrize("text, person", [("anyone wearing glasses", "person wearing glasses"),
                                          ("someone holding a kite", "person holding a kite")])
def test_anyone_so_dressed_is_the_person_described(text, person):
    assert [(q.text, q.who) for q in parse_request(text).include] == [(person, "described")]


@pytest.mark.parametrize("text, include, sequence, order", [
    ("the goat from latest to earliest", ["goat"], (), "reverse"),  # was a window from 'latest' until 'earliest'
    ("the goat, newest to oldest", ["goat"], (), "reverse"),
    ("the kite from earliest to latest", ["kite"], (), "source"),
    ("goat \u2192 kite \u2192 dog", ["goat", "kite", "dog"], ("goat", "kite", "dog"), "source"),
    ("goat -> kite", ["goat", "kite"], ("goat", "kite"), "source"),
])
def test_an_order_said_as_a_range_or_arrows(text, include, sequence, order):
    plan = parse_request(text)
    assert ([q.text for q in plan.include], plan.sequence, plan.order) == (include, sequence, order)


@pytest.mark.parametrize("text, anchor", [("skip to the goat", "goat"), ("jump straight to the kite", "kite")])
def test_skipping_to_a_subject_plays_from_it_on(text, anchor):
    plan = parse_request(text)  # was "leave out 'to the goat'"
    assert plan.include == () and plan.exclude == () and plan.window.anchor_words() == f"from '{anchor}'"


@pytest.mark.parametrize("text, include, longest", [
    ("show me the goat then stop", ["goat"], None), ("the goat and that's it", ["goat"], None),
    ("the goat but cut off at 2 minutes", ["goat"], 120.0), ("cut it off after 90 seconds", [], 90.0),
])
def test_stopping_words_name_no_subject_and_cut_off_at_is_a_length(text, include, longest):
    plan = parse_request(text)
    assert [q.text for q in plan.include] == include and plan.exclude == () and plan.duration.max == longest


@pytest.mark.parametrize("text", ["when does the goat come up in conversation", "the conversation where they disagree about the goat",
                                  "the chat where they talk about the goat", "where they debate the goat"])
def test_a_conversation_about_a_thing_is_talk_about_it(text):
    assert [(q.text, q.modality) for q in parse_request(text).include] == [("goat", "speech")]


@pytest.mark.parametrize("text, least, most", [
    ("at least a minute but no more than two", 60.0, 120.0),  # was "at least", "than two" as subjects
    ("at least 1 minute but under 2", 60.0, 120.0),  # was "at most 2 s": a contradiction
    ("more than a minute but less than two", 60.0, 120.0),
    ("no less than 30 seconds and no more than 45", 30.0, 45.0),
])
def test_a_bare_number_closing_a_length_takes_the_unit_said_before_it(text, least, most):
    plan = parse_request(text)
    assert (plan.duration.min, plan.duration.max) == (least, most) and plan.include == ()


def test_a_trailer_for_a_subject_is_of_it():
    plan = parse_request("a trailer for the kite")
    assert [q.text for q in plan.include] == ["kite"] and plan.pacing == "trailer"


@pytest.mark.parametrize("text, include, exclude", [
    ("absolutely no kites", [], ["kites"]),  # was a subject "absolutely"
    ("spare me the goat", [], ["goat"]),
    ("not interested in the kite", [], ["kite"]),  # was leaving out "interested in the kite"
    ("i'm not a fan of the goat", [], ["goat"]),
    ("the goat, i could do without the kite", ["goat"], ["kite"]),
    ("get the kite out of there", [], ["kite"]),  # was "nothing to keep, drop or a length"
    ("keep the kite out", [], ["kite"]),  # was a subject "kite out"
    ("the goat is annoying, remove it", [], ["goat"]),
    ("the kites are boring so cut them", [], ["kites"]),
    ("the goat was great, keep it", ["goat"], []),
    ("the kite is lovely, leave it in", ["kite"], []),
    ("zero gravity scenes", ["zero gravity"], []),
])
def test_leaving_out_and_keeping_said_in_other_words(text, include, exclude):
    inc, exc, _ = _read(text)
    assert (inc, exc) == (include, exclude)


@pytest.mark.parametrize("text", ["scenes where someone is speaking on camera", "people talking to the camera",
                                  "when someone talks on screen", "someone speaking into the camera"])
def test_someone_talking_on_camera_is_anyone_seen_while_talk_is_heard(text):
    plan = parse_request(text)  # was a spoken topic "sight" or "to the camera"
    assert [(q.text, q.modality) for q in plan.include] == [("people", "person"), ("talk", "speech")]
    assert plan.match == "all"


def test_anybody_on_camera_is_anyone_on_screen():
    assert [(q.text, q.modality) for q in parse_request("anybody on camera").include] == [("anybody", "person")]


@pytest.mark.parametrize("text, include", [
    ("what's the goat doing", [("goat", "any")]),  # was a subject "goat doing"
    ("does the kite appear", [("kite", "visual")]),  # was "does the kite"
    ("how many times does the goat show up", [("goat", "visual")]),
    ("i need goat b-roll", [("goat", "any")]),  # was "goat the", leaving out the people
    ("a goat or two", [("goat", "any")]),  # was "goat" and "two"
])
def test_a_question_or_an_amount_asks_for_the_thing(text, include):
    assert [(q.text, q.modality) for q in parse_request(text).include] == include


def test_mostly_one_thing_with_some_of_another_weighs_them():
    plan = parse_request("mostly goat with some kite")
    assert [(q.text, q.weight) for q in plan.include] == [("goat", 2.0), ("kite", 0.5)]


@pytest.mark.parametrize("text, include", [
    ("the ending scene", ["last scene"]),  # was a subject "ending"
    ("the start and the end", ["first scene", "last scene"]),  # were subjects "start" and "end"
    ("the beginning and end of the film", ["first scene", "last scene"]),
    ("the start and end credits", ["start", "end credits"]),
])
def test_the_edges_of_the_film_said_as_words_are_its_first_and_last_scenes(text, include):
    assert [q.text for q in parse_request(text).include] == include


@pytest.mark.parametrize("text, include, exclude", [
    ("ok here's what i need: goat scenes, no kite, under a minute", ["goat"], ["kite"]),  # was a subject "here's what"
    ("yes to the goat, no to the kite", ["goat"], ["kite"]),  # was "yes to the goat" and leaving out "to the kite"
])
def test_the_asking_and_a_yes_and_a_no(text, include, exclude):
    inc, exc, _ = _read(text)
    assert (inc, exc) == (include, exclude)


@pytest.mark.parametrize("text", ["the goat and its context", "the goat plus whatever's around it"])
def test_what_is_around_a_subject_is_its_lead_in(text):
    plan = parse_request(text)  # were subjects "its" and "whatever's around"
    assert [q.text for q in plan.include] == ["goat"] and plan.padding == 2.0


@pytest.mark.parametrize("text", ["put them in order of what happened", "in story order", "in the right order"])
def test_the_order_things_happened_in_is_the_films(text):
    plan = parse_request(text, previous=parse_request("the goat and the kite, newest first"))
    assert [q.text for q in plan.include] == ["goat", "kite"] and plan.order == "source"  # was "nothing matches 'happened'"


@pytest.mark.parametrize("text, subject", [
    ("get rid of everything except the goat", "goat"), ("remove everything but the dog", "dog"),  # had LEFT OUT the one named
    ("drop all but the goat", "goat"), ("skip everything other than the goat", "goat"),
    ("don't show anything except the goat", "goat"),
])
def test_leaving_out_everything_but_one_thing_keeps_only_it(text, subject):
    assert _read(text)[:2] == ([subject], [])


def test_everything_but_one_thing_still_leaves_it_out():
    assert _read("everything except the goat")[:2] == ([], ["goat"])


@pytest.mark.parametrize("text, include, exclude", [
    ("nothing except the goat", ["goat"], []),  # had left the goat out
    ("don't cut the kite", ["kite"], []),  # had left the kite out
    ("don't lose the goat scenes", ["goat"], []),
    ("leave the kite in", ["kite"], []),
    ("make sure the goat is in it", ["goat"], []),
    ("the goat must be in it", ["goat"], []),
    ("it has to have the goat", ["goat"], []),
    ("be sure to include the goat", ["goat"], []),
    ("not a single kite", [], ["kite"]),  # was leaving out a "single kite"
])
def test_keeping_said_through_a_negation_or_a_demand(text, include, exclude):
    assert _read(text)[:2] == (include, exclude)


def test_dont_cut_scenes_short_is_still_whole_scenes():
    plan = parse_request("the goat, don't cut the scenes short")
    assert [q.text for q in plan.include] == ["goat"] and plan.granularity == "scene"


@pytest.mark.parametrize("text, exclude", [("the whole thing but not the ending", ["last scene"]),  # was a subject "ending"
                                           ("everything except the end", ["last scene"]),
                                           ("the film without the intro and the credits", ["credits", "first scene"])])
def test_an_edge_of_the_film_left_out_with_not_or_without(text, exclude):
    assert _read(text)[:2] == ([], exclude)
