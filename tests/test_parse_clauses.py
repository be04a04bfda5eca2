"""Clauses of a request that ask for nothing or say where, not what (issue #11, the language
side): a whole place is a subject, "right at the end" is the end, "don't mind which" and "real
or fake" narrow nothing. General English, written for no benchmark film."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request


@pytest.mark.parametrize("text, include", [
    ("shots from the air looking down on a whole town", ["air looking down on a whole town"]),  # a subject
    ("aerial views over the whole city please", ["aerial views over the whole city"]),
])
def test_a_whole_thing_after_a_or_a_place_word_is_a_subject_not_the_film(text, include):
    assert [q.text for q in parse_request(text).include] == include


def test_the_whole_film_by_its_own_name_is_still_everything():
    assert [q.text for q in parse_request("the whole gallery without the dogs").exclude] == ["dogs"]
    plan = parse_request("a one-minute version of the whole gallery")
    assert not plan.include and plan.duration.target == 60.0


@pytest.mark.parametrize("text, window", [
    ("people walking, the one right at the end", {"fraction_start": 0.6667}),
    ("the cat, the one right at the start", {"fraction_end": 0.3333}),
    ("the bit just in the middle", {"fraction_start": 0.3333, "fraction_end": 0.6667}),
])
def test_right_at_the_end_is_the_end(text, window):
    plan = parse_request(text)
    assert plan.window.model_dump(exclude_defaults=True) == window
    assert all("right" not in q.text and "just" not in q.text for q in plan.include)


@pytest.mark.parametrize("text, include", [
    ("monkeys - real or fake, don't mind", ["monkeys"]),  # every style, and a clause that asks nothing
    ("the monkeys, real or cartoon, don't mind which", ["monkeys"]),
    ("the cats, I don't mind which", ["cats"]),
])
def test_what_the_viewer_does_not_mind_asks_for_nothing(text, include):
    assert [q.text for q in parse_request(text).include] == include


def test_flesh_and_blood_people_are_real_people_in_one_subject():
    plan = parse_request("flesh and blood humans only, none of the drawn ones")
    assert [(q.text, q.who) for q in plan.include] == [("flesh and blood humans", "anyone")]
    assert [(q.text, q.who) for q in plan.exclude] == [("drawn people", "anyone")]


@pytest.mark.parametrize("text, include", [
    ("just the shot where we are right up close on the astronauts face", ["close-ups on the astronauts"]),
    ("the cat right up close", ["close-ups on the cat"]),  # "right" is how close, not a thing
    ("for my year 5 class only the bits where there's a bike", ["bike"]),
    ("every shot where theres a bicycle, even if its just parked in the background", ["bicycle"]),  # a concession
    ("sorry for the long message, the cat please", ["cat"]),  # an apology
    ("my little brother watched it yesterday, he wants to see the rabbit again", ["rabbit"]),  # who saw it
])
def test_asides_around_a_request_are_not_subjects(text, include):
    assert [q.text for q in parse_request(text).include] == include


def test_an_apology_is_no_subject_but_a_word_said_is():
    assert [q.text for q in parse_request("Hiya, long one sorry. the bit where they plan the trip").include] == [
        "they plan the trip"]
    assert [(q.text, q.modality) for q in parse_request("the bit where she says sorry").include] == [("sorry", "speech")]


@pytest.mark.parametrize("text, include", [
    ("everything said by the guy in the hat", [("guy in the hat while speaking", "person")]),  # his lines
    ("whatever's said by nora", [("nora says", "any")]),
    ("the line that goes let it boil", [("let it boil", "speech")]),  # a line said is still the words
])
def test_said_by_someone_is_their_lines_not_a_quote(text, include):
    assert [(q.text, q.modality) for q in parse_request(text).include] == include


def test_shots_of_him_in_an_exclusion_are_the_shots_of_the_one_asked():
    plan = parse_request("all of Max except the cartoon shots of him")
    assert [q.text for q in plan.include] == ["Max"] and [q.text for q in plan.exclude] == ["cartoon"]
    assert [q.text for q in parse_request("the shots of her at the start").include] == ["her"]  # a pronoun asked


@pytest.mark.parametrize("text, include", [
    ("lena's lines, but skip the ones where we can see her", "lena's lines while off screen"),
    ("owen's lines but drop the ones where he's on screen", "owen's lines while off screen"),
    ("dan's lines, cut the parts where he is on camera", "dan's lines while off screen"),
    ("owen's lines, skip the ones where he's off screen", "owen's lines while in sight"),  # two negations
])
def test_a_verb_that_leaves_out_turns_a_clause_of_sight(text, include):
    plan = parse_request(text)
    assert [q.text for q in plan.include] == [include] and not plan.exclude


@pytest.mark.parametrize("text, include, exclude", [
    ("she also likes cats so put the cat in", ["cat"], []),  # what she likes, asked again
    ("she really just can't stand clowns, the dogs please", ["dogs"], ["clowns"]),
    ("Hiya, long one sorry. My mum wants to see the bit where they plan the summer trip. She also likes cats "
     "so put the cat in too. Thanks!", ["they plan the summer trip", "cats"], []),  # her wish is the request
    ("she can't stand the bloke in the bow tie so none of him please, the cat", ["cat"], ["bloke in the bow tie"]),
    ("she gets bored easily, so under 45 seconds of the cat", ["cat"], []),  # why it is short
    ("my son has a short attention span so keep it under a minute, dogs only", ["dogs"], []),
    ("when he says he's bored", ["bored"], []),  # a line said, not the story
    ("my daughter is five and loves horses", ["horses"], []),  # her age and taste, no line of the film
    ("he finds the clowns creepy, the dogs please", ["dogs"], ["clowns"]),
    ("Hi! So I'm putting something together for my nephew, he's 6 and obsessed with rockets. Could you grab the "
     "rocket shots, but leave out the close-up of her face (he finds faces up close creepy, don't ask).",
     ["rocket"], ["close-up on her face", "close-ups on the faces"]),
])
def test_the_story_around_a_request_reads_its_adverbs_and_wishes(text, include, exclude):
    plan = parse_request(text)
    assert [q.text for q in plan.include] == include and [q.text for q in plan.exclude] == exclude


def test_a_subject_named_twice_in_two_numbers_is_one_subject():
    plan = parse_request("cat and rocket, cats first")
    assert [q.text for q in plan.include] == ["cat", "rocket"] and plan.sequence == ("cat", "rocket")


def test_anyone_is_one_pattern_for_the_parser_and_the_search():
    from cutbot.agent import people, person_phrases, search
    assert search.ANYONE is person_phrases.ANYONE and people.ANYONE is person_phrases.ANYONE
    plan = parse_request("both humans in this, nothing else")
    assert [(q.text, q.modality, q.who) for q in plan.include] == [("both humans", "person", "anyone")]
    assert not person_phrases.ANYONE.match("the man in the hat")  # a description picks one person
    assert not person_phrases.ANYONE.match("the crowd")  # a sight


@pytest.mark.parametrize("text, include, exclude", [
    ("drop the cartoon bunny, keep everything else as is", [], ["cartoon bunny"]),  # "as is" asks nothing
    ("i need roughly 20 seconds of the astronaut for a school slide, thanks so much", ["astronaut"], []),  # its use
    ("the last minute, i missed the ending", [], []),  # why, not what
    ("play the whole film backwards (scene order i mean, not reversed video)", [], []),
    ("ok so my mum wants to watch this but she finds cartoons annoying so could you give her all of it minus the "
     "animated scenes", [], ["animated", "cartoons"]),
    ("hana's bits on the phone", ["hana's"], []),  # her lines: the phone is how she talks
    ("the whole conversation but cut out the silent bits", ["talk"], ["no speech"]),  # "cut out X" is an order
    ("the dog cut out", [], ["dog"]),  # a trailing participle still drops what it follows
    ("every clara line except the kitchen ones, I'm sick of hearing about that kitchen honestly", ["clara"], ["kitchen"]),
    ("only the bits where nora talks and felix doesn't say anything", ["nora"], ["felix"]),
])
def test_what_the_viewer_says_around_the_request_is_no_subject(text, include, exclude):
    plan = parse_request(text)
    assert [q.text for q in plan.include] == include and [q.text for q in plan.exclude] == exclude


def test_whatever_is_on_screen_in_a_window_is_the_film_there():
    plan = parse_request("whatever is on screen from 1:30 to 2:00")
    assert not plan.include and (plan.window.start, plan.window.end) == (90.0, 120.0)


def test_a_count_said_for_each_subject_picks_each_its_own():
    plan = parse_request("both bike clips and then both rocket clips after them")
    assert [q.text for q in plan.include] == ["bike", "rocket"] and plan.match == "any"
    assert [(p.n, p.of) for p in (plan.pick, *plan.more_picks)] == [(2, "bike"), (2, "rocket")]  # was no count
    assert parse_request("the first two dog scenes").pick.n == 2  # one count still picks


@pytest.mark.parametrize("text, include", [
    ("felix talking while we see the man in the car", ["felix talking", "man in the car"]),
    ("hana on the phone while we're looking at fruit", ["hana on the phone", "fruit"]),
])
def test_what_we_see_while_someone_talks_is_both_at_once(text, include):
    plan = parse_request(text)
    assert [q.text for q in plan.include] == include and plan.match == "all"


@pytest.mark.parametrize("text, include, sequence", [
    ("the animals with the dog first", ["animals", "dog"], ("dog", "animals")),
    ("wedding bits with the wedding day itself first", ["wedding", "wedding day itself"],
     ("wedding day itself", "wedding")),
    ("the cat scenes with the close-up one last", ["cat", "close-up"], ("cat", "close-up")),
    ("the man with the hat first, then the woman", ["man with the hat", "woman"], ("man with the hat", "woman")),
])
def test_a_member_placed_inside_its_group_orders_the_group(text, include, sequence):
    plan = parse_request(text)  # a plural's member is placed; a singular's "with" describes it
    assert [q.text for q in plan.include] == include and plan.sequence == sequence


@pytest.mark.parametrize("text, include", [
    ("both of the trip chats - put the lisbon one first even tho its later", ["trip", "lisbon"]),
    ("the railway bits - a train leaving, a train running late", ["railway", "train leaving", "train running late"]),
    ("the 1:30-2:00 part", []),  # a range, not a clause
])
def test_a_spaced_dash_sets_off_a_clause_and_a_concession_is_no_subject(text, include):
    assert [q.text for q in parse_request(text).include] == include


@pytest.mark.parametrize("text, include", [
    ("the office photo with leo and sami", ["office photo with leo and sami"]),  # one picture of both
    ("the selfie with anna and ben, and the dog", ["selfie with anna and ben", "dog"]),
    ("the photo with the dog and the cat", ["dog", "cat"]),  # "and the cat" may be a second subject: not joined
])
def test_a_picture_with_two_people_is_one_subject(text, include):
    assert [q.text for q in parse_request(text).include] == include


def test_a_picture_showing_two_people_is_one_subject():
    [one] = parse_request("the wedding picture showing grandpa and grandma").include
    assert "grandpa and grandma" in one.text


@pytest.mark.parametrize("text, include, exclude", [
    ("kite-free goat compilation", ["goat"], ["kite"]),  # was a drop of "kite goat"
    ("a kite-free cut of the goat", ["goat"], ["kite"]),
    ("can u do like a 30 sec goat thing", ["goat"], []),  # was a subject "do like a"
    ("the best goat moments", ["goat"], []),  # was "best goat"
    ("top goat moments", ["goat"], []),
])
def test_casual_ways_of_asking_keep_only_the_subject(text, include, exclude):
    plan = parse_request(text)
    assert [q.text for q in plan.include] == include and [q.text for q in plan.exclude] == exclude


def test_the_best_few_moments_stay_a_count():
    assert parse_request("the best two moments").pick.n == 2
