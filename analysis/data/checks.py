"""Cross-table and content rules of the tidy tables, run by :mod:`analysis.data.validate`.

Each rule takes the tables read as strings (``frames``: resource name -> DataFrame, only tables
that have every declared column) and returns a list of :class:`~analysis.core.errors.DataError`
naming file, row (the line in the file, header = 1) and column:

- :func:`check_not_empty`: every table has at least one row;
- :func:`check_extra_foreign_keys`: the keys ``datapackage.json`` does not declare (``group_id``
  both ways, invitations' instrument, notes' roll call);
- :func:`check_treaty_order`: ``in_force`` >= ``ratified`` >= ``signed`` for every instrument;
- :func:`check_partial_dates`: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` that exist (no 2019-02-30);
- :func:`check_rollcall_year`: ``rollcalls.year`` is the year of ``date``;
- :func:`check_vote_window`: a state votes only between its ``start`` and ``end``, and not
  before the year it joined the UN (``un_member_year``);
- :func:`check_urls`: URL columns hold http(s) URLs (a ``title`` swapped into ``source`` fails);
- :func:`check_markup`: no HTML tag and no ``javascript:`` URL in any free-text field;
- :func:`control_characters` (on the raw text, before parsing, since the CSV parser stops a
  value at a NUL byte): no control characters except tab;
- :func:`check_outlines`: the GeoJSON parses and every feature has a known ``iso3``.

:data:`KNOWN_EXCEPTIONS` lists the few rows of the published sources that break a rule, each
with the reason; they are kept as the sources have them and reported nowhere else.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd

from analysis.core.dates import PARTIAL_DATE, date_bounds
from analysis.core.errors import DataError
from analysis.data import geo

#: Tables that may legitimately have no rows (none so far: an empty table is a lost table).
MAY_BE_EMPTY: frozenset[str] = frozenset()

#: Keys that datapackage.json does not declare: (table, column, referenced table, referenced column).
EXTRA_FOREIGN_KEYS = (
    ("cooperation_groups", "group_id", "cooperation", "group_id"),   # members of a known group tie
    ("cooperation", "group_id", "cooperation_groups", "group_id"),   # a group tie has members
    ("invitations", "instrument", "instruments", "instrument"),
    ("rollcall_notes", "rollcall_id", "rollcalls", "rollcall_id"),
)

#: Columns holding only http(s) URLs (several separated by " ; " or " | ").
URL_COLUMNS = {"invitations": ["source"], "cooperation": ["source"], "cooperation_groups": ["source"],
               "memberships": ["source"], "positions": ["source"], "events": ["source"]}
#: Columns citing sources in prose: each must contain a URL or name a source file.
CITATION_COLUMNS = {"participation": ["source"], "instruments": ["source"]}

URL = re.compile(r"https?://[^\s<>\"]+")
_SOURCE_FILE = re.compile(r"[\w.-]+/[\w.-]+\.(?:csv|md|json|geojson)\b")
_PARTS = re.compile(r"\s+[|;]\s+")
#: What a browser would read as markup: ``<`` then a letter, ``/``, ``!`` or ``?`` (a tag, closing
#: tag, comment or processing instruction), or a script URL. ``<d3>``, two hex digits, is how
#: Voeten's roll-call texts mark an undecodable byte, not markup ("a < b" is text too).
MARKUP = re.compile(r"<(?![0-9A-Fa-f]{2}>)[A-Za-z/!?]|\b(?:java|vb)script\s*:|\bdata\s*:\s*text/html",
                    re.IGNORECASE)
#: Control characters (C0 but tab and line feed, DEL) and the bidirectional overrides that make a
#: text display other than it reads.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")

#: Rows of the published sources that break a rule: (rule, file, key) -> why they are kept.
KNOWN_EXCEPTIONS = {
    ("control", "rollcalls.csv", "V5917"): "a backspace (U+0008) in Voeten's roll-call description, as published",
    ("control", "rollcalls.csv", "V6005"): "a backspace (U+0008) in Voeten's roll-call description, as published",
    **{("window", "votes.csv.gz", f"{rid}/TZA"): "unvotes dates these session-16 roll calls 1-4 December 1961 and "
       "lists Tanganyika, independent on 9 and admitted on 14 December 1961; kept as published"
       for rid in ("V756", "V757", "V758", "V759", "V760", "V762", "V763", "V764", "V765", "V772")},
    **{("window", "votes.csv.gz", f"{rid}/ZAN"): "unvotes dates this roll call 3 December 1963 and lists Zanzibar, "
       "independent on 10 and admitted on 16 December 1963; kept as published" for rid in ("V874", "V875")},
}


def _label(name: str) -> str:
    """The file of table `name` (as the data package names it)."""
    return {"votes": "votes.csv.gz"}.get(name, f"{name}.csv")


def _excused(rule: str, file: str, key: str) -> bool:
    return (rule, file, key) in KNOWN_EXCEPTIONS


def _rows(file: str, mask: pd.Series, column: str, message, limit: int = 5) -> list[DataError]:
    """One error per flagged row (the first `limit`), then one saying how many more."""
    hits = mask[mask].index
    out = [DataError(file, message(i), row=int(i) + 2, column=column) for i in hits[:limit]]
    if len(hits) > limit:
        out.append(DataError(file, f"... {len(hits) - limit} more rows with the same problem", column=column))
    return out


def foreign_key_errors(frame: pd.DataFrame, file: str, column: str, ref: pd.DataFrame, ref_name: str,
                       ref_column: str) -> list[DataError]:
    """Every non-empty ``frame[column]`` value is a ``ref[ref_column]`` value."""
    values = frame[column]
    bad = (values != "") & ~values.isin(set(ref[ref_column]))
    return _rows(file, bad, column, lambda i: f"{values.at[i]!r} is not in {ref_name}.{ref_column}")


# --------------------------------------------------------------------------- table rules

def check_not_empty(frames: dict[str, pd.DataFrame], descriptor: dict) -> list[DataError]:
    """A table without rows (a header only) is an error, except those in :data:`MAY_BE_EMPTY`."""
    return [DataError(res["path"], "no rows (a header only): the table must not be empty", row=2)
            for res in descriptor["resources"]
            if res["name"] in frames and frames[res["name"]].empty and res["name"] not in MAY_BE_EMPTY]


def check_extra_foreign_keys(frames: dict[str, pd.DataFrame]) -> list[DataError]:
    """The keys of :data:`EXTRA_FOREIGN_KEYS` resolve."""
    out = []
    for table, column, ref, ref_column in EXTRA_FOREIGN_KEYS:
        if table in frames and ref in frames:
            out += foreign_key_errors(frames[table], _label(table), column, frames[ref], ref, ref_column)
    return out


def check_treaty_order(frames: dict[str, pd.DataFrame]) -> list[DataError]:
    """``in_force`` is not before ``ratified`` (nor, without a ratification, before ``signed``), for
    every instrument. (``ratified`` >= ``signed`` is :func:`analysis.data.rules.check_participation`'s.)"""
    p = frames.get("participation")
    if p is None:
        return []
    iso = {c: p[c].where(p[c].str.fullmatch(r"\d{4}-\d{2}-\d{2}"), "") for c in ("signed", "ratified", "in_force")}
    earlier = iso["ratified"].where(iso["ratified"] != "", iso["signed"])
    bad = (iso["in_force"] != "") & (earlier != "") & (iso["in_force"] < earlier)
    return _rows("participation.csv", bad, "in_force", lambda i: (
        f"{p.at[i, 'instrument']}/{p.at[i, 'iso3']}: in_force {p.at[i, 'in_force']} is before "
        + (f"ratified {p.at[i, 'ratified']}" if iso["ratified"].at[i] else f"signed {p.at[i, 'signed']}")))


def _real(value: str) -> bool:
    try:
        return date_bounds(value) is not None
    except ValueError:
        return False


def check_partial_dates(frames: dict[str, pd.DataFrame], descriptor: dict) -> list[DataError]:
    """Values of the partial-date columns (pattern ``YYYY[-MM[-DD]]``) are dates that exist."""
    out = []
    for res in descriptor["resources"]:
        frame = frames.get(res["name"])
        if frame is None:
            continue
        for fd in res["schema"]["fields"]:
            if fd.get("constraints", {}).get("pattern") != PARTIAL_DATE:
                continue
            s = frame[fd["name"]]
            shaped = s.str.fullmatch(PARTIAL_DATE[1:-1])
            bad = shaped & ~s.where(shaped, "").map(_real)
            out += _rows(res["path"], bad, fd["name"], lambda i, s=s: f"{s.at[i]!r} is not a real date")
    return out


def check_rollcall_year(frames: dict[str, pd.DataFrame]) -> list[DataError]:
    """``rollcalls.year`` is the year of ``rollcalls.date`` wherever both are given."""
    rc = frames.get("rollcalls")
    if rc is None:
        return []
    both = (rc["date"] != "") & (rc["year"] != "")
    bad = both & (rc["date"].str[:4] != rc["year"])
    return _rows("rollcalls.csv", bad, "year",
                 lambda i: f"{rc.at[i, 'rollcall_id']}: year {rc.at[i, 'year']} but date {rc.at[i, 'date']}")


def _day_number(value: str, side: int) -> int:
    """A (partial) date as the integer YYYYMMDD of its first (side 0) or last (side 1) day; 0 when unknown."""
    try:
        bounds = date_bounds(value)
    except ValueError:
        return 0
    return 0 if bounds is None else int(bounds[side].strftime("%Y%m%d"))


def check_vote_window(frames: dict[str, pd.DataFrame]) -> list[DataError]:
    """A vote falls within its state's existence (``countries.start`` .. ``end``) and not before
    the year the state joined the UN (``un_member_year``)."""
    if not {"votes", "rollcalls", "countries"} <= set(frames):
        return []
    c = frames["countries"].drop_duplicates("iso3").set_index("iso3")
    start = c["start"].map(lambda x: _day_number(x, 0))
    joined = c["un_member_year"].map(lambda y: int(y) * 10000 + 101 if y.isdigit() else 0)
    end = c["end"].map(lambda x: _day_number(x, 1)).replace(0, 99999999)
    rc = frames["rollcalls"].drop_duplicates("rollcall_id").set_index("rollcall_id")["date"]
    votes = frames["votes"]
    day = votes["rollcall_id"].map(rc.map(lambda x: _day_number(x, 0))).fillna(0).to_numpy()
    lo = votes["iso3"].map(start).fillna(0).to_numpy()
    first = votes["iso3"].map(joined).fillna(0).to_numpy()
    hi = votes["iso3"].map(end).fillna(99999999).to_numpy()
    bad = pd.Series((day > 0) & ((day < lo) | (day < first) | (day > hi)), index=votes.index)
    for i in bad[bad].index:
        if _excused("window", "votes.csv.gz", f"{votes.at[i, 'rollcall_id']}/{votes.at[i, 'iso3']}"):
            bad.at[i] = False

    def message(i):
        iso3, rid = votes.at[i, "iso3"], votes.at[i, "rollcall_id"]
        why = (f"before it existed (start {c.at[iso3, 'start']})" if day[i] < lo[i]
               else f"before it joined the UN ({c.at[iso3, 'un_member_year']})" if day[i] < first[i]
               else f"after it ended (end {c.at[iso3, 'end']})")
        return f"{iso3} votes in {rid} on {rc.get(rid)}, {why}"
    return _rows("votes.csv.gz", bad, "iso3", message)


def check_urls(frames: dict[str, pd.DataFrame]) -> list[DataError]:
    """:data:`URL_COLUMNS` hold only http(s) URLs; :data:`CITATION_COLUMNS` contain a URL or a source file."""
    out = []
    for kind, columns in (("url", URL_COLUMNS), ("citation", CITATION_COLUMNS)):
        for table, cols in columns.items():
            frame = frames.get(table)
            if frame is None:
                continue
            for col in cols:
                s = frame[col]
                if kind == "url":
                    ok = s.map(lambda v: all(URL.fullmatch(p) for p in _PARTS.split(v.strip())))
                    what = "not an http(s) URL (several URLs: separate them with ' ; ')"
                else:
                    ok = s.map(lambda v: bool(URL.search(v) or _SOURCE_FILE.search(v)))
                    what = "cites no http(s) URL and no source file"
                out += _rows(_label(table), (s != "") & ~ok, col,
                             lambda i, s=s, what=what: f"{what}: {s.at[i][:80]!r}")
    return out


def check_markup(frames: dict[str, pd.DataFrame], descriptor: dict) -> list[DataError]:
    """No HTML tag and no ``javascript:`` URL in any free-text field (string fields without an enum,
    a pattern or a foreign key): text from data is shown as text, and this keeps it so at the source."""
    out = []
    for res in descriptor["resources"]:
        frame = frames.get(res["name"])
        if frame is None:
            continue
        keyed = {fk["fields"] for fk in res["schema"].get("foreignKeys", [])}
        for fd in res["schema"]["fields"]:
            c = fd.get("constraints", {})
            if fd["type"] != "string" or "enum" in c or "pattern" in c or fd["name"] in keyed:
                continue
            s = frame[fd["name"]]
            joined = "\n".join(s.to_numpy())
            lower = joined.lower()
            if "<" not in joined and "script" not in lower and "text/html" not in lower:
                continue   # (a fast pass: most columns hold none of the three)
            bad = s.str.contains(MARKUP)
            out += _rows(res["path"], bad, fd["name"], lambda i, s=s: (
                f"markup in a text field (HTML tags and javascript: URLs are not allowed): {s.at[i][:80]!r}"))
    return out


# --------------------------------------------------------------------------- raw text and GeoJSON

def control_characters(text: str, file: str, primary_key: list[str] | None = None) -> list[DataError]:
    """Control characters in the raw CSV ``text`` (tab allowed), each located by line and column;
    a carriage return means the line ends are not ``\\n``. Rows of :data:`KNOWN_EXCEPTIONS` pass."""
    out = []
    header = next(csv.reader([text.split("\n", 1)[0]]), [])
    seen = set()
    for match in CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if line in seen:
            continue
        seen.add(line)
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        cells = next(csv.reader([text[start:end if end >= 0 else len(text)].rstrip("\r")]), [])
        column = next((header[k] for k, cell in enumerate(cells) if CONTROL.search(cell) and k < len(header)), None)
        key = "/".join(cells[header.index(k)] for k in (primary_key or []) if k in header
                       and header.index(k) < len(cells))
        if _excused("control", file, key):
            continue
        char = match.group()
        what = "a carriage return (line ends must be \\n)" if char == "\r" else f"control character U+{ord(char):04X}"
        out.append(DataError(file, f"{what} in a field", row=line, column=column))
        if len(out) >= 5:
            out.append(DataError(file, "... more control characters not listed"))
            break
    return out


def newlines_in_fields(frame: pd.DataFrame, file: str, lines: int | None = None) -> list[DataError]:
    """A line break inside a quoted field (every row is one line of the file). `lines`, the file's
    line count, skips the search when it is the header plus one line per row."""
    if lines == len(frame) + 1:
        return []
    out = []
    for col in frame.columns:
        out += _rows(file, frame[col].str.contains("\n", regex=False), col, lambda i: "a line break in a field")
    return out


def check_outlines(path: Path, registry: pd.DataFrame | None, file: str = "world_outlines.geojson") -> list[DataError]:
    """The outlines parse as a GeoJSON FeatureCollection of (Multi)Polygons, each with an ``iso3``
    that is a registry code or one of :data:`analysis.data.geo.CODES_BY_NAME`'s."""
    path = Path(path)
    if not path.exists():
        return [DataError(file, "file not found")]
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        return [DataError(file, f"not valid UTF-8 ({exc.reason} at byte {exc.start})")]
    except json.JSONDecodeError as exc:
        return [DataError(file, f"not valid JSON: {exc.msg}", row=exc.lineno)]
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        return [DataError(file, "not a GeoJSON FeatureCollection with a list of features")]
    if not doc["features"]:
        return [DataError(file, "no features")]
    known = set(geo.CODES_BY_NAME.values()) | (set(registry["iso3"]) if registry is not None else set())
    out = []
    for k, feature in enumerate(doc["features"], 1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        iso3 = props.get("iso3") if isinstance(props, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon") \
                or not isinstance(geometry.get("coordinates"), list):
            out.append(DataError(file, f"feature {k} has no Polygon or MultiPolygon geometry", column="geometry"))
        elif registry is not None and iso3 not in known:
            name = props.get("name") if isinstance(props, dict) else None
            out.append(DataError(file, f"feature {k} ({name!r}): iso3 {iso3!r} is not in countries.iso3", column="iso3"))
        if len(out) >= 10:
            break
    return out
