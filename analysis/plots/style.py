"""Figure style, the one figure-saving helper, and a categorical world choropleth.

Figures are reproducible byte for byte: `save_figure` writes PNG at a fixed dpi with no
"Software" text chunk (matplotlib writes no date into PNG), and SVG with no Date or Creator
metadata and a fixed `svg.hashsalt`, so element ids do not change between runs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import rc_context
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath

from analysis.core.vocabulary import NOT_RECORDED

DPI = 150
FIGSIZE = (10.0, 5.6)
MAP_FIGSIZE = (10.0, 4.8)  # close to the 360:145 lon/lat box plus title
SVG_HASHSALT = "cybercrime-politics"
EDGE_COLOR = "#8C8C8C"   # country outlines: grey, so that a white (no value) country still shows
# Okabe-Ito, colour-blind safe: for categories that have no meaning of their own.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")

# ------------------------------------------------------------------ the colour language
# One colour per meaning, the same in every figure, map, network and profile. Each palette keeps its
# colours distinguishable under deuteranopia, protanopia and tritanopia (CAM02-UCS distance of at
# least MIN_DELTA_E between any two; tests/unit/plots/test_palettes.py).

#: Votes, keyed by analysis.core.vocabulary's values. Green / vermilion / yellow (no colour of a
#: political side: a yes means different things on different texts); absences in grey.
VOTE_COLORS = {"yes": "#009E73", "no": "#D55E00", "abstain": "#F0E442", "absent": "#BBBBBB",
               NOT_RECORDED: "#FFFFFF"}
#: Status under a treaty: ordered, in blues (dark = further along), for every instrument.
STATUS_COLORS = {"party": "#08519C", "signed": "#6BAED6", "not signed": "#EFF3FF"}
#: The two sides of UN cyber diplomacy, for the named voting blocs and the co-sponsor camps alike:
#: indigo = the Western side, wine = the Russian side, sand = between / both.
BLOC_COLORS = {"Western bloc": "#332288", "middle bloc": "#DDCC77", "Russia-aligned bloc": "#882255"}
CAMP_COLORS = {"US/EU-led": "#332288", "both": "#DDCC77", "Russia-led": "#882255"}
#: Lines per instrument: the Budapest track in the status blues, the UN track in rose.
TRACK_COLORS = {"ETS185": "#08519C", "ETS189": "#4292C6", "CETS224": "#9ECAE1", "UNCC2024": "#CC6677"}
#: The states followed by name in the notebooks; anchors in black and grey.
COUNTRY_COLORS = {"JPN": "#E69F00", "CAN": "#CC79A7", "SRB": "#56B4E9", "USA": "#000000", "RUS": "#7F7F7F"}
#: World regions (UN M49) and other categories with no political meaning: Paul Tol's "muted"
#: colours left over once the blocs and the UN track have theirs.
REGION_COLORS = {"Europe": "#88CCEE", "Americas": "#44AA99", "Asia": "#117733", "Africa": "#999933",
                 "Oceania": "#AA4499"}
#: Something without a value (no data, not a UN member, no bloc): white, hatched on maps.
NO_DATA_COLOR = "#FFFFFF"
NO_DATA_HATCH = "////"
MISSING_COLOR = NO_DATA_COLOR
#: The smallest colour distance (CAM02-UCS Delta E) allowed within a palette, with and without
#: simulated colour-vision deficiency.
MIN_DELTA_E = 10.0
PALETTES = {"votes": VOTE_COLORS, "statuses": STATUS_COLORS, "blocs": BLOC_COLORS, "camps": CAMP_COLORS,
            "tracks": TRACK_COLORS, "countries": COUNTRY_COLORS, "regions": REGION_COLORS}
#: Ink for marks with no category (one series, a guide line), and the light grey of reference marks.
INK = "#222222"
GUIDE = "#8C8C8C"
#: Line styles for a second dimension drawn over colour (e.g. this project's estimate vs a reference).
LINE_STYLES = ("-", "--", ":", "-.")


STYLE = {
    "figure.figsize": FIGSIZE,
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "figure.constrained_layout.use": True,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "legend.title_fontsize": 9,
    "figure.titlesize": 13,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": SVG_HASHSALT,
    "svg.fonttype": "path",
    "text.parse_math": False,   # text from data is text: a '$' in a name or title never starts mathtext
}


@contextlib.contextmanager
def figure_style() -> Iterator[None]:
    """Context in which figures get the project's fixed size, fonts and save settings."""
    with rc_context(STYLE):
        yield


def save_figure(fig: Figure, name: str, out_dir, formats: Sequence[str] = ("png",)) -> list[Path]:
    """Save `fig` as `out_dir/name.<format>` for each format ("png", "svg"); return the paths.

    Fixed dpi (150), no date or software-version metadata, deterministic SVG ids.
    """
    if not name or Path(name).name != name or Path(name).suffix:
        raise ValueError(f"name must be a bare file stem, got {name!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    metadata = {"png": {"Software": None},
                "svg": {"Date": None, "Creator": None}}
    paths = []
    for fmt in formats:
        if fmt not in metadata:
            raise ValueError(f"unsupported format {fmt!r}; use one of {sorted(metadata)}")
        path = out / f"{name}.{fmt}"
        with rc_context({"svg.hashsalt": SVG_HASHSALT}):
            fig.savefig(path, format=fmt, dpi=DPI, metadata=metadata[fmt])
        paths.append(path)
    return paths


def _oriented(ring: np.ndarray, counter_clockwise: bool) -> np.ndarray:
    """The ring with the requested orientation (shoelace sign)."""
    x, y = ring[:, 0], ring[:, 1]
    area = np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))
    return ring if (area > 0) == counter_clockwise else ring[::-1]


def _outline_path(polygons: list) -> MplPath:
    """One compound path for a list of polygons (exterior counter-clockwise, holes clockwise)."""
    parts = []
    for polygon in polygons:
        for k, ring in enumerate(polygon):
            ring = np.asarray(ring, dtype=float)
            if len(ring) < 3:
                continue
            parts.append(MplPath(_oriented(ring, counter_clockwise=(k == 0)), closed=True))
    return MplPath.make_compound_path(*parts)


def _category_values(values, column: str | None) -> pd.Series:
    """Category per iso3 from a Series indexed by iso3 or a DataFrame with column iso3."""
    if isinstance(values, pd.Series):
        series = values.copy()
    else:
        if column is None:
            others = [c for c in values.columns if c != "iso3"]
            if len(others) != 1:
                raise ValueError(f"pass `column`; candidates are {others}")
            column = others[0]
        series = values.set_index("iso3")[column]
    if series.index.duplicated().any():
        dupes = sorted(series.index[series.index.duplicated()].unique())
        raise ValueError(f"duplicate iso3 in values: {dupes}")
    return series.astype(object).where(series.notna(), None)


def category_colors(values, categories: Sequence | None = None,
                    colors: Sequence[str] | Mapping | None = None) -> tuple[list, dict]:
    """(category order, category -> colour) for the non-missing `values` (any iterable).

    `categories` fixes the order (default: sorted values present); `colors` is a list in that
    order, a mapping category -> colour, or None for :data:`PALETTE`. Raises ValueError for a
    value outside `categories` or a category without a colour.
    """
    present = sorted({v for v in values if v is not None and not (isinstance(v, float) and v != v)}, key=str)
    cats = list(categories) if categories is not None else present
    unknown = sorted(set(present) - set(cats), key=str)
    if unknown:
        raise ValueError(f"values not in categories: {unknown}")
    if colors is None:
        if len(cats) > len(PALETTE):
            raise ValueError(f"more than {len(PALETTE)} categories; pass `colors`")
        colors = PALETTE[:len(cats)]
    if isinstance(colors, Mapping):
        lookup = dict(colors)
        missing = [c for c in cats if c not in lookup]
        if missing:
            raise ValueError(f"no colour for categories {missing}")
    else:
        if len(colors) != len(cats):
            raise ValueError("`colors` must have one colour per category")
        lookup = dict(zip(cats, colors, strict=True))
    return cats, lookup


def choropleth(
    values,
    outlines: pd.DataFrame,
    ax=None,
    categories: Sequence | None = None,
    colors: Sequence[str] | Mapping | None = None,
    title: str | None = None,
    missing_color: str = NO_DATA_COLOR,
    column: str | None = None,
    missing_label: str = "no data",
    exclude: Sequence[str] = ("ATA",),
    legend_loc: str = "lower left",
    hatches: Mapping | None = None,
    missing_hatch: str | None = NO_DATA_HATCH,
):
    """Categorical world map of `values` joined on iso3 to `outlines` (from `analysis.data.geo`).

    `values` is a DataFrame with iso3 and one category column (or name it with `column`), or a
    Series indexed by iso3. `categories` fixes the legend order (default: sorted values);
    `colors` is a list in that order or a mapping category -> colour; `hatches` maps categories to
    a hatch pattern drawn over their colour (e.g. an unverified report). Outlines with no value are
    drawn in `missing_color` with `missing_hatch`; `exclude` outlines (Antarctica by default) are
    not drawn. Country borders are grey (:data:`EDGE_COLOR`). Lon/lat plate carrée, equal aspect.

    The outlines of each category form one collection, labelled with the category (legend order).
    Returns (fig, ax, unmatched): unmatched is the sorted list of iso3 in `values` that have no
    outline (mostly small states), to be printed under the map.
    """
    import matplotlib.pyplot as plt

    category = _category_values(values, column)
    categories, lookup = category_colors(category, categories, colors)
    hatches = dict(hatches or {})

    if ax is None:
        fig, ax = plt.subplots(figsize=MAP_FIGSIZE)
    else:
        fig = ax.figure

    drawn = outlines[~outlines["iso3"].isin(list(exclude))]
    layers: dict[str, list] = {}                 # one collection per category (hatches are per collection)
    for iso3, polygons in zip(drawn["iso3"], drawn["geometry"], strict=True):
        value = category.get(iso3) if iso3 is not None else None
        layers.setdefault(missing_label if value is None else str(value), []).append(PathPatch(_outline_path(polygons)))
    styles = {str(c): (lookup[c], hatches.get(c)) for c in categories}
    styles[missing_label] = (missing_color, missing_hatch)
    for label in [str(c) for c in categories] + [missing_label]:
        if label not in layers:
            continue
        face, hatch = styles[label]
        collection = PatchCollection(layers[label], facecolors=face, edgecolors=EDGE_COLOR, linewidths=0.3)
        collection.set_label(label)
        if hatch:
            collection.set_hatch(hatch)
        ax.add_collection(collection)

    south = -90 if "ATA" not in exclude else -60
    ax.set_xlim(-180, 180)
    ax.set_ylim(south, 85)
    ax.set_aspect("equal")
    ax.set_axis_off()
    handles = [Patch(facecolor=lookup[c], edgecolor=EDGE_COLOR, hatch=hatches.get(c), label=str(c)) for c in categories]
    handles.append(Patch(facecolor=missing_color, edgecolor=EDGE_COLOR, hatch=missing_hatch, label=missing_label))
    ax.legend(handles=handles, loc=legend_loc, frameon=False)
    if title:
        ax.set_title(title)

    have_outline = set(outlines["iso3"].dropna())
    unmatched = sorted(str(i) for i in category.index if i not in have_outline)
    return fig, ax, unmatched
