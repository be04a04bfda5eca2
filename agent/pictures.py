"""Picture evidence for the search Scorer: each frame's similarity to a query, and a category word
read from the frames' labels by WordNet ("dog" -> a Pekingese).

A query is matched to ImageNet label *names* by text similarity, which confuses neighbours ("dog" ~
tiger cat). Labels are WordNet noun synsets, so a frame whose labels ARE the asked category (by
hypernym) is evidence of it, and for a category word that evidence replaces the label-name
similarity; descriptions keep the similarity. When the classifier names no frame of the thing, a
neighbouring kind may stand in, but only where the similarity agrees and the classifier hesitates.

Each function reads the Scorer (its index, per-frame tables and visual embedder), like
``looks.add_looks``; the Scorer calls them, and nothing here imports search.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from . import everyday, labels, relatives, said_over
from .calibration import CALIBRATION, LABELS, LOOSE, TEXT, select
from .evidence import Evidence
from .hits import Items, QueryHits
from .lexical import fold as singular
from .plan import Query


def visual_items(scorer: Any, query: Query) -> Items:
    """One item per frame: the best frames of a shot speak for it, not its mean."""
    index = scorer.index
    vecs = index.frame_vectors
    if len(index.frames) == 0 or vecs.size == 0:
        return Items.empty()
    # Picture labels are singular ("bicycle"); score the singular form too.
    forms = list(dict.fromkeys([query.text, singular(query.text)]))
    raw = (vecs @ scorer.visual.embed_queries(forms).T).max(axis=1)
    t = scorer.frame_times
    return Items(raw, scorer.frame_shot, t, t, t, lambda i: labels.label_detail(index.frames[i].labels))


def shot_sims(scorer: Any, text: str) -> np.ndarray:
    """Per shot, a text's best picture similarity (-inf for a shot without frames)."""
    items, sim = visual_items(scorer, Query(text=text, modality="visual")), np.full(len(scorer.index.shots), -np.inf)
    np.maximum.at(sim, items.shot, items.raw)
    return sim


def agreeing_shots(scorer: Any, query: Query) -> set[int]:
    """Shots the picture similarity points to, loosely: where a neighbour or sibling
    label may count."""
    items = visual_items(scorer, query)
    near, _ = select(items.raw, TEXT.visual_agree, LOOSE)
    return set(items.shot[near].tolist())


def add_categories(scorer: Any, query: Query, per_shot: list[list[Evidence]], loose: bool) -> str | None:
    """Frames whose labels ARE the asked category ("dog" -> a Pekingese), by WordNet.

    For a category word this evidence replaces the label-name similarity, which
    confuses neighbours ("dog" ~ tiger cat); descriptions keep the similarity. Returns a note
    where a relative is seen instead of the thing ("a mountain bike is there, not a motorbike")."""
    cat = labels.category(query.text)
    if cat is None:
        return None
    frames, frame_shot = scorer.index.frames, scorer.frame_shot
    similar = {i for i, evs in enumerate(per_shot) if any(e.modality == "visual" for e in evs)}
    floor = LABELS.category_loose if loose else LABELS.category_floor
    probs = labels.category_scores(frames, cat)
    why, kind = cat.term, None  # kind: what the picture shows when it stands in for the thing
    # A word beside several labels ("giraffe" -> ox, impala) counts only where the
    # similarity also points, like a neighbour; a kind of one label ("mandrill" -> baboon) is it.
    # a close rival the classifier is sure of is that rival, by label or similarity (tea: espresso 0.79)
    probs[relatives.drop_rivals(scorer, cat, query.text, per_shot)] = 0.0
    if cat.weights and len(cat.labels) > 1:
        probs[~np.isin(frame_shot, sorted(agreeing_shots(scorer, query)))] = 0.0
        kind = getattr(labels.parent(cat), "term", None)
    # a class that never leads its relatives in the film is their shadow (agent/relatives.py)
    shadow = relatives.shadowed(frames, cat.term, cat.labels, probs, floor) if not (loose or cat.weights) else None
    if shadow is not None:
        probs[shadow.shadowed] = 0.0
    if not (probs >= floor).any() and not (cat.whole or cat.named):
        return None  # "the football player": the head word alone is no proof of absence
    for evs in per_shot:  # the similarity's picture evidence gives way
        evs[:] = [e for e in evs if e.modality != "visual"]
    if not (probs >= floor).any() and shadow is not None:
        return relatives.seen_instead(shadow.relative, cat.term)  # no neighbour stands in: a relative is there
    if not (probs >= floor).any():  # the classifier may name a neighbour of the thing
        wider = labels.parent(cat)
        if wider is None or cat.weights:  # a noun's labels already are its neighbours
            return None
        # shots where the classifier weighed the one class the word names
        weighed = sorted(set(frame_shot[probs > 0].tolist())) if len(cat.labels) == 1 else []
        probs = labels.category_scores(frames, wider)
        probs[np.isin(frame_shot, weighed)] = 0.0  # ...and kept it under the floor
        # a frame the classifier is sure of is that thing, not a look-alike of the one
        # asked ("bananas" where it sees an orange at 0.70): a neighbour only stands in
        # where the classifier hesitates between kinds (calibration.LabelOptions)
        probs[labels.sure_scores(frames, wider) >= LABELS.category_sure] = 0.0
        similar |= agreeing_shots(scorer, query)  # ...where the similarity agrees, loosely
        probs[~np.isin(frame_shot, sorted(similar))] = 0.0
        floor = max(floor, LABELS.neighbour_floor)
        why, kind = f"no {cat.term} named; the nearest kind, {wider.term}", wider.term
    half = scorer.frame_step / 2
    sure = labels.sure_scores(frames, cat) if why == cat.term else np.zeros(len(probs))
    for shot in set(frame_shot[probs >= floor].tolist()):
        rows = np.flatnonzero((frame_shot == shot) & (probs >= floor))
        weak = labels.fleeting(frames, rows, np.flatnonzero(frame_shot == shot), probs, cat)
        said = scorer.shot_words[shot]
        if not loose and why == cat.term and weak and not said_over.spoken_verdict(cat.term, said):
            continue  # a weak label in a few frames of the shot, and nobody says it is there
        if not loose and sure[rows].max() < LABELS.category_sure and \
                said_over.spoken_verdict(cat.term, said, kind, _seen(frames, frame_shot, shot, scorer, kind)) is False:
            continue  # an unsure picture, and the words said over it name a rival
        i = int(rows[np.argmax(probs[rows])])
        t = scorer.frame_times[rows]
        z = CALIBRATION.z_min + 10.0 * float(probs[i])  # probabilities mean the same anywhere
        per_shot[shot].append(Evidence("visual", float(probs[i]), z,
                                       f"{why}: {labels.label_detail(frames[i].labels)}", float(t.mean()),
                                       float(t.min()) - half, float(t.max()) + half))
    return None


def _seen(frames: Sequence, frame_shot: np.ndarray, shot: int, scorer: Any, kind: str | None) -> list[str] | None:
    """The labels of a shot where voices talk together over the thing's own labels: they may be
    talking of anything, so a rival they name must be half seen too (said_over.spoken_verdict);
    None where a rival said counts as it is (one voice, a narrator's; or a neighbour standing in)."""
    if kind is not None or len(scorer.shot_voices[shot]) < 2:
        return None
    return sorted({n.lower() for r in np.flatnonzero(frame_shot == shot) for n, _ in frames[r].labels})


def described(scorer: Any, query: Query, loose: bool) -> QueryHits | None:
    """A description that finds nothing as a whole ("the critter up in the tree") is the thing it
    names, where the whole description's picture comes near its best (everyday.pointed), or where
    the places it names are found nowhere else in the film (``unplaced``)."""
    head = labels.head_of(query.text) if query.modality in ("visual", "any") and not query.who else None
    if head is None:  # a person described is the people module's
        return None
    seen = query.model_copy(update={"text": head, "modality": "visual"})  # a picture described
    hits = scorer.plain(seen, loose)
    if not hits.mask.any():
        return None
    kind = labels.category(head)
    seen = everyday.shown(scorer.index.frames, kind.labels if kind else frozenset(), hits.mask[scorer.frame_shot])
    near = everyday.pointed(query.text, head, seen, scorer.shot_sims, hits.mask, TEXT.description_margin)
    if near is not None:
        return hits.narrowed(query, near, f"read '{query.text}' as the {head} it describes")
    return unplaced(scorer, query, head, hits)


def unplaced(scorer: Any, query: Query, head: str, hits: QueryHits) -> QueryHits | None:
    """ "the bike by the wall" where no picture shows a wall and nobody says one: the place cannot
    point elsewhere, so every shot of the bike; a place found only away from the thing ("the
    critter by the pizza plate") vetoes it, and one found with it narrows it."""
    places, where, unseen = everyday.places_of(query.text), hits.mask.copy(), []
    if not places:
        return None
    for place in places:
        found = scorer.plain(query.model_copy(update={"text": place, "modality": "any"})).mask
        if not found.any():
            unseen.append(repr(place))
        elif (found & where).any():
            where &= found
        else:
            return None  # the place is there, away from the thing: it describes something else
    why = f"; nothing in the film shows or says {' or '.join(unseen)}" if unseen else ""
    return hits.narrowed(query, where, f"read '{query.text}' as the {head} it describes{why}")
