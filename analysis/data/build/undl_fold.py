"""Fold a UN Digital Library voting download into the built vote tables (``cybercrime build --undl FILE``).

The download ("General Assembly Voting Data", https://digitallibrary.un.org/record/4060887, read by
:mod:`analysis.data.sources.undl`) covers every session. The project's own record is unvotes up to
session 74 and the DGACM extract from session 74 on (the "window"). :func:`fold_undl` checks the
download against the window, adds what the project does not have, and never changes a row the build
made. Every problem is a :class:`DataError` naming the download's file, row and column, the roll call
(symbol and project id) and the country; the build stops before anything is written.

**Which roll call is which.** A roll call of the download is one ``undl_id``: the recorded vote on one
adopted resolution. Its key is the resolution symbol, normalised (upper case, no spaces, dashes
unified) and split into the resolution (``A/RES/75/254``) and its part letters (``A``, ``A-C``):

- download roll calls of sessions before the window are the unvotes era: neither compared nor added
  (comparing the download with Voeten's record is another task), only counted. The session is the one
  in a regular resolution's symbol (A/RES/79/327 of 5 September 2025 is session 79, as in the DGACM
  records), else the regular session in course at the date (emergency and special sessions);
- same resolution and same parts as a project roll call of the window: the same roll call. The dates
  must agree; the votes and tallies are compared (below);
- same resolution, different parts (the download has ``75/254 A`` where the project records
  ``75/254 A-C`` as one text, or the reverse): neither comparable country by country nor new, so set
  aside, listed in the summary, the project row kept;
- a resolution the project does not have: added (later sessions, and texts missing from DGACM);
- two download records with the same key (a separate vote on a paragraph, say): the fold cannot tell
  which is the vote on the whole text, and stops, naming both rows.

**How votes compare.** Cast votes (yes, no, abstain) must be equal. Not voting is one class: the
download's NV or empty (read as ``absent``), the project's ``absent`` (DGACM from session 75 lists
members on none of the three lists) and no row at all (unvotes, session 74, dropped absences) compare
equal; a cast vote against any of them is a disagreement. Official tallies are compared where both
have them. A project roll call adopted without a vote must have no vote cast in the download; one of
modality ``unknown`` (no country lists in the project) is not compared, left as it is and listed.

**Added roll calls.** Id ``U<undl_id>``: the Digital Library's control number, stable across downloads
and the record's address (``https://digitallibrary.un.org/record/<undl_id>``); ``source`` ``undl``;
symbol in the project's form (part letters after a space); ``special_session`` from the symbol
(``ES-11``, ``S-32``); kind ``resolution``, modality ``recorded`` (a record with no vote cast stops
the build: it cannot be told from a text adopted without a vote); tallies from the download's totals
(``tally_source`` says so); ``meeting_record`` from its ``meeting``; ``committee`` and ``important``
empty (the download does not give them). Votes: the download's rows, NV or empty as ``absent``.

**Topic flags.** ``ict`` and ``cybercrime`` come only from the curated lists
(``curation/ict_rollcalls_1946_2019.csv``, ``unga_ict_votes_2020_2025``), and every text those lists
name is already a project roll call, so an added roll call is on no list. The build's rule for a roll
call on no list is ``ict`` = ``cybercrime`` = false (the schema requires true or false); the fold
follows it and sets ``ict_scope`` to ``unclassified``, so that "no list has looked at it" stays apart
from "classified, not ICT". To flag a new text, add it to a curated list.
"""
from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.core.errors import DataError, DataErrors
from analysis.core.vocabulary import CAST_VOTES, NOT_RECORDED, is_missing
from analysis.data import schema
from analysis.data.sources import undl, unxml

SOURCE_ID = undl.SOURCE_ID
UNCLASSIFIED = "unclassified"
TALLY_SOURCE = "undl (UN Digital Library totals)"
_KEY = re.compile(r"^A/RES/((?:ES-|S-)?\d+)/(\d+)(.*)$")


@dataclass(frozen=True)
class Fold:
    """The tables after the fold, and what happened to each roll call of the download."""

    rollcalls: pd.DataFrame
    votes: pd.DataFrame
    agreed: list[str] = field(default_factory=list)      # project ids compared and found equal
    added: list[str] = field(default_factory=list)       # new ids (U<undl_id>)
    set_aside: list[str] = field(default_factory=list)   # "download symbol (project symbol)", parts differ
    unknown: list[str] = field(default_factory=list)     # project ids of modality unknown, not compared
    before_window: int = 0                               # download roll calls of the unvotes era
    window: int = 74                                     # first session of the DGACM extract


def symbol_key(symbol) -> tuple[str, str] | None:
    """``'A/RES/75/254 A-C'`` -> ``('A/RES/75/254', 'A-C')``; ``'A/RES/75/254A'`` -> ``(.., 'A')``;
    None for a symbol that is not an ``A/RES/`` resolution symbol."""
    s = re.sub(r"\s+", "", "" if is_missing(symbol) else str(symbol)).upper().replace("\u2013", "-").replace("\u2014", "-")
    m = _KEY.match(s)
    return (f"A/RES/{m.group(1)}/{m.group(2)}", m.group(3)) if m else None


def dgacm_window(rollcalls: pd.DataFrame) -> int:
    """The first session of the DGACM extract in the built roll calls (74)."""
    return int(rollcalls.loc[rollcalls["source"] == unxml.SOURCE_ID, "session"].min())


def _vote_class(vote) -> str:
    return vote if vote in CAST_VOTES else "did not vote"


def fold_undl(rollcalls: pd.DataFrame, votes: pd.DataFrame, undl_rollcalls: pd.DataFrame,
              undl_votes: pd.DataFrame, file: str = "undl.csv", window: int | None = None) -> Fold:
    """Check ``undl_rollcalls``/``undl_votes`` (from :func:`analysis.data.sources.undl.read_undl_csv`)
    against the built ``rollcalls``/``votes`` and add the roll calls the project lacks (rules in the
    module docstring). ``window``: first session of the DGACM extract (default: from ``rollcalls``).

    Raises :class:`DataErrors` listing every disagreement; the input frames are never modified.
    """
    window = dgacm_window(rollcalls) if window is None else window
    lines = undl_rollcalls.set_index("rollcall_id")["line"]
    tally_cols = {v: undl_rollcalls.attrs.get("tally_columns", {}).get(v, undl.TOTALS[v][0]) for v in undl.TOTALS}
    errors: list[DataError] = []

    project = rollcalls  # every roll call with a resolution symbol, whatever its session
    by_full: dict[tuple, list[int]] = {}
    by_base: dict[str, list[int]] = {}
    for i, sym in project["symbol"].items():
        key = symbol_key(sym)
        if key is not None:
            by_full.setdefault(key, []).append(i)
            by_base.setdefault(key[0], []).append(i)

    inside = undl_rollcalls[undl_rollcalls["session"] >= window]
    before = len(undl_rollcalls) - len(inside) + undl_rollcalls.attrs.get("before", 0)
    pairs: dict[str, int] = {}            # undl id -> project row index
    new: dict[str, tuple[str, str]] = {}  # undl id -> key
    set_aside, seen = [], {}
    for r in inside.itertuples(index=False):
        key = symbol_key(r.symbol)
        if key is None:
            errors.append(DataError(file, f"{r.symbol!r} (undl_id {r.rollcall_id[1:]}) is not an A/RES/ resolution "
                                          "symbol: the roll call cannot be identified", row=int(r.line), column="resolution"))
            continue
        if key in seen:
            errors.append(DataError(file, f"{r.symbol}: a second record (undl_id {r.rollcall_id[1:]}) besides row "
                                          f"{seen[key]}; cannot tell which is the vote on the whole text",
                                    row=int(r.line), column="resolution"))
            continue
        seen[key] = int(r.line)
        hits = by_full.get(key, [])
        same_day = [i for i in hits if str(project.at[i, "date"]) == r.date]
        if len(same_day) == 1:
            pairs[r.rollcall_id] = same_day[0]
        elif len(same_day) > 1:
            ids = ", ".join(project.loc[same_day, "rollcall_id"])
            errors.append(DataError(file, f"{r.symbol} on {r.date} is more than one project roll call ({ids})",
                                    row=int(r.line), column="resolution"))
        elif hits:
            i = hits[0]
            errors.append(DataError(file, f"{r.symbol} ({project.at[i, 'rollcall_id']}): date {r.date} in the UN Digital "
                                          f"Library file but {project.at[i, 'date']} in the project data "
                                          f"({project.at[i, 'source']})", row=int(r.line), column="date"))
        elif key[0] in by_base:
            theirs = ", ".join(project.loc[by_base[key[0]], "symbol"])
            set_aside.append(f"{r.symbol} (project: {theirs})")
        else:
            new[r.rollcall_id] = key

    unknown = []
    compared: dict[str, int] = {}
    cast_in_undl = undl_votes[undl_votes["vote"].isin(CAST_VOTES)].groupby("rollcall_id").size()
    for uid, i in pairs.items():
        p = project.loc[i]
        if p["modality"] == "unknown":
            unknown.append(p["rollcall_id"])
        elif p["modality"] != "recorded" and cast_in_undl.get(uid, 0):
            errors.append(DataError(file, f"{p['symbol']} ({p['rollcall_id']}, {p['date']}): {cast_in_undl[uid]} votes "
                                          f"cast in the UN Digital Library file but adopted without a vote in the project "
                                          f"data ({p['source']})", row=int(lines[uid]), column="ms_vote"))
        else:
            compared[uid] = i
    errors.extend(_vote_disagreements(project, votes, undl_votes, compared, lines, file))
    errors.extend(_tally_disagreements(project, undl_rollcalls, compared, tally_cols, file))
    new_rc, new_votes = _added(undl_rollcalls, undl_votes, new, cast_in_undl, file, errors)
    if errors:
        raise DataErrors(sorted(errors, key=lambda e: (e.row or 0, e.column or "")))
    agreed = [project.at[i, "rollcall_id"] for i in compared.values()]
    out_rc = pd.concat([rollcalls, new_rc.astype(rollcalls.dtypes.to_dict())], ignore_index=True) if len(new_rc) \
        else rollcalls.copy()
    out_votes = pd.concat([votes, new_votes], ignore_index=True) if len(new_votes) else votes.copy()
    return Fold(out_rc, out_votes, agreed, list(new_rc["rollcall_id"]), set_aside, unknown, before, window)


def _vote_disagreements(project, votes, undl_votes, compared, lines, file) -> list[DataError]:
    """One error per country whose vote class differs on a compared roll call."""
    if not compared:
        return []
    to_project = {uid: project.at[i, "rollcall_id"] for uid, i in compared.items()}
    theirs = undl_votes[undl_votes["rollcall_id"].isin(to_project)].assign(
        pid=lambda f: f["rollcall_id"].map(to_project))[["pid", "iso3", "vote", "ms_name", "line"]]
    ours = votes.loc[votes["rollcall_id"].isin(set(to_project.values())), ["rollcall_id", "iso3", "vote"]].astype(object)
    both = theirs.astype({"iso3": object}).merge(ours.rename(columns={"rollcall_id": "pid"}).astype({"iso3": object}),
                                                 on=["pid", "iso3"], how="outer", suffixes=("_undl", "_project"))
    differ = both[both["vote_undl"].map(_vote_class) != both["vote_project"].map(_vote_class)]
    first_line = {to_project[uid]: int(lines[uid]) for uid in to_project}
    rc = project.set_index("rollcall_id")
    out = []
    for d in differ.itertuples(index=False):
        p = rc.loc[d.pid]
        who = f"{d.ms_name} ({d.iso3})" if isinstance(d.ms_name, str) else d.iso3
        undl_vote = repr(d.vote_undl) if isinstance(d.vote_undl, str) else "not listed"
        our_vote = repr(d.vote_project) if isinstance(d.vote_project, str) else repr(NOT_RECORDED)
        row = int(d.line) if pd.notna(d.line) else first_line[d.pid]
        out.append(DataError(file, f"{p['symbol']} ({d.pid}, {p['date']}): {who} is {undl_vote} in the UN Digital "
                                   f"Library file but {our_vote} in the project data ({p['source']})",
                             row=row, column="ms_vote" if isinstance(d.vote_undl, str) else "ms_name"))
    return out


def _tally_disagreements(project, undl_rollcalls, compared, tally_cols, file) -> list[DataError]:
    out = []
    theirs = undl_rollcalls.set_index("rollcall_id")
    for uid, i in compared.items():
        p = project.loc[i]
        where = p["source"] if is_missing(p["tally_source"]) else p["tally_source"]
        for vote in ("yes", "no", "abstain"):
            a, b = theirs.at[uid, vote], p[vote]
            if pd.notna(a) and pd.notna(b) and int(a) != int(b):
                out.append(DataError(file, f"{p['symbol']} ({p['rollcall_id']}, {p['date']}): official {vote} tally {a} "
                                           f"in the UN Digital Library file but {b} in the project data (tally source: "
                                           f"{where})", row=int(theirs.at[uid, "line"]), column=tally_cols[vote]))
    return out


def _added(undl_rollcalls, undl_votes, new, cast_in_undl, file, errors) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Roll-call and vote rows for the download's roll calls the project lacks (appends to ``errors``)."""
    rows = []
    for r in undl_rollcalls[undl_rollcalls["rollcall_id"].isin(new)].itertuples(index=False):
        if not cast_in_undl.get(r.rollcall_id, 0):
            errors.append(DataError(file, f"{r.symbol} (undl_id {r.rollcall_id[1:]}): no vote cast; cannot tell a recorded "
                                          "vote from a text adopted without a vote", row=int(r.line), column="ms_vote"))
            continue
        base, part = new[r.rollcall_id]
        in_symbol = _KEY.match(base).group(1)  # "80", or "ES-11" / "S-32" for emergency and special sessions
        tallied = any(pd.notna(getattr(r, v)) for v in ("yes", "no", "abstain"))
        rows.append({
            "rollcall_id": r.rollcall_id, "session": r.session,
            "special_session": "" if in_symbol.isdigit() else in_symbol, "date": r.date, "year": int(r.date[:4]),
            "symbol": base + (f" {part}" if part else ""), "title": r.title, "kind": "resolution",
            "modality": "recorded", "yes": r.yes, "no": r.no, "abstain": r.abstain, "ict": False, "cybercrime": False,
            "ict_scope": UNCLASSIFIED, "important": pd.NA, "committee": "", "meeting_record": r.meeting_record,
            "tally_source": TALLY_SOURCE if tallied else "", "source": SOURCE_ID,
        })
    rc = pd.DataFrame(rows, columns=schema.columns("rollcalls"))
    kept = undl_votes[undl_votes["rollcall_id"].isin(set(rc["rollcall_id"]))]
    return rc, kept[schema.columns("votes")].astype(object).reset_index(drop=True)


def summary(fold: Fold, file: str) -> list[str]:
    """Progress lines: what the fold did with each roll call of the download."""
    added = fold.rollcalls[fold.rollcalls["rollcall_id"].isin(fold.added)]
    lo, hi = (added["session"].min(), added["session"].max()) if len(added) else (None, None)
    sessions = "" if lo is None else f" (session {lo})" if lo == hi else f" (sessions {lo}-{hi})"
    lines = [f"  {file}: {len(fold.agreed)} roll calls agree with the project data; {len(fold.added)} added{sessions}; "
             f"{fold.before_window} before session {fold.window} left to unvotes"]
    if fold.unknown:
        lines.append(f"  not compared (modality unknown in the project, row kept): {', '.join(fold.unknown)}")
    if fold.set_aside:
        lines.append(f"  set aside (parts recorded differently, project row kept): {'; '.join(fold.set_aside)}")
    if len(added):
        lines.append(f"  the {len(added)} added roll calls are on no curated ICT list: ict and cybercrime false, "
                     f"ict_scope '{UNCLASSIFIED}'")
    return lines


def fold_file(path: Path | str, rollcalls: pd.DataFrame, votes: pd.DataFrame, registry: pd.DataFrame,
              progress=print) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the download at ``path`` and fold it into the built tables; the summary goes to ``progress``."""
    undl_rc, undl_votes = undl.read_undl_csv(path, registry, from_session=dgacm_window(rollcalls))
    fold = fold_undl(rollcalls, votes, undl_rc, undl_votes, file=Path(path).name)
    for line in summary(fold, Path(path).name):
        progress(line)
    return fold.rollcalls, fold.votes


def table_specs(rollcalls: pd.DataFrame, path: Path | str, specs: dict | None = None) -> dict | None:
    """The data package's table specs when ``rollcalls`` holds folded rows (None when it holds none, so a
    fold that only confirms the project data writes the same files): ``undl`` among the sources of
    rollcalls and votes, ``U`` ids and ``undl`` allowed, and the file's name and SHA-256 in the notes."""
    n = int((rollcalls["source"] == SOURCE_ID).sum())
    if not n:
        return None
    sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    out = copy.deepcopy(specs or schema.TABLES)
    rc, votes = out["rollcalls"], out["votes"]
    fields = {fd["name"]: fd for fd in rc["fields"]}
    rc["sources"] = rc["sources"] + [SOURCE_ID]
    rc["description"] += " Roll calls of source 'undl' come from a UN Digital Library download (cybercrime build --undl)."
    rc["notes"] = rc.get("notes", []) + [
        f"{n} roll calls (ids U<undl_id>, source undl) folded in from {Path(path).name} (SHA-256 {sha}), after the "
        "roll calls it shares with the DGACM window were found to agree (analysis/data/build/undl_fold.py)."]
    fields["rollcall_id"]["description"] += " U<undl_id> for roll calls added from a UN Digital Library download."
    fields["rollcall_id"]["constraints"]["pattern"] = r"^[VXIU][A-Za-z0-9_-]+$"
    fields["source"]["constraints"]["enum"] = fields["source"]["constraints"]["enum"] + [SOURCE_ID]
    fields["ict"]["description"] += (" Roll calls added from a UN Digital Library download are on no list: false, "
                                     f"with ict_scope '{UNCLASSIFIED}'.")
    fields["ict_scope"]["description"] += f" '{UNCLASSIFIED}': added from a UN Digital Library download, on no list."
    votes["sources"] = votes["sources"] + [SOURCE_ID]
    votes["description"] += " Roll calls of source 'undl' list Member States marked NV or empty as 'absent'."
    return out
