"""Write a notebook from a list of ("md"|"code", text) cells (used to author notebooks/*.ipynb).

Usage from Python: make_notebook(path, cells, parameters_cell=None). Outputs are produced by
`python -m analysis run-notebooks`.
"""
from __future__ import annotations

import nbformat


def make_notebook(path, cells, parameters: str | None = None):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                   "language_info": {"name": "python"}}
    out = []
    if parameters is not None:
        c = nbformat.v4.new_code_cell(parameters)
        c.metadata["tags"] = ["parameters"]
        out.append(c)
    for kind, text in cells:
        text = text.strip("\n")
        if kind == "md":
            out.append(nbformat.v4.new_markdown_cell(text))
        else:
            c = nbformat.v4.new_code_cell(text)
            if text.startswith("# NBVAL_IGNORE_OUTPUT"):
                c.metadata["tags"] = ["nbval-ignore-output"]
            out.append(c)
    for i, c in enumerate(out):
        c["id"] = f"cell-{i:02d}"
    nb.cells = out
    nbformat.write(nb, path)
