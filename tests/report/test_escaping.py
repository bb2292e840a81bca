"""Text from data is text in the report: a copy of data/ with markup in its fields (the validator rejects it,
so the profile notebook runs here with the markup and URL rules switched off, as if a payload had got past
them) gives a report in which no element of the payload exists and no script runs. Built once (one
profile executed with papermill, ~40 s)."""
from __future__ import annotations

import csv
import io
import shutil
import tempfile

import nbformat
import pytest

from analysis.core.paths import DATA_DIR
from analysis.data import validate
from analysis.report import html as report

pytestmark = pytest.mark.slow

PAYLOADS = {  # (table, column) -> markup, placed in a row about Serbia
    ("positions", "summary"): '<img src=x onerror="alert(2)">',                 # the trial
    ("positions", "title"): "<script>window.__xss = (window.__xss || 0) + 1</script>",
    ("positions", "source"): "javascript:window.__xss=1",
    ("cooperation", "title"): '<svg onload="window.__xss=1"></svg><img src=y onerror="window.__xss=1">',
    ("memberships", "org_name"): '<iframe src="javascript:window.__xss=1"></iframe>',
}
#: Injected after the parameters: the kernel validates without the rules that reject the payload.
_SKIP_RULES = ("import analysis.data.checks as _checks\n"
               "_checks.check_markup = lambda *args, **kwargs: []  # test only: let the payload through\n"
               "_checks.check_urls = lambda *args, **kwargs: []")


def _put_payloads(folder) -> None:
    for table in sorted({t for t, _ in PAYLOADS}):
        path = folder / f"{table}.csv"
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        header = rows[0]
        about_srb = [r for r in rows[1:] if "SRB" in (r[header.index(c)] for c in ("iso3", "a_iso3", "b_iso3")
                                                         if c in header)]
        for (t, column), payload in PAYLOADS.items():
            if t == table:
                cell = header.index(column)
                about_srb[0][cell] = ("" if column == "source" else about_srb[0][cell] + " ") + payload
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        path.write_text(buf.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def payload_data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("payload") / "data"
    shutil.copytree(DATA_DIR, folder)
    _put_payloads(folder)
    return folder


@pytest.fixture(scope="module")
def built(payload_data, tmp_path_factory):
    work = tmp_path_factory.mktemp("notebook")
    nb = nbformat.read(report.PROFILE_NOTEBOOK, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])) + 1
    nb.cells.insert(at, nbformat.v4.new_code_cell(_SKIP_RULES))
    notebook = work / report.PROFILE_NOTEBOOK.name
    nbformat.write(nb, notebook)
    out = tmp_path_factory.mktemp("report")
    report.build_report(out, ["SRB"], notebooks=[], data_dir=payload_data, profile_notebook=notebook)
    return out


def test_the_validator_rejects_every_payload(payload_data):
    errors = validate.validate(payload_data, ["positions", "cooperation", "memberships"])
    flagged = {(e.file, e.column) for e in errors}
    assert {(f"{table}.csv", column) for table, column in PAYLOADS} <= flagged, [str(e) for e in errors]


def test_the_payload_is_escaped_in_the_page(built):
    page = (built / "profile-SRB.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=" in page                        # shown, as text
    for raw in ("<img src=x", '<img src="x"', "<img src=y", "<script>window.__xss", "<svg onload", "<iframe",
                'href="javascript:'):
        assert raw not in page


@pytest.mark.browser
def test_no_element_of_the_payload_exists_and_no_script_runs(built):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile_dir:
        for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile_dir}"):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        try:
            driver.set_page_load_timeout(120)
            for name in ("index.html", "profile-SRB.html"):
                driver.get((built / name).as_uri())
                state = driver.execute_script(
                    "return {ready: document.readyState, xss: window.__xss === undefined ? null : window.__xss,"
                    " handlers: document.querySelectorAll('[onerror],[onload]').length,"
                    " payload: document.querySelectorAll('img[src=\"x\"],img[src=\"y\"],iframe,svg[onload]').length,"
                    " scripts: Array.from(document.scripts).filter(s => s.text.includes('__xss')).length,"
                    " links: Array.from(document.links).filter(a => a.protocol === 'javascript:').length,"
                    " text: document.body.innerText}")
                assert state["ready"] == "complete" and state["xss"] is None, (name, state["xss"])
                assert (state["handlers"], state["payload"], state["scripts"], state["links"]) == (0, 0, 0, 0), name
                if name.startswith("profile"):
                    assert '<img src=x onerror="alert(2)">' in state["text"]    # the words are there, as text
        finally:
            driver.quit()     # an alert() would have failed the first execute_script
