"""A summary with no length said ("a quick recap", "the highlights"): issue #11 class 4.

The parser cannot know the film's length, so it asks for a share of it; the planner
turns that into a target (10 s to 2 min), fills it with a piece of every part of the
film, and says which length it took.
"""
from __future__ import annotations

import pytest
from cutbot.agent.budget import SUMMARY_CEILING, SUMMARY_FLOOR, summary_length
from cutbot.agent.plan import Duration, Query
from fakes import make_index, run_plan

SCENES = [(i * 10.0, i * 10.0 + 10.0, w) for i, w in enumerate(
    "cat boat tree lamp door mountain city desert office beach forest bridge market river".split())]


def test_a_summary_takes_a_fifth_of_the_film_spread_over_it_and_says_so():
    cut = run_plan(make_index(SCENES), duration=Duration(share=0.2))
    assert cut.duration == pytest.approx(28.0, abs=1.0)  # a fifth of 140 s
    starts = [s.start for s in cut.segments]
    assert min(starts) < 20 and max(starts) > 110  # from the opening to the end
    assert len({int(s // 35) for s in starts}) == 4  # every quarter of the film has a piece
    assert any("no length said" in n and "28 s" in n for n in cut.notes)
    assert cut.constraints["duration"]["target"] == 28.0


def test_a_summary_is_never_a_flash_nor_longer_than_a_trailer():
    assert summary_length(0.2, 30.0) == SUMMARY_FLOOR
    assert summary_length(0.2, 6.0) == 6.0  # a film shorter than the floor: all of it
    assert summary_length(0.2, 7200.0) == SUMMARY_CEILING
    cut = run_plan(make_index(SCENES[:3]), duration=Duration(share=0.2))
    assert cut.duration == pytest.approx(SUMMARY_FLOOR, abs=0.6)


def test_a_said_length_or_a_subject_wins_over_the_share():
    idx = make_index(SCENES)
    said = run_plan(idx, duration=Duration(max=50.0, share=0.2))
    assert said.duration > 40 and not any("no length said" in n for n in said.notes)
    two = make_index([(s, e, "cat" if i in (0, 7) else f"{w} {w}s") for i, (s, e, w) in enumerate(SCENES)])
    cats = run_plan(two, include=[Query(text="cat")], duration=Duration(share=0.2))
    assert {i for s in cats.segments for i in s.shots} == {0, 7}
    assert cats.duration <= 28.0 * 1.1


def test_the_plan_json_of_a_plan_without_a_share_is_unchanged():
    assert "share" not in Duration(max=30.0).model_dump(mode="json")
    assert Duration(share=0.2).model_dump(mode="json")["share"] == 0.2


@pytest.mark.slow
def test_a_quick_recap_of_the_dev_film_is_rendered_at_a_fifth_of_it(indexed_dev, dev_film,
                                                                  dev_truth, tmp_path):
    """Through the CLI, real models and ffmpeg, on a film other than the sample film."""
    import json

    from typer.testing import CliRunner

    from cutbot.agent.cli import app
    from procs import probe_duration

    out, plan = tmp_path / "recap.mp4", tmp_path / "recap.json"
    result = CliRunner().invoke(app, ["could you give me a quick recap?", "-i", str(dev_film),
                                      "-o", str(out), "--plan-json", str(plan)], prog_name="cutbot")
    assert result.exit_code == 0, result.output
    expected = round(0.2 * dev_truth["duration"], 1)
    assert all(d == pytest.approx(expected, rel=0.12) for d in probe_duration(out))
    segs = json.loads(plan.read_text())["segments"]
    scenes = {s["id"] for s in dev_truth["scenes"] for g in segs
              if g["start"] < s["end"] and g["end"] > s["start"]}
    assert len(scenes) >= 6  # spread over the film, not its opening
    assert "no length said" in result.output
