"""Analysis: parsed articles → :class:`~kg.model.AnalysedArticle`, every decision made here.

Extraction (:mod:`kg.extract`) reads the facts off the token layer; resolution
(:mod:`kg.resolve`) finds the entities and writes them onto the facts, gives each fact its
normalised time and gazetteer place, and settles what each participant names and who acts
on whom. What comes out is final: RDF, the store, the graph
projections and ``kg extract`` only map it.

>>> from kg.model import Article, Segment
>>> from kg.nlp import load_model
>>> text = "Belarus frees 123 political prisoners."
>>> article = Article(id="a", text=text, segments=(Segment(0, len(text), "title"),))
>>> [analysed] = analyse_articles([article], load_model())
>>> [(f.subject.entity, f.predicate.lemma, f.object.text) for f in analysed.facts]
[('Belarus', 'free', '123 political prisoners')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from kg.model import AnalysedArticle, Article, Entity, Fact, Mention, TimeValue

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.parse import ParsedArticle

__all__ = ["analyse_article", "analyse_articles", "analyse_text", "extract", "extract_records"]


def analyse_article(
    parsed: ParsedArticle,
    *,
    extractor: str = "kg.dep.v1",
    min_confidence: float = 0.0,
    resolve: bool = True,
) -> AnalysedArticle:
    """Extract, resolve entities and normalise times and places for one parsed article.

    The article's time expressions are found and normalised once
    (:func:`kg.resolve.timex.detect_times`, :attr:`AnalysedArticle.times`) and each fact takes
    the one its time participant overlaps. With ``resolve=False`` the facts are the
    extractor's own (no entities, times or places resolved, no times detected): what Open-IE
    output wants. The token layer is released afterwards.
    """
    from kg.extract import extract_facts
    from kg.resolve import (
        annotate_time_place,
        name_concepts,
        resolve_entities,
        settle_participants,
    )
    from kg.resolve.timex import detect_times

    facts = [f for f in extract_facts(parsed, extractor) if f.confidence >= min_confidence]
    entities: list[Entity] = []
    mentions: list[Mention] = []
    times: tuple[TimeValue, ...] = ()
    if resolve:
        times = detect_times(parsed)
        facts, entities, mentions = resolve_entities(parsed, facts)
        facts = annotate_time_place(parsed.article, facts, times)
        facts = [name_concepts(parsed, settle_participants(f)) for f in facts]
    sentences = parsed.sentence_count
    parsed.release()
    return AnalysedArticle(
        parsed.article, tuple(facts), tuple(entities), sentences, times, tuple(mentions)
    )


def analyse_articles(
    articles: Iterable[Article],
    nlp: Language,
    *,
    extractor: str = "kg.dep.v1",
    n_process: int = 1,
    batch_size: int | None = None,
    min_confidence: float = 0.0,
    resolve: bool = True,
) -> Iterator[AnalysedArticle]:
    """Parse and analyse a stream of articles, one at a time, in input order.

    Memory stays flat however many articles come in (only one ``nlp.pipe`` batch of
    segments is read ahead).
    """
    from kg.parse import parse_articles

    for parsed in parse_articles(articles, nlp, n_process=n_process, batch_size=batch_size):
        yield analyse_article(
            parsed, extractor=extractor, min_confidence=min_confidence, resolve=resolve
        )


def analyse_text(
    text: str,
    nlp: Language | None = None,
    *,
    published: date | None = None,
    extractor: str = "kg.dep.v1",
) -> AnalysedArticle:
    """One piece of text analysed as a single body segment (for notebooks and tests).

    >>> from datetime import date
    >>> text = "Kolesnikova was jailed in Minsk in 2020."
    >>> analysed = analyse_text(text, published=date(2025, 12, 14))
    >>> [(f.time.value, f.place.iso) for f in analysed.facts]
    [('2020', 'BY')]
    """
    from kg.model import Segment
    from kg.parse import parse_articles

    if nlp is None:
        from kg.nlp import load_model

        nlp = load_model()
    article = Article("text", text, segments=(Segment(0, len(text)),), published=published)
    return analyse_article(next(parse_articles([article], nlp)), extractor=extractor)


def extract(
    articles: Iterable[Article],
    nlp: Language,
    *,
    extractor: str = "kg.dep.v1",
    min_confidence: float = 0.0,
    resolve: bool = True,
) -> Iterator[Fact]:
    """The facts of every article, in text order (what ``kg extract`` prints)."""
    for analysed in analyse_articles(
        articles, nlp, extractor=extractor, min_confidence=min_confidence, resolve=resolve
    ):
        yield from analysed.facts


def extract_records(
    articles: Iterable[Article],
    nlp: Language,
    *,
    extractor: str = "kg.dep.v1",
    min_confidence: float = 0.0,
    resolve: bool = True,
    binary: bool = False,
    descriptions: bool = False,
) -> Iterator[dict[str, Any]]:
    """The JSON records ``kg extract`` prints, one per fact, in text order.

    Each is :func:`kg.rdf.fact_record`, with ``report`` (the IRI ``kg build`` gives the
    fact's ``kg:Event``) and ``event``: the IRI of the happening the fact reports
    (:func:`kg.identity.happening_iris`, the grouping ``kg build`` stores for the same
    articles; None for a description, which is no happening). The happenings group facts
    across all the articles given, so every article is analysed before the first record.
    With ``binary``, each fact gives its binary Open-IE facts instead
    (:func:`kg.extract.open_ie_facts`; descriptions only if ``descriptions``), each with the
    ``report`` and ``event`` of the fact it comes from.

    >>> from datetime import date
    >>> from kg.model import Article
    >>> from kg.nlp import load_model
    >>> a = Article("a", "Belarus freed 123 prisoners.", published=date(2025, 12, 13))
    >>> b = Article("b", "Belarus released 123 prisoners.", published=date(2025, 12, 13))
    >>> records = extract_records([a, b], load_model())
    >>> [(r["report"].split("/id/")[1], r["event"].split("/id/")[1]) for r in records]
    [('event/a/0', 'happening/a/0'), ('event/b/0', 'happening/a/0')]
    >>> c = Article("c", "Graner handcuffed him to the bars.", published=date(2025, 12, 13))
    >>> [(r["predicate"]["text"], r["event"].split("/id/")[1])
    ...  for r in extract_records([c], load_model(), binary=True)]
    [('handcuffed', 'happening/c/0'), ('handcuffed him to', 'happening/c/0')]
    """
    from kg.extract import open_ie_facts
    from kg.identity import happening_iris
    from kg.rdf import event_iri, fact_record

    analysed = list(
        analyse_articles(
            articles, nlp, extractor=extractor, min_confidence=min_confidence, resolve=resolve
        )
    )
    happening_of = happening_iris(analysed)
    for a in analysed:
        for n, fact in enumerate(a.facts):
            report = str(event_iri(a.article.id, n))
            shown = [fact]
            if binary:
                shown = list(open_ie_facts(shown, binary=True, descriptions=descriptions))
            for each in shown:
                record = fact_record(each)
                record["report"] = report
                record["event"] = happening_of.get(report)
                yield record
