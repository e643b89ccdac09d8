"""Token-range helpers shared by the rules: argument extents, entities, numbers.

Everything here works on a segment's token layer (:class:`kg.parse.ParsedSegment`) and
returns token indices ``[i, j)`` within it; :mod:`kg.extract._draft` turns them into character
offsets in the article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from kg.parse import ParsedSegment

if TYPE_CHECKING:
    from kg.parse import Token

__all__ = [
    "CLAUSE_DEPS",
    "HYPHENS",
    "VALUE_LABELS",
    "arg_range",
    "bare_verb_conjunct",
    "conjuncts",
    "number_value",
    "trim_range",
    "whole_value",
    "whole_words",
]

#: Children that open a clause of their own; an argument's extent stops before them, so
#: "an opening that led to a mine" gives the argument "an opening".
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis", "appos"})

#: Entity labels of dates, times and amounts: an argument holding one holds all of it.
VALUE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"})

#: The hyphen and en dash that join the parts of a word ("Wal-Mart", "Dempster–Laird").
HYPHENS = frozenset({"-", "–"})

#: Coordination inside a phrase: cut when a conjunct is split into its own fact.
COORD_DEPS = frozenset({"cc", "conj", "preconj"})

#: Parts of speech of a nominal head.
_NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})

#: What a preposition needs below it to be kept in a phrase.
_PREP_OBJECT_DEPS = frozenset({"pobj", "pcomp", "prep"})
_NO_DEPS: frozenset[str] = frozenset()

#: Tokens never left at the edge of an argument ("the US ," / "-- she").
_EDGE_TRIM = frozenset({"punct", "cc", "mark", "preconj"})

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "dozen": 12, "thousand": 1000, "million": 1e6, "billion": 1e9,
}  # fmt: skip


def _collect(tok: Token, drop: frozenset[str], top_drop: frozenset[str], out: set[int]) -> None:
    out.add(tok.i)
    for child in tok.children:
        dep = child.dep_
        if dep in drop or dep in top_drop:
            continue
        if dep == "prep" and child.pos_ != "NUM":  # "a 1-1 draw": the parse's "prep" 1
            # a preposition with nothing after it ("prisoners in" when the parse hung the
            # rest elsewhere) would leave a dangling word
            if not any(g.dep_ in _PREP_OBJECT_DEPS for g in child.children):
                continue
            # a non-restrictive phrase after a comma ("123 prisoners, including ...",
            # "world symbols , such as the Star of David")
            start = child.left_edge.i
            if start > 0 and tok.doc[start - 1].text == "," and tok.pos_ in ("NOUN", "PROPN"):
                continue
        _collect(child, drop, _NO_DEPS, out)


def arg_range(
    head: Token,
    *,
    split_coord: bool = False,
    keep_clauses: bool = False,
    drop: Iterable[str] = (),
) -> tuple[int, int]:
    """The contiguous token range ``[i, j)`` of the phrase headed by ``head``.

    Clausal modifiers (relative, participial, appositive) are left out unless
    ``keep_clauses``; with ``split_coord`` the head's conjuncts ("and the United States") are
    too, and so are the head's children labelled as in ``drop``.
    """
    top = frozenset(drop)
    if split_coord and not (_one_name(head) or _shared_modifier(head)):
        top |= COORD_DEPS  # never inside one name or under a shared modifier
    # rules ask for the same phrase again (a subject shared by coordinated verbs, a speaker
    # by every fact it reports): the token layer remembers the answer
    doc = head.doc
    memo: dict[Any, tuple[int, int]] = doc.memo if isinstance(doc, ParsedSegment) else {}
    key = (arg_range, head.i, keep_clauses, top)
    found = memo.get(key)
    if found is None:
        out: set[int] = set()
        _collect(head, _NO_DEPS if keep_clauses else CLAUSE_DEPS, top, out)
        # keep the block around the head that has no holes, so the text is one stretch
        i = head.i
        while i - 1 in out:
            i -= 1
        j = head.i + 1
        while j in out:
            j += 1
        i, j = whole_value(doc, head.i, i, j)
        i, j = balance_quotes(doc, *trim_range(doc, i, j, head.i))
        if head.dep_ not in ("nsubj", "nsubjpass"):  # a name as subject is the name itself
            i, j = quoted_whole(doc, i, j)
        found = memo[key] = whole_words(doc, i, j)
    return found


def whole_value(doc: ParsedSegment, head: int, i: int, j: int) -> tuple[int, int]:
    """Widen ``[i, j)`` to the whole date, time or amount its head word lies in.

    Construction: a date or amount the parse breaks up ("on December 31, 1963", whose
    year the parse hangs apart). Written for "They acquired the railway on December 31,
    1963." → the argument is "December 31, 1963", not "December 31".
    """
    if doc.ent_type[head] not in VALUE_LABELS:
        return i, j
    start = head
    while start > 0 and doc.ent_iob[start] == "I":
        start -= 1
    end = head + 1
    while end < len(doc.ent_iob) and doc.ent_iob[end] == "I":
        end += 1
    return min(i, start), max(j, end)


def whole_words(doc: ParsedSegment, i: int, j: int) -> tuple[int, int]:
    """Widen ``[i, j)`` so that it neither starts nor ends inside a hyphenated word.

    Construction: a name whose hyphen or en dash the tokenizer splits (kg's tokenizer
    keeps "non-residents" whole, but splits "Wal-Mart" as the model was trained, and the
    parse may hang the pieces apart). Written for "Apple's iTunes replaces Wal-Mart as the
    top music seller." → the object is "Wal-Mart", not "Wal".
    """
    n, idx, end = len(doc), doc.idx, doc.end

    def glued(k: int) -> bool:  # token k touches token k + 1, no space between
        return end[k] == idx[k + 1]

    while j + 1 < n and doc[j].text in HYPHENS and glued(j - 1) and glued(j):
        j += 2
    while i >= 2 and doc[i - 1].text in HYPHENS and glued(i - 2) and glued(i - 1):
        i -= 2
    return i, j


#: Opening and closing quote marks that wrap a phrase (treebank and plain).
_QUOTE_PAIRS = frozenset({("``", "''"), ('"', '"')})


def balance_quotes(doc: ParsedSegment, i: int, j: int) -> tuple[int, int]:
    """Widen ``[i, j)`` by one token at an edge when it would leave a quote or bracket unpaired.

    "brilliant" US diplomacy → "\"brilliant\" US diplomacy" rather than a stray closing quote.
    """
    texts = [t.text for t in doc[i:j]]
    n = len(doc)
    if texts.count('"') % 2:
        if i > 0 and doc[i - 1].text == '"':
            return i - 1, j
        if j < n and doc[j].text == '"':
            return i, j + 1
    opens, closes = texts.count("``"), texts.count("''")
    if closes > opens and i > 0 and doc[i - 1].text == "``":
        return i - 1, j
    if opens > closes and j < n and doc[j].text == "''":
        return i, j + 1
    # "the European Union (EU" when the parse hung ")" elsewhere
    lb, rb = texts.count("("), texts.count(")")
    if lb == rb + 1 and j < n and doc[j].text == ")":
        return i, j + 1
    if rb == lb + 1 and i > 0 and doc[i - 1].text == "(":
        return i - 1, j
    return i, j


def quoted_whole(doc: ParsedSegment, i: int, j: int) -> tuple[int, int]:
    """Widen ``[i, j)`` by the quote marks around it when it is quoted whole: "was renamed
    `` The Stars ''", and a quoted clause up to its closing quote after the comma ("says ;
    `` That burden is hard to meet , ''").
    """
    n = len(doc)
    if i > 0 and j < n and (doc[i - 1].text, doc[j].text) in _QUOTE_PAIRS:
        return i - 1, j + 1
    wrapped = i > 0 and j + 1 < n and (doc[i - 1].text, doc[j + 1].text) in _QUOTE_PAIRS
    if wrapped and doc[j].text == ",":
        return i - 1, j + 2
    return i, j


def trim_range(doc: ParsedSegment, i: int, j: int, keep: int) -> tuple[int, int]:
    """Drop punctuation, conjunctions and markers at the edges of ``[i, j)`` (never ``keep``)."""
    toks = doc
    while i < keep and (toks[i].dep_ in _EDGE_TRIM or toks[i].is_punct):
        i += 1
    while j - 1 > keep and (toks[j - 1].dep_ in _EDGE_TRIM or toks[j - 1].is_punct):
        # closing brackets/quotes that pair with one inside the span stay
        last = toks[j - 1]
        if last.text in (")", "''", '"', "'") and _opens_inside(doc, i, j - 1, last.text):
            break
        j -= 1
    return i, j


def _opens_inside(doc: ParsedSegment, i: int, j: int, closer: str) -> bool:
    opener = {")": "(", "''": "``", '"': '"', "'": "`"}[closer]
    return any(doc[k].text == opener for k in range(i, j))


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the heads coordinated with it: "Poland and Lithuania" → [Poland, Lithuania]."""
    out = [tok]
    if _one_name(tok) or _shared_modifier(tok):
        return out
    stack = [c for c in tok.children if _coordinated(tok, c)]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(g for g in c.children if _coordinated(tok, g))
    return out


def _coordinated(tok: Token, c: Token) -> bool:
    """A conjunct of ``tok`` that is its own participant: not the second half of one name,
    nor a preposition the parse coordinated with a noun ("by train or by bus"), nor a verb
    the tagger took for a noun (:func:`bare_verb_conjunct`)."""
    if c.dep_ != "conj" or _same_entity(tok, c) or bare_verb_conjunct(c):
        return False
    return not (tok.pos_ in _NOMINAL_POS and c.pos_ in ("ADP", "SCONJ", "CCONJ"))


def bare_verb_conjunct(tok: Token) -> bool:
    """True for a base-form verb the tagger read as a noun coordinated with a verb's
    prepositional object: it is a second verb of the clause, not a second object.

    Construction: "V (prep) Det N and V2 PP", the second verb bare after a modal or "to".
    Written for "The convoy will leave for a remote camp and stop in Kabul." → "stop" is
    no second place the convoy leaves for. The conjunct must be a singular noun with no
    modifier before it, have a phrase of its own, be the verb's base form (a verb lemma of
    the pipeline, :class:`kg.parse.Lexicon`), and follow a first conjunct with a determiner
    under a preposition of a base-form verb.
    """
    if tok.dep_ != "conj" or tok.tag_ != "NN" or tok.ent_type_:
        return False
    first = tok.head
    prep = first.head
    if first.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.tag_ not in ("VB", "VBP"):
        return False
    if any(c.i < tok.i for c in tok.children) or not any(c.dep_ == "prep" for c in tok.children):
        return False
    if not any(c.dep_ in ("det", "poss") for c in first.children):
        return False
    lexicon = getattr(tok.doc, "lexicon", None)
    verbs = lexicon.verb_lemmas if lexicon is not None else frozenset()
    return tok.lower_ == tok.lemma_.lower() and tok.lower_ in verbs


def _shared_modifier(tok: Token) -> bool:
    """True for bare nouns coordinated under one determiner and one modifier after the last
    ("any size or form of business"): splitting would cut the modifier off the first.

    Construction: "Det N1 or N2 PP". Written for "The rules apply to any shape or size of
    parcel." → one argument "any shape or size of parcel", not "any shape" and "size of
    parcel".
    """
    conj = [c for c in tok.children if c.dep_ == "conj"]
    if tok.pos_ != "NOUN" or len(conj) != 1 or conj[0].pos_ != "NOUN":
        return False
    last = conj[0]
    if any(c.dep_ in ("det", "poss", "nummod", "conj") for c in last.children):
        return False
    if any(tok.i < c.i < last.i and c.dep_ not in ("cc", "punct") for c in tok.children):
        return False  # "the size of boxes or weight": the first has a modifier of its own
    # the parse hangs the shared modifier on either noun
    return any(c.dep_ == "prep" and c.i > last.i for c in [*tok.children, *last.children])


def _one_name(tok: Token) -> bool:
    """True for a coordination that is one name: "the London , Midland and Scottish Railway
    Company", "Montgomery Blair 's Science , Math , and Technology Academy" (a determiner
    or possessor on a bare first name, the last conjunct a compound name)."""
    if tok.pos_ != "PROPN":
        return False
    kids = {c.dep_ for c in tok.children}
    if not kids & {"det", "poss"} or "compound" in kids:
        return False
    last = [c for c in tok.subtree if c.dep_ == "conj" and c.pos_ == "PROPN"]
    return bool(last) and any(c.dep_ == "compound" for c in last[-1].children)


def _same_entity(a: Token, b: Token) -> bool:
    """True when one named entity spans both tokens ("the London , Midland and Scottish
    Railway Company" is one company, not three objects)."""
    doc = a.doc
    lo, hi = sorted((a.i, b.i))
    return bool(a.ent_type_) and all(doc[k].ent_iob_ == "I" for k in range(lo + 1, hi + 1))


def number_value(tok: Token) -> float | None:
    """The numeric value of a number token: "123" → 123.0, "1,100" → 1100.0, "five" → 5.0."""
    text = tok.text.lower().replace(",", "")
    try:
        return float(text)
    except ValueError:
        return float(_WORD_NUMBERS[text]) if text in _WORD_NUMBERS else None


def iter_children(tok: Token, deps: frozenset[str]) -> Iterator[Token]:
    """The children of ``tok`` whose dependency label is in ``deps``."""
    return (c for c in tok.children if c.dep_ in deps)
