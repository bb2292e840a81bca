"""The ``sponsorships`` table: one row per sponsor of each UN resolution in the DGACM records.

Entries come from :mod:`analysis.data.sources.sponsors`; state names are mapped to registry codes
by name and adoption date.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from analysis.core.errors import UnmappedCountryError
from analysis.core.vocabulary import is_missing as _is_missing
from analysis.core.vocabulary import rollcall_id_of_symbol
from analysis.data import countries
from analysis.data.sources import unxml
from analysis.data.sources.sponsors import (
    _clean_entry,
    classify_sponsor,
    known_sponsor_corrections,
    parse_sponsor_field,
)


def _iso_day(value) -> str | None:
    """"2019-12-27 00:00:00" / "31 December 2020" (U+00A0 allowed) -> "YYYY-MM-DD"; else None."""
    if _is_missing(value):
        return None
    text = re.sub(r"\s+", " ", str(value).replace("\u00a0", " ")).strip()
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


_SPONSOR_COLUMNS = ["rollcall_id", "symbol", "sponsor", "sponsor_type", "role", "raw_name", "via"]


def sponsorship_table(
    resolutions,
    to_iso3: Callable[[str, str | None], str],
    *,
    countries: pd.DataFrame | None = None,
    corrections: Mapping[str, list[str]] | None = None,
    keep_notes: bool = False,
) -> pd.DataFrame:
    """Tidy sponsorship rows from UNxml resolution records (list of dicts or DataFrame).

    Each record needs ``symbol`` and ``sponsors`` / ``additional_sponsors``; ``rollcall_id``
    is used if present, else :func:`analysis.core.vocabulary.rollcall_id_of_symbol`; the date handed to
    ``to_iso3(name, date)`` is ``date`` or ``adoption_date`` as "YYYY-MM-DD" (None if unknown).
    Entries are split by :func:`parse_sponsor_field`, fixed by `corrections` (None = the
    :func:`known_sponsor_corrections`; ``{}`` = none) and classified by :func:`classify_sponsor`.

    Returns rollcall_id, symbol, sponsor (iso3, or group/organ id), sponsor_type ("state",
    "organisation" if the registry `countries` says so, "group", "organ"; "note" only with
    `keep_notes`), role ("sponsor" / "additional_sponsor"), raw_name (the entry as parsed),
    via (iso3 of the state tabling for a group or organ, else None). "Cuba (on behalf of ... the
    Group of 77 and China)" is one row G77 via CUB; Cuba itself is not added as a sponsor.
    A (rollcall_id, sponsor) pair is kept once (first seen: sponsors before additional).
    Names that ``to_iso3`` rejects (raises or returns empty) and unrecognised groups raise
    UnmappedCountryError listing every such entry with its symbols.
    """
    records = resolutions.to_dict("records") if isinstance(resolutions, pd.DataFrame) else list(resolutions)
    fixes = known_sponsor_corrections() if corrections is None else dict(corrections)
    fixes = {_clean_entry(k).upper(): list(v) for k, v in fixes.items()}
    kinds = {}
    if countries is not None:
        kinds = dict(zip(countries["iso3"].astype(str), countries["type"].astype(str), strict=True))

    cache: dict[tuple, str | None] = {}

    def resolve(name: str, day: str | None) -> str | None:
        if (name, day) not in cache:
            try:
                code = to_iso3(name, day)
            except (KeyError, LookupError, ValueError):
                code = None
            cache[(name, day)] = None if _is_missing(code) else str(code)
        return cache[(name, day)]

    parsed: dict[str, list[str]] = {}  # per-call caches: the same entries recur thousands of times
    classified: dict[str, dict] = {}

    def entries(value) -> list[str]:
        if not isinstance(value, (list, tuple)):
            return parse_sponsor_field(value)
        out = []
        for item in value:
            key = str(item) if not _is_missing(item) else ""
            if key not in parsed:
                parsed[key] = parse_sponsor_field([item]) if key else []
            out.extend(parsed[key])
        return out

    rows, unknown = [], {}
    for rec in records:
        symbol = rec.get("symbol")
        rid = rec.get("rollcall_id") if not _is_missing(rec.get("rollcall_id")) else rollcall_id_of_symbol(symbol)
        day = _iso_day(rec.get("date")) or _iso_day(rec.get("adoption_date"))
        for field, role in (("sponsors", "sponsor"), ("additional_sponsors", "additional_sponsor")):
            for entry in entries(rec.get(field)):
                for fixed in fixes.get(entry.upper(), [entry]):
                    if fixed not in classified:
                        classified[fixed] = classify_sponsor(fixed)
                    info = classified[fixed]
                    via = None
                    if info["via"]:
                        via = resolve(info["via"], day)
                        if via is None:
                            unknown.setdefault(f"{info['via']!r} (tabling for {fixed!r})", []).append(symbol)
                    if info["kind"] == "note":
                        if keep_notes:
                            rows.append((rid, symbol, None, "note", role, entry, None))
                        continue
                    if info["kind"] == "unknown_group":
                        unknown.setdefault(f"group in {fixed!r}", []).append(symbol)
                        continue
                    if info["kind"] in ("group", "organ"):
                        rows.append((rid, symbol, info["id"], info["kind"], role, entry, via))
                        continue
                    code = resolve(info["name"], day)
                    if code is None:
                        unknown.setdefault(repr(info["name"]), []).append(symbol)
                        continue
                    kind = "organisation" if kinds.get(code) == "organisation" else "state"
                    rows.append((rid, symbol, code, kind, role, entry, None))
    if unknown:
        listing = "; ".join(f"{name} in {', '.join(sorted(set(map(str, syms)))[:5])}"
                            + (" ..." if len(set(syms)) > 5 else "") for name, syms in sorted(unknown.items()))
        raise UnmappedCountryError("sponsors", f"{len(unknown)} sponsor name(s) not mapped: {listing}")
    table = pd.DataFrame(rows, columns=_SPONSOR_COLUMNS)
    named = table["sponsor"].notna()
    dupes = named & table.duplicated(["rollcall_id", "sponsor"], keep="first")
    return table[~dupes].reset_index(drop=True)


def sponsorships(sources: Path, registry: pd.DataFrame, rollcalls: pd.DataFrame) -> pd.DataFrame:
    """One row per sponsor of each DGACM resolution (sessions 74-80, ES-10, ES-11, S-32).

    Session-74 resolutions adopted by recorded vote take the unvotes roll-call id (V...), as in
    ``rollcalls.csv``. Group entries ("on behalf of the Group of 77 and China") are rows of
    sponsor_type ``group``; UN organs submitting a text are ``organ``.
    """
    _rc, _votes, _notes, records = unxml.read_resolutions(Path(sources) / "unxml_ga_resolutions")
    kept = [r for r in records if not r.get("_superseded")]
    by_symbol = rollcalls.drop_duplicates("symbol", keep=False).set_index("symbol")["rollcall_id"]
    known = set(rollcalls["rollcall_id"])
    for rec in kept:
        sym = unxml._symbol(rec)
        rid = rollcall_id_of_symbol(sym)
        rec["rollcall_id"] = rid if rid in known else by_symbol.get(sym, rid)
        rec["date"] = unxml.parse_date(rec["adoption_date"])
    res = countries.resolver(registry)
    table = sponsorship_table(kept, res.resolve, countries=registry)
    return table.sort_values(["rollcall_id", "role", "sponsor"], kind="stable").reset_index(drop=True)
