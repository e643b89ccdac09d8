"""Reading the ECB+ gold: documents, validated sentences, mentions (:mod:`kg.eval.ecbplus`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError

__all__ = [
    "GROUPS",
    "SPLITS",
    "SOURCE",
    "MentionId",
    "GoldDocument",
    "GoldMention",
    "read_gold",
    "article_texts",
    "check_offsets",
    "data_dir",
]

#: The two groups scored apart, and the gold ``kind`` values each holds.
GROUPS: dict[str, tuple[str, ...]] = {"events": ("event",), "entities": ("entity", "time")}
#: The splits whose gold is here (the test topics' gold is held out).
SPLITS = ("train", "dev")
#: Where the ECB+ data comes from, for the error a folder without it gets.
SOURCE = (
    "ECB+ 1.0 (Cybulska & Vossen, LREC 2014; ECB+_LREC2014 in github.com/tommasoc80/"
    "EventStoryLine), converted by kg eval convert ecbplus: articles/<topic>/<doc>.txt and "
    "coref/mentions.jsonl, coref/documents.jsonl (see docs/evaluation.md)"
)
MentionId = tuple[str, str]  # (doc, m_id)


@dataclass(frozen=True)
class GoldDocument:
    """One ECB+ article: ``validated`` holds ``(sentence, start, end)`` per validated sentence."""

    doc: str
    file: str
    topic: int
    subtopic: str
    split: str
    validated: tuple[tuple[int, int, int], ...]


@dataclass(frozen=True)
class GoldMention:
    """One gold mention; ``pieces`` are its token spans (one piece unless discontinuous)."""

    doc: str
    m_id: str
    topic: int
    subtopic: str
    kind: str
    start: int
    end: int
    text: str
    chain: str
    sentence: int
    pieces: tuple[tuple[int, int], ...]

    @property
    def id(self) -> MentionId:
        """``(doc, m_id)``: unique in the corpus."""
        return (self.doc, self.m_id)

    @property
    def group(self) -> str:
        """``events`` or ``entities``."""
        return next(g for g, kinds in GROUPS.items() if self.kind in kinds)


def data_dir(directory: str | Path) -> Path:
    """The ECB+ folder (holding ``articles/`` and ``coref/``); its ``coref/`` is accepted too."""
    path = Path(directory)
    if (path / "mentions.jsonl").is_file() and not (path / "coref").is_dir():
        path = path.parent
    for need in ("coref/mentions.jsonl", "coref/documents.jsonl", "articles"):
        if not (path / need).exists():
            raise InputError(str(directory), f"no {need} here: expected {SOURCE}")
    return path


def _jsonl(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"not valid JSON ({exc.msg})", line=n) from exc
            if not isinstance(record, dict):
                raise InputError(str(path), "not a JSON object", line=n)
            yield n, record


def read_gold(
    directory: str | Path, split: str = "dev"
) -> tuple[list[GoldDocument], list[GoldMention]]:
    """The documents of ``split`` and their gold mentions in validated sentences.

    ``directory`` is the ECB+ folder (``articles/`` and ``coref/``). Documents come in file
    order; mentions in document then offset order.

    >>> read_gold(".", "test")
    Traceback (most recent call last):
    ...
    kg.errors.KgError: split 'test': choose one of train, dev (test gold is held out)
    """
    if split not in SPLITS:
        raise KgError(f"split {split!r}: choose one of {', '.join(SPLITS)} (test gold is held out)")
    root = data_dir(directory)
    docs: list[GoldDocument] = []
    where = root / "coref" / "documents.jsonl"
    for n, d in _jsonl(where):
        try:
            if d["split"] != split:
                continue
            docs.append(
                GoldDocument(
                    d["doc"], d["file"], int(d["topic"]), d["subtopic"], d["split"],
                    tuple((int(s), int(a), int(b)) for s, a, b in d["validated_sentences"]),
                )
            )  # fmt: skip
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(str(where), f"not an ECB+ document row ({exc!r})", line=n) from exc
    if not docs:
        raise InputError(str(where), f"no {split} documents: expected {SOURCE}")
    known = {d.doc for d in docs}
    mentions: list[GoldMention] = []
    where = root / "coref" / "mentions.jsonl"
    for n, m in _jsonl(where):
        try:
            if m["doc"] not in known or not m["validated"]:
                continue
            pieces = tuple((int(a), int(b)) for a, b in m.get("tokens") or [(m["start"], m["end"])])
            mentions.append(
                GoldMention(
                    m["doc"], str(m["m_id"]), int(m["topic"]), m["subtopic"], m["kind"],
                    int(m["start"]), int(m["end"]), m["text"], m["chain"], int(m["sentence"]),
                    pieces,
                )
            )  # fmt: skip
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(str(where), f"not an ECB+ mention row ({exc!r})", line=n) from exc
        if mentions[-1].kind not in {k for kinds in GROUPS.values() for k in kinds}:
            raise InputError(str(where), f"unknown mention kind {m['kind']!r}", line=n)
    return docs, mentions


def article_texts(root: Path, docs: Sequence[GoldDocument]) -> dict[str, str]:
    """Each document's article text, by ``doc`` (``root`` is the ECB+ folder).

    >>> article_texts(Path("/nonexistent"), [GoldDocument("1_1ecb", "articles/1/1_1ecb.txt",
    ...                                                    1, "ecb", "train", ())])
    Traceback (most recent call last):
    ...
    kg.errors.InputError: /nonexistent/articles/1/1_1ecb.txt: article text missing for gold document 1_1ecb
    """  # noqa: E501
    texts: dict[str, str] = {}
    for d in docs:
        path = root / d.file
        if not path.is_file():
            raise InputError(str(path), f"article text missing for gold document {d.doc}")
        texts[d.doc] = path.read_text(encoding="utf-8")
    return texts


def check_offsets(texts: Mapping[str, str], mentions: Sequence[GoldMention], root: Path) -> None:
    """Every gold mention's text is the article's text at its offsets (else the data differ)."""
    for m in mentions:
        if texts[m.doc][m.start : m.end] != m.text:
            raise InputError(
                str(root / "coref" / "mentions.jsonl"),
                f"mention {m.doc} m_id {m.m_id} ({m.text!r}) is not at {m.start}-{m.end} of "
                "its article: the articles and the gold come from different versions",
            )
