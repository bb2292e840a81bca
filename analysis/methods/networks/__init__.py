"""Networks of cooperation, treaty co-participation, co-membership and UNGA co-sponsorship.

``graphs`` builds networkx graphs from the tidy tables (nodes are registry codes), ``measures``
measures them, ``export`` writes them for other tools. The names below are the package's API:
``from analysis.methods import networks; networks.cooperation_graph(...)``.
"""
from analysis.methods.networks.export import export_graph, read_graph
from analysis.methods.networks.graphs import (
    combine_layers,
    cooperation_graph,
    coparticipation_graph,
    cosponsorship_graph,
    ego_network,
    group_node_ids,
    growth_over_time,
    membership_graph,
)
from analysis.methods.networks.measures import (
    adjusted_rand_index,
    attribute_assortativity,
    brokers,
    centrality_table,
    communities,
    ego_ties,
    size_table,
    sponsor_camps,
)

__all__ = [
    "cooperation_graph", "coparticipation_graph", "membership_graph", "combine_layers", "cosponsorship_graph",
    "centrality_table", "communities", "brokers", "attribute_assortativity", "ego_network", "export_graph",
    "read_graph", "growth_over_time", "group_node_ids", "size_table", "ego_ties", "adjusted_rand_index",
    "sponsor_camps",
]
