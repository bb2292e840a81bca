"""The static HTML report: ``python -m analysis profile ISO3`` and ``python -m analysis report``.

``profile ISO3 [--out DIR]`` runs ``notebooks/05-country-profile.ipynb`` with papermill
(parameter ``country``) on a temporary copy and converts the executed copy to
``DIR/profile-ISO3.html``, figures embedded. An unknown code stops with the closest matches and
exit status 2; a failing cell with exit status 1.

``report [--out DIR] [--countries CODE ...] [--only]`` writes one self-contained folder:

- every ``notebooks/NN-*.ipynb`` **as stored** (no re-execution: ``make notebooks`` has just run
  them, and rendering takes seconds instead of minutes). The stored notebooks hold no image
  outputs when they were executed with the Agg backend, so for each code cell that calls
  ``save_figure(fig, "NN-name", ...)`` with a literal name and shows no image, the PNG that the same
  run wrote to ``figures/NN-name.png`` is embedded after the cell's outputs;
- the profiles of JPN, CAN and SRB plus any ``--countries`` (only those with ``--only``),
  executed now;
- ``downloads/``: the agreement-scores tables (all roll calls and the ICT subset, by year, gzip
  CSV) with their Frictionless descriptors (:mod:`analysis.report.downloads`);
- ``index.html`` linking every page and download. Each page links back to the index.

Pages are static and offline: images are embedded as data URIs, and the nbconvert scripts that
would be fetched from a CDN (require.js, MathJax, Mermaid) are left out, so LaTeX in markdown
shows as source. Local links that do not resolve inside the report (e.g. ``../docs/x.md`` in a
notebook) are turned into plain text with a warning; links to ``NN-*.ipynb`` point to their
page. Progress goes to stderr; the paths written go to stdout. Nothing in the pages depends on
the clock, so two builds of the same inputs are identical.
"""
from __future__ import annotations

import base64
import copy
import html
import re
import sys
import tempfile
import time
from pathlib import Path

from analysis.core.paths import FIGURES_DIR, NOTEBOOKS_DIR
from analysis.report.downloads import write_downloads

PROFILE_NOTEBOOK = NOTEBOOKS_DIR / "05-country-profile.ipynb"
DEFAULT_COUNTRIES = ("JPN", "CAN", "SRB")

_OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""
_NAV_STYLE = ("font-family: sans-serif; font-size: 14px; padding: 8px 16px; background: #f4f6f8; "
              "border-bottom: 1px solid #d0d7de;")


def progress(message: str) -> None:
    print(f"[report] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Notebook -> HTML
# --------------------------------------------------------------------------------------------

def html_exporter():
    """nbconvert's JupyterLab HTML exporter without the CDN scripts (see the module docstring)."""
    import jinja2
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", template_file="offline.html.j2", embed_images=True,
                        extra_loaders=[jinja2.DictLoader({"offline.html.j2": _OFFLINE_TEMPLATE})])


def notebook_title(nb, default: str) -> str:
    """The first markdown heading of the notebook, without the '#'s."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return default


_SAVE_FIGURE = re.compile(r"save_figure\(\s*[^,()]+,\s*[\"']([^\"'{}]+)[\"']")


def with_saved_figures(nb, figures_dir: Path = FIGURES_DIR):
    """A copy of `nb` where each code cell that saves a figure under a literal name and shows no
    image gets that figure (``figures_dir/<name>.png``) appended as a display output.

    Returns (notebook, embedded names, names without a file).
    """
    import nbformat

    nb = copy.deepcopy(nb)
    embedded, missing = [], []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        names = _SAVE_FIGURE.findall(cell.source)
        if not names or any("image/png" in out.get("data", {}) for out in cell.get("outputs", [])):
            continue
        for name in names:
            path = Path(figures_dir) / f"{name}.png"
            if not path.is_file():
                missing.append(name)
                continue
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            cell.outputs.append(nbformat.v4.new_output(
                "display_data", data={"image/png": data, "text/plain": f"<figure {name}.png>"}))
            embedded.append(name)
    return nb, embedded, missing


def _nav(index_exists: bool) -> str:
    link = '<a href="index.html">&larr; Report index</a>' if index_exists else ""
    return f'<nav class="report-nav" style="{_NAV_STYLE}">{link}</nav>' if link else ""


def notebook_html(nb, title: str, with_index_link: bool = True) -> str:
    """HTML page of a notebook (offline template), titled `title`, with a link to index.html."""
    body, _ = html_exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    nav = _nav(with_index_link)
    if nav:
        body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + "\n" + nav, body, count=1)
    return body


_HREF = re.compile(r'(<a\b[^>]*?)\bhref="([^"]*)"', re.IGNORECASE)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


def fix_local_links(page: str, out_dir: Path, pages: set[str] | None = None) -> tuple[str, list[str]]:
    """Point ``NN-*.ipynb`` links to their page; turn other local links that do not resolve in
    `out_dir` (or in `pages`, names about to be written) into plain text. Returns (html, warnings)."""
    pages = set(pages or ())
    warnings = []

    def target_exists(target: str) -> bool:
        return target in pages or (Path(out_dir) / target).is_file()

    def replace(match):
        head, href = match.group(1), html.unescape(match.group(2))
        if not href or _EXTERNAL.match(href):
            return match.group(0)
        path = re.split(r"[?#]", href, maxsplit=1)[0]
        rest = href[len(path):]
        if target_exists(path):
            return match.group(0)
        name = Path(path).name
        if name.endswith(".ipynb") and target_exists(name[:-6] + ".html"):
            return f'{head}href="{html.escape(name[:-6] + ".html" + rest, quote=True)}"'
        warnings.append(href)
        return f'{head}data-not-in-report="{html.escape(href, quote=True)}"'

    return _HREF.sub(replace, page), warnings


# --------------------------------------------------------------------------------------------
# Profiles
# --------------------------------------------------------------------------------------------

def resolve_country(code: str) -> str:
    """The registry code for `code` (ValueError with close matches if unknown)."""
    from analysis.data import io
    from analysis.profiles import resolve_iso3

    return resolve_iso3(io.load_table("countries"), code)


def execute_profile(iso3: str, work_dir: Path):
    """Run the profile notebook for `iso3` with papermill into `work_dir`; return the executed notebook."""
    import nbformat

    from analysis.report.notebooks import run_notebook

    work_dir = Path(work_dir)
    output = work_dir / f"05-country-profile-{iso3}.ipynb"
    figures = str(work_dir / "figures")
    run_notebook(PROFILE_NOTEBOOK, parameters={"country": iso3, "figures_dir": figures}, output=output)
    nb = nbformat.read(output, as_version=4)
    for cell in nb.cells:  # the page shows no machine path (and stays the same from run to run)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
            cell.source = cell.source.replace(repr(figures), '"<temporary folder>"').replace(
                f'"{figures}"', '"<temporary folder>"')
    return nb


def profile_page(iso3: str) -> str:
    return f"profile-{iso3}.html"


def write_profile(iso3: str, out_dir: Path, work_dir: Path | None = None, name: str | None = None,
                  index_link: bool | None = None) -> Path:
    """Execute the profile of `iso3` and write ``out_dir/profile-ISO3.html``; return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="profile-") as tmp:
        nb = execute_profile(iso3, Path(work_dir) if work_dir else Path(tmp))
    if index_link is None:
        index_link = (out_dir / "index.html").is_file()
    title = f"Country profile: {name or iso3} ({iso3})"
    page = notebook_html(nb, title, with_index_link=index_link)
    page, warnings = fix_local_links(page, out_dir, {"index.html"} if index_link else set())
    for w in warnings:
        progress(f"warning: {profile_page(iso3)} links to {w!r}, which is not in the report (kept as text)")
    path = out_dir / profile_page(iso3)
    path.write_text(page, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------

def index_page(notebooks: list[tuple[str, str]], profiles: list[tuple[str, str, str]],
               downloads: list[tuple[str, str, str, int]] = ()) -> str:
    """index.html: notebooks as (page, title), profiles as (page, iso3, name), downloads as
    (label, file, descriptor, bytes) with paths relative to the index."""
    nb_items = "\n".join(f'<li><a href="{html.escape(p)}">{html.escape(t)}</a></li>' for p, t in notebooks)
    pr_items = "\n".join(f'<li><a href="{html.escape(p)}">{html.escape(n)} ({html.escape(c)})</a></li>'
                         for p, c, n in profiles)
    dl_items = "\n".join(f'<li><a href="{html.escape(f)}">{html.escape(label)}</a> (CSV, gzip, {size / 1e6:.1f} MB; '
                         f'columns, sources and citation: <a href="{html.escape(d)}">descriptor</a>)</li>'
                         for label, f, d, size in downloads)
    dl_section = f"""<h2>Downloads</h2>
<ul>
{dl_items}
</ul>
<p class="note">One row per pair of states per year in which both voted in a shared roll call: share of
identical votes, Lijphart's index, shared roll calls, both ideal points. The descriptor (Frictionless) documents
every column; cite the votes as it says (Voeten's UNGA data via unvotes to 2019, the UN's DGACM resolution
records from session 74). Any period or subset: <code>cybercrime export agreement --by session --subset
cybercrime --out FILE</code>.</p>
""" if downloads else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>The international politics of cybercrime: report</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; max-width: 52em; margin: 2em auto;
       padding: 0 1em; line-height: 1.5; color: #1f2328; }}
h1 {{ font-size: 1.6em; }} h2 {{ font-size: 1.2em; margin-top: 1.6em; }}
li {{ margin: 0.3em 0; }} .note {{ color: #57606a; font-size: 0.92em; }}
</style>
</head>
<body>
<h1>The international politics of cybercrime: report</h1>
<p>UN General Assembly votes, treaties and cooperation on cybercrime, from the validated tables in
<code>data/</code>. Every number and statement in these pages comes from those tables, which cite
their sources row by row.</p>
<h2>Notebooks</h2>
<ul>
{nb_items}
</ul>
<p class="note">Shown with their stored outputs (as executed by <code>make notebooks</code>); figures
are the PNG files the same run wrote to <code>figures/</code>.</p>
<h2>Country profiles</h2>
<ul>
{pr_items}
</ul>
<p class="note">Executed for this report from <code>notebooks/05-country-profile.ipynb</code> with
papermill (parameter <code>country</code>). Any other state:
<code>python -m analysis profile ISO3 --out DIR</code>.</p>
{dl_section}</body>
</html>
"""


def build_report(out_dir: Path, countries: list[str], notebooks: list[Path] | None = None,
                 figures_dir: Path = FIGURES_DIR) -> list[Path]:
    """Write the report into `out_dir` (see the module docstring); return the paths written.

    `countries` are profiled exactly as given (the CLI adds JPN, CAN and SRB); unknown codes raise
    ValueError before anything runs.
    """
    import nbformat

    from analysis.data import io
    from analysis.profiles import resolve_iso3

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    registry = io.load_table("countries")
    codes = []
    for code in countries:
        iso3 = resolve_iso3(registry, code)
        if iso3 not in codes:
            codes.append(iso3)
    names = dict(zip(registry["iso3"], registry["name"], strict=True))
    paths = sorted(notebooks) if notebooks is not None else sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    planned = {"index.html"} | {p.stem + ".html" for p in paths} | {profile_page(c) for c in codes}
    written, nb_entries, pr_entries = [], [], []
    total = len(paths) + len(codes)
    step = 0
    for path in paths:
        step += 1
        started = time.perf_counter()
        nb = nbformat.read(path, as_version=4)
        nb, embedded, missing = with_saved_figures(nb, figures_dir)
        title = notebook_title(nb, path.stem)
        page, warnings = fix_local_links(notebook_html(nb, title), out_dir, planned)
        target = out_dir / f"{path.stem}.html"
        target.write_text(page, encoding="utf-8")
        written.append(target)
        nb_entries.append((target.name, title))
        progress(f"[{step}/{total}] {path.name} (stored outputs, {len(embedded)} figures from figures/) "
                  f"-> {target.name} in {time.perf_counter() - started:.1f} s")
        for name in missing:
            progress(f"warning: {path.name} saves figure {name!r} but {figures_dir}/{name}.png does not exist")
        for w in warnings:
            progress(f"warning: {path.name} links to {w!r}, which is not in the report (kept as text)")
    with tempfile.TemporaryDirectory(prefix="report-") as tmp:
        for iso3 in codes:
            step += 1
            started = time.perf_counter()
            progress(f"[{step}/{total}] profile {iso3}: executing {PROFILE_NOTEBOOK.name} with papermill ...")
            work = Path(tmp) / iso3
            work.mkdir()
            target = write_profile(iso3, out_dir, work_dir=work, name=names.get(iso3), index_link=True)
            written.append(target)
            pr_entries.append((target.name, iso3, names.get(iso3, iso3)))
            progress(f"[{step}/{total}] profile {iso3} -> {target.name} in {time.perf_counter() - started:.1f} s")
    progress("downloads: agreement scores (all roll calls, ICT) ...")
    downloads = []
    for label, data, descriptor in write_downloads(out_dir):
        written += [data, descriptor]
        downloads.append((label, data.relative_to(out_dir).as_posix(), descriptor.relative_to(out_dir).as_posix(),
                          data.stat().st_size))
    index = out_dir / "index.html"
    index.write_text(index_page(nb_entries, pr_entries, downloads), encoding="utf-8")
    written.append(index)
    return written
