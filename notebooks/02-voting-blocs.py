# %% [markdown]
# # 02 · Voting blocs and the cyber votes
#
# How states lined up on the UN General Assembly's cyber texts of 2018–2023, whether those lines are
# the ordinary lines of UN voting, who changed sides, and how far this project's own ideal-point
# estimates agree with the published ones of Bailey, Strezhnev & Voeten (BSV).
#
# All numbers come from the project's tidy tables (`analysis.data.io.load_all()`, validated on load):
# country votes from Voeten's UNGA record up to 2019 and from the UN's own resolution records (DGACM)
# for sessions 74 on, roll-call topic flags from the curated ICT list, sponsors from the DGACM extract
# (sessions 74–80 only), and the BSV ideal points (release 2025-07-28). The computations live in
# `analysis.methods.blocs` and the figures in `analysis.plots.blocs`.
#
# Two limits run through the whole notebook: before 2019 the vote record has **no absences** (a state
# that did not vote has no row, shown as "not recorded"); from session 75 on absent members are listed.
# Agreement never counts an absence, either as agreement or disagreement.

# %%
import matplotlib.pyplot as plt
import pandas as pd

from analysis.core.paths import FIGURES_DIR
from analysis.core.vocabulary import NOT_RECORDED, VOTE_ORDER, short_symbol
from analysis.data import io
from analysis.data.countries import lineage_code
from analysis.methods import agreement, blocs, coverage, irt, voting
from analysis.methods.agreement_scores import agreement_scores, pair_series
from analysis.methods.ideal_points import ideal_points, percentile_by_group, rank_by_group
from analysis.methods.reference import compare_ideal_points
from analysis.plots import blocs as plot_blocs
from analysis.plots.publish import show_figure, source_note
from analysis.plots.style import figure_style

pd.set_option("display.width", 160, "display.max_columns", 30, "display.max_colwidth", 50)
data = io.load_all()
rc, votes = data.rollcalls, data.votes
cyber = rc[rc["ict"] & (rc["modality"] == "recorded") & (rc["year"] >= 2018)].sort_values(["date", "symbol"])
cyber_ids = cyber["rollcall_id"].tolist()
cyber_rows = votes[votes["rollcall_id"].isin(cyber_ids)]   # the country votes on these roll calls
print(f"{len(cyber_ids)} recorded ICT roll calls 2018-2023:", ", ".join(short_symbol(s) for s in cyber["symbol"]))

# %% [markdown]
# ## 1 · The cyber votes
#
# The recorded votes (listed above) are of three kinds (titles in the table): the two cybercrime texts, "Countering the
# use of information and communications technologies for criminal purposes" (73/187, and 74/247, which
# set up the committee that drafted the UN Convention against Cybercrime); "Developments in the field
# of information and telecommunications in the context of international security" (73/27, 74/29,
# 75/240, 77/36, 78/237); and "Advancing responsible State behaviour in cyberspace", later the
# "Programme of action" (73/266, 74/28, 75/32, 77/37, 78/16). Russia votes yes on the first two kinds
# and no on the third, the US the reverse.
#
# `counted` is the tally of the per-country rows; `official` the published UN tally (the data holds it
# from session 74 on; session 73 comes from Voeten's record only); `absent` the absent members listed
# (from session 75 on). `led_by` says which of Russia and the US is among the draft's sponsors in the
# DGACM sponsor lists, which do not cover session 73.

# %%
summary = voting.rollcall_summary(cyber_rows, rc, cyber_ids, data.sponsorships)
for row in summary.itertuples():
    print(f"{row.label}: {row.counted}" + (f" (official {row.official})" if row.official else " (no official tally in the data)"))
with_official = summary[summary["official"] != ""]
print(f"counted tally = official tally for {(with_official['counted'] == with_official['official']).sum()} "
      f"of the {len(with_official)} roll calls with an official tally")
summary.drop(columns="rollcall_id")

# %% [markdown]
# ## 2 · The voting blocs
#
# **One definition of a bloc, used in every notebook, figure and profile** (`blocs.cyber_blocs`): the
# recorded ICT roll calls of 2018–2023 listed above; every state that cast a yes, no or abstention in
# at least half of them (so that every two states share votes); Lijphart's agreement index (same vote
# = 1, yes or no against an abstention = ½, yes against no = 0; absences never count); average-linkage
# clustering on 1 − agreement into three blocs (deterministic: states are sorted before linking). The
# blocs are named by the state they hold, never by cluster number: the bloc of the United States is
# the **Western bloc**, that of Russia the **Russia-aligned bloc**, the third the **middle bloc**.

# %%
cb = blocs.cyber_blocs(votes, rc)
WEST, CORE, MIDDLE = blocs.BLOC_NAMES["USA"], blocs.BLOC_NAMES["RUS"], blocs.MIDDLE_BLOC
print(f"{len(cb.bloc)} states with at least {cb.min_votes} of the {len(cb.rollcall_ids)} votes")
region = data.countries.set_index("iso3")["region"]
for name in (WEST, CORE, MIDDLE):
    members = cb.members(name)
    print(f"{name} ({len(members)}); in Europe: {' '.join(m for m in members if region[m] == 'Europe') or 'none'}")
    print("   ", " ".join(members))

# %% [markdown]
# The grid shows every state with a row in any of these roll calls, bloc by bloc, in the order of the
# clustering (the same vote pattern ends up in neighbouring rows); the states with too few votes for a
# bloc come last. White = no row (before 2019 the record has no absences).

# %%
SOURCE_VOTES = ["votes", "rollcalls"]
BLOC_NOTE = "Blocs: analysis.methods.blocs.cyber_blocs (recorded ICT votes 2018-2023, Lijphart agreement, average linkage)"
order = plot_blocs.cluster_order(cb.clustering)
few = sorted(set(cyber_rows["iso3"]) - set(order))
NO_BLOC = "no bloc"
grid = voting.vote_grid(cyber_rows, rc, cyber_ids, order + few)
grid_groups = pd.concat([cb.bloc, pd.Series(NO_BLOC, index=few)])
print(f"{len(grid)} states in the grid; without a bloc: {' '.join(few)}")
with figure_style():
    fig, _ = plot_blocs.vote_grid_figure(grid, grid_groups, plot_blocs.bloc_order(cb.bloc, order) + [NO_BLOC],
                                         title=f"Votes on the {len(cyber_ids)} recorded ICT resolutions, 2018-2023, bloc by bloc")
    source_note(fig, SOURCE_VOTES, note=BLOC_NOTE)
    show_figure(fig, "02-cyber-vote-grid", FIGURES_DIR)

# %% [markdown]
# ### Agreement heatmap and dendrogram
#
# Left: the agreement the blocs are cut from. Right: the agreement of the same pairs on every *other*
# recorded roll call of sessions 73–78 (counted below), in the same order — if cyber votes followed the
# general alignment, the right panel would show the same blocks. With 187 states a row is a pixel, so
# the rows name only the states followed in these notebooks; every pair's score is in the agreement
# scores export (see the README).

# %%
general_ids = rc.loc[rc["session"].between(73, 78) & ~rc["ict"] & rc["rollcall_id"].isin(votes["rollcall_id"]), "rollcall_id"]
cyber_agreement = cb.agreement
general_agreement = agreement.agreement_matrix(votes[votes["iso3"].isin(order)], general_ids, method="lijphart")
print(f"general roll calls, sessions 73-78: {len(general_ids)}")
with figure_style():
    fig = plot_blocs.agreement_heatmap(
        {f"cyber votes 2018-2023 ({len(cyber_ids)} roll calls)": cyber_agreement.agreement,
         f"all other roll calls, sessions 73-78 ({len(general_ids)})": general_agreement.agreement},
        order, cb.bloc, title=f"Lijphart agreement of the {len(order)} states in a bloc, ordered by the cyber clustering")
    source_note(fig, SOURCE_VOTES, note=BLOC_NOTE)
    show_figure(fig, "02-agreement-heatmap", FIGURES_DIR)

# %%
with figure_style():
    fig = plot_blocs.bloc_dendrogram(cb.clustering, cb.bloc,
                                     title="Cyber votes 2018-2023: average-linkage clustering of Lijphart agreement")
    source_note(fig, SOURCE_VOTES, note=BLOC_NOTE + "; leaves are clusters, labelled by one member and the count of the others")
    show_figure(fig, "02-cyber-dendrogram", FIGURES_DIR)

# %% [markdown]
# Three blocs: a Western bloc (the bloc of the US: the EU, most of non-EU Europe, Canada, Japan, Korea,
# Australia, New Zealand, Israel and some Latin American states), a small core that votes as
# Russia does on (nearly) every one of these texts (the Russia-aligned bloc), and a large middle that
# mostly votes yes on both camps' texts (sizes and members printed above). Below: the mean agreement
# between and within blocs, on the cyber votes and on the other roll calls.
#
# A different grouping, for comparison only: the **voting communities** that the Louvain method
# (seeded) finds in the same agreement matrix. They are not blocs and are not used elsewhere; the
# cross-tabulation shows how they relate to the blocs.

# %%
between_cyber = blocs.agreement_between_blocs(cyber_agreement, cb.bloc)
between_general = blocs.agreement_between_blocs(general_agreement, cb.bloc)
print("cyber votes: mean Lijphart agreement between blocs")
print(between_cyber.round(2).to_string())
print("other roll calls, sessions 73-78")
print(between_general.round(2).to_string())
print("agreement with RUS on the cyber votes, Russia-aligned bloc:",
      cyber_agreement.agreement.loc[cb.members(CORE), "RUS"].round(2).to_dict())

# %%
communities = blocs.community_blocs(cyber_agreement, seed=0)
pd.crosstab(cb.bloc.rename("bloc"), communities.rename("voting community (Louvain)"))

# %% [markdown]
# ## 3 · Do cyber votes follow general UN alignment?
#
# For each session with a recorded ICT vote: the pairwise agreement of every two states on the ICT
# roll calls, against their agreement on all the session's other roll calls (Lijphart; pairs that share at
# least 10 general roll calls). `correlation` is Pearson's r over the pairs. Before 2018 each ICT
# text had a single dissenter (printed below) — there the correlation only measures each pair's distance from that one state. Pooled over sessions 73–78, each pair's agreement on the 12 cyber votes against
# its agreement on the other roll calls of those sessions:

# %%
by_session = agreement.ict_vs_general_agreement(votes, rc, by="session", method="lijphart")
pooled_rc = rc[rc["session"].between(73, 78)].assign(period="sessions 73-78")
pooled = agreement.ict_vs_general_agreement(votes, pooled_rc, by="period", method="lijphart")
p = pooled.iloc[0]
print(f"pooled 2018-2023: r = {p.correlation:.2f} over {p.pairs} pairs; mean agreement ICT {p.mean_ict:.2f}, other roll calls {p.mean_general:.2f}")
early = rc[rc["ict"] & (rc["modality"] == "recorded") & (rc["year"] < 2018)]
dissent = votes[votes["rollcall_id"].isin(early["rollcall_id"]) & (votes["vote"] != "yes")].merge(early[["rollcall_id", "symbol"]])
print("before 2018, the only votes other than yes:", "; ".join(f"{short_symbol(r.symbol)} {r.iso3} {r.vote}" for r in dissent.sort_values("symbol").itertuples()))
recent = by_session[by_session["session"] >= 73]
print(f"sessions 73-78: r from {recent['correlation'].min():.2f} to {recent['correlation'].max():.2f}")
by_session.round(3)

# %%
pairs = agreement.ict_vs_general_pairs(votes, rc, by="session", method="lijphart")
with figure_style():
    fig = plot_blocs.agreement_scatter(pairs, "session", [73, 74, 75, 77, 78], summary=by_session)
    fig.suptitle("Pairwise agreement: ICT roll calls vs the session's other roll calls (one dot per pair of states)")
    source_note(fig, SOURCE_VOTES, note="Lijphart agreement; pairs sharing at least 10 general roll calls")
    show_figure(fig, "02-ict-vs-general", FIGURES_DIR)

# %% [markdown]
# The answer, in numbers: how closely pairs that agree in general also agree on the cyber votes, how
# much more divided the cyber votes are, and where (the bloc tables of section 2). Before 2018 the ICT
# texts were near-unanimous, so there was nothing to follow.

# %%
pairs_between = [(a, b) for a in between_cyber.index for b in between_cyber.columns if a < b]
lower = all(between_cyber.loc[a, b] < between_general.loc[a, b] for a, b in pairs_between)
closer = all(h.loc[MIDDLE, CORE] > h.loc[MIDDLE, WEST] for h in (between_cyber, between_general))
print(f"Pairs that agree in general also agree on the cyber votes: r = {recent['correlation'].min():.2f} to "
      f"{recent['correlation'].max():.2f} per session since 2018, {p.correlation:.2f} pooled.")
print(f"The cyber votes are more divided than UN voting as a whole: mean agreement {p.mean_ict:.2f} against {p.mean_general:.2f}.")
print(f"Every between-bloc agreement is {'lower' if lower else 'not always lower'} on the cyber votes than on the other roll calls; "
      f"{WEST} with {CORE} {between_cyber.loc[WEST, CORE]:.2f} against {between_general.loc[WEST, CORE]:.2f}.")
print(f"The {MIDDLE} is {'closer to the ' + CORE + ' than to the ' + WEST + ' on both kinds of vote' if closer else 'not closer to the ' + CORE + ' on both kinds of vote'}: "
      f"cyber {between_cyber.loc[MIDDLE, CORE]:.2f} vs {between_cyber.loc[MIDDLE, WEST]:.2f}, "
      f"other roll calls {between_general.loc[MIDDLE, CORE]:.2f} vs {between_general.loc[MIDDLE, WEST]:.2f}.")

# %% [markdown]
# ## 4 · Who switched?
#
# A *switch* is a different vote (yes / no / abstain) on two roll calls by a state that voted in both;
# absences and missing rows are not switches. `shift` > 0 is a move toward yes (Russia votes yes on
# all the texts compared here). First the two cybercrime resolutions, 73/187 (Dec 2018) and
# 74/247 (Dec 2019), country by country (rows 73/187, columns 74/247):

# %%
ids = dict(zip(summary["label"], summary["rollcall_id"], strict=True))
print(voting.vote_transitions(cyber_rows, ids["73/187"], ids["74/247"]).rename_axis(index="73/187", columns="74/247").to_string())
s1 = voting.vote_shifts(cyber_rows, ids["73/187"], ids["74/247"])
print(f"switchers 73/187 -> 74/247: {len(s1)} ({(s1['shift'] > 0).sum()} toward yes, {(s1['shift'] < 0).sum()} toward no)")
s1.assign(name=s1["iso3"].map(data.countries.set_index("iso3")["name"]))

# %%
transitions = voting.vote_transitions(cyber_rows, ids["73/187"], ids["74/247"])
country_name = data.countries.set_index("iso3")["name"]
yes_counts = summary.set_index("label")["counted"].str.split("-").str[0].astype(int)
to_abstain = s1[(s1["vote_a"] == "yes") & (s1["vote_b"] == "abstain")]["iso3"]
to_no = s1[(s1["vote_a"] == "yes") & (s1["vote_b"] == "no")]["iso3"]
print(f"Between the two cybercrime texts the yes camp went from {yes_counts['73/187']} to {yes_counts['74/247']}: "
      f"of the {transitions.loc['yes'].sum()} yes votes on 73/187, {transitions.loc['yes', 'yes']} stayed yes, "
      f"{len(to_abstain)} became abstentions ({', '.join(country_name[to_abstain])}), "
      f"{len(to_no)} became no ({', '.join(country_name[to_no])}), and "
      f"{transitions.loc['yes'].get(NOT_RECORDED, 0)} have no row in 74/247; "
      f"{(s1['shift'] > 0).sum()} states moved toward yes.")

# %% [markdown]
# Next the later Russian-led ICT-security texts, each compared with the state's vote on 74/247:
# 75/240 (2020), 77/36 (2022) and 78/237 (2023).

# %%
later = [ids["75/240"], ids["77/36"], ids["78/237"]]
shift_table = voting.vote_shift_summary(cyber_rows, [(ids["73/187"], ids["74/247"])] + [(ids["74/247"], r) for r in later], rc)
switchers = sorted(set().union(*(set(voting.vote_shifts(cyber_rows, ids["74/247"], r)["iso3"]) for r in later)))
print(f"states voting differently from their 74/247 vote on at least one of 75/240, 77/36, 78/237: {len(switchers)}")
print("full reversals no -> yes on 75/240:", " ".join(voting.vote_shifts(cyber_rows, ids["74/247"], ids["75/240"]).query("shift == 2")["iso3"]))
print(shift_table.to_string(index=False))

# %%
voting.vote_grid(cyber_rows, rc, [ids[k] for k in ["73/187", "74/247", "75/240", "77/36", "78/237"]], switchers)

# %% [markdown]
# Most switches run toward yes, as the summary shows: abstainers on 74/247 voted yes on the later
# Russian ICT texts, which drew more yes votes than the cybercrime text. The numbers and the states:

# %%
later_shifts = {r: voting.vote_shifts(cyber_rows, ids["74/247"], ids[r]) for r in ["75/240", "77/36", "78/237"]}
yes_to_no = sorted(set().union(*(set(t.query("vote_a == 'yes' and vote_b == 'no'")["iso3"]) for t in later_shifts.values())))
reversals = later_shifts["75/240"].query("shift == 2")["iso3"].tolist()
went_back = [c for c in reversals if any(t.set_index("iso3")["vote_b"].get(c) in ("no", "abstain")
                                         for r, t in later_shifts.items() if r != "75/240")]
away = {r: t.query("vote_a == 'yes' and shift < 0") for r, t in later_shifts.items() if r != "75/240"}
names_of = lambda codes: ", ".join(country_name[c] for c in codes) or "none"
print(f"yes votes: 74/247 {yes_counts['74/247']}; 75/240 {yes_counts['75/240']}, 77/36 {yes_counts['77/36']}, 78/237 {yes_counts['78/237']}")
print(f"states that voted yes on 74/247 and no on any of the three later texts: {len(yes_to_no)} ({names_of(yes_to_no)})")
print(f"full reversals (no -> yes) on 75/240: {names_of(reversals)}; of these back to no or an abstention in 2022-2023: {names_of(went_back)}")
for r, t in away.items():
    print(f"yes on 74/247, then away from yes on {r}: " + "; ".join(f"{country_name[c]} ({v})" for c, v in zip(t["iso3"], t["vote_b"], strict=True)))

# %% [markdown]
# ## 5 · Ideal points and the 74/247 vote
#
# One-dimensional ideal points per calendar year (`ideal_points`: ordered-logit item response,
# fitted per year with a smoothing prior toward adjacent years, by Newton steps to convergence — every
# fit is checked below; standardised per year, US positive). Shown to two decimals: the estimates are
# exact to far more, but a state's position moves by a tenth or more with a handful of votes.
# We fit 1990–2019 only (1990 serves as the neighbour of 1991). Left: the 2019 ideal point of each state
# by its vote on 74/247. Right: ours against BSV's 2019 estimate (`idealpointall`), coloured the same way.

# %%
years = rc[rc["year"].between(1990, 2019) & rc["rollcall_id"].isin(votes["rollcall_id"])]
ideal = ideal_points(votes[votes["rollcall_id"].isin(years["rollcall_id"])], years, by="year")
ip2019 = ideal[ideal["year"] == 2019].set_index("iso3")["ideal_point"]
vote_74_247 = voting.vote_grid(cyber_rows, rc, [ids["74/247"]]).iloc[:, 0]
by_vote = ip2019.groupby(vote_74_247.reindex(ip2019.index).fillna(NOT_RECORDED)).agg(["size", "median", "min", "max"])
fits = pd.DataFrame(ideal.attrs["convergence"])
print(f"ideal points: {ideal['year'].nunique()} years, {len(ideal)} country-years; "
      f"{fits['converged'].sum()} of {len(fits)} fits converged (largest gradient component at most {irt.GTOL:g})")
print(by_vote.reindex([v for v in VOTE_ORDER if v in by_vote.index]).round(2).to_string())

# %%
bsv = data.bsv_reference
bsv2019 = bsv[bsv["year"] == 2019].set_index("iso3")["ideal_point_all"].astype(float)
focus = ["USA", "RUS", "CHN", "JPN", "CAN", "SRB", "IND", "BRA"]
with figure_style():
    fig, (ax1, ax2) = plt.subplots(1, 2, width_ratios=[3, 2])
    plot_blocs.ideal_point_strip(ip2019, vote_74_247, label=focus, ax=ax1,
                                 xlabel="ideal point 2019, this project (SD across states; USA positive)",
                                 title="2019 ideal point by vote on 74/247")
    plot_blocs.ideal_point_scatter(ip2019, bsv2019, vote_74_247, label=focus, ax=ax2,
                                   xlabel="this project, 2019", ylabel="Bailey-Strezhnev-Voeten, 2019 (all votes)",
                                   title="against Bailey-Strezhnev-Voeten")
    source_note(fig, ["votes", "rollcalls", "bsv_reference"], note="Ideal points: analysis.methods.ideal_points (ordered logit per year)")
    show_figure(fig, "02-ideal-points-74-247", FIGURES_DIR)

# %% [markdown]
# The 74/247 vote sorts almost cleanly along the general dimension: the no votes are the states at
# the US end, the yes votes sit at the other end and across the middle, the abstentions in between.
# The cybercrime vote was, in that sense, an ordinary UN vote along the usual divide.
#
# ## 6 · Agreement with Bailey, Strezhnev & Voeten, year by year
#
# Spearman rank correlation of our ideal point with BSV's `idealpointall`, each year 1991–2019, over
# the states both estimate. The codes are joined as they are: both sides use the registry's
# date-valid codes (USSR = SUN in 1991, Yugoslavia = YUG until 1991, Serbia and Montenegro = SCG
# 1992–2005, Serbia = SRB from 2006), so no code needs remapping within a year; the check below lists
# any state-year that one side has and the other lacks, with the number of votes behind it. The target is ρ ≥ 0.97 in every year.

# %%
comparison = compare_ideal_points(ideal, bsv)
comparison = comparison[comparison["year"].between(1991, 2019)].reset_index(drop=True)
ours_n = ideal.set_index(["iso3", "year"])["n_votes"]
ref_n = bsv.astype({"year": int}).set_index(["iso3", "year"])["n_votes_all"]
in_window = lambda keys: sorted(k for k in keys if 1991 <= k[1] <= 2019)
print("state-years only in ours (votes):", ", ".join(f"{i} {y} ({ours_n[(i, y)]})" for i, y in in_window(set(ours_n.index) - set(ref_n.index))))
print("state-years only in BSV (votes):", ", ".join(f"{i} {y} ({ref_n[(i, y)]})" for i, y in in_window(set(ref_n.index) - set(ours_n.index))))
worst = comparison.loc[comparison["spearman"].idxmin()]
print(f"min Spearman 1991-2019: {worst.spearman:.2f} ({int(worst.year)}); median {comparison['spearman'].median():.3f}; "
      f"years >= 0.97: {(comparison['spearman'] >= 0.97).sum()} of {len(comparison)}")
print("below 0.97:", ", ".join(f"{int(y)} ({r:.3f})" for y, r in comparison.loc[comparison["spearman"] < 0.97, ["year", "spearman"]].itertuples(index=False)))
print("weakest years:", ", ".join(f"{int(y)} ({r:.3f})" for y, r in comparison.nsmallest(4, "spearman")[["year", "spearman"]].itertuples(index=False)))

# %% [markdown]
# The codes match: what is left over (listed above, with the votes behind each state-year) is not a
# coding difference but a difference in the vote records, mostly state-years resting on a handful of
# votes in one of the two records.

# %%
counts = pd.DataFrame({
    "year": comparison["year"],
    "here": comparison["year"].map(years.groupby("year").size()).astype(int),
    "reference": comparison["year"].map(bsv.groupby("year")["n_votes_all"].max()).astype(int),
})
with figure_style():
    fig = plot_blocs.spearman_by_year(comparison, target=0.97, counts=counts,
                                      title="Our ideal points vs Bailey-Strezhnev-Voeten: Spearman rank correlation by year")
    source_note(fig, ["votes", "rollcalls", "bsv_reference"])
    show_figure(fig, "02-bsv-spearman", FIGURES_DIR)
for r in comparison[comparison["spearman"] < 0.97].itertuples():
    c = counts.set_index("year").loc[r.year]
    print(f"{int(r.year)}: Spearman {r.spearman:.3f}; BSV's estimates rest on up to {c.reference} roll calls per state, "
          f"ours on the {c.here} recorded roll calls of {int(r.year)} in Voeten's record")
counts[counts["year"] >= 2016].to_string(index=False)

# %% [markdown]
# **Shortfall.** Where the target is missed, the lower panel gives the likely reason: in the years
# printed below BSV's estimates rest on far more roll calls per state than ours (BSV's UNGA-DM data hold
# more votes for sessions 73–74 than Voeten's record does). Quick changes to the estimator do not close
# the gap — the 2018 value under other smoothing strengths and when fitting by session (session 73 =
# BSV's 2018) instead of calendar year (each refit on 2017–2019 only, which leaves the 2018 fit
# unchanged):

# %%
window = years[years["year"].between(2017, 2019)]
window_votes = votes[votes["rollcall_id"].isin(window["rollcall_id"])]
sessions = rc[rc["session"].between(72, 74) & rc["rollcall_id"].isin(votes["rollcall_id"])]
variants = {
    "by year, tau 0.3 (used above)": ideal_points(window_votes, window, by="year"),
    "by year, no smoothing": ideal_points(window_votes, window, by="year", smooth=None),
    "by year, tau 1.0": ideal_points(window_votes, window, by="year", smooth=1.0),
    "by session (year = session + 1945)": ideal_points(votes[votes["rollcall_id"].isin(sessions["rollcall_id"])], sessions, by="session")
        .pipe(lambda f: f.assign(year=f["session"] + 1945)),
}
rho_2018 = {name: compare_ideal_points(fit, bsv).set_index("year").loc[2018, "spearman"] for name, fit in variants.items()}
for name, rho in rho_2018.items():
    print(f"2018 Spearman, {name}: {rho:.3f}")
print(f"variants reaching 0.97 in 2018: {sum(r >= 0.97 for r in rho_2018.values())} of {len(rho_2018)}")

# %% [markdown]
# No variant closes the gap, so it is in the data, not in a tuning of the estimator; closing it needs
# the session-73 roll calls that Voeten's record lacks. The states ranked most differently in 2018
# (rank 1 = least US-aligned; ties, if any, broken by iso3):

# %%
both2018 = ideal[ideal["year"] == 2018].merge(bsv[bsv["year"] == 2018][["iso3", "ideal_point_all", "n_votes_all"]], on="iso3")
both2018 = both2018.assign(rank_ours=rank_by_group(both2018, "ideal_point", by=None),
                           rank_bsv=rank_by_group(both2018, "ideal_point_all", by=None))
both2018 = both2018.assign(rank_gap=both2018["rank_ours"] - both2018["rank_bsv"])
both2018.reindex(both2018["rank_gap"].abs().sort_values(ascending=False, kind="stable").index).head(8)[
    ["iso3", "n_votes", "n_votes_all", "ideal_point", "ideal_point_all", "rank_ours", "rank_bsv", "rank_gap"]].round(2).reset_index(drop=True)

# %%
ranked = both2018.set_index("iso3")
for iso in ["BLR", "RUS"]:
    r = ranked.loc[iso]
    print(f"2018: our estimate ranks {country_name[iso]} {int(r.rank_ours)} of {len(ranked)} on {int(r.n_votes)} votes; "
          f"BSV ranks it {int(r.rank_bsv)} on {int(r.n_votes_all)} votes")

# %% [markdown]
#
# ## 7 · Japan, Canada and Serbia
#
# Their votes on the twelve cyber texts, beside the US, Russia and China; then their Lijphart agreement
# with the US and Russia on the cyber votes and on all other roll calls of sessions 73–78.

# %%
watch = ["JPN", "CAN", "SRB", "USA", "RUS", "CHN"]
voting.vote_grid(votes, rc, cyber_ids, watch)

# %%
focus3 = ["JPN", "CAN", "SRB"]
with_anchor = pd.DataFrame({
    "bloc": cb.bloc.reindex(focus3),
    "cyber_USA": cyber_agreement.agreement.loc[focus3, "USA"], "cyber_RUS": cyber_agreement.agreement.loc[focus3, "RUS"],
    "general_USA": general_agreement.agreement.loc[focus3, "USA"], "general_RUS": general_agreement.agreement.loc[focus3, "RUS"],
})
for iso, r in with_anchor.iterrows():
    print(f"{iso}: {r.bloc}; agreement with USA cyber {r.cyber_USA:.2f} / general {r.general_USA:.2f}; "
          f"with RUS cyber {r.cyber_RUS:.2f} / general {r.general_RUS:.2f}")

# %% [markdown]
# Canada and Japan vote with the US on (nearly) every cyber text and sit in the Western bloc; on the
# other roll calls of the same sessions their alignment is much looser (the agreements printed above):
# on the general agenda Japan is no close US voter, on cyber it is a firmly Western one. Serbia is the
# striking case: it voted yes on *both* camps' texts, in the middle bloc, until it abstained on the
# Russian texts 77/36 (2022) and 78/237 (2023); in general voting it agrees more with Russia than with
# the US.

# %%
grid_focus = voting.vote_grid(votes, rc, cyber_ids, watch)
for iso in focus3:
    same = grid_focus.loc[iso] == grid_focus.loc["USA"]
    print(f"{country_name[iso]}: same vote as the US on {same.sum()} of {len(cyber_ids)} cyber texts"
          + (f"; differs on {', '.join(f'{c} ({grid_focus.loc[iso, c]})' for c in grid_focus.columns[~same])}" if (~same).any() else ""))
europe_middle = [m for m in cb.members(MIDDLE) if region[m] == "Europe"]
print(f"European states in the middle bloc: {names_of(europe_middle)}")

# %% [markdown]
#
# Their position over time, as a percentile of the states both sources estimate in that year (100 =
# most US-aligned). For a continuous line the registry's `lineage` maps the predecessor seats onto the
# current code: Yugoslavia (YUG, to 1991) and Serbia and Montenegro (SCG, 1992–2005) onto Serbia, and
# the USSR (SUN, 1991) onto Russia.

# %%
lineage = lineage_code(data.countries)
joined = ideal.merge(bsv[["iso3", "year", "ideal_point_all"]].astype({"year": int}), on=["iso3", "year"])
joined = joined.assign(iso3=joined["iso3"].map(lineage), ours=percentile_by_group(joined, "ideal_point"),
                       BSV=percentile_by_group(joined, "ideal_point_all"))
joined = joined[joined["year"].between(1991, 2019)]
long = joined.melt(id_vars=["iso3", "year"], value_vars=["ours", "BSV"], var_name="source", value_name="percentile")
with figure_style():
    fig = plot_blocs.positions_over_time(long, ["JPN", "CAN", "SRB", "RUS", "USA"], ylabel="percentile (100 = most US-aligned)",
                                         title="Japan, Canada and Serbia among UN members, 1991-2019 (ours solid, BSV dashed)")
    source_note(fig, ["votes", "rollcalls", "bsv_reference", "countries"],
                note="Percentile among the states both sources estimate in a year; predecessor seats joined by lineage")
    show_figure(fig, "02-positions-jpn-can-srb", FIGURES_DIR)
table = joined[joined["iso3"].isin(focus3) & joined["year"].isin([1991, 1995, 2000, 2005, 2010, 2015, 2019])]
table.pivot(index="year", columns="iso3", values=["ours", "BSV"]).round(0).astype("Int64")

# %% [markdown]
# Serbia's line is YUG until 1991, then a few votes as Serbia and Montenegro in 1992 (too few for a
# reliable position: that point is an artefact), none for the rest of the 1990s (the gap), and from
# 2000 a steady place high in both estimates — in general UN voting about where Japan is, while on the
# cyber texts Japan voted against Russia's texts and Serbia voted yes on them until 2022. Canada stays
# near the top throughout.

# %%
srb = joined[joined["iso3"] == "SRB"].set_index("year")
gap = [y for y in range(1992, 2000) if y not in srb.index or pd.isna(srb.at[y, "ours"])]
print(f"Serbia: {int(ideal.set_index(['iso3', 'year']).loc[('SCG', 1992), 'n_votes'])} votes as SCG in 1992; "
      f"no estimate in {gap[0]}-{gap[-1]}" if gap else "Serbia: an estimate every year")
since = srb.loc[2000:]
print(f"Serbia since 2000: lowest percentile {since['ours'].min():.0f} (ours) and {since['BSV'].min():.0f} (BSV); "
      f"Japan since 2000: median {joined[(joined['iso3'] == 'JPN') & (joined['year'] >= 2000)]['ours'].median():.0f} (ours)")
print(f"Canada 1991-2019: lowest percentile {joined[joined['iso3'] == 'CAN']['ours'].min():.0f} (ours)")

# %% [markdown]
#
# ## 8 · Agreement over time, from the agreement-scores table
#
# `cybercrime export agreement` writes one row per pair of states per year, like Voeten's
# AgreementScores: the share of identical votes, Lijphart's index, the number of shared roll calls and
# both ideal points (each column described in the file's descriptor; the report offers the full table
# and its ICT subset for download). Here the same table is built once, by the same function, and read
# for four pairs: Japan and Canada with the US, Serbia with Russia and with the US. The table keeps the
# codes of the vote record; the registry's `lineage` joins the predecessor seats into one line
# (Yugoslavia with the USSR to 1991, Serbia and Montenegro with Russia 1992–2006; the year both codes
# of a seat vote, 2006, pools their shared roll calls). A gap is a year without a shared vote (listed below),
# and a point resting on a handful of shared roll calls (also listed) says little.

# %%
scores = agreement_scores(votes, rc, data.countries, by="year")   # the table `cybercrime export agreement` writes
over_time = pair_series(scores, [("JPN", "USA"), ("CAN", "USA"), ("SRB", "RUS"), ("SRB", "USA")], lineage=lineage)
print(f"agreement scores: {len(scores):,} pair-years, {scores['year'].min()}-{scores['year'].max()}; "
      f"pairs left out by the existence windows: {len(scores.attrs['outside_window'])}")
partial = coverage.partial_years(rc)
print(f"partial year (the record ends {coverage.record_end(rc):%Y-%m-%d}): {partial}")
with figure_style():
    fig = plot_blocs.agreement_over_time(over_time, partial=partial,
                                         title="Share of identical votes in the General Assembly, by year")
    source_note(fig, ["votes", "rollcalls", "countries"],
                note="analysis.methods.agreement_scores; predecessor seats joined by lineage")
    show_figure(fig, "02-agreement-over-time", FIGURES_DIR)
wide = over_time.pivot(index="year", columns="pair", values="agree")
for pair, col in wide.items():
    span = range(int(col.first_valid_index()), int(col.last_valid_index()) + 1)
    print(f"{pair}: {span.start}-{span.stop - 1}; no shared vote in {[y for y in span if pd.isna(col.get(y))] or 'none'}")
few = over_time[over_time["n_shared"] < 10]
print("years resting on fewer than 10 shared roll calls:", ", ".join(f"{r.pair} {r.year} ({r.n_shared})" for r in few.itertuples()) or "none")
wide.loc[[1960, 1980, 2000, 2020, wide.index.max()]].round(2)

# %% [markdown]
#
# ## What this shows, and its limits
#
# * The cyber votes split the Assembly into a Western bloc, a small Russia-aligned bloc around Russia and China, and
#   a large middle that supports both camps' texts. The split follows the general UN alignment
#   but is sharper than it.
# * The cybercrime text lost support between 73/187 and 74/247 (mostly yes → abstain), while the
#   Russian ICT-security texts later gained it.
# * Japan and Canada vote with the US throughout; Serbia votes with both camps until 2022, then
#   abstains on Russia's texts — although its general position is close to Japan's.
# * Our ideal points track BSV's closely but miss the target in the years where our vote record
#   holds far fewer roll calls than BSV's.
# * Limits: no absences before 2019; sponsors only from session 74; ideal points are relative to each
#   year (no common drift); clusters depend on the linkage method and the number of blocs (three here,
#   a choice; the effect of complete linkage is printed below).

# %%
complete_link = blocs.cluster_blocs(cyber_agreement, n_blocs=3, method="complete").blocs
avg, comp = cb.bloc, blocs.anchored_labels(complete_link)
moved = avg != comp
print(f"pooled r (cyber vs general agreement, sessions 73-78): {p.correlation:.2f}")
print(f"ideal points vs BSV 1991-2019: median Spearman {comparison['spearman'].median():.3f}, "
      f"{(comparison['spearman'] >= 0.97).sum()} of {len(comparison)} years >= 0.97, lowest {worst.spearman:.3f} ({int(worst.year)})")
print(f"complete instead of average linkage: the Western bloc is "
      f"{'the same' if set(avg.index[avg == WEST]) == set(comp.index[comp == WEST]) else 'different'}; "
      f"{moved.sum()} states change bloc ({', '.join(f'{c} {avg[c]} -> {comp[c]}' for c in moved.index[moved])})")
