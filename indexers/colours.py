"""What colours a picture shows: the share of its pixels in each basic colour term.

"the yellow building", "the red car", "the white horse": a colour word is
the commonest way a viewer tells two things of one kind apart, and no ImageNet label says
it. Every sampled frame's small copy (``looks.small_copy``) gets, per basic colour term of
English (Berlin and Kay's eleven), the share of its pixels named so. A pixel is named by
its HSV coordinates with the usual boundaries of colour naming: dark is black, unsaturated
is white or grey, otherwise the hue sector names it, a dark orange or yellow being brown and
a light, soft red being pink. The boundaries are textbook ones, not fitted to any film.
"""
from __future__ import annotations

import numpy as np

COLOURS = ("red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "black", "white", "grey")
#: hue sectors in degrees, each up to (not including) its bound; red wraps round 360
_HUES = ((15.0, "red"), (40.0, "orange"), (70.0, "yellow"), (165.0, "green"), (255.0, "blue"),
         (290.0, "purple"), (340.0, "pink"), (360.0, "red"))
DARK = 0.2  # value under which any pixel is black
GREYISH = 0.18  # saturation under which a pixel is white, grey or black
BROWN_VALUE = 0.6  # an orange or yellow hue this dark (value) is brown
PINK_SATURATION = 0.5  # a red hue this soft and light (value over LIGHT) is pink
LIGHT = 0.75


def colour_names(rgb: np.ndarray) -> np.ndarray:
    """Each pixel's index into ``COLOURS``: rgb (..., 3) float or uint8 0-255."""
    a = np.asarray(rgb, np.float32)[..., :3] / 255.0
    hi, lo = a.max(axis=-1), a.min(axis=-1)
    span = hi - lo
    sat = np.where(hi > 0, span / np.maximum(hi, 1e-6), 0.0)
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    safe = np.maximum(span, 1e-6)
    hue = np.where(hi == r, ((g - b) / safe) % 6.0, np.where(hi == g, (b - r) / safe + 2.0, (r - g) / safe + 4.0)) * 60.0
    names = np.full(hue.shape, COLOURS.index("red"), np.int8)
    for bound, name in reversed(_HUES):
        names[hue < bound] = COLOURS.index(name)
    warm = np.isin(names, [COLOURS.index("orange"), COLOURS.index("yellow")])
    names[warm & (hi < BROWN_VALUE)] = COLOURS.index("brown")
    names[(names == COLOURS.index("red")) & (sat < PINK_SATURATION) & (hi > LIGHT)] = COLOURS.index("pink")
    grey = sat < GREYISH
    names[grey] = np.where(hi[grey] > LIGHT, COLOURS.index("white"), COLOURS.index("grey"))
    names[hi < DARK] = COLOURS.index("black")
    return names


def colour_shares(rgb: np.ndarray) -> np.ndarray:
    """Share of the picture's pixels named by each of ``COLOURS`` (sums to 1), float32."""
    names = colour_names(rgb).ravel()
    counts = np.bincount(names, minlength=len(COLOURS)).astype(np.float32)
    return counts / max(1.0, float(counts.sum()))
