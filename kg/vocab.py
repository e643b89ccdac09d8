"""Every namespace and ontology term `kg` writes, declared once.

``KG`` mirrors ``ontologies/kg.ttl`` term for term (a test checks both directions); it is a
closed :class:`~rdflib.namespace.DefinedNamespace`, so a misspelt term fails at once:

>>> KG.Event
rdflib.term.URIRef('https://w3id.org/kg-news/ontology#Event')
>>> KG.Evnet
Traceback (most recent call last):
...
AttributeError: term 'Evnet' not in namespace 'https://w3id.org/kg-news/ontology#'

Resources live under :data:`ID` (see :mod:`kg.rdf` for the IRI scheme); the direct
subject→object relations under :data:`REL`, one property per predicate lemma:

>>> REL["lift_sanctions_on"]
rdflib.term.URIRef('https://w3id.org/kg-news/rel/lift_sanctions_on')

External vocabularies are re-exported from :mod:`rdflib.namespace` where rdflib has them;
SEM, NIF and WGS84 are declared here as closed namespaces holding just the terms we use
(rdflib's own ``WGS`` uses an ``https://`` IRI that the W3C never published, so it is not reused).
"""

from rdflib import Graph
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

from kg.model import Role

__all__ = [
    "KG",
    "ID",
    "REL",
    "SEM",
    "GAF",
    "NIF",
    "GEO",
    "GEONAMES",
    "DCTERMS",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SKOS",
    "TIME",
    "XSD",
    "PREFIXES",
    "bind_namespaces",
    "role_property",
]


class KG(DefinedNamespace):
    """The kg-news event ontology (``ontologies/kg.ttl``)."""

    _NS = Namespace("https://w3id.org/kg-news/ontology#")
    _fail = True

    # Classes
    Article: URIRef  # a news article; subclass of schema:NewsArticle and nif:Context
    Sentence: URIRef  # a sentence of an article; subclass of nif:Sentence
    Mention: URIRef  # a stretch of article text; subclass of nif:Phrase
    Event: URIRef  # an extracted event (fact); subclass of sem:Event
    Description: URIRef  # a fact of kind "description" (Fact.kind); subclass of kg:Event
    Entity: URIRef  # a named real-world thing; subclass of sem:Actor
    Person: URIRef
    Organisation: URIRef
    Place: URIRef
    Group: URIRef  # nationality, religious or political group (spaCy NORP)
    Product: URIRef
    Concept: URIRef  # a phrase that names no entity ("123 prisoners", "sanctions")

    # Event description
    eventType: URIRef
    predicate: URIRef
    lemma: URIRef
    confidence: URIRef
    negated: URIRef
    modality: URIRef
    quantity: URIRef
    rule: URIRef
    timeValue: URIRef

    # Roles: event -> entity, place, time or concept; one per kg.model.Role, same names
    argument: URIRef  # super-property of every role; Role.ARGUMENT: no more specific role
    agent: URIRef
    patient: URIRef
    recipient: URIRef
    theme: URIRef
    instrument: URIRef
    beneficiary: URIRef
    source: URIRef
    goal: URIRef
    companion: URIRef
    topic: URIRef
    cause: URIRef
    purpose: URIRef
    attribute: URIRef
    possessor: URIRef
    location: URIRef
    time: URIRef
    attributedTo: URIRef

    # Provenance: where in the article an event or mention comes from
    inArticle: URIRef
    sentence: URIRef
    sentenceIndex: URIRef
    predicateSpan: URIRef
    subjectSpan: URIRef
    objectSpan: URIRef
    argumentSpan: URIRef
    actorSpan: URIRef  # the span of the participant who acts, decided once by the analysis
    role: URIRef
    preposition: URIRef

    # Mentions and entities
    refersTo: URIRef
    mentions: URIRef
    corefRule: URIRef
    entityType: URIRef
    identityRule: URIRef  # the rule behind an owl:sameAs of two entities (id/entity-links)
    sharedContext: URIRef  # what the articles of two linked entities share

    # Places and articles
    isoCode: URIRef
    placeKind: URIRef
    datelinePlace: URIRef
    agency: URIRef
    contentHash: URIRef  # store bookkeeping: hash of the text an article graph was built from

    # Happenings: one real-world event across articles, and the reports (events) of it
    Happening: URIRef  # an event instance; its reports are kg:Events (gaf:denotedBy)
    EventLink: URIRef  # the evidence that two reports are of one happening
    happening: URIRef  # report -> its happening
    eventClass: URIRef  # a report's event type up to synonyms and word class ("quake")
    reportCount: URIRef
    mainReport: URIRef  # happening -> the report that shows it (who-did-what's row)
    firstReported: URIRef
    lastReported: URIRef
    reportedIn: URIRef  # happening -> an article reporting it
    linkSource: URIRef
    linkTarget: URIRef
    linkScore: URIRef
    evidence: URIRef

    # The direct relations under REL
    relation: URIRef


#: Resources (articles, sentences, mentions, events, entities, concepts, times).
ID = Namespace("https://w3id.org/kg-news/id/")

#: Direct subject→object relations, one property per predicate lemma ("lift_sanctions_on").
REL = Namespace("https://w3id.org/kg-news/rel/")


class SEM(DefinedNamespace):
    """Simple Event Model (van Hage et al. 2011): the terms `kg` uses."""

    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    _fail = True

    Core: URIRef
    Event: URIRef
    Actor: URIRef
    Place: URIRef
    Time: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTime: URIRef
    hasTimeStamp: URIRef
    hasBeginTimeStamp: URIRef
    hasEndTimeStamp: URIRef


class GAF(DefinedNamespace):
    """Grounded Annotation Framework (Fokkens et al. 2014, NewsReader): instances and the
    mentions that denote them."""

    _NS = Namespace("http://groundedannotationframework.org/gaf#")
    _fail = True

    denotedBy: URIRef


class NIF(DefinedNamespace):
    """NLP Interchange Format 2.0 core: the terms `kg` uses."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    String: URIRef
    Context: URIRef
    Sentence: URIRef
    Phrase: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    referenceContext: URIRef
    isString: URIRef


class GEO(DefinedNamespace):
    """W3C Basic Geo (WGS84 lat/long) vocabulary."""

    _NS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
    _fail = True

    SpatialThing: URIRef
    lat: URIRef
    long: URIRef


#: GeoNames features: ``GEONAMES["625144/"]`` is Minsk (the form GeoNames uses for owl:sameAs).
GEONAMES = Namespace("https://sws.geonames.org/")

#: Prefix → namespace, bound by :func:`bind_namespaces` and used in files. :data:`ID` has no
#: prefix on purpose: its local names hold slashes, which Turtle would have to escape
#: (``id:event\/a1\/0``), so full IRIs read better.
PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "rel": str(REL),
    "sem": str(SEM),
    "gaf": str(GAF),
    "nif": str(NIF),
    "geo": str(GEO),
    "gn": str(GEONAMES),
    "prov": str(PROV),
    "time": str(TIME),
    "schema": str(SDO),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def bind_namespaces(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` (replacing rdflib's defaults) and return it.

    >>> g = bind_namespaces(Graph())
    >>> g.namespace_manager.compute_qname(str(KG.Event))[:2]
    ('kg', rdflib.term.URIRef('https://w3id.org/kg-news/ontology#'))
    """
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def _materialise(namespace: type[DefinedNamespace]) -> None:
    # A DefinedNamespace builds a new URIRef, after checks, on every attribute access
    # (~0.5 µs); the RDF writer reads these terms millions of times in a build. Storing each
    # declared term on the class makes the access a plain attribute read, same values.
    for name in namespace.__annotations__:
        if not name.startswith("_"):
            setattr(namespace, name, namespace[name])


for _namespace in (KG, SEM, GAF, NIF, GEO):
    _materialise(_namespace)


def role_property(role: Role | str | None) -> URIRef:
    """The ontology property of a role: the term of the same name (``kg:argument`` for None).

    A role's name works as well as the role; a name that is no role is an error:

    >>> role_property(Role.COMPANION), role_property("time").fragment
    (rdflib.term.URIRef('https://w3id.org/kg-news/ontology#companion'), 'time')
    """
    return getattr(KG, Role(role or Role.ARGUMENT).value)  # type: ignore[no-any-return]
