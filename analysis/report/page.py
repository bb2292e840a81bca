"""How a report page looks and reads: the offline nbconvert template, figures with alt text and a
caption, code hidden behind a "Show code" switch, a table of contents, the site navigation bar,
tables that fit the page, and no parameter cells.

:func:`notebook_page` turns an executed notebook into a finished page; nothing here runs code.
Pages work offline and without JavaScript: the "Show code" switch is a checkbox read by CSS
(``:has``), the table of contents and navigation are plain links.
"""
from __future__ import annotations

import copy
import html
import re
from collections.abc import Sequence

#: nbconvert's JupyterLab page without the scripts it would fetch from a CDN (require.js, MathJax,
#: Mermaid), with every PNG output drawn as a <figure>: its alt text (the figure's title and source,
#: from :func:`analysis.plots.publish.show_figure`) is also its caption.
TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block data_png scoped %}
{%- set alt = output.metadata.get('image/png', {}).get('alt', '') -%}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<figure class="report-figure"><img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}" alt="{{ alt | escape_html }}">
{%- if alt %}<figcaption>{{ alt | escape_html }}</figcaption>{% endif %}</figure>
</div>
{%- endblock data_png %}
"""

#: Cells a reader of the report does not need: papermill's parameters.
HIDDEN_TAGS = ("parameters", "injected-parameters")

STYLE = """
.report-bar { position: sticky; top: 0; z-index: 10; display: flex; flex-wrap: wrap; gap: 0.3em 1.1em;
  align-items: center; font: 14px/1.4 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
  padding: 8px 16px; background: #f4f6f8; border-bottom: 1px solid #d0d7de; }
.report-bar a { color: #0550ae; text-decoration: none; } .report-bar a:hover { text-decoration: underline; }
.report-bar a[aria-current="page"] { font-weight: 600; color: #1f2328; }
.report-bar label { margin-left: auto; cursor: pointer; }
.report-toc { font: 14px/1.45 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 1em 0 1.5em;
  padding: 0.6em 1em; border-left: 3px solid #d0d7de; background: #fafbfc; max-width: 60em; }
.report-toc ol { margin: 0.3em 0 0 0; padding: 0; list-style: none; } .report-toc li { margin: 0.15em 0; }
.report-toc ul { margin: 0.1em 0 0.2em 1.2em; padding: 0; list-style: circle; }
.jp-CodeCell .jp-Cell-inputWrapper, .jp-CodeCell.jp-mod-noOutputs, .jp-OutputPrompt, .jp-InputPrompt { display: none; }
body:has(#show-code:checked) .jp-CodeCell .jp-Cell-inputWrapper { display: flex; }
body:has(#show-code:checked) .jp-CodeCell.jp-mod-noOutputs { display: block; }
figure.report-figure { margin: 0.5em 0 1.2em; max-width: 100%; }
figure.report-figure img { max-width: 100%; height: auto; }
figure.report-figure figcaption { font-size: 0.85em; color: #57606a; margin-top: 0.3em; max-width: 60em; }
.jp-OutputArea-output table { display: block; max-width: 100%; overflow-x: auto; }
.jp-OutputArea-output td, .jp-OutputArea-output th { overflow-wrap: anywhere; max-width: 32em; }
.jp-OutputArea-output pre { white-space: pre-wrap; overflow-wrap: anywhere; }
"""

_H1 = re.compile(r"<h1\b", re.IGNORECASE)


def visible_cells(nb):
    """A copy of `nb` without the cells tagged :data:`HIDDEN_TAGS` (the papermill parameters)."""
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if not set(c.get("metadata", {}).get("tags", [])) & set(HIDDEN_TAGS)]
    return nb


def html_exporter():
    """nbconvert's JupyterLab HTML exporter with :data:`TEMPLATE`."""
    import jinja2
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", template_file="report.html.j2", embed_images=True,
                        extra_loaders=[jinja2.DictLoader({"report.html.j2": TEMPLATE})])


def _slug(text: str, taken: set) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
    slug, k = base, 2
    while slug in taken:
        slug, k = f"{base}-{k}", k + 1
    taken.add(slug)
    return slug


def navigation(links: Sequence[tuple[str, str]], current: str | None) -> str:
    """The site bar: (href, label) links, the current page marked, and the "Show code" switch."""
    items = []
    for href, label in links:
        mark = ' aria-current="page"' if href == current else ""
        items.append(f'<a href="{html.escape(href, quote=True)}"{mark}>{html.escape(label)}</a>')
    switch = '<label><input type="checkbox" id="show-code"> Show code</label>'
    return f'<nav class="report-bar" aria-label="Report">{"".join(items)}{switch}</nav>'


def finish_page(body: str, title: str, links: Sequence[tuple[str, str]] = (), current: str | None = None) -> str:
    """Title, navigation bar, table of contents and style for an nbconvert page.

    The cell holding the page's one h1 moves to the top (a parameterised notebook writes its title
    from code), the table of contents (the h2 and h3 headings, ids added where missing) follows it.
    Raises ValueError for a page with no h1 or more than one.
    """
    from bs4 import BeautifulSoup

    if len(_H1.findall(body)) != 1:
        raise ValueError(f"the page {title!r} must have exactly one <h1>, it has {len(_H1.findall(body))}")
    soup = BeautifulSoup(body, "html.parser")
    if soup.title is not None:
        soup.title.string = title
    style = soup.new_tag("style")
    style.string = STYLE
    (soup.head or soup).append(style)
    taken = {tag["id"] for tag in soup.find_all(id=True)}
    entries = []
    for heading in soup.find_all(["h2", "h3"]):
        if not heading.get("id"):
            heading["id"] = _slug(heading.get_text(" ", strip=True), taken)
        text = heading.get_text(" ", strip=True).rstrip("¶").strip()
        entries.append((heading.name, heading["id"], text))
    h1 = soup.find("h1")
    first = h1.find_parent(class_="jp-Cell")
    cells = first.find_parent(class_="jp-Notebook") if first is not None else None
    if cells is not None:                                  # the page starts with its title
        cells.insert(0, first.extract())
    if entries:
        items, open_sub = [], False
        for level, anchor, text in entries:
            link = f'<a href="#{html.escape(anchor, quote=True)}">{html.escape(text)}</a>'
            if level == "h3" and items:
                items.append(("" if open_sub else "<ul>") + f"<li>{link}</li>")
                open_sub = True
            else:
                items.append(("</ul></li>" if open_sub else ("</li>" if items else "")) + f"<li>{link}")
                open_sub = False
        items = "".join(items) + ("</ul></li>" if open_sub else "</li>")
        toc = BeautifulSoup(f'<nav class="report-toc" aria-label="Contents"><strong>Contents</strong><ol>{items}</ol></nav>',
                            "html.parser")
        (first or h1).insert_after(toc)
    if soup.body is not None:
        soup.body.insert(0, BeautifulSoup(navigation(links, current), "html.parser"))
    return str(soup)


def notebook_page(nb, title: str, links: Sequence[tuple[str, str]] = (), current: str | None = None) -> str:
    """The finished page of an executed notebook (see the module docstring)."""
    body, _ = html_exporter().from_notebook_node(visible_cells(nb), resources={"metadata": {"name": title}})
    return finish_page(body, title, links, current)
