"""Shared fixtures and the one rule for skipping.

Layout: ``unit/`` (tiny hand-made tables, mirrors ``analysis/``), ``data/`` (facts and checks on the
shipped tables), ``build/`` (rebuilding from the raw sources), ``report/`` (the HTML report).
Markers: ``sources`` (needs the raw sources folder), ``slow``, ``browser`` (needs chromium). A test
marked ``sources`` or ``browser`` is skipped, with the reason, where what it needs is absent.
"""
from __future__ import annotations

import shutil

import pytest

from analysis.core.paths import DATA_DIR, default_sources_dir
from analysis.data import io

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
