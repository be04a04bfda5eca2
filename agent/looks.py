"""The look of the picture: drawn, animated, computer generated, black and white.

"the animation clips", "the drawing of a fish", "the black and white shots" ask how the
picture is made, which no ImageNet label names. The index keeps a few pixel statistics per
sampled frame (``indexers/looks.py``: ``Index.frame_looks``); a shot's look is the median
over its frames. A query that is only a look ("drawings and cartoons") is answered by the
shots with that look; a look with a thing ("the drawing of a fish") by the shots with both,
the thing found by the picture similarity among the shots with the look when nothing else
finds it. An index made before frame looks keeps the old answers (no claim), and black and
white falls back to the colourless face crops (``monochrome.py``).

Which source is preferred where: for black and white the frame looks (every pixel of the
frame, so shots without a face too; on the dev films they mark exactly the grayscale
shots), the face crops only where the frame looks are missing. "drawn people" stays the
face crops' (``traits.drawn_people``): a drawn person is about the face, not the picture.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from cutbot.indexers.looks import LOOK_FIELDS, STILL_BELOW
from cutbot.indexers.visual import label_ancestors

from . import everyday, monochrome
from .asides import FOOTAGE
from .calibration import TEXT
from .evidence import Evidence
from .kinds import load as _wordnet
from .traits import once
from .word_forms import GREY

if TYPE_CHECKING:
    from cutbot.indexers.store import Index

    from .plan import Query

# Columns of Index.frame_looks read here.
COLOURFUL, CHROMA, SMOOTH, MOVING = (LOOK_FIELDS.index(f) for f in ("colourful", "chroma", "smooth", "moving"))


@dataclass(frozen=True)
class LookOptions:
    # A shot is black and white when its frames' median chroma (mean max-min channel, 0-255)
    # is at most this. Dev films: every grayscale shot 0.0 (sample 6, 12, 13; gallery 4, 6,
    # 8, 16); the least colourful colour shot 4.8 (the Hubble deep field), then 8.3.
    grey_chroma: float = 2.0
    # Drawn or rendered: the median share of exactly smooth pixels (luma Laplacian < 1) at
    # least this. Dev films: drawings, clip art, renders and animation 0.48-0.90 (clip art
    # 0.48, animation 0.50 and 0.51, a 3D render 0.62, a silhouette 0.90); photographs
    # 0.02-0.40 (a rocket at dusk 0.40, grayscale portraits 0.26-0.37), one studio photo
    # of sweets on white 0.71 (the one false look on the dev films).
    drawn_smooth: float = 0.45
    # ...or smooth at least ``paint_smooth`` with vivid colour (colourfulness at least
    # ``paint_colourful``): flat paint. Dev: a cartoon fish 0.41 / 108.6; the photos over
    # 0.30 smooth are at most 42.4 colourful (rocket), a flower 0.31 / 93.
    paint_smooth: float = 0.38
    paint_colourful: float = 80.0
    # Out of doors: the mean over a shot's frames of the probability on labels that are
    # structures, landforms or vehicles (WordNet, ``OUTDOOR_KINDS``) at least this. Dev films,
    # the two requests with outdoor truth (dialogue, interview): outdoor shots 0.18-0.83 but
    # one facade read as a library and a window screen (0.05); the indoor ones 0.00-0.03. Over
    # all five dev films the one false outdoor shot is a motorcycle in a garage (0.42).
    outdoor_mass: float = 0.10
    # Footage, not a still under a slow zoom or pan: the shot's median ``moving`` (the share of
    # frame-to-frame change no camera move explains) at least this (indexers/looks.STILL_BELOW:
    # the dev measurement that chose it).
    moving: float = STILL_BELOW
    # Animation without flat paint (a 3D-rendered film with grass and fur): moving footage at
    # least this colourful. Dev films, moving shots: real footage 8.6-39.8 (a lawn from above),
    # animation 42.9-64.9 (Big Buck Bunny 64.3, its smooth share only 0.12). 52: the midpoint.
    vivid_motion: float = 52.0


LOOKS = LookOptions()

_DRAWN = (r"drawings?|drawn|cartoons?|cartoony|cartoonish|illustrations?|illustrated|sketch(?:es|ed)?"
          r"|clip[- ]?art|doodles?|comics?")
# Oil paintings are not smooth (brush texture: Starry Night 0.02), so "painting" is no look here.
_RENDERED = r"computer[- ]generated|cgi|cg|3d|rendered|renders?"
_ANIMATED = r"animated|animations?|anime"
# A picture that does not move ("the stills", "still images", "static shots").
_STILL = r"stills|still\s+(?:photos?|images?|pictures?|shots?|frames?)|static\s+(?:shots?|images?|pictures?)"
# Where it was filmed, not how it looks: "outside" only as an adverb ("shot outside"), not
# a preposition ("outside the shop", "outside the first minute").
_OUTDOORS = (r"outdoors?|out[- ]of[- ]doors|open[- ]air|al ?fresco"
             r"|outside(?!\s+(?:of|the|a|an|his|her|their|its|my|our|your|this|that|these|those|\d)\b)")
# A photograph is no drawing: beside another look ("the greyscale photos") it keeps the shots
# that look photographed; alone ("the photo of the cat") it is no look.
# Taken ("the guy taking photos") they are what someone does, not how the picture looks.
_PHOTO = (r"(?<!\btake\s)(?<!\btakes\s)(?<!\btaking\s)(?<!\btook\s)(?<!\bsnapping\s)(?<!\bshooting\s)"
          r"(?:photos?|photographs?|photographic|photographed)")
# The WordNet kinds of things seen out of doors (``LookOptions.outdoor_mass``).
OUTDOOR_KINDS = frozenset(["structure", "geological formation", "vehicle"])
_LOOK = re.compile(rf"\b(?:(?P<footage>{FOOTAGE})|(?P<still>{_STILL})|(?P<grey>{GREY})|(?P<drawn>{_DRAWN})|(?P<rendered>{_RENDERED})"
                   rf"|(?P<animated>{_ANIMATED})|(?P<outdoors>{_OUTDOORS})|(?P<tint>gr[ae]y)|(?P<photo>{_PHOTO})"
                   r"|(?P<real>real[- ]life))\b", re.I)  # "real-life": photographed or filmed, not drawn
# Words that say which footage, not what is in it.
_FILLER = frozenset(
    "the a an of that this those these some all any i want show me give find part parts bit bits clip clips "
    "shot shots movie movies film films footage scene scenes one ones stuff picture pictures image images "
    "photo photos photograph photographs section sections moment moments video videos frame frames and or "
    "in with style look looking kind sort please just only where we see there is are like anything everything "
    "something that which was were filmed taken recorded pls real actual genuine proper".split())  # "real photos": the look


@dataclass(frozen=True)
class Look:
    """What a query asks of the picture: its look words and the thing left over ("" if none)."""

    kinds: frozenset[str]
    thing: str
    grey: str = "grey"  # the viewer's words for no colour ("black and white", "b&w"), for notes
    # The whole query only widens another ("drawings included", "cartoon ones count too"):
    # it names no footage of its own, so it claims none (everyday.widened).
    admitted: bool = False

    def words(self) -> str:
        """The look in the viewer's words: "black and white", "drawn and grey"."""
        said = {"grey": self.grey, "photo": "photographed", "footage": "like real footage", "still": "still",
                "real": "photographed or filmed"}
        return " and ".join(said.get(k, k) for k in sorted(self.kinds))


def _compound(text: str, m: re.Match) -> bool:
    """Whether a look word starts a compound noun WordNet knows ("comic book store", "drawing
    room", "grey whale"): the words name a thing, not how the picture is made."""
    after = re.findall(r"[a-z0-9'-]+", text[m.end():].lower())[:2]
    if after and _LOOK.fullmatch(after[0]):
        return False  # "animated cartoon": one look word describing another
    word, kinds = m.group(0).lower(), _wordnet()
    for n in range(1, len(after) + 1):
        head = after[n - 1]
        for last in dict.fromkeys([head, head[:-1] if head.endswith("s") else head]):
            if kinds.lemma(" ".join([word, *after[:n - 1], last])):
                return True
    return False


def asked(text: str) -> Look | None:
    """The look a query asks for, or None when it names no look ("grey" alone is a colour
    of a thing, a look only beside another look word: "that grey 3d monkey head")."""
    text = " ".join(text.split())
    core, extra = everyday.widened(text)
    if extra and core:  # "animals - cartoon ones count": a look word that admits never narrows
        return asked(core)
    if extra and not core and extra != text.lower():  # a clause that is all widening words ends here
        look = asked(extra)
        return replace(look, thing="", admitted=True) if look else None
    found = [m for m in _LOOK.finditer(text) if not _compound(text, m)]
    kinds = {k for m in found for k, v in m.groupdict().items() if v}
    said = [m.group(0).lower() for m in found if m.group("grey") or m.group("tint")]
    if "tint" in kinds:
        kinds.discard("tint")
        if kinds - {"photo"}:
            kinds.add("grey")
    if not kinds or {"photo", "drawn"} <= kinds or {"photo", "rendered"} <= kinds:
        return None  # "a photo of a drawing": no look to find
    kept = "".join(text[a.end() if a else 0:b.start() if b else len(text)] + " "
                   for a, b in zip([None, *found], [*found, None]))
    rest = [w for w in re.findall(r"[a-z0-9']+", kept.lower()) if w not in _FILLER]
    return Look(frozenset(kinds), " ".join(rest), said[0] if said else "grey")


def shot_looks(index: Index) -> np.ndarray | None:
    """(shots, fields) median look of each shot's frames (NaN where none was read), or None
    when the index has no frame looks (made before them); read once per index, read-only."""
    return once(index, "looks.shot_looks", lambda: _shot_looks(index))


def _shot_looks(index: Index) -> np.ndarray | None:
    fields = len(LOOK_FIELDS)
    looks = np.asarray(getattr(index, "frame_looks", np.zeros((0, fields))), np.float32)
    if looks.ndim != 2 or looks.shape[1] < fields or len(looks) != len(index.frames) or not len(looks):
        return None
    shot = np.array([f.shot for f in index.frames], dtype=int)
    # a frame is read when its picture was; ``moving`` is NaN on each shot's last frame
    read = ~np.isnan(np.delete(looks, MOVING, axis=1)).any(axis=1) & (shot >= 0) & (shot < len(index.shots))
    shot, looks = shot[read], looks[read]
    order = np.argsort(shot, kind="stable")  # each shot's frames together, once (not a scan a shot)
    out = np.full((len(index.shots), looks.shape[1]), np.nan, np.float32)
    for rows in np.split(order, np.flatnonzero(np.diff(shot[order])) + 1):
        if len(rows):
            out[shot[rows[0]]] = np.median(looks[rows], axis=0)
            moved = looks[rows, MOVING]
            moved = moved[~np.isnan(moved)]
            out[shot[rows[0]], MOVING] = np.median(moved) if len(moved) else np.nan
    out.flags.writeable = False  # shared by every query of the index
    return out


def look_shots(index: Index, kinds: frozenset[str], opts: LookOptions = LOOKS) -> set[int] | None:
    """The shots whose picture has every asked look; None when the index cannot tell."""
    if "outdoors" in kinds:  # where, read from the labels; with a look too ("outdoor cartoons"): both
        out, rest = outdoor_shots(index, opts), kinds - {"outdoors"}
        other = look_shots(index, frozenset(rest), opts) if rest and out is not None else out
        return None if out is None or other is None else out & other
    per = shot_looks(index)
    if per is None:
        return None
    ok = ~np.isnan(per[:, CHROMA])
    grey = per[:, CHROMA] <= opts.grey_chroma
    drawn = (per[:, SMOOTH] >= opts.drawn_smooth) | (
        (per[:, SMOOTH] >= opts.paint_smooth) & (per[:, COLOURFUL] >= opts.paint_colourful))
    known = ~np.isnan(per[:, MOVING])  # an index made before ``moving``, or a one-frame shot: unknown
    moves = known & (per[:, MOVING] >= opts.moving)
    # animation: a moving picture that looks drawn or is vivid beyond filmed footage; where
    # motion is unknown, the drawn look alone (as before motion was measured)
    animated = np.where(known, moves & (drawn | (per[:, COLOURFUL] >= opts.vivid_motion)), drawn) & ~grey
    if "grey" in kinds:
        ok &= grey
    if kinds & {"drawn", "rendered"}:
        ok &= drawn | animated
    if "animated" in kinds:  # a still drawing is no animation: measured motion decides where known
        ok &= animated if "grey" not in kinds else drawn & ~(known & ~moves)
    if "photo" in kinds:  # "greyscale photos": not the grey render nor the silhouette drawing, not footage
        ok &= ~drawn & ~moves
        if not kinds - {"photo"}:  # "the photos" alone: only where stills are told from footage
            ok &= known
    if "real" in kinds:  # "just the real ones": no drawing, render nor animation
        ok &= ~drawn & ~animated
    if "footage" in kinds:  # filmed, moving, and not animation
        ok &= moves & ~animated
    if "still" in kinds:
        ok &= known & ~moves
    return set(np.flatnonzero(ok).tolist())


@lru_cache(maxsize=1)
def _outdoor_labels() -> frozenset[str]:
    """The labels WordNet files under the outdoor kinds (read once per process)."""
    return frozenset(name for name, up in label_ancestors().items() if OUTDOOR_KINDS & set(up))


def outdoor_shots(index: Index, opts: LookOptions = LOOKS) -> set[int] | None:
    """The shots filmed out of doors, by the kinds of things their labels name (see
    ``LookOptions.outdoor_mass``); None when the frames carry no labels. Kept once per index."""
    return once(index, ("looks.outdoor", opts.outdoor_mass), lambda: _outdoor_shots(index, opts))


def _outdoor_shots(index: Index, opts: LookOptions) -> set[int] | None:
    if not any(f.labels for f in index.frames):
        return None
    outdoor = _outdoor_labels()
    mass, count = np.zeros(len(index.shots)), np.zeros(len(index.shots))
    for f in index.frames:
        if 0 <= f.shot < len(index.shots):
            mass[f.shot] += sum(p for name, p in f.labels if name.lower() in outdoor)
            count[f.shot] += 1
    return set(np.flatnonzero((count > 0) & (mass >= opts.outdoor_mass * count)).tolist())


def add_looks(scorer: Any, query: Query, per_shot: list[list[Evidence]], loose: bool) -> None:
    """Picture evidence for a query that asks a look (see the module note). ``scorer`` is the
    search Scorer (its index and its picture similarity for the thing)."""
    look = asked(query.text)
    if look is None:
        return
    index = scorer.index
    if look.admitted:  # only widens a sibling query: nothing of its own to find
        for evs in per_shot:
            evs.clear()
        return
    found = look_shots(index, look.kinds)
    if found is None:  # an index made before frame looks: colourless faces, as before
        if monochrome.asks_monochrome(query.text):
            monochrome.add_monochrome(index, per_shot)
        return
    found = {s for s in found if s < len(per_shot)}
    if not found:
        return  # no claim: the look may be one the statistics miss
    why = look.words()
    if look.thing and "photo" in look.kinds:  # "the office photo": "photo" says how it looks, not a camera's label
        alone = scorer.score(query.model_copy(update={"text": look.thing}), loose)
        for evs, own in zip(per_shot, alone.evidence):
            evs[:] = [e for e in evs if e.modality != "visual"] + [e for e in own if e.modality == "visual"]
    have = {s for s, evs in enumerate(per_shot) if evs}
    if not look.thing:  # in an exclusion too: label similarity to "cartoon" finds bow ties
        # (dev, every exclusion of a look: dialogue 0.69->0.87, gallery 0.86->0.92 and two
        # constraints kept; gallery's "except the animation" 0.96->0.89: sweets look drawn)
        for evs in per_shot:
            evs[:] = [e for e in evs if e.modality != "visual"]
        for s in sorted(found):
            per_shot[s].append(monochrome.sure(index, s, f"the picture looks {why}"))
        return
    if have & found:  # the thing where the picture has the look
        for s, evs in enumerate(per_shot):
            if s not in found:
                evs.clear()
            elif evs:
                evs.append(monochrome.sure(index, s, f"the picture looks {why}"))
        return
    if have:
        return  # the thing is found, but never with this look: the look may be unseen
    # nothing found for the whole phrase ("animal photos"): the thing alone, found the way any
    # subject is (category words through WordNet, labels, speech), where the picture has the look
    alone = scorer.score(query.model_copy(update={"text": look.thing}), loose)
    both = [s for s in sorted(found) if alone.mask[s]]
    if both:
        for s in both:
            per_shot[s].extend(alone.evidence[s])
            per_shot[s].append(monochrome.sure(index, s, f"{look.thing}, where the picture looks {why}"))
        return
    # ...else by picture similarity, among the look's shots
    sim = scorer.shot_sims(look.thing)
    if not np.isfinite(sim).any():
        return
    best = max(sim[s] for s in found)
    for s in sorted(found):
        if sim[s] >= best - TEXT.description_margin:
            why_here = f"{look.thing}, where the picture looks {why}"
            per_shot[s].append(monochrome.sure(index, s, why_here, float(sim[s])))
