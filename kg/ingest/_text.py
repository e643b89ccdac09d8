"""Layout of a plain-text or markdown article: headline, date line, dateline, paragraphs.

Nothing here changes the text: the result is a list of :class:`~kg.model.Segment` offsets into
it, plus what the layout says about the article (title, date line, dateline).

>>> text = "Belarus frees prisoners\\n\\nVilnius, December 14 (IANS) Belarus has released 123."
>>> layout = parse_layout(text)
>>> [text[s.start:s.end] for s in layout.segments]
['Belarus frees prisoners', 'Belarus has released 123.']
>>> (layout.title, layout.dateline.place, layout.dateline.agency)
('Belarus frees prisoners', 'Vilnius', 'IANS')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kg.ingest._dateline import Dateline, match_dateline, parse_date_line
from kg.model import Segment

__all__ = ["Layout", "parse_layout", "is_photo_credit", "is_byline", "boilerplate_tail_lines"]

# A line as (start, end) offsets, end before the line break; a block is a run of non-blank lines.
Line = tuple[int, int]

_MD_HEADING = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]+|$)")
_MD_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_MD_SETEXT = re.compile(r"[ ]{0,3}(?:=+|-+)[ \t]*")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")

# "(Photo source: X/@Tsihanouskaya)", "Photo: Reuters", "File image courtesy of AP", "Credit: AFP".
_PHOTO_CREDIT = re.compile(
    r"[(\[]?\s*(?:(?:file|representative|representational)\s+)?"
    r"(?:photo|image|picture|pic|illustration|video|credit)s?"
    r"(?:\s+(?:source|credits?|courtesy))?\s*(?:[:|)\]\-–—]|\s+courtesy\b|\s+by\b|$)",
    re.IGNORECASE,
)
_PHOTO_CREDIT_MAX = 200

# "By MARY CLARE JALONICK" / "By John Smith and Ana de la Cruz, Associated Press": the byline
# that wire copy (AP above all) sets between headline and dateline, often with a second line
# ("Associated Press Writer"). Names are capitalised words and the particles of names.
_PARTICLES = "de|da|del|dos|van|von|der|den|al|bin|el|la|le|du|di"
_NAME = rf"[A-Z][\w'’.\-]*(?:[ \t]+(?:[A-Z][\w'’.\-]*|{_PARTICLES})){{0,5}}"
_BYLINE = re.compile(
    rf"By[ \t]+{_NAME}(?:(?:[ \t]*,[ \t]*|[ \t]+(?:and|&)[ \t]+){_NAME})*"
    r"(?:[ \t]*,[ \t]*[^.!?\n]{1,60})?[ \t]*"
)
_BYLINE_LINES, _BYLINE_WIDTH = 3, 80

# Trailing page furniture. A "strong" line is boilerplate on its own; a "weak" one ("Support The
# Morung Express.") only when it sits in a trailing run that also holds a strong line, so a short
# closing sentence such as "Support for the deal grew." is kept.
_STRONG_TAIL = re.compile(
    r"click here|^subscribe\b|subscribe (?:now|here|today|to (?:our|the))|follow us\b"
    r"|your (?:contributions?|support) matters?|^(?:©|\(c\)\s|copyright\b)|all rights reserved"
    r"|^sign up\b|^donate\b|^advertisements?$|download (?:our|the) app|^(?:share|tweet) this\b",
    re.IGNORECASE,
)
_WEAK_TAIL = re.compile(
    r"^(?:support\b|read more\b|also read\b|related\b|tags?\s*:|share\b|comments?\b)",
    re.IGNORECASE,
)
_TAIL_MAX = 100


@dataclass(frozen=True)
class Layout:
    """What :func:`parse_layout` found: title, content segments, date line and dateline."""

    title: str = ""
    segments: tuple[Segment, ...] = ()
    date_line: date | None = None
    dateline: Dateline | None = None
    skipped: tuple[Segment, ...] = field(default=(), repr=False)  # for debugging and tests


def is_photo_credit(line: str) -> bool:
    """True for a caption/credit line such as ``(Photo source: X/@Tsihanouskaya)``.

    >>> is_photo_credit("(Photo source: X/@Tsihanouskaya)"), is_photo_credit("Photos show it.")
    (True, False)
    """
    line = line.strip()
    return len(line) <= _PHOTO_CREDIT_MAX and bool(_PHOTO_CREDIT.match(line))


def is_byline(paragraph: str) -> bool:
    """True for a byline paragraph, one "By" line and at most two short ones after it.

    >>> is_byline("By MARY CLARE JALONICK\\nAssociated Press Writer")
    True
    >>> is_byline("By Tuesday, the Senate had voted."), is_byline("By then it was over")
    (False, False)
    """
    lines = [line.strip() for line in paragraph.strip().splitlines()]
    return (
        len(lines) <= _BYLINE_LINES
        and all(len(line) <= _BYLINE_WIDTH for line in lines)
        and bool(_BYLINE.fullmatch(lines[0]))
        and not any(line.endswith((".", "!", "?", ":", ";")) for line in lines[1:])
    )


def boilerplate_tail_lines(lines: list[str]) -> int:
    """How many of the last ``lines`` are trailing page boilerplate (0 if none).

    >>> boilerplate_tail_lines(["It ended.", "Support The Morung Express.", "Click Here"])
    2
    >>> boilerplate_tail_lines(["It ended.", "Support for the deal grew."])
    0
    """
    run = 0
    strong = False
    for line in reversed(lines):
        text = line.strip()
        if len(text) > _TAIL_MAX:
            break
        if _STRONG_TAIL.search(text):
            strong = True
        elif text and not _WEAK_TAIL.match(text) and any(c.isalnum() for c in text):
            break
        run += 1
    return run if strong else 0


def _lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        end = pos + len(raw.rstrip("\r\n"))
        out.append((pos, end))
        pos += len(raw)
    return out


def _blocks(text: str, lines: list[Line], *, line_paragraphs: bool) -> list[list[Line]]:
    """Runs of non-blank lines; with ``line_paragraphs`` every non-blank line is its own block."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for s, e in lines:
        if text[s:e].strip():
            current.append((s, e))
            if line_paragraphs:
                blocks.append(current)
                current = []
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _title_bounds(text: str, start: int, end: int, *, markdown: bool) -> tuple[int, int]:
    if markdown:
        m = _MD_HEADING.match(text, start, end)
        if m:
            start = m.end()
            close = _MD_HEADING_CLOSE.search(text, start, end)
            if close:
                end = close.start()
    return _strip(text, start, end)


def parse_layout(
    text: str,
    *,
    markdown: bool = False,
    title_line: bool = True,
    line_paragraphs: bool = False,
) -> Layout:
    """Split ``text`` into a title segment and one body segment per paragraph.

    Args:
        text: the article text; never modified, all offsets index it.
        markdown: strip ``#`` heading markers (from the title, and from later headings, which
            become body segments of their own) and skip image-only paragraphs.
        title_line: the first non-empty line is the headline (False for JSON records whose
            title is given apart from the text).
        line_paragraphs: every line is a paragraph (trafilatura's output) instead of blocks
            separated by blank lines.

    >>> t = "# Title\\n\\nMarch 01, 2008\\n\\nFirst para.\\n\\nSubscribe now\\nClick Here"
    >>> lay = parse_layout(t, markdown=True)
    >>> lay.title, lay.date_line, [t[s.start:s.end] for s in lay.segments if s.kind == "body"]
    ('Title', datetime.date(2008, 3, 1), ['First para.'])
    """
    blocks = _blocks(text, _lines(text), line_paragraphs=line_paragraphs)
    segments: list[Segment] = []
    skipped: list[Segment] = []
    title = ""
    date_line: date | None = None
    blocks = _cut_boilerplate(text, blocks, skipped, title_line=title_line)

    if title_line and blocks:
        first, *rest = blocks[0]
        start, end = _title_bounds(text, *first, markdown=markdown)
        if start < end:
            segments.append(Segment(start, end, "title"))
            title = text[start:end]
        if markdown and rest and _MD_SETEXT.fullmatch(text, *rest[0]):
            rest = rest[1:]  # "Title\n=====" underline
        blocks = ([rest] if rest else []) + blocks[1:]

    # A paragraph that is only a date, right after the headline (MEANTIME/Wikinews).
    if blocks and len(blocks[0]) == 1:
        found = parse_date_line(text[blocks[0][0][0] : blocks[0][0][1]])
        if found is not None:
            date_line = found
            skipped.append(Segment(*_strip(text, *blocks[0][0]), "date"))
            blocks = blocks[1:]

    dateline = _body_segments(text, blocks, segments, skipped, markdown=markdown)
    return Layout(title, tuple(segments), date_line, dateline, tuple(skipped))


def _cut_boilerplate(
    text: str, blocks: list[list[Line]], skipped: list[Segment], *, title_line: bool
) -> list[list[Line]]:
    """The blocks without the trailing page furniture ("Subscribe now", "Click Here"),
    counted over the lines of the last blocks; the cut is noted in ``skipped``."""
    flat = [ln for block in blocks for ln in block]
    drop = boilerplate_tail_lines([text[s:e] for s, e in flat])
    if title_line:
        drop = min(drop, len(flat) - 1)  # the headline itself is never furniture
    if drop <= 0:
        return blocks
    cut = flat[-drop][0]
    skipped.append(Segment(*_strip(text, cut, len(text)), "boilerplate"))
    kept = [[ln for ln in block if ln[0] < cut] for block in blocks]
    return [block for block in kept if block]


def _body_segments(
    text: str,
    blocks: list[list[Line]],
    segments: list[Segment],
    skipped: list[Segment],
    *,
    markdown: bool,
) -> Dateline | None:
    """Append the body paragraphs of ``blocks`` to ``segments`` and what is not body (markup,
    photo credits, a byline, the dateline) to ``skipped``; the dateline found, if any. A
    byline or dateline counts only before the first body paragraph."""
    dateline: Dateline | None = None
    seen_body = False
    for block in blocks:
        for start, end in _paragraphs(text, block, markdown=markdown):
            para = text[start:end]
            if not any(c.isalnum() for c in para) or (markdown and _MD_IMAGE.fullmatch(para)):
                skipped.append(Segment(start, end, "markup"))
                continue
            if "\n" not in para and is_photo_credit(para):
                skipped.append(Segment(start, end, "credit"))
                continue
            if not seen_body and is_byline(para):  # before the dateline it would hide
                skipped.append(Segment(start, end, "byline"))
                continue
            if dateline is None and not seen_body:
                found_dl = match_dateline(para)
                if found_dl is not None:
                    dateline = found_dl
                    skipped.append(Segment(start, start + found_dl.end, "dateline"))
                    start, end = _strip(text, start + found_dl.end, end)
            if start < end:
                segments.append(Segment(start, end, "body"))
            seen_body = True
    return dateline


def _paragraphs(text: str, block: list[Line], *, markdown: bool) -> list[tuple[int, int]]:
    """A block's paragraph bounds; in markdown each heading line is a paragraph of its own."""
    if not markdown:
        return [_strip(text, block[0][0], block[-1][1])]
    out: list[tuple[int, int]] = []
    run: list[Line] = []
    for s, e in block:
        if _MD_HEADING.match(text, s, e):
            if run:
                out.append(_strip(text, run[0][0], run[-1][1]))
                run = []
            out.append(_title_bounds(text, s, e, markdown=True))
        else:
            run.append((s, e))
    if run:
        out.append(_strip(text, run[0][0], run[-1][1]))
    return [(s, e) for s, e in out if s < e]
