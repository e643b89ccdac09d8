"""Quoted speech: where the quotes of an article are, which mentions they hold, who said each.

A first-person pronoun inside a quote is its speaker ("I" in '"... I want ...," she said');
the sieves read what is found here (:func:`mark_quotes`) to link them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kg.resolve.coref._mention import SUBJ_DEPS, MentionDraft
from kg.resolve.names import words

if TYPE_CHECKING:
    from kg.model import Segment
    from kg.parse import ParsedSegment

__all__ = ["SAY_VERBS", "mark_quotes", "quote_regions", "say_verbs"]

# Speech/attribution verbs whose subject is the speaker of an adjacent quote.
SAY_VERBS = words(
    """say add tell state note write post explain announce claim declare insist warn reply
    respond comment argue continue describe tweet"""
)

_QUOTE_CHARS = re.compile('[“”"]')


def quote_regions(text: str, offset: int) -> list[tuple[int, int]]:
    """Quoted stretches of a paragraph as article offsets.

    Curly quotes say which side they are; a straight quote opens when it follows a space or
    the paragraph start and closes otherwise. A quote left open runs to the paragraph end; a
    close without an open (a quote continued from the previous paragraph) starts at its start.

    >>> quote_regions('He said "yes." Then', 0)
    [(8, 14)]
    >>> quote_regions('we will," said Smith.', 0)
    [(0, 9)]
    """
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    for hit in _QUOTE_CHARS.finditer(text):
        i, ch = hit.start(), hit[0]
        before = text[i - 1] if i else " "
        opens = ch == "“" or (ch == '"' and (before.isspace() or before in "([—-"))
        if opens and opened is None:
            opened = i
        elif not opens:
            regions.append((offset + (opened if opened is not None else 0), offset + i + 1))
            opened = None
    if opened is not None:
        regions.append((offset + opened, offset + len(text)))
    return regions


def say_verbs(p: ParsedSegment) -> list[int]:
    """Indices of the tokens whose lemma is a speech verb (:data:`SAY_VERBS`), any case."""
    return [i for i, lemma in enumerate(p.lemma) if lemma.lower() in SAY_VERBS]


def mark_quotes(
    mentions: list[MentionDraft],
    heads: dict[tuple[int, int], MentionDraft],
    parses: Sequence[ParsedSegment],
) -> dict[int, int | None]:
    """Set each mention's ``quote``; return quote id → the ``idx`` of the mention that said it.

    A mention's quote is the last region that holds it. When segments do not overlap (as
    ingest makes them), only the regions of the mention's own paragraph can, and a quote's
    paragraph is the one it was found in; otherwise every region and paragraph is tried.
    ``heads``: (segment, head token) → the mention that owns it, where speakers are looked up.
    """
    quote_of: list[tuple[int, int, int]] = []  # (start, end, quote id)
    quote_doc: list[int] = []  # quote id → the doc it was found in
    for doc_i, parse in enumerate(parses):
        for region in quote_regions(parse.text, parse.offset):
            quote_of.append((*region, len(quote_of)))
            quote_doc.append(doc_i)
    disjoint = _disjoint([layer.segment for layer in parses])
    own_quotes: dict[int, list[tuple[int, int, int]]] = {}
    for quote, doc_i in zip(quote_of, quote_doc, strict=True):
        own_quotes.setdefault(doc_i, []).append(quote)
    for m in mentions:
        for qs, qe, qid in own_quotes.get(m.doc_i, ()) if disjoint else quote_of:
            if qs <= m.start and m.end <= qe:
                m.quote = qid
    homes = quote_doc if disjoint else None
    return _quote_speakers(mentions, quote_of, heads, parses, homes)


def _disjoint(segments: Sequence[Segment]) -> bool:
    """Whether no two segments overlap."""
    spans = sorted((seg.start, seg.end) for seg in segments)
    return all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))


def _quote_speakers(
    mentions: list[MentionDraft],
    quotes: list[tuple[int, int, int]],
    heads: dict[tuple[int, int], MentionDraft],
    parses: Sequence[ParsedSegment],
    homes: Sequence[int] | None = None,
) -> dict[int, int | None]:
    """Quote id → the mention that said it: subject of a speech verb outside the quote.

    The quote's own paragraph is searched first, then the next and the previous one (a quote
    that runs over several paragraphs names its speaker once). ``homes``: quote id → its
    paragraph, when known; else the paragraph whose segment holds the quote's start.
    """
    speakers: dict[int, int | None] = {}
    regions = [(qs, qe) for qs, qe, _ in quotes]
    verbs: dict[int, list[int]] = {}  # doc index → its speech-verb tokens, found once
    for qs, qe, qid in quotes:
        if homes is not None:
            home: int | None = homes[qid]
        else:
            home = next(
                (i for i, p in enumerate(parses) if p.segment.start <= qs < p.segment.end), None
            )
        if home is None:
            speakers[qid] = None
            continue
        best: MentionDraft | None = None
        for doc_i in (home, home + 1, home - 1):
            if not 0 <= doc_i < len(parses):
                continue
            if doc_i not in verbs:
                verbs[doc_i] = say_verbs(parses[doc_i])
            best = _speaker_in(doc_i, parses, heads, regions, qs, qe, verbs[doc_i])
            if best is not None:
                break
        speakers[qid] = best.idx if best else None
    return speakers


def _speaker_in(
    doc_i: int,
    parses: Sequence[ParsedSegment],
    heads: dict[tuple[int, int], MentionDraft],
    regions: list[tuple[int, int]],
    qs: int,
    qe: int,
    verbs: Sequence[int] | None = None,
) -> MentionDraft | None:
    """The subject of the speech verb nearest to the quote in paragraph ``doc_i``.

    ``verbs``: the indices of the segment's speech verbs (:func:`say_verbs`), to skip the
    rest.
    """
    p = parses[doc_i]
    best: tuple[int, MentionDraft] | None = None
    for i in say_verbs(p) if verbs is None else verbs:
        off = p.start(i)
        if p.lemma[i].lower() not in SAY_VERBS or p.pos[i] not in ("VERB", "AUX"):
            continue
        if any(rs <= off < re_ for rs, re_ in regions):
            continue  # a verb inside quoted speech
        subj = next((c for c in p.children[i] if p.dep[c] in SUBJ_DEPS), None)
        if subj is None or (doc_i, subj) not in heads:
            continue
        dist = qs - off if off < qs else abs(off - qe)
        if best is None or dist < best[0]:
            best = (dist, heads[(doc_i, subj)])
    return best[1] if best else None
