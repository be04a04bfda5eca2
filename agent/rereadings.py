"""Second readings: a query that finds nothing as typed, read once more another way, and the
reply saying so. A viewer types what they remember, not what the film holds: a topic the
transcript misheard, a typo, a description of a thing instead of its name, a role no picture
shows, two nouns where the first says it, a line remembered by its sense.

Each reading takes the ``search.Scorer`` (its ``plain`` and ``rescored`` scorings) and answers
hits or None; the Scorer tries them in ``second_reading``'s order only when its plain reading
found nothing. Nothing here imports search (the Scorer calls in).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from cutbot.indexers.errors import CutbotError

from . import addressed, heard_again, labels, pictures, quotes
from .hits import QueryHits
from .lexical import LEXICAL
from .plan import Query
from .traits import first_names
from .typos import TYPOS, compound_modifier, respelled
from .descriptions import described as who_described, role_noun


def second_reading(scorer: Any, query: Query, loose: bool) -> QueryHits | None:
    """The first reading that finds something: heard again, respelled, described, a role's
    person, a compound's first noun; None when none does."""
    return listened_again(scorer, query, loose) or _respelled(scorer, query, loose) \
        or _described(scorer, query, loose) or _role_seen(scorer, query, loose) or _modifier(scorer, query, loose)


def reworded(scorer: Any, query: Query) -> QueryHits | None:
    """A line no one says word for word ("my garden's turned into a swamp") is the line that
    means it, and the reply says so: a viewer remembers the sense of a line, not its words."""
    hits = scorer.plain(query.model_copy(update={"exact": False, "modality": "speech"}))
    if not hits.mask.any():
        return None
    note = f"no line says '{query.text}' word for word: the lines that mean it"
    heard = quotes.half_heard(scorer.transcript, query.text)  # of those, the one its words sound like
    keep = np.array([any(e.start < b and e.end > a for e in evs for a, b in heard) for evs in hits.evidence])
    return hits.narrowed(query, keep, note + ", where it is half heard") if keep.any() else hits.answering(query, note)


def listened_again(scorer: Any, query: Query, loose: bool) -> QueryHits | None:
    """ "the courgettes" or "grace hopper", found nowhere, may be a topic or (failing that) a full name
    the transcript misheard (heard_again.py, addressed.listen_for_full_name): scored afresh once heard."""
    index = scorer.index
    heard = query.modality == "any" and heard_again.relisten(index, scorer.transcript, query.text, heard_again.NOTHING_FOUND)
    hits = scorer.rescored(query, loose) if heard else None
    if (hits is None or not hits.mask.any()) and scorer.listens and addressed.listen_for_full_name(index, query):
        hits = scorer.rescored(query, loose)
    return hits if hits is not None and hits.mask.any() else None


def _respelled(scorer: Any, query: Query, loose: bool) -> QueryHits | None:
    """Typos read as the nouns they miss ("the squirel" -> squirrel), words the film's speech
    holds kept as heard; else a rare word as it sounds ("mandril")."""
    fixed = respelled(query.text, scorer.heard_words)
    if fixed != query.text:  # "the red motorcyle in the garage": the thing its fixed words describe too
        return _read_as(scorer, query, fixed, loose, described=True)
    return _read_as(scorer, query, labels.sounds_like(query.text, LEXICAL.spelling_ratio, words_too=True), loose)


def _modifier(scorer: Any, query: Query, loose: bool) -> QueryHits | None:
    """ "the holiday planning", "money problems": two nouns that find nothing together are what the
    first names (the second, the kind of talk or thing: plans, problems)."""
    first = compound_modifier(query.text) if query.modality in ("any", "speech") and not query.who else None
    hits = _read_as(scorer, query, first, loose)  # one noun of two says less: its best must stand out more
    return hits if hits is not None and np.nanmax(hits.strength) >= TYPOS.modifier_z else None


def _read_as(scorer: Any, query: Query, text: str | None, loose: bool,
             described: bool = False) -> QueryHits | None:
    """``query`` answered by another reading of its words (or what it describes), saying so; else None."""
    if not text or text == query.text:
        return None
    hits = scorer.plain(reread := query.model_copy(update={"text": text}), loose)
    hits = (_described(scorer, reread, loose) or hits) if described and not hits.mask.any() else hits
    return hits.answering(query, f"read '{query.text}' as '{text}'") if hits.mask.any() else None


def _role_seen(scorer: Any, query: Query, loose: bool) -> QueryHits | None:
    """ "the astronaut on screen" where no picture shows an astronaut: the person the film ties
    the role to (roles.py), on screen; "whenever bow tie guy is on screen": the one the look picks out;
    "Clara on screen" where no voice is known as hers: the face her name is heard over (people.py).
    ``scorer.roles`` holds the roles being resolved: the person reading must not come back here."""
    if query.modality != "visual" or query.who or query.text in scorer.roles \
            or not (role_noun(query.text) or who_described(query.text) or (query.text.lower().split() or [''])[0] in first_names()):
        return None
    scorer.roles.add(query.text)
    try:
        hits = scorer.score(query.model_copy(update={"modality": "person"}), loose)
    except CutbotError:
        return None
    finally:
        scorer.roles.discard(query.text)
    return hits if any(e.modality == "person" for evs in hits.evidence for e in evs) else None


def _described(scorer: Any, query: Query, loose: bool) -> QueryHits | None:
    return pictures.described(scorer, query, loose) if scorer.labelled else None
