"""Category words for pictures: "dog", "pets", "vehicles" find the labels that ARE one.

A query is matched against what each ImageNet label means (its WordNet ancestors and
everyday words, ``indexers/data/imagenet_hypernyms.json``), not only against how its
name sounds in the text model: "dog" then finds a Pekingese and never a tiger cat.
A frame's category evidence is the probability the classifier gave to labels of that
category, an absolute number (0..1) that means the same in every film.
"""
from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import numpy as np
from rapidfuzz import fuzz, process
from cutbot.indexers.visual import imagenet_classes, label_ancestors, label_terms

from . import everyday, parts, word_forms
from .calibration import LABELS
from .kinds import load as _wordnet
from .lexical import LEXICAL, STOP, _lemma, fold, sound, stem
from .numbers import COUNTS
from .typos import is_word, respelled, sounding  # noqa: F401 - is_word: its home is typos

_RELATIONS = everyday.RELATIONS  # "the man WITH the camera" is a description, no category
# Words that point at material, not at a thing in it ("kitchen stuff", "the funny bits"):
# never the head that names a category.
FILLER = frozenset(["stuff", "thing", "things", "something", "anything", "everything", "bit", "bits",
                    "part", "parts", "piece", "pieces", "footage", "material", "content", "one", "ones",
                    "scene", "scenes", "shot", "shots", "moment", "moments", "clip", "clips", "kind", "sort",
                    "type", "lot", "lots", "whatever", "segment", "segments", "section", "sections", "sequence",
                    "sequences", "portion", "portions", "excerpt", "excerpts", "interlude", "interludes"])
#: the words before a thing that say how many, not what ("the two wheels", "loads of old coins", "a couple of dogs")
_LEAD = re.compile(r"^(?:(?:a bunch of|a couple of|a pair of|a load of|lots of|plenty of|loads of|heaps of|tons of"
                   r"|the|a|an|some|any|all|every|more|both|several|many|few|%s)\s+)+" % "|".join(COUNTS))
_WORD = re.compile(r"[a-z][a-z'-]*")
_NAME = re.compile(r"\b[A-Z][a-z]+\.?\s+[A-Z][a-z]+")  # "Grace Hopper", "Mr. Smith"


@dataclass(frozen=True)
class Category:
    """The labels one query names, and the word that named them."""

    term: str  # "pet", "vehicle", "something to eat"
    labels: frozenset[str]  # label names (lower case) of that category
    whole: bool = True  # the whole query names it (not only its last words, the head)
    # Label -> weight for a word below or beside the labels ("mandrill" -> baboon 0.8);
    # empty when every label IS the category (weight 1).
    weights: tuple[tuple[str, float], ...] = ()
    # The whole query is this noun (not a head word of a description): a noun beside the
    # labels ("helicopter" -> airliner, warplane) that the classifier names in no frame is
    # not seen, so the label-name similarity alone may not claim it (search._categories).
    named: bool = False


def _forms(text: str) -> list[str]:
    t = _LEAD.sub("", " ".join(_WORD.findall(text.lower())))
    return list(dict.fromkeys([t, fold(t)]))


@lru_cache(maxsize=4096)
def category(text: str) -> Category | None:
    """``_category`` of the words as typed, else of their spelling folded onto label words."""
    if (core := everyday.widened(text)[0]) and core != text.strip():  # "critters of any kind"
        return category(core)
    typed = " ".join(_WORD.findall(text.lower()))
    use = word_forms.use_kind(_LEAD.sub("", typed), framed=True)
    found = (_use(use) if use else None) or _category(text)  # "things you can ride": vehicles
    if found is None and not _NAME.search(text):
        plain = everyday.reword(_LEAD.sub("", typed), _names_kind)  # "doggo", "things you can eat"
        if plain is not None and (found := _use(plain) or _category(plain)) is not None:
            return found
        fixed = respelled(typed)  # the one typo fixer (typos.respelled)
        if fixed == typed:  # "the rockit": no word, and too far for the fixer, but it sounds right
            fixed = sounds_like(typed, LABELS.sound_ratio)
        if fixed == typed and " " in typed and not all(is_word(w) for w in typed.split()):
            fixed = _phrase_like(_LEAD.sub("", typed))  # "somthing to eat": a typo in a phrase
        if fixed != typed:
            found = _category(fixed, heads=False)  # a typo fix must name the whole thing
    return found


@lru_cache(maxsize=1)
def _phrases() -> tuple[str, ...]:
    return tuple(sorted(t for t in set().union(*label_terms().values()) if " " in t))


def _use(kind: str) -> Category | None:
    """A kind as word_forms.USES writes it ("something to eat but not beverage"), else None."""
    wanted, _, but = kind.partition(" but not ")
    found = _category(wanted, heads=False) if but or wanted in word_forms.USES.values() else None
    other = _category(but, heads=False) if found and but else None
    return replace(found, labels=found.labels - other.labels) if other else found


def _names_kind(word: str) -> bool:  # a base word everyday.reword may read a pet form as
    return _category(word, heads=False) is not None


def _phrase_like(typed: str) -> str:
    """The category phrase a typed phrase misspells (the typo fixer's ratio), or ``typed``."""
    near = process.extractOne(typed, _phrases(), scorer=fuzz.ratio, score_cutoff=LEXICAL.spelling_ratio)
    return near[0] if near else typed


def sounds_like(text: str, least: float, words_too: bool = False) -> str:
    """``text`` with each word that is no English word (or, with ``words_too``, any word)
    read as the picture noun spelled nearly the same (fuzzy ratio ``least``) that sounds
    the same ("rockit" -> rocket; a rare real word, "mandril" (a spindle) -> mandrill)."""
    out = []
    for word in text.split():
        fixed = word
        if len(word) >= LEXICAL.min_fuzzy_len and word.isalpha() and word not in STOP and (
                words_too or not is_word(word)):
            near = [(fuzz.ratio(word, n), n) for n in sounding(word[0], sound(word), len(word))
                    if n != word and stem(n) != stem(word)]
            near = [(r, n) for r, n in near if r >= least and _category(n, heads=False) is not None]
            fixed = max(near)[1] if near else word
        out.append(fixed)
    return " ".join(out)


@lru_cache(maxsize=1)
def _nouns() -> tuple[dict[str, list[list[float]]], dict[str, str]]:
    """WordNet noun lemma -> [[class index, weight], ...], irregular plurals (wordnet_nouns.json.gz)."""
    raw = resources.files("cutbot.indexers").joinpath("data/wordnet_nouns.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    return data["lemmas"], data["plurals"]


def noun(word: str, whole: bool = True) -> Category | None:
    """A WordNet noun that no label answers to but that names things below or beside
    labels ("hatchback", "mandrills", "lorries"): its labels, weighted by distance.

    ``whole`` is always False on the result: a word only related to the labels is no
    proof that the thing is absent when the classifier names none of them."""
    lemmas, plurals = _nouns()
    for form in dict.fromkeys([word, plurals.get(word, word), stem(word) if " " not in word else fold(word)]):
        pairs = lemmas.get(form)
        if pairs:
            names = imagenet_classes()
            weights: dict[str, float] = {}
            for idx, w in pairs:
                name = names[int(idx)].name.lower()
                weights[name] = max(weights.get(name, 0.0), float(w))
            return Category(form, frozenset(weights), whole=False, weights=tuple(sorted(weights.items())))
    return _kind_word(word)


@lru_cache(maxsize=1)
def _term_senses() -> dict[int, str]:
    """WordNet synset -> the label term (a category word) that names it."""
    kinds, out = _wordnet(), {}
    for term in sorted(set().union(*label_terms().values()), key=lambda t: (len(t), t)):
        for sense in kinds.lemma(term)[:2]:
            out.setdefault(sense, term)  # the shortest word for it ("dog", not "canis familiaris")
    return out


@lru_cache(maxsize=1)
def _things() -> frozenset[int]:
    """The kinds a label can be: animals, artifacts, food, plants, natural objects (never people)."""
    return frozenset(s for w in ("animal", "artifact", "food", "plant", "natural object") for s in _lemma(w, 2))


def _kind_word(word: str) -> Category | None:
    """A word for a kind of a category word (WordNet hyponym) that the data files leave
    out because the category is wide ("pooch" -> doggie -> dog: every dog label), up to
    LABELS.kind_word_steps up from its usual sense, when that is a thing a label can be."""
    terms, things = _term_senses(), _things()
    for sense in _lemma(word, 1):
        if not things.intersection(_wordnet().ancestors(sense)):
            return None  # no thing a label can be; people are the faces' (agent/who.py)
        for up in sorted(_wordnet().ancestors(sense).items(), key=lambda kv: kv[1]):
            if 0 < up[1] <= LABELS.kind_word_steps and up[0] in terms:
                found = _category(terms[up[0]], heads=False)  # too wide a kind stands for no narrow word
                return replace(found, whole=False) if found and len(found.labels) <= LABELS.kind_word_most else None
    return None


def _category(text: str, heads: bool = True) -> Category | None:
    """The category a query names, or None when it names none (then it is a description).

    The whole phrase first ("hot dog", "something to eat"); a simple noun phrase of a
    few words may also name one by its last words, the head ("wild animals", "cute pets").
    """
    terms = label_terms()
    if _forms(text)[-1] in FILLER:
        return None  # "stuff", "things": they point at material, they name nothing
    having = _kind_having(stem(_forms(text)[0])) if _forms(text)[0].isalpha() else None  # a part
    extra = having.labels if having else frozenset()
    for form in _forms(text):
        hit = frozenset(n for n, ws in terms.items() if form in ws)
        if hit:  # ...and the labels that are parts of it ("radiator grille" for a car)
            return Category(form, hit | extra | (parts.wholes(form) if " " not in form else frozenset()))
    if having:
        return Category(_forms(text)[-1], extra)
    words = [w for w in _forms(text)[-1].split()]
    if not words or _NAME.search(text):
        return None  # a name ("Grace Hopper" is no kind of hopper)
    gear = _gear(_forms(text)[0].split()) if heads else None
    if gear is not None:
        return gear
    if len(words) <= 3 and not _RELATIONS & set(words):
        found = noun(" ".join(words))
        if found is not None:  # named: absent when none is seen, if its labels stand for it
            found = coloured(words) or found
            return replace(found, named=parts.coverage(found.term, found.labels) >= parts.PARTS.named_coverage)
    if not heads or len(words) > 4 or _RELATIONS & set(words):
        return None  # a description
    if len(words) > 1 and words[-1] in FILLER:  # "the beach scenes", "dog bits": the rest names it
        return _category(" ".join(words[:-1]), heads)
    known = _lemma(" ".join(words), 1) if len(words) > 1 else []  # a compound WordNet knows: a thing ("sea
    if any(_things().intersection(_wordnet().ancestors(s)) for s in known):  # creature") is its own kind; no thing
        return None  # ("traffic jam", "dog show") shows its first words' kind, not its head's other sense
    if known and not STOP.intersection(words):  # ("game" birds); "a cup of tea" (a liking): by its head
        return _category(" ".join(words[:-1]), False)
    for k in range(len(words) - 1, 0, -1):
        head = " ".join(words[k:])
        if head in STOP:
            continue
        hit = frozenset(n for n, ws in terms.items() if head in ws)
        if hit:
            return Category(head, hit, whole=False)
    for k in range(len(words) - 1, 0, -1):  # "a red hatchback": a noun below the labels
        head = " ".join(words[k:])
        found = None if head in STOP else noun(head)
        if found is not None:
            return found
    return None


def coloured(words: Sequence[str]) -> Category | None:
    """ "the red squirrel", "a grey heron": a colour before a kind the labels are is that kind
    in that colour (the parser sets ``Query.colour``), not the species WordNet names so,
    whose sibling label the classifier would then be sure of instead (fox squirrel 0.94).
    Only a compound WordNet names (clothes, "the orange suit", stay a description); an
    ImageNet class named so ("red fox", "black swan") is found before, as a label term."""
    if len(words) < 2 or not re.fullmatch(word_forms.COLOUR_WORDS, words[0]):
        return None
    head = _category(" ".join(words[1:]), heads=False)
    return replace(head, whole=False) if head is not None and head.labels and not head.weights else None


@lru_cache(maxsize=256)
def _kind_having(part: str) -> Category | None:
    """The kind named for having ``part`` ("wheel" -> "wheeled vehicle", "string" ->
    "stringed instrument", "hoof" -> "hoofed animal"): "wheels" or "anything with wheels"
    (the parser keeps "wheels") is a car or a tram too, though no label is a wheel of it.
    The widest such two-word label term of at least LABELS.having_least labels; else what
    has that part by WordNet ("engine", "sail": agent/parts.py)."""
    best: Category | None = None
    has = parts.having(part) if part.isalpha() else frozenset()  # "engine": what has one (WordNet)
    if has:
        best = Category(part, has, whole=False)
    for term in _phrases():
        first, *kind = term.split()
        if len(kind) != 1 or not first.endswith("ed") or first == part or stem(first) != part:
            continue
        hit = frozenset(n for n, ws in label_terms().items() if term in ws)
        if len(hit) >= LABELS.having_least and (best is None or best.term == part or len(hit) > len(best.labels)):
            best = Category(term, hit, whole=False)
    return best


# Words for the things used in an activity: "photography gear" is what photography uses,
# never a gear wheel (WordNet's first sense) nor gear in general.
GEAR = frozenset(["gear", "equipment", "kit", "supplies", "paraphernalia", "apparatus", "accessories"])
# The label terms' heads for such things ("photographic equipment", "kitchen utensil").
_GEAR_HEADS = ("equipment", "apparatus", "device", "utensil", "implement", "instrument", "appliance", "tool")


def _gear(words: Sequence[str]) -> Category | None:
    """"photography gear", "kitchen gear", "camera gear": the label terms for equipment
    whose first word begins like the activity ("photographic equipment"; LABELS.gear_prefix
    letters), else what the activity word names ("camera"); None for any other phrase."""
    if len(words) != 2 or words[1] not in GEAR or words[0] in STOP:
        return None
    mod, n = words[0], LABELS.gear_prefix
    terms = [t for t in _phrases() if len(t.split()) == 2 and t.split()[1] in _GEAR_HEADS
             and len(mod) >= n and t[:n] == mod[:n]]
    hit = frozenset(name for name, ws in label_terms().items() if any(t in ws for t in terms))
    if hit:  # named by its widest term: speech over a shot is weighed against that word
        widest = max(terms, key=lambda t: (sum(t in ws for ws in label_terms().values()), t))
        return Category(widest, hit, whole=False)
    found = _category(mod, heads=False)
    named = found is not None and found.term == mod and not found.weights  # "fishing" is no fish
    return replace(found, whole=False) if named else None


def head_of(text: str) -> str | None:
    """The thing a description names before its first relation word ("the critter up in
    the tree" -> "critter"; "the dog running on the beach" -> "dog"), when
    it is a category; None for no description."""
    words = everyday.unled(_forms(everyday.reword(_forms(text)[0], _names_kind) or text)[0])  # "doggo on the sofa"
    cut = next((k for k, w in enumerate(words) if w in everyday.LINKS), None)
    if not cut:
        return None
    head = words[:cut]
    verb = next((k for k, w in enumerate(head) if k and len(w) > 4 and w.endswith(("ed", "ing"))), None)
    if verb is not None and _category(" ".join(head[:verb])) is not None:
        head = head[:verb]  # "the bike chained up": a verb after the thing is no chain ("bushy tailed critter": no verb)
    while head:  # "dog running", "critter": the words before the thing's name go first
        found = _category(" ".join(head)) if _lemma(head[-1]) else None
        if found is not None and found.labels:
            return found.term
        head.pop()
    return None


@lru_cache(maxsize=1024)
def parent(cat: Category) -> Category | None:
    """The nearest wider kind all its labels share ("bicycle" -> "wheeled vehicle"; "tram" stands in)."""
    own = [n for n in sorted(cat.labels) if cat.term in label_terms().get(n, ())]  # not its parts
    chains = [label_ancestors().get(n, ()) for n in own or sorted(cat.labels)]
    if not chains or len(cat.labels) > 40:
        return None
    for a in chains[0]:
        if a != cat.term and all(a in c for c in chains[1:]):
            wider = frozenset(n for n, ws in label_terms().items() if a in ws)
            return Category(a, wider) if len(wider) <= 60 else None
    return None


def category_scores(frames: Sequence, cat: Category) -> np.ndarray:
    """Per frame, the probability its classifier gave to labels of ``cat``."""
    weight = dict(cat.weights)
    return np.array([sum(p * weight.get(name.lower(), 1.0) for name, p in f.labels if name.lower() in cat.labels)
                     for f in frames], dtype=float)


def seen_kind(frames: Sequence, text: str, loose: bool = False) -> bool:
    """Whether ``text`` is a category word some frame's labels clearly are."""
    cat = category(text)
    floor = LABELS.category_loose if loose else LABELS.category_floor
    return cat is not None and cat.whole and bool((category_scores(frames, cat) >= floor).any())


def fleeting(frames: Sequence, rows: np.ndarray, shot_rows: np.ndarray, probs: np.ndarray, cat: Category) -> bool:
    """A weak label in a few frames of a shot (``shot_rows``; ``rows`` at the floor): under
    category_sure in all, at the floor in under category_share of them, and the likeliest
    label (at the floor) in under category_first of them (calibration.LabelOptions)."""
    firsts = sum(1 for f in (frames[i] for i in shot_rows.tolist()) if f.labels and max(p for _, p in f.labels)
                 >= LABELS.category_floor and max(f.labels, key=lambda lp: lp[1])[0].lower() in cat.labels)
    return probs[rows].max() < LABELS.category_sure and rows.size < LABELS.category_share * shot_rows.size and not (
        firsts >= LABELS.category_first_frames and firsts >= LABELS.category_first * shot_rows.size)


def sure_scores(frames: Sequence, cat: Category) -> np.ndarray:
    """Per frame, its likeliest label of ``cat``: how sure of one thing, not of the kind."""
    return np.array([max((p for name, p in f.labels if name.lower() in cat.labels), default=0.0)
                     for f in frames])


def label_detail(frame_labels: Sequence[tuple[str, float]]) -> str:
    """A frame's two likeliest labels, as evidence shows them ("labels tabby 0.80, lynx 0.10")."""
    merged: dict[str, float] = {}  # ImageNet names repeat ("missile" twice)
    for name, p in frame_labels:
        merged[name] = merged.get(name, 0.0) + p
    top = sorted(merged.items(), key=lambda kv: -kv[1])[:2]
    return "labels " + (", ".join(f"{name} {p:.2f}" for name, p in top) or "none")


def person_like(frames: Sequence) -> np.ndarray:
    """Per frame, the probability of labels that are people (a diver, a groom, a player)."""
    return category_scores(frames, cat) if (cat := category("person")) else np.zeros(len(frames))
