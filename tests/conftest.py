"""Shared fixtures: the shipped data (loaded once) and the raw sources folder (skipped if absent)."""
from __future__ import annotations

import pytest

from analysis.data import io
from analysis.core.paths import DATA_DIR, default_sources_dir


@pytest.fixture(scope="session")
def data():
    return io.load_all(DATA_DIR)


@pytest.fixture(scope="session")
def sources_dir():
    path = default_sources_dir()
    if not (path / "unvotes").is_dir():
        pytest.skip(f"raw sources not found at {path} (set CYBERCRIME_SOURCES); rebuild checks skipped")
    return path
