"""What is in a film (issue #15): subjects grouped by meaning, topics talked about, the
overview's words, and the chat lines that ask for it before the request parser."""
from __future__ import annotations

import dataclasses

import pytest
from cutbot.agent.describe import describe_film, seen_topics, talked_topics
from cutbot.agent.questions import film_question
from cutbot.indexers.schema import FaceTrack, Person
from fakes import make_index

# Real ImageNet label names, as the classifier writes them on each shot's frames.
SCENES = [(0, 10, "tabby cat"), (10, 20, "espresso"), (20, 30, "cowboy hat"),
          (30, 40, "Egyptian Mau"), (40, 50, "espresso"), (50, 60, "mountain bike"),
          (60, 70, "cowboy hat"), (70, 80, "tabby cat")]
SENTENCES = [(1, 4, "the old train is late again today"), (11, 14, "a cup of hot coffee"),
             (31, 34, "the old train is late again here"), (51, 54, "next we ride downhill"),
             (61, 64, "the next hat is red")]


def toy(tmp_path):
    idx = dataclasses.replace(make_index(SCENES, SENTENCES), root=str(tmp_path))
    idx.people = [Person(1, 20.0, (2, 6), (0, 1), 0, ()), Person(2, 8.0, (5,), (2,), 1, ())]
    idx.face_tracks = [FaceTrack(0, 2, 20.5, 29.5, (0,), 1), FaceTrack(1, 6, 60.5, 69.5, (1,), 1),
                       FaceTrack(2, 5, 51.0, 59.0, (2,), 2)]
    return idx


def test_seen_subjects_are_grouped_by_meaning_and_named_in_everyday_words(tmp_path):
    topics = {t.name: t for t in seen_topics(toy(tmp_path))}
    cats = next(t for n, t in topics.items() if n in ("cat", "cats"))
    assert cats.shots == (0, 3, 7)  # a tabby and an Egyptian Mau are one subject
    assert set(cats.labels) >= {"tabby cat", "Egyptian Mau"}
    assert topics["coffee"].shots == (1, 4) and topics["coffee"].said == 1  # seen and said
    assert not any(n in ("part", "device", "artifact", "object") for n in topics)
    first = seen_topics(toy(tmp_path))[0]
    assert len(first.shots) > 1 or first.said  # recurring subjects come first


def test_talked_topics_recur_in_sentences_that_mean_alike(tmp_path):
    names = [t.name for t in talked_topics(toy(tmp_path))]
    assert "train" in names  # said in two shots, in sentences about one thing
    assert "next" not in names  # recurs by chance in unrelated lines: no topic


def test_the_overview_says_length_shots_people_subjects_and_topics(tmp_path):
    overview = describe_film(toy(tmp_path))
    text = "\n".join(overview.lines())
    assert overview.shots == 8 and overview.duration == 80
    assert [p.id for p in overview.people] == [1, 2] and "person 1 (20 s on screen)" in text
    assert "1:20" in text and "8 shot(s)" in text
    assert "coffee" in text and "train" in text
    assert overview.talked and all(t.name != "coffee" for t in overview.talked)  # said once


@pytest.mark.parametrize("line, kind", [
    ("what's in this film?", "overview"), ("What is this film about?", "overview"),
    ("give me an overview", "overview"), ("what’s in the movie", "overview"),
    ("what do you suggest?", "suggest"), ("suggest", "suggest"), ("any suggestions?", "suggest"),
    ("what can I ask?", "examples"), ("give me some examples", "examples")])
def test_questions_about_the_film_are_recognised(line, kind):
    assert film_question(line) == (kind, 0)


@pytest.mark.parametrize("line, n", [("take 2", 2), ("take the second one", 2),
                                     ("ok, go with 3", 3), ("use suggestion 1", 1)])
def test_take_n_names_a_suggestion(line, n):
    assert film_question(line) == ("take", n)


@pytest.mark.parametrize("line", ["the cat", "take that back", "only the coffee, under 20 s",
                                  "what's the plan", "cats in the film"])
def test_requests_and_commands_are_left_to_the_parser(line):
    assert film_question(line) is None
