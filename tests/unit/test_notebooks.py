"""Every notebook is paired with its py:percent script, and the pair is in sync."""
from __future__ import annotations

import pytest

from analysis.report.notebooks import notebook_paths, pair_differences, script_of, synced_notebook


def test_every_notebook_has_a_script():
    paths = notebook_paths()
    assert len(paths) >= 5
    assert all(script_of(p).is_file() for p in paths)


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_notebook_and_script_in_sync(path):
    assert pair_differences(path) == [], "run `python -m analysis run-notebooks` (or `jupytext --sync`)"


def test_pair_differences_catches_an_edited_script(tmp_path):
    import shutil

    path = notebook_paths()[0]
    shutil.copy(path, tmp_path / path.name)
    script = tmp_path / script_of(path).name
    script.write_text(script_of(path).read_text(encoding="utf-8") + "\n# %%\nprint('new cell')\n", encoding="utf-8")
    problems = pair_differences(tmp_path / path.name)
    assert problems and "cells" in problems[0]
    synced = synced_notebook(tmp_path / path.name)
    assert synced.cells[-1].source == "print('new cell')" and synced.cells[-1].id == f"cell-{len(synced.cells) - 1:02d}"
    # unchanged cells keep their stored outputs
    assert synced.cells[1].outputs


# ---------------------------------------------------------------- stored figures

def _images(path):
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if "image/png" in out.get("data", {}):
                yield out


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_every_stored_image_is_its_figure_file_with_alt_text(path):
    """The image a notebook stores (and the report shows) is byte for byte the PNG in figures/,
    with the figure's title and source as alt text."""
    import base64

    from analysis.core.paths import FIGURES_DIR

    images = list(_images(path))
    assert images, f"{path.name} shows no figure"
    for out in images:
        meta = out.get("metadata", {}).get("image/png", {})
        figure = FIGURES_DIR / meta["figure"]
        assert base64.b64decode(out["data"]["image/png"]) == figure.read_bytes(), figure.name
        assert ". Source: data/" in meta["alt"], figure.name
