# %% [markdown]
# # 01 · A tour of the data
#
# What the toolkit holds, where it comes from, and how far it reaches. Every table here is loaded
# through `analysis.data.io`, which validates it against `data/datapackage.json` first; every number below
# is computed from those tables, which `python -m analysis build` derives from the cited sources
# (see the README for provenance and citations).

# %%
import pandas as pd

from analysis.core.paths import FIGURES_DIR
from analysis.core.vocabulary import INSTRUMENT_LABELS
from analysis.data import io
from analysis.methods import coverage
from analysis.plots import coverage as plot_coverage
from analysis.plots.publish import show_figure, source_note
from analysis.plots.style import figure_style

pd.set_option("display.width", 140, "display.max_columns", 20, "display.max_colwidth", 60)
data = io.load_all()
print({name: len(frame) for name, frame in sorted(vars(data).items())})

# %% [markdown]
# ## Countries
#
# The registry keys every actor by ISO 3166-1 alpha-3, plus the historical states of the vote record
# (USSR, Yugoslavia, Serbia and Montenegro, Czechoslovakia, the GDR, the two Yemens, Zanzibar) with
# their windows and successors. Serbia votes as "Yugoslavia" in Voeten's data until 2019; the vote date
# decides whether that is the SFRY (YUG), the FRY / Serbia and Montenegro (SCG) or Serbia (SRB).

# %%
print(data.countries["type"].value_counts().sort_index().to_string())
hist = data.countries[data.countries["type"] == "historical_state"]
hist[["iso3", "name", "start", "end", "successors", "lineage"]].sort_values("start").reset_index(drop=True)

# %%
v = data.votes.merge(data.rollcalls[["rollcall_id", "date"]], on="rollcall_id")
lineage = (v[v["iso3"].isin(["YUG", "SCG", "SRB"])].groupby("iso3")["date"].agg(["min", "max", "size"])
           .rename(columns={"min": "first vote", "max": "last vote", "size": "votes"}))
lineage.loc[["YUG", "SCG", "SRB"]]

# %% [markdown]
# ## Roll calls by session
#
# 1946–2019 comes from Voeten's record (recorded votes only, including amendment and paragraph votes;
# absences were removed upstream). From the 74th session on, the UN's machine-readable resolutions add
# the texts adopted without a vote, and list absent members.

# %%
cov = coverage.coverage_by_session(data.rollcalls, data.votes)
print(f"sessions {cov.index.min()}-{cov.index.max()}: {cov['recorded'].sum():,} recorded roll calls, "
      f"{cov['without_vote'].sum():,} texts adopted without a vote, {cov['votes'].sum():,} country votes")
cov.tail(8)

# %%
partial = coverage.partial_sessions(data.rollcalls)
print(f"the record ends on {coverage.record_end(data.rollcalls):%Y-%m-%d}, during session {partial[0]}")
with figure_style():
    fig = plot_coverage.coverage_by_session_figure(
        cov, partial=partial, title="Resolutions and decisions per session (texts adopted without a vote: session 74 on)")
    source_note(fig, ["rollcalls"])
    show_figure(fig, "01-coverage-by-session", FIGURES_DIR)

# %% [markdown]
# ## The cyber roll calls
#
# The explicit list of ICT and cybercrime texts: Voeten's roll calls named in the unvotes source notes
# (73/27, 73/187, 73/266, 74/28, 74/29, 74/247 and the earlier "Developments in the field of
# information and telecommunications" votes), and the curated 2020–2025 list with its checks. `official`
# is the published tally where known (UN DGACM counts from session 74 on); `counted` is what the
# per-country rows add up to — the tests require them to agree.

# %%
cyber = coverage.cyber_rollcalls(data.rollcalls, data.votes)
cyber.drop(columns="title")

# %%
seed = ["JPN", "CAN", "SRB", "USA", "RUS", "CHN"]
ids = data.rollcalls.loc[data.rollcalls["symbol"].isin(["A/RES/73/187", "A/RES/74/247", "A/RES/75/240", "A/RES/77/36", "A/RES/78/237"]), "rollcall_id"].tolist()
coverage.votes_of(data.votes, data.rollcalls, seed, ids)

# %% [markdown]
# ## What could not be reconciled
#
# Every decision the build took on the UN's resolution files is recorded in `rollcall_notes.csv`:
# repeated records, counts printed as `N.A.`, lists that repeat names or disagree with their counts.

# %%
notes = data.rollcall_notes
print(notes["check"].value_counts().sort_index().to_string())
notes[notes["check"].isin(["tally_mismatch", "no_country_lists", "duplicate_names", "adoption_type_empty"])][["symbol", "check", "detail", "action"]]

# %% [markdown]
# ## Treaties, cooperation, memberships, positions
#
# Treaty participation comes from the Council of Europe and UN treaty records and national treaty
# databases, curated with per-row sources; gaps the sources could not close stay empty (see
# `curation/coe_treaty_status_additions.md`). `verified` is false where a source marks a row
# unverified, low-confidence or inferred. A Party without a date is counted apart (`undated`). The
# Party counts are those of `treaties.party_count`, the one count used everywhere (verified rows, on
# the date the treaty sources were read).

# %%
from analysis.methods import treaties

part = data.participation
summary = part.groupby("instrument").agg(rows=("iso3", "size"), ratified=("ratified", lambda s: s.notna().sum()),
                                         signed=("signed", lambda s: s.notna().sum()),
                                         undated_party=("party_undated", "sum"), unverified=("verified", lambda s: (~s).sum()))
summary.sort_values("rows", ascending=False)

# %%
as_of = treaties.latest_status_date(part)
counts = {inst: treaties.party_count(part, inst, as_of) for inst in ["ETS185", "ETS189", "CETS224"]}
for count in counts.values():
    print(count.sentence())
budapest = treaties.counts_over_time(part, "ETS185", freq="year", end=as_of, verified_only=True)
print(budapest[budapest["year"].isin([2004, 2010, 2015, 2020, 2025])][["year", "party", "signed", "undated"]].to_string(index=False))
with figure_style():
    fig = plot_coverage.dated_parties_figure(
        {inst: treaties.counts_over_time(part, inst, freq="year", end=as_of, verified_only=True) for inst in counts},
        INSTRUMENT_LABELS, title=f"Budapest Convention and its protocols: dated Parties by year "
                                 f"({counts['ETS185'].total} Parties to ETS 185 on {as_of})")
    source_note(fig, ["participation"], note=f"Verified rows; {as_of} is the last year, counted to that date")
    show_figure(fig, "01-budapest-parties-by-year", FIGURES_DIR)

# %%
coop = data.cooperation
print(coop["kind"].value_counts().sort_index().to_string())
print(f"{(coop['group_id'].notna()).sum()} group ties with {len(data.cooperation_groups)} member rows; "
      f"{coop['date'].isna().sum()} ties undated")

# %%
print(data.memberships.groupby("org").size().sort_index().to_string())
print(data.positions.groupby("kind").size().sort_index().to_string())
