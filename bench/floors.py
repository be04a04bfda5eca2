"""Dev measurement behind the floors in agent/calibration.py and agent/lexical.py.

    .venv/bin/python bench/floors.py FILM TRUTH [FILM TRUTH ...]   # dev films only

For each dev film: the best label-bridge cosine of words seen in a scene (within that
scene) versus words absent from the film, and the best sentence cosine of topics talked
about (within their scene) versus absent words, for sentences that do not say the word.
"""
import json
import sys
from pathlib import Path

import numpy as np
from cutbot.agent.labels import category
from cutbot.agent.lexical import fold as singular
from cutbot.agent.search import Scorer
from cutbot.indexers import index_film

ABSENT = ["giraffe", "zebra", "elephant", "lion", "tiger", "penguin", "whale", "shark", "snake", "spider", "horse", "cow", "sheep", "pig", "chicken", "owl", "eagle", "parrot", "piano", "guitar", "violin", "drum", "trumpet", "car", "truck", "bus", "train", "airplane", "helicopter", "boat", "ship", "rocket", "bicycle", "tractor", "snow", "mountain", "beach", "desert", "forest", "river", "waterfall", "volcano", "bridge", "castle", "church", "hospital", "school", "kitchen", "bathroom", "pizza", "burger", "cake", "ice", "cream", "coffee", "wine", "beer", "tea", "bread", "cheese", "sushi", "soup", "computer", "phone", "television", "camera", "clock", "lamp", "chair", "table", "bed", "sofa", "umbrella", "hat", "shoes", "dress", "suit", "tie", "glasses", "baby", "child", "wedding", "funeral", "war", "soldier", "police", "fire", "explosion", "storm", "rain", "wind", "money", "election", "politics", "music", "dance", "sport", "tennis", "golf", "basketball", "baseball", "swimming", "skiing", "cooking", "recipe", "weather", "holiday", "christmas", "birthday", "cats", "dogs"]
out = {"vis_present": [], "vis_absent": [], "sem_present": [], "sem_absent": []}
for film, truth in zip(sys.argv[1::2], sys.argv[2::2]):
    idx = index_film(film); sc = Scorer(idx); t = json.loads(Path(truth).read_text())
    present = set()
    for s in t["scenes"]:
        present |= {w.lower() for w in s.get("visible", []) + s.get("topics", [])}
        present |= {w.lower() for n in s.get("narration", []) for w in n["text"].replace(".", " ").replace(",", " ").split()}
    fv = idx.frame_vectors; fshot = np.array([f.time for f in idx.frames])
    sv = idx.sentence_vectors
    def vis(q, fv=fv, sc=sc):
        forms = list(dict.fromkeys([q, singular(q)]))
        return (fv @ sc.visual.embed_queries(forms).T).max(axis=1)
    for s in t["scenes"]:
        frames = (fshot >= s["start"]) & (fshot < s["end"])
        for w in s.get("visible", []):
            if category(w) is None and frames.any():
                r = vis(w); out["vis_present"].append((round(float(r[frames].max()), 2), w, film[-20:]))
        sents = [i for i, x in enumerate(idx.sentences) if s["start"] <= (x.start + x.end) / 2 < s["end"]]
        for w in s.get("topics", []):
            if sents:
                sem = sv @ sc.text.embed([w])[0]; said = sc.transcript.said(w)
                i = max(sents, key=lambda i: sem[i])
                out["sem_present"].append((round(float(sem[i]), 2), round(float(said[i]), 2), w, film[-20:]))
    for w in ABSENT:
        if w in present or singular(w) in present:
            continue
        if category(w) is None:
            r = vis(w); out["vis_absent"].append((round(float(r.max()), 2), w, film[-20:]))
        sem = sv @ sc.text.embed([w])[0]; said = sc.transcript.said(w)
        i = int(np.argmax(sem))
        if said[i] < 0.5:
            out["sem_absent"].append((round(float(sem[i]), 2), round(float(said[i]), 2), w, film[-20:]))
for k, v in out.items():
    v.sort(reverse=True)
    print(k, len(v), v[:16])


def quotes(films_truths) -> None:
    """Quote scores (quotes.QuoteOptions.floor): lines of each film's narration (first six
    words, as viewers quote them) against that film, and against the other films (absent)."""
    from cutbot.agent.lexical import Transcript
    from cutbot.agent.quotes import find
    lines = {}
    for film, truth in films_truths:
        t = json.loads(Path(truth).read_text())
        lines[film] = [" ".join(n["text"].split()[:6]) for s in t["scenes"] for n in s.get("narration", [])]
    for film, _ in films_truths:
        tr = Transcript(index_film(film).sentences)
        def best(q, tr=tr):
            return max([x[0] for x in find(tr, q)] or [0.0])

        present = sorted(round(best(q), 2) for q in lines[film])
        absent = sorted((round(best(q), 2) for f, qs in lines.items() if f != film for q in qs), reverse=True)
        print(f"quotes {film[-20:]}: present lowest {present[:5]}  absent highest {absent[:5]}")


if len(sys.argv) > 2:
    quotes(list(zip(sys.argv[1::2], sys.argv[2::2])))
