"""Open-IE output: the facts a triple benchmark counts, n-ary or one binary fact per argument.

The analysis keeps every fact n-ary (an event with its subject, object and further
arguments) and keeps descriptions (:attr:`kg.model.Fact.kind`). Open-IE output is a
reading of those facts: :func:`open_ie_facts` leaves the descriptions out unless asked and,
with ``binary``, reshapes each event into binary facts (:func:`binary_facts`), as strict
fact-level benchmarks want them; :func:`facts_to_carb_lines` prints either as CaRB lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from kg.errors import KgError
from kg.model import Argument, Fact, Span, jsonable

__all__ = [
    "CARB_EXCLUDED_RULES",
    "FORMATS",
    "binary_facts",
    "facts_to_carb_lines",
    "format_facts",
    "open_ie_facts",
]

#: The output formats of :func:`format_facts` (``kg extract --format``).
FORMATS = ("jsonl", "carb")

#: Rules whose facts :func:`facts_to_carb_lines` leaves out. CaRB scores verb-mediated Open
#: IE relations, and its gold rarely holds an event noun as the relation ("Boeing ;
#: acquisition ; McDonnell Douglas"), so these facts stay in the graph but not in CaRB output.
CARB_EXCLUDED_RULES = frozenset({"nominal_event", "verb_event", "noun_event", "state_event"})


def _clean(text: str) -> str:
    return " ".join(text.split())


def _core_relation(fact: Fact) -> str:
    """The relation of the subject-object fact: the predicate, with the object's preposition
    when the predicate does not already end with it ("acquisition" → "acquisition of")."""
    text = _clean(fact.predicate.text)
    prep = fact.object.prep if fact.object is not None else None
    if prep and not (text == prep or text.endswith(" " + prep)):
        return f"{text} {prep}"
    return text


def _base_relation(fact: Fact) -> str:
    """What an argument's relation starts from: the predicate and a direct object ("handcuffed
    him"), or the predicate without the preposition of an object it took in ("has been
    imprisoned since" → "has been imprisoned")."""
    text = _clean(fact.predicate.text)
    obj = fact.object
    if obj is None:
        return text
    if obj.prep is None:
        return f"{text} {_clean(obj.text)}"
    if text.endswith(" " + obj.prep):
        return text[: -len(obj.prep) - 1]
    return text


def _taken_in(fact: Fact, arg: Argument) -> bool:
    """Whether ``arg`` is a participant the relation phrase took in ("sanctions" of "agreed
    to lift sanctions on ; potash"): the relation already says it, so it is no binary fact
    of its own."""
    p = fact.predicate
    if None in (p.start, p.end, arg.start, arg.end):
        return False
    return p.start <= arg.start and arg.end <= p.end  # type: ignore[operator]


def _as_object(arg: Argument) -> Span:
    return Span(
        arg.text, arg.start, arg.end, entity=arg.entity, type=arg.type, role=arg.role,
        head=arg.head, refers=arg.refers, prep=arg.prep,
    )  # fmt: skip


def binary_facts(facts: Iterable[Fact]) -> Iterator[Fact]:
    """Each fact as binary facts: one per (subject, relation + preposition, argument).

    The subject-object fact comes first (its relation gains the object's preposition if it
    lacks it), then one fact per further argument, in text order, whose relation is the
    predicate, the direct object if any and the argument's preposition; the argument becomes
    the object, with its role; a participant the relation took in ("sanctions" of "agreed to
    lift sanctions on") gives none. A fact with nothing but a subject stays as it is. Everything
    else (subject, sentence, confidence, rule, kind, speaker, time, place) is kept, so
    ``graph`` output can be compared fact for fact; the n-ary fact itself stays in the
    analysis and the graph.

    Written for "Graner handcuffed him to the bars of a cell window."

    >>> from kg.extract import extract_text
    >>> [(f.subject.text, f.predicate.text, f.object.text) for f in binary_facts(
    ...     extract_text("Graner handcuffed him to the bars of a cell window."))]
    [('Graner', 'handcuffed', 'him'), ('Graner', 'handcuffed him to', 'the bars of a cell window')]
    """
    for fact in facts:
        if fact.object is None and not fact.arguments:
            yield fact
            continue
        lemma = fact.predicate.lemma or fact.predicate.text
        if fact.object is not None:
            yield replace(
                fact,
                predicate=replace(fact.predicate, text=_core_relation(fact)),
                arguments=(),
                actor=_slot(fact.actor, None),
                undergoer=_slot(fact.undergoer, None),
            )
        base = _base_relation(fact)
        shown = [k for k, a in enumerate(fact.arguments) if not _taken_in(fact, a)]
        order = sorted(shown, key=lambda k: fact.arguments[k].start)
        for k in order:
            arg = fact.arguments[k]
            yield replace(
                fact,
                predicate=replace(
                    fact.predicate,
                    text=f"{base} {arg.prep}" if arg.prep else base,
                    lemma=f"{lemma} {arg.prep}" if arg.prep else lemma,
                ),
                object=_as_object(arg),
                arguments=(),
                actor=_slot(fact.actor, f"arguments.{k}", subject_only=True),
                undergoer=_slot(fact.undergoer, f"arguments.{k}", subject_only=True),
            )


def _slot(name: str | None, moved: str | None, *, subject_only: bool = False) -> str | None:
    """Where an n-ary fact's actor or undergoer slot ``name`` lies in one of its binary facts:
    the argument ``moved`` became the object; the other arguments (and, for an argument's
    fact, the object) are gone."""
    if name is not None and name == moved:
        return "object"
    if name in ("subject", "attributed_to") or (name == "object" and not subject_only):
        return name
    return None


def open_ie_facts(
    facts: Iterable[Fact], *, binary: bool = False, descriptions: bool = False
) -> Iterator[Fact]:
    """The facts Open-IE output shows: events (and descriptions, if asked), n-ary or binary.

    >>> from kg.extract import extract_text
    >>> facts = extract_text("Opposition leader Svetlana Tikhanovskaya thanked Ukraine.")
    >>> [(f.kind, f.predicate.text) for f in facts]
    [('description', 'is'), ('event', 'thanked')]
    >>> [f.predicate.text for f in open_ie_facts(facts)]
    ['thanked']
    >>> [f.predicate.text for f in open_ie_facts(facts, descriptions=True)]
    ['is', 'thanked']
    """
    kept = (f for f in facts if descriptions or f.kind != "description")
    return binary_facts(kept) if binary else iter(kept)


def _prep_as_written(fact: Fact, arg: Argument) -> str | None:
    """The preposition of ``arg`` as the sentence writes it, where it stands right before the
    argument ("In 1961 , ..." keeps its capital: "In 1961", not "in 1961").

    >>> from kg.model import Predicate, Role
    >>> f = Fact("a", 0, "In 1961 he flew", 0, 15, predicate=Predicate("flew", 11, 15))
    >>> _prep_as_written(f, Argument(Role.TIME, "1961", 3, 7, prep="in"))
    'In'
    """
    prep = arg.prep
    if not prep:
        return prep
    before = fact.sentence_text[: max(0, arg.start - fact.sentence_start)].rstrip()
    written = before[-len(prep) :]
    edge = len(before) - len(prep)
    if written.lower() == prep and (edge == 0 or not before[edge - 1].isalnum()):
        return written
    return prep


def facts_to_carb_lines(
    facts: Iterable[Fact],
    sentences: Mapping[str, str] | None = None,
    *,
    binary: bool = False,
    descriptions: bool = False,
) -> list[str]:
    """Open IE lines ``sentence⇥confidence⇥relation⇥arg1⇥arg2⇥...`` as CaRB reads them.

    The facts are those of :func:`open_ie_facts` (``binary`` and ``descriptions`` as there).
    arg1 is the subject, arg2 the object, then the further arguments as "prep text" in text
    order. ``sentences`` maps an article id to the sentence to print instead of the fact's
    own (for ``--sentences`` input, where each article is one benchmark sentence). Facts
    without a subject, with nothing but a subject, and those of :data:`CARB_EXCLUDED_RULES`
    are left out.

    >>> from kg.model import Fact, Predicate, Span
    >>> f = Fact("a", 0, "US acts now", 0, 11, predicate=Predicate("acts", 3, 7),
    ...          subject=Span("US", 0, 2), object=Span("now", 8, 11), confidence=0.8)
    >>> facts_to_carb_lines([f])
    ['US acts now\\t0.8000\\tacts\\tUS\\tnow']
    >>> facts_to_carb_lines([replace(f, object=None)])  # a subject alone is no tuple
    []
    """
    lines = []
    for f in open_ie_facts(facts, binary=binary, descriptions=descriptions):
        if f.subject is None or f.rule in CARB_EXCLUDED_RULES:
            continue
        if f.object is None and not f.arguments:
            continue  # "Steve Jobs died": an event, but no tuple of two arguments
        sentence = sentences.get(f.doc, f.sentence_text) if sentences else f.sentence_text
        cols = [
            _clean(sentence),
            f"{f.confidence:.4f}",
            _clean(f.predicate.text),
            _clean(f.subject.text),
        ]
        if f.object is not None:
            cols.append(_clean(f.object.text))
        shown = [a for a in f.arguments if not _taken_in(f, a)]  # said by the relation
        for a in sorted(shown, key=lambda a: a.start):
            cols.append(_clean(f"{_prep_as_written(f, a)} {a.text}" if a.prep else a.text))
        lines.append("\t".join(cols))
    return lines


def format_facts(
    facts: Iterable[Fact],
    fmt: str = "jsonl",
    *,
    sentences: Mapping[str, str] | None = None,
    binary: bool = False,
    descriptions: bool = False,
) -> Iterator[str]:
    """The lines ``kg extract`` prints: JSON records (``"jsonl"``) or CaRB lines (``"carb"``).

    JSONL holds every fact of the analysis, n-ary, descriptions marked by ``kind``; with
    ``binary`` it holds the binary Open-IE facts instead (:func:`open_ie_facts`, without
    descriptions unless ``descriptions``). CaRB lines are :func:`facts_to_carb_lines`'s.

    >>> from kg.extract import extract_text
    >>> facts = extract_text("Graner handcuffed him to the bars.")
    >>> [json.loads(x)["predicate"]["text"] for x in format_facts(facts, binary=True)]
    ['handcuffed', 'handcuffed him to']
    >>> [x.split(chr(9))[2:] for x in format_facts(facts, "carb")]
    [['handcuffed', 'Graner', 'him', 'to the bars']]
    """
    if fmt == "carb":
        yield from facts_to_carb_lines(facts, sentences, binary=binary, descriptions=descriptions)
        return
    if fmt != "jsonl":
        raise KgError(f"unknown fact format {fmt!r}: choose {' or '.join(FORMATS)}")
    from kg.rdf import fact_record

    shown = open_ie_facts(facts, binary=True, descriptions=descriptions) if binary else facts
    for fact in shown:
        yield json.dumps(fact_record(fact), ensure_ascii=False, default=jsonable)
