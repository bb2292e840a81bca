"""The readability check: what covers what in a drawn figure (analysis.plots.layout)."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from analysis.plots.layout import colliding_labels, layout_problems
from analysis.plots.publish import source_note
from analysis.plots.style import figure_style

X = np.linspace(0, 1, 50)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_a_legend_in_an_empty_corner_is_fine():
    with figure_style():
        fig, ax = plt.subplots()
        ax.plot(X, X ** 4, label="a")
        ax.axhline(0.5, color="grey")          # a reference line (axes coordinates) is background
        ax.legend(loc="upper left")
        source_note(fig, ["votes"])
    assert layout_problems(fig) == []


def test_a_legend_over_a_line_is_caught():
    with figure_style():
        fig, ax = plt.subplots()
        ax.plot(X, X, label="a")
        ax.plot(X, 1 - X, label="b")
        ax.legend(loc="center")
    assert any("covers data (Line2D)" in p for p in layout_problems(fig))


def test_a_legend_over_bars_and_markers_is_caught():
    with figure_style():
        fig, (a, b) = plt.subplots(1, 2)
        a.bar([1, 2, 3], [3, 3, 3], label="bars")
        a.legend(loc="upper right")
        b.scatter([0.5], [0.5], label="dot")
        b.legend(loc="center")
    problems = layout_problems(fig)
    assert any("Rectangle" in p for p in problems) and any("PathCollection" in p for p in problems)


def test_a_colour_bar_over_an_axes_is_caught_and_one_beside_is_fine():
    with figure_style():
        bad, axes = plt.subplots(1, 2, layout="none")
        image = axes[0].imshow(np.eye(5))
        axes[1].imshow(np.eye(5))
        bad.colorbar(image, cax=bad.add_axes((0.8, 0.3, 0.05, 0.4)))
        good, axes = plt.subplots(1, 2)
        image = axes[0].imshow(np.eye(5))
        good.colorbar(image, ax=list(axes))
    assert any("colour bar overlaps" in p for p in layout_problems(bad))
    assert layout_problems(good) == []


def test_labels_over_each_other_and_titles_off_the_page_are_caught():
    with figure_style():
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.set_xticks([0, 0.01], ["a long label", "another long label"])
        ax.set_title("a title far too long for a figure three inches wide, which runs off the page")
    problems = layout_problems(fig)
    assert colliding_labels(ax) == [("a long label", "another long label")]
    assert any("extend beyond the figure" in p for p in problems)


def test_a_source_note_over_an_axes_is_caught():
    with figure_style():
        fig, ax = plt.subplots(layout="none")          # a fixed layout leaves no room for the note
        ax.set_position((0.1, 0.0, 0.8, 0.9))
        ax.set_xlabel("x")
        source_note(fig, ["votes"])
    assert any("source note overlaps" in p for p in layout_problems(fig))
