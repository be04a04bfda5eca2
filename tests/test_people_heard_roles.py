"""A role no label and no line names outright ("the astronaut" over a face while "pilot
the space shuttle" is heard): the face whose heard words mean the role clearly more than
anything heard elsewhere; nobody when the lead is small or the film calls them something else."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from cutbot.agent.roles import heard_role

# Toy meanings: each phrase is a direction; near ones share most of it.
AXES = {"space shuttle": [1, 0.3, 0, 0], "astronaut": [1, 0, 0, 0], "launch": [0.6, 0, 0.8, 0],
        "pilot": [0.9, 0.1, 0, 0.3], "garden": [0, 0, 0, 1], "roses": [0, 0.2, 0, 1],
        "gardener": [0, 0, 0.2, 1], "rain": [0, 1, 0, 0], "weekend": [0, 0.9, 0.3, 0]}


def embed(texts):
    return np.array([AXES.get(t, [0, 0, 0, 0]) + [0.05] for t in texts], np.float32)


def film(lines, tracks):
    """lines: (start, end, text); tracks: (person, start, end)."""
    return SimpleNamespace(sentences=[SimpleNamespace(start=a, end=b, text=t) for a, b, t in lines],
                           face_tracks=[SimpleNamespace(person=p, start=a, end=b, shot=0) for p, a, b in tracks])


def person_noun(word, role):  # roles.other_person without WordNet: a person noun that is not the role
    return word in ("pilot", "gardener", "astronaut") and word != role


def test_the_face_the_heard_words_make_the_role_is_taken_and_says_why():
    f = film([(0, 4, "the space shuttle"), (10, 14, "rain all weekend")], [(1, 0, 5), (2, 9, 15)])
    hit = heard_role(f, embed, "astronaut", [1, 2], person_noun)
    assert hit is not None and hit.person == 1 and hit.phrase == "space shuttle"
    assert hit.sim > 0.9 and hit.lead > 0.5 and hit.example == "the space shuttle"


def test_words_heard_elsewhere_as_much_give_no_lead():
    # "space shuttle" is heard over person 1 and again over nobody: no face leads
    f = film([(0, 4, "the space shuttle"), (20, 24, "the space shuttle")], [(1, 0, 5)])
    assert heard_role(f, embed, "astronaut", [1], person_noun) is None


def test_another_person_noun_heard_over_them_vetoes_the_role():
    # the film calls person 1 "a pilot": that says what they are, and it is not an astronaut
    f = film([(0, 4, "she is a pilot"), (10, 14, "rain all weekend")], [(1, 0, 5)])
    assert heard_role(f, embed, "astronaut", [1], person_noun) is None
    assert heard_role(f, embed, "pilot", [1], person_noun).person == 1  # the role itself is heard


def test_only_the_allowed_people_and_faces_on_screen_count():
    f = film([(0, 4, "the garden roses"), (10, 14, "rain all weekend")], [(1, 0, 5), (2, 9, 15)])
    assert heard_role(f, embed, "gardener", [1, 2], person_noun).person == 1
    assert heard_role(f, embed, "gardener", [2], person_noun) is None  # "the woman gardener" and 1 is a man
    assert heard_role(film([(0, 4, "the garden")], []), embed, "gardener", [1], person_noun) is None


def test_the_heard_phrases_are_embedded_once_per_embedder():
    """The kept vectors belong to the embedder that made them: another embedder on the same
    index (a second model in one process) embeds the phrases again."""
    class Kept(SimpleNamespace):  # an index is weakly referenced by the per-index cache
        pass

    f = Kept(**vars(film([(0, 4, "the space shuttle"), (10, 14, "rain all weekend")], [(1, 0, 5), (2, 9, 15)])))
    seen: list[list[str]] = []

    class Embedder:
        def embed(self, texts):
            seen.append(list(texts))
            return embed(texts)

    first, second = Embedder(), Embedder()
    for _ in range(2):
        assert heard_role(f, first.embed, "astronaut", [1, 2], person_noun).person == 1
    phrases = [t for t in seen if t != ["astronaut"]]
    assert len(phrases) == 1  # a new bound method per call still reads the kept vectors
    assert heard_role(f, second.embed, "astronaut", [1, 2], person_noun).person == 1
    assert len([t for t in seen if t != ["astronaut"]]) == 2


def test_nothing_near_the_role_is_nobody():
    f = film([(0, 4, "rain all weekend")], [(1, 0, 5)])
    assert heard_role(f, embed, "astronaut", [1], person_noun) is None


def test_a_relative_clause_names_a_person_by_what_they_do():
    from cutbot.agent.descriptions import described
    m = described("the man who takes the photo")
    assert m is not None and m.group("who") == "man" and m.group("what") == "the photo"
    assert described("man who the photo").group("what") == "the photo"  # the parser dropped the verb
    assert described("the cat that sleeps") is None and described("the cat that chases the mouse") is None
    assert described("the man who is happy") is None  # how he is, not what he does it to


@pytest.mark.parametrize("word, role, other", [("pilot", "navy officer", True), ("librarian", "teacher", True),
                                               ("astronaut", "cosmonaut", False), ("space", "astronaut", False)])
def test_a_person_noun_heard_vetoes_a_role_only_when_it_is_another_kind(word, role, other):
    from cutbot.agent.roles import other_person
    assert other_person(word, role) is other


@pytest.mark.slow
def test_the_real_film_the_words_over_a_face_name_its_role(indexed_sample, sample_film):
    """Real faces, Whisper and MiniLM on the sample film: "astronaut" is said over the
    astronaut's face, so a role that means it ("cosmonaut") is her; a role nothing said
    over a face means ("firefighter") is nobody; through the editor, the reason says why."""
    from cutbot.agent import Editor

    editor = Editor.open(sample_film)
    index, people = editor.index, [p.id for p in editor.index.people]
    hit = heard_role(index, editor.scorer.text.embed, "cosmonaut", people)
    assert hit is not None and hit.phrase == "astronaut"
    assert {t.shot for t in index.face_tracks if t.person == hit.person} == \
        {s.index for s in index.shots if s.start < 30 < s.end or s.start < 92 < s.end}  # scenes 3 and 10
    for absent in ("firefighter", "chef", "navy officer"):
        assert heard_role(index, editor.scorer.text.embed, absent, people) is None, absent
        reply = Editor(index, scorer=editor.scorer).respond(f"the {absent}")
        assert reply.error is not None, absent


def test_a_full_name_is_found_by_being_heard_never_by_a_word_that_means_it():
    from cutbot.agent.roles import _a_name
    assert _a_name("neil armstrong") and _a_name("Albert Einstein")
    assert not _a_name("astronaut") and not _a_name("navy officer") and not _a_name("hunter")


@pytest.mark.parametrize("text, noun", [("the woman astronaut", "astronaut"), ("a female pilot", "pilot"),
                                        ("the man photographer", "photographer")])
def test_a_gender_before_a_role_leaves_the_role(text, noun):
    from cutbot.agent.descriptions import role_noun
    assert role_noun(text) == noun  # the gender then narrows who it can be (traits.allowed)
    assert role_noun("the woman man") is None and role_noun("the old astronaut") is None


@pytest.mark.parametrize("word, role", [("parents", "parents"), ("parent", "the parents")])
def test_a_plural_role_is_its_own_kind(word, role):
    from cutbot.agent.roles import other_person
    assert other_person(word, role) is False


def test_a_spoken_trade_is_not_a_line_that_names_another_trade():
    # long_dev's absent "the electrician" ~ "The computer scientist?" (.52): another kind of person said
    from cutbot.agent.roles import other_person_said
    lines = ["The computer scientist?", "the electrician came at nine", "the wiring is sorted now",
             "my parents are coming over"]
    said = np.array([False, True, False, False])
    assert other_person_said(lines, "the electrician", said).tolist() == [True, False, False, True]
    assert not other_person_said(lines, "the guy", said).any()  # a plain person word names no kind
    assert not other_person_said(lines, "making soup for the parents", said).any()  # a topic, not a person
    assert not other_person_said(lines, "parents", said)[3]  # the line names them
