"""The static HTML report (analysis.report): the `report` command renders the notebooks as stored and one
profile into a folder with an index; every local link and image resolves, checked from the files and in
headless Chromium. The report is built once per module (one profile executed with papermill, ~30-60 s)."""
from __future__ import annotations

import gzip
import os
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from analysis.cli import main
from analysis.core.paths import NOTEBOOKS_DIR
from analysis.report import html as report
from analysis.report.downloads import DOWNLOADS

pytestmark = pytest.mark.slow


class _Refs(HTMLParser):
    """Every href of <a> and src of <img> in a page."""

    def __init__(self):
        super().__init__()
        self.links, self.images = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])
        if tag == "img" and attrs.get("src") is not None:
            self.images.append(attrs["src"])


def refs(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def is_local(url: str) -> bool:
    return not (url.startswith(("#", "data:", "mailto:", "//")) or urlparse(url).scheme in ("http", "https"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    status = main(["report", "--out", str(out), "--countries", "SRB", "--only"])
    assert status == 0
    return out


def test_index_links_every_notebook_and_the_profile(built):
    index = built / "index.html"
    assert index.is_file()
    links = refs(index).links
    stored = sorted(p.stem + ".html" for p in report.stored_notebooks())
    assert len(stored) == len(list(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))) - len(report.PARAMETERISED)
    assert stored and all(name in links for name in stored)
    assert "profile-SRB.html" in links and "downloads.html" in links
    assert sorted(p.name for p in built.glob("*.html")) == sorted(stored + ["index.html", "profile-SRB.html",
                                                                              "downloads.html"])


def test_downloads_page_links_every_table_figure_and_export(built):
    from analysis.core.paths import DATA_DIR, FIGURES_DIR

    links = refs(built / "downloads.html").links
    for path in sorted(DATA_DIR.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            assert f"downloads/data/{path.name}" in links, path.name
            assert (built / "downloads" / "data" / path.name).read_bytes() == path.read_bytes()
    assert "downloads/data/datapackage.json" in links
    for pattern in ("*.png", "*.graphml", "*.gexf"):
        found = sorted(FIGURES_DIR.glob(pattern))
        assert found and all(f"downloads/figures/{p.name}" in links for p in found), pattern
    for _, name, _ in DOWNLOADS:
        assert f"downloads/{name}" in links and (built / "downloads" / name).is_file()
        assert f"downloads/{name.removesuffix('.csv.gz')}.resource.json" in links
    with gzip.open(built / "downloads" / DOWNLOADS[0][1], "rt", encoding="utf-8") as fh:
        assert fh.readline().startswith("iso3_a,iso3_b,year,agree,agree_lijphart,n_shared,")
    assert "Downloads" in (built / "index.html").read_text(encoding="utf-8")


def test_every_local_link_and_image_exists(built):
    for page in sorted(built.glob("*.html")):
        found = refs(page)
        for url in found.links + found.images:
            if is_local(url):
                target = built / unquote(urlparse(url).path)
                assert target.is_file(), f"{page.name} -> {url}"


def test_profile_page_has_the_prose_and_embedded_figures(built):
    page = built / "profile-SRB.html"
    text = page.read_text(encoding="utf-8")
    images = refs(page).images
    assert len(images) >= 3 and all(src.startswith("data:image/png;base64,") for src in images)
    assert "74/247" in text and "https://undocs.org/en/A/RES/74/247" in text
    assert 'href="index.html"' in text
    assert "cdnjs.cloudflare.com" not in text  # offline: no scripts fetched from a CDN


def _soup(path):
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_pages_read_as_a_report(built):
    """One h1, a table of contents and the navigation bar on every page; every figure with alt text
    and caption; no parameter cells; no internal roll-call ids in what a reader sees."""
    for page in sorted(built.glob("*.html")):
        soup = _soup(page)
        assert len(soup.find_all("h1")) == 1, page.name
        assert soup.select_one("nav.report-bar a[href='index.html']") is not None, page.name
        assert soup.select_one("nav.report-bar a[aria-current='page']") is not None, page.name
        for image in soup.find_all("img"):
            assert image.get("alt", "").strip(), f"{page.name}: an image without alt text"
            caption = image.find_next_sibling("figcaption")
            assert caption is not None and caption.get_text() == image["alt"], page.name
            assert ". Source: data/" in image["alt"], page.name
        if page.name not in ("index.html", "downloads.html"):
            toc = soup.select("nav.report-toc a")
            assert len(toc) >= 3 and all(soup.find(id=a["href"][1:]) is not None for a in toc), page.name
        for code in soup.select(".jp-CodeCell .jp-Cell-inputWrapper"):
            code.decompose()                                   # hidden unless "Show code" is ticked
        shown = soup.get_text(" ")
        assert not re.search(r"\bV\d{4}\b|\bX\d{2}-\d+", shown), f"{page.name}: an internal roll-call id is shown"
    profile = _soup(built / "profile-SRB.html")
    assert profile.find("h1").get_text(" ", strip=True).startswith("Serbia")
    assert profile.title.get_text() == "Serbia (SRB): country profile"
    everything = _soup(built / "profile-SRB.html").get_text(" ")                       # code cells included
    assert "figures_dir = " not in everything and "temporary folder" not in everything   # no parameter cells


def test_link_fixing_on_tiny_inputs(tmp_path):
    (tmp_path / "a.html").write_text("")
    page = ('<a href="a.html#s">a</a> <a href="../docs/x.md">x</a> <a href="02-b.ipynb">b</a> '
            '<a href="https://e.org">e</a> <a href="#top">t</a>')
    fixed, warnings = report.fix_local_links(page, tmp_path, {"02-b.html"})
    assert warnings == ["../docs/x.md"]
    assert 'href="a.html#s"' in fixed and 'data-not-in-report="../docs/x.md"' in fixed
    assert 'href="02-b.html"' in fixed and 'href="https://e.org"' in fixed and 'href="#top"' in fixed


def test_unknown_code_is_a_clear_error(tmp_path, capsys):
    assert main(["profile", "XQZ", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "unknown country code 'XQZ'" in err
    assert main(["report", "--out", str(tmp_path), "--countries", "SER", "--only"]) == 2
    err = capsys.readouterr().err
    assert "unknown country code 'SER'" in err and "did you mean" in err and "SRB (Serbia)" in err
    assert not list(tmp_path.iterdir())


@pytest.mark.browser
def test_in_headless_chromium(built):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile_dir:
        for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    f"--user-data-dir={profile_dir}"):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        try:
            driver.set_page_load_timeout(120)
            driver.set_window_size(1400, 1000)
            for name, min_images in (("index.html", 0), ("downloads.html", 0), ("02-voting-blocs.html", 5),
                                     ("profile-SRB.html", 3)):
                driver.get((built / name).as_uri())
                assert driver.execute_script("return document.readyState") == "complete"
                widths = driver.execute_script(
                    "return Array.from(document.images).map(i => i.complete ? i.naturalWidth : 0)")
                assert len(widths) >= min_images and all(w > 0 for w in widths), (name, widths)
                alts = driver.execute_script("return Array.from(document.images).map(i => i.alt.trim().length)")
                assert all(n > 0 for n in alts), f"{name}: an image without alt text"
                # the page fits a 1400 px window: wide tables scroll inside themselves
                assert driver.execute_script("return document.documentElement.scrollWidth") <= 1400, name
                # code is hidden until "Show code" is ticked
                shown = "return Array.from(document.querySelectorAll('.jp-CodeCell .jp-Cell-inputWrapper'))" \
                        ".filter(e => e.offsetParent !== null).length"
                cells = driver.execute_script("return document.querySelectorAll('.jp-CodeCell .jp-Cell-inputWrapper').length")
                assert driver.execute_script(shown) == 0, f"{name}: code visible by default"
                if cells:
                    driver.find_element("id", "show-code").click()
                    assert driver.execute_script(shown) == cells, f"{name}: 'Show code' does not show the code"
                h1 = driver.execute_script("return Array.from(document.querySelectorAll('h1')).map(h => h.innerText)")
                assert len(h1) == 1 and (name != "profile-SRB.html" or h1[0].startswith("Serbia")), (name, h1)
                hrefs = driver.execute_script("return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
                local = [h for h in hrefs if h.startswith("file://")]
                assert len(local) >= 2, name
                for href in local:
                    path = unquote(urlparse(href).path)
                    assert os.path.isfile(path), f"{name}: link to missing file {href}"
        finally:
            driver.quit()
