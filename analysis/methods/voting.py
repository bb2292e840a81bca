"""Votes country by country: the vote matrix, vote grids, roll-call summaries and switches.

Input is the tidy ``votes`` table (``rollcall_id``, ``iso3``, ``vote`` in yes / no / abstain /
absent) and, where labels or dates are needed, the ``rollcalls`` table. Pure: frames in, frames out.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from analysis.core.vocabulary import CAST_VOTES, NOT_RECORDED, VOTE_ORDER, short_symbol

#: Integer codes of :func:`vote_matrix` (int8). Ordered so that no < abstain < yes.
YES, ABSTAIN, NO = 1, 0, -1
#: Code for an absence, or for a country with no row in that roll call.
MISSING = -128
VOTE_CODES = {"yes": YES, "abstain": ABSTAIN, "no": NO, "absent": MISSING}
__all__ = ["YES", "ABSTAIN", "NO", "MISSING", "VOTE_CODES", "NOT_RECORDED", "VOTE_ORDER", "vote_matrix",
           "vote_grid", "rollcall_summary", "switches", "vote_shifts", "vote_transitions", "vote_shift_summary"]


def vote_matrix(votes: pd.DataFrame, rollcalls: pd.DataFrame | Iterable[str] | None = None) -> pd.DataFrame:
    """Country x roll-call matrix of vote codes (int8).

    Cells are ``YES`` = 1, ``ABSTAIN`` = 0, ``NO`` = -1 and ``MISSING`` = -128 (absent, or no row).
    Rows are the countries with a row in the kept votes (sorted iso3). Columns follow ``rollcalls`` (a frame with
    ``rollcall_id``, or a list of ids) in the given order, and votes on other roll calls are
    dropped; without it, every roll call in ``votes``, sorted by id. ``df.to_numpy()`` is the
    dense array (no copy). Raises ``ValueError`` on an unknown vote value or a duplicated
    (rollcall_id, iso3) pair.
    """
    # factorize (hashing) each column once, then look up only the distinct values
    rc_code, rc_uniq = pd.factorize(votes["rollcall_id"])
    if rollcalls is None:
        cols = pd.Index(np.sort(np.asarray(rc_uniq, dtype=object)), name="rollcall_id")
    else:
        ids = rollcalls["rollcall_id"] if isinstance(rollcalls, pd.DataFrame) else pd.Series(list(rollcalls), dtype=object)
        cols = pd.Index(pd.unique(ids), name="rollcall_id")
    iso_code, iso_uniq = pd.factorize(votes["iso3"])
    if (rc_code < 0).any() or (iso_code < 0).any():
        raise ValueError("votes has rows without rollcall_id or iso3")
    j = cols.get_indexer(rc_uniq)[rc_code] if len(rc_code) else np.empty(0, dtype=np.intp)
    keep = j >= 0
    vote_code, vote_uniq = pd.factorize(votes["vote"])
    if not keep.all():
        j, iso_code, vote_code = j[keep], iso_code[keep], vote_code[keep]
    present = np.zeros(len(iso_uniq), dtype=bool)
    present[iso_code] = True
    rows = pd.Index(np.sort(np.asarray(iso_uniq, dtype=object)[present]), name="iso3")
    i = rows.get_indexer(iso_uniq)[iso_code] if len(iso_code) else np.empty(0, dtype=np.intp)
    value = np.array([VOTE_CODES.get(str(u), 127) for u in vote_uniq], dtype=np.int8)
    used = np.zeros(len(vote_uniq), dtype=bool)
    used[vote_code[vote_code >= 0]] = True
    if (vote_code < 0).any() or (used & (value == 127)).any():
        bad = sorted({str(u) for u, k in zip(vote_uniq, used & (value == 127), strict=True) if k})
        raise ValueError(f"unknown vote values {bad + ['<missing>'] * bool((vote_code < 0).any())}; "
                         f"expected {list(VOTE_CODES)}")
    flat = i.astype(np.int64) * len(cols) + j
    if len(flat) and np.bincount(flat, minlength=len(rows) * len(cols)).max() > 1:
        raise ValueError("votes has duplicated (rollcall_id, iso3) pairs")
    codes = np.full((len(rows), len(cols)), MISSING, dtype=np.int8)
    codes.ravel()[flat] = value[vote_code]
    return pd.DataFrame(codes, index=rows, columns=cols)


# --------------------------------------------------------------------------- agreement


def _labels(rollcalls: pd.DataFrame, rollcall_ids: list[str]) -> list[str]:
    """Short symbols of ``rollcall_ids`` (the id itself where the symbol is missing or repeated)."""
    symbols = rollcalls.drop_duplicates("rollcall_id").set_index("rollcall_id")["symbol"]
    labels = [short_symbol(symbols[r]) if r in symbols.index and pd.notna(symbols[r]) else r
              for r in rollcall_ids]
    counts = pd.Series(labels).value_counts()
    return [lab if counts[lab] == 1 else r for lab, r in zip(labels, rollcall_ids, strict=True)]


def vote_grid(votes: pd.DataFrame, rollcalls: pd.DataFrame, rollcall_ids: Iterable[str],
              countries: Iterable[str] | None = None, missing: str = NOT_RECORDED) -> pd.DataFrame:
    """Country x roll call table of vote values, for reading votes country by country.

    Cells are the vote as recorded (yes / no / abstain / absent) and ``missing`` where the
    country has no row in that roll call (before 2019 absences were removed upstream, so there
    "not recorded" usually means absent or not yet a member). Columns: the short symbols
    (``"73/187"``) of ``rollcall_ids`` in that order (the id where a symbol is missing or
    repeated). Rows: ``countries`` in the given order (default: every country with a row in any
    of the roll calls, sorted), index named iso3.
    """
    ids = list(dict.fromkeys(rollcall_ids))
    sub = votes.loc[votes["rollcall_id"].isin(ids), ["rollcall_id", "iso3", "vote"]]
    if sub.duplicated(["rollcall_id", "iso3"]).any():
        raise ValueError("votes has duplicated (rollcall_id, iso3) pairs")
    table = sub.astype({"vote": object}).pivot(index="iso3", columns="rollcall_id", values="vote")
    rows = sorted(table.index) if countries is None else list(countries)
    table = table.reindex(index=rows, columns=ids).astype(object)
    table = table.where(table.notna(), missing)
    table.columns = pd.Index(_labels(rollcalls, ids), name="rollcall")
    table.index.name = "iso3"
    return table


def rollcall_summary(votes: pd.DataFrame, rollcalls: pd.DataFrame, rollcall_ids: Iterable[str],
                     sponsorships: pd.DataFrame | None = None,
                     anchors: Iterable[str] = ("RUS", "USA")) -> pd.DataFrame:
    """One row per roll call: label, date, counted and official tallies, the anchors' votes and leads.

    Columns: rollcall_id, label (short symbol), date, title (without the " : resolution / adopted
    by ..." suffix of the older records; "" where unknown), counted ("yes-no-abstain" counted from
    ``votes``), official (the published tally, "" where the data has none), absent (absent rows;
    <NA> where the source lists no absences), ``vote_<ANCHOR>`` per anchor ("not recorded" where no
    row), and with ``sponsorships``: ``led_by`` = the anchors among the draft's sponsors
    (role "sponsor"), "/"-joined; "" if none of them; <NA> where the table has no sponsor for the
    roll call (sessions it does not cover).
    """
    ids = list(dict.fromkeys(rollcall_ids))
    anchors = list(anchors)
    rc = rollcalls.drop_duplicates("rollcall_id").set_index("rollcall_id").reindex(ids)
    sub = votes[votes["rollcall_id"].isin(ids)]
    counts = (sub.groupby(["rollcall_id", sub["vote"].astype(object)]).size()
              .unstack(fill_value=0).reindex(index=ids, columns=list(VOTE_CODES), fill_value=0))
    out = pd.DataFrame({
        "rollcall_id": ids,
        "label": _labels(rollcalls, ids),
        "date": rc["date"].to_numpy(),
        "title": [str(t).split(" : ")[0] if pd.notna(t) else "" for t in rc["title"]] if "title" in rc else "",
        "counted": [f"{y}-{n}-{a}" for y, n, a in zip(counts["yes"], counts["no"], counts["abstain"], strict=True)],
        "official": [f"{y}-{n}-{a}" if pd.notna(y) and pd.notna(n) and pd.notna(a) else ""
                     for y, n, a in zip(rc["yes"], rc["no"], rc["abstain"], strict=True)],
        "absent": pd.array([k if k > 0 else pd.NA for k in counts["absent"]], dtype="Int64"),
    })
    grid = vote_grid(votes, rollcalls, ids, anchors)
    for iso in anchors:
        out[f"vote_{iso}"] = grid.loc[iso].to_numpy()
    if sponsorships is not None:
        sp = sponsorships[sponsorships["rollcall_id"].isin(ids)]
        covered = set(sp["rollcall_id"])
        leads = sp[(sp["role"] == "sponsor") & sp["sponsor"].isin(anchors)]
        by_rc = leads.groupby("rollcall_id")["sponsor"].agg(lambda s: "/".join(a for a in anchors if a in set(s)))
        out["led_by"] = pd.array([by_rc.get(r, "") if r in covered else pd.NA for r in ids], dtype=object)
    return out


def switches(votes: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Countries recorded in both roll calls ``a`` and ``b`` whose vote differs.

    Columns iso3, vote_a, vote_b (vote values as in ``votes``, ``absent`` included); sorted by
    iso3. A country with a row in only one of the two roll calls is not listed.
    """
    va = votes.loc[votes["rollcall_id"] == a, ["iso3", "vote"]].astype({"vote": object})
    vb = votes.loc[votes["rollcall_id"] == b, ["iso3", "vote"]].astype({"vote": object})
    both = va.merge(vb, on="iso3", suffixes=("_a", "_b"), validate="one_to_one")
    out = both[both["vote_a"] != both["vote_b"]]
    return out.sort_values("iso3").reset_index(drop=True)


# --------------------------------------------------------------------------- cyber roll calls


def vote_shifts(votes: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Countries that voted (yes / no / abstain) in both ``a`` and ``b`` and changed their vote.

    Unlike :func:`switches`, absences and missing rows are not counted as a change. Columns
    iso3, vote_a, vote_b, shift = code(b) - code(a) with yes = 1, abstain = 0, no = -1 (so +2 is
    no -> yes, -1 is yes -> abstain); sorted by iso3.
    """
    out = switches(votes, a, b)
    cast = out["vote_a"].isin(CAST_VOTES) & out["vote_b"].isin(CAST_VOTES)
    out = out[cast].reset_index(drop=True)
    shift = out["vote_b"].map(VOTE_CODES) - out["vote_a"].map(VOTE_CODES)
    return out.assign(shift=shift.astype(int))


def vote_transitions(votes: pd.DataFrame, a: str, b: str, missing: str = NOT_RECORDED) -> pd.DataFrame:
    """Cross-table of the vote in roll call ``a`` (rows) against the vote in ``b`` (columns).

    Over every country with a row in either roll call; no row = ``missing``. Rows and columns
    follow :data:`VOTE_ORDER` (only the values that occur). Index named ``a``, columns ``b``.
    """
    ids = [a, b]
    sub = votes.loc[votes["rollcall_id"].isin(ids), ["rollcall_id", "iso3", "vote"]].astype({"vote": object})
    wide = sub.pivot(index="iso3", columns="rollcall_id", values="vote").reindex(columns=ids)
    wide = wide.where(wide.notna(), missing)
    order = list(VOTE_ORDER) if missing == NOT_RECORDED else list(VOTE_ORDER[:-1]) + [missing]
    rows = [v for v in order if (wide[a] == v).any()]
    cols = [v for v in order if (wide[b] == v).any()]
    table = pd.crosstab(wide[a], wide[b]).reindex(index=rows, columns=cols, fill_value=0)
    table.index.name, table.columns.name = a, b
    return table


def vote_shift_summary(votes: pd.DataFrame, pairs: Iterable[tuple[str, str]],
                       rollcalls: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per (a, b) pair of roll calls: how many states voted in both and how many changed.

    Columns: from, to (short symbols with ``rollcalls``, else ids), compared (states with yes /
    no / abstain in both), switched, toward_yes (shift > 0), toward_no (shift < 0), and
    yes_to_no, no_to_yes (the full reversals).
    """
    rows = []
    for a, b in pairs:
        va = votes.loc[votes["rollcall_id"] == a, ["iso3", "vote"]]
        vb = votes.loc[votes["rollcall_id"] == b, ["iso3", "vote"]]
        cast = list(CAST_VOTES)
        compared = len(set(va.loc[va["vote"].isin(cast), "iso3"]) & set(vb.loc[vb["vote"].isin(cast), "iso3"]))
        s = vote_shifts(votes, a, b)
        la, lb = (_labels(rollcalls, [a, b]) if rollcalls is not None else [a, b])
        rows.append({"from": la, "to": lb, "compared": compared, "switched": len(s),
                     "toward_yes": int((s["shift"] > 0).sum()), "toward_no": int((s["shift"] < 0).sum()),
                     "yes_to_no": int((s["shift"] == -2).sum()), "no_to_yes": int((s["shift"] == 2).sum())})
    return pd.DataFrame(rows, columns=["from", "to", "compared", "switched", "toward_yes", "toward_no",
                                       "yes_to_no", "no_to_yes"])
