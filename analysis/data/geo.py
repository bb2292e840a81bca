"""World outlines (Natural Earth 1:110m) as a DataFrame for choropleth maps.

Natural Earth's `iso_a3` is "-99" for five features. `fix_outline_codes` assigns codes by
feature name, explicitly:

- France -> FRA, Norway -> NOR (ISO 3166-1 codes the source left out);
- Kosovo -> XKX (the user-assigned code used by the EU, IMF and World Bank);
- N. Cyprus -> XNC and Somaliland -> XSO: project-local codes for areas the UN counts as part of
  Cyprus and Somalia. They match no state in the registry, so a map draws them in the missing
  colour unless the caller gives them a value.

A "-99" feature with any other name raises, so a new source version cannot drop a country
silently. The fixed code is written to the property `iso3`; `iso_a3` keeps the source value.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.core.errors import DataError

CODES_BY_NAME = {
    "France": "FRA",
    "Norway": "NOR",
    "Kosovo": "XKX",
    "N. Cyprus": "XNC",
    "Somaliland": "XSO",
}
MISSING_CODE = "-99"


def fix_outline_codes(geojson: dict) -> dict:
    """Copy of a Natural Earth FeatureCollection with property `iso3` set on every feature.

    `iso3` is `iso_a3`, except for "-99" features, which get the code in `CODES_BY_NAME`
    (an `iso3_note` property records the assignment). Idempotent.
    """
    fixed = copy.deepcopy(geojson)
    unknown = []
    for feature in fixed["features"]:
        props = feature["properties"]
        if props.get("iso3"):
            continue
        code = props.get("iso_a3")
        if code in (None, "", MISSING_CODE):
            name = props.get("name")
            if name not in CODES_BY_NAME:
                unknown.append(name)
                continue
            code = CODES_BY_NAME[name]
            props["iso3_note"] = f"source iso_a3 {props.get('iso_a3')!r}; assigned by name"
        props["iso3"] = code
    if unknown:
        raise ValueError(f"features without iso_a3 and no code by name: {unknown}")
    return fixed


def round_coordinates(geojson: dict, ndigits: int = 3) -> dict:
    """Copy of a (Multi)Polygon FeatureCollection with coordinates rounded to `ndigits`.

    Consecutive points that become equal after rounding are dropped; rings keep >= 4 points.
    """
    def ring(points):
        out = []
        for x, y in points:
            point = [round(float(x), ndigits), round(float(y), ndigits)]
            if not out or out[-1] != point:
                out.append(point)
        return out if len(out) >= 4 else [[round(float(x), ndigits), round(float(y), ndigits)]
                                          for x, y in points]

    rounded = copy.deepcopy(geojson)
    for feature in rounded["features"]:
        geometry = feature["geometry"]
        polygons = _polygons(geometry)
        polygons = [[ring(r) for r in polygon] for polygon in polygons]
        if geometry["type"] == "Polygon":
            geometry["coordinates"] = polygons[0]
        else:
            geometry["coordinates"] = polygons
    return rounded


def _polygons(geometry: dict) -> list:
    """List of polygons (each a list of rings) of a Polygon or MultiPolygon geometry."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"unsupported geometry type {geometry['type']!r}")


def outlines_from_geojson(geojson: dict) -> pd.DataFrame:
    """Outlines as a DataFrame: iso3, name, geometry, one row per feature, sorted by iso3.

    `geometry` is a list of polygons; each polygon is a list of (n, 2) float arrays of lon/lat,
    the exterior ring first, then its holes. Codes are fixed with `fix_outline_codes`.
    """
    fixed = fix_outline_codes(geojson)
    records = []
    for feature in fixed["features"]:
        props = feature["properties"]
        polygons = [[np.asarray(r, dtype=float) for r in polygon]
                    for polygon in _polygons(feature["geometry"])]
        records.append({"iso3": props["iso3"], "name": props.get("name"), "geometry": polygons})
    out = pd.DataFrame.from_records(records, columns=["iso3", "name", "geometry"])
    duplicated = out["iso3"][out["iso3"].duplicated()].tolist()
    if duplicated:
        raise ValueError(f"duplicate iso3 in outlines: {duplicated}")
    return out.sort_values("iso3").reset_index(drop=True)


def write_outlines(geojson: dict, path) -> Path:
    """Write a FeatureCollection as compact, deterministic GeoJSON (UTF-8, final newline)."""
    path = Path(path)
    text = json.dumps(geojson, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path


def read_geojson(path, label: str | None = None) -> dict:
    """A GeoJSON FeatureCollection from `path`; DataError naming the file if it is missing, not
    JSON (e.g. truncated) or not a collection of features."""
    path = Path(path)
    label = label or path.name
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataError(label, "file not found") from exc
    except UnicodeDecodeError as exc:
        raise DataError(label, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise DataError(label, f"not valid JSON ({exc.msg}, column {exc.colno}): truncated?", row=exc.lineno) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list) or not all(
            isinstance(f, dict) and isinstance(f.get("properties"), dict) and isinstance(f.get("geometry"), dict)
            for f in doc["features"]):
        raise DataError(label, "not a GeoJSON FeatureCollection (features with properties and a geometry)")
    return doc


def read_outlines(path) -> pd.DataFrame:
    """Read a GeoJSON file of outlines into the DataFrame of `outlines_from_geojson` (DataError if unreadable)."""
    try:
        return outlines_from_geojson(read_geojson(path))
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, DataError):
            raise
        raise DataError(Path(path).name, f"unusable outlines: {exc}") from exc
