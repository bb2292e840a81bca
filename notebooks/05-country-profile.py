# %% [markdown]
# ## 05 · Country profile: about this page
#
# One state's cybercrime record, assembled from every table of the data package: its strategies,
# laws and institutions, its status under every instrument, its votes on every cyber roll call of the
# UN General Assembly next to its voting bloc and its ideal point, its cooperation partners and its
# memberships. The text below is written by `analysis.profiles.profile_text` from those tables alone
# (nothing in it is typed by hand for a country), and every statement carries a numbered source.
#
# The notebook takes one parameter, `country` (an iso3 code; stored outputs are for Serbia). Any state:
# `python -m analysis profile JPN --out report` runs it with papermill and writes `report/profile-JPN.html`.
# Figures are saved to `figures/05-<ISO3>-*.png` (or to `figures_dir`) and shown from that file, so they
# appear in the stored notebook and in the HTML whatever the matplotlib backend. The page's title, the
# state's name, is written by the first code cell (the report puts it at the top of the page).

# %% tags=["parameters"]
country = "SRB"     # any iso3 code of data/countries.csv
figures_dir = None  # None means figures/, the profile command passes a temporary folder
data_dir = None     # None means data/, the profile command passes --data-dir

# %%
import pandas as pd
from IPython.display import Markdown, display

from analysis import profiles
from analysis.core.paths import DATA_DIR, FIGURES_DIR
from analysis.data import io
from analysis.data.validate import read_descriptor
from analysis.methods import coverage
from analysis.plots import profiles as plot_profiles
from analysis.plots.publish import show_figure, source_note
from analysis.plots.style import figure_style

pd.set_option("display.width", 160, "display.max_columns", 20, "display.max_colwidth", 70, "display.max_rows", 80)
out_dir = figures_dir or FIGURES_DIR
data_dir = data_dir or DATA_DIR
data = io.load_all(data_dir)
context = profiles.profile_context(data, profiles.dataset_urls(read_descriptor(data_dir)))
profile = profiles.country_profile(data, country, context=context)
display(Markdown(f"# {profile.name}: the cybercrime record"))
print(f"Treaty status as read from the sources on {profile.as_of}.")

# %% [markdown]
# ## The profile in prose
#
# Generated from the tables shown further down. Dates of treaty status are those of the sources; a
# Party "listed ... as of" a date is an undated row (the sources name it a Party without a date). Votes
# before 2019 come from Voeten's record, which lists no absences; tallies are official from session 74
# on and counted from the country rows before. The voting bloc is the project's one definition
# (`analysis.methods.blocs.cyber_blocs`: the recorded cyber votes of 2018–2023, three blocs named
# Western, middle and Russia-aligned); ideal points are estimated here (method in `analysis.profiles`);
# the Bailey-Strezhnev-Voeten (BSV) reference is quoted on its own scale.

# %%
profiles.profile_prose(profile, data)

# %% [markdown]
# ## Strategies, laws, institutions and statements
#
# `positions.csv`, one row per dated fact; `confidence` is the curator's (low = reported by a secondary
# source only).

# %%
profiles.sourced_table(profile.positions[["date", "kind", "title", "confidence", "source"]])

# %% [markdown]
# ## Status under every instrument
#
# `participation.csv` read with `analysis.methods.treaties.status_at` on the date above. `undated` rows are Parties
# or signatories the sources list without a date; `verified = False` marks an unconfirmed report. Instruments
# without a row for this state are "not signed" (no record of a signature).

# %%
profiles.sourced_table(profile.treaties[["instrument", "short_name", "status", "signed", "ratified", "in_force",
                                         "undated", "status_as_of", "verified", "source"]])

# %% [markdown]
# ## Votes on the cyber roll calls
#
# Every text flagged `ict` in `rollcalls.csv` (the `cybercrime` flag marks the crime track: 73/187, 74/247,
# 75/282, 79/243 and the 2021 amendments and decision). `cast_as` is the code that cast the vote (a
# predecessor state where the seat was carried forward). `bloc` is the state's voting bloc (the one
# definition above, the same for every roll call); `bloc_vote` is what most of its members voted on
# that roll call, `bloc_share` of `bloc_voters` (absences not counted). `ideal_point` is the state's position that year (standard
# deviations across states, USA positive), `ideal_rank` its rank (1 = closest to the USA).

# %%
votes = profile.votes.assign(ideal_point=profile.votes["ideal_point"].round(2))
profiles.sourced_table(votes[["date", "symbol", "cybercrime", "modality", "tally", "tally_basis", "vote", "cast_as",
                              "bloc", "bloc_vote", "bloc_share", "bloc_voters", "ideal_point", "ideal_rank", "source"]])

# %%
with figure_style():
    fig = plot_profiles.cyber_votes_figure(profile.votes, profile.name, profile.iso3)
    source_note(fig, ["votes", "rollcalls"], note="Bloc: analysis.methods.blocs.cyber_blocs")
    show_figure(fig, f"05-{profile.iso3}-cyber-votes", out_dir)

# %% [markdown]
# ## Ideal point over time, against the BSV reference
#
# Our estimate (`analysis.methods.ideal_points.ideal_points`, one-dimensional, all roll calls of each calendar year) next
# to the BSV estimates, standardised per year across all states so that the two series share a scale
# (BSV's own values are in the table). Gaps are years without votes (e.g. the FRY between GA resolution 47/1 of
# September 1992 and its admission in 2000). The last year is partial (the vote record stops during
# it) and drawn as an open circle, off the line: it rests on a handful of votes. Dotted lines mark the
# years of the state's recorded votes on the cybercrime texts.

# %%
series = profile.ideal_points
both = series.dropna(subset=["ideal_point", "bsv_z"])
print(f"{len(series)} years with an estimate; {len(both)} also in BSV; "
      f"correlation with BSV (standardised) {both['ideal_point'].corr(both['bsv_z']):.2f}")
print(series[["year", "cast_as", "ideal_point", "rank", "n_states", "n_votes", "bsv_ideal_point", "bsv_z"]]
      .tail(10).round(2).to_string(index=False))

# %%
crime_years = profile.votes.loc[profile.votes["cybercrime"] & profile.votes["vote"].isin(["yes", "no", "abstain"]), "year"]
with figure_style():
    fig = plot_profiles.ideal_point_figure(profile.ideal_points, profile.name, crime_years.dropna(),
                                           partial_years=coverage.partial_years(data.rollcalls),
                                           record_end=f"{coverage.record_end(data.rollcalls):%Y-%m-%d}")
    source_note(fig, ["votes", "rollcalls", "bsv_reference"])
    show_figure(fig, f"05-{profile.iso3}-ideal-point", out_dir)

# %% [markdown]
# ## Cooperation partners
#
# `cooperation.csv` (bilateral ties) and `cooperation_groups.csv` (group ties: joint statements,
# consultation groups, initiatives), as listed by the curated sources. The figure is the ego network of
# `analysis.methods.networks.cooperation_graph` in bipartite mode (a group tie is one square node, its other
# members are not drawn); grey lines are ties among the partners themselves. The absence of a tie
# means only that no source was found.

# %%
profiles.sourced_table(profile.cooperation[["kind", "partner", "partner_name", "members", "date", "in_force", "title",
                                            "source"]])

# %%
with figure_style():
    fig = plot_profiles.ego_figure(profile.ego, profile.iso3, profile.name)
    source_note(fig, ["cooperation", "cooperation_groups"])
    show_figure(fig, f"05-{profile.iso3}-cooperation-partners", out_dir)

# %% [markdown]
# ## Memberships
#
# `memberships.csv`: organisations relevant to the cybercrime debate (regional organisations, alliances,
# INTERPOL, the Counter Ransomware Initiative, ...); `joined` is empty where the source gives no date.

# %%
profiles.sourced_table(profile.memberships)
