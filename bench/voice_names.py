"""Names given to voices against the truth: for each dev film with voices, which of the
film's people the naming (agent/voices.py + agent/addressed.py) named right, wrong, or not.

    CUTBOT_HOME=/tmp/q_x .venv/bin/python bench/voice_names.py [--film NAME ...]

A found voice's true person is the commonest truth voice of its sentences (bench/voices.py),
mapped to a name by the truth file's note ("Dan (carphone man, en-gb-x-gbclan+m3)"). A name
given to a voice is right when that voice's true person bears the name (or one that sounds like it), else wrong; a person
of the note whose name no voice got is unnamed. Dev films only. With ``--ask`` each person's name is asked
first, as a viewer would ("Dan's lines"): a name the transcript never wrote is listened for again
(agent/addressed.listen_again, indexers/names_heard.py); without it the naming reads what earlier
requests made it listen for (kept beside the index).
"""
from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from cutbot.agent import addressed, voices
from cutbot.agent.plan import ConstraintPlan, Query
from cutbot.indexers import index_film

from voices import DEV, ROOT, true_voices  # bench/voices.py

FILMS = {**DEV, "long_dev": ROOT / "bench/films/media/long_dev.mp4"}
_PERSON = re.compile(r"\b([A-Z][a-z]+) \((?:[^()]*?,\s*)?(en[\w+\-]*)\)")


def people_of(name: str) -> dict[str, str]:
    """Truth voice code -> lower-case person name, from the truth file's note."""
    path = next(p for p in (ROOT / f"bench/films/{name}.truth.json", ROOT / f"examples/{name}.truth.json")
                if p.is_file())
    note = json.loads(path.read_text()).get("note", "")
    return {code: who.lower() for who, code in _PERSON.findall(note)}


def check(name: str, ask: bool = False) -> dict:
    index = index_film(FILMS[name])
    truth = true_voices(name, index.sentences)
    who = people_of(name)
    if ask:  # every person asked for by name, once
        plan = ConstraintPlan(include=[Query(text=n.title(), who="name") for n in sorted(set(who.values()))])
        addressed.listen_again(index, plan, lambda: set(voices.named_voices(index).names))
    ids = list(index.voices.voice)
    owner: dict[int, str | None] = {}
    for v in set(ids) - {-1}:
        c = Counter(who.get(t) for t, x in zip(truth, ids) if x == v and t is not None)
        owner[v] = c.most_common(1)[0][0] if c else None
    named = voices.named_voices(index)
    right, wrong = [], []
    for nm, (vs, _) in sorted(named.names.items()):
        for v in sorted(vs):
            ok = owner.get(v) is not None and addressed.sounds_like(nm, owner[v])  # "hannah" for Hana
            (right if ok else wrong).append(f"{nm}->v{v}({owner.get(v)})")
    got = {r.split("(")[1].rstrip(")") for r in right}
    unnamed = sorted(set(who.values()) - got)
    return {"film": name, "people": sorted(set(who.values())), "right": right, "wrong": wrong, "unnamed": unnamed}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--film", nargs="*", default=list(FILMS))
    ap.add_argument("--ask", action="store_true", help="ask for every person by name first")
    args = ap.parse_args()
    for name in args.film:
        r = check(name, args.ask)
        print(f"{name:10} right {len(r['right'])} wrong {len(r['wrong'])} unnamed {len(r['unnamed'])}"
              f"  right={r['right']} wrong={r['wrong']} unnamed={r['unnamed']}")


if __name__ == "__main__":
    main()
