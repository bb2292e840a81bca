"""Unit tests for analysis.data.geo and analysis.plots.style (Agg backend, tiny figures)."""

import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba

from analysis.data import geo
from analysis.plots import style as plotting


def _square(x, y, size=1.0):
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def _feature(name, iso_a3, polygons):
    return {"type": "Feature", "properties": {"name": name, "iso_a3": iso_a3},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons}}


@pytest.fixture
def tiny_geojson():
    ring_with_hole = [_square(20, 20, 10), _square(24, 24, 2)[::-1]]
    return {"type": "FeatureCollection", "features": [
        _feature("Aland", "AAA", [[_square(0, 0)]]),
        _feature("France", "-99", [[_square(2, 45, 5)], [_square(-53, 3, 2)]]),
        _feature("Norway", "-99", [[_square(5, 58, 5)]]),
        _feature("Holed", "HHH", [ring_with_hole]),
    ]}


def test_fix_outline_codes(tiny_geojson):
    fixed = geo.fix_outline_codes(tiny_geojson)
    codes = [f["properties"]["iso3"] for f in fixed["features"]]
    assert codes == ["AAA", "FRA", "NOR", "HHH"]
    assert tiny_geojson["features"][1]["properties"].get("iso3") is None  # input untouched
    assert fixed["features"][1]["properties"]["iso_a3"] == "-99"            # source value kept
    assert geo.fix_outline_codes(fixed) == fixed                            # idempotent


def test_fix_outline_codes_refuses_unknown_missing_code(tiny_geojson):
    tiny_geojson["features"].append(_feature("Atlantis", "-99", [[_square(0, 0)]]))
    with pytest.raises(ValueError, match="Atlantis"):
        geo.fix_outline_codes(tiny_geojson)


def test_outlines_from_tiny_geojson(tiny_geojson):
    outlines = geo.outlines_from_geojson(tiny_geojson)
    assert outlines["iso3"].tolist() == ["AAA", "FRA", "HHH", "NOR"]
    france = outlines.set_index("iso3").loc["FRA", "geometry"]
    assert len(france) == 2 and france[0][0].shape == (5, 2)
    holed = outlines.set_index("iso3").loc["HHH", "geometry"]
    assert len(holed[0]) == 2  # exterior + one hole


def test_write_and_read_outlines(tiny_geojson, tmp_path):
    rounded = geo.round_coordinates(geo.fix_outline_codes(tiny_geojson), 3)
    path = geo.write_outlines(rounded, tmp_path / "world.geojson")
    again = geo.write_outlines(rounded, tmp_path / "again.geojson")
    assert path.read_bytes() == again.read_bytes()
    outlines = geo.read_outlines(path)
    assert outlines["iso3"].tolist() == ["AAA", "FRA", "HHH", "NOR"]


def test_round_coordinates_drops_repeated_points():
    ring = [[0.0, 0.0], [0.0001, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]
    collection = {"type": "FeatureCollection", "features": [_feature("X", "XXX", [[ring]])]}
    out = geo.round_coordinates(collection, 3)["features"][0]["geometry"]["coordinates"][0][0]
    assert out == [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]


@pytest.mark.sources
def test_natural_earth_keeps_every_outline(sources_dir):
    raw = (sources_dir / "naturalearth" / "naturalearth_lowres.geojson").read_text(encoding="utf-8")
    outlines = geo.outlines_from_geojson(json.loads(raw))
    assert len(outlines) == 177
    assert outlines["iso3"].is_unique
    assert "-99" not in set(outlines["iso3"])
    assert {"FRA", "NOR", "XKX", "XNC", "XSO"} <= set(outlines["iso3"])
    values = pd.DataFrame({"iso3": ["FRA", "NOR", "DEU", "MLT", "EUU"],
                           "status": ["party", "party", "signed", "party", "party"]})
    fig, ax, unmatched = plotting.choropleth(values, outlines,
                                             categories=["not signed", "signed", "party"])
    try:
        assert unmatched == ["EUU", "MLT"]
        drawn = outlines[outlines["iso3"] != "ATA"]["iso3"].tolist()
        layers = {c.get_label(): len(c.get_paths()) for c in ax.collections}
        assert layers == {"signed": 1, "party": 2, "no data": len(drawn) - 3}   # DEU; FRA and NOR; the rest
        party = next(c for c in ax.collections if c.get_label() == "party")
        assert tuple(party.get_facecolors()[0]) == to_rgba(plotting.PALETTE[2])
    finally:
        plt.close(fig)


def test_choropleth_tiny(tiny_geojson):
    outlines = geo.outlines_from_geojson(tiny_geojson)
    values = pd.Series({"AAA": "yes", "FRA": "no", "TUV": "yes"})
    colors = {"yes": "#00ff00", "no": "#ff0000"}
    fig, ax, unmatched = plotting.choropleth(values, outlines, categories=["yes", "no"],
                                             colors=colors, missing_color="#888888",
                                             title="tiny")
    try:
        assert unmatched == ["TUV"]
        layers = [(c.get_label(), len(c.get_paths()), tuple(c.get_facecolors()[0]), c.get_hatch())
                  for c in ax.collections]
        assert layers == [("yes", 1, to_rgba("#00ff00"), None), ("no", 1, to_rgba("#ff0000"), None),
                          ("no data", 2, to_rgba("#888888"), plotting.NO_DATA_HATCH)]
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        assert labels == ["yes", "no", "no data"]
    finally:
        plt.close(fig)
    with pytest.raises(ValueError, match="maybe"):
        plotting.choropleth(pd.Series({"AAA": "maybe"}), outlines, categories=["yes", "no"])


def _signed_area(ring):
    x, y = ring[:, 0], ring[:, 1]
    return (np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2


def test_outline_path_orients_holes():
    exterior = np.array(_square(0, 0, 10), dtype=float)[::-1]  # clockwise on input
    hole = np.array(_square(4, 4, 2), dtype=float)             # counter-clockwise on input
    path = plotting._outline_path([[exterior, hole]])
    rings = [ring for ring in path.to_polygons(closed_only=False)]
    assert len(rings) == 2
    # exterior counter-clockwise, hole clockwise: the non-zero fill rule leaves the hole empty
    assert _signed_area(rings[0]) == pytest.approx(100)
    assert _signed_area(rings[1]) == pytest.approx(-4)


def _tiny_figure():
    with plotting.figure_style():
        fig, ax = plt.subplots(figsize=(2, 1.5))
        ax.plot([0, 1, 2], [0, 1, 0], label="line")
        ax.set_title("t")
        ax.legend()
    return fig


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_save_figure_is_byte_identical(tmp_path, fmt):
    paths = []
    for run in ("one", "two"):
        fig = _tiny_figure()
        paths += plotting.save_figure(fig, "tiny", tmp_path / run, formats=(fmt,))
        plt.close(fig)
    first, second = (p.read_bytes() for p in paths)
    assert paths[0].name == f"tiny.{fmt}"
    assert first == second
    assert b"Matplotlib v" not in first and b"Software" not in first
    if fmt == "svg":
        assert b"<dc:date>" not in first


def test_save_figure_rejects_paths(tmp_path):
    fig = _tiny_figure()
    try:
        for bad in ("sub/name", "name.png", ""):
            with pytest.raises(ValueError):
                plotting.save_figure(fig, bad, tmp_path)
        with pytest.raises(ValueError):
            plotting.save_figure(fig, "name", tmp_path, formats=("jpg",))
    finally:
        plt.close(fig)


def test_text_from_data_is_never_mathtext():
    with plotting.figure_style():
        fig, ax = plt.subplots()
        title = ax.set_title("costs $5 and $6 in $x^2$")
        assert title.get_parse_math() is False
        fig.canvas.draw()                      # and it draws, dollar signs and all
    plt.close(fig)
