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

DPI = 150
FIGSIZE = (10.0, 5.6)
MAP_FIGSIZE = (10.0, 4.8)  # close to the 360:145 lon/lat box plus title
SVG_HASHSALT = "cybercrime-politics"
MISSING_COLOR = "#d9d9d9"
EDGE_COLOR = "#ffffff"
# Okabe-Ito, colour-blind safe; used in order when `colors` is not given.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")

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
    missing_color: str = MISSING_COLOR,
    column: str | None = None,
    missing_label: str = "no data",
    exclude: Sequence[str] = ("ATA",),
    legend_loc: str = "lower left",
):
    """Categorical world map of `values` joined on iso3 to `outlines` (from `analysis.data.geo`).

    `values` is a DataFrame with iso3 and one category column (or name it with `column`), or a
    Series indexed by iso3. `categories` fixes the legend order (default: sorted values);
    `colors` is a list in that order or a mapping category -> colour. Outlines with no value are
    drawn in `missing_color`; `exclude` outlines (Antarctica by default) are not drawn.
    Lon/lat plate carrée, equal aspect.

    Returns (fig, ax, unmatched): unmatched is the sorted list of iso3 in `values` that have no
    outline (mostly small states), to be printed under the map.
    """
    import matplotlib.pyplot as plt

    category = _category_values(values, column)
    categories, lookup = category_colors(category, categories, colors)

    if ax is None:
        fig, ax = plt.subplots(figsize=MAP_FIGSIZE)
    else:
        fig = ax.figure

    drawn = outlines[~outlines["iso3"].isin(list(exclude))]
    patches, faces = [], []
    for iso3, polygons in zip(drawn["iso3"], drawn["geometry"], strict=True):
        patches.append(PathPatch(_outline_path(polygons)))
        value = category.get(iso3) if iso3 is not None else None
        faces.append(lookup[value] if value is not None else missing_color)
    ax.add_collection(PatchCollection(patches, facecolors=faces, edgecolors=EDGE_COLOR,
                                      linewidths=0.3))

    south = -90 if "ATA" not in exclude else -60
    ax.set_xlim(-180, 180)
    ax.set_ylim(south, 85)
    ax.set_aspect("equal")
    ax.set_axis_off()
    handles = [Patch(facecolor=lookup[c], edgecolor="none", label=str(c)) for c in categories]
    handles.append(Patch(facecolor=missing_color, edgecolor="none", label=missing_label))
    ax.legend(handles=handles, loc=legend_loc, frameon=False)
    if title:
        ax.set_title(title)

    have_outline = set(outlines["iso3"].dropna())
    unmatched = sorted(str(i) for i in category.index if i not in have_outline)
    return fig, ax, unmatched
