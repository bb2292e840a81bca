"""Shared fixtures and the one rule for skipping.

Layout: ``unit/`` (tiny hand-made tables, mirrors ``analysis/``), ``data/`` (facts and checks on the
shipped tables), ``build/`` (rebuilding from the raw sources), ``report/`` (the HTML report).
Markers: ``sources`` (needs the raw sources folder), ``slow``, ``browser`` (needs chromium). A test
marked ``sources`` or ``browser`` is skipped, with the reason, where what it needs is absent.
"""
from __future__ import annotations

import gzip
import io as _io
import shutil

import pytest

from analysis.core.paths import DATA_DIR, default_sources_dir
from analysis.data import io, validate

BROWSER = ("chromium", "chromedriver")


def _sources_missing() -> str | None:
    path = default_sources_dir()
    if not (path / "unvotes").is_dir():
        return f"raw sources not found at {path} (set CYBERCRIME_SOURCES to the curated sources folder)"
    return None


def _browser_missing() -> str | None:
    missing = [name for name in BROWSER if shutil.which(name) is None]
    if missing:
        return f"{', '.join(missing)} not installed (apt-get install chromium chromium-driver)"
    return None


def pytest_collection_modifyitems(config, items):
    reasons = {"sources": _sources_missing(), "browser": _browser_missing()}
    for item in items:
        if "sources_dir" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("sources"):
            item.add_marker(pytest.mark.sources)          # asking for the folder is needing it
        for marker, reason in reasons.items():
            if reason and item.get_closest_marker(marker):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def data():
    return io.load_all(DATA_DIR)


@pytest.fixture(scope="session")
def sources_dir():
    """The raw sources folder (tests using it are marked ``sources``)."""
    return default_sources_dir()


def gzip_bytes(data: bytes) -> bytes:
    """gzip as the build writes it (no file name, zero timestamp, level 9), so copies compare byte for byte."""
    buf = _io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buf.getvalue()


@pytest.fixture(scope="session")
def small_data(tmp_path_factory):
    """A valid copy of data/ with a small votes table (two roll calls), made and validated once."""
    out = tmp_path_factory.mktemp("small-data")
    for path in DATA_DIR.iterdir():
        if path.is_file() and path.name != "votes.csv.gz":
            shutil.copy(path, out / path.name)
    with gzip.open(DATA_DIR / "votes.csv.gz", "rt", encoding="utf-8") as fh:
        lines = [l for i, l in enumerate(fh) if i == 0 or l.startswith(("V9087,", "X75-240,"))]
    (out / "votes.csv.gz").write_bytes(gzip_bytes("".join(lines).encode()))
    # keep the two roll calls whose votes are kept, the first one (for the date test) and one with a
    # note (A/RES/75/254 A-C: tallies but no country lists)
    rc = (out / "rollcalls.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    keep = [l for i, l in enumerate(rc) if i <= 1 or l.startswith(("V9087,", "X75-240,", "X75-254_A-C,"))]
    (out / "rollcalls.csv").write_text("".join(keep), encoding="utf-8")
    ids = {l.split(",")[0] for l in keep[1:]}
    for name in ("sponsorships.csv", "rollcall_notes.csv"):
        lines = (out / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (out / name).write_text("".join([lines[0]] + [l for l in lines[1:] if l.split(",")[0] in ids]),
                                encoding="utf-8")
    assert validate.validate(out) == []
    return out


@pytest.fixture()
def copy(small_data, tmp_path):
    """A fresh copy of ``small_data`` in its own folder, for a test to break."""
    out = tmp_path / "data"
    shutil.copytree(small_data, out)
    return out
