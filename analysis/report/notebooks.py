"""Execute notebooks in place (outputs stored) with a fixed kernel, working directory and seed env.

Each ``notebooks/NN-topic.ipynb`` is paired with ``notebooks/NN-topic.py`` (jupytext, py:percent;
see ``jupytext.toml``). The script holds the inputs and is what people edit and review; the
notebook holds the same inputs plus the outputs of the last run. Before executing, the runner
takes the inputs from the script (:func:`synced_notebook`), so an edit of the script is never lost
and an edit made in JupyterLab (which saves both files) is kept. :func:`pair_differences` tells
whether a pair is in sync (the test suite fails when it is not).
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from analysis.core.paths import NOTEBOOKS_DIR, ROOT

#: The kernel every notebook runs on and names in its metadata.
KERNEL_NAME = "python3"
#: Its display name: the one `make` installs (Makefile, ``ipykernel install --display-name``).
KERNEL_DISPLAY_NAME = "Python 3"
#: The kernel logs errors only: its warning that a local kernel talks over TCP without encryption
#: (printed once per notebook) says nothing about the run.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]


def script_of(path: Path) -> Path:
    """The py:percent script paired with notebook ``path``."""
    return Path(path).with_suffix(".py")


def _inputs(nb) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(c.cell_type, c.source, tuple(c.metadata.get("tags", []))) for c in nb.cells]


def pair_differences(path: Path) -> list[str]:
    """How the inputs of notebook ``path`` differ from its paired script ([] = in sync)."""
    import jupytext
    import nbformat

    script = script_of(path)
    if not script.is_file():
        return [f"{script.name}: missing (every notebook is paired with a py:percent script)"]
    stored = _inputs(nbformat.read(path, as_version=4))
    text = _inputs(jupytext.read(script))
    problems = []
    if len(stored) != len(text):
        problems.append(f"{Path(path).name}: {len(stored)} cells, {script.name}: {len(text)} cells")
    for k, (a, b) in enumerate(zip(stored, text, strict=False)):   # a length difference is reported above
        if a != b:
            problems.append(f"{Path(path).name} cell {k} differs from {script.name} "
                            f"({'type' if a[0] != b[0] else 'tags' if a[2] != b[2] else 'source'})")
            break
    return problems


def jupytext_metadata(folder: Path) -> dict:
    """What JupyterLab's Jupytext writes into a paired notebook's metadata when it saves it (the
    filters of ``jupytext.toml``): stored by the runner too, so that opening and saving a notebook
    in JupyterLab changes nothing."""
    from jupytext.config import load_jupytext_config

    config = load_jupytext_config(str(Path(folder).resolve())) or load_jupytext_config(str(ROOT))
    return {"cell_metadata_filter": config.cell_metadata_filter,
            "notebook_metadata_filter": config.notebook_metadata_filter}


def synced_notebook(path: Path):
    """Notebook ``path`` with its inputs taken from the paired script (outputs kept where a cell is
    unchanged), stable cell ids ``cell-NN`` and the project kernelspec."""
    import jupytext
    import nbformat
    from jupytext.combine import combine_inputs_with_outputs

    path = Path(path)
    stored = nbformat.read(path, as_version=4) if path.is_file() else nbformat.v4.new_notebook()
    script = script_of(path)
    if script.is_file():
        nb = combine_inputs_with_outputs(jupytext.read(script), stored)
        nb.metadata = stored.metadata
    else:
        nb = stored
    nb.metadata["jupytext"] = jupytext_metadata(path.parent)
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": KERNEL_DISPLAY_NAME, "language": "python"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
    return nb


def run_notebook(path: Path, parameters: dict | None = None, output: Path | None = None, timeout: int = 900) -> Path:
    """Execute ``path`` (papermill when ``parameters`` are given) and write it to ``output`` (default: in place)."""
    import nbformat

    path = Path(path)
    output = Path(output) if output else path
    nb = synced_notebook(path)
    # The kernel keeps Jupyter's inline backend (figures are stored in the notebook); MPLBACKEND
    # from the caller would override it, so it is removed for the kernel.
    os.environ.pop("MPLBACKEND", None)
    os.environ["PYTHONHASHSEED"] = "0"
    if parameters is not None:
        import papermill as pm

        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / path.name
            nbformat.write(nb, source)
            pm.execute_notebook(str(source), str(output), parameters=parameters, kernel_name=KERNEL_NAME,
                                cwd=str(path.parent), progress_bar=False, request_save_on_cell_execute=False,
                                extra_arguments=KERNEL_ARGUMENTS)
        return output
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=timeout, kernel_name=KERNEL_NAME, record_timing=False, extra_arguments=KERNEL_ARGUMENTS,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    coalesce_streams(nb)
    nbformat.write(nb, output)
    return output


def coalesce_streams(nb) -> None:
    """Merge consecutive stdout/stderr chunks of each cell: how the kernel split them is timing, not content."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        merged = []
        for out in cell.outputs:
            if (out.output_type == "stream" and merged and merged[-1].output_type == "stream"
                    and merged[-1].name == out.name):
                merged[-1].text += out.text
            else:
                merged.append(out)
        cell.outputs = merged


def notebook_paths() -> list[Path]:
    """Every ``notebooks/NN-*.ipynb``, in order."""
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def run_all(paths: list[str]) -> None:
    targets = [Path(p) for p in paths] or notebook_paths()
    for i, p in enumerate(targets, 1):
        print(f"[{i}/{len(targets)}] executing {p.name} ...", file=sys.stderr, flush=True)
        run_notebook(p)
