"""Speech over a shot corrects an unsure picture (issue #11, classes 1 and 8): where the
classifier only hesitates ("dog" at 0.2 over a cartoon rabbit, "lemon" at 0.4 over an
orange, a moped as a "wheeled vehicle" for "bicycle") and the words said over the shot
name a different thing of the same narrow kind, the shot is not the asked thing; an
absent subject then gets "nothing matches". Sure pictures, corroborating words and
exclusions (recall first) are untouched."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.said_over import spoken_verdict
from cutbot.agent.lexical import content_words
from cutbot.agent.plan import Query
from cutbot.agent.search import Scorer
from cutbot.indexers.voices import Voices, VoiceStats
from fakes import DIM, WordHashEmbedder, make_index, run_plan

POODLE = (("Standard Poodle", 0.21), ("hay", 0.05), ("Curly-coated Retriever", 0.05))  # unsure: 0.26 "dog"
LEMON = (("lemon", 0.41), ("orange", 0.13), ("spaghetti squash", 0.07))
MOPED = (("moped", 0.35), ("motor scooter", 0.15), ("disc brake", 0.15))
# (labels of every frame of the 10 s shot, the line said over it)
SHOTS = [(POODLE, "A big rabbit wakes up and stretches in the sun."),
         ((("Pekingese", 0.85),), "My cousin keeps rabbits."),  # a sure dog: words never undo it
         (POODLE, "The dog shakes the water off."),  # an unsure dog, and the words agree
         (POODLE, ""),  # an unsure dog nobody speaks over: kept, as before
         (LEMON, "Fresh orange juice is my favourite breakfast."),
         (MOPED, "The red motorbike waits in the garage."),
         ((("tram", 0.29), ("rickshaw vehicle", 0.08)), "The next train to the city is late again."),
         # balls the classifier hesitates between: it weighs a basketball in shot 7, not in 8
         ((("ping-pong ball", 0.19), ("soccer ball", 0.15), ("basketball", 0.03)), ""),
         ((("ping-pong ball", 0.2), ("soccer ball", 0.15), ("baseball", 0.05)), ""),
         # a dog weakly in 1 of 5 frames (a fleeting label, noise alone), said to be there
         ([(("hay", 0.3),), (("hay", 0.3),), (("Standard Poodle", 0.2),), (("hay", 0.3),), (("hay", 0.3),)],
          "The old dog sleeps in the barn.")]


# Like the real text model, a word leans toward the labels of things of its kind
# ("bicycle" ~ tram, rickshaw: sample film 0.26-0.36), so the nearest kind may stand in.
GROUPS = [{"bicycle", "moped", "tram", "rickshaw"}, {"banana", "lemon", "orange"},
          {"basketball", "ping-pong", "soccer", "baseball"}]


class NearEmbedder(WordHashEmbedder):
    def embed(self, texts):
        out = super().embed(texts)
        for i, text in enumerate(texts):
            for k, group in enumerate(GROUPS):
                if group & set(text.lower().split()):
                    out[i, DIM - 1 - k] += 1.5 * np.linalg.norm(out[i])
                    out[i] /= np.linalg.norm(out[i])
        return out

    embed_queries = embed


def index():
    idx = make_index([(10 * i, 10 * i + 10, "frame") for i in range(len(SHOTS))],
                     [(10 * i + 1, 10 * i + 5, line) for i, (_, line) in enumerate(SHOTS) if line])
    frames = [dataclasses.replace(f, labels=_labels(SHOTS[f.shot][0], f, idx.frames)) for f in idx.frames]
    idx = dataclasses.replace(idx, frames=frames)
    idx.frame_vectors = NearEmbedder().embed([" ".join(n for n, _ in f.labels) for f in frames])
    return idx


def _labels(labels, frame, frames):
    """A shot's labels: the same in every frame, or one entry per frame (a list)."""
    if not isinstance(labels, list):
        return labels
    return labels[[f.index for f in frames if f.shot == frame.shot].index(frame.index) % len(labels)]


def shots(text: str, loose: bool = False) -> list[int]:
    emb = NearEmbedder()
    hits = Scorer(index(), emb, emb).score(Query(text=text, modality="visual"), loose=loose)
    return np.flatnonzero(hits.mask).tolist()


def test_a_rival_said_over_an_unsure_picture_is_not_the_thing():
    assert shots("dog") == [1, 2, 3, 9]  # the cartoon rabbit (shot 0) is out, the rest stays
    assert shots("lemon") == []  # the orange the classifier half calls a lemon


def test_speech_corroborates_a_fleeting_weak_label():
    assert 9 in shots("dog")  # without the line it would be noise (tests/test_retrieval_weak_labels.py)


def test_the_words_name_a_kind_of_the_asked_thing_so_they_agree():
    assert 0 in shots("animals")  # a rabbit is an animal
    assert 4 in shots("fruit")  # an orange is a fruit


def test_a_neighbour_kind_stands_in_unless_speech_names_its_rival():
    # "bicycle": the classifier names none; its nearest kind (wheeled vehicle) stands in
    # where the similarity agrees, but the moped's shot is narrated "motorbike"
    assert shots("bicycle") == [6]  # the tram-like bicycle, narrated "train" (no rival kind)
    assert 5 in shots("motorbike")  # the rival itself is found


def test_a_stand_in_is_not_the_thing_when_speech_names_another_of_its_kind():
    # "banana": no banana named; the orange-and-lemon shot is edible fruit, and the words
    # over it say which fruit ("orange"); without them it would stand in
    assert shots("banana") == []
    assert 4 in shots("banana", loose=True)  # an exclusion still takes it (recall first)


def test_no_stand_in_where_the_classifier_weighed_the_thing_itself_and_chose_a_sibling():
    assert shots("basketball") == [8]  # shot 7 names a basketball at 0.03: it is not one


def test_an_exclusion_still_takes_the_unsure_picture():
    assert 0 in shots("dog", loose=True)  # recall first: "without the dog" leaves no hint of one


def test_an_absent_subject_the_classifier_half_sees_matches_nothing():
    with pytest.raises(NothingMatched):
        run_plan(index(), include=(Query(text="lemon", modality="visual"),))


@pytest.mark.parametrize("term, line, verdict", [
    ("dog", "Big rabbit wakes up and stretches in the sun.", False),
    ("lemon", "Fresh orange juice is my favorite breakfast.", False),
    ("bicycle", "Red motorbike weight in the garage for a long ride.", False),  # as Whisper heard it
    ("bicycle", "The next train to the city is late again.", None),  # a conveyance: too wide a kind
    ("fruit", "Fresh orange juice is my favorite breakfast.", True),
    ("animal", "Big rabbit wakes up.", True),
    ("dog", "My little dog loves to play in the garden.", True),
    ("dog", "The animals sleep.", None),  # a wider word names no rival
    ("monkey", "The mandrill has a red nose and blue cheeks.", True),
    # "bike" is first a motorbike in WordNet, and a bicycle too: never a rival of one
    ("bicycle", "Look at that old bike leaning on the fence.", True),
    ("motorcycle", "Look at that old bike leaning on the fence.", True),
    ("apartment", "The yard in front of the flat is tiny.", None),  # an apartment only in a rare sense
])
def test_spoken_verdict(term, line, verdict):
    assert spoken_verdict(term, content_words(line)) is verdict


@pytest.mark.parametrize("term, line, kind, verdict", [
    ("banana", "Fresh orange juice is my favorite breakfast.", "edible fruit", False),  # another fruit
    ("chocolate", "Fresh orange juice is my favorite breakfast.", "food", False),
    ("basketball", "The striker kicks the ball toward the goal.", "ball", None),  # the kind itself
    ("bicycle", "The next train to the city is late again.", "wheeled vehicle", None),
    ("mandrill", "The mandrill has a bright red nose.", "old world monkey", True),
])
def test_spoken_verdict_where_the_picture_stands_in(term, line, kind, verdict):
    assert spoken_verdict(term, content_words(line), kind) is verdict


def _talked_over(voices: tuple[int, ...]) -> list[int]:
    """Two moped shots; over each, lines that name a car, said by ``voices`` (one id per line)."""
    lines = ["Guess what, I passed.", "No, you still need a car for the test."]
    idx = make_index([(0, 10, "frame"), (10, 20, "frame")],
                     [(10 * s + 1 + 4 * k, 10 * s + 4 + 4 * k, line) for s in (0, 1) for k, line in enumerate(lines)])
    idx = dataclasses.replace(idx, frames=[dataclasses.replace(f, labels=MOPED) for f in idx.frames])
    idx.frame_vectors = NearEmbedder().embed([" ".join(n for n, _ in f.labels) for f in idx.frames])
    ids = voices + (5, 5)  # the second shot: one voice, a narrator's
    idx.voices = Voices(ids, tuple(120.0 for _ in ids), "t", {v: VoiceStats(120.0, 3.0, ids.count(v)) for v in set(ids)})
    emb = NearEmbedder()
    return np.flatnonzero(Scorer(idx, emb, emb).score(Query(text="motorbike", modality="visual")).mask).tolist()


def test_a_conversation_over_a_picture_names_a_rival_only_where_the_picture_hints_at_it():
    # long_dev: "you need a car" said between two friends over the motorbike in the garage
    assert _talked_over((0, 1)) == [0]  # the narrator's "car" over shot 1 still says it is no motorbike
    assert _talked_over((0, 0)) == []  # one voice over both: a narrator's word, a rival in both


@pytest.mark.parametrize("seen, verdict", [
    (("moped", "motor scooter", "crash helmet"), None),  # nothing the picture holds is a car
    (("sports car", "moped"), False),  # a sports car is one: the rival is half seen
])
def test_a_rival_counts_where_the_labels_seen_hint_at_it(seen, verdict):
    assert spoken_verdict("motorbike", content_words("No, you need a car."), None, seen) is verdict
