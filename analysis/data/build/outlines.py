"""Build ``world_outlines.geojson``: Natural Earth 1:110m outlines with iso3 codes."""
from __future__ import annotations

from pathlib import Path

from analysis.core.errors import DataError
from analysis.data import geo
from analysis.data.sources import naturalearth


def world_outlines(sources: Path) -> dict:
    """Natural Earth 1:110m outlines with iso3 fixed by name for France and Norway (rounded to 3 decimals)."""
    raw = naturalearth.read_outlines(Path(sources))
    try:
        return geo.round_coordinates(geo.fix_outline_codes(raw), 3)
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(naturalearth.FILE, f"unusable outlines: {exc}") from exc
