"""A person described by how they look when nothing in the index shows it (issue #11,
class 2): "the woman with glasses", "the man in the striped shirt". The classifier rarely
names glasses or stripes, so the person words decide: the one person the film's words
call a woman (a first name, "she"), or the only one not said to be otherwise. A thing
near a person that nothing shows ("the woman with the giraffe") stays nobody."""
from __future__ import annotations

import dataclasses

import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.people import person_evidence
from cutbot.agent.search import Scorer
from cutbot.agent.traits import first_names, heard_gender
from cutbot.agent.person_words import looks
from fakes import WordHashEmbedder, people_film, scenes_where, shots_found

# Shot 0: person 1, introduced by name; shot 1: a dog; shot 2: person 2; shot 3: person 1.
SCENES = [(0, 10, "flag office"), (10, 20, "dog garden"), (20, 30, "ball pitch"), (30, 40, "desk lamp")]
TRACKS = [(0, 1.0, 9.0, 1), (2, 20.0, 29.0, 2), (3, 31.0, 38.0, 1)]


@pytest.fixture()
def index(tmp_path):
    return film(tmp_path, (1, 6, "This is Grace Hopper at her desk"), (21, 25, "Grace kicks the ball"))


def film(root, *sentences):
    """The toy film's people, with these (start, end, text) sentences said."""
    return people_film(SCENES, list(sentences), root, TRACKS)


def shots_of(index, text):
    return shots_found(index, text, "person", who="described")


@pytest.mark.parametrize("what, yes", [
    ("glasses", True), ("the striped shirt", True), ("navy lady", True), ("purple dresses", True),
    ("a beard", True), ("the giraffe", False), ("camera", False), ("the tripod by the river", False),
    ("old", False), ("a bow tie", True), ("the orange space suit", True), ("baseball caps", True),
    ("the lab coat", True), ("a fire engine", False)])
def test_looks_are_clothes_glasses_hair_and_colours(what, yes):
    assert looks(what) is yes


def testfirst_names_say_a_sex_only_when_nearly_everyone_with_them_has_it():
    names = first_names()
    assert (names["grace"], names["john"], names["eileen"]) == ("f", "m", "f")
    assert "jordan" not in names  # as many men as women: says nothing


def test_a_name_counts_where_someone_is_introduced_by_it(index):
    # "Grace kicks the ball" (over person 2) introduces nobody: not read as her name there
    assert heard_gender(index) == {1: (2, 0)}  # "This is Grace" and "her", over person 1
    talk = film(index.root, (21, 25, "Thanks John, I'm Mary"))
    assert heard_gender(talk) == {2: (1, 0)}  # Mary introduces herself; John is spoken to
    chat = film(index.root, (21, 25, "my husband says he loves the ball"))
    assert heard_gender(chat) == {}  # someone talking: "husband", "he" are somebody else


def test_the_woman_with_glasses_is_the_one_the_words_call_a_woman(index):
    got, why = shots_of(index, "the woman with glasses")
    assert got == [0, 3]  # all of her screen time, none of person 2's
    assert "taken as person 1" in why and "call a woman" in why


def test_the_man_in_the_striped_shirt_is_the_only_one_not_said_to_be_a_woman(index):
    got, why = shots_of(index, "the man in the striped shirt")
    assert got == [2] and "taken as person 2" in why and "not said to be a woman" in why


def test_a_look_first_person_asked_on_screen_is_that_person(index):
    # "whenever striped shirt man is on screen" reaches the search as a picture query
    got, why = shots_found(index, "striped shirt man", "visual")
    assert got == [2] and "taken as person 2" in why


def test_a_thing_nothing_shows_near_a_woman_is_nobody(index):
    with pytest.raises(NothingMatched):
        person_evidence(index, "the woman with the giraffe",
                        scorer=Scorer(index, WordHashEmbedder(), WordHashEmbedder()))


@pytest.mark.slow
def test_on_the_dev_film_the_woman_with_glasses_and_the_guy_in_stripes(indexed_dev, dev_film, dev_truth):
    """Real models on a film other than the sample film: no label names her glasses or his
    striped kit; "This is Grace Hopper" makes her the woman, so he is the guy."""
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    editor = Editor.load(dev_film)
    scenes = {who: scenes_where(dev_truth, "people", who)[0] for who in ("messi", "grace_hopper")}
    her = [(s.start, s.end) for s in editor.ask("the woman with glasses").segments]
    assert overlap(her, scenes["grace_hopper"]) >= 0.9 * sum(b - a for a, b in scenes["grace_hopper"])
    assert overlap(her, scenes["messi"]) == 0.0
    him = [(s.start, s.end) for s in editor.ask("the guy in the striped shirt").segments]
    assert overlap(him, scenes["messi"]) >= 0.9 * 9 and overlap(him, scenes["grace_hopper"]) == 0.0


def test_the_woman_and_the_man_are_the_people_the_words_make_them(index):
    from cutbot.agent.who import plain_person

    label = "person {}".format
    assert plain_person(index, label, "the woman")[0] == 1
    assert plain_person(index, label, "the man")[0] == 2  # the only one not said to be a woman
    assert plain_person(index, label, "the old lady")[0] == 1  # age: nothing stored, the gender decides
    assert plain_person(index, label, "the dog") is None
    got, why = shots_of(index, "the woman")
    assert got == [0, 3] and "call a woman" in why


def test_the_woman_says_nothing_when_the_words_call_two_people_women(index):
    from cutbot.agent.who import plain_person

    both = film(index.root, (1, 6, "This is Grace at her desk"), (21, 25, "and here she kicks the ball"))
    assert plain_person(both, "person {}".format, "the woman") is None
    assert plain_person(both, "person {}".format, "the man") is None  # nobody left who could be


def test_what_the_words_say_is_read_once_per_index_and_forgotten_with_it(index):
    import gc

    from cutbot.agent import traits

    said = heard_gender(index)
    said.clear()  # callers get a copy: they cannot spoil the kept reading
    assert heard_gender(index) == {1: (2, 0)} and id(index) in traits._PER_INDEX
    quiet = dataclasses.replace(index, sentences=[])  # another index object: its own reading
    assert heard_gender(quiet) == {}
    key = id(quiet)
    del quiet
    gc.collect()
    assert key not in traits._PER_INDEX


def test_each_of_several_things_worn_is_looked_for_alone(index):
    """ "the woman in the cap and glasses": no label names "cap and glasses" as one thing; each is
    looked for, and a shot showing either counts once. Things near a person ("the tripod and
    the river") stay one phrase: one of them alone would describe nobody."""
    from cutbot.agent.who import _seen_with
    seen = {"cap": [3], "glasses": [0, 3], "tripod and the river": [1]}  # a describer of whole phrases only
    asked: list[str] = []

    def describe(what):
        asked.append(what)
        return seen.get(what, [])
    shots, on, weak = _seen_with(index, {1, 2}, "cap and glasses", describe)
    assert shots == {0, 3} and set(on) == {1} and on[1] == pytest.approx(8.0 + 7.0) and not weak  # shot 3 once
    assert _seen_with(index, {1, 2}, "tripod and the river", describe) == ({1}, {}, False)  # nobody in shot 1
    assert asked == ["cap", "glasses", "tripod and the river"]


def test_a_thing_seen_only_weakly_picks_its_person_and_says_so(index):
    """ "the woman in the purple dress" where no label says dress clearly: the thing's weaker
    sightings (``describer``'s last resort, ``Weakly``) still pick the person they fall on, and the
    reason says the evidence is weak; a clear sighting of another try wins over them."""
    from cutbot.agent.who import Weakly, described_person

    def label(pid):
        return f"person {pid}"

    def describe(what):
        return Weakly([0]) if what == "purple dress" else []
    pid, why = described_person(index, label, "purple dress", "the woman in the purple dress", describe)
    assert pid == 1 and "only weakly seen" in why

    def describe_both(what):
        return {"purple dress": Weakly([0]), "dancer": [2]}.get(what, [])
    pid, why = described_person(index, label, "purple dress", "the dancer in the purple dress", describe_both,
                                who="dancer")
    assert pid == 2 and "weakly" not in why


def test_the_parser_keeps_what_one_person_wears_together():
    from cutbot.agent.intent import parse_request
    assert [q.text for q in parse_request("the lad in the suit and bow tie").include] == ["lad in the suit and bow tie"]
    assert [q.text for q in parse_request("the man in the hat and the dog").include] == ["man in the hat", "dog"]
    assert [q.text for q in parse_request("the man in the hat and Maya").include] == ["man in the hat", "Maya"]


@pytest.mark.parametrize("text", ["the geezer on screen at the two minute mark", "the lad at 1:05", "the bloke at 2:10"])
def test_any_word_for_one_person_at_a_moment_is_whoever_is_on_screen_then(text):
    from cutbot.agent.intent import parse_request
    q = parse_request(text).include[0]
    assert (q.modality, q.who) == ("person", "described") and ":" in q.text


def test_the_describer_falls_back_to_weaker_sightings_only_where_someone_is(index):
    """Seen clearly nowhere (or only where no face is): the thing's loose sightings in shots
    with a face, marked ``Weakly``; none there leaves the clear answer as it was."""
    import numpy as np
    from cutbot.agent.hits import QueryHits
    from cutbot.agent.who import Weakly, describer

    class Stub:
        def __init__(self, strict, loose):
            self.strict, self.loose = strict, loose

        def score(self, query, loose=False):
            shots = (self.loose if loose else self.strict).get(query.text, []) if query.modality == "visual" else []
            mask = np.array([i in shots for i in range(len(index.shots))])
            return QueryHits(query, np.where(mask, 3.0, np.nan), ((),) * len(index.shots))

    found = describer(index, Stub({}, {"purple dress": [1, 2]}))("purple dress")
    assert isinstance(found, Weakly) and found == [2]  # shot 1 shows nobody
    found = describer(index, Stub({"car": [1]}, {"car": [1]}))("car")
    assert found == [1] and not isinstance(found, Weakly)  # nobody where it is: the clear answer stays


@pytest.mark.parametrize("text, who, what", [
    ("the two men throwing a ball in the hallway", "two men", "a ball in the hallway"),
    ("the bloke sitting in the car", "bloke", "the car"),
    ("a kid riding a bike", "kid", "a bike"),
    ("the woman who is reading a newspaper", "woman", "a newspaper"),
    ("the guys chucking a ball about in the corridor", "guys", "a ball about in the corridor"),
    ("the kid running around in the garden", "kid", "the garden"),
])
def test_a_person_is_described_by_what_they_are_doing(text, who, what):
    """The doing word goes, its thing and place pick the person out."""
    from cutbot.agent.descriptions import described
    m = described(text)
    assert m is not None and (m.group("who"), m.group("what")) == (who, what)


@pytest.mark.parametrize("text", ["people walking on the path", "the sister getting married",
                                  "bikes leaning on a wall", "the crowd cheering at the match",
                                  "the guy moaning that it rained all week", "the woman complaining about the food"])
def test_a_crowd_or_an_event_doing_something_is_no_one_person(text):
    from cutbot.agent.descriptions import described
    assert described(text) is None


def test_the_describer_votes_with_the_words_weakly_seen_where_someone_is(index):
    """No shot shows the whole phrase, even weakly, where someone is: the shots with a face
    where most of its words are weakly seen; a word weakly seen wherever anyone is ("face"),
    or a colour, picks nobody out."""
    import numpy as np
    from cutbot.agent.hits import QueryHits
    from cutbot.agent.who import Weakly, describer

    faced = sorted({tr.shot for tr in index.face_tracks if tr.person})
    assert len(faced) >= 2

    class Stub:
        def __init__(self, loose):
            self.loose = loose

        def score(self, query, loose=False):
            shots = self.loose.get(query.text, []) if loose and query.modality == "visual" else []
            mask = np.array([i in shots for i in range(len(index.shots))])
            return QueryHits(query, np.where(mask, 3.0, np.nan), ((),) * len(index.shots))

    one, other = faced[0], faced[1]
    found = describer(index, Stub({"corridor": [one, other], "ball": [other]}))("corridor with the ball")
    assert isinstance(found, Weakly) and found == [other]
    found = describer(index, Stub({"face": faced, "red": [one], "umbrella": []}))("red umbrella by the face")
    assert not found


@pytest.mark.slow
def test_the_man_standing_behind_the_tripod_is_all_of_the_cameraman(indexed_sample, sample_film, sample_truth):
    """Real models: "standing" names no label; the tripod picks the person, and the cut is all
    of his time on screen (his close-up too), none of the astronaut's."""
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    editor = Editor.load(sample_film)
    his = scenes_where(sample_truth, "people", "cameraman")[0]
    hers = scenes_where(sample_truth, "people", "astronaut")[0]
    assert len(his) >= 2
    him = [(s.start, s.end) for s in editor.ask("the man standing behind the tripod").segments]
    for scene in his:
        assert overlap(him, [scene]) >= 0.9 * (scene[1] - scene[0])
    assert overlap(him, hers) == 0.0
