"""The rules of analysis.data.checks and the loaders' robustness: one corrupted copy of data/ per rule,
each failing with file, row and column, never with a traceback."""
import gzip
import json

import pandas as pd
import pytest

from analysis.core.errors import DataError, DataErrors, SetupError
from analysis.data import checks, io, validate

from .conftest import read_rows, set_cell, write_rows


def one(errors, needle):
    hits = [e for e in errors if needle in str(e)]
    assert hits, [str(e) for e in errors]
    return hits[0]


def header_only(path):
    write_rows(path, read_rows(path)[:1])


# --------------------------------------------------------------------------- table rules

@pytest.mark.parametrize("table", ["participation", "cooperation", "memberships", "sponsorships"])
def test_a_header_only_table_is_an_error(copy, table):
    header_only(copy / f"{table}.csv")
    e = one(validate.validate(copy), "no rows")
    assert e.file == f"{table}.csv"


def test_orphan_group_id(copy):
    row = set_cell(copy / "cooperation_groups.csv", lambda r: True, "group_id", "no-such-group")
    e = one(validate.validate(copy, ["cooperation_groups"]), "'no-such-group' is not in cooperation.group_id")
    assert (e.file, e.row, e.column) == ("cooperation_groups.csv", row, "group_id")


def test_in_force_before_ratified_for_any_instrument(copy):
    row = set_cell(copy / "participation.csv", lambda r: r["instrument"] == "ETS189" and r["iso3"] == "DNK",
                   "in_force", "2005-01-01")
    e = one(validate.validate(copy, ["participation"]), "ETS189/DNK: in_force 2005-01-01 is before ratified 2005-06-21")
    assert (e.file, e.row, e.column) == ("participation.csv", row, "in_force")


@pytest.mark.parametrize("table,column,value", [("cooperation", "date", "2019-02-30"),
                                                ("memberships", "joined", "2099-13-45"),
                                                ("positions", "date", "2021-00")])
def test_impossible_partial_dates(copy, table, column, value):
    row = set_cell(copy / f"{table}.csv", lambda r: True, column, value)
    e = one(validate.validate(copy, [table]), f"{value!r} is not a real date")
    assert (e.file, e.row, e.column) == (f"{table}.csv", row, column)


def test_rollcall_year_is_the_year_of_its_date(copy):
    row = set_cell(copy / "rollcalls.csv", lambda r: r["rollcall_id"] == "X75-240", "year", "2021")
    e = one(validate.validate(copy, ["rollcalls"]), "X75-240: year 2021 but date 2020-12-31")
    assert (e.file, e.row, e.column) == ("rollcalls.csv", row, "year")


def test_a_vote_by_the_ussr_in_2020(copy):
    rows = read_rows(copy / "votes.csv.gz")
    rows.append(["X75-240", "SUN", "yes"])
    write_rows(copy / "votes.csv.gz", rows)
    e = one(validate.validate(copy), "SUN votes in X75-240 on 2020-12-31, after it ended (end 1991-12-24)")
    assert (e.file, e.row, e.column) == ("votes.csv.gz", len(rows), "iso3")


def test_vote_window_on_tiny_tables():
    countries = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC"], "start": ["1960-06-01", "", ""],
                              "end": ["", "1970", ""], "un_member_year": ["1961", "", ""]})
    rollcalls = pd.DataFrame({"rollcall_id": ["R1", "R2", "R3"], "date": ["1960-12-01", "1961-03-01", "1971-01-01"]})
    votes = pd.DataFrame({"rollcall_id": ["R1", "R2", "R3", "R3", "R3"],
                          "iso3": ["AAA", "AAA", "AAA", "BBB", "CCC"], "vote": "yes"})
    errors = checks.check_vote_window({"countries": countries, "rollcalls": rollcalls, "votes": votes})
    assert [(e.row, e.message.split(", ")[-1]) for e in errors] == [
        (2, "before it joined the UN (1961)"), (5, "after it ended (end 1970)")]


def test_the_known_exceptions_are_the_only_ones(data):
    """The shipped votes break the window rule only where KNOWN_EXCEPTIONS says why."""
    frames = {"countries": read_rows_frame(data.countries), "rollcalls": read_rows_frame(data.rollcalls),
              "votes": read_rows_frame(data.votes)}
    assert checks.check_vote_window(frames) == []
    saved = dict(checks.KNOWN_EXCEPTIONS)
    try:
        checks.KNOWN_EXCEPTIONS.clear()
        errors = checks.check_vote_window(frames)
    finally:
        checks.KNOWN_EXCEPTIONS.update(saved)
    assert len(errors) == 6 and "TZA votes in V756 on 1961-12-04, before it existed" in errors[0].message


def read_rows_frame(frame):
    """A typed table as the strings validate reads."""
    return frame.astype("string").fillna("").astype(object)


def test_a_nul_byte_is_not_silently_dropped(copy):
    row = set_cell(copy / "votes.csv.gz", lambda r: r["iso3"] == "FRA", "iso3", "FRA\0x")
    e = one(validate.validate(copy, ["votes"]), "control character U+0000")
    assert (e.file, e.row, e.column) == ("votes.csv.gz", row, "iso3")


def test_carriage_returns_and_line_breaks_in_fields(copy):
    p = copy / "events.csv"
    p.write_bytes(p.read_bytes().replace(b"\n", b"\r\n", 2))
    assert one(validate.validate(copy, ["events"]), "carriage return").row == 1
    p.write_bytes(p.read_bytes().replace(b"\r\n", b"\n"))
    row = set_cell(p, lambda r: True, "summary", "two\nlines")
    e = one(validate.validate(copy, ["events"]), "a line break in a field")
    assert (e.row, e.column) == (row, "summary")


def test_title_and_source_swapped(copy):
    rows = read_rows(copy / "cooperation.csv")
    h = rows[0]
    t, s = h.index("title"), h.index("source")
    rows[1][t], rows[1][s] = rows[1][s], rows[1][t]
    write_rows(copy / "cooperation.csv", rows)
    e = one(validate.validate(copy, ["cooperation"]), "not an http(s) URL")
    assert (e.file, e.row, e.column) == ("cooperation.csv", 2, "source")


def test_a_citation_must_cite_something(copy):
    row = set_cell(copy / "participation.csv", lambda r: True, "source", "see the CoE website")
    e = one(validate.validate(copy, ["participation"]), "cites no http(s) URL")
    assert (e.file, e.row, e.column) == ("participation.csv", row, "source")


@pytest.mark.parametrize("column,payload", [("summary", '<img src=x onerror="alert(2)">'),
                                            ("title", "<script>alert(1)</script>"),
                                            ("summary", "see javascript:alert(1)"),
                                            ("source", "javascript:alert(1)")])
def test_markup_in_a_text_field(copy, column, payload):
    row = set_cell(copy / "positions.csv", lambda r: r["iso3"] == "SRB", column, "Text " + payload)
    e = one(validate.validate(copy, ["positions"]), "markup in a text field")
    assert (e.file, e.row, e.column) == ("positions.csv", row, column)


def test_markup_rule_spares_the_sources_byte_markers():
    assert not checks.MARKUP.search("entitled_Regional disarmament<d3>. The First Committee")
    assert not checks.MARKUP.search("a < b and c > d; AT&T")
    assert checks.MARKUP.search("<svg/onload=alert(1)>") and checks.MARKUP.search("</p") \
        and checks.MARKUP.search("<!-- x") and checks.MARKUP.search("JavaScript :alert(1)")


def test_garbage_geojson(copy):
    (copy / "world_outlines.geojson").write_text("{garbage", encoding="utf-8")
    e = one(validate.validate(copy), "not valid JSON")
    assert e.file == "world_outlines.geojson"
    (copy / "world_outlines.geojson").write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                                                 '"properties": {"iso3": "QQQ", "name": "Q"}, "geometry": '
                                                 '{"type": "Polygon", "coordinates": []}}]}', encoding="utf-8")
    one(validate.validate(copy), "iso3 'QQQ' is not in countries.iso3")


# --------------------------------------------------------------------------- unreadable files: errors, not tracebacks

def test_zero_byte_table(copy):
    (copy / "countries.csv").write_bytes(b"")
    e = one(validate.validate(copy), "empty file (0 bytes)")
    assert e.file == "countries.csv"
    with pytest.raises(DataErrors, match="countries.csv: empty file"):
        io.load_all(copy)


@pytest.mark.parametrize("table,column", [("countries", "iso3"), ("rollcalls", "rollcall_id"),
                                          ("cooperation", "group_id")])
def test_missing_key_column(copy, table, column):
    rows = read_rows(copy / f"{table}.csv")
    k = rows[0].index(column)
    write_rows(copy / f"{table}.csv", [r[:k] + r[k + 1:] for r in rows])
    e = one(validate.validate(copy), "missing column")
    assert (e.file, e.column) == (f"{table}.csv", column)
    with pytest.raises(DataErrors):
        io.load_all(copy)


def test_truncated_table(copy):
    p = copy / "participation.csv"
    text = p.read_text(encoding="utf-8")
    p.write_text(text[: text.index("\n", len(text) // 2) + 20], encoding="utf-8")
    e = one(validate.validate(copy), "cut off (truncated file?)")
    assert e.file == "participation.csv" and e.row > 2
    gz = copy / "votes.csv.gz"
    gz.write_bytes(gz.read_bytes()[:-30])
    one(validate.validate(copy), "votes.csv.gz: cannot be decompressed")


@pytest.mark.parametrize("edit,needle", [
    (lambda d: None, "not valid JSON"),                                          # truncated
    (lambda d: d.pop("resources"), "no list of 'resources'"),
    (lambda d: d["resources"][0].pop("schema"), "has no 'schema'"),
    (lambda d: d["resources"][2].update(path="../../etc/passwd"), "outside the data folder"),
    (lambda d: d["resources"][0]["schema"]["fields"][0].update(constraints={"pattern": "(["}), "malformed constraints"),
    (lambda d: d["resources"][0]["schema"].update(primaryKey="iso3"), "must be lists"),
])
def test_broken_datapackage(copy, edit, needle):
    p = copy / "datapackage.json"
    descriptor = json.loads(p.read_text(encoding="utf-8"))
    if edit(descriptor) is None and needle == "not valid JSON":
        p.write_text(p.read_text(encoding="utf-8")[:500], encoding="utf-8")
    else:
        p.write_text(json.dumps(descriptor), encoding="utf-8")
    e = one(validate.validate(copy), needle)
    assert e.file == "datapackage.json"
    with pytest.raises((DataError, DataErrors)):
        io.load_all(copy)


def test_missing_data_folder_is_an_environment_error(tmp_path):
    with pytest.raises(SetupError, match="not found"):
        validate.validate(tmp_path / "nowhere")


def test_load_table_runs_the_cross_table_checks(copy):
    set_cell(copy / "participation.csv", lambda r: r["instrument"] == "ETS189", "instrument", "XYZ9")
    with pytest.raises(DataErrors, match="'XYZ9' is not in instruments.instrument"):
        io.load_table("participation", copy)
    assert validate.needed_tables(validate.read_descriptor(copy), ["votes"]) == {"votes", "rollcalls", "countries"}


def test_outlines_loader_names_the_file(tmp_path):
    from analysis.data.geo import read_outlines

    (tmp_path / "world_outlines.geojson").write_text('{"type": "FeatureCollection", "feat', encoding="utf-8")
    with pytest.raises(DataError, match="world_outlines.geojson.*not valid JSON"):
        read_outlines(tmp_path / "world_outlines.geojson")


def test_gzip_helpers_round_trip(tmp_path):
    p = tmp_path / "x.csv.gz"
    write_rows(p, [["a"], ["1"]])
    assert gzip.decompress(p.read_bytes()) == b"a\n1\n" and read_rows(p) == [["a"], ["1"]]
