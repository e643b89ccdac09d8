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
Export: :func:`write_graphml`, :func:`write_gexf` (dynamic, for Gephi's timeline),
:func:`write_neo4j_csv` (``neo4j-admin`` import), :func:`write_entity_graph` (what ``kg export
--format`` runs).

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
from kg.graph._example import example_dataset, example_graph
from kg.graph._focus import focus_graph
from kg.graph._io import (
    GRAPH_FORMATS,
    GraphExport,
    edge_interval,
    exportable,
    graph_format,
    write_entity_graph,
    write_gexf,
    write_graphml,
    write_neo4j_csv,
)
from kg.graph._project import (
    EDGE_ATTRIBUTES,
    comention_graph,
    entity_graph,
    event_graph,
)
from kg.graph._tables import (
    AnalysisTable,
    analysis_table,
    analysis_tables,
    requested_analyses,
)

__all__ = [
    "focus_graph",
    "GRAPH_FORMATS",
    "AnalysisTable",
    "analysis_table",
    "analysis_tables",
    "EDGE_ATTRIBUTES",
    "Community",
    "EntityNotFound",
    "GraphExport",
    "NoPath",
    "TimelineRow",
    "comention_graph",
    "communities",
    "edge_interval",
    "ego",
    "entity_graph",
    "event_graph",
    "example_dataset",
    "example_graph",
    "exportable",
    "facts_between",
    "find_entity",
    "graph_format",
    "pagerank",
    "plot_timeline",
    "requested_analyses",
    "shortest_path",
    "timeline",
    "top_entities",
    "undirected_weighted",
    "write_entity_graph",
    "write_gexf",
    "write_graphml",
    "write_neo4j_csv",
]
