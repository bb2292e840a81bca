"""UN DGACM machine-readable General Assembly resolutions (UNxml/GAresolutions data_extract).

One JSON object per line and adopted resolution, with the per-country lists of a recorded vote.
Quirks handled here, each reported in the notes frame rather than hidden:
- ``adoption_date`` as ``2019-12-27 00:00:00`` or ``31 December 2020`` (maybe with U+00A0);
- counts as strings, ``N.A.`` where a group is empty;
- lists that repeat names (A/RES/75/290 A) or disagree with their counts (A/RES/77/293), or are
  empty although the counts are not (A/RES/75/254 A-C);
- an empty ``adoption_type``.
"""
from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pandas as pd

from analysis.core.errors import DataError, SetupError
from analysis.core.vocabulary import rollcall_id_of_symbol
from analysis.data.sources.common import session_from_date

SOURCE_ID = "unxml"
GROUPS = (("MS_in_favour", "MS_in_favour_count", "yes"),
          ("MS_against", "MS_against_count", "no"),
          ("MS_abstaining", "MS_abstaining_count", "abstain"))
MODALITY = {"By a recorded vote": "recorded", "Without a vote": "without_vote"}
FILES = ("74", "75", "76", "77", "78", "79", "80", "ES-10", "ES-11", "S-32")
#: Every file of the sources folder this reader opens (the source manifest lists them).
SOURCE_FILES = tuple(f"unxml_ga_resolutions/{name}.json" for name in FILES)


def parse_date(text: str) -> str:
    """ISO date from either format of ``adoption_date``."""
    s = text.replace("\u00a0", " ").strip()
    for fmt in ("%Y-%m-%d %H:%M:%S", "%d %B %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            pass
    raise ValueError(f"unrecognised date {text!r}")


def _symbol(rec: dict) -> str:
    return re.sub(r"\s+", " ", rec["symbol"].replace("\u00a0", " ")).strip()


def _count(value: str) -> int | None:
    s = str(value).strip()
    if s in ("N.A.", ""):
        return None
    return int(s)


def read_file(path: Path, label: str) -> list[dict]:
    records = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SetupError(f"source file {label} not found at {path}") from exc
    except UnicodeDecodeError as exc:
        raise DataError(label, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    for i, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise DataError(label, f"invalid JSON: {exc.msg}", row=i) from exc
    return records


def read_resolutions(folder: Path, files=FILES) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, list[dict]]:
    """(rollcalls, votes with names as printed, notes, raw records) for the given files.

    ``votes`` has rollcall_id, country (as printed), vote (yes/no/abstain) and line (the record's
    line in its file) for error messages. ``notes`` has one row per reconciliation decision.
    """
    rollcalls, votes, notes, raws = [], [], [], []
    for name in files:
        label = f"unxml_ga_resolutions/{name}.json"
        path = Path(folder) / f"{name}.json"
        if not path.exists():
            raise SetupError(f"source file {label} not found at {path}")
        records = list(enumerate(read_file(path, label), start=1))
        last_line = {}
        for line, rec in records:
            last_line.setdefault(_symbol(rec), []).append(line)
        for line, rec in records:
            symbol = _symbol(rec)
            rid = rollcall_id_of_symbol(symbol)
            if line != last_line[symbol][-1]:
                notes.append({"rollcall_id": rid, "symbol": symbol, "check": "duplicate_record",
                              "detail": f"{label} holds this resolution on lines {last_line[symbol]}; line {line} is a copy",
                              "action": f"line {line} dropped; the last record (line {last_line[symbol][-1]}) is used; "
                                        "the build checks that both vote lists name the same countries"})
                raws.append(rec | {"_file": name, "_line": line, "_superseded": True})
                continue
            raws.append(rec | {"_file": name, "_line": line, "_superseded": False})
            try:
                date = parse_date(rec["adoption_date"])
            except ValueError as exc:
                raise DataError(label, str(exc), row=line, column="adoption_date") from exc
            special = symbol.split("/")[2] if re.match(r"^A/RES/(ES-|S-)", symbol) else ""
            session = session_from_date(date) if special else int(symbol.split("/")[2])

            def note(check: str, detail: str, action: str, rid=rid, symbol=symbol) -> None:
                notes.append({"rollcall_id": rid, "symbol": symbol, "check": check, "detail": detail, "action": action})

            tallies, lists = {}, {}
            for list_key, count_key, vote in GROUPS:
                names = [n.replace("\u00a0", " ").strip() for n in rec.get(list_key) or []]
                count = _count(rec.get(count_key, ""))
                if count is None:
                    if names:
                        note("count_missing", f"{count_key} is {rec.get(count_key)!r} but {len(names)} names listed",
                             "official tally left empty; list kept")
                    else:
                        count = 0
                        if rec.get(count_key) == "N.A.":
                            note("count_na", f"{count_key} is 'N.A.' and the list is empty", "tally read as 0")
                if len(set(names)) < len(names):
                    dup = len(names) - len(set(names))
                    deduped = list(dict.fromkeys(names))
                    ok = count is not None and len(deduped) == count
                    note("duplicate_names", f"{list_key} lists {len(names)} names with {dup} repeats; count {count}",
                         "repeats removed" + ("; list then equals the count" if ok else "; list still differs from the count"))
                    names = deduped
                tallies[vote], lists[vote] = count, names
            all_names = [n for v in lists.values() for n in v]
            twice = sorted({n for n in all_names if all_names.count(n) > 1})
            if twice:
                raise DataError(label, f"{symbol}: names in two vote groups: {twice}", row=line)

            modality = MODALITY.get(rec.get("adoption_type", "").strip())
            has_counts = any(tallies[v] for v in tallies)
            if modality is None:
                modality = "recorded" if (has_counts or all_names) else "unknown"
                note("adoption_type_empty", f"adoption_type is {rec.get('adoption_type')!r}",
                     f"modality set to '{modality}' from the counts and lists")
            if modality == "recorded" and has_counts and not all_names:
                note("no_country_lists", "counts given but all three lists are empty",
                     "roll call kept with official tallies; no per-country votes")
            for vote in lists:
                if tallies[vote] is not None and lists[vote] and len(lists[vote]) != tallies[vote]:
                    note("tally_mismatch", f"{vote}: list has {len(lists[vote])} names, official count {tallies[vote]}",
                         "official tally kept; per-country list kept as published")
            rollcalls.append({
                "rollcall_id": rid, "session": session, "special_session": special, "date": date,
                "symbol": symbol, "title": rec.get("title", "").strip(), "kind": "resolution",
                "modality": modality,
                "yes": tallies["yes"] if modality == "recorded" else None,
                "no": tallies["no"] if modality == "recorded" else None,
                "abstain": tallies["abstain"] if modality == "recorded" else None,
                "committee": rec.get("committee", ""), "meeting_record": rec.get("pv", ""),
                "source": SOURCE_ID, "_line": line, "_file": name,
            })
            for vote, names in lists.items():
                votes.extend({"rollcall_id": rid, "country": n, "vote": vote, "date": date,
                              "file": label, "line": line} for n in names)
    rc = pd.DataFrame(rollcalls)
    notes_df = pd.DataFrame(notes, columns=["rollcall_id", "symbol", "check", "detail", "action"])
    recorded = set(rc.loc[rc["modality"] == "recorded", "rollcall_id"])
    notes_df = notes_df[(notes_df["check"] != "count_na") | notes_df["rollcall_id"].isin(recorded)]
    for col in ("yes", "no", "abstain"):
        rc[col] = rc[col].astype("Int64")
    if rc["rollcall_id"].duplicated().any():
        dup = rc.loc[rc["rollcall_id"].duplicated(), "symbol"].tolist()
        raise DataError("unxml_ga_resolutions", f"duplicate resolution symbols {dup}")
    return rc, pd.DataFrame(votes), notes_df.reset_index(drop=True), raws
