"""Is a figure readable? Overlap checks on a drawn matplotlib figure, in display (pixel) space.

:func:`layout_problems` lists what covers what: a legend over data (a line, marker, bar, image,
map outline, network stroke or data label placed in data coordinates), a colour bar over another
axes, a legend or the source note leaving the figure, the source note over an axes or its labels,
two legends over each other, two labels (tick labels, annotations) of one axes over each other. Artists placed in axes coordinates (reference lines such as
``axhline``, shaded spans such as ``axvspan``) are background, not data, and may sit under a
legend. :func:`analysis.plots.publish.show_figure` refuses to save a figure with a problem, so no
stored figure has one.
"""
from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.collections import Collection
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.transforms import Bbox

COLORBAR_LABEL = "<colorbar>"      # matplotlib's label of a colour bar's axes
_SHRINK = 1.0                      # pixels taken off each side of a legend's box (its frame line)


def _renderer(fig: Figure):
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def _is_colorbar(ax: Axes) -> bool:
    return ax.get_label() == COLORBAR_LABEL or getattr(ax, "_colorbar", None) is not None


def legends(fig: Figure) -> list[Legend]:
    """Every visible legend of the figure: figure legends and axes legends (also added as artists)."""
    found = [leg for leg in fig.legends]
    for ax in fig.axes:
        found += [a for a in ax.get_children() if isinstance(a, Legend)]
    return [leg for leg in dict.fromkeys(found) if leg.get_visible()]


def _in_data(artist, ax: Axes, transform) -> bool:
    """True for an artist placed in the data coordinates of `ax` (not in axes or figure coordinates)."""
    return transform == ax.transData


def _paths(artist, ax: Axes):
    """(display-space path, filled) for the data paths of one artist; empty for a non-data artist."""
    if isinstance(artist, Line2D):
        if _in_data(artist, ax, artist.get_transform()) and artist.get_visible() and len(artist.get_xydata()):
            path = artist.get_transform().transform_path(artist.get_path())
            yield path, False
            if artist.get_marker() not in (None, "None", "", " "):
                yield MplPath(path.vertices), False
    elif isinstance(artist, Collection):
        if not artist.get_visible():
            return
        offsets = artist.get_offsets()
        if len(offsets) and _in_data(artist, ax, artist.get_offset_transform()):
            points = artist.get_offset_transform().transform(offsets)
            for x, y in points:            # markers: a small box around each centre
                yield MplPath([(x - 2, y - 2), (x + 2, y - 2), (x + 2, y + 2), (x - 2, y + 2), (x - 2, y - 2)]), True
        elif _in_data(artist, ax, artist.get_transform()):
            filled = len(artist.get_facecolor()) > 0 and float(max(c[3] for c in artist.get_facecolor())) > 0
            for path in artist.get_paths():
                yield artist.get_transform().transform_path(path), filled
    elif isinstance(artist, Patch):
        if artist.get_visible() and _in_data(artist, ax, artist.get_data_transform()):
            yield artist.get_transform().transform_path(artist.get_path()), artist.get_fill()


def _data_boxes(ax: Axes, renderer) -> list[Bbox]:
    """Display boxes of the data images and data labels of `ax`."""
    boxes = []
    for image in ax.images:
        if isinstance(image, AxesImage) and image.get_visible():
            boxes.append(image.get_window_extent(renderer))
    for text in ax.texts:
        if isinstance(text, Text) and text.get_visible() and text.get_text().strip():
            transform = text.get_transform()
            anchored = getattr(text, "xycoords", None)
            if transform == ax.transData or anchored == "data":
                boxes.append(text.get_window_extent(renderer))
    return boxes


def _covers(box: Bbox, ax: Axes, renderer) -> str | None:
    """What data of `ax` lies under `box` (a short description), or None."""
    inner = Bbox.from_extents(box.x0 + _SHRINK, box.y0 + _SHRINK, box.x1 - _SHRINK, box.y1 - _SHRINK)
    visible = Bbox.intersection(inner, ax.get_window_extent(renderer))   # where clipped data can show
    for artist in list(ax.lines) + list(ax.collections) + list(ax.patches):
        region = inner if not artist.get_clip_on() else visible
        if region is None or region.width <= 0 or region.height <= 0:
            continue
        for path, filled in _paths(artist, ax):
            if len(path.vertices) and path.intersects_bbox(region, filled=filled):
                return type(artist).__name__
    for other in _data_boxes(ax, renderer):
        if inner.overlaps(other):
            return "image or label"
    return None


def _label_boxes(ax: Axes, renderer) -> list[tuple[str, Bbox]]:
    """(text, display box) of the tick labels and the text labels of `ax`."""
    out = []
    for axis in (ax.xaxis, ax.yaxis):
        lo, hi = sorted(axis.get_view_interval())
        for tick in axis.get_major_ticks() + axis.get_minor_ticks():
            inside = lo - 1e-9 * abs(hi - lo) <= tick.get_loc() <= hi + 1e-9 * abs(hi - lo)
            for label in (tick.label1, tick.label2):
                if inside and label.get_visible() and label.get_text().strip():
                    out.append((label.get_text(), label.get_window_extent(renderer)))
    for text in ax.texts:
        if text.get_visible() and text.get_text().strip():
            out.append((text.get_text(), text.get_window_extent(renderer)))
    return out


def colliding_labels(ax: Axes, renderer=None) -> list[tuple[str, str]]:
    """Pairs of labels of `ax` (tick labels, annotations) drawn over each other."""
    renderer = renderer or _renderer(ax.figure)
    boxes = _label_boxes(ax, renderer)
    pairs = []
    for i, (a, box) in enumerate(boxes):
        inner = Bbox.from_extents(box.x0 + 0.5, box.y0 + 0.5, box.x1 - 0.5, box.y1 - 0.5)
        pairs += [(a, b) for b, other in boxes[i + 1:] if inner.overlaps(other)]
    return pairs


def layout_problems(fig: Figure) -> list[str]:
    """Everything that covers something else in `fig` once drawn; an empty list for a readable figure."""
    renderer = _renderer(fig)
    page = fig.bbox
    problems = []
    found = legends(fig)
    axes = [ax for ax in fig.axes if ax.get_visible() and not _is_colorbar(ax)]
    for k, legend in enumerate(found):
        box = legend.get_window_extent(renderer)
        name = f"legend {k + 1}" + (f" ({legend.get_title().get_text()!r})" if legend.get_title().get_text() else "")
        if not (page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1 and page.y0 - 1 <= box.y0 and box.y1 <= page.y1 + 1):
            problems.append(f"{name} extends beyond the figure")
        for ax in axes:
            what = _covers(box, ax, renderer)
            if what:
                problems.append(f"{name} covers data ({what}) of the axes titled {ax.get_title()!r}")
        for other in found[k + 1:]:
            if box.overlaps(other.get_window_extent(renderer)):
                problems.append(f"{name} overlaps another legend")
    for ax in axes:
        tight = ax.get_tightbbox(renderer)
        if tight is not None and not (page.x0 - 1 <= tight.x0 and tight.x1 <= page.x1 + 1
                                      and page.y0 - 1 <= tight.y0 and tight.y1 <= page.y1 + 1):
            problems.append(f"the axes titled {ax.get_title()!r} or its labels extend beyond the figure")
        pairs = colliding_labels(ax, renderer)
        if pairs:
            shown = ", ".join(f"{a!r}/{b!r}" for a, b in pairs[:5]) + (" ..." if len(pairs) > 5 else "")
            problems.append(f"{len(pairs)} labels drawn over each other in the axes titled {ax.get_title()!r}: {shown}")
    for cax in (ax for ax in fig.axes if _is_colorbar(ax)):
        box = cax.get_window_extent(renderer)
        for ax in axes:
            if box.overlaps(ax.get_window_extent(renderer)):
                problems.append(f"a colour bar overlaps the axes titled {ax.get_title()!r}")
    for text in fig.texts:
        if text.get_gid() != "source-note" or not text.get_visible():
            continue
        box = text.get_window_extent(renderer)
        if box.x1 > page.x1 + 1 or box.x0 < page.x0 - 1 or box.y0 < page.y0 - 1:
            problems.append("the source note extends beyond the figure")
        for ax in axes:
            tight = ax.get_tightbbox(renderer)
            if tight is not None and box.overlaps(tight):
                problems.append(f"the source note overlaps the axes titled {ax.get_title()!r} or its labels")
        for legend in found:
            if box.overlaps(legend.get_window_extent(renderer)):
                problems.append("the source note overlaps a legend")
    return problems
