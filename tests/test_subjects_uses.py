""""things you can <verb>" kept whole from the request to the search (agent/word_forms.py
keep_uses): the filler "you can" must not cut it to the bare verb ("ride" is a carousel), and
word_forms.USES is the one rule for what the verb is done to (food is eaten, but not espresso).
End to end on a toy film of labelled shots: request -> plan -> cut."""
from __future__ import annotations

import dataclasses

import pytest
from cutbot.agent.editor import Editor
from cutbot.agent.intent import parse_request
from cutbot.agent.search import Scorer
from fakes import WordHashEmbedder, make_index

# What the classifier said about each 10 s shot.
SHOTS = [(0, 10, (("golden retriever", 0.8), ("Labrador Retriever", 0.1))),
         (10, 20, (("espresso", 0.8), ("tea cup", 0.1))),
         (20, 30, (("Granny Smith apple", 0.6), ("orange", 0.2))),
         (30, 40, (("mountain bike", 0.8), ("unicycle", 0.1))),
         (40, 50, (("carousel", 0.8), ("park bench", 0.1)))]


def cut_shots(request: str) -> list[int]:
    idx = make_index([(s, e, " ".join(n for n, _ in labels)) for s, e, labels in SHOTS])
    idx = dataclasses.replace(idx, frames=[dataclasses.replace(f, labels=SHOTS[f.shot][2]) for f in idx.frames])
    emb = WordHashEmbedder()
    reply = Editor(idx, Scorer(idx, emb, emb)).respond(request)
    assert reply.error is None, reply.error
    return sorted({sh.index for s in reply.cut.segments for sh in idx.shots
                   if min(s.end, sh.end) - max(s.start, sh.start) > 1.0})


@pytest.mark.parametrize("request_, text", [
    ("things you can ride", "things you can ride"), ("only the stuff you could eat", "stuff you could eat"),
    ("show me anything people can sit on", "anything people can sit on"),
    ("everything you can eat", "everything you can eat"), ("things you'd wear", "things you'd wear")])
def test_the_phrase_stays_whole(request_, text):
    assert [q.text for q in parse_request(request_).include] == [text]


@pytest.mark.parametrize("request_, shots", [
    ("things you can ride", [3]),  # the bike, not the carousel a bare "ride" names
    ("things you can eat", [2]),  # the apple: espresso is drunk, not eaten
    ("stuff you could drink", [1]),
    ("the dog and things you can eat", [0, 2])])
def test_things_you_can_verb_end_to_end(request_, shots):
    assert cut_shots(request_) == shots


def test_dropping_things_you_can_eat_keeps_the_rest():
    assert cut_shots("everything except things you can eat") == [0, 1, 3, 4]


@pytest.mark.parametrize("phrase, kind", [
    ("everything you can eat", "something to eat but not beverage"), ("things you'd wear", "clothing"),
    ("the ones you can ride", "vehicle"), ("stuff that we could drink", "something to drink")])
def test_the_request_and_the_kind_read_one_phrase(phrase, kind):
    """word_forms.keep_uses keeps the phrase whole and word_forms.use_kind reads it: one word list."""
    from cutbot.agent.word_forms import use_kind
    [q] = parse_request(phrase).include
    assert use_kind(q.text) == kind


@pytest.mark.parametrize("request_, texts", [
    ("the ones you can see the dog in", ["dog"]), ("everything you can see of the boat", ["boat"])])
def test_a_verb_naming_no_kind_is_not_kept_whole(request_, texts):
    """Only a verb word_forms.USES knows makes the phrase one subject: "you can see" stays a sight."""
    assert [q.text for q in parse_request(request_).include] == texts


@pytest.mark.slow
def test_everything_you_can_eat_on_the_dev_film(indexed_dev, dev_film, dev_truth):
    """Real models on a film other than the sample: "everything you can eat" is read as food
    (it answered "nothing matches" while the two copies of the phrase's words had drifted),
    and keeps the fruit scene and nothing else."""
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap
    from fakes import scenes_where

    reply = Editor.open(dev_film).respond("everything you can eat")
    assert reply.error is None and reply.cut is not None
    segs = [(s.start, s.end) for s in reply.cut.segments]
    fruit, others = scenes_where(dev_truth, "visible", "fruit")
    assert fruit and overlap(segs, fruit) >= 0.8 * sum(b - a for a, b in fruit)
    assert overlap(segs, others) <= 0.05 * sum(b - a for a, b in segs)
