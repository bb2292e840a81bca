# %% tags=["parameters"]
SEED = 0                       # spring layouts, Louvain
EGOS = ["JPN", "CAN", "SRB"]   # ego networks drawn and listed
STATUS_DATE = "2025-12-31"     # Budapest Convention (ETS 185) status used for colouring the network
VOTE_DATE = "2019-12-27"       # date of the A/RES/74/247 vote (Budapest status compared with it)

# %% [markdown]
# # 03 · Cooperation networks
#
# Who cooperates with whom on cybercrime, and does that line up with how states vote in the UN
# General Assembly? This notebook draws the cooperation ties of `cooperation.csv` (mutual legal
# assistance treaties, cyber dialogues, memoranda, agreements, assistance, joint statements) as a
# network, finds the central and the brokering states, compares the network's communities with
# voting blocs, lists the ego networks of Japan, Canada and Serbia, follows the network's growth,
# and then turns to a second network: the co-sponsorship of UNGA texts (`sponsorships.csv`).
#
# **What the cooperation table is, and is not.** It is a curated list of ties with a source per
# row, not a census. It was collected around a few anchors: the US State Department's 2015 INCSR list
# of US MLATs, India's MEA list of Indian MLATs, Russian bilateral information-security agreements,
# and the partners of Japan, Serbia, Australia and the EU. Degree and centrality therefore measure
# partly *where the sources looked*: the United States, India and Russia are hubs first of all because
# their treaty lists were transcribed. Read the rankings below as "central within what is recorded".

# %%
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd

from analysis.core.paths import FIGURES_DIR
from analysis.core.vocabulary import group_label
from analysis.data import io
from analysis.methods import agreement, blocs, networks, treaties
from analysis.plots import networks as pn
from analysis.plots.publish import show_figure, source_note
from analysis.plots.style import BLOC_COLORS, CAMP_COLORS, STATUS_COLORS, figure_style

pd.set_option("display.width", 160, "display.max_columns", 20, "display.max_colwidth", 60)
data = io.load_all()
coop, groups, countries = data.cooperation, data.cooperation_groups, data.countries
names = dict(zip(countries["iso3"], countries["name"], strict=True))
is_group = coop["group_id"].notna()
print(f"{len(coop)} ties: {(~is_group).sum()} bilateral, {is_group.sum()} group ties "
      f"({groups['group_id'].nunique()} groups, {len(groups)} member rows); {coop['date'].isna().sum()} undated")
print(coop.groupby([is_group.map({False: 'bilateral', True: 'group'}).rename('tie'), 'kind']).size().to_string())

# %% [markdown]
# ## Bilateral ties and group ties: which graph for the headline numbers
#
# A group tie (the Quintet of Attorneys General, the Counter Ransomware Initiative, the 2019 joint
# statement on responsible state behaviour, a Russia-led like-minded statement, the co-sponsors
# of the Third Committee draft of 74/247, the ASEAN MLAT, two trilateral consultations) links all its
# members. Expanded to a clique, a large group tie alone makes more pairs than all the bilateral ties
# together (counts printed below), so the group ties would swamp the bilateral ones. The table shows
# the same ties four ways:
#
# - **bilateral**: only the ties between two actors;
# - **group ties (cliques)** and **all (cliques)**: every pair of a group's members linked;
# - **all (bipartite)**: each group is one extra node (a square in the figures) and each member is
#   linked to it, so a group tie adds one link per member instead of one per pair.
#
# Headline numbers use **all ties, bipartite** (`group_mode="bipartite"`): it keeps every recorded tie
# without letting group size dominate, and a state in a group is one step from the group and two from
# its co-members. Centrality measures below are computed on that graph and ranked over actors only
# (group nodes are left out of the rankings). `ties` counts rows of `cooperation.csv`; `edges` counts
# distinct linked pairs (two ties between the same pair are one edge).

# %%
bilateral = coop[~is_group]
graphs = {
    "bilateral": networks.cooperation_graph(bilateral, None, countries=countries),
    "group ties (cliques)": networks.cooperation_graph(coop[is_group], groups, countries=countries),
    "all (cliques)": networks.cooperation_graph(coop, groups, countries=countries),
    "all (bipartite)": networks.cooperation_graph(coop, groups, countries=countries, group_mode="bipartite"),
}
sizes = networks.size_table(graphs)
print(sizes.to_string(index=False))
B = graphs["all (bipartite)"]
group_ids = networks.group_node_ids(B)
clique = sizes.set_index("graph")
print(f"headline (all ties, bipartite): {clique.at['all (bipartite)', 'actors']} actors, {len(group_ids)} group nodes, "
      f"{clique.at['all (bipartite)', 'edges']} links, {clique.at['all (bipartite)', 'ties']} ties")
largest = groups.groupby("group_id").size().sort_values(ascending=False, kind="stable")
print(f"largest group tie: {largest.index[0]} with {largest.iloc[0]} members = "
      f"{largest.iloc[0] * (largest.iloc[0] - 1) // 2:,} pairs; bilateral ties: {(~is_group).sum()}")
print(f"as cliques, the {is_group.sum()} group ties make {clique.at['group ties (cliques)', 'edges']:,} of the "
      f"{clique.at['all (cliques)', 'edges']:,} pairs "
      f"({clique.at['group ties (cliques)', 'edges'] / clique.at['all (cliques)', 'edges']:.0%})")

# %% [markdown]
# ## Voting blocs on the cyber texts
#
# Nodes are coloured by voting bloc: the project's one definition (`blocs.cyber_blocs`, explained in
# notebook 02): the recorded votes on the ICT and cybercrime texts of 2018–2023, Lijphart agreement,
# average-linkage clustering into three blocs named by their anchors, the **Western bloc** (the US's),
# the **Russia-aligned bloc** (Russia's) and the **middle bloc**. States with fewer than half of those
# votes, and actors that are not states, have no bloc. The cross-tab with the 74/247 vote shows what
# the blocs mean.

# %%
cb = blocs.cyber_blocs(data.votes, data.rollcalls)
cyber_bloc = cb.bloc.rename("cyber_bloc")
BLOCS = list(BLOC_COLORS)
print(f"{len(cyber_bloc)} states in a bloc (at least {cb.min_votes} of {len(cb.rollcall_ids)} votes)")
VOTE = data.rollcalls.loc[data.rollcalls["symbol"] == "A/RES/74/247", "rollcall_id"].item()
vote_74_247 = data.votes[(data.votes["rollcall_id"] == VOTE) & (data.votes["vote"] != "absent")]
vote_74_247 = vote_74_247.set_index("iso3")["vote"].astype(str).rename("vote_74_247")
pd.crosstab(cyber_bloc, vote_74_247.reindex(cyber_bloc.index).fillna("not recorded")).reindex(BLOCS)

# %% [markdown]
# The middle bloc holds most of the yes votes and abstentions on 74/247, and a few no votes. The
# Western bloc voted no on 74/247 almost to a state. The Russia-aligned bloc is a small core that
# voted yes on 74/247 and no (or abstained) on the US/EU-led texts.
#
# ## The bilateral network
#
# Bilateral ties only, laid out by a seeded spring layout (the same on every machine), nodes sized by the number of
# partners, coloured by voting bloc (white: not a UN member, or too few votes), edges styled by tie
# kind (a pair with ties of two kinds gets two parallel strokes).

# %%
COOPERATION = ["cooperation", "cooperation_groups"]
with figure_style():
    fig, ax, _ = pn.draw_network(graphs["bilateral"], seed=SEED, node_category=cyber_bloc,
                                 categories=BLOCS, colors=BLOC_COLORS, legend_title="voting bloc",
                                 missing_label="no bloc (non-member / few votes)", label_top=30, label_nodes=EGOS,
                                 title="Bilateral cybercrime cooperation ties, by voting bloc")
    source_note(fig, COOPERATION + ["votes", "rollcalls"], note="Blocs: analysis.methods.blocs.cyber_blocs")
    show_figure(fig, "03-cooperation-bilateral", FIGURES_DIR)


# %% [markdown]
# ## Central and brokering states
#
# `centrality_table` on the bipartite graph of all ties: degree = distinct neighbours (bilateral
# partners plus groups), betweenness = share of shortest paths through the node (hop counts; the
# paths may run through group nodes), eigenvector = connection to well-connected nodes. The second
# table repeats betweenness on the bilateral ties alone.

# %%
def top(table, by, n=10):
    return table.sort_values([by, "iso3"], ascending=[False, True]).head(n).round(3).reset_index(drop=True)

central = networks.centrality_table(B)
central = central[~central["iso3"].isin(group_ids)].drop(columns="component")
print("all ties, bipartite (actors only):")
print(top(central, "betweenness").to_string())
print("\nbilateral ties only:")
print(top(networks.centrality_table(graphs["bilateral"]).drop(columns="component"), "betweenness", 6).to_string())

# %% [markdown]
# Brokers (`brokers`): betweenness times the share of a state's bilateral partners that sit in
# another cyber voting bloc. A high score means the state is on many paths *and* its own ties cross
# the bloc line. Group co-members do not count as partners here (group nodes have no bloc).

# %%
top(networks.brokers(B, cyber_bloc), "broker_score")

# %% [markdown]
# ## Communities and voting blocs
#
# Louvain communities (seed 0) of the bipartite graph of all ties, then the actors' communities
# cross-tabulated with their cyber voting bloc. The adjusted Rand index (ARI) compares the two
# partitions over the states that have both: 1 = the same partition, 0 = no more alike than chance.

# %%
community = networks.communities(B, seed=SEED)
for cid, members in community.groupby(community):
    groups_in = [g for g in members.index if g in group_ids]
    actors_in = [a for a in members.index if a not in group_ids]
    print(f"community {cid}: {len(actors_in)} actors, groups {groups_in}; e.g. {' '.join(actors_in[:12])}")
actor_community = community.drop(group_ids)
print(f"ARI communities vs cyber voting blocs: {networks.adjusted_rand_index(actor_community, cyber_bloc):.2f} "
      f"({len(actor_community.index.intersection(cyber_bloc.index))} states with both)")
pd.crosstab(actor_community, cyber_bloc.reindex(actor_community.index).fillna("no bloc"))

# %% [markdown]
# The communities follow the sources and the big group ties more than the vote: each is built around
# one or two group ties (listed above) or around one of the transcribed treaty lists (the US MLAT
# star, Russia's agreements). A low ARI says the cooperation network and the cyber voting blocs cut
# the world differently: the states of the large middle bloc are spread over the communities.
#
# ## All ties, with groups as nodes, by Budapest Convention status
#
# The same bipartite graph drawn with a seeded spring layout, states coloured by their status under
# the Budapest Convention (ETS 185) at the end of 2025. Parties in `participation.csv` with no date
# at all (`party_undated`, counted below) are counted as parties here (see `treaties.status_at`).

# %%
member_states = countries.loc[countries["type"] == "member_state", "iso3"]
budapest_status = treaties.status_at(data.participation, STATUS_DATE, "ETS185", actors=member_states,
                                     undated={"ETS185": "party"}).set_index("iso3")["status"].astype(str)
budapest_status = budapest_status[budapest_status.index.isin(member_states)].rename("ets185")
ets185 = data.participation[data.participation["instrument"] == "ETS185"]
print(f"ETS 185 parties without any date (party_undated): {int(ets185['party_undated'].fillna(False).sum())}")
print(budapest_status.value_counts().sort_index().to_string())
labels = {n: group_label(n) if n in group_ids else n for n in B.nodes}
with figure_style():
    fig, ax, _ = pn.draw_network(B, seed=SEED, node_category=budapest_status, categories=list(STATUS_COLORS),
                                 colors=STATUS_COLORS, labels=labels, legend_title=f"ETS 185 on {STATUS_DATE}",
                                 missing_label="not a UN member state", label_top=25, label_nodes=EGOS,
                                 title="All cooperation ties, group ties as nodes, by Budapest Convention status")
    source_note(fig, COOPERATION + ["participation"])
    show_figure(fig, "03-cooperation-all", FIGURES_DIR)

# %% [markdown]
# ## Ego networks: Japan, Canada, Serbia
#
# Every tie of each state (`ego_ties`): bilateral partners by name, and the group ties it belongs to
# (with the group's size). The drawings show the ego in the centre and its partners around it, grouped
# by tie kind; group ties are white squares; faint strokes are ties among the partners.

# %%
for ego in EGOS:
    ties = networks.ego_ties(coop, groups, ego, countries=countries)
    group_row = ties["partner_type"] == "group"
    ties.loc[group_row, "partner_name"] = ties.loc[group_row, "partner"].map(group_label)
    ties.loc[group_row, "partner"] = "(group)"
    ties["date"] = ties["date"].fillna("undated")
    print(f"{names[ego]} ({ego}): {(~group_row).sum()} bilateral ties with "
          f"{ties.loc[~group_row, 'partner'].nunique()} partners, {group_row.sum()} group ties")
    print(ties[["partner", "partner_name", "members", "kind", "date", "in_force", "tie_id"]].to_string(index=False))
    print()

# %%
ego_labels = {n: group_label(n) if n in group_ids else B.nodes[n].get("name", n) for n in B.nodes}
with figure_style():
    fig, axes = plt.subplots(1, 3, figsize=(15, 5.6))
    for ax, ego in zip(axes, EGOS, strict=True):
        pn.draw_ego(B, ego, ax=ax, labels=ego_labels, node_category=cyber_bloc, categories=BLOCS,
                    colors=BLOC_COLORS, missing_label="no bloc", title=f"{names[ego]}: cooperation ties")
    source_note(fig, COOPERATION + ["votes", "rollcalls"], note="Node colours: voting blocs (analysis.methods.blocs.cyber_blocs)")
    show_figure(fig, "03-ego-networks", FIGURES_DIR)

# %% [markdown]
# Japan's ties are the most varied (MLATs, cyber dialogues, trilateral consultations, the CRI and the
# 2019 statement). Canada's record is thin: a few MLATs and group ties, and no bilateral dialogue or
# memorandum of Canada's is recorded. Serbia's ties run both ways: memoranda with EU members and
# others, US assistance, INTERPOL, and ties with Russia (the tables above list each one with its
# date). Two of Serbia's assistance rows may describe one relationship: the note on T0176 says it was
# added as the closest press support for the atlas row T0141.
#
# ## Growth over time
#
# The network as it stood at the end of each year (`growth_over_time`), bilateral ties and group
# ties (bipartite) counted apart. The "74/247 co-sponsors" group is left out here: it is a list of the
# resolution's sponsors, a UN vote record rather than a cooperation tie, and with its 47 members it
# alone would make the 2019 step. Undated ties cannot be placed in time and are left out (counted
# below): most of the US MLATs transcribed from the 2015 INCSR (the report lists treaties in force,
# without dates) and most of Russia's agreements. The curves are therefore a lower bound, and the
# early years in particular miss most US treaties.

# %%
years = range(1975, 2026)
cosponsor_group = "unga-74-cybercrime-resolution-co-sponsors-47-2019"
cooperating = is_group & coop["group_id"].ne(cosponsor_group)
bilateral_growth = networks.growth_over_time(bilateral, None, years)
group_growth = networks.growth_over_time(coop[cooperating], groups, years, group_mode="bipartite")
print(f"left out of the growth curves: {group_label(cosponsor_group)} "
      f"({(groups['group_id'] == cosponsor_group).sum()} members)")
undated = coop[coop["date"].isna() & coop["year"].isna()]
incsr = bilateral["source"].str.contains("nrcrpt/2015", na=False)
print(f"undated ties: {len(undated)} ({(~undated['group_id'].isna()).sum()} group ties); "
      f"INCSR 2015 US MLAT rows: {incsr.sum()}, of which undated: {(incsr & bilateral['date'].isna()).sum()}")
print(undated.groupby("kind").size().to_string())
shown = [1990, 2000, 2010, 2015, 2019, 2020, 2021, 2022, 2023, 2024, 2025]
table = bilateral_growth.set_index("year").loc[shown, ["nodes", "edges", "ties"]].join(
    group_growth.set_index("year").loc[shown, ["nodes", "ties"]], rsuffix="_in_groups")
print(table.to_string())

# %%
with figure_style():
    fig, axes = pn.draw_growth({f"bilateral ties (+{undated['group_id'].isna().sum()} undated)": bilateral_growth,
                                f"group ties, bipartite (+{(undated['group_id'].notna() & undated['group_id'].ne(cosponsor_group)).sum()} undated)": group_growth},
                               columns=("nodes", "ties"), start=1975,
                               ylabels={"nodes": "actors with a dated tie", "ties": "dated ties"},
                               title="Growth of the recorded cooperation network (dated ties only)")
    source_note(fig, COOPERATION, note="Without the 74/247 co-sponsors' list (a UN vote record, not a cooperation tie)")
    show_figure(fig, "03-growth", FIGURES_DIR)

# %% [markdown]
# ## Co-sponsorship of UNGA texts
#
# `sponsorships.csv` lists the sponsors and additional sponsors of the texts of sessions 74-80 (UN
# machine-readable resolutions). `cosponsorship_graph` links two states by the number of texts they
# both sponsored (states only; group sponsorships such as "on behalf of the Group of 77" are left
# out, not expanded). Over all texts every pair of states has co-sponsored something, so the
# unweighted network is complete and only the weights carry information; Louvain (seed 0) on the
# weights finds the communities. They are compared with **general voting clusters**, which are not
# the voting blocs: the same clustering (Lijphart, average linkage, three clusters) run on *all*
# recorded votes of sessions 74-80 instead of the cyber votes (pairs sharing at least 20 votes),
# named after the US, Russia, or neither.

# %%
spons = data.sponsorships
overall = networks.cosponsorship_graph(spons)
weights = pd.Series([d["weight"] for *_, d in overall.edges(data=True)])
print(f"{overall.graph['n_texts']:,} texts with state sponsors (of {spons['rollcall_id'].nunique():,} texts); "
      f"{overall.number_of_nodes()} states, {overall.number_of_edges():,} pairs, density {nx.density(overall):.3f}")
print(f"texts shared per pair: median {weights.median():.0f}, quartiles {weights.quantile(0.25):.0f}-{weights.quantile(0.75):.0f}, max {weights.max():.0f}")
recent = data.rollcalls[(data.rollcalls["session"] >= 74) & (data.rollcalls["modality"] == "recorded")]
vote_bloc_ids = blocs.cluster_blocs(agreement.agreement_matrix(data.votes, recent["rollcall_id"], method="lijphart",
                                                           min_shared=20), n_blocs=3).blocs
GENERAL = {"USA": "general cluster of the US", "RUS": "general cluster of Russia"}
vote_bloc = blocs.anchored_labels(vote_bloc_ids, GENERAL, other="other general cluster").rename("general_cluster")
overall_community = networks.communities(overall, seed=SEED)
print(f"{len(recent)} recorded roll calls; ARI co-sponsorship communities vs voting blocs: "
      f"{networks.adjusted_rand_index(overall_community, vote_bloc):.2f}")
pd.crosstab(overall_community, vote_bloc.reindex(overall_community.index).fillna("no cluster"))

# %% [markdown]
# ### The ICT and cyber texts: two coalitions
#
# The Russian-led texts (74/29 and its successors 75/240, 77/36, 78/237 on the open-ended working
# group; 74/247 that started the cybercrime convention) and the US/EU-led ones (74/28 on the group of
# governmental experts; 75/32; 77/37 and 78/16 on the programme of action) draw different co-sponsors.
# The table checks the split from the data: whether Russia and the United States are among each
# text's sponsors. 76/19, the joint Russia-US text of 2021, belongs to neither camp and is left out.

# %%
symbol_to_id = dict(zip(data.rollcalls["symbol"], data.rollcalls["rollcall_id"], strict=True))
CAMPS = {
    "Russia-led": ["A/RES/74/29", "A/RES/74/247", "A/RES/75/240", "A/RES/77/36", "A/RES/78/237"],
    "US/EU-led": ["A/RES/74/28", "A/RES/75/32", "A/RES/77/37", "A/RES/78/16"],
}
camp_ids = {camp: [symbol_to_id[s] for s in symbols] for camp, symbols in CAMPS.items()}
states = spons[spons["sponsor_type"] == "state"]
per_text = pd.DataFrame([
    {"camp": camp, "symbol": s,
     "state_sponsors": int((states["rollcall_id"] == symbol_to_id[s]).sum()),
     "RUS": bool(((states["rollcall_id"] == symbol_to_id[s]) & (states["sponsor"] == "RUS")).any()),
     "USA": bool(((states["rollcall_id"] == symbol_to_id[s]) & (states["sponsor"] == "USA")).any())}
    for camp, symbols in CAMPS.items() for s in symbols])
print(per_text.to_string(index=False))
joint = states[states["rollcall_id"] == symbol_to_id["A/RES/76/19"]]
print(f"76/19 (left out): {len(joint)} state sponsors, Russia {'and' if {'RUS', 'USA'} <= set(joint['sponsor']) else 'or'} the US among them")
camps = networks.sponsor_camps(spons, camp_ids)
print(camps["camp"].value_counts().reindex(list(CAMPS) + ["both"]).to_string())
both_camps = camps.loc[camps["camp"] == "both", "iso3"]
region = countries.set_index("iso3")["region"]
print(f"in both camps: {len(both_camps)} states, by region: "
      + ", ".join(f"{r} {n}" for r, n in region[both_camps].value_counts().sort_index().items())
      + f" ({' '.join(both_camps)})")

# %%
ict = networks.cosponsorship_graph(spons, [i for ids in camp_ids.values() for i in ids])
camp = camps.set_index("iso3")["camp"]
ict_community = networks.communities(ict, seed=SEED)
print(f"ICT co-sponsorship network: {ict.number_of_nodes()} states, {ict.number_of_edges():,} pairs; "
      f"{ict_community.nunique()} communities; ARI with the camps: {networks.adjusted_rand_index(ict_community, camp):.2f}")
print(pd.crosstab(ict_community, camp).reindex(columns=list(CAMPS) + ["both"]).to_string())
with figure_style():
    layout = pn.seeded_layout(ict, seed=SEED, weight="weight", k=0.35)
    fig, ax, _ = pn.draw_network(ict, layout, node_category=camp, categories=list(CAMP_COLORS),
                                 colors=CAMP_COLORS, legend_title="texts co-sponsored", min_weight=2,
                                 uniform_edges={"color": "#999999", "linestyle": "-", "linewidth": 0.4,
                                                "label": "co-sponsored 2+ of these texts"},
                                 edge_alpha=0.35, font_size=6, node_size=30, label_top=40,
                                 label_nodes=["USA", "RUS", "CHN"] + EGOS, figsize=(10.0, 6.6),
                                 title="Co-sponsors of the ICT texts: Russian-led and US/EU-led coalitions")
    source_note(fig, ["sponsorships", "rollcalls"], note="Texts of sessions 74-80; camps by whether Russia or the US sponsored each text")
    show_figure(fig, "03-cosponsorship-ict", FIGURES_DIR)

# %% [markdown]
# (Layout: seeded spring layout weighted by texts shared; strokes only for pairs that shared two or
# more of these texts, so states that co-sponsored a single text float at the edge.)
#
# The two coalitions barely overlap: the states in both camps (counted above, by region) are few.
# Louvain splits the ICT co-sponsors almost exactly along the camps; the states in both camps are
# split between the two communities.
#
# ## Assortativity: do cooperating states vote alike?
#
# `attribute_assortativity` (categorical; 1 = ties only within a category, 0 = as if at random)
# of the 74/247 vote (yes / no / abstain; absent and non-members left out) and of Budapest Convention
# status on the date of that vote, over three versions of the cooperation network. The group tie "74/247
# co-sponsors" is itself a record of support for the resolution, so including it makes the vote look
# assortative by construction; the third row leaves it out.

# %%
budapest_at_vote = treaties.status_at(data.participation, VOTE_DATE, "ETS185", actors=member_states,
                                     undated={"ETS185": "party"}).set_index("iso3")["status"].astype(str)
budapest_at_vote = budapest_at_vote[budapest_at_vote.index.isin(member_states)]
versions = {
    "bilateral ties": graphs["bilateral"],
    "all ties (group ties as cliques)": graphs["all (cliques)"],
    "all ties without the 74/247 co-sponsors' group": networks.cooperation_graph(
        coop[coop["group_id"].ne(cosponsor_group).fillna(True)], groups, countries=countries),
}
rows = [{"network": name, "vote on 74/247": networks.attribute_assortativity(G, vote_74_247),
         "ETS 185 status at the vote": networks.attribute_assortativity(G, budapest_at_vote)}
        for name, G in versions.items()]
print(pd.DataFrame(rows).round(2).to_string(index=False))

# %% [markdown]
# Over bilateral ties the vote is mildly assortative (states that cooperate tend to have voted
# alike); most of the apparent effect in the full network comes from the co-sponsors' group, i.e. from
# the vote itself.
#
# ## Export
#
# The cooperation graph (all ties, one edge per tie, groups as nodes) with the analysis attributes
# (cyber voting bloc, community, 74/247 vote, Budapest status) written to GraphML and GEXF for Gephi,
# Cytoscape or igraph. Both writers are deterministic: the files are written twice and compared
# byte for byte, and read back.

# %%
export = networks.cooperation_graph(coop, groups, countries=countries, group_mode="bipartite", multigraph=True)
for attr, values in {"cyber_bloc": cyber_bloc, "community": community, "vote_74_247": vote_74_247,
                     "ets185": budapest_status}.items():
    for node in export.nodes:
        if node in values.index:
            export.nodes[node][attr] = values[node].item() if hasattr(values[node], "item") else values[node]
with tempfile.TemporaryDirectory() as tmp:
    for suffix in (".graphml", ".gexf"):
        path = networks.export_graph(export, FIGURES_DIR / f"03-cooperation{suffix}")
        again = networks.export_graph(export, Path(tmp) / f"again{suffix}")
        back = networks.read_graph(path)
        print(f"{path.name}: identical on rewrite {path.read_bytes() == again.read_bytes()}; read back "
              f"{back.number_of_nodes()} nodes, {back.number_of_edges()} edges "
              f"(written {export.number_of_nodes()}, {export.number_of_edges()})")

# %% [markdown]
# ## Limits and oddities
#
# - The cooperation ties are a curated sample (see the top): the hubs are the states whose treaty
#   lists were transcribed. A tie's absence is not evidence of no cooperation (Canada has no bilateral
#   tie recorded after 1998, for example).
# - 76 of 176 ties have no date (57 of them US MLATs from the 2015 INCSR); growth curves are lower
#   bounds.
# - Group ties of very different nature (a ministerial initiative, a UN co-sponsorship list, a treaty)
#   are treated alike; the "74/247 co-sponsors" group is the same list as the 47 state sponsors of
#   A/RES/74/247 in `sponsorships.csv`, so it is UN voting behaviour, not operational cooperation.
# - Co-sponsorship covers sessions 74-80 only; 75/282 (cybercrime, adopted without a vote) lists only
#   two sponsors in the UN file, and group sponsorships are not expanded to members.
