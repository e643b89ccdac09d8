"""Minting IRIs: every resource `kg` writes gets a deterministic IRI under :data:`kg.vocab.ID`.

=================  ===========================================  ==============================
resource           IRI                                          example
=================  ===========================================  ==============================
article            ``id/article/<article-id>``                  ``id/article/belarus-2025``
sentence           ``id/sentence/<article-id>/<index>``         ``id/sentence/belarus-2025/3``
mention (span)     ``id/mention/<article-id>/<start>-<end>``    ``id/mention/belarus-2025/0-7``
event (fact)       ``id/event/<article-id>/<n>``                ``id/event/belarus-2025/0``
entity             ``id/entity/<entity-key>``                   ``id/entity/united-states``
concept (phrase)   ``id/concept/<slug>``                        ``id/concept/123-prisoners``
time               ``id/time/<iso>`` or ``<begin>_<end>``       ``id/time/2020_open``
relation           ``rel/<lemma_slug>``                         ``rel/lift_sanctions_on``
=================  ===========================================  ==============================

Article ids are percent-encoded (so ``/`` in an id cannot add a path level); slugs are ASCII
(transliterated with ``anyascii``), lower case, ``-``-separated, and capped at 80 characters
(longer ones end in a hash of the full text so they stay unique).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import quote

from rdflib.term import URIRef

from kg.resolve.names import entity_key
from kg.vocab import ID, KG, REL

__all__ = [
    "slug",
    "entity_key",
    "article_iri",
    "sentence_iri",
    "mention_iri",
    "event_iri",
    "entity_iri",
    "concept_iri",
    "time_iri",
    "relation_iri",
    "relation_name",
    "entity_classes",
]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’‘`´]")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_QUOTES = "\"'“”‘’`"
_MAX_SLUG = 80

#: NER / coarse entity type → ontology classes (besides kg:Entity). spaCy labels, MEANTIME's
#: PER/LOC/PRO and the coarse types of :mod:`kg.resolve` all fold in here; anything else
#: (EVENT, LAW, WORK_OF_ART, ...) is a plain kg:Entity whose label stays in kg:entityType.
_TYPE_CLASSES: dict[str, URIRef] = {
    "PERSON": KG.Person,
    "PER": KG.Person,
    "ORG": KG.Organisation,
    "ORGANIZATION": KG.Organisation,
    "ORGANISATION": KG.Organisation,
    "GPE": KG.Place,
    "LOC": KG.Place,
    "LOCATION": KG.Place,
    "FAC": KG.Place,
    "NORP": KG.Group,
    "PRODUCT": KG.Product,
    "PRO": KG.Product,
}


def slug(text: str, sep: str = "-") -> str:
    """ASCII, lower-case, ``sep``-joined form of ``text``, used as the last part of an IRI.

    >>> slug("Ales Bialiatski")
    'ales-bialiatski'
    >>> slug("Łukaszenka's régime")
    'lukaszenkas-regime'
    >>> slug("lift sanctions on", sep="_")
    'lift_sanctions_on'
    >>> slug("—")  # nothing left: a hash keeps it unique and non-empty
    'x-1b93795b'
    """
    from anyascii import anyascii

    ascii_text = _APOSTROPHES.sub("", anyascii(text).lower())
    out = _NON_ALNUM.sub(sep, ascii_text).strip(sep)
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    if not out:
        return f"x{sep}{digest}"
    if len(out) > _MAX_SLUG:
        out = out[: _MAX_SLUG - 9].rstrip(sep) + sep + digest
    return out


_ID = str(ID)


def _minted(path: str) -> URIRef:
    # ID[path] would do the same through two more Python calls; a build mints ~300 per article
    return URIRef(_ID + path)


@lru_cache(maxsize=1024)  # an article's id is quoted for each of its events, spans, sentences
def _id_part(article_id: str) -> str:
    return quote(article_id, safe="-._~")


def article_iri(article_id: str) -> URIRef:
    """The IRI of an article, also the name of its graph in a dataset.

    >>> article_iri("belarus-prisoners-2025-12-14")
    rdflib.term.URIRef('https://w3id.org/kg-news/id/article/belarus-prisoners-2025-12-14')
    >>> article_iri("ecb/1_1ecb").split("/")[-1]
    'ecb%2F1_1ecb'
    """
    return _minted(f"article/{_id_part(article_id)}")


def sentence_iri(article_id: str, index: int) -> URIRef:
    """The IRI of sentence ``index`` (0 = headline) of an article.

    >>> sentence_iri("a1", 2)
    rdflib.term.URIRef('https://w3id.org/kg-news/id/sentence/a1/2')
    """
    return _minted(f"sentence/{_id_part(article_id)}/{int(index)}")


def mention_iri(article_id: str, start: int, end: int) -> URIRef:
    """The IRI of the text span ``article.text[start:end]``: one resource per span.

    >>> mention_iri("a1", 0, 7)
    rdflib.term.URIRef('https://w3id.org/kg-news/id/mention/a1/0-7')
    """
    return _minted(f"mention/{_id_part(article_id)}/{int(start)}-{int(end)}")


def event_iri(article_id: str, n: int) -> URIRef:
    """The IRI of the ``n``-th fact (0-based, in extraction order) of an article.

    >>> event_iri("a1", 0)
    rdflib.term.URIRef('https://w3id.org/kg-news/id/event/a1/0')
    """
    return _minted(f"event/{_id_part(article_id)}/{int(n)}")


def entity_iri(name: str, type: str | None = None) -> URIRef:
    """The IRI of an entity: a pure function of its canonical name and type family.

    The key is :func:`kg.resolve.entity_key`, the one identity rule of the resolve stage:
    the same canonical name with a compatible type (GPE and LOC are both places) is one node.

    >>> entity_iri("Belarus", "GPE")
    rdflib.term.URIRef('https://w3id.org/kg-news/id/entity/place/belarus')
    >>> entity_iri("the United States", "LOC") == entity_iri("United States", "GPE")
    True
    """
    return _minted(f"entity/{entity_key(name, type)}")


@lru_cache(maxsize=16384)  # phrases recur ("the company", "officials"); slugging is slow
def concept_iri(text: str) -> URIRef:
    """The IRI of a phrase that names no entity; the same phrase gives the same node everywhere.

    >>> concept_iri("123 prisoners")
    rdflib.term.URIRef('https://w3id.org/kg-news/id/concept/123-prisoners')
    """
    return _minted(f"concept/{slug(text)}")


def time_iri(value: str | None = None, begin: str | None = None, end: str | None = None) -> URIRef:
    """The IRI of a normalised time: its ISO value, or ``<begin>_<end>`` with ``open`` ends.

    >>> time_iri("2025-12-14")
    rdflib.term.URIRef('https://w3id.org/kg-news/id/time/2025-12-14')
    >>> time_iri(begin="2020")
    rdflib.term.URIRef('https://w3id.org/kg-news/id/time/2020_open')
    """
    if value:
        key = value
    elif begin or end:
        key = f"{begin or 'open'}_{end or 'open'}"
    else:
        raise ValueError("time_iri needs a value, a begin or an end")
    return _minted(f"time/{quote(key, safe='-._~:')}")


def negated_lemma(lemma: str, negated: bool = False) -> str:
    """A relation's lemma with its polarity said once: "not recognise", and "never forget"
    stays as it is (the extractor may keep the negation in the lemma).

    >>> negated_lemma("recognise", True), negated_lemma("not forget", True)
    ('not recognise', 'not forget')
    """
    if negated and not lemma.lower().startswith(("not ", "never ")):
        return f"not {lemma}"
    return lemma


def relation_name(lemma: str, negated: bool = False) -> str:
    """Local name of the direct relation for a predicate lemma; negation prefixes ``not_``.

    >>> relation_name("lift sanctions on")
    'lift_sanctions_on'
    >>> relation_name("recognise", negated=True)
    'not_recognise'
    """
    return slug(negated_lemma(lemma, negated), sep="_")


@lru_cache(maxsize=4096)
def relation_iri(lemma: str, negated: bool = False) -> URIRef:
    """The direct subject→object property for a predicate lemma (see :func:`relation_name`).

    >>> relation_iri("release")
    rdflib.term.URIRef('https://w3id.org/kg-news/rel/release')
    """
    return REL[relation_name(lemma, negated)]


def entity_classes(type: str | None) -> tuple[URIRef, ...]:
    """Ontology classes for an NER or coarse entity type, always including kg:Entity.

    >>> [c.fragment for c in entity_classes("GPE")]
    ['Entity', 'Place']
    >>> [c.fragment for c in entity_classes("LAW")]
    ['Entity']
    """
    cls = _TYPE_CLASSES.get((type or "").upper())
    return (KG.Entity, cls) if cls is not None else (KG.Entity,)


def entity_class_name(type: str | None) -> str:
    """The name of the most specific class an entity of this type gets (``Entity`` if none).

    >>> entity_class_name("GPE"), entity_class_name("PERSON"), entity_class_name("LAW")
    ('Place', 'Person', 'Entity')
    """
    return entity_classes(type)[-1].fragment
