"""Mention detection: every phrase of an article that may refer to an entity.

Found in this order, each head token owned by the first mention found on it:

* **names**: spaCy NER names (:data:`~kg.resolve.coref._mention.NAME_LABELS`), type
  corrected ("Coordination Headquarters" is an ORG, "iPod players" a PRODUCT);
* **pronouns**: personal, possessive and relative ("she", "its", "who"), not a pleonastic "it";
* **nominals**: noun chunks headed by a common noun ("the country", "the new aircraft"), and
  unlabelled proper nouns, which become names ("the much-anticipated iPhone");
* **possessors** that noun chunks leave inside the possessed phrase ("the company" in "the
  company's chief executive");
* **fact-span heads** not yet covered (a subject the noun chunker split);

then a bare capitalised nominal that repeats a name of the article becomes a name ("Jobs
said"), and the full noun phrase around a name or nominal, when longer, is added as an
**extent** ("U.S. retailer Best Buy", owning no head). Last, each mention learns the quote it
stands in and each quote its speaker (:mod:`kg.resolve.coref._quotes`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from kg.resolve.coref._mention import (
    NAME_LABELS,
    PERSON_NOUNS,
    PRODUCT_NOUNS,
    SUBJ_DEPS,
    MentionDraft,
    relcl_noun,
)
from kg.resolve.coref._quotes import SAY_VERBS, mark_quotes
from kg.resolve.names import (
    TITLE_WORDS,
    clean_name,
    coarse_type,
    has_first_name,
    is_pronoun,
    name_gender,
    name_key,
    strip_titles,
    words,
)
from kg.resolve.places import lookup_place

if TYPE_CHECKING:
    from kg.model import Fact
    from kg.parse import ParsedArticle, ParsedSegment

__all__ = ["detect_mentions"]

# Pronoun features: (person, number, gender). gender "neuter" = it; None = unknown (they).
_PRONOUNS: dict[str, tuple[int, str, str | None]] = {
    **dict.fromkeys(["i", "me", "my", "mine", "myself"], (1, "sg", None)),
    **dict.fromkeys(["we", "us", "our", "ours", "ourselves"], (1, "pl", None)),
    **dict.fromkeys(["he", "him", "his", "himself"], (3, "sg", "male")),
    **dict.fromkeys(["she", "her", "hers", "herself"], (3, "sg", "female")),
    **dict.fromkeys(["it", "its", "itself"], (3, "sg", "neuter")),
    **dict.fromkeys(["they", "them", "their", "theirs", "themselves"], (3, "pl", None)),
}
# Relative pronouns that open a relative clause on the noun they refer to.
_RELATIVE = frozenset({"who", "whom", "whose", "which", "that"})
# Dependency labels of nouns that modify another noun ("U.S." in "U.S. retailer").
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
# Verbs whose "it" subject is usually pleonastic when they take a clausal complement.
_PLEONASTIC_HEADS = frozenset({"be", "seem", "appear", "remain", "become", "take", "expect"})
# Last words that make a multi-word name an organisation ("Coordination Headquarters").
_ORG_HEAD_WORDS = words(
    """headquarters ministry agency council committee commission service office department
    bank university association party court parliament corporation company inc ltd plc llc
    group airlines airways authority institute foundation"""
)
# Longest noun-phrase extent (tokens) kept as a mention of its own.
_MAX_EXTENT = 40
_PRONOUN_WORDS = frozenset({*_PRONOUNS, *_RELATIVE})


def detect_mentions(
    parsed: ParsedArticle, facts: Sequence[Fact]
) -> tuple[list[MentionDraft], dict[int, int | None]]:
    """The article's mentions in text order (each ``idx`` its position), and quote id → the
    ``idx`` of the mention that said it (None: not found).

    See the module docstring for what is found, in which order.
    """
    parses = parsed.segments
    found = _Found(parses)
    for doc_i in range(len(parses)):
        _find_names(found, doc_i)
        _find_pronouns(found, doc_i)
        _find_nominals(found, doc_i)
        _find_possessors(found, doc_i)
    _find_fact_heads(found, parsed, facts)
    mentions = found.mentions
    _restore_surnames(mentions)
    _promote_capitalised_nominals(mentions, parses)
    mentions.extend(_find_extents(found))
    mentions.sort(key=lambda x: (x.start, -x.end, x.kind == "extent"))
    for i, m in enumerate(mentions):
        m.idx = i
    speakers = mark_quotes(mentions, found.heads, parses)
    return mentions, speakers


class _Found:
    """The mentions found so far, in the order found, and the one that owns each head token."""

    def __init__(self, parses: Sequence[ParsedSegment]) -> None:
        self.parses = parses
        self.mentions: list[MentionDraft] = []
        self.heads: dict[tuple[int, int], MentionDraft] = {}  # (doc index, head token) → owner
        self.sent_base: list[int] = []  # per doc, the article sentence number of its first
        n_sents = 0
        for parse in parses:
            self.sent_base.append(n_sents)
            n_sents += parse.n_sents

    def owned(self, doc_i: int, head: int) -> bool:
        """Whether a mention found earlier owns token ``head`` of doc ``doc_i``."""
        return (doc_i, head) in self.heads

    def add(self, m: MentionDraft) -> None:
        """Keep ``m`` unless a mention found earlier owns its head token."""
        key = (m.doc_i, m.head)
        if key in self.heads:
            return
        self.heads[key] = m
        self.mentions.append(m)

    def draft(
        self, doc_i: int, ts: int, te: int, head: int, kind: str, label: str | None
    ) -> MentionDraft:
        """A new mention of tokens ``ts:te`` of doc ``doc_i`` headed by token ``head``."""
        p = self.parses[doc_i]
        offset = p.offset
        dep = p.dep[head]
        return MentionDraft(
            idx=-1,
            doc_i=doc_i,
            tok_start=ts,
            tok_end=te,
            head=head,
            start=offset + p.idx[ts],
            end=offset + p.end[te - 1],
            text=p.span_text(ts, te),
            kind=kind,
            label=label,
            sent=self.sent_base[doc_i] + p.sent[head],
            depth=p.depth(head),
            subject=dep in SUBJ_DEPS,
            extra={"modifier": "1"} if dep in _MODIFIER_DEPS else {},
            head_lemma=p.lemma[head].lower(),
        )


def _find_names(found: _Found, doc_i: int) -> None:
    """NER names ("Maria Kolesnikova", "Belarus"), the preferred owners of their head tokens."""
    p = found.parses[doc_i]
    for ent in p.entities:
        if ent.label_ not in NAME_LABELS:
            continue
        ts, te = ent.start, ent.end
        # NER sometimes swallows a lowercase word: "free & Belarus" → "Belarus".
        while ts < te - 1 and not (p.text[p.idx[ts]].isupper() or p.is_digit[ts]):
            ts += 1
        if ts < te - 1 and p.lower[ts] == "the":
            ts += 1
        text = p.span_text(ts, te)
        label = _fix_label(coarse_type(ent.label_), text)
        root = p.root(ts, te)
        if label in ("ORG", "OTHER", "NORP") and _modifies_product_noun(p, root):
            label = "PRODUCT"  # "iPod players", "A380 aircraft": NER often says ORG
        m = found.draft(doc_i, ts, te, root, "name", label)
        m.name = clean_name(text)
        if is_pronoun(m.name):
            continue  # "It", "We" tagged as names at a sentence start; "US" stays a name
        if _titled(p, ts, te, label):
            m.extra["title"] = "1"  # "President Clinton", "Mr. Yeltsin": a person
        if m.label == "PERSON" and "title" not in m.extra:
            kind = _place_not_person(m.name)
            if kind is not None:
                m.label = "GPE"
                m.extra["gazetteer"] = kind
        if m.label == "PERSON":
            m.name = strip_titles(m.name)
            m.gender = name_gender(m.name)
        if has_first_name(m.name):
            m.extra["first_name"] = "1"
        if p.dep[root] in SUBJ_DEPS and p.lemma[p.head[root]].lower() in SAY_VERBS:
            m.extra["speaker"] = "1"  # "Clinton said": someone, not somewhere
            if _says_he_or_she(p, p.head[root]):
                m.extra["speaker_pronoun"] = "1"  # "Clinton said he ...": a person
        m.number = "sg"
        if m.name:
            found.add(m)


def _find_pronouns(found: _Found, doc_i: int) -> None:
    """Personal and possessive pronouns ("she", "its"; not a pleonastic "it", not "US"), and
    relative pronouns that open a relative clause on a noun ("who" in "Tikhanovskaya, who")."""
    p = found.parses[doc_i]
    for i in [i for i, low in enumerate(p.lower) if low in _PRONOUN_WORDS]:
        low = p.lower[i]
        tag = p.tag[i]
        if low in _PRONOUNS and tag in ("PRP", "PRP$"):
            if low == "us" and p.token_text(i) == "US":
                continue
            if low in ("it", "its") and _pleonastic(p, i):
                continue
            person, number, gender = _PRONOUNS[low]
            m = found.draft(doc_i, i, i + 1, i, "pronoun", None)
            m.person, m.number, m.gender = person, number, gender
            found.add(m)
        elif low in _RELATIVE and tag in ("WDT", "WP", "WP$") and relcl_noun(p, i) is not None:
            m = found.draft(doc_i, i, i + 1, i, "pronoun", None)
            m.extra["relative"] = "1"
            found.add(m)


def _find_nominals(found: _Found, doc_i: int) -> None:
    """Noun chunks headed by a common noun ("the country"), and unlabelled proper nouns, which
    become names of unknown type ("the much-anticipated iPhone"). Names are already in."""
    p = found.parses[doc_i]
    for start, end, root in p.noun_chunks:
        root_pos = p.pos[root]
        if root_pos not in ("NOUN", "PROPN") or found.owned(doc_i, root):
            continue
        if root_pos == "PROPN" and not _bare_name(p, start, end, root):
            continue
        m = found.draft(doc_i, start, end, root, "nominal", None)
        m.number = "pl" if p.tag[root] in ("NNS", "NNPS") else "sg"
        # Definite = "the/this/these..." (a possessive "Trump's envoy" introduces someone).
        m.definite = True in p.definite_det[start:root]
        if root_pos == "PROPN":
            # An unlabelled proper noun ("the much-anticipated iPhone"): a name of unknown
            # type, made of the proper nouns and numbers that end at the head ("iPhone").
            first = root
            while first > start and p.pos[first - 1] in ("PROPN", "NUM"):
                first -= 1
            m.kind, m.number = "name", "sg"
            m.name = strip_titles(clean_name(p.span_text(first, root + 1)))
            m.label = _fix_label(None, m.name)
            if m.label is None and len(m.name.split()) > 1 and name_gender(m.name):
                m.label = "PERSON"  # "Kyrylo Budanov": a known first name or surname
        elif p.lemma[root].lower() in PERSON_NOUNS:
            m.label = "PERSON"
        found.add(m)


def _find_possessors(found: _Found, doc_i: int) -> None:
    """Possessor nouns, which spaCy's noun chunks leave inside the possessed phrase: "the
    company's chief executive" holds the mention "the company"."""
    p = found.parses[doc_i]
    for i in [i for i, dep in enumerate(p.dep) if dep == "poss"] if "poss" in p.dep else ():
        if p.pos[i] != "NOUN" or found.owned(doc_i, i):
            continue
        m = found.draft(doc_i, p.left_edge(i), i + 1, i, "nominal", None)
        m.number = "pl" if p.tag[i] == "NNS" else "sg"
        m.definite = any(p.definite_det[c] for c in p.children[i])
        m.extra["modifier"] = "1"
        if p.lemma[i].lower() in PERSON_NOUNS:
            m.label = "PERSON"
        found.add(m)


def _find_fact_heads(found: _Found, parsed: ParsedArticle, facts: Sequence[Fact]) -> None:
    """Heads of fact spans not yet covered (a subject the noun chunker split), as nominals."""
    for fact in facts:
        for span in _fact_spans(fact):
            hit = parsed.locate(span[0], span[1])
            if hit is None or hit in found.heads:
                continue
            doc_i, head_i = hit
            p = found.parses[doc_i]
            if p.pos[head_i] not in ("NOUN", "PROPN"):
                continue
            ts, te = parsed.tokens(doc_i, span[0], span[1])
            m = found.draft(doc_i, ts, te, head_i, "nominal", None)
            m.number = "pl" if p.tag[head_i] in ("NNS", "NNPS") else "sg"
            found.add(m)


def _find_extents(found: _Found) -> list[MentionDraft]:
    """Full noun-phrase extents around names and nominals ("U.S. electronics retailer Best
    Buy", "Ryanair, the Irish airline"): same referent, a longer span, owning no head token.

    ``extra["core"]`` names the mention an extent is built on (for the ``extent`` sieve).
    """
    extents: list[MentionDraft] = []
    for m in found.mentions:
        if m.kind not in ("name", "nominal"):
            continue
        p = found.parses[m.doc_i]
        left, right = _extent(p, m.head)
        if (left, right) == (m.tok_start, m.tok_end) or right - left > _MAX_EXTENT:
            continue
        if left > m.tok_start or right < m.tok_end:
            continue
        before = m.tok_start - 1
        if (
            m.kind == "name"
            and m.tok_start > left
            and p.pos[before] == "PROPN"
            and p.lower[before] not in TITLE_WORDS
        ):
            continue  # "Air China" around "China": a longer name NER missed, not a phrase
        ext = found.draft(m.doc_i, left, right, m.head, "extent", m.label)
        ext.extra["core"] = str(id(m))
        extents.append(ext)
    return extents


def _bare_name(p: ParsedSegment, start: int, end: int, root: int) -> bool:
    """Whether an unlabelled proper-noun chunk ``start:end`` is a name of its own.

    Not a lone title word ("Chief"), not a piece of a longer name ("the Treatment of Prisoners of
    War" inside "Coordination Headquarters for ..."), and not inside an NER entity.
    """
    if p.ent_type[root] or any(p.ent_type[t] for t in range(start, end)):
        return False
    propns = [t for t in range(start, end) if p.pos[t] == "PROPN"]
    if len(propns) == 1 and p.lower[propns[0]] in TITLE_WORDS:
        return False
    prep = p.head[root]
    return not (
        p.dep[root] == "pobj" and p.dep[prep] == "prep" and p.pos[p.head[prep]] == "PROPN"
    ) and not any(p.dep[c] == "prep" and p.lower[c] in ("of", "for") for c in p.children[root])


def _extent(p: ParsedSegment, i: int) -> tuple[int, int]:
    """Token range of the noun phrase headed by token ``i``: premodifiers and an apposition.

    Left: every left dependent's subtree except coordination ("Both ... and"). Right: only an
    appositive ("Ryanair, the Irish airline"); prepositional phrases, relative clauses and
    conjuncts are left out. Trailing punctuation is dropped.
    """
    kids = p.children[i]
    left = i
    for c in kids:
        if c > i:
            break
        if p.dep[c] not in ("cc", "preconj", "punct"):
            left = min(left, p.left_edge(c))
    right = i + 1
    for c in kids:
        if c <= i or p.dep[c] != "appos":
            continue
        # Only an adjacent appositive ("X, Y" / "X (Y)"), not a list of names; the parser
        # also calls list items and distant phrases appositions.
        adjacent = i + 2 < len(p) and p.token_text(i + 1) in (",", "(")
        adjacent = adjacent and p.left_edge(c) == i + 2
        both_names = p.pos[i] == "PROPN" and p.pos[c] == "PROPN"
        listed = any(p.dep[g] == "conj" for g in p.children[c])
        if adjacent and not both_names and not listed:
            right = max(right, p.right_edge(c) + 1)
    while right - 1 > i and p.is_punct[right - 1]:
        right -= 1
    return left, right


def _promote_capitalised_nominals(
    mentions: list[MentionDraft], parses: Sequence[ParsedSegment]
) -> None:
    """ "Jobs said ...": a bare capitalised noun that is a name seen elsewhere in the article.

    The tagger reads a sentence-initial "Jobs" as the plural of "job"; when the article also
    names "Steve Jobs", the bare word becomes a name mention (type unknown).
    """
    known: set[str] = set()
    for m in mentions:
        if m.kind == "name" and m.name:
            known.add(name_key(m.name))
            if m.label == "PERSON":
                known.add(name_key(m.name.split()[-1]))
    for m in mentions:
        if m.kind != "nominal" or name_key(m.text) not in known:
            continue
        p = parses[m.doc_i]
        if all(p.text[p.idx[t]].isupper() for t in range(m.tok_start, m.tok_end)):
            m.kind, m.name, m.number = "name", clean_name(m.text), "sg"


def _fix_label(label: str | None, name: str) -> str | None:
    """Correct the NER type of names whose last word says what they are.

    >>> _fix_label("PRODUCT", "Coordination Headquarters"), _fix_label("ORG", "Boeing")
    ('ORG', 'ORG')
    """
    last = name.split()[-1].lower() if name.split() else ""
    if label != "ORG" and last in _ORG_HEAD_WORDS and len(name.split()) > 1:
        return "ORG"
    return label


def _modifies_product_noun(p: ParsedSegment, i: int) -> bool:
    """Whether a name (head token ``i``) is the compound modifier of a product noun ("the
    iPod music player")."""
    head = i
    while p.dep[head] == "compound" and p.head[head] != head:
        head = p.head[head]
        if p.pos[head] == "NOUN":
            return p.lemma[head].lower() in PRODUCT_NOUNS
    return False


def _place_not_person(name: str) -> str | None:
    """The kind (country, city) of a one-word "person" that the gazetteer knows ("Vilnius")."""
    if len(name.split()) != 1 or name_gender(name) is not None:
        return None
    place = lookup_place(name)
    return place.kind if place is not None and place.kind in ("country", "city") else None


# Words before a name that make it a person's ("Mr. Yeltsin", "President Clinton"); the role
# words of TITLE_WORDS that also precede organisations ("head", "official") do not count.
_PERSON_TITLES = TITLE_WORDS - words(
    """head official executive officer leader opposition chief director analyst editor
    founder co-founder cofounder acting former late then saint st general gen"""
)


def _titled(p: ParsedSegment, ts: int, te: int, label: str | None) -> bool:
    """Whether a person title precedes the name at ``ts:te`` ("Mr. Yeltsin", "President
    Clinton") or, in a name NER calls a person, opens it ("President Bill Clinton")."""
    if ts > 0 and p.lower[ts - 1].strip(".") in _PERSON_TITLES:
        return True
    return label == "PERSON" and te - ts > 1 and p.lower[ts].strip(".") in _PERSON_TITLES


def _says_he_or_she(p: ParsedSegment, verb: int) -> bool:
    """Whether the clause a speech verb reports has "he" or "she" as its subject ("Clinton
    said he wanted ..."): a place or an organisation speaks of itself as "it" or "we"."""
    for clause in p.children[verb]:
        if p.dep[clause] != "ccomp":
            continue
        if any(p.dep[s] in SUBJ_DEPS and p.lower[s] in ("he", "she") for s in p.children[clause]):
            return True
    return False


def _restore_surnames(mentions: list[MentionDraft]) -> None:
    """ "Clinton" made a place by the gazetteer is a person again where the article names a
    person with that surname ("Bill Clinton") or calls it by a title ("President Clinton")."""
    surnames = {
        name_key(m.name.split()[-1])
        for m in mentions
        if m.kind == "name" and m.label == "PERSON" and len(m.name.split()) > 1
    }
    surnames |= {name_key(m.name) for m in mentions if m.kind == "name" and "title" in m.extra}
    for m in mentions:
        if m.extra.get("gazetteer") == "city" and name_key(m.name) in surnames:
            m.label = "PERSON"
            m.gender = name_gender(m.name)
            del m.extra["gazetteer"]


def _pleonastic(p: ParsedSegment, i: int) -> bool:
    """ "It is expected that ...", "it seems ...": an "it" (token ``i``) that refers to nothing."""
    if p.dep[i] == "expl":
        return True
    head = p.head[i]
    if p.dep[i] in SUBJ_DEPS and p.lemma[head] in _PLEONASTIC_HEADS:
        kids = p.children[head]
        return any(p.dep[c] in ("ccomp", "xcomp", "csubj") for c in kids) and not any(
            p.dep[c] in ("attr", "dobj") and p.pos[c] in ("NOUN", "PROPN") for c in kids
        )
    return False


def _fact_spans(fact: Fact) -> Iterator[tuple[int, int]]:
    for span in (fact.subject, fact.object, fact.attributed_to):
        if span is not None:
            yield span.start, span.end
    for arg in fact.arguments:
        yield arg.start, arg.end
