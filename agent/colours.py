"""A colour word narrows what was found: "the yellow building", "the red motorbike".

A viewer tells two things of one kind apart by colour far more often than by anything a
classifier names, and no ImageNet label carries a colour. The index keeps, per sampled frame,
the share of pixels each basic colour term names (``indexers/colours.py``, in the frame
looks); a shot's share is the median over its frames (``looks.shot_looks``). When a request
puts a colour word before a thing and the thing is seen in several shots, the shots that
show that colour clearly are kept. Colour is a narrowing, never a finding: where no shot of
the thing shows the colour clearly (a small thing in a wide shot, a dark dress that reads
as black) the thing's shots stay as they are, and the reply says the colour was not seen. The parser
sets the colour (``Query.colour``, ``word_forms.colour_of``) on things seen, never on a
person's description: a person's clothes are too small a part of the frame ("the young fella
in the red bow tie", which ``who.describer`` asks as a plain query).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cutbot.indexers.colours import COLOURS
from cutbot.indexers.looks import LOOK_FIELDS

from .hits import QueryHits
from .looks import shot_looks

_FIRST = LOOK_FIELDS.index(COLOURS[0])


@dataclass(frozen=True)
class ColourOptions:
    """Not fitted to any film: the share is of the whole frame, so a colour a viewer names
    covers a visible part of it, and a shot keeps it against the other shots of the thing."""

    # the least share of a shot's frame in the colour for the colour to be "seen" there: a
    # tenth of the picture (a car, a dress, a building front)
    floor: float = 0.10
    # a shot keeps the colour when its share is at least this part of the best shot's
    of_best: float = 0.5


COLOUR = ColourOptions()


def by_colour(index, hits: QueryHits, opts: ColourOptions = COLOUR) -> QueryHits:
    """``hits`` narrowed to the shots that show the query's colour clearly (see the module note)."""
    colour = hits.query.colour
    shots = np.flatnonzero(hits.mask)
    per = shot_looks(index) if colour and len(shots) > 1 else None
    if per is None:
        return hits  # one shot, no colour asked, or an index made before looks: nothing to choose
    share = np.nan_to_num(per[:, _FIRST + COLOURS.index(colour)])
    pictured = [s for s in shots if any(e.modality == "visual" for e in hits.evidence[s])]
    if len(pictured) < 2:
        return hits
    best = max(share[s] for s in pictured)
    if best < opts.floor:
        return hits.narrowed(hits.query, hits.mask, f"no shot of it is clearly {colour}: colour not used")
    drop = [s for s in pictured if share[s] < max(opts.floor, opts.of_best * best)]
    if not drop:
        return hits
    keep = hits.mask.copy()
    keep[drop] = False
    return hits.narrowed(hits.query, keep, f"the {colour} one(s): {len(pictured) - len(drop)} of {len(pictured)} "
                                           f"shots show {colour} clearly")
