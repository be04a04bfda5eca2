"""Everyday words for things, read as the dictionary nouns the picture labels answer to.

People ask for "the doggo", "cups of joe" or "things you can eat"; WordNet knows "dog",
"coffee" and "food". Three general rules, none about any one film:

* a diminutive or pet form that is no WordNet noun ("doggo", "froggy", "horsey") is
  its base noun, when that base is an animal's name ("-o", "-ie", "-y", "-ey", plurals);
* a few idioms and slang words of everyday English for things ("a cup of joe", "birb");
* "things you can <verb>": what the verb is done to ("eat" -> something to eat,
  "wear" -> clothing; ``word_forms.py``, which the request parser reads too). WordNet's
  packaged data here holds nouns only (no verb-noun links), so that is a short list of
  general verb -> kind pairs that holds for any film.

``labels.category`` tries these only when the words as typed name no category, so a
word WordNet knows is never read as another.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np

from .kinds import load as _wordnet
from .lexical import stem
from .parts import noun_senses
from .word_forms import INFORMAL, use_kind

# Idioms and slang of everyday English for things (whole phrases, folded to singular), and
# the informal words the request parser reads plainly (word_forms.INFORMAL: "birb", "sarnie")
# for a query made without it. A single word counts only when WordNet has no noun of that
# spelling ("joe" alone is a name: only "a cup of joe" is coffee).
SLANG = {**INFORMAL, "cup of joe": "cup of coffee", "mug of joe": "mug of coffee", "cuppa": "cup of tea",
         "munchies": "snack food"}
#: words that make a phrase more than a thing ("the man WITH the camera", "a cat ON a table"): such a
#: phrase is a description, left to the text model, not a category (labels._category)
RELATIONS = frozenset("with in on at near by under over behind holding wearing carrying next beside and or "
                      "without".split())
_MORE = frozenset(("and", "or", "without"))  # ... of which these name more things, or a lack;
#: ... and the rest, with more, place the thing ("up the tree", "by a wall"): they say where it is
PLACING = (RELATIONS - _MORE) | frozenset("""up down across above below along against through around inside
    outside into onto underneath beneath among from past atop upon""".split())
LINKS = RELATIONS | PLACING
_OWNERS = frozenset("the a an its his her their this that some".split())
# Pet-form endings, longest first: "doggie" -> dog, "froggy" -> frog, "doggo" -> dog.
_DIMINUTIVE = ("ies", "ie", "ey", "os", "o", "y")


@lru_cache(maxsize=1024)
def _animal(word: str) -> bool:
    """Whether a noun's usual sense is an animal: pet forms are made from animals' names
    ("doggo", "horsie"); read from any other noun they go wrong ("sammy" is no SAM missile)."""
    kinds = _wordnet()
    animal, sense = kinds.lemma("animal")[:1], kinds.lemma(word)[:1]
    return bool(animal and sense and animal[0] in kinds.ancestors(sense[0]))


def _is_noun(word: str) -> bool:
    return bool(noun_senses(word))


def base_of(word: str, names_kind: Callable[[str], bool]) -> str | None:
    """The noun a pet form is made from ("doggo" -> "dog", "horsey" -> "horse"), when the
    word is no WordNet noun itself and the base names a kind (``names_kind``)."""
    if len(word) < 4 or not word.isalpha() or _is_noun(word):
        return None
    for ending in _DIMINUTIVE:
        if not word.endswith(ending) or len(word) - len(ending) < 3:
            continue
        base = word[:-len(ending)]
        doubled = [base[:-1]] if len(base) >= 4 and base[-1] == base[-2] else []  # dogg -> dog
        for form in [*doubled, base, base + "e"]:  # hors -> horse
            if len(form) >= 3 and _animal(form) and names_kind(form):
                return form
    return None


@lru_cache(maxsize=4096)
def _reworded(text: str, names_kind: Callable[[str], bool]) -> str:
    words = text.split()
    for n in (3, 2, 1):  # idioms and slang, longest first, anywhere in the phrase
        for k in range(len(words) - n + 1):
            whole = " ".join(words[k:k + n])
            for form in (whole, " ".join(stem(w) for w in words[k:k + n])):
                if form in SLANG and (n > 1 or not _is_noun(whole)):
                    return _reworded(" ".join(words[:k] + SLANG[form].split() + words[k + n:]), names_kind)
    out = []
    for w in words:
        base = base_of(w, names_kind)
        out.append(base or w)
    return " ".join(out)


def reword(text: str, names_kind: Callable[[str], bool]) -> str | None:
    """``text`` (lower case words) in dictionary words: a "things you can <verb>" phrase as
    its kind, else slang, idioms and pet forms as their nouns; None when nothing changes."""
    out = use_kind(text) or _reworded(text, names_kind)
    return out if out != text else None


def shown(frames: Sequence, names: frozenset[str], keep: np.ndarray) -> list[str]:
    """The labels of ``names`` the classifier liked best in the ``keep`` frames, most
    frames first: what a category word ("bug") is in this film's pictures (monarch butterfly)."""
    tops = Counter(max(((p, n) for n, p in f.labels if n.lower() in names), default=(0.0, ""))[1]
                   for f, k in zip(frames, keep) if k)
    return [n for n, _ in tops.most_common() if n]


def pointed(text: str, head: str, seen: Sequence[str], sims: Callable[[str], np.ndarray],
            things: np.ndarray, margin: float) -> np.ndarray | None:
    """The shots a description ("the bug on the leaf") points to, when they show its head
    thing (``things``): where its picture similarity comes within ``margin`` of the film's
    best, every such shot showing the thing (its other words may point elsewhere: "the
    tripod by the river" is not the tripod). A text model may read an everyday head word
    poorly ("bug": a software bug?), so a description that fails as typed is read once more
    with the head as the pictures show it ("monarch butterfly on the leaf"); None: it
    describes something else."""
    sim = sims(text)
    near = sim >= sim.max() - margin
    if (near & things).any() and not (near & ~things).any():
        return near & things
    words = text.split()
    variants = [" ".join(n.lower() if w.lower() == head else w for w in words) for n in seen[:3]]
    variants = [v for v in variants if v != text]
    if not variants:
        return None
    sim = np.max([sims(v) for v in variants], axis=0)
    near = sim >= sim.max() - margin
    return near & things if (near & things).any() and not (near & ~things).any() else None


# Words that widen what a phrase names instead of naming more of it: "critters of any
# kind", "any animals at all", "monkeys, real or cartoon", "animals - cartoon ones count
# too", "all the animals, drawings included". English grammar, no film's nouns: "of any
# kind" and "at all" say "every member of the kind"; a clause after a comma or dash that
# ends "too / as well / included / count(s) / or not / either way", or starts "including /
# even / plus", or is "A or B" with "real" on one side, ADMITS more of the same kind (so a
# look word in it, "cartoon", must never narrow the kind to drawn pictures).
_ANY_KIND = re.compile(r"\s*\b(?:of\s+(?:any|every|all|each)\s+"
                       r"(?:kinds?|sorts?|types?|descriptions?|shapes?(?:\s+(?:or|and)\s+sizes?)?)"
                       r"|at\s+all|whatsoever|in\s+general|and\s+(?:the\s+like|so\s+on|such))\b", re.I)
_ADMITS_END = re.compile(r"\b(?:(?:ones?\s+)?(?:counts?|included|allowed|welcome)|too|as\s+well|or\s+not|either\s+way)"
                         r"(?:\s+(?:too|as\s+well|please|pls|thanks))*\s*[.!?]*$", re.I)
_ADMITS_START = re.compile(r"^(?:including|even|plus|also)\b(?!-)", re.I)  # not "even-toed"
_REAL_OR = re.compile(r"^(?:(?:both|either)\s+)?(?:real|live|actual)\s+(?:or|and|and/or)\s+\S+(?:\s+\S+)?$"
                      r"|^\S+(?:\s+\S+)?\s+(?:or|and|and/or)\s+(?:real|live|actual)(?:\s+ones?)?$", re.I)
_CLAUSE = re.compile(r"\s*(?:,|;|:|\s-+\s|\s–\s|\()\s*")
_ADMIT_FILLER = frozenset("the a an and or ones one too as well included count counts allowed welcome not either way "
                          "including even plus also real live actual both please pls thanks".split())


def admits(clause: str) -> bool:
    """Whether a clause (the whole query or its last part) only widens: "drawings
    included", "cartoon ones count too", "real or cartoon", "cartoon or not"."""
    c = clause.strip(" .!?)")
    return bool(c) and bool(_ADMITS_END.search(c) or _ADMITS_START.match(c) or _REAL_OR.match(c))


def widened(text: str) -> tuple[str, str]:
    """(the phrase without its widening words, the words a widening clause admits):
    "critters of any kind" -> ("critters", ""); "animals - cartoon ones count too" ->
    ("animals", "cartoon"); "drawings included" -> ("", "drawings")."""
    core = _ANY_KIND.sub("", text).strip()
    parts = _CLAUSE.split(core)
    admitted: list[str] = []
    while parts and admits(parts[-1]):
        admitted.insert(0, parts.pop())
    if admitted:  # the clauses before the widening ones, as typed
        core = " ".join(p for p in parts if p).strip()
    extra = [w for w in re.findall(r"[a-z][a-z'-]*", " ".join(admitted).lower()) if w not in _ADMIT_FILLER]
    return core, " ".join(extra)


def unled(text: str) -> list[str]:
    """The words of a description from its first that is no relation ("up fruit on the table",
    a "cut-up" split, places nothing yet)."""
    words = text.split()
    while words and words[0] in LINKS:
        words.pop(0)
    return words


def places_of(text: str) -> list[str]:
    """The words each placing word of a description puts its thing by ("the bike chained up by a
    wall" -> ["wall"]; "the men in the hall with the ball" -> ["hall", "ball"]); none where it
    names more things or a lack ("the dog and the cat", "a bike without wheels")."""
    words, places = unled(" ".join(re.findall(r"[a-z0-9'-]+", text.lower()))), []
    if set(words) & _MORE:
        return []
    for w in words:
        if w in PLACING:
            places.append([])
        elif places and w not in _OWNERS:
            places[-1].append(w)
    return [" ".join(p) for p in places if p]
