"""The report's own pages: the index and the downloads page, with the same navigation bar and
style as the notebook pages (:mod:`analysis.report.page`).

The downloads page links a copy of every file a reader may want, under ``downloads/``: every table
of ``data/`` with ``datapackage.json`` (which describes each column and cites each source), the
figures, the GraphML/GEXF exports of the cooperation network, and the agreement-scores tables.
"""
from __future__ import annotations

import html
import json
import shutil
from collections.abc import Sequence
from pathlib import Path

from analysis.core.paths import DATA_DIR, FIGURES_DIR
from analysis.report.page import STYLE, navigation

DOWNLOADS_PAGE = "downloads.html"
_PAGE_STYLE = """
body { font-family: -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 0; line-height: 1.5; color: #1f2328; }
main { max-width: 60em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
li { margin: 0.3em 0; } .note { color: #57606a; font-size: 0.92em; }
table.files { border-collapse: collapse; width: 100%; font-size: 0.92em; }
table.files td, table.files th { text-align: left; vertical-align: top; padding: 0.25em 0.6em 0.25em 0;
  border-bottom: 1px solid #eaeef2; }
table.files td:nth-child(-n+2), table.files th:nth-child(-n+2) { white-space: nowrap; }
"""


def simple_page(title: str, body: str, links: Sequence[tuple[str, str]], current: str) -> str:
    """A report page written by hand: one <h1> (`title`), the navigation bar, the report's style."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(title)}</title>
<style>{STYLE}{_PAGE_STYLE}</style>
</head>
<body>
{navigation(links, current)}
<main>
<h1>{html.escape(title)}</h1>
{body}
</main>
</body>
</html>
"""


def _size(path: Path) -> str:
    n = path.stat().st_size
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{max(n / 1e3, 0.1):.1f} kB"


def index_body(notebooks: Sequence[tuple[str, str]], profiles: Sequence[tuple[str, str, str]],
               extra: Sequence[tuple[str, str]] = ()) -> str:
    """The index: notebooks as (page, title), profiles as (page, iso3, name), other pages as (page, title)."""
    def items(rows):
        return "\n".join(f'<li><a href="{html.escape(p, quote=True)}">{html.escape(t)}</a></li>' for p, t in rows)

    parts = [
        "<p>UN General Assembly votes, treaties and cooperation on cybercrime, from the validated tables in "
        "<code>data/</code>. Every number and statement in these pages comes from those tables, which cite their "
        "sources row by row; every figure names its sources under it.</p>",
        f"<h2>Notebooks</h2>\n<ul>\n{items(notebooks)}\n</ul>",
        '<p class="note">Shown with their stored outputs, as executed by <code>make notebooks</code>; the code is '
        'hidden (tick "Show code" in the bar to see it).</p>',
        "<h2>Country profiles</h2>\n<ul>\n" + items([(p, f"{n} ({c})") for p, c, n in profiles]) + "\n</ul>",
        '<p class="note">Executed for this report from <code>notebooks/05-country-profile.ipynb</code>. Any other '
        "state: <code>python -m analysis profile ISO3 --out DIR</code>.</p>",
    ]
    if extra:
        parts.append(f"<h2>More</h2>\n<ul>\n{items(extra)}\n</ul>")
    parts.append(f'<h2>Data</h2>\n<p>Every table, the data package, the figures and the network exports: '
                 f'<a href="{DOWNLOADS_PAGE}">Downloads</a>.</p>')
    return "\n".join(parts)


def copy_downloads(out_dir: Path, data_dir: Path = DATA_DIR, figures_dir: Path = FIGURES_DIR) -> dict[str, list[Path]]:
    """Copy the files of the downloads page into ``out_dir/downloads/{data,figures}``; return them by group."""
    folder = Path(out_dir) / "downloads"
    groups: dict[str, list[Path]] = {"data": [], "figures": [], "networks": []}
    for sub, pattern, group in (("data", "*", "data"), ("figures", "*.png", "figures"),
                                ("figures", "*.graphml", "networks"), ("figures", "*.gexf", "networks")):
        source = Path(data_dir) if sub == "data" else Path(figures_dir)
        target = folder / sub
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted(source.glob(pattern)):
            if path.is_file() and not path.name.startswith("."):
                shutil.copyfile(path, target / path.name)
                groups[group].append(target / path.name)
    return groups


def downloads_body(out_dir: Path, groups: dict[str, list[Path]], agreement: Sequence[tuple[str, Path, Path]] = ()) -> str:
    """The downloads page: one table per group, each file with its size and what it holds."""
    out_dir = Path(out_dir)
    package = next((p for p in groups.get("data", []) if p.name == "datapackage.json"), None)
    described = {}
    if package is not None:
        for resource in json.loads(package.read_text(encoding="utf-8")).get("resources", []):
            described[resource.get("path")] = resource.get("description") or resource.get("title") or ""

    def rows(paths, describe):
        return "\n".join(f'<tr><td><a href="{html.escape(p.relative_to(out_dir).as_posix(), quote=True)}">'
                         f'{html.escape(p.name)}</a></td><td>{_size(p)}</td><td>{html.escape(describe(p))}</td></tr>'
                         for p in paths)

    def table(paths, describe):
        return (f'<table class="files"><thead><tr><th>file</th><th>size</th><th>what it holds</th></tr></thead>'
                f'<tbody>\n{rows(paths, describe)}\n</tbody></table>')

    data = [p for p in groups.get("data", []) if p.name != "datapackage.json"]
    parts = ['<p>Copies of the files this report was built from. Cite the sources as <code>datapackage.json</code> '
             'says (each table lists its sources, with a citation for each).</p>', "<h2>Tables and data package</h2>"]
    about = "Frictionless data package: every table, every column (type, meaning, constraints) and every source with its citation"
    parts.append(table(([package] if package is not None else []) + data,
                       lambda p: about if p == package else described.get(p.name, "")))
    if agreement:
        parts.append("<h2>Agreement scores</h2>")
        parts.append(table([p for _, d, r in agreement for p in (d, r)],
                           lambda p: next((f"{label} (gzip CSV)" if p == d else f"{label}: columns, sources, citation"
                                           for label, d, r in agreement if p in (d, r)), "")))
        parts.append('<p class="note">One row per pair of states per year in which both voted in a shared roll call. '
                     "Any period or subset: <code>cybercrime export agreement --by session --subset cybercrime "
                     "--out FILE</code>.</p>")
    if groups.get("networks"):
        parts.append("<h2>Cooperation network</h2>")
        parts.append(table(groups["networks"], lambda p: "All cooperation ties, one edge per tie, group ties as nodes, "
                                                         "with the analysis attributes (for Gephi, Cytoscape, igraph)"))
    if groups.get("figures"):
        parts.append("<h2>Figures</h2>")
        parts.append(table(groups["figures"], lambda p: "PNG, 150 dpi"))
    return "\n".join(parts)
