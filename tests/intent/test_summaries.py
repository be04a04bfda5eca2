"""Whole-film summaries said without a length (issue #11 class 4), on phrasings written
for these tests (none is a benchmark request): a share of the film, which the planner
turns into a length; said with a length or a subject, the length or subject wins."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cutbot.agent.intent import parse_request
from cutbot.agent.plan import Duration

ROOT = Path(__file__).resolve().parents[2]
SUMMARIES = ["can I get a brief rundown", "sum it all up", "give me the gist",
             "boil it down for me", "a little highlights reel please", "the best moments",
             "summarise the film for me", "could you give me a quick recap?",
             "condense the movie", "just a short recap please"]


@pytest.mark.parametrize("text", SUMMARIES)
def test_a_summary_without_a_length_is_a_share_of_the_whole_film(text):
    plan = parse_request(text)
    assert plan.include == () and plan.exclude == () and plan.window is None
    assert plan.duration == Duration(share=0.2)


@pytest.mark.parametrize("text, duration", [
    ("sum it all up in forty seconds", Duration(target=40.0)),
    ("a quick rundown, a minute at most", Duration(max=60.0))])
def test_a_said_length_wins(text, duration):
    assert parse_request(text).duration == duration


def test_a_form_after_a_subject_still_names_the_subject():
    plan = parse_request("the lantern recap")
    assert [q.text for q in plan.include] == ["lantern"] and plan.duration == Duration()


def test_after_a_cut_a_summary_word_shortens_it():
    before = parse_request("the owls, under 2 minutes")
    assert parse_request("boil it down", before).duration == Duration(max=90.0)


def test_none_of_these_phrasings_is_a_benchmark_request():
    said = {r["request"].casefold() for f in (ROOT / "bench" / "requests").glob("*.json")
            if f.stem.split(".")[0] in ("sample_film", "dev_film", "gallery")
            for r in json.loads(f.read_text()).get("requests", [])}
    assert said and not said & {t.casefold() for t in SUMMARIES}
