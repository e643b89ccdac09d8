"""Resolve stage: entities and coreference, normalised times, gazetteer places.

The pipeline calls :func:`resolve_entities` (coreference helper) and
:func:`annotate_time_place` (time/place helper); both return new frozen facts.
"""

# --- entities & coreference (owned by the coreference helper) ------------------------------
from kg.resolve.coref import find_clusters, resolve_entities
from kg.resolve.merge import alias_index, merge_entities, merge_with_index
from kg.resolve.names import coarse_type, entity_key

__all__ = [
    "resolve_entities",
    "find_clusters",
    "merge_entities",
    "merge_with_index",
    "alias_index",
    "coarse_type",
    "entity_key",
]
# --- end entities & coreference -----------------------------------------------------------

# --- time & places (owned by the time/place helper; re-exports only) ---------------------
from kg.resolve._participants import settle_participants  # noqa: E402
from kg.resolve._timeplace import annotate_time_place, article_place  # noqa: E402
from kg.resolve.places import demonym_country, lookup_place  # noqa: E402
from kg.resolve.timex import detect_times, normalise_time  # noqa: E402

__all__ += [
    "settle_participants",
    "annotate_time_place",
    "article_place",
    "demonym_country",
    "detect_times",
    "lookup_place",
    "normalise_time",
]
# --- end time & places --------------------------------------------------------------------

from kg.resolve._concepts import concept_name  # noqa: E402

__all__ += ["concept_name"]
