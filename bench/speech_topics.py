"""Dev measurement behind agent/spoken.py (SpokenOptions): how much the film's sentences
mean each speech request's topic, inside the truth scenes and outside them, and how much
they mean the absent subjects.

    .venv/bin/python bench/speech_topics.py          # dev films only

Per request (all sets): the query's modality, its spoken topic, then per truth-scene
sentence "meaning/said" (MiniLM cosine / share of the topic's words said, BM25), the best
sentence outside the truth scenes, and the same for a window of two neighbouring sentences
(the unit mean of their vectors: a topic that spans lines).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import catalogue  # noqa: E402

from cutbot.agent.editor import Editor  # noqa: E402
from cutbot.agent.lexical import spoken_topic  # noqa: E402
from cutbot.indexers import index_film  # noqa: E402


def windows(vectors: np.ndarray) -> list[tuple[int, int, np.ndarray]]:
    out = []
    for i in range(len(vectors) - 1):
        v = vectors[i:i + 2].sum(0)
        out.append((i, i + 2, v / np.linalg.norm(v)))
    return out


def main() -> None:
    for name, entry in catalogue().items():
        if entry["split"] != "dev":
            continue
        truth = json.loads(entry["truth"].read_text())
        index = index_film(entry["film"])
        editor = Editor(index)
        vectors = index.sentence_vectors
        scene_of = []
        for s in index.sentences:
            mid = (s.start + s.end) / 2
            scene_of.append(next((x["id"] for x in truth["scenes"] if x["start"] <= mid < x["end"]), None))
        for f in [f for f in (entry["requests"], *entry["extra"]) if f.exists()]:  # dialogue has no main set
            kind = f.name.split(".")[1] if f.name.count(".") > 1 else "main"
            for req in json.loads(f.read_text())["requests"]:
                if req["category"] not in ("speech", "absent"):
                    continue
                try:
                    plan = editor.parser.parse(req["request"], None).plan
                except Exception as exc:  # noqa: BLE001 - a measurement, not the product
                    print("unread", req["request"], exc)
                    continue
                for q in (plan.include if plan else ()):
                    if q.exact:
                        continue
                    topic = spoken_topic(q.text)
                    qv = editor.scorer.text.embed([topic])[0]
                    sem, said = vectors @ qv, editor.scorer.transcript.said(topic)
                    keep = set(req.get("keep", []))
                    inside = [i for i in range(len(sem)) if scene_of[i] in keep]
                    outside = [i for i in range(len(sem)) if scene_of[i] not in keep]
                    best_out = max(outside, key=lambda i: sem[i]) if outside else None
                    wins = [(a, b, float(v @ qv)) for a, b, v in windows(vectors)]
                    w_in = max([w for a, b, w in wins if keep & set(scene_of[a:b])], default=0.0)
                    w_out = max([w for a, b, w in wins if not keep & set(scene_of[a:b])], default=0.0)
                    tag = "present" if req["category"] == "speech" else "absent"
                    shown = " ".join(f"{sem[i]:.2f}/{said[i]:.1f}" for i in inside)
                    out = f"{sem[best_out]:.2f}/{said[best_out]:.1f}" if best_out is not None else "-"
                    print(f"{tag:7} {name[:8]:8} {kind:9} {q.modality:6} {topic[:26]:26} in [{shown}] "
                          f"out {out}  window in {w_in:.2f} out {w_out:.2f} | {req['request'][:50]}")


if __name__ == "__main__":
    main()
