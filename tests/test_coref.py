"""Within-article coreference on the Belarus sample article (real spaCy model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import Argument, Article, Entity, Fact, Span
from kg.parse import parse_articles, parse_text
from kg.resolve import entity_key, resolve_entities
from kg.resolve.coref import find_clusters

BELARUS = Path(__file__).resolve().parents[1] / "examples" / "articles"
BELARUS_FILE = BELARUS / "belarus-prisoners-2025-12-14.txt"


@pytest.fixture(scope="module")
def belarus(nlp) -> tuple[Article, list, list[Entity]]:
    from kg.ingest import read_articles

    article = next(read_articles([BELARUS_FILE]))
    parsed = next(parse_articles([article], nlp))
    _facts, entities, _ = resolve_entities(parsed, [])
    return article, parsed, entities


def _by_name(entities: list[Entity], name: str) -> list[Entity]:
    return [e for e in entities if e.name == name]


@pytest.mark.parametrize(
    ("name", "etype"),
    [
        ("Maria Kolesnikova", "PERSON"),
        ("Svetlana Tikhanovskaya", "PERSON"),
        ("United States", "GPE"),
        ("European Union", "ORG"),
        ("Alexander Lukashenko", "PERSON"),
        ("Belarus", "GPE"),
    ],
)
def test_belarus_one_entity_per_person_and_country(belarus, name, etype):
    _article, _docs, entities = belarus
    found = _by_name(entities, name)
    assert len(found) == 1, [e.name for e in entities]
    assert found[0].type == etype


@pytest.mark.parametrize(
    ("name", "alias"),
    [
        ("Maria Kolesnikova", "Kolesnikova"),
        ("Maria Kolesnikova", "Maria Kalesnikava"),
        ("United States", "US"),
        ("Alexander Lukashenko", "Lukashenko"),
        ("Svetlana Tikhanovskaya", "Tikhanovskaya"),
    ],
)
def test_belarus_aliases_gather_on_the_canonical_name(belarus, name, alias):
    _article, _docs, entities = belarus
    (entity,) = _by_name(entities, name)
    assert alias in entity.aliases
    # No alias is its own entity.
    assert not _by_name(entities, alias)


def test_belarus_alias_links_record_their_rule(belarus):
    _article, _docs, entities = belarus
    (maria,) = _by_name(entities, "Maria Kolesnikova")
    rules = {m.text: m.rule for m in maria.mentions}
    assert rules["Kolesnikova"] == "partial_name"
    assert rules["Maria Kalesnikava"] == "transliteration"
    (us,) = _by_name(entities, "United States")
    assert "acronym" in {m.rule for m in us.mentions}


def _mention_at(entities: list[Entity], start: int) -> Entity | None:
    for e in entities:
        if any(m.start == start for m in e.mentions):
            return e
    return None


def test_belarus_she_said_resolves_to_tikhanovskaya(belarus):
    article, _docs, entities = belarus
    starts = [i for i in range(len(article.text)) if article.text.startswith("she said", i)]
    starts += [article.text.index("she added")]
    assert len(starts) == 3
    for start in starts:
        entity = _mention_at(entities, start)
        assert entity is not None and entity.name == "Svetlana Tikhanovskaya", start


def test_belarus_quoted_i_is_the_speaker(belarus):
    article, _docs, entities = belarus
    start = article.text.index("I want to send")
    entity = _mention_at(entities, start)
    assert entity is not None and entity.name == "Svetlana Tikhanovskaya"


def test_belarus_the_country_in_first_paragraph_is_belarus(belarus):
    article, _docs, entities = belarus
    start = article.text.index("the country")
    entity = _mention_at(entities, start)
    assert entity is not None and entity.name == "Belarus"
    assert {m.rule for m in entity.mentions if m.start == start} == {"definite_description"}


def test_belarus_authoritarian_leader_is_lukashenko(belarus):
    article, _docs, entities = belarus
    start = article.text.index("the authoritarian leader")
    entity = _mention_at(entities, start)
    assert entity is not None and entity.name == "Alexander Lukashenko"


def test_belarus_entity_mentions_quote_the_text(belarus):
    article, _docs, entities = belarus
    for e in entities:
        for m in e.mentions:
            assert article.text[m.start : m.end] == m.text
            assert m.doc == article.id


def _span(article: Article, phrase: str, context: str) -> Span:
    """The span of ``phrase`` inside the unique ``context`` string of the article."""
    assert article.text.count(context) == 1, context
    start = article.text.index(context) + context.index(phrase)
    return Span(phrase, start, start + len(phrase))


def _fact(article: Article, subject: Span, predicate: Span, args: tuple[Argument, ...] = ()):
    return Fact(
        doc=article.id,
        sentence=0,
        sentence_text="",
        sentence_start=subject.start,
        sentence_end=predicate.end,
        predicate=predicate,
        subject=subject,
        arguments=args,
    )


def test_resolve_entities_writes_canonical_names_on_fact_spans(belarus):
    article, docs, _entities = belarus
    ukraine = _span(article, "Ukraine", "handed over to Ukraine along")

    def sv(subject: str, predicate: str, context: str) -> Fact:
        return _fact(article, _span(article, subject, context), _span(article, predicate, context))

    kolesnikova = sv("Kolesnikova", "handed over", "Kolesnikova was handed over")
    recipient = Argument("recipient", "Ukraine", ukraine.start, ukraine.end, prep="to")
    facts = [
        sv("she", "said", 'Ukraini!" she said'),
        sv("the US", "has agreed", "the US has agreed"),
        Fact(**{**kolesnikova.__dict__, "arguments": (recipient,)}),
        sv("the country", "imposed", "imposed on the country"),
    ]
    out, _, _ = resolve_entities(docs, facts)
    subjects = [f.subject for f in out]
    assert all(s is not None for s in subjects)
    assert [(s.entity, s.type) for s in subjects if s is not None] == [
        ("Svetlana Tikhanovskaya", "PERSON"),
        ("United States", "GPE"),
        ("Maria Kolesnikova", "PERSON"),
        ("Belarus", "GPE"),
    ]
    assert (out[2].arguments[0].entity, out[2].arguments[0].type) == ("Ukraine", "GPE")
    # Offsets and texts are untouched.
    for before, after in zip(facts, out, strict=True):
        assert before.subject is not None and after.subject is not None
        assert (after.subject.text, after.subject.start) == (
            before.subject.text,
            before.subject.start,
        )
        assert after.predicate == before.predicate


def test_resolve_entities_leaves_unresolved_spans_alone(belarus):
    article, docs, _ = belarus
    start = article.text.index("Those polls")
    span = Span("Those polls", start, start + 11, entity=None, type=None)
    pred_start = start + 12
    fact = Fact(
        article.id, 0, "", start, pred_start + 9, Span("triggered", pred_start, pred_start + 9),
        subject=span,
    )  # fmt: skip
    (out,), _, _ = resolve_entities(docs, [fact])
    assert out.subject == span


def test_resolve_entities_is_deterministic(belarus, nlp):
    article, docs, entities = belarus
    _, again, _ = resolve_entities(docs, [])
    assert again == entities


def test_small_article_partial_name_and_pronoun(nlp):
    text = "Maria Kolesnikova was freed on Sunday. Kolesnikova said she was happy."
    _, entities, _ = resolve_entities(parse_text(text, nlp), [])
    (maria,) = [e for e in entities if e.type == "PERSON"]
    assert maria.name == "Maria Kolesnikova"
    assert [m.rule for m in maria.mentions] == [None, "partial_name", "pronoun"]


def test_company_description_does_not_join_two_named_companies(nlp):
    text = (
        "Apple Inc. bought Infogear Technology Corp. on Monday. The company said the deal closed."
    )
    clustering = find_clusters(parse_text(text, nlp))
    groups = clustering.clusters()
    for group in groups:
        names = {m.text for m in group}
        assert not {"Apple Inc.", "Infogear Technology Corp."} <= names


def test_entity_key_is_stable_and_type_folded():
    assert entity_key("Belarus", "GPE") == entity_key("Belarus", "LOC") == "place/belarus"
    assert entity_key("Svetlana Tsikhanouskaya", "PERSON") == "person/svetlana-tsikhanouskaya"
    assert entity_key("the European Union", "ORG") == "org/european-union"


def _clusters(nlp, text: str) -> list[list[tuple[str, str | None]]]:
    clustering = find_clusters(parse_text(text, nlp))
    return [[(m.text, m.rule) for m in group] for group in clustering.clusters()]


def _cluster_of(clusters, text: str) -> list[tuple[str, str | None]]:
    return next(c for c in clusters if any(t == text for t, _ in c))


@pytest.mark.parametrize(
    ("text", "anaphor", "antecedent", "rule"),
    [
        (
            "Airbus unveiled the A380 on Tuesday. The company said the aircraft would fly soon.",
            "The company",
            "Airbus",
            "definite_description",
        ),
        (
            "Airbus unveiled the A380 on Tuesday. The company said the aircraft would fly soon.",
            "the aircraft",
            "A380",
            "definite_description",
        ),
        (
            "The European Union (EU) imposed sanctions. The EU said the measures would stay.",
            "EU",
            "European Union",
            "acronym",
        ),
        (
            "Steve Jobs introduced the iPhone. Later, Steve thanked the engineers.",
            "Steve",
            "Steve Jobs",
            "partial_name",
        ),
        (
            "Lockheed Martin praised Northrop Grumman. Northrop said it was pleased.",
            "Northrop",
            "Northrop Grumman",
            "partial_name",
        ),
        (
            "Lockheed Martin praised Northrop Grumman. Northrop said it was pleased.",
            "it",
            "Northrop Grumman",
            "pronoun",
        ),
        (
            '"I am delighted," said Boeing spokesman Jim Proulx.',
            "I",
            "Jim Proulx",
            "quote_speaker",
        ),
        (
            '"We are delighted," said Boeing spokesman Jim Proulx.',
            "We",
            "Boeing",
            "speaker_organisation",
        ),
        (
            "Airbus chief executive Noel Forgeard said he expected sales to rise.",
            "Airbus chief executive Noel Forgeard",
            "Noel Forgeard",
            "extent",
        ),
        (
            "Airbus chief executive Noel Forgeard said he expected sales to rise.",
            "he",
            "Noel Forgeard",
            "pronoun",
        ),
    ],
)
def test_sieve_links_anaphor_to_antecedent(nlp, text, anaphor, antecedent, rule):
    cluster = _cluster_of(_clusters(nlp, text), antecedent)
    assert (anaphor, rule) in cluster, cluster


@pytest.mark.parametrize(
    ("text", "anaphor", "antecedent", "rule"),
    [
        (
            "Apple sold more phones. The company's chief executive was pleased.",
            "The company",
            "Apple",
            "definite_description",
        ),
        (
            "The U.S. Air Force picked Boeing. The Air Force said the tanker was best.",
            "Air Force",
            "U.S. Air Force",
            "partial_name",
        ),
    ],
)
def test_more_sieve_links(nlp, text, anaphor, antecedent, rule):
    cluster = _cluster_of(_clusters(nlp, text), antecedent)
    assert (anaphor, rule) in cluster, cluster


def test_description_with_a_nationality_needs_it_in_the_antecedent(nlp):
    text = "Ryanair ordered five planes. The US manufacturer said deliveries start in May."
    cluster = _cluster_of(_clusters(nlp, text), "Ryanair")
    assert [t for t, _ in cluster] == ["Ryanair"]


def test_longer_name_is_not_a_phrase_around_a_shorter_one(nlp):
    clusters = _clusters(nlp, "Air China ordered planes. China approved the deal.")
    china = _cluster_of(clusters, "China")
    assert "Air China" not in [t for t, _ in china]


def test_pleonastic_it_is_not_a_mention(nlp):
    clusters = _clusters(nlp, "It is expected that Boeing will win the contract.")
    assert not any(t == "It" for c in clusters for t, _ in c)


def test_first_name_alone_is_ambiguous_between_two_people(nlp):
    text = "Steve Jobs met Steve Wozniak. Later, Steve thanked the engineers."
    cluster = _cluster_of(_clusters(nlp, text), "Steve")
    assert len(cluster) == 1


def test_article_offsets_map_to_token_ranges(belarus):
    """Offsets → tokens by bisection agrees with a scan over the tokens."""
    _article, parsed, _entities = belarus
    layer = parsed.segments[2]
    seg = layer.segment
    for start, end in [(seg.start, seg.end), (seg.start + 3, seg.start + 40), (seg.end, seg.end)]:
        inside = [t.i for t in layer if start <= seg.start + t.idx < end]
        want = (inside[0], inside[-1] + 1) if inside else (0, 0)
        assert parsed.tokens(2, start, end) == want


def test_speech_verbs_are_found_by_lemma(nlp):
    from kg.resolve.coref._quotes import SAY_VERBS, say_verbs

    layer = parse_text("The company's chief said that she and US officials told us.", nlp).segments[
        0
    ]
    assert say_verbs(layer) == [t.i for t in layer if t.lemma_.lower() in SAY_VERBS]
    assert [layer[i].text for i in say_verbs(layer)] == ["said", "told"]
