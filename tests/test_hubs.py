"""bench/hubs.py: the hubness (CSLS) measurement of spoken meaning reads its generic banks and
scores as documented (issue #11). Toy WordNet files and vectors: no model, no film."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def hubs(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import hubs as module

    return module


def test_common_nouns_rank_by_summed_sense_counts_and_keep_nouns_only(hubs, tmp_path):
    (tmp_path / "cntlist.rev").write_text(
        "time%1:28:00:: 1 30\n"
        "time%1:11:00:: 2 25\n"   # a second sense of the same noun adds up: 55
        "person%1:03:00:: 1 40\n"
        "run%2:38:00:: 1 90\n"    # a verb sense: no topic
        "ice_cream%1:13:00:: 1 5\n"
        "ox%1:05:00:: 1 7\n"      # two letters: left out
        "1900s%1:28:00:: 1 9\n"   # not a word
    )
    assert hubs.common_nouns(tmp_path, 10) == ["time", "person", "ice cream"]
    assert hubs.common_nouns(tmp_path, 1) == ["time"]


def test_example_sentences_are_wordnet_quoted_examples(hubs, tmp_path):
    for pos in ("noun", "verb", "adj"):
        (tmp_path / f"data.{pos}").write_text(
            f'00000001 03 n 01 x 0 000 | a gloss; "the {pos} example sentence here"; "short"\n')
    assert hubs.example_sentences(tmp_path, 10, every=1) == [
        "the noun example sentence here", "the verb example sentence here", "the adj example sentence here"]
    assert hubs.example_sentences(tmp_path, 10, every=2) == ["the verb example sentence here"]


def test_a_line_near_every_topic_is_a_hub_and_correction_lowers_it_most(hubs):
    rng = np.random.default_rng(0)
    bank = rng.normal(size=(50, 8))
    bank /= np.linalg.norm(bank, axis=1, keepdims=True)
    generic = bank.mean(axis=0) / np.linalg.norm(bank.mean(axis=0))  # the centre of the bank
    specific = -generic  # far from all of them
    r = hubs.hubness(np.stack([generic, specific]), bank, 10)
    assert r[0] > r[1]
    assert r[0] == pytest.approx(np.sort(bank @ generic)[-10:].mean())
    assert hubs.hubness(np.zeros((0, 8)), bank, 10).shape == (0,)
    assert hubs.hubness(generic[None], bank[:3], 10)[0] == pytest.approx((bank[:3] @ generic).mean())


def test_auc_and_share_kept_at_an_absent_rate(hubs):
    absent = np.array([0.1, 0.2, 0.3, 0.4])
    assert hubs.auc(np.array([0.5, 0.6]), absent) == 1.0
    assert hubs.auc(np.array([0.0]), absent) == 0.0
    assert hubs.auc(np.array([0.2]), np.array([0.2])) == 0.5  # a tie counts half
    present = np.array([0.15, 0.35, 0.45, 0.5])
    assert hubs.kept_at(present, absent, 0.25) == pytest.approx(0.75)  # above the 75th centile (.325)
