"""Reading windows and group orders in their common grammatical forms (issue #11).

Nouns here are placeholders (cat, dog, bird): the rules are forms of English, never the
words of one film. Each case is the plan the rule parser writes; the planner's use of the
plan is tested in test_fill_order.py and test_planner*.py.
"""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request


def _window(text: str) -> tuple:
    w = parse_request(text).window
    return (w.start, w.end, w.fraction_start, w.fraction_end) if w else None


@pytest.mark.parametrize("text, window", [
    # a minute named by its number: the Nth minute is a stretch, "minute N" alone a point
    ("the dog in minute 2", (60.0, 120.0, None, None)),
    ("the dog during minute three", (120.0, 180.0, None, None)),
    ("the dog after minute two", (120.0, None, None, None)),
    ("the dog before minute two", (None, 120.0, None, None)),
    # one edge of the window is the film's own
    ("the dog from 1:30 to the end", (90.0, None, None, None)),
    ("the dog from 2 minutes on to the end of the film", (120.0, None, None, None)),
    ("the cat from the start to 1:00", (None, 60.0, None, None)),
    ("the cat from the beginning until the 1 minute mark", (None, 60.0, None, None)),
    # marks and points: places in the film, not lengths
    ("the cat between the 1 and 2 minute marks", (60.0, 120.0, None, None)),
    ("the cat between the 30 second mark and the 1:10 mark", (30.0, 70.0, None, None)),
    ("anything after the 2 minute point", (120.0, None, None, None)),
    ("the cat until the 1:30 marker", (None, 90.0, None, None)),
    ("the dog up to the 90 second mark", (None, 90.0, None, None)),
    ("fruit before the two minute mark", (None, 120.0, None, None)),
    ("the cat in the last thirty seconds", (-30.0, None, None, None)),
    # a clause about the film's clock, and a point said by what is left out of it
    ("the cat once we're past 1:00", (60.0, None, None, None)),
    ("the cat before we hit the 2 minute mark", (None, 120.0, None, None)),
    ("the cat but not before 0:30", (30.0, None, None, None)),
    ("the cat but nothing after 2:00", (None, 120.0, None, None)),
    ("the dog somewhere in the first 90 seconds", (None, 90.0, None, None)),
    # a stretch beside a point, and the film's midpoint
    ("the dog in the 30 seconds after 1:00", (60.0, 90.0, None, None)),
    ("the dog in the minute after 1:00", (60.0, 120.0, None, None)),
    ("the dog in the 20 seconds before the end", (-20.0, None, None, None)),
    ("the dog in the minute before the 2 minute mark", (60.0, 120.0, None, None)),
    ("the dog before the midpoint", (None, None, None, 0.5)),
    ("the dog after the mid-point", (None, None, 0.5, None)),
    ("the middle bit with the dog", (None, None, 0.3333, 0.6667)),
    # a point after or before which the film is looked at, in other verbs
    ("the dog beyond the 40 second mark", (40.0, None, None, None)),
    ("the cat following the 90 second mark", (90.0, None, None, None)),
    ("the cat later than 2 minutes in", (120.0, None, None, None)),
    ("the dog earlier than the 1:30 mark", (None, 90.0, None, None)),
    ("the dog past the halfway point", (None, None, 0.5, None)),
    # two clock readings are two places in the film
    ("the cat 0:30-1:00", (30.0, 60.0, None, None)),
    ("cat, 1:00 to 1:30", (60.0, 90.0, None, None)),
])
def test_window_forms(text, window):
    plan = parse_request(text)
    assert _window(text) == window
    assert all(q.text in ("dog", "cat", "fruit") for q in plan.include), plan.include
    assert plan.duration.target is None and plan.duration.max is None  # a place, not a length


@pytest.mark.parametrize("text, low, high", [
    ("the dog up to 90 seconds", None, 90.0),
    ("a 1:30 to 2:00 cut of the dog", 90.0, 120.0),
    ("a sub-minute dog edit", None, 60.0),
    ("a sub-30-second dog clip", None, 30.0),
    ("the dog, no more than 2:00", None, 120.0),
    ("the dog, 45 sec cap", None, 45.0), ("the dog with a 2 minute limit", None, 120.0),
])
def test_lengths_stay_lengths(text, low, high):
    plan = parse_request(text)
    assert plan.window is None and (plan.duration.min, plan.duration.max) == (low, high)
    assert [q.text for q in plan.include] == ["dog"]


@pytest.mark.parametrize("text, window", [
    ("between 50s and 1:10", (50.0, 70.0)), ("between 1:00 and 90 seconds", (60.0, 90.0))])
def test_a_clock_reading_at_either_end_makes_a_window(text, window):
    """A clock reading is a point in the film, so the other end is one too; two plain lengths
    ("between 40 and 70 seconds") stay a length, as above."""
    plan = parse_request(text)
    assert (plan.window.start, plan.window.end) == window
    assert plan.duration.min is None and plan.duration.max is None


@pytest.mark.parametrize("text, target, subject", [
    ("15 seconds out of the dog shots", 15.0, "dog"), ("make me a minute out of the cat scenes", 60.0, "cat")])
def test_a_length_out_of_a_subject_is_made_of_it(text, target, subject):
    plan = parse_request(text)
    assert plan.duration.target == target and [q.text for q in plan.include] == [subject]


def test_half_a_min_is_thirty_seconds():
    plan = parse_request("the dog, half a min")
    assert plan.duration.target == 30.0 and [q.text for q in plan.include] == ["dog"]


@pytest.mark.parametrize("text, window", [
    ("what's said between 1:30 and 2:00", (90.0, 120.0)),
    ("what they say between 1:30 and 2:00", (90.0, 120.0)),
    ("what is said after 1:00", (60.0, None)),
    ("everything said in the first minute", (None, 60.0)),
    ("what they talk about after 1:00", (60.0, None)),
    ("everything that's said in the first minute", (None, 60.0)),
])
def test_what_is_said_in_a_window_is_that_stretch(text, window):
    """A window after a verb of saying is where in the film, not the words of a line; with
    no topic, what is said there is the whole stretch (not a subject called "said")."""
    plan = parse_request(text)
    assert (plan.window.start, plan.window.end) == window
    assert plan.include == ()


@pytest.mark.parametrize("text, line", [
    ("where he says meet me after five minutes", "meet me after five minutes"),
    ("the bit where she says in ten minutes we leave", "in ten minutes we leave"),
    ("where he says from now on we run", "from now on we run"),
])
def test_a_line_with_a_time_in_it_stays_a_line(text, line):
    (q,) = parse_request(text).include
    assert q.exact and q.text == line and parse_request(text).window is None


def test_what_a_named_speaker_says_in_a_window_keeps_the_speaker():
    plan = parse_request("what the chef says at the end")
    assert [q.text for q in plan.include] == ["chef"] and plan.window is not None


@pytest.mark.parametrize("text, sequence", [
    # the verbs of opening and closing in every inflection
    ("the cat and the dog, closing with the dog", ("cat", "dog")),
    ("beginning with the dog, then the cat", ("dog", "cat")),
    ("concluding with the dog, the cat and the bird", ("dog", "cat", "bird")),
    ("the cat and the bird, wrapping up with the dog", ("cat", "bird", "dog")),
    ("kicking off with the dog then the cat", ("dog", "cat")),
    ("the bird and the dog, starting with the dog", ("dog", "bird")),
    ("the dog and the cat, ending with the dog", ("cat", "dog")),
    # an infinitive of placing before its subject
    ("the dog and the cat, and to finish, the dog", ("cat", "dog")),
    ("to start, the dog, then the cat", ("dog", "cat")),
    # a verb between the subject and its place
    ("the dog and the cat, the dog goes last", ("cat", "dog")),
    ("the dog and the cat, save the dog for last", ("cat", "dog")),
    ("the cat and the dog, the dog comes first", ("dog", "cat")),
    # "after it", "later": what comes next
    ("the dog; after it the cat", ("dog", "cat")),
    ("the dog, later the cat", ("dog", "cat")),
    ("the dog, and after that the cat", ("dog", "cat")),
    # a clause's own subject and verb go with "before"
    ("show the cat before you show the dog", ("cat", "dog")),
    ("the cat ahead of the dog", ("cat", "dog")),
    # "before it": the pronoun is the subject said just before
    ("the cat, but the dog before it", ("dog", "cat")),
    ("the cat and the bird, with the dog before them", ("dog", "cat", "bird")),
    ("the cat, then the dog, the bird before that", ("cat", "bird", "dog")),
    ("the dog after the cat", ("cat", "dog")),
    ("the cat, then the dog, last the bird", ("cat", "dog", "bird")),
    ("let the cat play first, then the dog", ("cat", "dog")),
    # a place word said after "but" or a comma places only the subject it follows
    ("the boat scenes but make the horse come first", ("horse", "boat")),
    ("the cat and the dog first, then the bird", ("cat", "dog", "bird")),
    # a clause whose subject opens or closes the cut
    ("everything with the boat, but the horse opens", ("horse", "boat")),
    ("the boat and the tree, the horse closes it", ("boat", "tree", "horse")),
    # orders stated at the start, middle or end of the sentence
    ("the fruit and the fish, fish first", ("fish", "fruit")),
    ("the dog, the cat and the bird, ending with the bird", ("dog", "cat", "bird")),
    ("the bird first, then the dog and the cat", ("bird", "dog", "cat")),
    # one between two others: the first, it, the second (was the subject "cat between the dog")
    ("put the cat between the dog and the bird", ("dog", "cat", "bird")),
    ("the cat should go in between the dog and the bird", ("dog", "cat", "bird")),
])
def test_group_order_forms(text, sequence):
    plan = parse_request(text)
    assert plan.sequence == sequence
    assert sorted(q.text for q in plan.include) == sorted(sequence)


@pytest.mark.parametrize("text, order", [
    ("the cat and the dog, latest first", "reverse"),
    ("the dog scenes, most recent first", "reverse"),
    ("the dog from the last one to the first", "reverse"),
    ("the dog in the order they appear", "source"),
    ("the dog shots played backwards", "reverse"),
    ("the dog, going backwards in time", "reverse"),
    ("the dog, sorted newest first", "reverse"),
    ("both dog shots but flip the order", "reverse"),  # a turn-around said with its own subject
    ("the dog shots, order flipped", "reverse"),
    ("reverse the order of the dog shots", "reverse"),  # "order" is no talk about the dogs
])
def test_whole_cut_orders(text, order):
    plan = parse_request(text)
    assert plan.order == order and plan.sequence == ()
    assert ("dog", "any") in [(q.text, q.modality) for q in plan.include]


# ---- the real path: real models on the sample film (indexed once per session) ----

@pytest.mark.slow
def test_what_is_said_in_a_window_on_the_sample_film(indexed_sample, sample_film):
    from cutbot.agent.editor import Editor

    editor = Editor.open(sample_film)
    reply = editor.respond("what's said between 0:40 and 1:30")
    assert reply.error is None and editor.plan.include == ()
    segs = [(s.start, s.end) for s in reply.cut.segments]
    assert all(40.0 - 1e-3 <= a and b <= 90.0 + 1e-3 for a, b in segs)
    assert reply.cut.duration > 45.0  # the whole stretch, not one line of it


@pytest.mark.slow
def test_before_it_plays_the_second_subject_first_in_the_render(indexed_sample, sample_film, tmp_path):
    import av

    from cutbot.agent.editor import Editor

    editor = Editor.open(sample_film)
    reply = editor.respond("the cat, but the rocket before it")
    assert reply.error is None and editor.plan.sequence == ("rocket", "cat")
    cut = reply.cut
    said = [{e.query for e in s.evidence} for s in cut.segments]
    first_cat = next(i for i, q in enumerate(said) if "cat" in q and "rocket" not in q)
    assert all("rocket" in q for q in said[:first_cat]) and first_cat > 0
    assert all("rocket" not in q for q in said[first_cat:])
    out = editor.render(tmp_path / "mine.mp4").path
    with av.open(str(out)) as container:
        assert container.streams.video
        assert abs(container.duration / av.time_base - cut.duration) < 0.15


@pytest.mark.parametrize("text, sequence", [
    ("the dinner scene, the man before the woman",
     ("man at the dinner", "woman at the dinner")),  # "the dinner scene": the dinner
    ("the park scene, the woman first then the man",
     ("woman at the park", "man at the park")),
])
def test_people_in_apposition_to_a_scene_are_its_people(text, sequence):
    """A bare "the woman" has nothing to pick her by; said in apposition to a scene and
    ordered, the scene picks her (a described person), and the scene is no group itself."""
    plan = parse_request(text)
    assert plan.sequence == sequence
    assert all(q.modality == "person" and q.who == "described" for q in plan.include)


def test_one_person_placed_in_a_scene_opens_it_and_the_rest_of_it_follows():
    plan = parse_request("the two dinner bits, the guy first")
    assert plan.sequence == ("guy at the dinner", "dinner")
    assert [q.who for q in plan.include] == ["described", None]


@pytest.mark.parametrize("text", [
    "the dinner, the dog before the cat",  # not people: three groups
    "Tom, the man before the woman",  # a name, not a scene said with its article
    "the man, the woman and the boy",  # no order: a list of subjects
    "the dinner and the man before the woman",  # no apposition
])
def test_no_apposition_no_scope(text):
    plan = parse_request(text)
    assert len(plan.include) == 3 and all(" at the " not in q.text for q in plan.include)


@pytest.mark.parametrize("text", ["the scenes with Max on screen, in reverse order", "every time Alice shows up",
                                  "whenever Max appears"])
def test_a_name_on_screen_is_that_person(text):
    (q,) = parse_request(text).include
    assert q.modality == "person" and q.who == "name"


@pytest.mark.parametrize("text", ["the Eiffel Tower on screen", "shots of Paris"])
def test_a_thing_on_screen_stays_a_picture(text):
    (q,) = parse_request(text).include
    assert q.modality == "visual" and q.who is None


@pytest.mark.parametrize("text, subject", [
    ("the scene where the door opens", "door opens"),
    ("the cat, and the bit where the shop closes", "shop closes"),
])
def test_a_relative_clause_that_opens_or_closes_is_a_moment(text, subject):
    plan = parse_request(text)
    assert subject in [q.text for q in plan.include] and plan.sequence == ()


def test_who_the_cut_is_for_is_no_subject():
    plan = parse_request("so for my mum i want the dog bits and then the cat but nothing after the 2 min mark")
    assert plan.sequence == ("dog", "cat") and plan.window.end == 120.0


@pytest.mark.parametrize("text, start", [
    ("everything that comes after the one minute mark", 60.0),
    ("anything that happens past 45 seconds", 45.0),
    ("all that follows the 90 second mark", 90.0),
])
def test_whatever_comes_after_a_point_is_the_rest_of_the_film(text, start):
    """"that comes", "that happens" point at the film itself: no subject is left to find."""
    plan = parse_request(text)
    assert plan.window.start == start and plan.include == ()


@pytest.mark.parametrize("text, window", [
    ("between 5 and 6 minutes, any goats", (300.0, 360.0)),  # a range of the film's clock, said bare
    ("between 5 and 6 min", (300.0, 360.0)),
    ("between one thirty and two minutes", (90.0, 120.0)),  # a clock read aloud
    ("from one fifteen to one forty-five", (75.0, 105.0)),
    ("two minutes to two thirty", (120.0, 150.0)),
    ("the goats after two oh five", (125.0, None)),
])
def test_a_range_of_the_films_clock_is_a_window(text, window):
    plan = parse_request(text)
    assert (plan.window.start, plan.window.end) == window and plan.duration.min is None


@pytest.mark.parametrize("text, length", [
    ("keep it between 2 and 3 minutes", (120.0, 180.0)),
    ("a clip between 20 and 40 seconds of the goats", (20.0, 40.0)),
    ("the goats, between 20 and 30 seconds long", (20.0, 30.0)),
    ("the last two thirty second clips of the goats", None),  # "two thirty" before a unit is no clock
])
def test_a_range_the_words_make_a_length_stays_a_length(text, length):
    plan = parse_request(text)
    assert plan.window is None
    if length:
        assert (plan.duration.min, plan.duration.max) == length


def test_a_subject_between_two_others_in_a_follow_up_orders_the_cut_and_one_seen_between_is_a_subject():
    first = parse_request("the cat, the bike, the coffee and the cars")
    plan = parse_request("put the cat between the bike and the coffee", previous=first)
    order = [t for t in plan.sequence if t in ("bike", "cat", "coffee")]
    assert order == ["bike", "cat", "coffee"] and {q.text for q in plan.include} == {"cat", "bike", "coffee", "cars"}
    assert not parse_request("the cat sitting between the bike and the coffee").sequence  # where it sits, no order


@pytest.mark.parametrize("line", ["also show the dog at the end", "plus the dog at the end", "add the dog at the end"])
def test_a_subject_added_at_the_end_plays_last_not_a_window(line):
    plan = parse_request(line, previous=parse_request("the goat and the kite"))  # was the film's last third
    assert plan.sequence[-1] == "dog" and plan.window is None


@pytest.mark.parametrize("text, target, padding", [
    ("the dog in a 30 second clip", 30.0, 0.0), ("the dog as a 30 second video", 30.0, 0.0),
    ("make the dog into a 30 second edit", 30.0, 0.0), ("the dog with a 3 second lead-in", None, 3.0)])
def test_the_words_that_introduce_a_length_go_with_it(text, target, padding):
    """"in a 30 second clip": the "in a" is the length's, not the subject's ("dog in a")."""
    plan = parse_request(text)
    assert [q.text for q in plan.include] == ["dog"]
    assert (plan.duration.target, plan.padding) == (target, padding)
