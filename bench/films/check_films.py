"""Check a film's truth against what the indexer heard and saw (a sanity check, not a score).

    .venv/bin/python bench/films/check_films.py NAME [NAME ...]

Per scene: the truth narration next to Whisper's transcript of that span (with the share
of truth words heard), the index's top visual labels, and the face-person ids found, so a
truth entry that nobody could hear or see stands out before requests are written from it.
Uses (and builds when missing) the index under CUTBOT_HOME.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from cutbot.indexers import index_film

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def check(name: str) -> None:
    truth_path = ROOT / "examples" / "sample_film.truth.json" if name == "sample_film" else HERE / f"{name}.truth.json"
    truth = json.loads(truth_path.read_text())
    film = ROOT / "examples" / truth["film"]
    index = index_film(film if film.is_file() else HERE / "media" / truth["film"])
    heard_total, said_total = 0, 0
    for s in truth["scenes"]:
        said = " ".join(line["text"] for line in s["narration"])
        heard = " ".join(x.text for x in index.sentences if s["start"] <= (x.start + x.end) / 2 < s["end"])
        hit = sum((Counter(words(said)) & Counter(words(heard))).values())
        heard_total, said_total = heard_total + hit, said_total + len(words(said))
        labels = Counter(lab for f in index.frames if s["start"] <= f.time < s["end"] for lab, _ in f.labels[:2])
        people = Counter(f.person for f in index.faces if s["start"] <= f.time < s["end"] and f.person)
        print(f"{s['id']:>2} {s['start']:7.1f}-{s['end']:7.1f} truth people {s['people']} faces {dict(people)}")
        print(f"   visible {s['visible']}; labels {[lab for lab, _ in labels.most_common(4)]}")
        if said or heard:
            share = hit / max(1, len(words(said)))
            print(f"   said  {said!r}\n   heard {heard!r} ({share:.0%} of the words)")
    print(f"{name}: {heard_total}/{said_total} narration words heard; {len(index.people)} face people, "
          f"{len(index.shots)} shots for {len(truth['scenes'])} scenes")


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["dev_film"]:
        check(arg)
