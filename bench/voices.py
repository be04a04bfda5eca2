"""Voice clusters against the truth: each dev film's transcript sentences (from its index) are
clustered again from the film's sound and compared with the truth's voice per line.

    .venv/bin/python bench/voices.py [--film NAME ...] [--set FIELD=VALUE ...]

Per film: voices found / true, purity (each found voice's share of its commonest true voice,
weighted by sentences: two people merged lower it) and inverse purity (each true voice's share
in its commonest found voice: a person split into pieces lowers it). ``--set threshold=0.7``
tries another VoiceOptions value; ``--alone`` also clusters each true voice's sentences by
themselves (all, and random draws of 3, 6 and 10) and counts how often one voice is split. Dev films only (the test films are never clustered here).

Measured (voices-3, fixed MFCC + pitch scales -> voices-4, speaker directions learnt per film
against its own null; found/true, purity, inverse purity): sample_film 1/1 1.00 1.00 both;
dev_film 2/4 0.50 1.00 -> 3/4 0.88 1.00; gallery 5/6 0.93 1.00 both; dialogue 6/5 1.00 0.98 ->
5/5 1.00 1.00; interview 7/4 1.00 0.92 -> 4/4 1.00 1.00; long_dev 14/6 0.66 0.90 -> 6/6 0.87
0.98 (Dan and Owen, ~100 Hz, now two voices; Clara and Hana, en-us-nyc+f4 and en-us+f4, stay
one: a supervised LDA on their sentence means misclassifies 23/58 left-out sentences, chance).
``--alone`` (one voice by itself split): voices-4 1/15 whole, 118/720 draws; voices-3 (scratch
harness, same protocol) 7/15, 300/720. Tried and not kept: a fixed eigenvalue floor (0.2)
instead of the null: same films, 5/15 and 489/720 alone.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import fields, replace
from pathlib import Path

import numpy as np

from cutbot.indexers import index_film
from cutbot.indexers.media import load_audio
from cutbot.indexers.voices import VoiceOptions, Signatures, assign, find_voices, signatures, speaker_space

ROOT = Path(__file__).resolve().parent.parent
DEV = {"dev_film": ROOT / "examples" / "dev_film.mp4", "gallery": ROOT / "bench/films/media/gallery.mp4",
       "dialogue": ROOT / "bench/films/media/dialogue.mp4", "interview": ROOT / "bench/films/media/interview.mp4",
       "sample_film": ROOT / "examples" / "sample_film.mp4", "long_dev": ROOT / "bench/films/media/long_dev.mp4"}
TRUTH = {"dev_film": ROOT / "bench/films/dev_film.truth.json",
         "sample_film": ROOT / "examples" / "sample_film.truth.json"}


def true_voices(name: str, sentences) -> list[str | None]:
    """The truth's voice of each sentence: the narration line it overlaps most (None: none)."""
    truth = json.loads((TRUTH.get(name) or ROOT / f"bench/films/{name}.truth.json").read_text())
    lines = [(n["start"], n["end"], n.get("voice", "narrator")) for s in truth["scenes"] for n in s.get("narration", [])]
    out = []
    for s in sentences:
        best = max(lines, key=lambda x: min(x[1], s.end) - max(x[0], s.start), default=None)
        out.append(best[2] if best and min(best[1], s.end) - max(best[0], s.start) > 0 else None)
    return out


def score(found: list[int], truth: list[str | None]) -> tuple[int, int, float, float]:
    pairs = [(f, t) for f, t in zip(found, truth) if t is not None and f >= 0]
    by_found = Counter()
    for f, t in pairs:
        by_found[(f, t)] += 1
    fs, ts = {f for f, _ in pairs}, {t for _, t in pairs}
    purity = sum(max(by_found[(f, t)] for t in ts) for f in fs) / max(len(pairs), 1)
    inverse = sum(max(by_found[(f, t)] for f in fs) for t in ts) / max(len(pairs), 1)
    return len(fs), len(ts), purity, inverse


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--film", nargs="*", default=list(DEV))
    ap.add_argument("--set", nargs="*", default=[], metavar="FIELD=VALUE")
    ap.add_argument("--alone", action="store_true", help="also cluster each true voice by itself")
    args = ap.parse_args()
    opts = VoiceOptions()
    kinds = {f.name: f.type for f in fields(VoiceOptions)}
    for kv in args.set:
        k, v = kv.split("=", 1)
        opts = replace(opts, **{k: (int if kinds[k] in (int, "int") else float)(v)})
    for name in args.film:
        index = index_film(DEV[name])
        audio = load_audio(DEV[name])
        got = find_voices(audio, index.sentences, opts)
        n_found, n_true, purity, inverse = score(list(got.voice), true_voices(name, index.sentences))
        sig = signatures(audio, index.sentences, opts)
        _, lam, null = speaker_space(sig, opts.speaker_margin)
        print(f"{name:10} voices {n_found:2d}/{n_true:<2d} purity {purity:.2f} inverse purity {inverse:.2f}"
              f"  speaker ratios {' '.join(f'{r:.2f}' for r in lam[:4])} null {null:.2f}")
        if args.alone:
            alone(sig, [s.start for s in index.sentences], true_voices(name, index.sentences), opts, name)


def alone(sig: Signatures, starts, truth, opts: VoiceOptions, name: str) -> None:
    """Each true person's sentences clustered by themselves (a one-voice film of that voice),
    all of them and 20 random draws each of 3, 6 and 10: how often more than one voice is found."""
    rng = np.random.default_rng(1)
    for who in sorted({t for t in truth if t and not t.startswith("recorded")}):
        mine = np.array([i for i, t in enumerate(truth) if t == who])
        draws = [mine] + [rng.choice(mine, k, replace=False) for k in (3, 6, 10) if k < len(mine) for _ in range(20)]
        split = []
        for rows in draws:
            part = Signatures(*(getattr(sig, f.name)[rows] for f in fields(Signatures)))
            ids = assign(part, [starts[i] for i in rows], opts)
            split.append(len(set(ids[ids >= 0].tolist())) > 1)
        print(f"  alone {name}/{who}: whole {'split' if split[0] else 'one'}, draws split {sum(split[1:])}/{len(split) - 1}")

if __name__ == "__main__":
    main()
