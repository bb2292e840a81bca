"""Natural Earth 1:110m country outlines (public domain): ``naturalearth/naturalearth_lowres.geojson``,
see that folder's SOURCES.md."""
from __future__ import annotations

from pathlib import Path

from analysis.data import geo

FILE = "naturalearth/naturalearth_lowres.geojson"
#: Every file of the sources folder this reader opens (the source manifest lists them).
SOURCE_FILES = (FILE,)


def read_outlines(sources: Path) -> dict:
    """The FeatureCollection as published (DataError naming the file if missing or not GeoJSON)."""
    return geo.read_geojson(Path(sources) / FILE, label=FILE)
