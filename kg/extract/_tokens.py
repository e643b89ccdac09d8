"""Plain-Python views of a parsed spaCy ``Doc``, read once per doc for the rules.

Every attribute of a spaCy ``Token`` is a Cython property that builds a new Python object
on each access: ``tok.dep_`` looks the string up again, ``tok.head`` and ``doc[i]`` make a
new ``Token``, ``tok.children`` is a generator walking the parse. The rules read the same
few attributes of the same tokens many times per sentence, so the extractor reads them once
into a :class:`TokenView` per token and runs the rules on those.

A view answers the part of the ``Token`` interface the rules use, with the same values, so
the rules run unchanged on real spaCy tokens too (the tests call them that way):

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("sentencizer")
>>> doc = nlp("Belarus frees prisoners .")
>>> view = doc_view(doc)
>>> [t.text for t in view], view[1].idx, view[3].is_punct
(['Belarus', 'frees', 'prisoners', '.'], 8, True)
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import accumulate, repeat
from operator import add
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["DocView", "EntityView", "TokenView", "doc_view", "entity_views"]


#: The children of a leaf (shared, never appended to: see :func:`doc_view`).
_NO_TOKENS: list[TokenView] = []


class TokenView:
    """One token's text, tags, entity and parse links as plain attributes.

    ``head`` and ``children`` link views of the same doc; ``doc`` is the :class:`DocView`
    and ``sent`` the list of views of the token's sentence. Views compare by identity,
    which is spaCy's ``(doc, i)`` equality since a doc has one view per token.
    """

    __slots__ = (
        "doc", "i", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_",
        "ent_iob_", "idx", "is_punct", "like_num", "head", "children", "sent",
    )  # fmt: skip

    def __init__(
        self,
        doc: DocView,
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
        self.head: TokenView = self
        self.children: list[TokenView] = _NO_TOKENS  # a list of its own once it has any
        self.sent: list[TokenView] = _NO_TOKENS

    @property
    def lefts(self) -> list[TokenView]:
        return [c for c in self.children if c.i < self.i]

    @property
    def rights(self) -> list[TokenView]:
        return [c for c in self.children if c.i > self.i]

    @property
    def subtree(self) -> Iterator[TokenView]:
        """The token and its descendants, in spaCy's order (lefts, self, rights)."""
        for c in self.lefts:
            yield from c.subtree
        yield self
        for c in self.rights:
            yield from c.subtree

    @property
    def left_edge(self) -> TokenView:
        # spaCy keeps the edges in its token structs; rarely needed, so asked for on demand
        return self.doc[self.doc.source[self.i].left_edge.i]

    @property
    def right_edge(self) -> TokenView:
        return self.doc[self.doc.source[self.i].right_edge.i]

    def __len__(self) -> int:
        return len(self.text)  # as ``len(token)``, so truth tests agree with spaCy's

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


class DocView(list[TokenView]):
    """The views of a doc's tokens, indexed like the doc; ``source`` is the spaCy doc.

    ``memo`` keeps results that depend only on the parse, for rules that ask again.
    """

    def __init__(self, source: Doc) -> None:
        super().__init__()
        self.source = source
        self.memo: dict[Any, Any] = {}
        self.text = ""  # the doc's text, as spaCy's ``Doc.text`` (which joins it anew each time)

    def release(self) -> None:
        """Unlink the views once the rules are done with them.

        Views refer to each other (head and children, the doc and its tokens): left alone,
        these cycles wait for the garbage collector, whose full passes over a large heap
        cost more than unlinking here.
        """
        for tok in self:
            del tok.head, tok.sent  # what is left (doc, children) holds no cycle
        self.clear()
        self.memo.clear()


@cache
def _columns() -> tuple[list[int | str], int, dict[int, str], tuple[str, ...]]:
    """The attributes :func:`doc_view` reads with ``Doc.to_array``, the index of the head
    column, and the names of POS and IOB values.

    Imported on first use: ``import kg.extract`` does not load spaCy.
    """
    from spacy import attrs
    from spacy.parts_of_speech import NAMES
    from spacy.tokens import Token

    columns: list[int | str] = [
        attrs.ORTH, attrs.LOWER, attrs.LEMMA, attrs.POS, attrs.TAG, attrs.DEP, attrs.ENT_TYPE,
        attrs.ENT_IOB, attrs.HEAD, attrs.IS_PUNCT, attrs.LIKE_NUM, attrs.SPACY,
    ]  # fmt: skip
    return columns, columns.index(attrs.HEAD), NAMES, Token.iob_strings()


def doc_view(doc: Doc) -> DocView:
    """Views of every token in ``doc``, their heads, children and sentences linked."""
    view = DocView(doc)
    if not len(doc):
        return view
    columns, head_column, pos_names, iob_strings = _columns()
    rows = doc.to_array(columns)
    heads = rows.view("int64")[:, head_column].tolist()  # offsets to the head, signed
    # one column per attribute: a list comprehension per column beats a call per token
    orth, lower, lemma, pos, tag, dep, ent_type, iob, _, punct, num, space = rows.T.tolist()
    texts = _strings(doc, orth)
    view.text = "".join(map(add, texts, [" " if ws else "" for ws in space]))
    view.extend(
        map(
            TokenView,
            repeat(view),
            range(len(texts)),
            texts,
            _strings(doc, lower),
            _strings(doc, lemma),
            [pos_names[p] for p in pos],
            _strings(doc, tag),
            _strings(doc, dep),
            _strings(doc, ent_type),
            [iob_strings[k] for k in iob],
            accumulate(map(add, map(len, texts), space), initial=0),  # character offsets
            map(bool, punct),
            map(bool, num),
        )
    )
    for tok, offset in zip(view, heads, strict=True):
        if offset:
            tok.head = head = view[tok.i + offset]
            # tokens come in order, so each list of children is too
            if head.children:
                head.children.append(tok)
            else:
                head.children = [tok]
    for sent in doc.sents:
        sent_view = view[sent.start : sent.end]
        for tok in sent_view:
            tok.sent = sent_view
    return view


class EntityView(NamedTuple):
    """A named entity as the extractor reads it: ``Span.text`` and ``Span.label_`` are
    worked out anew on every access, and a fact reads them for each of its phrases."""

    text: str
    label_: str
    start_char: int
    end_char: int


def entity_views(view: DocView) -> dict[int, EntityView]:
    """The entity covering each token of the doc, by token index."""
    out: dict[int, EntityView] = {}
    for ent in view.source.ents:
        start, end = ent.start_char, ent.end_char
        entity = EntityView(view.text[start:end], ent.label_, start, end)
        for k in range(ent.start, ent.end):
            out[k] = entity
    return out


#: String-store hashes already looked up. The hash of a string is the same in every vocab,
#: so one table serves all docs; it is emptied when large, to bound its memory.
_NAMES: dict[int, str] = {}
_MAX_NAMES = 200_000


def _strings(doc: Doc, keys: list[int]) -> list[str]:
    """The strings of string-store hashes (spaCy's lookup makes a new ``str`` each time)."""
    try:
        return list(map(_NAMES.__getitem__, keys))
    except KeyError:
        if len(_NAMES) > _MAX_NAMES:
            _NAMES.clear()
        strings = doc.vocab.strings
        _NAMES.update((k, strings[k]) for k in set(keys).difference(_NAMES))
        return list(map(_NAMES.__getitem__, keys))
