"""Words said aloud: BM25 over stems, with fuzzy and phonetic matches for misheard words.

Meaning alone (an embedding) is too generous: a sentence that names a theme ("all kinds
of animals") comes close to every animal. A spoken topic must also be *said*, so this
module scores how much of a query's information a sentence says, on an absolute 0..1
scale (BM25, normalised by what a sentence saying every query word once would score),
counting a word the speech recogniser misheard ("brocolli", "the quiet libarian") as
nearly said. A kind of the topic said aloud counts too ("playing cards" in "seven of
clubs"), by the WordNet noun hierarchy. Quotes are found the same way over the word
timeline, word by word (agent/quotes.py).
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import jellyfish
import numpy as np
from rapidfuzz import fuzz, process

from .kinds import load as _wordnet
from .traits import first_names
from .word_forms import ALOUD, POSSESSIVES, SUBJECT_PRONOUNS, name_key, stem

STOP = frozenset(["a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "and", "or", "but", "is", "are", "was", "were", "be", "been", "this", "that", "these", "those", "it", "its", "there", "here", "where", "when", "who", "what", "which", "some", "any", "all", "every", "scene", "scenes", "shot", "shots", "part", "parts", "bit", "bits", "moment", "moments", "one", "ones", "about", "from", "by", "as"])
# How viewers point at speech ("the talk about soup", "where they mention trains"):
# words about talking, never the topic itself.
SPEECH_WORDS = frozenset(["talk", "talks", "talking", "talked", "say", "says", "saying", "said", "mention", "mentions", "mentioned", "mentioning", "speak", "speaks", "speaking", "spoke", "discuss", "discusses", "discussing", "discussed", "discussion", "conversation", "chat", "chatting", "line", "lines", "word", "words", "someone", "somebody", "he", "she", "they", "topic", "subject"])
WORD = re.compile(r"[a-z0-9']+")
# The verbs that help other verbs (a closed class): never a topic, though WordNet knows some as
# rare nouns ("the haves"); not "can", "will", "may", "must", also things talked of (a tin can, a
# last will). Dev (5561): gallery "what someone likes to have for breakfast" 0 -> 1, 1 more up, 0 down.
AUXILIARIES = frozenset("""be am is are was were been being have has had having do does did doing done
    would shall should could""".split())
_NO_TOPIC = STOP | SPEECH_WORDS | AUXILIARIES
# How viewers point at the moment a topic is spoken of ("when X comes up", "every time
# someone brings up X", "where X is mentioned"): discourse around the topic, never the topic.
_DISCOURSE = re.compile(r"\b(?:(?:every|each|any) ?time|(?:comes?|came|coming|brings?|brought|bringing|gets?|got) up"
                        r"|(?:is|are|was|were|gets?|got|being) (?:mentioned|said|discussed|talked about|brought up)"
                        rf"|(?:goes|go|going|went) on|(?:gets?|got|is|are|being)? ?{ALOUD}"
                        r"|narrator|narration|voice ?over)\b")

_POINTERS = frozenset(["about", "regarding", "concerning", "where", "when", "bit", "bits", "part", "parts",
                       "scene", "scenes", "moment", "moments", "shot", "shots", "name", "names"])


#: what follows a leading gerund when the rest is its object ("planning the trip", "waiting for the bus")
_DETERMINERS = frozenset(("the", "a", "an", "this", "that", *POSSESSIVES))
_GERUND_OBJECT = _DETERMINERS | frozenset("into onto to for about on at with".split())


def spoken_topic(text: str) -> str:
    """What a spoken query is about, without the words that point at talking ("when the
    garden comes up" -> "the garden"); the text as it was when nothing needs to go.
    Dev (bench probe, 128 phrasings of 16 dev topics): "when X comes up", "every time
    someone brings up X", "anything said about X" were 16 of 29 failures, all "nothing
    matches": the pointer words weighed as unsaid topic words and diluted the meaning."""
    words = WORD.findall(text.lower())
    kept = [w for w in WORD.findall(_DISCOURSE.sub(" ", text.lower()))
            if w not in SPEECH_WORDS and w not in _POINTERS]
    kept = _unacted(kept, text.lower())
    kept = [w for k, w in enumerate(kept) if k == 0 or w != kept[k - 1]]  # "the the weather"
    kept = [w for k, w in enumerate(kept)  # "going skiing" is skiing: "go" is no word of the topic
            if not (w in ("go", "goes", "going", "went", "gone") and kept[k + 1:k + 2] and kept[k + 1].endswith("ing"))]
    if len(kept) > 2 and kept[0].endswith("ing") and kept[1] in _GERUND_OBJECT:  # "moving into a new flat":
        kept = kept[2:] if kept[1] in _GERUND_OBJECT - _DETERMINERS else kept[1:]  # what is done is rarely said
    while kept and kept[0] in STOP and kept[0] not in ("the", "a", "an"):
        kept = kept[1:]  # "on playing cards" -> "playing cards"
    return " ".join(kept) if kept and kept != words else text


def _unacted(kept: list[str], text: str) -> list[str]:
    """The topic without what the speakers DO and whose it is: the word right after a subject
    pronoun is a verb ("when they plan the trip" -> "the trip", "she cooks dinner" ->
    "dinner"), and a possessive before a noun names an owner, mostly one of the film's people
    ("max's job" -> "job"): the viewer's verb and the person are rarely the words said, and
    a name leans the meaning toward every line that says it ("And I'm Max." ~ "max's job"
    .56). Only when a noun remains; a bare "whatever"/"stuff" points, names nothing. Dev
    (bench/quality.py --split dev, 769 requests): interview "when they plan the trip" 0 -> 0.67,
    "whatever they say about max's job thing" 0 -> 1.0; no other row moved."""
    words = WORD.findall(text)
    acts = {words[k + 1] for k, w in enumerate(words[:-2]) if w in SUBJECT_PRONOUNS}
    out = [w for w in kept if w not in _FILLERS and w not in acts and w not in SUBJECT_PRONOUNS]
    out = [w for k, w in enumerate(out) if not (w.endswith("'s") and k < len(out) - 1)]
    return out if out != kept and topics(" ".join(out)) else kept


# Who does something in a request ("when they plan", "where everyone says hi"): the next word is
# what they do. Pointing words with no content ("whatever they say about", "the money stuff").
_FILLERS = frozenset("whatever whichever stuff thing things".split())


@dataclass(frozen=True)
class LexicalOptions:
    """Constants of word matching (the transcript side of the speech model family)."""

    k1: float = 1.2  # BM25 term-frequency saturation (the usual value)
    b: float = 0.75  # BM25 length normalisation (the usual value)
    # A film word this similar (rapidfuzz ratio, 0..100) to a query word of 5+ letters
    # is that word misheard: "libarian"~"librarian" 94, "brocolli"~"broccoli" 88, while
    # distinct words such as "train"~"brain" are 80 and "cart"~"card" 75.
    fuzzy_ratio: float = 85.0
    # ... or sounds the same (Metaphone) and still looks alike (ratio >= this).
    phonetic_ratio: float = 60.0
    fuzzy_credit: float = 0.8  # a misheard word counts for this much of a word said
    # A sentence "says" a query when it carries this share of its information (BM25):
    # one of two words said; the rarer of them, or both (sample + dev_film topics said: 0.62-1.0).
    said_floor: float = 0.5
    min_fuzzy_len: int = 5  # shorter words are matched exactly only ("cat" is not "cap")
    # A query word that is no noun is read as the noun this close (ratio) when the query
    # as typed finds nothing. Dev: "squirel" ~ squirrel 93 (dev_film), "mandril" ~ mandrill
    # 93 (gallery): both answered "nothing matches" before; one edit in 6+ letters >= 90.
    spelling_ratio: float = 90.0
    # ...and a word this long that is one letter typed for another of exactly one noun (a ratio of
    # 86 in 7 letters: "cartoom", "motorbyke" answered nothing) is that noun. Not measured on a ratio:
    # one edit, and the only noun at one edit; shorter words have many neighbours. Dev 7820: 0 rows moved.
    one_letter_len: int = 6
    # Quotes have their own options: agent/quotes.py (QuoteOptions).
    # A kind of the topic said aloud ("clubs" for "playing cards", "mandrill" for
    # "animals") says this much of it: above said_floor, below the word itself.
    kind_credit: float = 0.6
    # ...where the sentence also leans toward the topic (MiniLM cosine): a word's rarer
    # sense alone is no topic ("queen" is an insect too). Dev (all three dev films, every
    # sentence a kind matched): true 0.23-0.42 (cards, breakfast ~ food, butterfly ~
    # insects), false 0.12-0.21 ("four, queen of clubs" ~ insects .12, "summer heat" ~
    # weather .21, "the sun" ~ space .19). A thin margin: measured, not a law.
    kind_meaning: float = 0.22
    kind_depth: int = 10  # WordNet steps from a film word up to the topic
    topic_senses: int = 2  # the topic's most frequent senses only ("card": a playing card, a greeting card)
    # Topics this near the top of WordNet ("thing", "object", "whole") name no topic.
    # WordNet depths: entity 0, physical entity 1, object 2, whole 3, living thing 4, animal 6.
    topic_min_depth: int = 4


LEXICAL = LexicalOptions()


def content_words(text: str) -> list[str]:
    """Stems as said: a plural "-ings" as its singular ("weddings", "wedding": 'wed'; ``stem`` keeps the noun)."""
    return [stem(w[:-1] if w.endswith("ings") and len(w) > 5 else w) for w in WORD.findall(text.lower()) if w not in STOP]


def fold(text: str) -> str:
    """'bicycles on the street' -> 'bicycle on the street': fold plural nouns."""
    return " ".join(w if w in STOP else stem(w) for w in text.split())


@lru_cache(maxsize=65536)
def sound(word: str) -> str:
    return jellyfish.metaphone(word) if word.isalpha() else word


def _lemma(word: str, senses: int = 99) -> list[int]:
    """A noun's synsets, most frequent first; a plural adds its singular's ("numbers")."""
    kinds = _wordnet()
    out = kinds.lemma(word)[:senses]
    return out + [i for i in kinds.lemma(stem(word))[:senses] if i not in out]


@lru_cache(maxsize=65536)
def _above(word: str, first: bool = False) -> frozenset[int]:
    """Every noun synset a film word is a kind of (its first sense, or any), within kind_depth."""
    kinds = _wordnet()
    seen = set(_lemma(word, 1 if first else 99))
    frontier = list(seen)
    for _ in range(LEXICAL.kind_depth):
        frontier = [p for f in frontier for p in kinds.parents(f) if p not in seen]
        seen.update(frontier)
    return frozenset(seen)


@lru_cache(maxsize=4096)
def topics(query: str) -> tuple[tuple[str, frozenset[int]], ...]:
    """The nouns a query names ("the playing cards" -> "playing cards": its senses), longest
    phrase first; words about talking and stop words name none."""
    words = [w for w in WORD.findall(query.lower()) if w not in _NO_TOPIC]
    depth = _wordnet().depth
    out, k = [], 0
    while k < len(words):
        for n in (3, 2, 1):
            phrase = " ".join(words[k:k + n])
            if len(words[k:k + n]) < n:
                continue
            senses = [i for i in _lemma(phrase, LEXICAL.topic_senses) if depth[i] >= LEXICAL.topic_min_depth]
            if senses:
                out.append((phrase, frozenset(senses)))
                k += n
                break
        else:
            k += 1
    return tuple(out)


@lru_cache(maxsize=4096)
def synonyms(word: str) -> tuple[str, ...]:
    """The other names of a noun's usual sense (WordNet 3.0: "holiday" -> "vacation", "job"
    -> "occupation", "business", "line"): the speaker may mean the thing the viewer names
    where the embedding reads the word another way (MiniLM: "holiday" ~ "It's Mum's
    birthday" .39, ~ "I'm out of a summer trip" .32; "vacation" .54)."""
    usual = _lemma(word)[:1]
    if not usual:
        return ()
    names = _wordnet().names_of(usual[0])
    return tuple(n for n in names if stem(n) != stem(word) and n.replace(" ", "").isalpha())


_KEPT: list[tuple[object, Transcript]] = []  # the last few films' transcripts


def transcript_of(sentences: Sequence) -> Transcript:
    """One Transcript per film's sentence list, shared by every Scorer of that film."""
    for seq, t in _KEPT:
        if seq is sentences:
            return t
    t = Transcript(sentences)
    _KEPT[:] = [(sentences, t)] + _KEPT[:3]
    return t


class Transcript:
    """The film's sentences as bags of stems (BM25) and as one timeline of words (quotes)."""

    def __init__(self, sentences: Sequence, options: LexicalOptions = LEXICAL):
        self.sentences = sentences
        self.opt = options
        self.docs = [content_words(s.text) for s in sentences]
        self.lengths = np.array([max(len(d), 1) for d in self.docs], float)
        self.avg = float(self.lengths.mean()) if len(self.docs) else 1.0
        self.df: dict[str, int] = {}
        self.tf: dict[str, dict[int, int]] = {}
        for i, doc in enumerate(self.docs):
            for w in doc:
                self.tf.setdefault(w, {}).setdefault(i, 0)
                self.tf[w][i] += 1
        self.vocab = sorted(self.tf)
        self._heard: dict[str, tuple[tuple[str, float], ...]] = {}
        self._kinds: dict[tuple[str, bool], np.ndarray] = {}
        self.again: dict[str, tuple[int, ...]] = {}  # word listened for again -> the sentences that say it
        self.heard_lines: dict[int, str] = {}  # a sentence as heard again saying such a word

    def learn(self, word: str, sentences: Sequence[int], lines: Sequence[str] = ()) -> None:
        """``word`` (a stem) heard again in ``sentences`` (agent/heard_again.py), as ``lines``:
        said there from now on. A line's BM25 length stays as first heard: the word stands for
        the words misheard in its place ("can't even"), not beside them."""
        self.again[word] = tuple(sentences)
        self.heard_lines.update(zip(sentences, lines))
        new = [i for i in sentences if word not in self.docs[i]]
        if not new:
            return
        for i in new:
            self.docs[i].append(word)
            self.tf.setdefault(word, {})[i] = 1
        self.vocab = sorted(self.tf)
        self._heard.clear()
        self._kinds.clear()
        self.__dict__.pop("_heard_right", None)

    def idf(self, word: str) -> float:
        n, df = len(self.docs), len(self.tf.get(word, ()))
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def heard_as(self, word: str) -> tuple[tuple[str, float], ...]:
        """Film words that are ``word`` (1.0) or ``word`` misheard (fuzzy_credit)."""
        if word not in self._heard:
            self._heard[word] = self._hear(word)
        return self._heard[word]

    def _hear(self, word: str) -> tuple[tuple[str, float], ...]:
        out = [(word, 1.0)] if word in self.tf else []
        if len(word) >= self.opt.min_fuzzy_len and self.vocab:
            near = process.extract(word, self.vocab, scorer=fuzz.ratio, limit=8,
                                   score_cutoff=self.opt.phonetic_ratio)
            for other, ratio, _ in near:
                if other == word or len(other) < self.opt.min_fuzzy_len - 1:
                    continue
                if ratio >= self.opt.fuzzy_ratio or sound(other) == sound(word):
                    out.append((other, self.opt.fuzzy_credit))
        if (name := word.rstrip("'’")) in first_names():  # "Hana" typed, "Hannah" written: one name
            key, have = name_key(name), {x for x, _ in out}
            out += [(o, self.opt.fuzzy_credit) for o in self.vocab
                    if o not in have and o in first_names() and name_key(o) == key]
        return tuple(out)

    @cached_property
    def _heard_right(self) -> "Transcript":
        right = Transcript(self.sentences, self.opt)
        for word, sentences in self.again.items():  # heard again expecting it: heard right
            right.learn(word, sentences)
        return right

    def misheard_only(self, query: str) -> np.ndarray:
        """Per sentence, True where the query is said only through another real word that
        sounds like one of its own ("rained" for "train": two nouns, two things); a typo on
        either side ("footbal", ASR's "libarian") is the same word and still counts."""
        right = self._heard_right
        for w in content_words(query):
            if w not in right._heard:
                right._heard[w] = tuple((o, c) for o, c in self.heard_as(w)
                                        if c >= 1.0 or not (_wordnet().lemma(w) and _wordnet().lemma(o)))
        return (self.said(query) >= self.opt.said_floor) & (right.said(query) < self.opt.said_floor)

    def said(self, query: str) -> np.ndarray:
        """Per sentence, the share (0..1) of the query's information said in it (BM25)."""
        words = [w for w in content_words(query) if w not in SPEECH_WORDS] or content_words(query)
        out = np.zeros(len(self.docs))
        if not words or not len(self.docs):
            return out
        k1, b = self.opt.k1, self.opt.b
        norm = k1 * (1 - b + b * self.lengths / self.avg)
        ideal = 0.0
        for w in words:
            heard = self.heard_as(w)
            # a word's weight: its film form's rarity; a word never said weighs most
            ideal += max((self.idf(o) for o, _ in heard), default=self.idf("\0"))
            best = np.zeros(len(self.docs))
            for other, credit in heard:
                tf = np.zeros(len(self.docs))
                for i, c in self.tf[other].items():
                    tf[i] = c
                part = credit * self.idf(other) * tf * (k1 + 1) / (tf + norm)
                best = np.maximum(best, part)
            out += best
        return np.clip(out / max(ideal, 1e-9), 0.0, 1.0)

    def kinds_said(self, query: str, loose: bool = False) -> np.ndarray:
        """Per sentence, 1 where a kind of every noun the query names is said aloud
        ("ten of clubs" for "playing cards"); 0 where the query names no noun.

        A word counts by its usual (first) sense ("mandrill" is an animal), or by any
        sense when a second word of the sentence agrees ("ten" and "clubs" are both
        playing cards; "ten meters" alone is no card). ``loose`` (exclusions, recall
        first): a kind of any one noun of the query, or of a word of a noun phrase ("the
        card game talk" is left out where cards are read out).

        Measured and not adopted: any sense of ONE word, the sentence's meaning (kind_meaning)
        the only check on a rare sense ("carrot", a plant first, for "veg"): dev (1,382
        requests) up 2 rows, down 6 (gallery "card names get read out" 0.81 -> 0: "Ten of
        clothes" said as a kind lifted the cut), mean F1 0.8195 -> 0.8175."""
        key = (query, loose)
        if key not in self._kinds:
            self._kinds[key] = self._kinds_said(query, loose)
        return self._kinds[key]

    def _kinds_said(self, query: str, loose: bool) -> np.ndarray:
        found = topics(query)
        if loose:
            found += tuple(t for phrase, _ in found if " " in phrase for w in phrase.split() for t in topics(w))
        out = np.zeros(len(self.docs))
        if not found or not len(self.docs):
            return out
        out[:] = 0.0 if loose else 1.0
        for phrase, senses in found:
            own = set(content_words(phrase))
            usual = {w for w in self.vocab if w not in own and _above(w, first=True) & senses}
            any_sense = {w for w in self.vocab if w not in own and _above(w) & senses}
            hit = np.array([bool(usual.intersection(doc)) or len(any_sense.intersection(doc)) >= 2
                            for doc in self.docs], float) if any_sense else np.zeros(len(self.docs))
            out = np.maximum(out, hit) if loose else out * hit
        return out

    @cached_property
    def timeline(self) -> list[tuple[str, float, float, int]]:
        """(word, start, end, sentence) for every word heard, in order."""
        out = []
        for i, s in enumerate(self.sentences):
            words = list(getattr(s, "words", None) or ())
            if not words:  # a transcript without word times: spread the sentence evenly
                toks = WORD.findall(s.text.lower())
                step = (s.end - s.start) / max(len(toks), 1)
                out += [(t, s.start + k * step, s.start + (k + 1) * step, i) for k, t in enumerate(toks)]
                continue
            for w in words:
                for t in WORD.findall(w.text.lower()):
                    out.append((t, w.start, w.end, i))
        return out

    def silences(self, start: float, end: float, least: float = 1.0) -> list[tuple[float, float]]:
        """Stretches of [start, end] at least ``least`` s long where no sentence is spoken."""
        out, cur = [], start
        for s in sorted(self.sentences, key=lambda s: s.start):
            if s.end <= cur or s.start >= end:
                continue
            if s.start - cur >= least:
                out.append((cur, s.start))
            cur = max(cur, s.end)
        if end - cur >= least:
            out.append((cur, end))
        return out
