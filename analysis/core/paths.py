"""Where things live. Everything is relative to the repository, never to the caller's cwd."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from analysis.core.errors import SetupError

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
CURATION_DIR = ROOT / "curation"
FIGURES_DIR = ROOT / "figures"
NOTEBOOKS_DIR = ROOT / "notebooks"


def default_sources_dir() -> Path:
    """The curated raw sources: ``$CYBERCRIME_SOURCES`` if set, else ``../shared/sources``."""
    env = os.environ.get("CYBERCRIME_SOURCES")
    return Path(env) if env else ROOT.parent / "shared" / "sources"


def writable_dir(path: Path | str, what: str = "output folder") -> Path:
    """`path` as an existing folder (created with its parents) that accepts a new file, checked by
    writing one; :class:`~analysis.core.errors.SetupError` naming it otherwise."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-check-"):
            pass
    except OSError as exc:
        raise SetupError(f"{what} {path} is not writable: {exc.strerror or exc}") from exc
    return path
