"""A thing's WordNet relatives in the picture: where the classifier's labels show a close
relative of the asked noun, the frame shows that relative, not the noun. Two cases, one
kinship (each with its own dev measurement below):

* A stand-in label is not the thing. A noun with no ImageNet class of its own ("tea",
  "hatchback", "helicopter") is found through the labels beside it (labels.noun: its
  parent's classes, weighted). That is right where the classifier hesitates between those
  classes: it had no class for the thing and spread its belief. It is wrong where the
  classifier is SURE of one of them that is a close relative but not the noun ("a cup of
  tea" on a frame of espresso 0.79): the frame then shows the rival, as an orange at 0.70
  is no banana. A label the noun is a kind of ("mandrill" -> baboon) is never a rival: it
  IS the noun (``close_rival``, ``drop_rivals``).
* A thing not in the picture, told by its relatives: the classifier spreads its belief over
  similar classes, so an asked class scores on the shots of a relative ("moped" 0.12 where a
  bicycle is shown; "Persian cat" where a tabby is). Where the asked class never LEADS its
  relatives (the labels under one of its close WordNet kinds: bicycle and motorbike are both
  wheeled vehicles; dog and cat are both carnivores), those shots show the relative, not the
  thing, and the answer says so and names the relative ("the bicycle is there, not a
  motorbike"; ``shadowed``). The picture's mirror of ``spoken.sibling_said`` ("Portugal"
  said is not "Spain"). The evidence is the film's own: the asked class must out-score every
  relative on some frame of the film to be kept; a film with both a dog and a cat keeps its
  dog shots.
* A relative SAID is not the topic (``relative_said``): "Mostly, ducks." is no line about the
  swans, "back from Leeds" none about London; the same kinship (``kin_senses``) read in the
  transcript's own words, past ``spoken.sibling_said``'s one parent.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
from cutbot.indexers.visual import imagenet_classes

from . import labels, parts, said_over
from .calibration import LABELS
from .kinds import load as _wordnet
from .lexical import LEXICAL, _lemma, content_words, stem, topics
from .person_words import person_noun

if TYPE_CHECKING:
    from cutbot.indexers.schema import TextEmbedder

    from .lexical import Transcript


@dataclass(frozen=True)
class StandInOptions:
    # A label is a close rival of a noun when the noun is a kind of the label's own narrow
    # kind: one of the kinds at most this many WordNet steps above the label (its parent: 1,
    # grandparent: 2). Dev (4 films): tea -> espresso (coffee, beverage: 2; the rival the
    # classifier named on dialogue's coffee shot, 0.79); art -> comic book (magazine,
    # periodical; art meets it only at creation, 6 up: gallery's street art, found by it,
    # stays found); mandrill -> baboon is the noun's parent itself (no rival: it IS one).
    rival_steps: int = 2


STANDINS = StandInOptions()


@lru_cache(maxsize=4096)
def close_rival(term: str, label: str, steps: int = STANDINS.rival_steps) -> bool:
    """Whether ``label`` (an ImageNet class name) is a close relative of the noun ``term``
    that the noun is not a kind of (see StandInOptions); False where WordNet lacks either."""
    word, named = parts.usual_sense(term), parts.usual_sense(label.lower())
    if word is None or named is None or word == named:
        return False
    above = _wordnet().ancestors(word)
    if named in above:
        return False  # the noun is a kind of the label: the label stands for it
    if word in _wordnet().ancestors(named):
        return False  # the label is a kind of the noun
    # the noun is of the label's narrow kind (its parent or grandparent): tea and espresso
    # are beverages (espresso -> coffee -> beverage); sun tea too
    return any(1 <= step <= steps and kind in above for kind, step in _wordnet().ancestors(named).items())


def asked_noun(text: str, cat: labels.Category) -> str | None:
    """The noun a query asks for, where its labels only stand in for it: the word beside the
    labels ("tea"), or a compound noun that names a kind of its head word, the labels' word
    ("string tie": a tie, but not a bow tie; never a synonym-like kind, "pooch" for dog);
    None where the labels ARE the thing."""
    if cat.weights:
        return cat.term
    head = parts.usual_sense(cat.term)
    for form in labels._forms(text) if not cat.whole and head is not None else ():
        sense = parts.usual_sense(form)
        if form.endswith(f" {cat.term}") and sense is not None and head in _wordnet().ancestors(sense) \
                and labels.coloured(form.split()) is None:  # "red squirrel": a squirrel, red
            return form
    return None


def sure_rivals(frames: Sequence, cat: labels.Category, noun: str | None, frame_shot: np.ndarray,
                shot_words: Sequence[Sequence[str]]) -> np.ndarray:
    """Per frame, True where the classifier is sure (LABELS.category_sure) of one label of
    ``cat`` that is a close rival of ``noun``, and nobody over the shot names the noun."""
    out = np.zeros(len(frames), dtype=bool)
    if noun is None:
        return out  # every label IS the category
    for i, f in enumerate(frames):
        best = max(((p, n) for n, p in f.labels if n.lower() in cat.labels), default=None)
        if best is None or best[0] < LABELS.category_sure or not (close_rival(noun, best[1]) or kin(noun, best[1])):
            continue
        out[i] = said_over.spoken_verdict(noun, shot_words[int(frame_shot[i])]) is not True
    return out


def drop_rivals(scorer: Any, cat: labels.Category, text: str, per_shot: list) -> np.ndarray:
    """``sure_rivals`` in the search Scorer's film, with every frame of their shots (a clip holds
    one thing: its hesitant frames show the same rival), and the picture similarity's evidence
    in those shots given way: "a cup of tea" is no nearer to tea on a frame of espresso. Dev
    (3053 requests): dev_film "the chipmunk" (fox squirrel 0.87-0.94 in 3 of 6 frames, 0.34-0.44
    in the rest) answered nothing, 2 up, no row down."""
    frame_shot = scorer.frame_shot
    rivals = sure_rivals(scorer.index.frames, cat, asked_noun(text, cat), frame_shot, scorer.shot_words)
    rivals = np.isin(frame_shot, frame_shot[rivals])  # a shot sure of the rival anywhere shows the rival
    for shot in set(frame_shot[rivals].tolist()):
        per_shot[shot][:] = [e for e in per_shot[shot] if e.modality != "visual"]
    return rivals


@dataclass(frozen=True)
class RelativeOptions:
    # A relative of an asked noun is a label under one of the noun's close kinds: at most
    # ``steps`` WordNet steps above its usual sense, and at least ``min_depth`` deep
    # (shallower kinds, "whole", "organism", hold everything), that is neither a kind of the
    # noun nor a kind the noun is, nor a child of the noun's own parent (relative_labels).
    # Dev, all five dev films (bench/relatives_dump.py --terms: 67 truth-visible words the
    # classifier puts at the floor vs 446 label words at the floor that no visible word's
    # labels hold): steps 2 / depth 7 keeps 67/67 present and 441/446 absent; steps 3 / depth
    # 7: 67/67 and 431/446; steps 4: 67/67 and 428/446; depth 6 or 5 (steps 3) loses a present
    # word (66/67). Through the product (the same probes asked "the X"): absent answered
    # nothing 234 -> 238 of 446 (dev_film "the monkey", "ape", "catarrhine", "old world
    # monkey": its fox squirrel out-scores every primate label on every frame); no
    # truth-visible word of any dev film changes its cut; the 1076 dev rows do not move.
    # The same kinship (``kin_senses``, bounded on BOTH sides by ``steps``) also says (a) a
    # stand-in label the classifier is sure of is a relative, not the noun (``sure_rivals``:
    # "the moth" on a monarch butterfly 0.6-0.73, lepidopterans 1 and 3 up), and (b) a relative
    # said is not the topic (``relative_said``: "ducks" for "swans", "Leeds" for "London").
    # Dev split (1382 requests, bench/quality.py, same caches): absent 0.836 -> 0.867 (gallery
    # outsider8 and long_dev "the moth", long_dev "the swans", "when they talk about London"),
    # mean F1 0.819 -> 0.822, constraints 0.856 -> 0.859, no row down. Bounded on the noun's side
    # only, "bug" (insect, 4 up from the butterfly) lost gallery's "the bug on the leaf".
    steps: int = 3
    min_depth: int = 7
    # The asked class LEADS a frame where its probability is at the floor and above the
    # likeliest relative label's by more than this. Dev: the thinnest present lead is the
    # sample film's car over a tram, +0.04 (0.12 vs 0.08), and its space suit over a bow tie,
    # +0.04: any margin above 0.04 drops them.
    lead_margin: float = 0.0


RELATIVES = RelativeOptions()
SEEN = "the picture shows "  # how a note naming the relative seen instead begins


@lru_cache(maxsize=1)
def _class_senses() -> tuple[tuple[str, int], ...]:
    """(label name, lower case; its own WordNet synset) per ImageNet class."""
    return tuple((c.name.lower(), own) for c, own in zip(imagenet_classes(), parts._data()[2]))


@lru_cache(maxsize=1024)
def relative_labels(term: str, own: frozenset[str], steps: int = RELATIVES.steps,
                    min_depth: int = RELATIVES.min_depth) -> frozenset[str]:
    """Label names (lower case) that are relatives of the noun ``term`` (see
    RelativeOptions), leaving out ``own``, the labels that answer to the noun itself."""
    sense = parts.usual_sense(term)
    if sense is None:
        return frozenset()
    kinds = _wordnet()
    above = kinds.ancestors(sense)
    close = {a: s for a, s in above.items() if 1 <= s <= steps and int(kinds.depth[a]) >= min_depth}
    if not close:
        return frozenset()
    out = set()
    for name, syn in _class_senses():
        if name in own:
            continue
        up = kinds.ancestors(syn)
        if sense in up or syn in above:
            continue  # a kind of the noun, or a kind the noun is: no relative, the thing itself
        shared = [(close[a], up[a]) for a in close if a in up]
        # two children of one parent (tabby / Egyptian Mau, orange / lemon) are the classifier's
        # own split of what people name alike: its belief spreads between them on either
        if shared and (1, 1) not in shared:
            out.add(name)
    return frozenset(out)


def close_kinds(sense: int, steps: int = RELATIVES.steps, min_depth: int = RELATIVES.min_depth) -> dict[int, int]:
    """A sense's close kinds (RelativeOptions): kind -> WordNet steps above the sense."""
    kinds = _wordnet()
    return {a: s for a, s in kinds.ancestors(sense).items() if 1 <= s <= steps and int(kinds.depth[a]) >= min_depth}


def kin_senses(sense: int, other: int) -> bool:
    """Whether ``other`` is a relative of ``sense`` (RelativeOptions): both under one close
    kind (at most ``steps`` above EACH), and neither a kind of the other ("moth" and a monarch
    butterfly are lepidopterans, 1 and 3 up; "swan" and "duck" aquatic birds, 1 and 3; London
    and Leeds cities, 2 and 1). Both sides bound: "bug" (a general insect) meets the monarch
    only at insect, 4 up from the butterfly: gallery's "the bug on the leaf" stays found."""
    if sense == other:
        return False
    up, above = _wordnet().ancestors(other), _wordnet().ancestors(sense)
    if sense in up or other in above:
        return False  # a kind of the thing, or a kind the thing is: the thing itself
    return any(up.get(a, RELATIVES.steps + 1) <= RELATIVES.steps for a in close_kinds(sense))


@lru_cache(maxsize=4096)
def kin(term: str, label: str) -> bool:
    """``kin_senses`` for a noun and an ImageNet class name (their usual senses): a stand-in
    label the classifier is sure of, under one of the noun's close kinds, shows that relative
    ("the moth" on a monarch butterfly at 0.7: both lepidopterans, the butterfly 3 steps down,
    past close_rival's 2). False where WordNet lacks either."""
    word, named = parts.usual_sense(term), parts.usual_sense(label.lower())
    return word is not None and named is not None and kin_senses(word, named)


def relative_scores(frames: Sequence, rel: frozenset[str]) -> tuple[np.ndarray, list[str]]:
    """Per frame, the probability of its likeliest relative label, and that label's name."""
    best, names = np.zeros(len(frames)), [""] * len(frames)
    for i, f in enumerate(frames):
        merged: dict[str, float] = {}  # ImageNet names repeat ("missile" twice)
        for name, p in f.labels:
            if name.lower() in rel:
                merged[name] = merged.get(name, 0.0) + p
        if merged:
            names[i], best[i] = max(merged.items(), key=lambda kv: kv[1])
    return best, names


@dataclass(frozen=True)
class Verdict:
    """Frames where the asked class scores only as a relative's shadow, and that relative."""

    shadowed: np.ndarray  # bool per frame: drop the asked class's evidence there
    relative: str  # the relative seen most where the asked class scored ("mountain bike")


def shadowed(frames: Sequence, term: str, own: frozenset[str], probs: np.ndarray, floor: float) -> Verdict | None:
    """Where ``probs`` (the asked class, per frame) is at the floor but the class never leads
    its relatives anywhere in the film (RelativeOptions.lead_margin), each such frame where a
    relative out-scores it shows the relative. Where it leads somewhere it is kept everywhere: a
    suit is worn under a bow tie that out-scores it, a relative beside the thing (None)."""
    rel = relative_labels(term, own)
    if not rel or not (probs >= floor).any():
        return None
    best, names = relative_scores(frames, rel)
    carried = probs >= floor
    leads = carried & (probs - best > RELATIVES.lead_margin)
    if leads.any():
        return None  # the thing leads somewhere: present, with its relatives beside it maybe
    out = carried & (best >= probs)  # best >= probs > 0 there: a relative label is named
    if not out.any():
        return None
    seen: dict[str, float] = {}
    for i in np.flatnonzero(out).tolist():
        seen[names[i]] = seen.get(names[i], 0.0) + float(best[i])
    return Verdict(out, max(seen, key=lambda k: seen[k]))


def seen_instead(relative: str, term: str) -> str:
    """The note that names the relative seen in place of the thing, as a suggestion."""
    return f"{SEEN}a {relative.lower()}, not a {term} (try '{relative.lower()}')"


# -- a relative said --------------------------------------------------------------------------
# The spoken mirror of ``shadowed``. ``spoken.sibling_said`` refuses a line that names a SIBLING
# of the topic ("Portugal" for "Spain": one WordNet parent). Meaning reaches further than one
# parent: "Mostly, ducks." means "the swans" (.48 in MiniLM) though a duck is a swan's cousin
# (both aquatic birds, 3 steps up from the duck), and "the way back from Leeds" means "London"
# (.50; both cities). The words said name the other thing; only the shared kind lends the line
# its meaning. So a line is refused for a topic where it says a relative of the topic's head
# noun (``kin_senses``), says neither the topic nor a kind of it, and means that relative more
# than the topic; only for a thing or a place, not an event (a trip is told by its hiking).
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_MIN_LETTERS = 3  # "ox", "an": too short to name a thing reliably in a transcript (as sibling_said)


@lru_cache(maxsize=65536)
def said_sense(word: str) -> int | None:
    """A spoken word's usual noun sense (its own lemma first, then its singular's)."""
    senses = _lemma(word)
    return senses[0] if senses else None


@lru_cache(maxsize=1)
def _event() -> int:
    """WordNet 3.0 "event" (acts, happenings): a topic that is something done is told by its
    relatives. Dev: interview "when they plan the trip" / "the hiking trip" (trip -> journey ->
    travel) lost their "walking in the mountains" and "two weeks of hiking" lines without it."""
    return _wordnet().lemma("event")[0]


@lru_cache(maxsize=65536)
def _kin(sense: int, other: int) -> bool:
    return kin_senses(sense, other)


@lru_cache(maxsize=65536)
def _may_be(word: str, other: int) -> bool:
    """Whether ``word`` in ANY of its senses is the thing ``other`` or a kind it is: "the bike"
    (usually a motorcycle) may be the bicycle said, which is then no relative."""
    up = _wordnet().ancestors(other)
    return any(s == other or s in up for s in _lemma(word))


def line_words(transcript: Transcript, i: int) -> list[str]:
    """The words of sentence ``i`` as said (lower case, not stemmed: "Leeds" is no "leed")."""
    return [w.lower() for w in _WORD.findall(transcript.sentences[i].text)]


def relative_said(vectors: np.ndarray, text: TextEmbedder, transcript: Transcript, topic: str,
                  said: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """Per sentence, True where it names a relative of the topic's head noun (and neither the
    topic nor a kind of it) and means that relative more than the topic (module docstring)."""
    out = np.zeros(len(said), bool)
    found = topics(topic)
    if not found or not len(transcript.sentences):
        return out
    phrase = found[-1][0]
    mine = said_sense(phrase)
    if mine is None or _event() in _wordnet().ancestors(mine):
        return out  # something done or happening: its relatives describe it ("hiking" is the trip)
    own = set(content_words(topic)) | {phrase}
    words: dict[int, list[str]] = {}
    for i in np.flatnonzero((said < LEXICAL.said_floor) & (kinds <= 0)).tolist():
        for w in line_words(transcript, i):
            if len(w) < _MIN_LETTERS or w in own or stem(w) in own:
                continue
            other = said_sense(w)
            if other is not None and other != mine and _kin(mine, other) and not _may_be(phrase, other):
                words.setdefault(i, []).append(w)
    return means_other_more(vectors, text, phrase, words, out)


def means_other_more(vectors: np.ndarray, text: TextEmbedder, phrase: str, words: dict[int, list[str]],
                     out: np.ndarray) -> np.ndarray:
    """``out`` with True at each line that means one of its ``words`` (another thing it names)
    more than ``phrase``: the words said name the other thing."""
    if not words:
        return out
    names = sorted({w for ws in words.values() for w in ws})
    near = vectors @ text.embed([phrase] + names).T
    for i, ws in words.items():
        out[i] = max(near[i, 1 + names.index(w)] for w in ws) > near[i, 0]
    return out


def pictured_kind_said(transcript: Transcript, topic: str) -> np.ndarray:
    """Per sentence, 1 where it says a thing every picture of which the topic's category word
    names, where WordNet sets no picture under that word: "my little dog" for "his pet" (every
    dog breed is a pet by the labels' everyday words, labels.category; not every cat). Not a
    person: people words are the people module's."""
    found = topics(topic)
    cat, usual = (labels.category(found[-1][0]), parts.usual_sense(found[-1][0])) if found else (None, None)
    if cat is None or cat.weights or not cat.whole or usual is None or _under(frozenset([usual])) \
            or person_noun(found[-1][0]):
        return np.zeros(len(transcript.sentences))
    own, lines = set(content_words(topic)), [line_words(transcript, i) for i in range(len(transcript.sentences))]
    kind = {w for ws in lines for w in ws if len(w) >= _MIN_LETTERS and stem(w) not in own
            and (pictured := _under(frozenset(_lemma(w)))) and pictured <= cat.labels}
    return np.array([bool(kind.intersection(ws)) for ws in lines], float)


@lru_cache(maxsize=65536)
def _under(senses: frozenset[int]) -> frozenset[str]:
    """The labels that ARE one of ``senses`` or a kind of one ("bike": motorbikes and bicycles)."""
    return frozenset(n for n, own in _class_senses() if own in senses or senses.intersection(_wordnet().ancestors(own)))


def other_kind_said(transcript: Transcript, topic: str) -> np.ndarray:
    """Per sentence, True where it says the topic's head noun after another noun that is a
    relative of the topic's own modifier (or a kind just above it), and never the modifier:
    "the football match" is no line about "the rugby match" (rugby is a football game),
    "a train journey" none about "the bus journey". The head said lends the line the topic's
    words; the noun before it says which one it is."""
    out = np.zeros(len(transcript.sentences), bool)
    words = content_words(topic)
    mine = said_sense(words[-2]) if len(words) >= 2 else None
    if mine is None:
        return out
    mod, head = stem(words[-2]), stem(words[-1])
    above = _wordnet().ancestors(mine)
    for i in transcript.tf.get(words[-1], {}):  # only the lines that say the head noun
        said = line_words(transcript, i)
        if any(stem(w) == mod for w in said):
            continue
        for a, b in zip(said, said[1:]):
            other = said_sense(a) if stem(b) == head and len(a) >= _MIN_LETTERS else None
            if other is not None and (_kin(mine, other) or 0 < above.get(other, RELATIVES.steps + 1) <= RELATIVES.steps):
                out[i] = True
    return out
