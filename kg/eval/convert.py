"""Convert the public MEANTIME release into the folder layout ``kg eval`` reads.

``kg eval meantime|timex|coref DIR`` read plain-text articles and JSON Lines gold (the layout
:mod:`kg.eval.data` declares and ``docs/evaluation.md`` describes). The public release is CAT
XML; :func:`convert_meantime` writes the layout from it:

- ``articles/<doc_id>.txt``: the corpus tokens rebuilt as text (:func:`detokenize`), one
  corpus sentence per paragraph, paragraphs separated by one blank line, so paragraph *k* is
  sentence *k* (0 the headline, 1 the date line);
- ``gold.jsonl`` (``HAS_PARTICIPANT`` links), ``timex.jsonl`` (``TIMEX3`` with text),
  ``entities.jsonl`` (``ENTITY_MENTION`` with tokens) and ``documents.jsonl``.

Offsets are the token spans the detokeniser returned (no string search). The only changes
to the annotation are the normalisations of :func:`_role` and :func:`_dbpedia`.

>>> text, spans = detokenize(["Airbus", "'", "new", "A380", "'s", "(", "``", "#", "4", "''", ")"])
>>> print(text)
Airbus' new A380's ("£4")
>>> spans[:5]
[(0, 6), (6, 7), (8, 11), (12, 16), (16, 18)]
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError

__all__ = [
    "ConvertSummary",
    "EcbplusSummary",
    "convert_ecbplus",
    "convert_meantime",
    "detokenize",
]

#: Tokens rendered differently from their corpus spelling (PTB quotes and the PTB ``#``).
_RENDER = {"``": '"', "''": '"', "#": "£"}
#: Tokens written with no space before them: closing punctuation and clitics.
_CLITICS = frozenset({"'s", "'S", "’s", "n't", "N'T", "n’t", "''"})
_CLOSING = frozenset(".,;:!?%)]}'’”…")
#: A contraction the tokeniser split at its apostrophe (``we ' re``): written as one word.
_APOSTROPHES = frozenset({"'", "’"})
_CONTRACTED = frozenset({"s", "re", "ve", "ll", "d", "m", "t"})
#: Tokens written with no space after them: opening brackets and quotes.
_OPENING = frozenset({"(", "[", "{", "``", "“", "‘"})
#: A currency sign, alone or after a country code (``US$``); no space before a number after it.
_CURRENCY = re.compile(r"^[A-Z]{0,3}[$£€¥#]$")

_SOURCE = "the English MEANTIME release (CAT XML, see docs/evaluation.md)"


@dataclass(frozen=True)
class ConvertSummary:
    """What a conversion wrote: the output folder and the rows of each file.

    >>> ConvertSummary(Path("out"), 2, 24, 6, 48).describe()
    'out: 2 articles, 24 participant links (gold.jsonl), 6 time expressions (timex.jsonl), \
48 entity mentions (entities.jsonl)'
    """

    out_dir: Path
    documents: int
    links: int
    timex: int
    entities: int

    def describe(self) -> str:
        """One line for the command line."""
        return (
            f"{self.out_dir}: {self.documents} articles, {self.links} participant links "
            f"(gold.jsonl), {self.timex} time expressions (timex.jsonl), {self.entities} "
            "entity mentions (entities.jsonl)"
        )


def detokenize(
    tokens: Sequence[str], *, rejoin: bool = False, quotes: bool = False, quote_open: bool = False
) -> tuple[str, list[tuple[int, int]]]:
    """Corpus tokens as text, and each token's ``(start, end)`` in it.

    No space before punctuation or ``'s``/``n't``, none after an opening bracket or quote,
    nor after a currency sign before a number; the PTB quotes become ``"``, and the PTB
    escape ``#`` becomes ``£``.

    >>> detokenize(["worth", "$", "15", "billion", ",", "it", "said", "."])[0]
    'worth $15 billion, it said.'
    >>> detokenize(["million", "$", "(", "US$", "199", "million", ")"])[0]
    'million $ (US$199 million)'

    For ECB+: ``rejoin`` undoes its tokeniser's splits of hyphens, decimals, times, thousands
    and initials; with ``quotes`` a bare ``"`` opens a quote, or closes the one open (one
    may be open from an earlier sentence: ``quote_open``). A token's span leaves out
    whitespace it ends with.

    >>> detokenize(["AK", "-", "47", "at", "05", ".", "51AM", "in", "U", ".", "S", "."],
    ...            rejoin=True)[0]
    'AK-47 at 05.51AM in U.S.'
    >>> detokenize(['"', "Yes", ",", '"', "he", "said"], quotes=True)[0]
    '"Yes," he said'
    """
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    open_quote, opened = quote_open, False
    for i, token in enumerate(tokens):
        closes = quotes and token == '"' and open_quote
        glued = closes or opened or (rejoin and _rejoined(tokens, i))
        if i and not glued and _space_between(tokens[i - 1], token):
            text.append(" ")
            pos += 1
        shown = _RENDER.get(token, token)
        text.append(shown)
        spans.append((pos, pos + len(shown.rstrip())))
        pos += len(shown)
        opened = quotes and token == '"' and not open_quote
        if quotes and shown.count('"') % 2:
            open_quote = not open_quote
    return "".join(text), spans


def _space_between(left: str, right: str) -> bool:
    if right in _CLITICS or (right and all(ch in _CLOSING for ch in right)):
        return False
    if left in _APOSTROPHES and right in _CONTRACTED:  # we ' re
        return False
    if left in _OPENING:
        return False
    return not (_CURRENCY.match(left) and right[:1].isdigit())


def _rejoined(tokens: Sequence[str], i: int) -> bool:
    """Whether ECB+'s tokeniser split tokens ``i - 1`` and ``i`` out of one word:
    ``17 - year - old``, ``6 . 1``, ``5 : 46``, ``20 , 000``, ``U . S .``."""
    left, right = tokens[i - 1], tokens[i]
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    before = tokens[i - 2] if i > 1 else ""
    if right == "-" and left[-1:].isalnum() and after[:1].isalnum():
        return True
    if left == "-" and before[-1:].isalnum() and right[:1].isalnum():
        return True
    if left in {".", ":"} and before[-1:].isdigit() and right[:1].isdigit():
        return True
    if left == "," and before[-1:].isdigit() and len(right) == 3 and right.isdigit():
        return True
    initial = len(before) == 1 and before.isupper()
    return left == "." and initial and len(right) == 1 and right.isupper()


@dataclass(frozen=True)
class _Mention:
    """A markable's tokens as character spans: pieces of consecutive tokens."""

    m_id: str
    sentence: int
    pieces: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def text(self, article: str) -> str:
        return " ".join(article[a:b] for a, b in self.pieces)


@dataclass
class _Doc:
    """One parsed CAT file: its text, sentences and markables."""

    path: Path
    topic: str
    doc_id: str
    url: str | None
    text: str
    sentences: list[str]
    tokens: int
    markables: dict[str, ET.Element]
    mentions: dict[str, _Mention]
    refers: dict[str, list[str]]
    relations: list[ET.Element]


def convert_meantime(
    xml_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str]
) -> ConvertSummary:
    """Write the layout ``kg eval meantime|timex|coref`` read, from MEANTIME's CAT XML.

    ``xml_dir`` is the release's ``intra_cross-doc_annotation`` folder (``corpus_<topic>/*.xml``)
    or one ``corpus_<topic>`` folder. Every file is read before anything is written, so a
    malformed file leaves ``out_dir`` as it was.

    >>> convert_meantime("/no/such/folder", "/tmp/out")
    Traceback (most recent call last):
      ...
    kg.errors.InputError: /no/such/folder: no such directory; give the ...
    """
    files = _meantime_files(Path(xml_dir))
    docs = sorted((_read_cat(path, topic) for topic, path in files), key=_doc_order)
    seen: dict[str, Path] = {}
    for doc in docs:
        if doc.doc_id in seen:
            raise InputError(str(doc.path), f"doc_id {doc.doc_id} is also in {seen[doc.doc_id]}")
        seen[doc.doc_id] = doc.path
    gold = [row for doc in docs for row in _gold_rows(doc)]
    timex = [row for doc in docs for row in _timex_rows(doc)]
    entities = [row for doc in docs for row in _entity_rows(doc)]
    documents = [_document_row(doc, gold, timex) for doc in docs]

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), "exists and is not a directory; give a folder to write into")
    (out / "articles").mkdir(parents=True, exist_ok=True)
    for doc in docs:
        _write(out / "articles" / f"{doc.doc_id}.txt", doc.text)
    for name, rows in (
        ("gold.jsonl", gold),
        ("timex.jsonl", timex),
        ("entities.jsonl", entities),
        ("documents.jsonl", documents),
    ):
        _write(out / name, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return ConvertSummary(out, len(docs), len(gold), len(timex), len(entities))


def _meantime_files(base: Path) -> list[tuple[str, Path]]:
    where = "give the intra_cross-doc_annotation folder (corpus_<topic>/*.xml) of " + _SOURCE
    if not base.is_dir():
        problem = "not a directory" if base.exists() else "no such directory"
        raise InputError(str(base), f"{problem}; {where}")
    folders = sorted(p for p in base.glob("corpus_*") if p.is_dir())
    if not folders and base.name.startswith("corpus_"):
        folders = [base]
    files = [(f.name.removeprefix("corpus_"), p) for f in folders for p in sorted(f.glob("*.xml"))]
    if not files:
        raise InputError(str(base), f"no corpus_*/*.xml files; {where}")
    return files


def _doc_order(doc: _Doc) -> tuple[str, int, str]:
    return (doc.topic, int(doc.doc_id) if doc.doc_id.isdigit() else -1, doc.doc_id)


def _xml_root(path: Path, expected: str) -> ET.Element:
    """The root element of the XML file ``path``; a file that is not well-formed or cannot be
    read is one :class:`InputError` naming it and what was ``expected`` there."""
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(str(path), f"not well-formed XML ({exc}); expected {expected}") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror})") from None


def _read_cat(path: Path, topic: str) -> _Doc:
    """Parse one CAT file: tokens into text, markables into character spans."""
    root = _xml_root(path, f"a CAT file of {_SOURCE}")
    doc_id = root.get("doc_id")
    if root.tag != "Document" or not doc_id:
        raise InputError(
            str(path), f"no <Document doc_id=...> root; expected a CAT file of {_SOURCE}"
        )
    tokens = root.findall("token")
    if not tokens:
        raise InputError(str(path), f"has no <token> elements; expected a CAT file of {_SOURCE}")
    by_sentence: dict[int, list[ET.Element]] = {}
    try:
        for token in tokens:
            by_sentence.setdefault(int(token.get("sentence", "")), []).append(token)
    except ValueError:
        raise InputError(str(path), "a <token> has no numeric sentence attribute") from None
    # token id -> (sentence, position in the document's token order, start, end)
    where: dict[str, tuple[int, int, int, int]] = {}
    sentences: list[str] = []
    offset = 0
    order = 0
    quote_open = False
    for sentence in sorted(by_sentence):
        toks = by_sentence[sentence]
        text, spans = detokenize(
            [t.text or "" for t in toks], quotes=True, quote_open=quote_open
        )
        quote_open ^= text.count('"') % 2 == 1
        for token, (start, end) in zip(toks, spans, strict=True):
            where[token.get("t_id", "")] = (sentence, order, offset + start, offset + end)
            order += 1
        sentences.append(text)
        offset += len(text) + 2
    markables = {m.get("m_id", ""): m for m in root.iterfind("Markables/*")}
    mentions = {}
    for m_id, element in markables.items():
        anchors = [
            where[a.get("t_id", "")]
            for a in element.iter("token_anchor")
            if a.get("t_id", "") in where
        ]
        if anchors:
            mentions[m_id] = _mention(m_id, sorted(set(anchors)))
    relations = list(root.iterfind("Relations/*"))
    refers: dict[str, list[str]] = {}
    for rel in relations:
        if rel.tag == "REFERS_TO":
            target = _target(rel)
            for source in rel.iterfind("source"):
                refers.setdefault(source.get("m_id", ""), []).append(target)
    return _Doc(
        path,
        topic,
        doc_id,
        root.get("url") or None,
        "\n\n".join(sentences) + "\n",
        sentences,
        len(tokens),
        markables,
        mentions,
        refers,
        relations,
    )


def _mention(m_id: str, anchors: list[tuple[int, int, int, int]]) -> _Mention:
    pieces: list[tuple[int, int]] = []
    last = None
    for _sentence, order, start, end in anchors:
        if last is not None and order == last + 1:
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
        last = order
    return _Mention(m_id, anchors[0][0], tuple(pieces))


def _target(rel: ET.Element) -> str:
    target = rel.find("target")
    return "" if target is None else target.get("m_id", "")


def _attr(element: ET.Element | None, name: str) -> str | None:
    """An attribute's value, or None where it is missing or empty."""
    if element is None:
        return None
    value = element.get(name)
    return value if value else None


def _role(sem_role: str | None) -> str | None:
    """The source writes ``Argm-LOC``; PropBank (and kg) write ``ArgM-LOC``."""
    if sem_role and sem_role.lower().startswith("argm-"):
        return "ArgM-" + sem_role[5:]
    return sem_role


def _dbpedia(external_ref: str | None) -> str | None:
    """A DBpedia resource IRI (``…/page/…`` rewritten as ``…/resource/…``), else None.

    >>> _dbpedia("http://dbpedia.org/page/Boeing")
    'http://dbpedia.org/resource/Boeing'
    >>> _dbpedia("no er") is None and _dbpedia("Mail_(OS_X)") is None
    True
    """
    ref = (external_ref or "").strip()
    for prefix in ("http://dbpedia.org/page/", "http://dbpedia.org/resource/"):
        if ref.startswith(prefix) and len(ref) > len(prefix):
            return "http://dbpedia.org/resource/" + ref[len(prefix) :]
    return None


def _instances(doc: _Doc, m_id: str, tag: str) -> list[ET.Element]:
    """The ``tag`` instances (ENTITY or EVENT) a mention REFERS_TO, in the file's order."""
    found = [doc.markables.get(t) for t in doc.refers.get(m_id, [])]
    return [e for e in found if e is not None and e.tag == tag]


def _entity_instance(doc: _Doc, m_id: str) -> tuple[ET.Element | None, list[ET.Element]]:
    """The entity a mention refers to (the one with a DBpedia link, if several) and the rest."""
    found = _instances(doc, m_id, "ENTITY")
    if not found:
        return None, []
    linked = [e for e in found if _dbpedia(e.get("external_ref"))]
    chosen = linked[0] if linked else found[0]
    return chosen, [e for e in found if e is not chosen]


def _gold_rows(doc: _Doc) -> list[dict[str, Any]]:
    rows = []
    for rel in doc.relations:
        if rel.tag != "HAS_PARTICIPANT":
            continue
        source = rel.find("source")
        event_id = "" if source is None else source.get("m_id", "")
        part_id = _target(rel)
        event, part = doc.mentions.get(event_id), doc.mentions.get(part_id)
        if event is None or part is None:
            continue
        mention = doc.markables[event_id]
        events = _instances(doc, event_id, "EVENT")
        instance = events[0] if events else None
        propbank = (_attr(instance, "external_ref") or "").strip() or None
        lemma, lemma_source = _event_lemma(_attr(mention, "pred"), propbank)
        target = doc.markables[part_id]
        row: dict[str, Any] = {
            "topic": doc.topic,
            "doc_id": doc.doc_id,
            "sentence_index": event.sentence,
            "sentence": doc.sentences[event.sentence],
            "event": event.text(doc.text),
            "event_start": event.start,
            "event_end": event.end,
            "event_lemma": lemma,
            "event_lemma_source": lemma_source,
            "event_pos": _attr(mention, "pos"),
            "event_tense": _attr(mention, "tense"),
            "polarity": _attr(mention, "polarity"),
            "event_class": _attr(instance, "class"),
            "event_propbank": propbank,
            "role": _role(rel.get("sem_role")),
            "participant": part.text(doc.text),
            "participant_start": part.start,
            "participant_end": part.end,
            "participant_sentence_index": part.sentence,
        }
        if target.tag == "VALUE":
            row |= {"participant_kind": "value", "participant_type": None}
            row |= {"entity_type": _attr(target, "type"), "entity": None}
            row |= {"entity_instance": None, "dbpedia": None}
        else:
            entity, _others = _entity_instance(doc, part_id)
            row |= {"participant_kind": "entity"}
            row |= {"participant_type": _attr(target, "syntactic_type")}
            row |= {
                "entity_type": _attr(entity, "ent_type"),
                "entity": _attr(entity, "TAG_DESCRIPTOR"),
            }
            row |= {"entity_instance": _attr(entity, "instance_id")}
            row |= {"dbpedia": _dbpedia(_attr(entity, "external_ref"))}
        row |= {"event_mention_id": event_id, "participant_mention_id": part_id}
        if len(event.pieces) > 1:
            row["event_spans"] = [list(p) for p in event.pieces]
        rows.append(row)
    rows.sort(
        key=lambda r: (
            r["event_start"],
            r["event_end"],
            r["participant_start"],
            r["participant_end"],
        )
    )
    return rows


def _event_lemma(pred: str | None, propbank: str | None) -> tuple[str | None, str | None]:
    """The annotator's ``pred``, else the lemma of the instance's PropBank senses if they share
    one (``launch.01``: launch; ``unveil.01;announcement.01``: none), and where it came from."""
    if pred:
        return pred, "pred"
    senses = {s.strip().split(".")[0] for s in (propbank or "").split(";") if s.strip()}
    return (senses.pop(), "propbank") if len(senses) == 1 else (None, None)


def _timex_rows(doc: _Doc) -> list[dict[str, Any]]:
    rows = []
    dct = _dct(doc)
    for m_id, element in doc.markables.items():
        mention = doc.mentions.get(m_id)
        if element.tag != "TIMEX3" or mention is None:
            continue
        rows.append(
            {
                "topic": doc.topic,
                "doc_id": doc.doc_id,
                "timex_id": m_id,
                "text": doc.text[mention.start : mention.end],
                "start": mention.start,
                "end": mention.end,
                "sentence_index": mention.sentence,
                "type": _attr(element, "type"),
                "value": _attr(element, "value"),
                "function_in_document": _attr(element, "functionInDocument"),
                "anchor_time_id": _attr(element, "anchorTimeID"),
                "begin_point": _attr(element, "beginPoint"),
                "end_point": _attr(element, "endPoint"),
                "dct": dct,
            }
        )
    rows.sort(key=lambda r: (r["start"], r["end"]))
    return rows


def _dct(doc: _Doc) -> str | None:
    for element in doc.markables.values():
        if element.tag == "TIMEX3" and element.get("functionInDocument") == "CREATION_TIME":
            return _attr(element, "value")
    return None


def _entity_rows(doc: _Doc) -> list[dict[str, Any]]:
    rows = []
    for m_id, element in doc.markables.items():
        mention = doc.mentions.get(m_id)
        if element.tag != "ENTITY_MENTION" or mention is None:
            continue
        entity, others = _entity_instance(doc, m_id)
        row: dict[str, Any] = {
            "doc_id": doc.doc_id,
            "topic": doc.topic,
            "sentence_index": mention.sentence,
            "mention": mention.text(doc.text),
            "start": mention.start,
            "end": mention.end,
        }
        if len(mention.pieces) > 1:
            row["mention_spans"] = [list(p) for p in mention.pieces]
        row |= {
            "syntactic_type": _attr(element, "syntactic_type"),
            "entity_type": _attr(entity, "ent_type"),
            "instance_id": f"{doc.doc_id}:{entity.get('m_id')}" if entity is not None else None,
            "cross_doc_id": _attr(entity, "instance_id"),
            "entity": _attr(entity, "TAG_DESCRIPTOR"),
            "dbpedia": _dbpedia(_attr(entity, "external_ref")),
            "mention_id": m_id,
        }
        if others:
            row["other_instance_ids"] = [f"{doc.doc_id}:{e.get('m_id')}" for e in others]
        rows.append(row)
    rows.sort(key=lambda r: (r["start"], r["end"], _number(r["mention_id"])))
    return rows


def _number(m_id: str) -> int:
    return int(m_id) if m_id.isdigit() else -1


def _document_row(
    doc: _Doc, gold: Iterable[dict[str, Any]], timex: Iterable[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "topic": doc.topic,
        "file": f"articles/{doc.doc_id}.txt",
        "title": doc.sentences[0],
        "date_line": doc.sentences[1] if len(doc.sentences) > 1 else None,
        "dct": _dct(doc),
        "url": doc.url,
        "source_file": doc.path.name,
        "sentences": len(doc.sentences),
        "tokens": doc.tokens,
        "words": len(doc.text.split()),
        "chars": len(doc.text),
        "has_participant": sum(1 for r in gold if r["doc_id"] == doc.doc_id),
        "timex": sum(1 for r in timex if r["doc_id"] == doc.doc_id),
    }


def _write(path: Path, text: str) -> None:
    """Write through a temporary file, so a reader never sees half a file."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(path)


#: The standard ECB+ split (Cybulska & Vossen 2015): dev topics; train is the rest of 1–35.
#: Topics 36–45 are the held-out test topics: their texts are written, not their gold.
_ECB_DEV = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
_ECB_GOLD_TOPICS = range(1, 36)
_ECB_SOURCE = "the ECB+ release (ECB+_LREC2014, see docs/evaluation.md)"
_ECB_CSV = "ECBplus_coreference_sentences.csv"
_ECB_NAME = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)$")
#: Markable tag prefixes and the kind of mention they annotate.
_ECB_KINDS = (
    ("NEG_ACTION_", "event"),
    ("ACTION_", "event"),
    ("HUMAN_PART", "entity"),
    ("NON_HUMAN_PART", "entity"),
    ("LOC_", "entity"),
    ("TIME_", "time"),
)


@dataclass(frozen=True)
class EcbplusSummary:
    """What :func:`convert_ecbplus` wrote.

    >>> EcbplusSummary(Path("out"), 3, 3, 40).describe()
    'out: 3 articles; coreference gold of 3 train/dev articles, 40 mentions (coref/mentions.jsonl)'
    """

    out_dir: Path
    articles: int
    gold_articles: int
    mentions: int

    def describe(self) -> str:
        """One line for the command line."""
        return (
            f"{self.out_dir}: {self.articles} articles; coreference gold of {self.gold_articles} "
            f"train/dev articles, {self.mentions} mentions (coref/mentions.jsonl)"
        )


def convert_ecbplus(
    xml_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str]
) -> EcbplusSummary:
    """Write the layout ``kg eval ecbplus`` reads from the ECB+ release.

    ``xml_dir`` is the release's ``ECB+_LREC2014`` folder, holding ``ECB+/<topic>/*.xml`` and
    ``ECBplus_coreference_sentences.csv`` (or its ``ECB+`` folder, with the CSV beside it).
    Writes ``articles/<topic>/<doc>.txt`` and ``documents.jsonl`` for every article, and
    ``coref/mentions.jsonl`` and ``coref/documents.jsonl`` for the train and dev topics
    (1–35); the test topics' gold (36–45) is held out, as in the project's own copy.

    >>> convert_ecbplus("/no/such/folder", "/tmp/out")
    Traceback (most recent call last):
      ...
    kg.errors.InputError: /no/such/folder: no such directory; give the ...
    """
    files, csv_path = _ecbplus_files(Path(xml_dir))
    validated = _validated_sentences(csv_path)
    docs = [_read_ecb(path, validated) for path in files]
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), "exists and is not a directory; give a folder to write into")
    gold = [doc for doc in docs if doc["topic"] in _ECB_GOLD_TOPICS]
    for doc in docs:
        (out / "articles" / str(doc["topic"])).mkdir(parents=True, exist_ok=True)
        _write(out / doc["file"], doc["text"])
    (out / "coref").mkdir(parents=True, exist_ok=True)
    rows = {
        "documents.jsonl": [doc["bench"] for doc in docs],
        "coref/documents.jsonl": [doc["row"] for doc in gold],
        "coref/mentions.jsonl": [m for doc in gold for m in doc["mentions"]],
    }
    for name, lines in rows.items():
        _write(out / name, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines))
    return EcbplusSummary(out, len(docs), len(gold), len(rows["coref/mentions.jsonl"]))


def _ecbplus_files(base: Path) -> tuple[list[Path], Path]:
    where = f"give the ECB+_LREC2014 folder (ECB+/<topic>/*.xml and {_ECB_CSV}) of {_ECB_SOURCE}"
    if not base.is_dir():
        problem = "not a directory" if base.exists() else "no such directory"
        raise InputError(str(base), f"{problem}; {where}")
    corpus = base / "ECB+" if (base / "ECB+").is_dir() else base
    files = [p for p in corpus.glob("*/*.xml") if p.parent.name.isdigit()]
    files = [p for p in files if _ECB_NAME.match(p.stem)]
    if not files:
        raise InputError(str(base), f"no ECB+/<topic>/<topic>_<n>ecb[plus].xml files; {where}")
    csv_path = next((d / _ECB_CSV for d in (base, corpus.parent) if (d / _ECB_CSV).is_file()), None)
    if csv_path is None:
        raise InputError(str(base / _ECB_CSV), f"no such file (the validated sentences); {where}")

    def order(path: Path) -> tuple[int, int, int]:
        topic, n, part = _ECB_NAME.match(path.stem).groups()  # type: ignore[union-attr]
        return int(topic), part == "ecbplus", int(n)

    return sorted(files, key=order), csv_path


def _validated_sentences(path: Path) -> set[tuple[str, int]]:
    """``(doc, sentence)`` pairs of the CSV's rows ``Topic,File,Sentence Number``."""
    pairs = set()
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split(",")]
        if len(cells) != 3 or not cells[0].isdigit() or not cells[2].isdigit():
            raise InputError(str(path), "expected Topic,File,Sentence Number", line=number)
        pairs.add((f"{cells[0]}_{cells[1]}", int(cells[2])))
    return pairs


def _read_ecb(path: Path, validated: set[tuple[str, int]]) -> dict[str, Any]:
    """One ECB+ file as its article text, its two documents rows and its mention rows."""
    root = _xml_root(path, f"a file of {_ECB_SOURCE}")
    doc = path.stem
    topic_s, _n, part = _ECB_NAME.match(doc).groups()  # type: ignore[union-attr]
    topic = int(topic_s)
    by_sentence: dict[int, list[ET.Element]] = {}
    try:
        for token in root.iter("token"):
            by_sentence.setdefault(int(token.get("sentence", "")), []).append(token)
    except ValueError:
        raise InputError(str(path), "a <token> has no numeric sentence attribute") from None
    if not by_sentence:
        raise InputError(str(path), f"has no <token> elements; expected a file of {_ECB_SOURCE}")
    first = 1 if part == "ecbplus" else 0
    numbers = sorted(n for n in by_sentence if n >= first)
    where: dict[str, tuple[int, int, int, int]] = {}
    paragraphs: list[tuple[int, int, int]] = []
    texts: list[str] = []
    offset = order = 0
    quote_open = False
    for sentence in numbers:
        toks = by_sentence[sentence]
        text, spans = detokenize(
            [t.text or "" for t in toks],
            rejoin=part == "ecbplus",
            quotes=True,
            quote_open=quote_open,
        )
        quote_open ^= text.count('"') % 2 == 1
        for token, (start, end) in zip(toks, spans, strict=True):
            where[token.get("t_id", "")] = (sentence, order, offset + start, offset + end)
            order += 1
        paragraphs.append((sentence, offset, offset + len(text)))
        texts.append(text)
        offset += len(text) + 2
    article = "\n\n".join(texts) + "\n"
    file = f"articles/{topic}/{doc}.txt"
    split = "dev" if topic in _ECB_DEV else "train" if topic in _ECB_GOLD_TOPICS else "test"
    head = {"doc": doc, "file": file, "topic": topic, "subtopic": part, "split": split}
    chains = _ecb_chains(root, doc)
    mentions = []
    for element in root.iterfind("Markables/*"):
        anchors = sorted(
            {
                where[a.get("t_id", "")]
                for a in element.iter("token_anchor")
                if a.get("t_id", "") in where
            }
        )
        kind = next((k for prefix, k in _ECB_KINDS if element.tag.startswith(prefix)), None)
        if not anchors or kind is None:
            continue
        m_id = element.get("m_id", "")
        start, end = anchors[0][2], anchors[-1][3]
        row: dict[str, Any] = dict(head)
        row |= {"kind": kind, "tag": element.tag, "negated": element.tag.startswith("NEG_")}
        row |= {"start": start, "end": end, "text": article[start:end]}
        if any(b[1] != a[1] + 1 for a, b in zip(anchors, anchors[1:], strict=False)):
            row["tokens"] = [[a[2], a[3]] for a in anchors]
        row |= {"sentence": anchors[0][0], "validated": (doc, anchors[0][0]) in validated}
        chain, descriptor = chains.get(m_id, (f"SINGLETON_{doc}_{m_id}", None))
        row |= {"chain": chain, "descriptor": descriptor, "m_id": m_id}
        mentions.append(row)
    mentions.sort(key=lambda r: (r["start"], r["end"]))
    kinds = ("event", "entity", "time")
    row = dict(head) | {
        "doc_id": root.get("doc_id"),
        "first_sentence": first,
        "sentences": len(texts),
        "chars": len(article),
        "validated_sentences": [list(p) for p in paragraphs if (doc, p[0]) in validated],
        "mentions": {k: sum(m["kind"] == k for m in mentions) for k in kinds},
        "validated_mentions": {
            k: sum(m["kind"] == k and m["validated"] for m in mentions) for k in kinds
        },
    }
    url = by_sentence.get(0, []) if part == "ecbplus" else []
    bench = {
        "topic": topic,
        "file": file,
        "part": part,
        "doc_id": root.get("doc_id"),
        "source_url": "".join(t.text or "" for t in url) or None,
        "sentences": len(texts),
        "tokens": order,
        "words": len(article.split()),
        "chars": len(article),
    }
    return {
        "topic": topic,
        "file": file,
        "text": article,
        "mentions": mentions,
        "row": row,
        "bench": bench,
    }


def _ecb_chains(root: ET.Element, doc: str) -> dict[str, tuple[str, str | None]]:
    """Each mention's chain and descriptor: its CROSS_DOC_COREF instance, else its
    INTRA_DOC_COREF relation (``INTRA_<doc>_<r_id>``)."""
    instances = {e.get("m_id", ""): e for e in root.iterfind("Markables/*")}
    chains: dict[str, tuple[str, str | None]] = {}
    for tag in ("CROSS_DOC_COREF", "INTRA_DOC_COREF"):
        for rel in root.iterfind(f"Relations/{tag}"):
            target = instances.get(_target(rel))
            descriptor = None if target is None else target.get("TAG_DESCRIPTOR")
            if tag == "CROSS_DOC_COREF":
                instance = None if target is None else target.get("instance_id")
                chain: str = instance or rel.get("note") or ""
            else:
                chain = f"INTRA_{doc}_{rel.get('r_id', '')}"
            for source in rel.iterfind("source"):
                chains.setdefault(source.get("m_id", ""), (chain, descriptor))
    return chains
