"""The scripted conversations are consistent with their truth files, and bench/conversation.py
scores the cut each turn leaves (issue #11: refinements are measured, not only first requests)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from test_bench_truth import ROOT, TRUTHS

CONVERSATIONS = ROOT / "bench" / "conversations"
TURNS = {"first", "add", "drop", "narrow", "length", "relative", "order", "undo", "redo", "question",
         "new", "clear"}
LAST_LINE = re.compile(r"^mean F1 \d\.\d{3} constraints \d\.\d{3} conversations \d\.\d{3} "
                       r"\(split (dev|test|all), \d+ turns\)$")
DOCS = {p.stem: json.loads(p.read_text()) for p in sorted(CONVERSATIONS.glob("*.json"))}


def test_both_splits_have_conversations():
    assert {TRUTHS[n]["split"] for n in DOCS} == {"dev", "test"}
    for name, doc in DOCS.items():
        if doc["split"] == "test":  # held out: written from the truth files by someone else
            assert "bench engineer" not in doc["author"] and "no code" in doc["author"], name


@pytest.mark.parametrize("name", sorted(DOCS))
def test_conversation_file_schema(name):
    doc, truth = DOCS[name], TRUTHS[name]
    assert doc["film"] == name and doc["split"] == truth["split"] and doc["author"].strip()
    ids = {s["id"] for s in truth["scenes"]}
    for convo in doc["conversations"]:
        turns = convo["turns"]
        assert turns[0]["category"] == "first" and 2 <= len(turns) <= 10, convo["title"]
        for before, turn in zip([None, *turns], turns):
            where = f"{name}: {turn['request']!r}"
            assert turn["category"] in TURNS, where
            expect = turn.get("expect", "plan")
            assert expect in ("plan", "nothing", "error"), where
            keep, absent = set(turn.get("keep", [])), set(turn.get("absent", []))
            assert keep <= ids and absent <= ids and not keep & absent, where
            assert turn.get("relative") in (None, "shorter", "longer"), where
            if turn["category"] == "question":  # a question leaves the cut as it was
                assert keep == set(before.get("keep", [])), where


def test_relative_turns_compare_with_the_cut_before(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    from conversation import relative_broken
    assert relative_broken({"relative": "shorter"}, 40.0, 30.0) == []
    assert relative_broken({"relative": "shorter"}, 40.0, 39.5) == ["not shorter: 40.0s -> 39.5s"]
    assert relative_broken({"relative": "longer"}, 40.0, 30.0) == ["not longer: 40.0s -> 30.0s"]
    assert relative_broken({"relative": "shorter"}, None, 10.0) == ["nothing to make shorter"]
    assert relative_broken({}, 40.0, 40.0) == []


@pytest.mark.slow
def test_conversations_run_on_the_dev_film(dev_home, tmp_path):
    out = tmp_path / "c.json"
    env = {**os.environ, "CUTBOT_HOME": str(dev_home)}
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "conversation.py"), "--split", "dev",
                           "--film", "dev_film", "-q", "--json", str(out)],
                          capture_output=True, text=True, timeout=900, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    last = proc.stdout.strip().splitlines()[-1]
    assert LAST_LINE.match(last), last
    result = json.loads(out.read_text())
    turns = [t for c in DOCS["dev_film"]["conversations"] for t in c["turns"]]
    assert [r["request"] for r in result["rows"]] == [t["request"] for t in turns]
    for row in result["rows"]:  # honest counting, as in bench/quality.py
        if row["answer"] != "plan" and row["expect"] == "plan":
            assert row["f1"] == 0 and not row["constraints_ok"]
    assert result["overall"]["f1"] > 0.3  # the chat is scored, not skipped
