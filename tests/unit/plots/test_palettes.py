"""The colour language: one colour per meaning, distinguishable with and without colour-vision deficiency."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from analysis.core.vocabulary import VOTE_ORDER
from analysis.methods.blocs import BLOC_NAMES, MIDDLE_BLOC
from analysis.plots import style

#: Simulated vision: none, then full deuteranopia, protanopia and tritanopia (Machado et al. 2009,
#: as implemented by colorspacious, at severity 100).
VISION = (None, "deuteranomaly", "protanomaly", "tritanomaly")


def _rgb(hex_color: str) -> np.ndarray:
    return np.array([int(hex_color[i:i + 2], 16) for i in (1, 3, 5)]) / 255


def seen(hex_color: str, cvd: str | None) -> np.ndarray:
    colour = _rgb(hex_color)
    if cvd is None:
        return colour
    return np.clip(cspace_convert(colour, {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}, "sRGB1"), 0, 1)


def closest_pair(palette: dict, cvd: str | None) -> tuple[float, str, str]:
    """(CAM02-UCS Delta E, a, b) of the two least distinguishable colours of a palette."""
    return min((float(deltaE(seen(palette[a], cvd), seen(palette[b], cvd), input_space="sRGB1")), a, b)
               for a, b in itertools.combinations(palette, 2))


@pytest.mark.parametrize("cvd", VISION)
@pytest.mark.parametrize("name", sorted(style.PALETTES))
def test_every_palette_stays_distinguishable(name, cvd):
    distance, a, b = closest_pair(style.PALETTES[name], cvd)
    assert distance >= style.MIN_DELTA_E, f"{name} under {cvd or 'normal vision'}: {a} vs {b} Delta E {distance:.1f}"


def test_the_check_catches_a_palette_that_fails_for_deuteranopes():
    # red and green of equal lightness: distinct for normal vision, nearly one colour for a deuteranope
    red_green = {"a": "#D81B1B", "b": "#4C9A1B"}
    assert closest_pair(red_green, None)[0] > 20
    assert closest_pair(red_green, "deuteranomaly")[0] < style.MIN_DELTA_E


def test_one_colour_per_meaning():
    assert set(style.VOTE_COLORS) == set(VOTE_ORDER)
    assert set(style.BLOC_COLORS) == set(BLOC_NAMES.values()) | {MIDDLE_BLOC}
    assert set(style.STATUS_COLORS) == {"party", "signed", "not signed"}
    # the two sides of UN cyber diplomacy have one colour each, for blocs and co-sponsor camps alike
    assert style.CAMP_COLORS["US/EU-led"] == style.BLOC_COLORS["Western bloc"]
    assert style.CAMP_COLORS["Russia-led"] == style.BLOC_COLORS["Russia-aligned bloc"]
    # a vote colour never stands for a side: no vote colour is a bloc colour
    assert not set(style.VOTE_COLORS.values()) & set(style.BLOC_COLORS.values())
