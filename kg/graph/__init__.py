"""networkx views of the event knowledge graph, and questions to ask of them.

Projections (from an rdflib ``Dataset``/``Graph`` or a :mod:`kg.store` store):

- :func:`entity_graph` — entities as nodes; each fact links its actor to each other participant,
  or to the entities named inside a participant phrase ("the US embassy in Vilnius": edge
  attribute ``via="nested"``);
- :func:`event_graph` — bipartite: event nodes and entity nodes, edges labelled with the role;
- :func:`comention_graph` — undirected, ``weight`` = number of articles two entities share.

Analysis: :func:`top_entities`, :func:`communities`, :func:`shortest_path`,
:func:`facts_between`, :func:`ego`, :func:`timeline`, :func:`plot_timeline`; as titled tables
(what ``kg analyze`` prints): :func:`analysis_tables`.
Export: :func:`write_graphml`, :func:`write_gexf`, :func:`graph_to_rdf`.

>>> G = example_graph()
>>> [label for _, label, _ in top_entities(G, "degree", 2)]
['Ales Bialiatski', 'Alexander Lukashenko']
"""

from kg.graph._analysis import (
    Community,
    EntityNotFound,
    NoPath,
    TimelineRow,
    communities,
    ego,
    facts_between,
    find_entity,
    pagerank,
    plot_timeline,
    shortest_path,
    timeline,
    top_entities,
    undirected_weighted,
)
from kg.graph._example import example_graph
from kg.graph._io import exportable, write_gexf, write_graphml
from kg.graph._project import (
    EDGE_ATTRIBUTES,
    comention_graph,
    entity_graph,
    event_graph,
    graph_to_rdf,
)
from kg.graph._tables import (
    AnalysisTable,
    analysis_table,
    analysis_tables,
    requested_analyses,
)

__all__ = [
    "AnalysisTable",
    "analysis_table",
    "analysis_tables",
    "EDGE_ATTRIBUTES",
    "Community",
    "EntityNotFound",
    "NoPath",
    "TimelineRow",
    "comention_graph",
    "communities",
    "ego",
    "entity_graph",
    "event_graph",
    "example_graph",
    "exportable",
    "facts_between",
    "find_entity",
    "graph_to_rdf",
    "pagerank",
    "plot_timeline",
    "requested_analyses",
    "shortest_path",
    "timeline",
    "top_entities",
    "undirected_weighted",
    "write_gexf",
    "write_graphml",
]
