"""Figures and map helpers for the two tracks: the Budapest Convention and the UN convention.

Every function takes tables already computed (by `analysis.methods.treaties` or loaded by `analysis.data.io`)
and returns a matplotlib figure or a small table; nothing here reads or writes files. Draw inside
`analysis.plots.style.figure_style()` and save with `analysis.plots.style.save_figure`.

- `plot_parties_by_year`: dated parties (and optionally signatories) per year, one line per
  instrument, from `treaties.counts_over_time` results; undated rows are named in the legend.
- `plot_parties_by_region`: dated parties per year stacked by region.
- `plot_protocols`: one panel per protocol, parties and signatories.
- `timeline_table` / `plot_timeline`: the UN track, from the events table plus the roll calls
  of the named resolutions (tallies from the roll-call table; "official" where the table has
  the published tally, else counted from the votes).
- `vote_categories`, `status_categories`, `track_map`, `unmatched_lines`: categorical world maps
  wrapping `plotting.choropleth`, and the text listing the actors drawn nowhere (no outline).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.core.vocabulary import CAST_VOTES, NOT_RECORDED, short_symbol
from analysis.plots import style as plotting
from analysis.plots.style import GUIDE, REGION_COLORS, STATUS_COLORS, TRACK_COLORS

#: The UN track's events, all in the track's colour, told apart by marker shape.
EVENT_MARKERS = {"establishment": "s", "session": "o", "resolution": "D", "decision": "v",
                 "adoption": "*", "signing": "P"}


def _new_axes(ax, figsize=None):
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax.figure, ax
    return plt.subplots(figsize=figsize or plotting.FIGSIZE)


def _extended(years, *columns, as_of=None):
    """Years plus one more, each column repeating its last value: with step where="post" the
    count at the end of year y is drawn over [y, y + 1), the last year included. With `as_of`
    in the last year, the last step ends on that date (the year is partial)."""
    years = np.asarray(years, dtype=float)
    end = years[-1] + 1
    if as_of is not None and int(pd.Timestamp(as_of).year) == int(years[-1]):
        end = year_fraction(as_of)
    out = [np.append(years, end)]
    out += [np.append(np.asarray(c, dtype=float), np.asarray(c, dtype=float)[-1]) for c in columns]
    return out


def _year_axis(ax, as_of=None) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    partial = f"\n({pd.Timestamp(as_of).year}: counted to {pd.Timestamp(as_of):%d %B})" if as_of is not None else ""
    ax.set_xlabel(f"year (each step: the count at the end of that year){partial}")


def year_fraction(date) -> float:
    """A date as a position on the year axis of these figures (2019-12-27 -> 2019.99)."""
    when = pd.Timestamp(date)
    start = pd.Timestamp(year=when.year, month=1, day=1)
    days = 366 if when.is_leap_year else 365
    return when.year + (when - start).days / days


def _undated_total(counts: pd.DataFrame) -> int:
    """Undated rows of a counts_over_time result (the column repeats every period)."""
    if counts.empty:
        return 0
    last = counts[counts["year"] == counts["year"].max()]
    return int(last["undated"].sum())


def plot_parties_by_year(
    counts: Mapping[str, pd.DataFrame],
    labels: Mapping[str, str] | None = None,
    signed: bool = False,
    ax=None,
    title: str | None = None,
    as_of=None,
):
    """Step lines of dated parties per year, one per instrument (`counts`: name -> yearly
    `counts_over_time` result). With `signed`, signatories not yet party are drawn dashed.
    Legend labels name the undated rows left out of each line. `as_of` (the date the counts run
    to) ends the last, partial year on that date. Returns (fig, ax).
    """
    fig, ax = _new_axes(ax)
    labels = dict(labels or {})
    span = []
    for k, (name, table) in enumerate(counts.items()):
        color = TRACK_COLORS.get(name, plotting.PALETTE[k % len(plotting.PALETTE)])
        label = labels.get(name, name)
        undated = _undated_total(table)
        suffix = f" (+{undated} undated, not drawn)" if undated else ""
        years, party, signatories = _extended(table["year"], table["party"], table["signed"], as_of=as_of)
        span += [years[0], years[-1]]
        ax.step(years, party, where="post", color=color, lw=2, label=f"{label}: parties{suffix}")
        if signed:
            ax.step(years, signatories, where="post", color=color, lw=1.2, ls="--",
                    label=f"{label}: signatories not yet party")
    ax.set_ylabel("Parties and signatories" if signed else "Parties")
    ax.set_xlim(min(span), max(span))
    _year_axis(ax, as_of)
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", frameon=False)
    if title:
        ax.set_title(title)
    return fig, ax


def region_matrix(counts_by_region: pd.DataFrame, value: str = "party") -> pd.DataFrame:
    """Years x regions table of `value` from a `counts_over_time(..., by="region")` result,
    columns ordered by the last year's count (largest first, then name)."""
    wide = counts_by_region.pivot(index="year", columns="region", values=value).fillna(0)
    last = wide.iloc[-1]
    order = sorted(wide.columns, key=lambda c: (-last[c], str(c)))
    return wide[order].astype(int)


def plot_parties_by_region(counts_by_region: pd.DataFrame, ax=None, title: str | None = None, as_of=None):
    """Dated parties per year stacked by region (from `counts_over_time(..., by="region")`);
    the legend gives each region's undated parties, left out of the stack. Returns (fig, ax)."""
    fig, ax = _new_axes(ax)
    wide = region_matrix(counts_by_region)
    undated = (counts_by_region[counts_by_region["year"] == counts_by_region["year"].max()]
               .set_index("region")["undated"])
    years, *stack = _extended(wide.index, *(wide[c] for c in wide.columns), as_of=as_of)
    colors = [REGION_COLORS.get(r, GUIDE) for r in wide.columns]
    labels = []
    for region in wide.columns:
        n = int(undated.get(region, 0))
        labels.append(f"{region} ({wide[region].iloc[-1]}" + (f" +{n} undated)" if n else ")"))
    ax.stackplot(years, np.vstack(stack), labels=labels, colors=colors, step="post",
                 alpha=0.9, edgecolor="white", linewidth=0.3)
    ax.set(ylabel="dated Parties", xlim=(years[0], years[-1]))
    _year_axis(ax, as_of)
    ax.legend(loc="upper left", frameon=False, title="region (parties in the last year)")
    if title:
        ax.set_title(title)
    return fig, ax


def plot_protocols(counts: Mapping[str, pd.DataFrame], labels: Mapping[str, str] | None = None,
                   title: str | None = None, as_of=None):
    """One panel per protocol: dated parties (solid) and signatories not yet party (dashed).
    Returns (fig, axes)."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(counts), figsize=plotting.FIGSIZE)
    axes = np.atleast_1d(axes)
    labels = dict(labels or {})
    for ax, (name, table) in zip(axes, counts.items(), strict=True):
        plot_parties_by_year({name: table}, labels={name: labels.get(name, name)}, signed=True,
                             ax=ax, title=labels.get(name, name), as_of=as_of)
        ax.legend(loc="best", frameon=False, fontsize=8)
    if title:
        fig.suptitle(title)
    return fig, axes


def tally_text(rollcall: Mapping) -> str:
    """'79-60-33 (yes-no-abstain)' for a recorded vote, or 'without a vote'."""
    if rollcall.get("modality") == "without_vote":
        return "without a vote"
    counts = [rollcall.get(k) for k in CAST_VOTES]
    if any(pd.isna(c) for c in counts):
        return "recorded vote, tally unknown"
    return "{}-{}-{} (yes-no-abstain)".format(*(int(c) for c in counts))


def timeline_table(events: pd.DataFrame, rollcalls: pd.DataFrame, symbols: Sequence[str]
                   ) -> pd.DataFrame:
    """The UN track as one table: every event, plus each roll call in `symbols` that no event
    names (by its short symbol, e.g. "74/247"), with the roll call's tally attached to the event
    that names it.

    Returns date, end_date (datetime64; a partial date such as "2010" is placed on its first
    day), when (the dates as written, e.g. "2010" or "2022-02-28 to 2022-03-11"), kind, title,
    symbol, tally, source ("events" or "rollcalls"), sorted by date then title.
    """
    calls = rollcalls[rollcalls["symbol"].isin(list(symbols))]
    missing = sorted(set(symbols) - set(calls["symbol"]))
    if missing:
        raise ValueError(f"symbols not in the roll-call table: {missing}")
    if calls["symbol"].duplicated().any():
        raise ValueError("a symbol has several roll calls; pass the resolution roll calls only")

    out = events[["date", "end_date", "kind", "title"]].copy()
    out["symbol"] = None
    out["tally"] = None
    out["source"] = "events"
    extra = []
    for _, call in calls.sort_values("date").iterrows():
        short = short_symbol(call["symbol"])
        named = out["title"].str.contains(rf"\b{re.escape(short)}\b", regex=True, na=False)
        if named.any():
            out.loc[named, "symbol"] = call["symbol"]
            out.loc[named, "tally"] = tally_text(call)
        else:
            extra.append({"date": call["date"], "end_date": None, "kind": "resolution",
                          "title": f"GA resolution {short} '{call['title']}' adopted",
                          "symbol": call["symbol"], "tally": tally_text(call),
                          "source": "rollcalls"})
    if extra:
        out = pd.concat([out, pd.DataFrame.from_records(extra)], ignore_index=True)
    start, end = out["date"].astype("string"), out["end_date"].astype("string")
    out["when"] = start.where(end.isna(), start + " to " + end)
    for column in ("date", "end_date"):
        out[column] = pd.to_datetime(out[column], format="ISO8601", errors="coerce")
    columns = ["date", "end_date", "when", "kind", "title", "symbol", "tally", "source"]
    return out[columns].sort_values(["date", "title"]).reset_index(drop=True)


def _event_label(row, width: int) -> str:
    title = re.sub(r"\s*'[^']*'", "", str(row["title"]))  # drop quoted resolution titles
    label = title if not row.get("tally") else f"{title}: {row['tally']}"
    return textwrap.shorten(f"{row['when']}  {label}", width=width, placeholder=" ...")


def plot_timeline(timeline: pd.DataFrame, ax=None, title: str | None = None, width: int = 125):
    """One row per event (oldest at the top): a dot at its date (a bar for a multi-day
    session), coloured by kind, labelled with date, title and tally. Returns (fig, ax)."""
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D

    height = max(3.0, 0.36 * len(timeline) + 1.2)
    fig, ax = _new_axes(ax, figsize=(plotting.FIGSIZE[0], height))
    rows = timeline.reset_index(drop=True)
    first, last = rows["date"].min(), rows[["date", "end_date"]].max().max()
    pad = (last - first) * 0.02
    color = TRACK_COLORS["UNCC2024"]
    for y, row in rows.iterrows():
        if pd.notna(row["end_date"]) and row["end_date"] > row["date"]:
            ax.plot([row["date"], row["end_date"]], [y, y], color=color, lw=6,
                    solid_capstyle="butt")
        ax.plot(row["date"], y, EVENT_MARKERS.get(row["kind"], "o"), color=color, mec="#222222", mew=0.5, ms=6)
        # labels on the side with more room
        left = row["date"] > first + (last - first) * 0.55
        x = row["date"] - pad if left else (row["end_date"] if pd.notna(row["end_date"])
                                            else row["date"]) + pad
        ax.text(x, y, _event_label(row, width), va="center", ha="right" if left else "left",
                fontsize=7.5)
    ax.set_ylim(len(rows) - 0.5, -0.8)
    ax.set_xlim(first - (last - first) * 0.03, last + (last - first) * 0.03)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    kinds = [k for k in EVENT_MARKERS if k in set(rows["kind"])]
    handles = [Line2D([], [], marker=EVENT_MARKERS[k], ls="", color=color, mec="#222222", mew=0.5, label=k)
               for k in kinds]
    ax.legend(handles=handles, loc="upper right", frameon=False, ncol=2, fontsize=8)
    if title:
        ax.set_title(title)
    return fig, ax


def status_colors(labels: Mapping[str, str], flagged: Mapping[str, str] | None = None) -> tuple[dict, dict]:
    """(label -> colour, label -> hatch) for a status map: each status label (from
    :func:`status_categories`' ``labels``: status -> label) takes its status colour
    (:data:`~analysis.plots.style.STATUS_COLORS`); each flagged label (``flagged``: label -> the
    status it reports) takes that status's colour, hatched."""
    colors = {label: STATUS_COLORS[status] for status, label in labels.items()}
    hatches = {}
    for label, status in (flagged or {}).items():
        colors[label] = STATUS_COLORS[status]
        hatches[label] = "...."
    order = [labels[s] for s in STATUS_COLORS if s in labels]
    order = [x for o in order for x in [o] + [f for f, st in (flagged or {}).items() if labels.get(st) == o]]
    return {label: colors[label] for label in order}, hatches


def vote_categories(votes: pd.DataFrame, rollcall_id: str, members: Iterable[str] = ()
                    ) -> pd.Series:
    """Vote per iso3 in one roll call; `members` without a vote row get "not recorded"
    (:data:`~analysis.core.vocabulary.NOT_RECORDED`; the 1946-2019 record lists no absences).
    Series indexed by iso3, sorted."""
    cast = votes.loc[votes["rollcall_id"] == rollcall_id].set_index("iso3")["vote"].astype(str)
    if cast.empty:
        raise ValueError(f"no votes for roll call {rollcall_id!r}")
    index = sorted(set(cast.index) | set(members))
    return cast.reindex(index).fillna(NOT_RECORDED).rename("vote").rename_axis("iso3")


def status_categories(status: pd.DataFrame, labels: Mapping[str, str],
                      flagged: Mapping[str, Iterable[str]] | None = None) -> pd.Series:
    """Map label per iso3 from a `status_at` result for one instrument.

    `labels` maps each status ("party", "signed", "not signed") to a legend label; `flagged`
    maps further labels to iso3 lists that take them instead (e.g. unverified reports), the
    first match winning. Series indexed by iso3, sorted.
    """
    if status["instrument"].nunique() > 1:
        raise ValueError("status must cover one instrument")
    series = status.set_index("iso3")["status"].astype(str).map(dict(labels))
    if series.isna().any():
        missing = sorted(set(status["status"].astype(str)) - set(labels))
        raise ValueError(f"no label for statuses {missing}")
    taken: set[str] = set()
    for label, codes in (flagged or {}).items():
        codes = [c for c in codes if c not in taken]
        series = series.reindex(series.index.union(codes))
        series.loc[codes] = label
        taken.update(codes)
    return series.sort_index().rename("category").rename_axis("iso3")


def track_map(values: pd.Series, outlines: pd.DataFrame, colors: Mapping[str, str],
              title: str | None = None, ax=None, missing_label: str = "no data / not a UN member",
              hatches: Mapping[str, str] | None = None):
    """`plotting.choropleth` with the legend in the order of `colors` and only the categories
    present. Returns (fig, ax, unmatched)."""
    present = set(values.dropna())
    unknown = sorted(present - set(colors))
    if unknown:
        raise ValueError(f"no colour for categories {unknown}")
    categories = [c for c in colors if c in present]
    if ax is None:
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=plotting.MAP_FIGSIZE)
    return plotting.choropleth(values, outlines, ax=ax, categories=categories,
                               colors=dict(colors), title=title, missing_label=missing_label, hatches=hatches)


def unmatched_lines(values: pd.Series, unmatched: Iterable[str],
                    order: Sequence[str] | None = None) -> list[str]:
    """One line per category: the actors that have a value but no outline (sorted iso3), for
    printing under a map. Categories in `order` (default: sorted); empty categories omitted."""
    codes = sorted(set(unmatched))
    by_category: dict[str, list[str]] = {}
    for code in codes:
        by_category.setdefault(str(values.get(code)), []).append(code)
    keys = [k for k in (order or sorted(by_category)) if k in by_category]
    keys += sorted(set(by_category) - set(keys))
    lines = [f"{key} ({len(by_category[key])}): {', '.join(by_category[key])}" for key in keys]
    return [f"not drawn, no outline at this scale: {len(codes)}"] + lines


def category_map(values: pd.Series, outlines: pd.DataFrame, colors: Mapping[str, str], title: str | None = None,
                 hatches: Mapping[str, str] | None = None):
    """A categorical world map with what to print under it: (fig, counts per category in the order
    of `colors`, lines listing the actors that have a value but no outline)."""
    counts = values.value_counts().reindex(list(colors), fill_value=0)
    fig, _ax, unmatched = track_map(values, outlines, colors, title=title, hatches=hatches)
    return fig, counts, unmatched_lines(values, unmatched, order=list(colors))
