"""Build ``world_outlines.geojson``: Natural Earth 1:110m outlines with iso3 codes."""
from __future__ import annotations

import json
from pathlib import Path

from analysis.data import geo


def world_outlines(sources: Path) -> dict:
    """Natural Earth 1:110m outlines with iso3 fixed by name for France and Norway (rounded to 3 decimals)."""
    path = Path(sources) / "naturalearth" / "naturalearth_lowres.geojson"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return geo.round_coordinates(geo.fix_outline_codes(raw), 3)
