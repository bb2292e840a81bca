# %% tags=["parameters"]
TODAY = None          # "today" for the headline counts; None = the date the treaty sources were read (latest status_as_of)
VOTE_SYMBOL = "A/RES/74/247"   # the resolution whose vote the maps and cross-tabulations use

# %% [markdown]
# # 04 · Two tracks: the Budapest Convention and the UN convention
#
# Two ways of writing international law on cybercrime run side by side. The Council of Europe's
# **Convention on Cybercrime** (Budapest, ETS 185, 2001) spread from Europe to every region, with two
# protocols (ETS 189 on xenophobia and racism, CETS 224 on e-evidence). The **UN track** began with
# resolutions 73/187 and 74/247 (recorded votes on texts sponsored by Russia and others, which most
# Budapest Parties voted against: see the cross-tabulations below), ran through the Ad Hoc Committee, and ended in the **UN Convention against
# Cybercrime** (UNCC2024), adopted without a vote on 24 December 2024 and opened for signature in
# Hanoi in October 2025.
#
# All numbers come from `participation.csv` (Council of Europe and UN treaty records, national
# treaty databases and news reports, one source per row), `events.csv` (the UN-track milestones, each
# with its sources), `rollcalls.csv` / `votes.csv.gz` (Voeten's record to 2019, UN DGACM tallies) and
# `countries.csv` (UN M49 regions), `sponsorships.csv` (sponsors of the UNGA texts). The data limits
# come first, because they change the counts.

# %%
import pandas as pd

from analysis.core.paths import DATA_DIR, FIGURES_DIR
from analysis.core.vocabulary import INSTRUMENT_LABELS as NAMES
from analysis.core.vocabulary import VOTE_ORDER, short_symbol
from analysis.data import io
from analysis.data.geo import read_outlines
from analysis.methods import coverage, treaties
from analysis.plots import tracks as plot_tracks
from analysis.plots.publish import show_figure, source_note
from analysis.plots.style import GUIDE, VOTE_COLORS, figure_style

pd.set_option("display.width", 140, "display.max_columns", 20, "display.max_colwidth", 90)
data = io.load_all()
part = data.participation
outlines = read_outlines(DATA_DIR / "world_outlines.geojson")

TODAY = TODAY or treaties.latest_status_date(part)
VOTE = data.rollcalls.loc[data.rollcalls["symbol"] == VOTE_SYMBOL, "rollcall_id"].item()
VOTE_DATE = data.rollcalls.set_index("rollcall_id").loc[VOTE, "date"]
INSTRUMENTS = ["ETS185", "ETS189", "CETS224", "UNCC2024"]
# What the sources say about rows without any date: a Party (Budapest and its first protocol) or a
# signatory (UN convention) whose day is not given.
UNDATED = {"ETS185": "party", "ETS189": "party", "UNCC2024": "signed"}
MEMBERS = sorted(data.countries.loc[data.countries["type"].eq("member_state")
                                    & data.countries["end"].isna(), "iso3"])
print(f"today = {TODAY} (latest status_as_of in participation: {part['status_as_of'].max()})")
print(f"{short_symbol(VOTE_SYMBOL)} vote on {VOTE_DATE}; UN member states: {len(MEMBERS)}")

# %% [markdown]
# ## Data limits
#
# **Parties without dates.** Some rows name a Party (or a UN signatory) but give no date of
# signature, ratification or entry into force (`party_undated` / `signed_undated`). They cannot be
# placed on a year axis, so the yearly curves below leave them out and say how many there are. In the
# headline counts they are counted with `undated={"ETS185": "party", "ETS189": "party", "UNCC2024":
# "signed"}`, which is what the sources say. At a past date (the 74/247 vote) they are counted only
# from their `status_as_of` date on (`undated_from_as_of=True`): the date of the list that names them
# is the latest day they can have held the status, so they are counted late, never early, like
# Parties dated only by entry into force.
#
# **Unverified rows.** Rows whose source is weak (news reports, inferred lists; `verified` false) are
# left out of headline counts (`verified_only=True`); how many and which are printed every time.
#
# **Votes.** Voeten's record (to 2019) lists no absences: UN members with no vote row in 74/247 are
# "not recorded", and the `absent` column of the cross-tabulations is empty for that reason.

# %%
undated = part[part["instrument"].isin(INSTRUMENTS)
              & (part["party_undated"].fillna(False) | part["signed_undated"].fillna(False))]
print("Rows without dates (status_as_of = the date of the source that lists them):")
print(undated[["instrument", "iso3", "party_undated", "signed_undated", "status_as_of", "verified"]]
      .sort_values(["instrument", "iso3"]).to_string(index=False))
print()
print("Unverified rows, left out of headline counts:")
for inst in INSTRUMENTS:
    print(f"  {inst}: {len(treaties.unverified_actors(part, inst))} {treaties.unverified_actors(part, inst)}")

# %% [markdown]
# ## The Budapest track
#
# ### Headline counts, today and at the 74/247 vote
#
# Parties and signatories (signed, not yet party) for the Convention and its two protocols. The
# first table is the headline (verified rows; undated Parties counted as the sources say); the
# second keeps every row, unverified ones included, to show what the choice changes.

# %%
headline_today = treaties.status_summary(part, TODAY, INSTRUMENTS, undated=UNDATED, verified_only=True)
headline_vote = treaties.status_summary(part, VOTE_DATE, INSTRUMENTS, undated=UNDATED, verified_only=True,
                                        undated_from_as_of=True)
every_row_today = treaties.status_summary(part, TODAY, INSTRUMENTS, undated=UNDATED)
print(f"Headline, today ({TODAY}), verified rows only:")
print(headline_today.to_string())
print(f"\nHeadline, at the 74/247 vote ({VOTE_DATE}), verified rows, undated counted from status_as_of:")
print(headline_vote.to_string())
print("\nEvery row, unverified included, today:")
print(every_row_today.drop(columns="left_out_unverified").to_string())

# %%
# The Party counts of the whole project (figures, notebooks, profiles, README): treaties.party_count
for inst in ["ETS185", "ETS189", "CETS224"]:
    for when in (TODAY, VOTE_DATE):
        print(treaties.party_count(part, inst, when).sentence(NAMES[inst]))
b_today = headline_today.loc["ETS185"]
print(f"Budapest signatories not yet Party today: {b_today['signed']}; "
      f"{every_row_today.loc['ETS185', 'party']} Parties with the unverified rows")
computed = part[part["in_force_computed"]]
print(f"entries into force computed from the deposit (three-month rule), not printed by a source: "
      f"{', '.join(f'{r.instrument}/{r.iso3}' for r in computed.itertuples()) or 'none'}")
new = treaties.status_changes(part, "ETS185", VOTE_DATE, TODAY, undated=UNDATED, verified_only=True,
                              undated_from_as_of=True)
print(f"Became Parties after the vote: {(new['status_end'] == 'party').sum()}: "
      f"{', '.join(new.loc[new['status_end'] == 'party', 'iso3'])}")

# %% [markdown]
# ### Cumulative Parties by year
#
# Dated Parties at the end of each year (verified rows); each step is drawn over the year whose
# end it counts. A Party dated only by the treaty's entry into force for it is placed on that date (a
# few months after the real deposit). Undated Parties are not on the curve; the legend counts them.

# %%
budapest = treaties.counts_over_time(part, "ETS185", freq="year", end=TODAY, verified_only=True)
print(budapest[budapest["year"].isin([2001, 2004, 2010, 2015, 2019, 2020, 2025, 2026])]
      [["year", "party", "signed", "undated"]].to_string(index=False))
with figure_style():
    fig, ax = plot_tracks.plot_parties_by_year({"ETS185": budapest}, labels=NAMES, signed=True, as_of=TODAY,
                                               title="Budapest Convention: dated Parties and signatories by year (verified rows)")
    ax.axvline(plot_tracks.year_fraction(VOTE_DATE), color=GUIDE, lw=0.8, ls=":")
    ax.text(plot_tracks.year_fraction(VOTE_DATE), 2, f" {short_symbol(VOTE_SYMBOL)} vote", color="#555555", fontsize=8)
    source_note(fig, ["participation"])
    show_figure(fig, "04-budapest-parties-by-year", FIGURES_DIR)

# %% [markdown]
# ### By region
#
# UN M49 regions from `countries.csv`. Note that M49 puts Cyprus, Turkey, Israel and the three
# South Caucasus states in Western Asia, so most of the early "Asia" Parties are Council of Europe
# members. Outside Europe the Convention grew by accession (it is open to non-members of the Council
# of Europe on invitation); the table shows how much of the African and Oceanian growth came after
# the 74/247 vote.

# %%
by_region = treaties.counts_over_time(part, "ETS185", freq="year", by="region", countries=data.countries,
                                      end=TODAY, verified_only=True)
wide = plot_tracks.region_matrix(by_region)
print(wide.loc[[2004, 2010, 2015, 2019, 2026]].to_string())
print("undated (not in the table):", by_region[by_region["year"] == by_region["year"].max()]
      .set_index("region")["undated"].loc[lambda s: s > 0].to_dict())
with figure_style():
    fig, ax = plot_tracks.plot_parties_by_region(by_region, as_of=TODAY,
                                                 title="Budapest Convention: dated Parties by region (verified rows)")
    source_note(fig, ["participation", "countries"], note="Regions: UN M49")
    show_figure(fig, "04-budapest-parties-by-region", FIGURES_DIR)

# %% [markdown]
# ### The two protocols
#
# ETS 189 (xenophobia and racism, 2003) and CETS 224 (e-evidence, signatures from May 2022). CETS 224
# needs five ratifications to enter into force; the table shows how many it has. ETS 189 has undated
# Parties too (legend).

# %%
protocols = {inst: treaties.counts_over_time(part, inst, freq="year", end=TODAY, verified_only=True)
             for inst in ["ETS189", "CETS224"]}
for inst, table in protocols.items():
    last = table.iloc[-1]
    print(f"{inst}: {last['party']} dated Parties, {last['signed']} signatories not yet party, "
          f"{last['undated']} undated Parties (end of {last['year']})")
cets_parties = treaties.status_at(part, TODAY, "CETS224").query("status == 'party'")
print("CETS224 Parties:", ", ".join(f"{r.iso3} ({r.ratified:%Y-%m-%d})" for r in cets_parties.itertuples()))
with figure_style():
    fig, axes = plot_tracks.plot_protocols(protocols, labels=NAMES, as_of=TODAY,
                                           title="The protocols to the Budapest Convention (verified rows)")
    source_note(fig, ["participation"])
    show_figure(fig, "04-protocols", FIGURES_DIR)

# %% [markdown]
# ## The UN track
#
# From the Expert Group (2010) to the Hanoi signing (2025): the milestones of `events.csv` (each with
# its sources), with the recorded votes and the adoptions without a vote from `rollcalls.csv`. 73/187
# is not an event in `events.csv`; it is added from the roll-call table. Tallies are the official
# ones (UN DGACM counts; 73/187 from a sourced curation file) and agree with the counted votes.

# %%
SYMBOLS = ["A/RES/73/187", "A/RES/74/247", "A/RES/75/282", "A/RES/79/243"]
timeline = plot_tracks.timeline_table(data.events, data.rollcalls, SYMBOLS)
print(timeline[["when", "kind", "title", "tally"]].fillna("").to_string(index=False, max_colwidth=80))
tallies = coverage.cyber_rollcalls(data.rollcalls, data.votes)
print()
print(tallies[tallies["symbol"].isin(SYMBOLS)][["date", "symbol", "modality", "official", "counted"]].to_string(index=False))
sponsors = data.sponsorships[data.sponsorships["rollcall_id"] == VOTE]
print(f"\nsponsors of 74/247 in sponsorships.csv: {sponsors['sponsor'].nunique()} "
      f"({', '.join(sorted(sponsors['sponsor'].unique()))})")

# %%
with figure_style():
    fig, ax = plot_tracks.plot_timeline(timeline, title="The UN track: from the Expert Group to the Hanoi signing")
    source_note(fig, ["events", "rollcalls", "votes"])
    show_figure(fig, "04-un-track-timeline", FIGURES_DIR)

# %% [markdown]
# ### Signatures of the UN convention
#
# Signatories today, verified rows only; rows that report a signature without its day (statements,
# articles) are counted as signatories (`undated={"UNCC2024": "signed"}`). The European Union signs
# as an organisation and is counted apart from states. Reports marked unverified (news or statements
# without a treaty record) are left out and named.

# %%
un = treaties.status_at(part, TODAY, "UNCC2024", undated=UNDATED, verified_only=True)
un_signed = un[un["status"].isin(["signed", "party"])]
hanoi = un_signed[un_signed["signed"].between("2025-10-25", "2025-10-26")]
states = un_signed[~un_signed["iso3"].isin(["EUU"])]
print(f"UNCC2024 signatories today (verified): {len(un_signed)} = {len(states)} states + "
      f"{len(un_signed) - len(states)} organisation (EUU)")
print(f"  dated 25-26 October 2025 (Hanoi): {len(hanoi)}; dated later: "
      f"{(un_signed['signed'] > '2025-10-26').sum()}; without a day: {int(un_signed['undated'].sum())} "
      f"({', '.join(un_signed.loc[un_signed['undated'], 'iso3'])})")
print(f"  ratifications: {(un['status'] == 'party').sum()}")
left_out = treaties.unverified_actors(part, "UNCC2024")
print(f"  left out as unverified: {len(left_out)} ({', '.join(left_out)})")

# %% [markdown]
# ## Maps
#
# Natural Earth 1:110m outlines; small states have none at this scale and are listed under each map
# with their category. White, hatched: no data (not a UN member state without a row, or no outline value).

# %% [markdown]
# ### Budapest status today

# %%
b_status = treaties.status_at(part, TODAY, "ETS185", undated=UNDATED, verified_only=True, actors=MEMBERS)
B_LABELS = {"party": "Party", "signed": "signatory", "not signed": "neither (UN member)"}
b_map = plot_tracks.status_categories(
    b_status, B_LABELS, flagged={"Party, unverified report": treaties.unverified_actors(part, "ETS185")})
B_COLORS, B_HATCHES = plot_tracks.status_colors(B_LABELS, {"Party, unverified report": "party"})
with figure_style():
    fig, counts, not_drawn = plot_tracks.category_map(b_map, outlines, B_COLORS, hatches=B_HATCHES,
                                                      title=f"Budapest Convention status, {TODAY}")
    source_note(fig, ["participation", "countries", "world_outlines"])
    show_figure(fig, "04-map-budapest", FIGURES_DIR)
print(counts.to_string())
print("\n".join(not_drawn))

# %% [markdown]
# ### The 74/247 vote

# %%
v_map = plot_tracks.vote_categories(data.votes, VOTE, members=MEMBERS)
V_COLORS = {k: VOTE_COLORS[k] for k in VOTE_ORDER}
with figure_style():
    fig, counts, not_drawn = plot_tracks.category_map(v_map, outlines, V_COLORS, title=f"{VOTE_SYMBOL}, {VOTE_DATE}: votes")
    source_note(fig, ["votes", "rollcalls", "countries", "world_outlines"])
    show_figure(fig, "04-map-74-247-vote", FIGURES_DIR)
print(counts.to_string())
print("\n".join(not_drawn))

# %% [markdown]
# ### UN convention signatures today

# %%
u_status = treaties.status_at(part, TODAY, "UNCC2024", undated=UNDATED, verified_only=True, actors=MEMBERS)
U_LABELS = {"party": "Party", "signed": "signatory", "not signed": "not signed (UN member)"}
u_map = plot_tracks.status_categories(
    u_status, U_LABELS, flagged={"signatory, unverified report": treaties.unverified_actors(part, "UNCC2024")})
U_COLORS, U_HATCHES = plot_tracks.status_colors(U_LABELS, {"signatory, unverified report": "signed"})
with figure_style():
    fig, counts, not_drawn = plot_tracks.category_map(u_map, outlines, U_COLORS, hatches=U_HATCHES,
                                                      title=f"UN Convention against Cybercrime: signatures, {TODAY}")
    source_note(fig, ["participation", "countries", "world_outlines"])
    show_figure(fig, "04-map-uncc2024-signatures", FIGURES_DIR)
print(counts.to_string())
print("\n".join(not_drawn))

# %% [markdown]
# ## Cross-tabulations with the 74/247 vote
#
# Rows: treaty status; columns: the vote on 74/247. Only voters are counted (UN members with no vote
# row are left out). Under each table, the countries in each cell; `*` marks a country whose treaty
# row is unverified and was left out, so it counts as "not signed" here.
#
# ### Budapest status at the vote vs the vote

# %%
b_unverified = treaties.unverified_actors(part, "ETS185")
at_vote = treaties.status_at(part, VOTE_DATE, "ETS185", undated=UNDATED, verified_only=True, undated_from_as_of=True)
counts_vote, members_vote = treaties.crosstab_status_vote(at_vote, data.votes, VOTE)
print(f"Budapest status on {VOTE_DATE} x vote on 74/247 ({counts_vote.to_numpy().sum()} voters)")
counts_vote

# %%
print(treaties.cell_members(members_vote, mark=b_unverified).to_string(index=False))

# %% [markdown]
# ### Budapest status today vs the same vote
#
# The same vote against today's status: states that joined Budapest after voting on 74/247 move up a
# row. The difference between the two tables is the voters among the "became Parties after the
# vote" list above (the others cast no recorded vote on 74/247).

# %%
today_b = treaties.status_at(part, TODAY, "ETS185", undated=UNDATED, verified_only=True)
counts_today, members_today = treaties.crosstab_status_vote(today_b, data.votes, VOTE)
print(f"Budapest status on {TODAY} x vote on 74/247")
print(counts_today.to_string())
moved = members_today.merge(members_vote, on=["iso3", "vote"], suffixes=("_today", "_vote"))
moved = moved[moved["status_today"].astype(str) != moved["status_vote"].astype(str)]
print("\nvoters whose Budapest status changed since the vote, by their vote:")
print(moved.groupby("vote", observed=True)["iso3"].apply(", ".join).to_string())

# %% [markdown]
# ### UN convention signature today vs the 74/247 vote

# %%
un_unverified = treaties.unverified_actors(part, "UNCC2024")
un_today = treaties.status_at(part, TODAY, "UNCC2024", undated=UNDATED, verified_only=True)
counts_un, members_un = treaties.crosstab_status_vote(un_today, data.votes, VOTE)
print(f"UNCC2024 status on {TODAY} x vote on 74/247 (unverified left out: {', '.join(un_unverified)})")
counts_un

# %%
print(treaties.cell_members(members_un, mark=un_unverified).to_string(index=False))

# %% [markdown]
# ## States in both camps
#
# Two ways to stand on both sides: being a Party to Budapest and having signed the UN convention
# (today); or having voted **for** 74/247, the resolution the Budapest Parties opposed, while being a
# Party to Budapest, as Serbia was (listed below with the date it became a Party). Verified rows only.

# %%
camps_today = treaties.both_camps(part, data.votes, VOTE, TODAY, undated=UNDATED, verified_only=True)
camps_vote = treaties.both_camps(part, data.votes, VOTE, VOTE_DATE, undated=UNDATED, verified_only=True,
                                 undated_from_as_of=True)
both = camps_today[camps_today["group"] == "party_and_un_signatory"]
both_votes = both["vote"].astype("object").fillna("not recorded")
print(f"Party to Budapest and signatory of the UN convention today: {len(both)}; by their vote on 74/247:")
print(both.groupby(both_votes)["iso3"].apply(", ".join).to_string())
yes_then = camps_vote.loc[camps_vote["group"] == "voted_yes_and_party", "iso3"].tolist()
yes_now = camps_today.loc[camps_today["group"] == "voted_yes_and_party", "iso3"].tolist()
print(f"\nVoted yes on 74/247 while a Budapest Party (on {VOTE_DATE}): {len(yes_then)}: {', '.join(yes_then)}")
print(f"Voted yes on 74/247 and a Budapest Party today: {len(yes_now)}: {', '.join(yes_now)}")
print(f"  of which joined Budapest after the vote: {', '.join(sorted(set(yes_now) - set(yes_then)))}")
print(f"  of which sponsored 74/247: {', '.join(sorted(set(yes_now) & set(sponsors['sponsor'])))}")
cast = data.votes[data.votes["rollcall_id"] == VOTE].set_index("iso3")["vote"].astype(str)
print(f"Unverified Budapest rows (left out) that voted yes: "
      f"{', '.join(c for c in b_unverified if cast.get(c) == 'yes') or 'none'}")

# %%
yes_parties = camps_today[camps_today["group"] == "voted_yes_and_party"].reset_index(drop=True)
yes_parties.merge(part[part["instrument"] == "ETS185"][["iso3", "ratified", "in_force"]], on="iso3", how="left")

# %% [markdown]
# ## What to keep in mind
#
# - **Dates.** Budapest Parties without any date are counted in the headline totals but not on the
#   yearly curves; at the 74/247 vote they count only if a source listed them before it. Parties dated
#   only by entry into force are placed a few months late.
# - **Verification.** Unverified rows (low-confidence reports of Budapest accession; the UN
#   signatures reported by news or statements) are left out of every count above and named where they
#   would fall.
# - **Votes.** The 1946-2019 record has no absences, so "not recorded" mixes absence and
#   non-participation; cross-tabulations count voters only.
# - **Signatures are not ratifications.** The UN convention has no ratification in the data yet; the
#   signature map shows intent, not obligation. The same holds for most CETS 224 signatories.
