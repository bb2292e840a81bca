"""Source notes, alt text and the one way a figure is shown (analysis.plots.publish)."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from analysis.data.schema import SOURCES
from analysis.plots import publish
from analysis.plots.style import figure_style


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_source_text_names_files_and_origins_once():
    text = publish.source_text(["votes", "rollcalls"], note="Lijphart agreement")
    assert text.startswith("data/votes.csv.gz, data/rollcalls.csv (")
    assert text.count(publish.SOURCE_SHORT["unvotes"]) == 1          # both tables cite it, listed once
    assert text.endswith(". Lijphart agreement")
    assert "Natural Earth" in publish.source_text(["world_outlines"])
    with pytest.raises(KeyError, match="unknown tables"):
        publish.source_text(["votes.csv"])


def test_every_source_has_a_short_name():
    assert set(publish.SOURCE_SHORT) == set(SOURCES)


def test_alt_text_is_title_and_source():
    with figure_style():
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, 1])
        fig.suptitle("Votes by year")
        publish.source_note(fig, ["votes"])
    assert publish.figure_title(fig) == "Votes by year"
    assert publish.alt_text(fig) == "Votes by year. " + publish.source_of(fig)
    assert publish.source_of(fig).startswith("Source: data/votes.csv.gz")


def test_show_figure_refuses_a_figure_without_note_or_with_an_overlap(tmp_path):
    with figure_style():
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, 1], label="a")
        ax.plot([0, 1], [1, 0], label="b")
    with pytest.raises(publish.FigureLayoutError, match="no source note"):
        publish.show_figure(fig, "x", tmp_path)
    ax.legend(loc="center")
    publish.source_note(fig, ["votes"])
    with pytest.raises(publish.FigureLayoutError, match="covers data"):
        publish.show_figure(fig, "x", tmp_path)
    assert list(tmp_path.iterdir()) == []                              # nothing written


def test_show_figure_writes_the_png(tmp_path):
    with figure_style():
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, 1])
        ax.set_title("t")
        publish.source_note(fig, ["votes"])
    assert publish.show_figure(fig, "ok", tmp_path) is None
    assert (tmp_path / "ok.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
