"""Typed evidence: every cut segment carries why it is there as data (modality, query,
score, calibrated z, detail, span), the plan JSON keeps it beside the reasons' words, and
the profile and the views read the data, never the words."""
from __future__ import annotations

import json

import pytest

from cutbot.agent.cut import Cut, Segment
from cutbot.agent.evidence import Evidence
from cutbot.agent.errors import PlanError
from cutbot.agent.export import read_plan_json, write_plan_json
from cutbot.agent.plan import ConstraintPlan, Query
from cutbot.agent.planner import plan_cut
from cutbot.agent.profile import Bias, mark_profile_picks, topics_of
from cutbot.agent.search import Scorer
from cutbot.agent.views import table_reasons

from fakes import WordHashEmbedder, make_index

SCENES = [(0, 10, "cat chair"), (10, 20, "coffee cup"), (20, 30, "rocket launch"),
          (30, 40, "cat window"), (40, 50, "bicycle street")]
SENTENCES = [(12, 15, "tomorrow the weather brings heavy rain"),
             (32, 35, "my soup recipe needs tomatoes"),
             (42, 46, "the train leaves the station at nine")]


def run(scenes=SCENES, **plan) -> Cut:
    index = make_index(scenes, SENTENCES)
    emb = WordHashEmbedder()
    return plan_cut(ConstraintPlan(**plan), index, "test", Scorer(index, emb, emb))


def test_each_segment_carries_typed_evidence_for_its_query():
    cut = run(include=[Query(text="cat", modality="visual"), Query(text="weather", modality="speech")])
    assert cut.segments
    for seg in cut.segments:
        assert seg.evidence, seg
        for e in seg.evidence:
            assert e.query in ("cat", "weather") and e.modality in ("visual", "speech")
            assert seg.start - 1e-6 <= e.time <= seg.end + 1e-6 and e.start <= e.end
            assert e.describe() in seg.reasons  # the words people read come from the data
    # the touching cat and weather pieces play as one segment that keeps both evidences
    assert [(s.start, s.end, s.queries) for s in cut.segments] == [
        (0, 20, ("cat", "weather")), (30, 40, ("cat",))]
    speech = next(e for s in cut.segments for e in s.evidence if e.modality == "speech")
    assert "rain" in speech.detail and speech.z > 0 and 0 < speech.score <= 1


def test_a_sequence_groups_segments_by_their_evidence_not_their_words():
    scenes = [(0, 10, "cat chair"), (10, 20, "tree garden"), (20, 30, "rocket launch"),
              (30, 40, "boat river"), (40, 50, "cat window")]
    cut = run(scenes, include=[Query(text="cat", modality="visual"),
                               Query(text="Rocket", modality="visual")], sequence=("rocket", "cat"))
    assert [(s.start, s.queries) for s in cut.segments] == [(20, ("Rocket",)), (0, ("cat",)),
                                                            (40, ("cat",))]


def test_plan_json_round_trips_the_evidence(tmp_path):
    cut = run(include=[Query(text="bicycle")])
    data = cut.to_dict()
    assert all(seg["evidence"] and seg["reasons"] for seg in data["segments"])
    first = data["segments"][0]["evidence"][0]
    assert set(first) == {"modality", "query", "score", "z", "detail", "time", "start", "end"}
    back = read_plan_json(write_plan_json(cut, tmp_path / "plan.json"))
    assert back.to_dict() == data
    again = read_plan_json(write_plan_json(back, tmp_path / "again.json"))
    assert again == back  # the file's precision is a fixed point
    assert topics_of(back) == ["bicycle"]


def test_an_old_plan_file_without_evidence_still_loads_and_reads(tmp_path):
    old = {"version": 1, "source": "film.mp4", "request": "only the cats",
           "constraints": {"include": [{"text": "cat"}]},
           "segments": [{"start": 0, "end": 10, "score": 0.8,
                         "reasons": ["visual: 'dog' ~ labels tabby (score 0.80, z 4.0)"]}],
           "duration": 10}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    cut = read_plan_json(path)
    assert cut.segments[0].evidence == () and "evidence" not in cut.segments[0].to_dict()
    assert topics_of(cut) == ["cat"]  # the request's subjects, never words parsed back
    assert table_reasons(cut.segments[0]).startswith("visual: 'dog' ~ labels tabby")


def test_unreadable_evidence_is_one_plan_error(tmp_path):
    bad = {"version": 1, "segments": [{"start": 0, "end": 1, "evidence": [{"score": 1}]}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    with pytest.raises(PlanError, match="segment 1 has unreadable 'evidence'") as info:
        read_plan_json(path)
    assert "\n" not in str(info.value)


def _segment(query: str, reasons=()) -> Segment:
    e = Evidence("speech", 0.7, 5.0, '"the captain\'s log"', 2.0, 1.0, 3.0, query)
    return Segment(0.0, 4.0, 0.7, tuple(reasons) or (e.describe(),), (0,), evidence=(e,))


def test_profile_reads_the_query_even_when_its_words_would_mislead():
    """A query with an apostrophe broke the old reasons regex; the field cannot break."""
    cut = Cut("film.mp4", "x", (_segment("the captain's log"), _segment("soup", ["padded 2 s"])))
    assert topics_of(cut) == ["the captain's log", "soup"]
    assert topics_of(cut, 2) == ["soup"]
    bias = Bias(ConstraintPlan(), liked=("soups",))
    marked = mark_profile_picks(cut, bias, None)
    assert [s.reasons[0] for s in marked.segments] == [cut.segments[0].reasons[0],
                                                       "profile: you like this"]


def test_the_table_says_the_evidence_without_its_scores():
    seg = _segment("the captain's log")
    shown = table_reasons(seg)
    assert shown == "speech: 'the captain's log' ~ \"the captain's log\""
    assert "score" not in shown and "z " not in shown
    assert "(score 0.70, z 5.0)" in seg.reasons[0]  # the JSON's words keep them


@pytest.mark.slow
def test_real_plan_json_has_typed_evidence(indexed_sample, sample_film, tmp_path):
    """Through the CLI with the real models: the plan file's evidence names the query,
    and the profile reads it back from the file."""
    from typer.testing import CliRunner

    from cutbot.agent import cli

    out = tmp_path / "plan.json"
    result = CliRunner().invoke(cli.app, ["keep the scenes with the cat", "-i", str(sample_film),
                                          "--dry-run", "--plan-json", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    evidence = [e for seg in data["segments"] for e in seg["evidence"]]
    assert evidence and all(e["query"] == "cat" for e in evidence)
    assert {e["modality"] for e in evidence} <= {"visual", "speech", "person", "exact"}
    assert all(isinstance(e["z"], float) and e["end"] >= e["start"] for e in evidence)
    assert topics_of(read_plan_json(out)) == ["cat"]
