"""Where things live. Everything is relative to the repository, never to the caller's cwd."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
CURATION_DIR = ROOT / "curation"
FIGURES_DIR = ROOT / "figures"
NOTEBOOKS_DIR = ROOT / "notebooks"


def default_sources_dir() -> Path:
    """The curated raw sources: ``$CYBERCRIME_SOURCES`` if set, else ``../shared/sources``."""
    env = os.environ.get("CYBERCRIME_SOURCES")
    return Path(env) if env else ROOT.parent / "shared" / "sources"
