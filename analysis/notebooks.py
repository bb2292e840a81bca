"""Execute notebooks in place (outputs stored) with a fixed kernel, working directory and seed env."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .paths import NOTEBOOKS_DIR


def run_notebook(path: Path, parameters: dict | None = None, output: Path | None = None, timeout: int = 900) -> Path:
    """Execute ``path`` (papermill when ``parameters`` are given) and write it to ``output`` (default: in place)."""
    path = Path(path)
    output = Path(output) if output else path
    # The kernel keeps Jupyter's inline backend (figures are stored in the notebook); MPLBACKEND
    # from the caller would override it, so it is removed for the kernel.
    os.environ.pop("MPLBACKEND", None)
    os.environ["PYTHONHASHSEED"] = "0"
    if parameters is not None:
        import papermill as pm

        pm.execute_notebook(str(path), str(output), parameters=parameters, kernel_name="python3",
                            cwd=str(path.parent), progress_bar=False, request_save_on_cell_execute=False)
        return output
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
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


def run_all(paths: list[str]) -> None:
    targets = [Path(p) for p in paths] or sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    for i, p in enumerate(targets, 1):
        print(f"[{i}/{len(targets)}] executing {p.name} ...", file=sys.stderr, flush=True)
        run_notebook(p)
