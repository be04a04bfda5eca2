"""The rule-based intent parser against a golden corpus of real-sounding requests.

Timing lives in bench/intent.py (``make bench``), not here: tests share busy CPUs.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cutbot.agent.intent import SegmentRef, parse_intent, parse_request
from cutbot.agent.plan import ConstraintPlan, Duration, Output, Query, TimeWindow, plan_json_schema
from cutbot.agent import PlanError

HERE = Path(__file__).parent / "intent"
CORPUS = json.loads((HERE / "corpus.json").read_text("utf-8"))
COMMANDS = json.loads((HERE / "commands.json").read_text("utf-8"))


def _previous(entry: dict) -> ConstraintPlan | None:
    return ConstraintPlan.model_validate(entry["previous"]) if entry["previous"] else None


def test_corpus_is_big_and_varied():
    assert len(CORPUS) >= 200
    assert sum(1 for e in CORPUS if e["previous"]) >= 50
    assert len({e["request"] for e in CORPUS if not e["previous"]}) == sum(
        1 for e in CORPUS if not e["previous"])


@pytest.mark.parametrize("entry", CORPUS, ids=[e["request"][:60] for e in CORPUS])
def test_golden(entry):
    intent = parse_intent(entry["request"], _previous(entry))
    assert intent.kind == "plan"
    assert json.loads(json.dumps(intent.plan.model_dump())) == entry["expected"]
    assert [[r.ordinal, r.text] for r in intent.refs] == entry.get("refs", [])


@pytest.mark.parametrize("entry", COMMANDS, ids=[e["text"] for e in COMMANDS])
def test_commands_are_told_apart_from_requests(entry):
    intent = parse_intent(entry["text"])
    assert intent.kind == entry["kind"]
    if intent.kind == "why":
        assert (intent.segment, intent.at) == (entry["segment"], entry["at"])


def test_a_command_is_not_a_plan():
    with pytest.raises(PlanError, match="command"):
        parse_request("undo")


def test_pointers_without_a_cut_become_subjects():
    plan = parse_request("cut the last scene")
    assert plan.exclude == (Query(text="last scene"),)
    assert parse_intent("drop the 2nd chase", plan).refs == (SegmentRef(2, "chase"),)


def test_schema_is_exported_and_validates_plans():
    schema = plan_json_schema()
    assert {"include", "exclude", "duration", "output", "granularity"} <= set(schema["properties"])
    plan = parse_request("mostly Alice, with subtitles and crossfades, 3 min, moments only")
    assert ConstraintPlan.model_validate_json(plan.model_dump_json()) == plan
    assert plan.output == Output(crossfade=0.5, subtitles=True) and plan.granularity == "moment"


def test_describe_and_changes():
    from cutbot.agent.plan import plan_changes
    first = parse_request("cats, under 3 minutes")
    second = parse_request("two minutes shorter, with a bit of lead-in", first)
    assert "length: at most 1 min" in plan_changes(first, second)
    assert any("padding 2 s" in line for line in second.describe())


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "please", "thanks!"])
def test_empty_request_is_refused(text):
    with pytest.raises(PlanError):
        parse_request(text)


@pytest.mark.parametrize("text, words", [
    ("under 1 minute but at least 5 minutes", ("at least", "at most")),
    ("cats, about 10 minutes but no more than 2 minutes", ("about", "at most")),
    ("at least 20 min and about 5 min of dogs", ("at least", "about")),
    ("keep the cats but without the cats", ("keep", "remove")),
    ("best first, in reverse order", ("order",)),
    ("from 10:00 to 2:00", ("window",)),
    ("a trailer, as a supercut", ("trailer", "supercut")),
    ("whole scenes, just the key moments", ("scene", "moment")),
])
def test_contradiction_is_refused_with_a_clear_message(text, words):
    with pytest.raises(PlanError) as err:
        parse_request(text)
    message = str(err.value)
    assert all(w in message for w in words) and len(message) < 120


def test_shorter_without_a_length_asks_for_one():
    with pytest.raises(PlanError, match="how long"):
        parse_request("make it shorter")
    with pytest.raises(PlanError, match="how long"):
        parse_request("make it shorter", parse_request("cats and dogs"))


def test_refinement_keeps_what_it_does_not_change():
    first = parse_request("shots of cats and rockets, under 3 minutes, best first, the first half")
    now = parse_request("under 2 minutes now", first)
    assert now.include == first.include and now.order == "score" and now.window == first.window
    assert now.duration == Duration(max=120.0)
    assert parse_request("also the coffee", now).include[-1] == Query(text="coffee")
    assert parse_request("make it shorter", now).duration == Duration(max=90.0)
    assert parse_request("in reverse order", now).order == "reverse"


def test_a_new_full_request_replaces_the_plan():
    first = parse_request("cats, under 3 minutes, in reverse order")
    assert parse_request("only the astronaut", first) == ConstraintPlan(
        include=(Query(text="astronaut"),))


def test_unrelated_refinement_is_refused():
    with pytest.raises(PlanError):
        parse_request("please", parse_request("cats"))


def test_halves_resolve_against_the_film():
    window = parse_request("the second half").window
    assert window == TimeWindow(fraction_start=0.5)
    assert window.resolve(600.0) == (300.0, 600.0)
    assert parse_request("the last 10 minutes").window.resolve(3600.0) == (3000.0, 3600.0)


@pytest.mark.parametrize("text, seconds", [
    ("10 min", 600), ("ten minutes", 600), ("half an hour", 1800), ("1h20", 4800),
    ("90s", 90), ("90 sec", 90), ("1:30", 90), ("a minute and a half", 90),
    ("2.5 minutes", 150), ("a couple of minutes", 120), ("1 hour 20 minutes", 4800),
    ("two and a half minutes", 150), ("twenty-five minutes", 1500), ("2m30s", 150),
    ("1:02:03", 3723), ("an hour and a half", 5400), ("a quarter of an hour", 900),
])
def test_number_formats(text, seconds):
    assert parse_request(f"cats, under {text}").duration.max == seconds


def test_subject_words_are_not_taken_for_lengths_or_typos():
    plan = parse_request("the ones with a horse, the last scene, the remote and thunder")
    assert [q.text for q in plan.include] == ["horse", "last scene", "remote", "thunder"]
    assert plan.duration == Duration() and plan.window is None
