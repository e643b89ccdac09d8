"""Within-article coreference: rule-based, deterministic, every link explained by a named rule.

Mentions are found first, then sieves run from the most precise to the least, each merging
clusters and recording its rule name on the mention it linked; the clusters that have a
proper name become the article's entities, and each fact span gets the entity of the mention
that holds its head word. One module per step, each importing only those above it here:

``_mention``   ``MentionDraft``, a mention while coreference works on it, and the
               word classes its finders and the sieves share
``_quotes``    quoted speech: where the quotes are, which mentions they hold, who said each
``_detect``    mention detection: names, pronouns, nominals, possessors, fact-span heads,
               extents (``detect_mentions``)
``_naming``    a cluster's canonical name, voted type and number
``_state``     ``SieveState``, what the sieves share: clusters, salience, candidates
``_sieves``    the sieves, in the order they run (:data:`SIEVES`, with the rule catalogue)
``_entities``  :func:`find_clusters` and :func:`clusters_to_entities`
``_spans``     :func:`resolve_entities`: the entities written onto the facts' spans

>>> from kg.nlp import load_model
>>> from kg.parse import parse_text
>>> text = "Maria Kolesnikova was freed. Kolesnikova said she was happy."
>>> facts, entities, mentions = resolve_entities(parse_text(text, load_model()), [])
>>> [(e.name, e.type, e.aliases) for e in entities]
[('Maria Kolesnikova', 'PERSON', ('Kolesnikova',))]
>>> [m.rule for m in entities[0].mentions]
[None, 'partial_name', 'pronoun']
"""

from kg.resolve.coref._entities import Clustering, clusters_to_entities, find_clusters
from kg.resolve.coref._mention import NAME_LABELS
from kg.resolve.coref._sieves import SIEVES
from kg.resolve.coref._spans import Resolved, resolve_entities

__all__ = [
    "NAME_LABELS",
    "SIEVES",
    "Clustering",
    "find_clusters",
    "clusters_to_entities",
    "Resolved",
    "resolve_entities",
]
