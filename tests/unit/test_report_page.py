"""A report page (analysis.report.page): title first, nested contents, navigation, no parameter cells."""
from __future__ import annotations

import nbformat
import pytest
from bs4 import BeautifulSoup

from analysis.report import page

BODY = """<html><head><title>x</title></head><body><main><div class="jp-Notebook">
<div class="jp-Cell jp-MarkdownCell"><h2 id="about">About</h2></div>
<div class="jp-Cell jp-CodeCell"><div class="jp-Cell-outputWrapper"><h1>Serbia</h1></div></div>
<div class="jp-Cell jp-MarkdownCell"><h2>Votes</h2><h3>On 74/247</h3><h3>Others</h3><h2>Ties</h2></div>
</div></main></body></html>"""


def test_the_title_cell_comes_first_then_nested_contents():
    soup = BeautifulSoup(page.finish_page(BODY, "Serbia: profile", [("index.html", "Report"), ("p.html", "Serbia")],
                                          "p.html"), "html.parser")
    cells = soup.select(".jp-Notebook > .jp-Cell")
    assert cells[0].find("h1").get_text() == "Serbia"
    assert cells[0].find_next_sibling().name == "nav" and "report-toc" in cells[0].find_next_sibling()["class"]
    top = [a.get_text() for a in soup.select("nav.report-toc > ol > li > a")]
    nested = [a.get_text() for a in soup.select("nav.report-toc > ol > li > ul > li > a")]
    assert top == ["About", "Votes", "Ties"] and nested == ["On 74/247", "Others"]
    assert all(soup.find(id=a["href"][1:]) for a in soup.select("nav.report-toc a"))
    assert soup.title.get_text() == "Serbia: profile"
    assert soup.select_one("nav.report-bar a[aria-current='page']")["href"] == "p.html"
    assert soup.select_one("#show-code")["type"] == "checkbox"


def test_a_page_needs_exactly_one_h1():
    with pytest.raises(ValueError, match="exactly one <h1>, it has 2"):
        page.finish_page(BODY.replace("<h2>Ties</h2>", "<h1>Ties</h1>"), "t")


def test_parameter_cells_are_left_out():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("country = 'SRB'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("country = 'JPN'", metadata={"tags": ["injected-parameters"]}),
        nbformat.v4.new_markdown_cell("# Title")])
    shown = page.visible_cells(nb)
    assert [c.source for c in shown.cells] == ["# Title"] and len(nb.cells) == 3
