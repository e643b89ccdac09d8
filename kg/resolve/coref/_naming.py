"""What a cluster of mentions is called and what it is: its name, type and number.

The sieves ask these of clusters while they link (through
:class:`~kg.resolve.coref._state.SieveState`, which caches the answers), and
:func:`kg.resolve.coref.clusters_to_entities` names each entity by them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from kg.resolve.coref._mention import MentionDraft
from kg.resolve.names import expand_short_form, name_key, preferred_form

__all__ = [
    "EVIDENCE_WEIGHTS",
    "best_type",
    "canonical_name",
    "cluster_number",
    "is_country",
    "type_evidence",
    "vote_type",
]


def cluster_number(members: Sequence[MentionDraft]) -> str | None:
    """A cluster's number: "sg" with a name, else its members' most frequent (first on ties)."""
    if any(x.kind == "name" for x in members):
        return "sg"
    numbers: dict[str, int] = {}
    for x in members:
        if x.number:
            numbers[x.number] = numbers.get(x.number, 0) + 1
    return max(numbers, key=numbers.__getitem__) if numbers else None


#: Weights of the type evidence :func:`type_evidence` adds up. An NER label counts once per
#: mention (a multi-word person name twice: NER rarely mislabels those); a title before the
#: name ("Mr.", "President") or a known first name says person more surely than NER does;
#: a he/she linked to the cluster, and being the subject of a speech verb, say someone (most
#: surely when the reported clause's subject is "he" or "she": "Clinton said he ..."); a
#: country's name says place, and a gazetteer city a little.
EVIDENCE_WEIGHTS = {
    "ner": 1.0,
    "ner_full_name": 2.0,
    "title": 3.0,
    "first_name": 2.0,
    "gendered_pronoun": 1.0,
    "person_noun": 0.5,
    "speaker": 0.5,
    "speaker_pronoun": 4.0,
    "country": 3.0,
    "gazetteer_city": 1.0,
}


def type_evidence(members: Sequence[MentionDraft]) -> dict[str, float]:
    """The evidence for each type over all a cluster's mentions, by :data:`EVIDENCE_WEIGHTS`.

    Names vote with their NER label; titles, first names, speech verbs and he/she pronouns
    vote person; a country name (once per cluster) and a gazetteer city vote place (GPE).
    """
    w = EVIDENCE_WEIGHTS
    votes: dict[str, float] = {}

    def vote(label: str, weight: float) -> None:
        votes[label] = votes.get(label, 0.0) + weight

    named = False
    for x in members:
        if x.kind == "name":
            named = True
            if x.label and "gazetteer" not in x.extra:
                full = x.label == "PERSON" and len(x.name.split()) > 1
                vote(x.label, w["ner_full_name"] if full else w["ner"])
            if "title" in x.extra:
                vote("PERSON", w["title"])
            if "first_name" in x.extra:
                vote("PERSON", w["first_name"])
            if "speaker" in x.extra:
                vote("PERSON", w["speaker"])
            if "speaker_pronoun" in x.extra:
                vote("PERSON", w["speaker_pronoun"])
            if x.extra.get("gazetteer") == "city":
                vote("GPE", w["gazetteer_city"])
            elif x.extra.get("gazetteer") == "country":
                vote("GPE", w["country"])
        elif x.kind == "pronoun" and x.gender in ("male", "female"):
            vote("PERSON", w["gendered_pronoun"])
        elif x.kind == "nominal" and x.label == "PERSON" and named:
            vote("PERSON", w["person_noun"])
    if named:
        name = canonical_name(members)
        if name and is_country(name):
            vote("GPE", w["country"])
    return votes


def vote_type(members: Sequence[MentionDraft]) -> str | None:
    """A cluster's type: the strongest of its :func:`type_evidence` (ties: see
    :func:`best_type`); without names, "PERSON" for a he/she, else the first label."""
    if any(x.kind == "name" for x in members):
        votes = type_evidence(members)
        if votes:
            return best_type(votes)
    for x in members:
        if x.kind == "pronoun" and x.gender in ("male", "female"):
            return "PERSON"
    for x in members:
        if x.label:
            return x.label
    return None


def best_type(votes: dict[str, float]) -> str:
    """The type with the most evidence; ties go to GPE, then to the alphabetically last
    (PRODUCT before ORG: "Mac" as a product noun's modifier and as an ORG is the product).

    >>> best_type({"GPE": 2.0, "PERSON": 5.0}), best_type({"ORG": 1.0, "GPE": 1.0})
    ('PERSON', 'GPE')
    """
    return max(votes, key=lambda t: (round(votes[t], 6), t == "GPE", t))


def is_country(name: str) -> bool:
    """Whether a name is a country ("Belarus", "US"; not "EU").

    >>> is_country("Belarus"), is_country("US"), is_country("EU")
    (True, True, False)
    """
    if expand_short_form(name) is not None:
        return name_key(name) not in {"eu", "un", "european union", "united nations"}
    return name_key(name) in _country_names()


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    import pycountry

    names = {"united states", "united kingdom", "russia", "soviet union"}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(name_key(value))
    return frozenset(names)


def canonical_name(members: Sequence[MentionDraft]) -> str | None:
    """The name a cluster goes by.

    People: the longest full name, titles stripped ("Maria Kolesnikova", not "Kolesnikova").
    Others: the name form used most often, short forms counted as their long form ("US" →
    "United States"), then the longest, then the earliest. Counting keeps "Boeing" the name of
    an article that once says "Boeing Commercial Airplanes", so keys agree across articles.
    """
    names = [x for x in members if x.kind == "name" and x.name]
    # A demonym linked to its country ("Belarusian" → Belarus) never names the cluster.
    names = [x for x in names if "demonym" not in x.extra] or names
    if not names:
        return None
    if any(x.label == "PERSON" and len(x.name.split()) > 1 for x in names):
        best = max(
            names,
            key=lambda x: (x.label == "PERSON" and len(x.name.split()) > 1, len(x.name), -x.start),
        )
        return best.name
    used: dict[str, int] = {}
    first: dict[str, int] = {}
    spellings: dict[str, dict[str, int]] = {}
    for x in names:
        form = expand_short_form(x.name) or x.name
        key = name_key(form)
        used[key] = used.get(key, 0) + 1
        first.setdefault(key, x.start)
        spelled = spellings.setdefault(key, {})
        spelled[form] = spelled.get(form, 0) + 1
    key = max(used, key=lambda k: (used[k], len(k), -first[k]))
    return preferred_form(spellings[key])
