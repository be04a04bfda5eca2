"""Close relatives of what each dev film shows (WordNet siblings and cousins of every frame's
top label at 0.3 or more, minus anything a label at 0.1 may be or be a kind of), asked as
"the X" through Editor.respond: which get a plan (a false plan), and why.

    CUTBOT_HOME=... .venv/bin/python bench/relatives.py OUT.json [--per 40] [--off]

--off: without agent/relatives.py's stand-in rule (the before figure)."""
import sys, json, hashlib, collections
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
import quality, numpy as np
from cutbot.indexers import index_film
from cutbot.agent.editor import Editor
from cutbot.agent.plan import Query
from cutbot.agent import parts, relatives
from cutbot.agent.kinds import load
if "--off" in sys.argv:
    relatives.drop_rivals = lambda scorer, *a, **k: np.zeros(len(scorer.index.frames), bool)
PER = int(sys.argv[sys.argv.index("--per") + 1]) if "--per" in sys.argv else 30
K = load()
n = len(K.p_off) - 1
children = collections.defaultdict(list)
for c in range(n):
    for p in K.parents(c):
        children[p].append(c)
cat = quality.catalogue()
out = []
HOME = __import__("tempfile").mkdtemp()
for film in ["sample_film", "dev_film", "gallery", "dialogue"]:
    idx = index_film(cat[film]["film"])
    shown = {n.lower() for f in idx.frames for n, p in f.labels if p >= 0.1}
    shown_s = {s for s in (parts.usual_sense(x) for x in shown) if s is not None}
    near = set()  # everything that may be in the film: the shown labels' ancestors and kinds
    for s in shown_s:
        near |= set(load().ancestors(s))
    tops = {max(f.labels, key=lambda x: x[1])[0].lower() for f in idx.frames if f.labels and max(p for _, p in f.labels) >= 0.3}
    cands = set()
    for t in sorted(tops):
        s = parts.usual_sense(t)
        if s is None:
            continue
        for p in K.parents(s):
            cands.update(children[p])  # siblings
            for gp in K.parents(p):  # cousins: the children of the parent's siblings
                for aunt in children[gp]:
                    cands.update(children[aunt])
    rel = []
    for c in sorted(cands):
        if c in near:
            continue  # an ancestor or a kind of something shown: may be present
        ws = [w for w in K.names_of(c) if w.replace(" ", "").isalpha() and w.islower() and len(w) > 2]
        if ws and parts.usual_sense(ws[0]) == c:
            rel.append(ws[0])
    rel = sorted(set(rel), key=lambda w: hashlib.md5(w.encode()).hexdigest())[:PER]
    base = Editor(idx)
    for w in rel:
        text = f"the {w}"
        reply = Editor(idx, scorer=base.scorer, home=HOME).respond(text)
        plan = reply.error is None and reply.cut is not None
        h = base.scorer.score(Query(text=w, modality="any"))
        why = "; ".join(f"{s}:{e.modality}:{e.detail[:60]}" for s, evs in enumerate(h.evidence) for e in evs[:1])
        out.append({"film": film, "text": text, "plan": plan, "why": why})
        if plan:
            print(film, text, "PLAN", why[:160], flush=True)
json.dump(out, open(sys.argv[1], "w"), indent=1)
tot = len(out); fp = sum(r["plan"] for r in out)
print(f"relatives {tot} false plans {fp} ({fp / max(tot, 1):.3f})")
for film in ["sample_film", "dev_film", "gallery", "dialogue"]:
    rs = [r for r in out if r["film"] == film]
    print(film, len(rs), sum(r["plan"] for r in rs))
