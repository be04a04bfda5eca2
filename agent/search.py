"""Score a film's shots for one query from speech, visual and people evidence (fused).

Raw similarities mean different things per model and per film, so every modality is calibrated
against the film's own background (median and robust spread of all its frames, sentences or
faces). One selection rule then works for every modality and film: a hit must stand out from the
background *and* come close to the film's best match. ``any`` fuses the modalities per shot;
agreement between them ranks a shot higher, but one clear modality is enough to select it.
Some queries are one module's own (a voice, a framing, a talker off screen): ``SPECIAL_READERS``,
one ordered list, answers them before this scoring.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from cutbot.indexers.errors import CutbotError
from cutbot.indexers.names_heard import stamp as heard_stamp

from . import framing, heard_again, labels, looks, passages, pictures, quotes, recited, rereadings, seen_hits, speakers, talk, voices
from .calibration import CALIBRATION, FLOOR, KEYWORD_BONUS, LOOSE, TEXT, Calibration, median, select
from .evidence import Evidence
from .lexical import Transcript, transcript_of
from .colours import by_colour
from .hits import MODALITIES, Item, Items, QueryHits, settled_any, shot_of
from .plan import Query
from .traits import style_of
from .person_phrases import ANYONE

if TYPE_CHECKING:
    from cutbot.indexers.store import Index


# The people hook: (index, query) -> face evidence (raw ``Item``s, calibrated here, or people.py's
# decided PersonEvidence, kept as it is: ``find_people``), None when the film has no faces index.
PeopleFinder = Callable[["Index", Query], Sequence[Any] | None]


class NameUnknown(CutbotError):
    """A person query whose name nobody in the film has: searched as a spoken topic."""


def find_people(index: Index, query: Query, scorer: Scorer | None = None) -> Sequence[Any] | None:
    """Face evidence for ``query``; None when the film has no people or, for an ``any``
    query, when its words name nobody (then speech and pictures answer alone). A name
    no known person has ("the bit about Mr. Smith") is heard, not seen: ``NameUnknown``."""
    if not index.people:
        return None
    from .errors import PlanError
    from .people import is_name, person_evidence
    try:
        return person_evidence(index, query.text, scorer=scorer, who=query.who)
    except PlanError as exc:
        if query.modality == "person":
            if query.who in (None, "name") and is_name(query.text):
                raise NameUnknown(f"nobody on screen is called '{query.text}': "
                                  "searched what is said instead") from exc
            raise
        return None


class SpecialReader(Protocol):
    """A module that answers some queries itself, before the Scorer's own scoring (a voice, a
    framing, a talker off screen): its hits, or None when the query is none of its kind."""

    def read(self, scorer: Scorer, query: Query, loose: bool) -> QueryHits | None: ...


@dataclass(frozen=True)
class Reader:
    """A special reader made of a module's function; ``name`` says whose it is."""

    name: str
    reads: Callable[[Scorer, Query, bool], QueryHits | None]

    def read(self, scorer: Scorer, query: Query, loose: bool) -> QueryHits | None:
        return self.reads(scorer, query, loose)


# In order; the first reader that answers decides. Each lives in its own module and imports
# nothing of search (the list is here, so imports run one way).
SPECIAL_READERS: tuple[SpecialReader, ...] = (
    Reader("voices", lambda scorer, query, loose: voices.voice_hits(scorer.index, query, scorer)),
    Reader("framing", framing.framing_hits),  # close-ups, wide shots; a gendered noun seen (seen_gender)
    Reader("off-screen talk", framing.offscreen_talk),  # "the woman who talks about X" with nobody on screen
    Reader("sight unchecked", seen_hits.unchecked),  # "X's lines while in sight" where no voice is X's
    Reader("read aloud", recited.recited_hits))  # "someone reads from an old novel", nothing saying so


def read_specially(scorer: Scorer, query: Query, loose: bool,
                   readers: Sequence[SpecialReader] | None = None) -> QueryHits | None:
    """The first special reader's hits for ``query`` (``SPECIAL_READERS`` as it is when asked), else None."""
    return next((hits for reader in (SPECIAL_READERS if readers is None else readers)
                 if (hits := reader.read(scorer, query, loose)) is not None), None)


class Scorer:
    """Scores queries against one Index; embedders load lazily on first use."""

    def __init__(self, index: Index, text_embedder=None, visual_embedder=None,
                 people: PeopleFinder | None = None, listens: bool = True):
        self.index, self.listens = index, listens  # listens: may decode a whole film again for a name
        self._text, self._visual, self._people = text_embedder, visual_embedder, people
        self._cache: dict[tuple, QueryHits] = {}  # keyed by the names heard too: one heard again renames voices
        self.roles: set[str] = set()  # roles being resolved (rereadings: not read as a role again)

    @property
    def text(self):
        if self._text is None:  # lazy, and a film's short queries are read back from its folder
            from cutbot.indexers.text_cache import cached_text_embedder, query_folder
            self._text = cached_text_embedder(self.index.models.get("text"), query_folder(self.index.root))
        return self._text

    def voiced_faces(self, sex: str) -> frozenset[int]:
        """The faces heard with ``sex``'s voice: who a gender word may mean (traits.allowed)."""
        return voices.voiced_faces(self.index, sex)

    def speaking_faces(self) -> dict[int, int]:
        """Voice id -> the face that speaks with it (who.describer: a speaker is not who they name)."""
        ok = voices.has_voices(self.index) and getattr(self.index, "people", None)
        return speakers.speaking_faces(self.index, voices.named_voices(self.index)) if ok else {}

    @property
    def visual(self):
        if self._visual is None:
            from cutbot.indexers.models import get_visual_embedder
            self._visual = get_visual_embedder(self.index.models.get("visual"))
            # queries through the film's query cache too: a query met before loads no model
            if getattr(self._visual, "text", None) is not None and hasattr(self._visual, "with_text") \
                    and self._visual.text.name == self.text.name:
                self._visual = self._visual.with_text(self.text)
        return self._visual

    @cached_property
    def transcript(self) -> Transcript:
        heard_again.learn_heard(self.index, words := transcript_of(self.index.sentences))  # words listened for again
        return words

    @cached_property
    def heard_words(self) -> frozenset[str]:
        """Every word stem the film's speech holds (no typo is "fixed" away from them), once per scorer."""
        return frozenset(self.transcript.tf)

    @cached_property
    def labelled(self) -> bool:  # frames carry ImageNet labels (the label bridge): categories apply
        return any(n.lower() in labels.label_terms() for f in self.index.frames[:50] for n, _ in f.labels)

    @cached_property
    def frame_shot(self) -> np.ndarray:
        return np.array([f.shot for f in self.index.frames], dtype=int)

    @cached_property
    def frame_step(self) -> float:
        """Typical time between sampled frames: a frame stands for that much film."""
        gaps = np.diff(np.sort([f.time for f in self.index.frames]))
        gaps = gaps[gaps > 1e-3]
        return median(gaps) if gaps.size else 1.0  # calibration.median: np.median without numpy.ma

    @cached_property
    def shot_words(self) -> list[list[str]]:  # per shot, the content words of its sentences
        # as first used: a word heard again later is not added (rebuilding it, and BM25 lengths
        # with the words learned, moved dev 2 rows up and 4 down; left as it is)
        out: list[list[str]] = [[] for _ in self.index.shots]
        for shot, doc in zip(self._sentence_shot.tolist(), self.transcript.docs):
            out[shot].extend(doc)
        return out

    @cached_property
    def shot_voices(self) -> list[frozenset[int]]:  # per shot, the known voices of its sentences
        out: list[set[int]] = [set() for _ in self.index.shots]
        voices = self.index.voices
        if voices is not None and len(voices.voice) == len(self.index.sentences):
            for shot, voice in zip(self._sentence_shot.tolist(), voices.voice):
                if voice >= 0:
                    out[shot].add(voice)
        return [frozenset(v) for v in out]

    @cached_property
    def _sentence_shot(self) -> np.ndarray:
        """Each sentence belongs to the shot holding its midpoint."""
        starts = np.array([s.start for s in self.index.shots])
        mids = np.array([(s.start + s.end) / 2 for s in self.index.sentences])
        if mids.size == 0:
            return np.zeros(0, dtype=int)
        return np.clip(np.searchsorted(starts, mids, side="right") - 1, 0, len(starts) - 1)

    def score(self, query: Query, loose: bool = False) -> QueryHits:
        """Fused per-shot hits for ``query`` (cached: plans re-ask the same queries).

        ``loose`` is for exclusions: weaker evidence is enough, because "without X"
        must leave no X (recall first)."""
        key = (query, loose, heard_stamp(self.index))
        if key not in self._cache:
            framed = read_specially(self, query, loose)
            hits = framed if framed is not None else self.plain(query, loose)  # a reader may have asked it already
            if framed is None and not hits.mask.any() and not query.exact and query.modality != "silence" \
                    and query.who != "anyone":
                # "cartoon people" where nobody is drawn is nobody, not "carton people" (everyone)
                hits = rereadings.second_reading(self, query, loose) or hits
            elif framed is None and not hits.mask.any() and query.exact and not loose:
                hits = rereadings.reworded(self, query) or hits
            if query.colour and not loose:  # "the yellow building": the yellow one(s)
                hits = by_colour(self.index, hits)
            self._cache[key] = hits
        return self._cache[key]

    def plain(self, query: Query, loose: bool = False) -> QueryHits:
        """``query``'s words as they are, none of ``score``'s second readings (cached; pictures.described)."""
        if (key := (query, loose, "plain", heard_stamp(self.index))) not in self._cache:
            self._cache[key] = self.rescored(query, loose)
        return self._cache[key]

    def rescored(self, query: Query, loose: bool = False) -> QueryHits:
        """``plain`` scored afresh, past its cache: the transcript has just heard a word again."""
        return self._score(query, LOOSE if loose else CALIBRATION, loose)

    def shot_sims(self, text: str) -> np.ndarray:  # per shot, a text's best picture similarity
        return pictures.shot_sims(self, text)

    def _score(self, query: Query, cal: Calibration, loose: bool) -> QueryHits:
        n = len(self.index.shots)
        per_shot: list[list[Evidence]] = [[] for _ in range(n)]
        notes: list[str] = []
        if query.modality == "silence" or talk.all_talk(query, self.transcript):  # where nobody / anybody talks
            return talk.timeline_hits(self.index.shots, self.transcript, query)
        modalities = MODALITIES[query.modality]
        if query.exact:  # a quote is words said aloud: only the transcript can hold it
            modalities = ("speech",)
        elif query.modality == "visual" and ANYONE.match(query.text.strip().lower()):
            modalities = ("visual", "person")  # "anyone on screen" is seen as faces too
        for modality in modalities:
            decided: list[Evidence] = []  # hits the faces module decided itself
            note = ""
            if modality == "person":
                items, decided, note = self._person_items(query)
            else:
                items = self._items(modality, query, loose)
            key = "exact" if query.exact else modality
            if items is None:
                if query.modality == "person":  # no faces (or no such person): the rest
                    notes.append(note or f"no faces index for '{query.text}': searched pictures and speech instead")
                    for other in ("speech", "visual"):
                        self._calibrate(other, self._items(other, query, loose) or Items.empty(), per_shot, cal)
                continue
            self._calibrate(key, items, per_shot, cal)
            for ev in decided:
                per_shot[shot_of(self.index, ev.time)].append(ev)
        guessed = [e for evs in per_shot for e in evs if e.modality == "visual"]  # the label bridge's similarity
        if modalities != ("speech",) and self.labelled and query.who != "described" and not (
                query.who == "anyone" and style_of(query.text)):  # "real people": traits decide
            seen = pictures.add_categories(self, query, per_shot, loose)  # a described person is the one picked
            notes += [seen] if seen else []  # a relative seen instead (relatives.seen_instead)
        if query.modality in ("visual", "any") and looks.asked(query.text):
            looks.add_looks(self, query, per_shot, loose)  # the picture's look (drawn, grey...)
        if query.modality == "any" and not loose:
            settled_any(per_shot, guessed, cal.relative, TEXT.speech_unsaid + KEYWORD_BONUS)
        strength = np.full(n, np.nan)
        evidence = []
        for shot, evs in enumerate(per_shot):
            evs.sort(key=lambda e: -e.z)
            if evs:
                strength[shot] = evs[0].z + cal.agreement * sum(e.z for e in evs[1:])
            evidence.append(tuple(e.about(query) for e in evs))
        return QueryHits(query, strength, tuple(evidence), tuple(notes))

    def _items(self, modality: str, query: Query, loose: bool = False) -> Items | None:
        if modality == "speech":
            return self._speech_items(query, loose)
        if self.labelled and labels.seen_kind(self.index.frames, query.text, loose):
            return Items.empty()  # the labels answer; the similarity would give way anyway
        return pictures.visual_items(self, query)

    def _person_items(self, query: Query) -> tuple[Items | None, list[Evidence], str]:
        """(items to calibrate, evidence the faces module decided itself, a note when the
        faces cannot answer); returned, not kept on the scorer, so ``score`` is reentrant."""
        finder = self._people or (lambda index, q: find_people(index, q, self))
        try:
            found = finder(self.index, query)
        except NameUnknown as exc:  # a name nobody has: a spoken topic, not an error
            return None, [], str(exc)
        if found is None:
            return None, [], ""
        raw = [f for f in found if isinstance(f, Item)]
        decided = [f.to_evidence() if hasattr(f, "to_evidence") else f
                   for f in found if not isinstance(f, Item)]
        return Items.of(raw), decided, ""

    def _calibrate(self, modality: str, items: Items, per_shot: list[list[Evidence]],
                   cal: Calibration = CALIBRATION) -> None:
        """Select the items that stand out, and keep the best one per shot."""
        if items.raw.size == 0:
            return
        raw = items.raw
        if modality == "exact":  # a share of the line's letters heard: absolute, like a probability
            hit = (raw >= quotes.QUOTES.floor) & (raw >= raw.max() - quotes.QUOTES.spread)
            z = cal.z_min + 10.0 * (raw - quotes.QUOTES.floor)
        else:
            item_floor = {"visual": TEXT.visual_item_floor,  # loose: once the film's best clears the floor
                          "speech": TEXT.speech_unsaid_loose if cal is LOOSE else None}.get(modality)
            hit, z = select(raw, FLOOR[modality], cal, item_floor)
        if items.gate is not None:  # items that may never be hits (e.g. unsaid topics)
            hit = (hit & (items.gate >= talk.GATE_OK)) | (items.gate >= talk.GATE_AGAIN)
            # a line kept past the cut (again, an echo, its conversation) is as sure as the cut's
            # weakest hit: a negative z would make it worth nothing to the budget (budget.knapsack)
            z = np.where(items.gate >= talk.GATE_AGAIN, np.maximum(z, cal.z_min * cal.relative), z)
        idx = np.flatnonzero(hit)
        best: dict[int, int] = {}
        for i in idx:
            shot = int(items.shot[i])
            if shot not in best or raw[i] > raw[best[shot]]:
                best[shot] = int(i)
        for shot, i in best.items():
            start, end = float(items.start[i]), float(items.end[i])
            if modality == "speech":  # the run of found lines in this shot: the conversation
                start, end = passages.run_span(hit, items.shot, items.start, items.end, i)
            if modality == "visual":  # the run of standing-out frames in this shot
                times = items.time[idx[items.shot[idx] == shot]]
                half = self.frame_step / 2
                start, end = float(times.min()) - half, float(times.max()) + half
            name = "speech" if modality == "exact" else modality
            per_shot[shot].append(Evidence(name, float(raw[i]), float(z[i]), items.detail(i),
                                           float(items.time[i]), start, end))

    def _speech_items(self, query: Query, loose: bool = False) -> Items:
        """One item per sentence: meaning (embedding) plus the query's words said aloud.

        A topic must be talked about: a sentence that says none of the query's words
        (not even misheard) is a hit only when it means the query strongly."""
        sentences = self.index.sentences
        if not sentences:
            return Items.empty()
        st, en = self._sentence_spans
        if query.exact:  # word by word over the word timeline, misheard words counted
            found = quotes.items(self.transcript, query.text, self._sentence_shot, self._sentence_spans)
            if found.raw.max(initial=0.0) < quotes.QUOTES.floor:  # misheard past finding: listened for again
                found = heard_again.quote_again(self.index, self.transcript, query.text, found)
            return found
        raw, gate = heard_again.sentence_scores(self.index, self.transcript, self.text, query, loose)  # misheard too
        if not loose:  # a found line grows into its conversation (passages.carried)
            gate = passages.carried(self.index.sentence_vectors, self.text, sentences, query, raw, gate)
        return Items(raw, self._sentence_shot, (st + en) / 2, st, en,
                     lambda i: heard_again.quoted(self.transcript, i), gate)

    @cached_property
    def frame_times(self) -> np.ndarray:
        return np.array([f.time for f in self.index.frames], dtype=float)

    @cached_property
    def _sentence_spans(self) -> tuple[np.ndarray, np.ndarray]:
        return (np.array([s.start for s in self.index.sentences], dtype=float),
                np.array([s.end for s in self.index.sentences], dtype=float))
