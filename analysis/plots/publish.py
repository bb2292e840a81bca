"""Finishing a figure: its source note, its title and alt text, and the one way a notebook shows it.

Every figure of the project says where its numbers come from, in a note under it: the tidy tables
drawn (``data/<table>``) and their origins, from the data package's source list
(:data:`analysis.data.schema.SOURCES`), plus an optional note on the method. A notebook shows a
figure with :func:`show_figure`, which checks the layout (:func:`analysis.plots.layout.layout_problems`),
saves the PNG and displays *that file* with its alt text, so the image stored in the notebook and
the report is byte for byte the file in ``figures/``.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from matplotlib.figure import Figure

from analysis.data.schema import SOURCES, TABLES
from analysis.plots.layout import layout_problems
from analysis.plots.style import save_figure

#: Short names of the sources in :data:`analysis.data.schema.SOURCES`, for the notes under figures.
SOURCE_SHORT = {
    "unvotes": "Voeten UNGA votes (unvotes 0.3.0)",
    "unxml": "UN DGACM resolution records",
    "undl": "UN Digital Library voting data",
    "unga_ict_votes_2020_2025": "curated list of UNGA ICT texts",
    "bsv_ideal_points": "Bailey, Strezhnev & Voeten ideal points (2025)",
    "coe_cybercrime_treaties": "Council of Europe Treaty Office",
    "other_cybercrime_instruments": "UN Treaty Collection and other treaty records",
    "cooperation": "curated cooperation ties",
    "naturalearth": "Natural Earth",
    "country_converter": "country_converter",
    "project_curation": "project curation files",
}
NOTE_GID = "source-note"
#: Every file of the data package a figure can draw: table name -> (file, source ids).
RESOURCES = {**{name: (table["path"], list(table.get("sources", []))) for name, table in TABLES.items()},
             "world_outlines": ("world_outlines.geojson", ["naturalearth"])}


def source_text(tables: Iterable[str], note: str | None = None) -> str:
    """'data/votes.csv.gz, data/rollcalls.csv (Voeten UNGA votes ...; UN DGACM ...). <note>'.

    `tables` are names of :data:`RESOURCES` (the tables of :data:`analysis.data.schema.TABLES` and
    the world outlines); their sources are listed once
    each, in the order met. Raises KeyError for an unknown table.
    """
    tables = list(tables)
    unknown = [t for t in tables if t not in RESOURCES]
    if unknown:
        raise KeyError(f"unknown tables {unknown}; known: {sorted(RESOURCES)}")
    files = ", ".join(f"data/{RESOURCES[t][0]}" for t in tables)
    origins = list(dict.fromkeys(s for t in tables for s in RESOURCES[t][1]))
    missing = [s for s in origins if s not in SOURCES or s not in SOURCE_SHORT]
    if missing:
        raise KeyError(f"sources without a short name: {missing}")
    text = f"{files} ({'; '.join(SOURCE_SHORT[s] for s in origins)})" if tables else ""
    if note:
        text = f"{text}. {note}" if text else note
    return text


def source_note(fig: Figure, tables: Sequence[str] = (), note: str | None = None, width: int = 170) -> str:
    """Write "Source: ..." under the figure (wrapped every `width` characters) and return the text.

    The note is the figure's ``supxlabel``, so a constrained layout keeps room for it below the
    axes and their legends (not below a figure legend placed "outside": place legends on an axes);
    a figure with a fixed layout must leave that room itself (``fig.subplots_adjust(bottom=...)``).
    """
    import textwrap

    text = "Source: " + source_text(tables, note)
    lines = textwrap.wrap(text, width) or [text]
    label = fig.supxlabel("\n".join(lines), x=0.01, ha="left", fontsize=7, color="#444444")
    label.set_gid(NOTE_GID)
    return text


def source_of(fig: Figure) -> str | None:
    """The figure's source note (None if it has none)."""
    return next((" ".join(t.get_text().split("\n")) for t in fig.texts if t.get_gid() == NOTE_GID), None)


def figure_title(fig: Figure) -> str:
    """The figure's title: its suptitle, else the titles of its axes joined by '; '."""
    if fig._suptitle is not None and fig._suptitle.get_text():
        return fig._suptitle.get_text()
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    return "; ".join(titles)


def alt_text(fig: Figure) -> str:
    """Alt text of a figure: its title and its source note (one line)."""
    title = " ".join(figure_title(fig).split())
    source = source_of(fig)
    return ". ".join(part for part in (title, source) if part)


class FigureLayoutError(ValueError):
    """A figure whose legend, colour bar or note covers something (see :func:`layout_problems`)."""


def show_figure(fig: Figure, name: str, out_dir, formats: Sequence[str] = ("png",)) -> None:
    """Check, save, close and (under IPython) display a finished figure.

    Raises :class:`FigureLayoutError` if the figure has no source note or a layout problem, before
    anything is written. The PNG written to ``out_dir/name.png`` is the image displayed, with the
    figure's title and source as alt text (``metadata["alt"]``), which the report also prints as the
    figure's caption, and the file name (``metadata["figure"]``).
    """
    import matplotlib.pyplot as plt

    if source_of(fig) is None:
        raise FigureLayoutError(f"figure {name!r} has no source note (analysis.plots.publish.source_note)")
    problems = layout_problems(fig)
    if problems:
        raise FigureLayoutError(f"figure {name!r}: " + "; ".join(problems))
    alt = alt_text(fig)
    paths = save_figure(fig, name, out_dir, formats)
    plt.close(fig)
    from IPython import get_ipython
    from IPython.display import Image, display

    png = next((p for p in paths if Path(p).suffix == ".png"), None)
    if png is not None and get_ipython() is not None:
        display(Image(data=Path(png).read_bytes(), format="png", alt=alt, metadata={"figure": Path(png).name}))
