"""MEANTIME evaluation: do our facts find the annotated events' participants and roles?

MEANTIME (Minard et al., LREC 2016) links event mentions to participant mentions with
PropBank roles (``HAS_PARTICIPANT``). ``gold.jsonl`` holds one link per row with character
offsets into ``articles/<doc_id>.txt``. The facts are those ``kg build`` stores: the
articles go through the same analysis (:func:`kg.analyse.analyse_articles`). A fact *matches
an event* when its predicate span covers the event mention (``pred.start <= event_start`` and
``event_end <= pred.end``), the event mention covers the predicate (a multi-word or
discontinuous event such as ``take ... away`` around the verb ``take``), or the predicate's
head word (:attr:`kg.model.Predicate.head`) lies inside the event span. A fact *finds a
link* when it matches the link's event and one of its participant spans (subject, object,
any argument, a located place) overlaps the participant mention.

Scores, overall and per topic:

* ``recall`` — gold links found, whatever role our span carries;
* role-correct recall per PropBank role — found by a span whose role maps to the gold role
  (:data:`ROLE_MAP`: Arg0 → agent; Arg1 → patient/theme; Arg2 → recipient, goal, instrument,
  beneficiary, attribute ...; ArgM-LOC → location). ``ArgM-OTHER`` has no mapping and is
  never role-correct;
* ``precision`` — among our facts whose predicate lies in a sentence holding at least one
  gold event mention, the share that match a gold event of that document and have a
  participant overlapping one of that event's gold participants (MEANTIME annotates only
  some events, so this is a precision on the annotated sentences, a lower bound).

>>> from kg.model import Fact, Predicate, Span
>>> text = "Boeing lost the contract."
>>> gold = [GoldLink("d", "t", 0, "lost", 7, 11, "e1", "Arg0", "Boeing", 0, 6)]
>>> fact = Fact("d", 0, text, 0, 25, predicate=Predicate("lost", 7, 11),
...             subject=Span("Boeing", 0, 6, role="agent"))
>>> r = score_meantime(gold, {"d": [fact]}, {"d": text})
>>> (r.overall.recall, r.overall.role_recall("Arg0"), r.overall.precision)
(1.0, 1.0, 1.0)
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.model import Article, Fact, Role, Segment

if TYPE_CHECKING:
    from spacy.language import Language


__all__ = [
    "ROLE_MAP",
    "GoldLink",
    "MeantimeScores",
    "MeantimeResult",
    "read_gold",
    "sentence_blocks",
    "read_meantime_article",
    "score_meantime",
    "evaluate_meantime",
    "format_table",
]

log = logging.getLogger(__name__)

#: Our span roles that count as correct for each MEANTIME (PropBank) role. Arg0 is the
#: proto-agent; Arg1 the proto-patient, which our rules call patient (direct object) or
#: theme (clausal or copular complement); Arg2-Arg4 are verb-specific (recipient, instrument,
#: attribute, start and end point), so several roles are accepted. ArgM-OTHER is left out.
ROLE_MAP: dict[str, frozenset[Role]] = {
    "Arg0": frozenset({Role.AGENT}),
    "Arg1": frozenset({Role.PATIENT, Role.THEME}),
    "Arg2": frozenset(
        {
            Role.RECIPIENT,
            Role.GOAL,
            Role.INSTRUMENT,
            Role.BENEFICIARY,
            Role.ATTRIBUTE,
            Role.COMPANION,
            Role.THEME,
            Role.SOURCE,
        }
    ),
    "Arg3": frozenset({Role.SOURCE, Role.GOAL, Role.BENEFICIARY, Role.INSTRUMENT, Role.ATTRIBUTE}),
    "Arg4": frozenset({Role.GOAL}),
    "ArgM-LOC": frozenset({Role.LOCATION, Role.GOAL, Role.SOURCE}),
}

#: Roles shown as columns by :func:`format_table`.
_TABLE_ROLES = ("Arg0", "Arg1", "Arg2")


@dataclass(frozen=True)
class GoldLink:
    """One MEANTIME ``HAS_PARTICIPANT`` link (a row of ``gold.jsonl``)."""

    doc_id: str
    topic: str
    sentence_index: int
    event: str
    event_start: int
    event_end: int
    event_id: str
    role: str
    participant: str
    participant_start: int
    participant_end: int


@dataclass(frozen=True)
class MeantimeScores:
    """Counts for one document, topic or the whole set; the rates are properties."""

    documents: int = 0
    links: int = 0
    links_found: int = 0
    events: int = 0
    events_found: int = 0
    facts: int = 0  # our facts in annotated sentences
    facts_correct: int = 0
    role_links: dict[str, int] = field(default_factory=dict)
    role_correct: dict[str, int] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        """Gold links found, regardless of role."""
        return self.links_found / self.links if self.links else 0.0

    @property
    def precision(self) -> float:
        """Facts in annotated sentences that match a gold event and one of its participants."""
        return self.facts_correct / self.facts if self.facts else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def event_recall(self) -> float:
        """Gold event mentions (with participants) matched by some fact's predicate."""
        return self.events_found / self.events if self.events else 0.0

    def role_recall(self, role: str) -> float:
        """Links of a PropBank role found by a span carrying a matching role of ours."""
        n = self.role_links.get(role, 0)
        return self.role_correct.get(role, 0) / n if n else 0.0

    def __add__(self, other: MeantimeScores) -> MeantimeScores:
        roles = set(self.role_links) | set(other.role_links)
        return MeantimeScores(
            self.documents + other.documents,
            self.links + other.links,
            self.links_found + other.links_found,
            self.events + other.events,
            self.events_found + other.events_found,
            self.facts + other.facts,
            self.facts_correct + other.facts_correct,
            {r: self.role_links.get(r, 0) + other.role_links.get(r, 0) for r in sorted(roles)},
            {r: self.role_correct.get(r, 0) + other.role_correct.get(r, 0) for r in sorted(roles)},
        )

    def as_dict(self) -> dict[str, Any]:
        """Counts and rates, JSON-ready."""
        return {
            "documents": self.documents,
            "links": self.links,
            "links_found": self.links_found,
            "recall": self.recall,
            "precision": self.precision,
            "f1": self.f1,
            "facts": self.facts,
            "facts_correct": self.facts_correct,
            "events": self.events,
            "event_recall": self.event_recall,
            "role_recall": {r: self.role_recall(r) for r in self.role_links},
            "role_links": dict(self.role_links),
        }


@dataclass(frozen=True)
class MeantimeResult:
    """Scores overall, per topic and per document."""

    overall: MeantimeScores
    topics: dict[str, MeantimeScores] = field(default_factory=dict)
    documents: dict[str, MeantimeScores] = field(default_factory=dict)


def read_gold(path: str | os.PathLike[str], doc_ids: Iterable[str] | None = None) -> list[GoldLink]:
    """Read ``gold.jsonl``, optionally only the given documents."""
    keep = set(doc_ids) if doc_ids is not None else None
    out: list[GoldLink] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read MEANTIME gold ({exc.strerror})") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if keep is not None and row["doc_id"] not in keep:
                continue
            out.append(
                GoldLink(
                    doc_id=row["doc_id"],
                    topic=row.get("topic") or "",
                    sentence_index=int(row["sentence_index"]),
                    event=row["event"],
                    event_start=int(row["event_start"]),
                    event_end=int(row["event_end"]),
                    event_id=str(
                        row.get("event_mention_id") or f"{row['event_start']}-{row['event_end']}"
                    ),
                    role=row["role"],
                    participant=row["participant"],
                    participant_start=int(row["participant_start"]),
                    participant_end=int(row["participant_end"]),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(str(path), f"not a MEANTIME gold row ({exc!r})", line=n) from None
    return out


def sentence_blocks(text: str) -> list[tuple[int, int]]:
    """Character ranges of the blank-line-separated blocks (block k is MEANTIME sentence k).

    >>> sentence_blocks("Title\\n\\nMarch 1, 2008\\n\\nBody one.")
    [(0, 5), (7, 20), (22, 31)]
    """
    out: list[tuple[int, int]] = []
    start = 0
    for block in text.split("\n\n"):
        out.append((start, start + len(block)))
        start += len(block) + 2
    return out


def read_meantime_article(path: str | os.PathLike[str], doc_id: str | None = None) -> Article:
    """A MEANTIME article: block 0 the headline, block 1 the date line (skipped), then body.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d, "7.txt")
    ...     _ = p.write_text("Boeing loses\\n\\nMarch 01, 2008\\n\\nBoeing lost.", encoding="utf-8")
    ...     a = read_meantime_article(p)
    >>> (a.id, [a.text[s.start:s.end] for s in a.segments])
    ('7', ['Boeing loses', 'Boeing lost.'])
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read article ({exc.strerror})") from exc
    blocks = sentence_blocks(text)
    segments = tuple(
        Segment(s, e, "title" if k == 0 else "body")
        for k, (s, e) in enumerate(blocks)
        if k != 1 and text[s:e].strip()
    )
    title = text[blocks[0][0] : blocks[0][1]] if blocks else ""
    return Article(
        id=doc_id or path.stem, text=text, title=title, segments=segments, path=str(path)
    )


def _read_articles(paths: Sequence[Path], doc_ids: Sequence[str]) -> list[Article]:
    """Articles through :func:`kg.ingest.read_articles` where it keeps the text intact."""
    try:
        from kg.ingest import read_articles
    except ImportError:
        read_articles = None  # type: ignore[assignment]
    out: list[Article] = []
    for path, doc_id in zip(paths, doc_ids, strict=True):
        fallback = read_meantime_article(path, doc_id)
        if read_articles is None:
            out.append(fallback)
            continue
        got = list(read_articles([path], errors=[]))
        # Gold offsets index the file text, so only an unchanged text is usable.
        if len(got) == 1 and got[0].text == fallback.text:
            out.append(replace(got[0], id=doc_id))
        else:
            log.warning("%s: ingest changed the text; reading it as plain MEANTIME text", path)
            out.append(fallback)
    return out


def _parts(fact: Fact) -> list[tuple[int, int, Role | None]]:
    """(start, end, role) of every participant span of a fact."""
    parts: list[tuple[int, int, Role | None]] = []
    for span in (fact.subject, fact.object):
        if span is not None:
            parts.append((span.start, span.end, span.role))
    parts += [(a.start, a.end, a.role) for a in fact.arguments]
    place = fact.place
    if place is not None and place.start is not None and place.end is not None:
        parts.append((place.start, place.end, Role.LOCATION))
    return parts


def _event_match(fact: Fact, start: int, end: int) -> bool:
    p, head = fact.predicate, fact.predicate.head
    if p.start is not None and p.end is not None:
        if p.start <= start and end <= p.end:
            return True
        if start <= p.start and p.end <= end:
            return True
    return head is not None and start <= head[0] and head[1] <= end


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    return a < d and c < b


def _score_doc(
    links: Sequence[GoldLink],
    facts: Sequence[Fact],
    blocks: Sequence[tuple[int, int]],
) -> MeantimeScores:
    events: dict[str, list[GoldLink]] = {}
    for link in links:
        events.setdefault(link.event_id, []).append(link)
    parts = [_parts(f) for f in facts]
    role_links: dict[str, int] = {}
    role_correct: dict[str, int] = {}
    found = events_found = 0
    # fact index -> the gold events its predicate matches
    matched: list[list[str]] = [[] for _ in facts]
    for event_id, ev_links in events.items():
        first = ev_links[0]
        hits = [
            k for k, f in enumerate(facts) if _event_match(f, first.event_start, first.event_end)
        ]
        for k in hits:
            matched[k].append(event_id)
        events_found += bool(hits)
        for link in ev_links:
            role_links[link.role] = role_links.get(link.role, 0) + 1
            overlapping = [
                role
                for k in hits
                for s, e, role in parts[k]
                if _overlaps(s, e, link.participant_start, link.participant_end)
            ]
            found += bool(overlapping)
            if any(r in ROLE_MAP.get(link.role, ()) for r in overlapping):
                role_correct[link.role] = role_correct.get(link.role, 0) + 1
    annotated = {link.sentence_index for link in links}
    ranges = [blocks[i] for i in sorted(annotated) if i < len(blocks)]
    n_facts = correct = 0
    for k, fact in enumerate(facts):
        at = fact.predicate.start if fact.predicate.start is not None else fact.sentence_start
        if not any(s <= at < e for s, e in ranges):
            continue
        n_facts += 1
        correct += any(
            _overlaps(s, e, link.participant_start, link.participant_end)
            for event_id in matched[k]
            for link in events[event_id]
            for s, e, _ in parts[k]
        )
    return MeantimeScores(
        documents=1,
        links=len(links),
        links_found=found,
        events=len(events),
        events_found=events_found,
        facts=n_facts,
        facts_correct=correct,
        role_links=dict(sorted(role_links.items())),
        role_correct={r: role_correct.get(r, 0) for r in sorted(role_links)},
    )


def score_meantime(
    gold: Sequence[GoldLink],
    facts: Mapping[str, Sequence[Fact]],
    texts: Mapping[str, str],
) -> MeantimeResult:
    """Score facts per document (``facts[doc_id]``) against the gold links.

    ``texts[doc_id]`` is the article text (for the sentence blocks). Documents with gold
    links but no facts score 0; facts of documents without gold are ignored.
    """
    by_doc: dict[str, list[GoldLink]] = {}
    for link in gold:
        by_doc.setdefault(link.doc_id, []).append(link)
    documents: dict[str, MeantimeScores] = {}
    topics: dict[str, MeantimeScores] = {}
    for doc_id, links in by_doc.items():
        doc_facts = list(facts.get(doc_id, ()))
        blocks = sentence_blocks(texts.get(doc_id, ""))
        scores = _score_doc(links, doc_facts, blocks)
        documents[doc_id] = scores
        topic = links[0].topic
        topics[topic] = topics.get(topic, MeantimeScores()) + scores
    overall = sum(topics.values(), MeantimeScores())
    return MeantimeResult(overall, dict(sorted(topics.items())), documents)


def evaluate_meantime(
    articles_dir: str | os.PathLike[str],
    gold_path: str | os.PathLike[str],
    *,
    nlp: Language | None = None,
    extractor: str = "kg.dep.v1",
    doc_ids: Iterable[str] | None = None,
    descriptions: bool = False,
) -> MeantimeResult:
    """Analyse the MEANTIME articles that have gold links as ``kg build`` does; score the facts.

    The facts scored are the events (:func:`kg.extract.open_ie_facts`, as the graph's view
    and ``who-did-what`` show them): MEANTIME links participants to event mentions, and a
    description ("Airbus chief executive Tom Enders") is no event, so it would only count
    against precision. ``descriptions`` scores them too. ``doc_ids`` limits the run to some
    documents (e.g. for a quick check).
    """
    from kg.analyse import analyse_articles
    from kg.extract import open_ie_facts

    gold = read_gold(gold_path, doc_ids)
    ids = sorted({link.doc_id for link in gold})
    base = Path(articles_dir)
    articles = _read_articles([base / f"{i}.txt" for i in ids], ids)
    if nlp is None:
        from kg.nlp import load_model

        nlp = load_model()
    texts = {a.id: a.text for a in articles}
    facts = {
        a.article.id: list(open_ie_facts(a.facts, descriptions=descriptions))
        for a in analyse_articles(articles, nlp, extractor=extractor)
    }
    return score_meantime(gold, facts, texts)


def format_table(result: MeantimeResult) -> str:
    """A plain-text table: one row per topic and one for all.

    >>> s = MeantimeScores(1, 4, 2, 2, 2, 5, 3, {"Arg0": 2}, {"Arg0": 1})
    >>> print(format_table(MeantimeResult(s, {"t": s})))
    topic   docs  links  recall  Arg0 R  Arg1 R  Arg2 R  events R  facts  precision
    t          1      4   0.500   0.500       -       -     1.000      5      0.600
    all        1      4   0.500   0.500       -       -     1.000      5      0.600
    """
    head = f"{'topic':<6}{'docs':>6}{'links':>7}{'recall':>8}"
    head += "".join(f"{r + ' R':>8}" for r in _TABLE_ROLES)
    head += f"{'events R':>10}{'facts':>7}{'precision':>11}"
    rows = [head]
    for name, s in [*result.topics.items(), ("all", result.overall)]:
        roles = "".join(
            f"{s.role_recall(r):>8.3f}" if s.role_links.get(r) else f"{'-':>8}"
            for r in _TABLE_ROLES
        )
        rows.append(
            f"{name:<6}{s.documents:>6}{s.links:>7}{s.recall:>8.3f}{roles}"
            f"{s.event_recall:>10.3f}{s.facts:>7}{s.precision:>11.3f}"
        )
    return "\n".join(rows)
