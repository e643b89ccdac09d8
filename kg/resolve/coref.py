"""Within-article coreference: rule-based, deterministic, every link explained by a named rule.

A multi-sieve resolver in the spirit of Stanford's deterministic coreference system (Lee et
al., 2013): mentions are found first, then sieves run from the most precise to the least, each
merging clusters and recording its rule name on the mention it linked.

Mentions
    spaCy NER names (:data:`NAME_LABELS`), personal/possessive/relative pronouns, noun chunks
    headed by a common noun ("the country", "the new aircraft"), the heads of fact spans, and
    the full noun phrase around a name or nominal when it is longer (an "extent").

Sieves, in order (the ``rule`` recorded on :class:`~kg.model.Mention`)
    ``extent``            the whole noun phrase around a name or nominal ("U.S. retailer Best
                          Buy", "Ryanair, the Irish airline") = the name or nominal
    ``quote_speaker``     "I"/"my" inside a quote → the subject of the speech verb ("... she said")
    ``same_speaker``      "we" ... "our" in one quote whose speaker is not found
    ``exact_name``        same name key ("U.S." = "US"; case, articles, possessives ignored)
    ``apposition``        "Boeing's new design, the 7e7"
    ``relative_pronoun``  "Tikhanovskaya, who ..."
    ``title_strip``       "President Lukashenko" = "Lukashenko"
    ``acronym``           "EU" = "European Union", "US" = "United States" (table + initials)
    ``partial_name``      "Kolesnikova" = "Maria Kolesnikova"; "Steve" = "Steve Jobs" (the only
                          Steve); "Northrop" = "Northrop Grumman" (the only such ORG);
                          "Airbus" = "Airbus SAS"; "Air Force" = "US Air Force";
                          "Coordination Headquarters" =
                          "Coordination Headquarters for the Treatment of Prisoners of War"
    ``transliteration``   "Maria Kalesnikava" = "Maria Kolesnikova" (see
                          :data:`kg.resolve.names.TRANSLIT_THRESHOLD`)
    ``demonym``           "Belarusian" (as a modifier) = Belarus, when :mod:`kg.resolve.places`
                          offers ``demonym_country``
    ``definite_description``  "the country" → last salient country, "the company" → last ORG
    ``head_match``        a definite nominal repeating an earlier head noun ("the aircraft")
    ``pronoun``           he/she/it/they... → nearest compatible antecedent (number, gender,
                          type), subjects first (breadth-first order in each sentence)
    ``speaker_organisation``  "we" in a quote of "Boeing spokesman Jim Proulx" → Boeing (a
                          plural speaker, e.g. an organisation, takes "we" itself)

>>> from kg.nlp import load_model
>>> from kg.parse import parse_text
>>> text = "Maria Kolesnikova was freed. Kolesnikova said she was happy."
>>> facts, entities = resolve_entities(parse_text(text, load_model()), [])
>>> [(e.name, e.type, e.aliases) for e in entities]
[('Maria Kolesnikova', 'PERSON', ('Kolesnikova',))]
>>> [m.rule for m in entities[0].mentions]
[None, 'partial_name', 'pronoun']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.model import Argument, Article, Entity, Fact, Mention, Segment, Span
from kg.resolve._union_find import UnionFind
from kg.resolve.names import (
    CORPORATE_SUFFIXES,
    TITLE_WORDS,
    clean_name,
    coarse_type,
    compatible_types,
    expand_short_form,
    is_acronym_of,
    may_be_short_form,
    name_gender,
    name_key,
    same_person_name,
    strip_titles,
    translit_key,
    words,
)

if TYPE_CHECKING:
    from kg.parse import ParsedArticle, ParsedSegment

__all__ = [
    "NAME_LABELS",
    "SIEVES",
    "Clustering",
    "find_clusters",
    "clusters_to_entities",
    "resolve_entities",
]

#: spaCy NER labels whose entities are name mentions.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)

# Pronoun features: (person, number, gender). gender "neuter" = it; None = unknown (they).
_PRONOUNS: dict[str, tuple[int, str, str | None]] = {
    **dict.fromkeys(["i", "me", "my", "mine", "myself"], (1, "sg", None)),
    **dict.fromkeys(["we", "us", "our", "ours", "ourselves"], (1, "pl", None)),
    **dict.fromkeys(["he", "him", "his", "himself"], (3, "sg", "male")),
    **dict.fromkeys(["she", "her", "hers", "herself"], (3, "sg", "female")),
    **dict.fromkeys(["it", "its", "itself"], (3, "sg", "neuter")),
    **dict.fromkeys(["they", "them", "their", "theirs", "themselves"], (3, "pl", None)),
}
_REFLEXIVE = frozenset({"myself", "ourselves", "himself", "herself", "itself", "themselves"})
# Relative pronouns that open a relative clause on the noun they refer to.
_RELATIVE = frozenset({"who", "whom", "whose", "which", "that"})
_PRONOUN_WORDS = tuple(sorted({*_PRONOUNS, *_RELATIVE}))
# Determiners that make a nominal definite (an anaphor candidate).
_DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those"})
# Speech/attribution verbs whose subject is the speaker of an adjacent quote.
_SAY_VERBS = words(
    """say add tell state note write post explain announce claim declare insist warn reply
    respond comment argue continue describe tweet"""
)
# Dependency labels of nouns that modify another noun ("U.S." in "U.S. retailer").
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
# Subject dependency labels (nominal subjects, active and passive).
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})
# Verbs whose "it" subject is usually pleonastic when they take a clausal complement.
_PLEONASTIC_HEADS = frozenset({"be", "seem", "appear", "remain", "become", "take", "expect"})

# Head nouns of definite descriptions and the entity type they refer back to.
_COUNTRY_NOUNS = frozenset({"country", "nation", "republic", "kingdom", "state"})
_CITY_NOUNS = frozenset({"city", "capital", "town"})
_ORG_NOUNS = words(
    """company firm carrier manufacturer maker airline group corporation giant planemaker
    aircraft-maker business conglomerate bloc union organisation organization agency
    consortium retailer operator supplier rival competitor"""
)
_PERSON_NOUNS = words(
    """leader president minister activist executive chief official spokesman spokeswoman
    spokesperson man woman politician dissident opposition founder chairman ceo director
    envoy diplomat laureate premier chancellor king queen"""
)
_PRODUCT_NOUNS = words(
    """aircraft plane airplane aeroplane jet airliner jumbo freighter tanker device phone
    handset player computer laptop product model software system gadget console tablet
    notebook desktop"""
)
# First words of organisation names that do not identify it alone ("United" Airlines).
_GENERIC_FIRST_WORDS = words(
    """united national american general first new royal international european british
    world global federal state central bank air china japan korea south north east west"""
)
# Last words that make a multi-word name an organisation ("Coordination Headquarters").
_ORG_HEAD_WORDS = words(
    """headquarters ministry agency council committee commission service office department
    bank university association party court parliament corporation company inc ltd plc llc
    group airlines airways authority institute foundation"""
)
# Longest noun-phrase extent (tokens) kept as a mention of its own.
_MAX_EXTENT = 40
# Rules that compare names; only these may join two clusters that both have a name.
_NAME_RULES = frozenset(
    {"exact_name", "title_strip", "acronym", "partial_name", "transliteration", "demonym"}
)
_GROUP_NOUNS = frozenset({"authorities", "government", "administration", "police", "people"})


@dataclass(slots=True)
class _M:
    """A mention under construction (mutable while the sieves run)."""

    idx: int
    doc_i: int
    tok_start: int  # token indices in segment doc_i's token layer
    tok_end: int
    head: int  # head token index in that layer
    start: int  # offsets in article.text
    end: int
    text: str
    kind: str  # "name", "pronoun", "nominal", "extent"
    label: str | None  # coarse type
    sent: int
    depth: int
    subject: bool
    number: str | None = None
    gender: str | None = None
    person: int = 3
    quote: int | None = None
    name: str = ""  # cleaned name for names
    head_lemma: str = ""
    definite: bool = False
    rule: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Clustering:
    """The mentions of one article and the cluster each belongs to (``cluster[i]`` for ``i``)."""

    article: Article
    mentions: list[Mention]
    cluster: list[int]
    kinds: list[str]
    state: _State | None = field(default=None, repr=False, compare=False)

    def clusters(self) -> list[list[Mention]]:
        """Mentions grouped by cluster, clusters in order of first mention."""
        groups: dict[int, list[Mention]] = {}
        for m, c in zip(self.mentions, self.cluster, strict=True):
            groups.setdefault(c, []).append(m)
        return list(groups.values())


class _State:
    """Mentions, clusters and per-sentence salience order shared by the sieves."""

    def __init__(
        self,
        mentions: list[_M],
        quotes: dict[int, int | None],
        parsed: ParsedArticle,
    ) -> None:
        self.m = mentions
        self._members: dict[int, list[_M]] = {m.idx: [m] for m in mentions}
        self.parsed = parsed
        self.text = parsed.article.text
        self.parses = parsed.segments  # each segment's token layer
        self.uf = UnionFind(len(mentions))
        # Cluster root → its voted type; a cluster's entry goes when it changes (link) and
        # all go when a mention's evidence changes (forget_types). The sieves ask often.
        self._types: dict[int, str | None] = {}
        # Cluster root → its gender and number (from the members' own, fixed features).
        self._genders: dict[int, str | None] = {}
        self._numbers: dict[int, str | None] = {}
        self.starts = [m.start for m in mentions]  # mentions are in text order
        self.quote_speaker = quotes  # quote id → speaker mention idx
        self.by_sent: dict[int, list[_M]] = {}
        for m in mentions:
            self.by_sent.setdefault(m.sent, []).append(m)
        # Sentences all of whose mentions are quoted speech.
        self.quoted_sents = {
            sent for sent, ms in self.by_sent.items() if all(x.quote is not None for x in ms)
        }
        for ms in self.by_sent.values():
            # Breadth-first order of the dependency tree: shallow (subjects, main clause) first.
            # Premodifiers ("U.S." in "U.S. retailer Best Buy") come after phrases of their depth.
            ms.sort(key=lambda x: (x.depth, "modifier" in x.extra, x.start))

    def same(self, a: _M, b: _M) -> bool:
        return self.uf.find(a.idx) == self.uf.find(b.idx)

    def members(self, m: _M) -> list[_M]:
        return self._members[self.uf.find(m.idx)]

    def link(self, anaphor: _M, antecedent: _M, rule: str) -> bool:
        """Merge the two clusters; False when refused.

        Rules that are not name rules never join two clusters that each have a proper name:
        the name sieves have already joined every pair of names that may corefer, so "the
        company" between "Apple" and "Infogear" must not make them one.
        """
        if self.same(anaphor, antecedent):
            return True
        if rule not in _NAME_RULES and self.names(anaphor) and self.names(antecedent):
            return False
        if anaphor.rule is None:
            anaphor.rule = rule
        ra, rb = self.uf.find(anaphor.idx), self.uf.find(antecedent.idx)
        for cache in (self._types, self._genders, self._numbers):
            cache.pop(ra, None)
            cache.pop(rb, None)
        self.uf.union(ra, rb)
        root = self.uf.find(ra)
        merged = self._members.pop(ra) + self._members.pop(rb)
        self._members[root] = sorted(merged, key=lambda x: x.idx)
        return True

    def first_name_owners(self, first: str) -> int:
        """How many clusters have a multi-word person name starting with ``first``."""
        owners = {
            self.uf.find(x.idx)
            for x in self.m
            if x.kind == "name"
            and x.label == "PERSON"
            and len(x.name.split()) > 1
            and name_key(x.name).split()[0] == first
        }
        return len(owners)

    def org_first_word_owners(self, first: str) -> int:
        """How many clusters have a multi-word organisation name starting with ``first``."""
        owners = {
            self.uf.find(x.idx)
            for x in self.m
            if x.kind == "name"
            and x.label == "ORG"
            and len(name_key(x.name).split()) > 1
            and name_key(x.name).split()[0] == first
        }
        return len(owners)

    def names(self, m: _M) -> list[_M]:
        return [x for x in self.members(m) if x.kind == "name"]

    def ctype(self, m: _M) -> str | None:
        """The cluster's type: vote of its names, else the nominal/pronoun evidence."""
        root = self.uf.find(m.idx)
        if root not in self._types:
            self._types[root] = _vote_type(self._members[root])
        return self._types[root]

    def forget_types(self) -> None:
        """Drop the cached cluster types (after a change to a mention's own evidence)."""
        self._types.clear()

    def cgender(self, m: _M) -> str | None:
        root = self.uf.find(m.idx)
        if root not in self._genders:
            genders = {x.gender for x in self._members[root] if x.gender in ("male", "female")}
            self._genders[root] = genders.pop() if len(genders) == 1 else None
        return self._genders[root]

    def cnumber(self, m: _M) -> str | None:
        root = self.uf.find(m.idx)
        if root not in self._numbers:
            self._numbers[root] = _cluster_number(self._members[root])
        return self._numbers[root]

    def candidates(
        self, m: _M, window: int, among: dict[int, list[_M]] | None = None
    ) -> Iterator[_M]:
        """Antecedent candidates: this sentence (before m) then earlier ones, salience order.

        For a mention outside quotes, sentences wholly inside a quote do not count toward the
        window (the pronoun in '"...," she said' reaches back past the quote). ``among``:
        only these mentions (sentence → its mentions in salience order, a subset of
        ``by_sent``), for a sieve that would skip the others.
        """
        by_sent = self.by_sent if among is None else among
        seen = 0
        s = m.sent
        while s >= 0 and seen <= window:
            if m.quote is None and s != m.sent and s in self.quoted_sents:
                s -= 1
                continue
            seen += 1
            for c in by_sent.get(s, ()):
                if c.start >= m.start or c.idx == m.idx:
                    continue
                if c.start <= m.start and m.end <= c.end:
                    continue  # i-within-i: "his isolation" is not "his" antecedent
                yield c
            s -= 1


def _cluster_number(members: Sequence[_M]) -> str | None:
    """A cluster's number: "sg" with a name, else its members' most frequent (first on ties)."""
    if any(x.kind == "name" for x in members):
        return "sg"
    numbers: dict[str, int] = {}
    for x in members:
        if x.number:
            numbers[x.number] = numbers.get(x.number, 0) + 1
    return max(numbers, key=numbers.__getitem__) if numbers else None


def _vote_type(members: Sequence[_M]) -> str | None:
    votes: dict[str, int] = {}
    for x in members:
        if x.kind == "name" and x.label:
            # Multi-word person names are rarely mislabelled; single words often are.
            weight = 2 if x.label == "PERSON" and len(x.name.split()) > 1 else 1
            votes[x.label] = votes.get(x.label, 0) + weight
    if votes:
        best = max(votes.items(), key=lambda kv: (kv[1], kv[0] == "GPE", kv[0]))[0]
        if best != "PERSON":
            name = _canonical_name(members)
            if name and _is_country(name):
                return "GPE"
        return best
    for x in members:
        if x.kind == "pronoun" and x.gender in ("male", "female"):
            return "PERSON"
    for x in members:
        if x.label:
            return x.label
    return None


def _is_country(name: str) -> bool:
    """Whether a name is a country ("Belarus", "US"; not "EU")."""
    if expand_short_form(name) is not None:
        return name_key(name) not in {"eu", "un", "european union", "united nations"}
    return name_key(name) in _country_names()


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    import pycountry

    names = {"united states", "united kingdom", "russia", "soviet union"}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(name_key(value))
    return frozenset(names)


def _canonical_name(members: Sequence[_M]) -> str | None:
    """The name a cluster goes by.

    People: the longest full name, titles stripped ("Maria Kolesnikova", not "Kolesnikova").
    Others: the name form used most often, short forms counted as their long form ("US" →
    "United States"), then the longest, then the earliest. Counting keeps "Boeing" the name of
    an article that once says "Boeing Commercial Airplanes", so keys agree across articles.
    """
    names = [x for x in members if x.kind == "name" and x.name]
    # A demonym linked to its country ("Belarusian" → Belarus) never names the cluster.
    names = [x for x in names if "demonym" not in x.extra] or names
    if not names:
        return None
    if any(x.label == "PERSON" and len(x.name.split()) > 1 for x in names):
        best = max(
            names,
            key=lambda x: (x.label == "PERSON" and len(x.name.split()) > 1, len(x.name), -x.start),
        )
        return best.name
    used: dict[str, int] = {}
    first: dict[str, tuple[int, str]] = {}
    for x in names:
        form = expand_short_form(x.name) or x.name
        key = name_key(form)
        used[key] = used.get(key, 0) + 1
        first.setdefault(key, (x.start, form))
    key = max(used, key=lambda k: (used[k], len(k), -first[k][0]))
    return first[key][1]


# ---------------------------------------------------------------------------------------------
# Mention detection

_QUOTE_CHARS = re.compile('[“”"]')


def _quote_regions(text: str, offset: int) -> list[tuple[int, int]]:
    """Quoted stretches of a paragraph as article offsets.

    Curly quotes say which side they are; a straight quote opens when it follows a space or
    the paragraph start and closes otherwise. A quote left open runs to the paragraph end; a
    close without an open (a quote continued from the previous paragraph) starts at its start.

    >>> _quote_regions('He said "yes." Then', 0)
    [(8, 14)]
    >>> _quote_regions('we will," said Smith.', 0)
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


_PRONOUN_WORD_SET = frozenset(_PRONOUN_WORDS)


def _detect(parsed: ParsedArticle, facts: Sequence[Fact]) -> tuple[list[_M], dict[int, int | None]]:
    parses = parsed.segments
    mentions: list[_M] = []
    heads: dict[tuple[int, int], _M] = {}
    quote_of: list[tuple[int, int, int]] = []  # (start, end, quote id)
    quote_doc: list[int] = []  # quote id → the doc it was found in
    sent_base: list[int] = []  # per doc, the article sentence number of its first sentence
    n_sents = 0
    for doc_i, parse in enumerate(parses):
        sent_base.append(n_sents)
        n_sents += parse.n_sents
        for region in _quote_regions(parse.text, parse.offset):
            quote_of.append((*region, len(quote_of)))
            quote_doc.append(doc_i)

    def add(m: _M) -> None:
        key = (m.doc_i, m.head)
        if key in heads:
            return
        heads[key] = m
        mentions.append(m)

    def make(doc_i: int, ts: int, te: int, head: int, kind: str, label: str | None) -> _M:
        p = parses[doc_i]
        offset = p.offset
        dep = p.dep[head]
        return _M(
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
            sent=sent_base[doc_i] + p.sent[head],
            depth=p.depth(head),
            subject=dep in _SUBJ_DEPS,
            extra={"modifier": "1"} if dep in _MODIFIER_DEPS else {},
            head_lemma=p.lemma[head].lower(),
        )

    for doc_i, p in enumerate(parses):
        # 1. NER names (preferred owner of their head token).
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
            m = make(doc_i, ts, te, root, "name", label)
            m.name = clean_name(text)
            if m.label == "PERSON" and _place_not_person(m.name):
                m.label = "GPE"
            if m.label == "PERSON":
                m.name = strip_titles(m.name)
                m.gender = name_gender(m.name)
            m.number = "sg"
            if m.name:
                add(m)
        # 2. Pronouns (personal, possessive, relative).
        for i in [i for i, low in enumerate(p.lower) if low in _PRONOUN_WORD_SET]:
            low = p.lower[i]
            tag = p.tag[i]
            if low in _PRONOUNS and tag in ("PRP", "PRP$"):
                if low == "us" and p.token_text(i) == "US":
                    continue
                if low in ("it", "its") and _pleonastic(p, i):
                    continue
                person, number, gender = _PRONOUNS[low]
                m = make(doc_i, i, i + 1, i, "pronoun", None)
                m.person, m.number, m.gender = person, number, gender
                add(m)
            elif low in _RELATIVE and tag in ("WDT", "WP", "WP$") and _relcl_noun(p, i) is not None:
                m = make(doc_i, i, i + 1, i, "pronoun", None)
                m.extra["relative"] = "1"
                add(m)
        # 3. Noun chunks headed by a common noun (names are already in).
        for start, end, root in p.noun_chunks:
            root_pos = p.pos[root]
            if root_pos not in ("NOUN", "PROPN") or (doc_i, root) in heads:
                continue
            if root_pos == "PROPN" and not _bare_name(p, start, end, root):
                continue
            m = make(doc_i, start, end, root, "nominal", None)
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
            elif p.lemma[root].lower() in _PERSON_NOUNS:
                m.label = "PERSON"
            add(m)
        # 3b. Possessor nouns, which spaCy's noun chunks leave inside the possessed phrase:
        # "the company's chief executive" holds the mention "the company".
        for i in [i for i, dep in enumerate(p.dep) if dep == "poss"] if "poss" in p.dep else ():
            if p.pos[i] != "NOUN" or (doc_i, i) in heads:
                continue
            m = make(doc_i, p.left_edge(i), i + 1, i, "nominal", None)
            m.number = "pl" if p.tag[i] == "NNS" else "sg"
            m.definite = any(p.definite_det[c] for c in p.children[i])
            m.extra["modifier"] = "1"
            if p.lemma[i].lower() in _PERSON_NOUNS:
                m.label = "PERSON"
            add(m)

    # 4. Heads of fact spans not yet covered (e.g. a subject the noun chunker split).
    for fact in facts:
        for span in _fact_spans(fact):
            hit = parsed.locate(span[0], span[1])
            if hit is None or hit in heads:
                continue
            doc_i, head_i = hit
            p = parses[doc_i]
            if p.pos[head_i] not in ("NOUN", "PROPN"):
                continue
            ts, te = parsed.tokens(doc_i, span[0], span[1])
            m = make(doc_i, ts, te, head_i, "nominal", None)
            m.number = "pl" if p.tag[head_i] in ("NNS", "NNPS") else "sg"
            add(m)

    _promote_capitalised_nominals(mentions, parses)
    # 5. Full noun-phrase extents around names and nominals ("U.S. electronics retailer Best
    # Buy", "Ryanair, the Irish airline"): same referent, a longer span. Not head owners.
    for m in list(mentions):
        if m.kind not in ("name", "nominal"):
            continue
        p = parses[m.doc_i]
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
        ext = make(m.doc_i, left, right, m.head, "extent", m.label)
        ext.extra["core"] = str(id(m))
        mentions.append(ext)
    mentions.sort(key=lambda x: (x.start, -x.end, x.kind == "extent"))
    # A mention's quote is the last region that holds it. When segments do not overlap (as
    # ingest makes them), only the regions of the mention's own paragraph can, and a quote's
    # paragraph is the one it was found in; otherwise every region and paragraph is tried.
    disjoint = _disjoint([layer.segment for layer in parses])
    own_quotes: dict[int, list[tuple[int, int, int]]] = {}
    for quote, doc_i in zip(quote_of, quote_doc, strict=True):
        own_quotes.setdefault(doc_i, []).append(quote)
    for i, m in enumerate(mentions):
        m.idx = i
        for qs, qe, qid in own_quotes.get(m.doc_i, ()) if disjoint else quote_of:
            if qs <= m.start and m.end <= qe:
                m.quote = qid
    homes = quote_doc if disjoint else None
    speakers = _quote_speakers(mentions, quote_of, heads, parses, homes)
    return mentions, speakers


def _disjoint(segments: Sequence[Segment]) -> bool:
    """Whether no two segments overlap."""
    spans = sorted((seg.start, seg.end) for seg in segments)
    return all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))


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


def _say_verbs(p: ParsedSegment) -> list[int]:
    """Indices of the tokens whose lemma is a speech verb (:data:`_SAY_VERBS`), any case."""
    return [i for i, lemma in enumerate(p.lemma) if lemma.lower() in _SAY_VERBS]


def _promote_capitalised_nominals(mentions: list[_M], parses: Sequence[ParsedSegment]) -> None:
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
            return p.lemma[head].lower() in _PRODUCT_NOUNS
    return False


def _place_not_person(name: str) -> bool:
    """A one-word "person" that the gazetteer knows as a country or city ("Vilnius")."""
    if len(name.split()) != 1 or name_gender(name) is not None:
        return False
    try:
        from kg.resolve.places import lookup_place
    except ImportError:
        return False
    try:
        place = lookup_place(name)
    except Exception:  # a gazetteer problem must not break coreference
        return False
    return place is not None and place.kind in ("country", "city")


def _pleonastic(p: ParsedSegment, i: int) -> bool:
    """ "It is expected that ...", "it seems ...": an "it" (token ``i``) that refers to nothing."""
    if p.dep[i] == "expl":
        return True
    head = p.head[i]
    if p.dep[i] in _SUBJ_DEPS and p.lemma[head] in _PLEONASTIC_HEADS:
        kids = p.children[head]
        return any(p.dep[c] in ("ccomp", "xcomp", "csubj") for c in kids) and not any(
            p.dep[c] in ("attr", "dobj") and p.pos[c] in ("NOUN", "PROPN") for c in kids
        )
    return False


def _relcl_noun(p: ParsedSegment, i: int) -> int | None:
    """The noun a relative pronoun's clause modifies ("Tikhanovskaya, who was waiting")."""
    verb = p.head[i]
    while p.dep[verb] not in ("relcl", "ROOT") and p.head[verb] != verb:
        verb = p.head[verb]
    if p.dep[verb] == "relcl" and p.pos[p.head[verb]] in ("NOUN", "PROPN", "PRON"):
        return p.head[verb]
    return None


def _quote_speakers(
    mentions: list[_M],
    quotes: list[tuple[int, int, int]],
    heads: dict[tuple[int, int], _M],
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
        best: _M | None = None
        for doc_i in (home, home + 1, home - 1):
            if not 0 <= doc_i < len(parses):
                continue
            if doc_i not in verbs:
                verbs[doc_i] = _say_verbs(parses[doc_i])
            best = _speaker_in(doc_i, parses, heads, regions, qs, qe, verbs[doc_i])
            if best is not None:
                break
        speakers[qid] = best.idx if best else None
    return speakers


def _speaker_in(
    doc_i: int,
    parses: Sequence[ParsedSegment],
    heads: dict[tuple[int, int], _M],
    regions: list[tuple[int, int]],
    qs: int,
    qe: int,
    verbs: Sequence[int] | None = None,
) -> _M | None:
    """The subject of the speech verb nearest to the quote in paragraph ``doc_i``.

    ``verbs``: the indices of the segment's speech verbs (:func:`_say_verbs`), to skip the
    rest.
    """
    p = parses[doc_i]
    best: tuple[int, _M] | None = None
    for i in _say_verbs(p) if verbs is None else verbs:
        off = p.start(i)
        if p.lemma[i].lower() not in _SAY_VERBS or p.pos[i] not in ("VERB", "AUX"):
            continue
        if any(rs <= off < re_ for rs, re_ in regions):
            continue  # a verb inside quoted speech
        subj = next((c for c in p.children[i] if p.dep[c] in _SUBJ_DEPS), None)
        if subj is None or (doc_i, subj) not in heads:
            continue
        dist = qs - off if off < qs else abs(off - qe)
        if best is None or dist < best[0]:
            best = (dist, heads[(doc_i, subj)])
    return best[1] if best else None


def _fact_spans(fact: Fact) -> Iterator[tuple[int, int]]:
    for span in (fact.subject, fact.object, fact.attributed_to):
        if span is not None:
            yield span.start, span.end
    for arg in fact.arguments:
        yield arg.start, arg.end


# ---------------------------------------------------------------------------------------------
# Sieves: each takes the state and links anaphors to antecedents, recording its rule.


def _sieve_extent(st: _State) -> None:
    """ "U.S. electronics retailer Best Buy" = "Best Buy": a phrase and the name it is built on."""
    by_id = {str(id(m)): m for m in st.m}
    for m in st.m:
        if m.kind == "extent":
            st.link(m, by_id[m.extra["core"]], "extent")


def _sieve_quote_speaker(st: _State) -> None:
    """ "Today, I want to send my thanks ..." she said: I/my/we → she.

    Without a speaker, first-person pronouns of one number in one quote still go together.
    """
    first_in_quote: dict[tuple[int, str | None], _M] = {}
    for m in st.m:
        if m.kind == "pronoun" and m.person == 1 and m.quote is not None:
            speaker = st.quote_speaker.get(m.quote)
            # "I" is the speaker; "we" is decided after the pronouns (_sieve_speaker_group).
            if speaker is not None and m.number == "sg":
                st.link(m, st.m[speaker], "quote_speaker")
                continue
            key = (m.quote, m.number)
            if key in first_in_quote:
                st.link(m, first_in_quote[key], "same_speaker")
            else:
                first_in_quote[key] = m


def _sieve_speaker_group(st: _State) -> None:
    """ "We are delighted," said Boeing spokesman Jim Proulx: we → Boeing, not Proulx.

    A plural "we" in a quote is the speaker when the speaker is an organisation or a group,
    else the organisation named inside the speaker's phrase ("Boeing spokesman ...", "...,
    Boeing's chief executive"); with neither it stays with the other "we" of its quote.
    """
    for m in st.m:
        if m.kind != "pronoun" or m.person != 1 or m.number != "pl" or m.quote is None:
            continue
        speaker_idx = st.quote_speaker.get(m.quote)
        if speaker_idx is None:
            continue
        speaker = st.m[speaker_idx]
        stype = st.ctype(speaker)
        if stype in ("ORG", "GPE", "NORP") or (stype != "PERSON" and st.cnumber(speaker) == "pl"):
            st.link(m, speaker, "quote_speaker")
            continue
        org = _speaker_organisation(st, speaker)
        if org is not None:
            st.link(m, org, "speaker_organisation")


def _speaker_organisation(st: _State, speaker: _M) -> _M | None:
    """The organisation name inside the phrase of a speaker's mentions ("Boeing spokesman X")."""
    for member in st.members(speaker):
        spans = [(x.start, x.end) for x in st.members(member) if x.kind == "extent"]
        spans.append((member.start, member.end))
        for start, end in spans:
            # Mentions are in text order: those inside the span start from here on.
            for k in range(bisect.bisect_left(st.starts, start), len(st.m)):
                x = st.m[k]
                if x.start >= end:
                    break
                inside = x.kind == "name" and x.end <= end
                if inside and not st.same(x, member) and st.ctype(x) == "ORG":
                    return x
    return None


def _name_representatives(st: _State) -> list[_M]:
    """Name mentions in text order, one per (name, label, cluster): after exact_name,
    repeats add nothing."""
    seen: set[tuple[str, str | None, int]] = set()
    names: list[_M] = []
    for m in st.m:
        if m.kind == "name" and m.name:
            key = (m.name, m.label, st.uf.find(m.idx))
            if key not in seen:
                seen.add(key)
                names.append(m)
    return names


def _names_pairs(
    st: _State, group: Callable[[_M], str | None] | None = None
) -> Iterator[tuple[_M, _M]]:
    """(anaphor, antecedent) pairs of names, antecedents most recent first.

    With ``group``, only pairs of names in the same group (None: in none), in the same
    order: a sieve that can only link names with equal keys need not see the n² others.
    """
    names = _name_representatives(st)
    if group is None:
        for j, a in enumerate(names):
            for b in reversed(names[:j]):
                yield a, b
        return
    groups: dict[str, list[_M]] = {}
    for a in names:
        g = group(a)
        if g is None:
            continue
        earlier = groups.setdefault(g, [])
        for b in reversed(earlier):
            yield a, b
        earlier.append(a)


def _sieve_exact_name(st: _State) -> None:
    """ "Maria Kolesnikova" ... "Maria Kolesnikova"; "U.S." ... "US"."""
    first: dict[str, _M] = {}
    for m in st.m:
        if m.kind != "name" or not m.name:
            continue
        key = name_key(m.name)
        if key in first and _type_ok(first[key], m):
            st.link(m, first[key], "exact_name")
        else:
            first.setdefault(key, m)


def _type_ok(a: _M, b: _M) -> bool:
    # NER types of one name disagree often (Belarus as GPE and ORG); only a clear clash
    # between a person and a product/event blocks a same-name link.
    clash = {frozenset({"PERSON", "PRODUCT"}), frozenset({"PERSON", "EVENT"})}
    return frozenset({a.label, b.label}) not in clash


def _sieve_apposition(st: _State) -> None:
    """ "Boeing's upcoming new design, the 7e7": the appositive names its head.

    Only adjacent appositives ("X, Y" or "X (Y)") with at most one proper name on either side:
    the parser also attaches list items ("Zelensky -- and ... Budanov") as appositions.
    """
    by_head = {(m.doc_i, m.head): m for m in st.m if m.kind != "extent"}
    text = st.text
    for m in st.m:
        p = st.parses[m.doc_i]
        if p.dep[m.head] != "appos":
            continue
        ante = by_head.get((m.doc_i, p.head[m.head]))
        if ante is None or ante.kind == "pronoun" or ante.end > m.start:
            continue
        if ante.kind == "name" and m.kind == "name":
            continue
        if text[ante.end : m.start].strip() not in (",", "("):
            continue
        st.link(m, ante, "apposition")


def _sieve_relative_pronoun(st: _State) -> None:
    """ "Svetlana Tikhanovskaya, who was waiting ...": who → Tikhanovskaya."""
    by_head = {(m.doc_i, m.head): m for m in st.m if m.kind != "extent"}
    for m in st.m:
        if "relative" not in m.extra:
            continue
        noun = _relcl_noun(st.parses[m.doc_i], m.head)
        if noun is not None:
            ante = by_head.get((m.doc_i, noun))
            if ante is not None:
                st.link(m, ante, "relative_pronoun")


def _sieve_title_strip(st: _State) -> None:
    """ "President Lukashenko" = "Lukashenko" (titles dropped before comparing)."""
    for a, b in _names_pairs(st, lambda m: name_key(strip_titles(m.name))):
        if st.same(a, b):
            continue
        if name_key(strip_titles(a.name)) == name_key(strip_titles(b.name)) and _type_ok(a, b):
            st.link(a, b, "title_strip")
            continue


def _sieve_acronym(st: _State) -> None:
    """ "EU" = "European Union"; "US" = "the United States"."""
    short_form: dict[int, bool] = {}  # mention idx → may_be_short_form(name), asked once

    def may_be_short(m: _M) -> bool:
        found = short_form.get(m.idx)
        if found is None:
            found = short_form[m.idx] = may_be_short_form(m.name)
        return found

    # The pairs of _names_pairs, in its order, without those that cannot link: a pair needs
    # a possible short form on one side ("EU", "U.S.") and no person on either.
    names = _name_representatives(st)
    short_ones: list[int] = []  # positions in names of non-person possible short forms
    for j, a in enumerate(names):
        if a.label == "PERSON":
            continue
        a_short = may_be_short(a)
        partners = range(j - 1, -1, -1) if a_short else reversed(short_ones)
        if a_short:
            short_ones.append(j)
        for k in partners:
            b = names[k]
            if b.label == "PERSON" or st.same(a, b):
                continue
            _acronym_link(st, a, b)


def _acronym_link(st: _State, a: _M, b: _M) -> None:
    """Link two names when one is an acronym or short form of the other."""
    if is_acronym_of(a.name, b.name) or is_acronym_of(b.name, a.name):
        st.link(a, b, "acronym")
    else:
        ea, eb = expand_short_form(a.name), expand_short_form(b.name)
        if ea and eb and ea == eb:
            st.link(a, b, "acronym")


def _sieve_partial_name(st: _State) -> None:
    """ "Kolesnikova" = "Maria Kolesnikova"; "Airbus" = "Airbus SAS"."""
    # Per mention idx, computed once: the name's words without titles, the words without a
    # possessive owner, and both together.
    tokens: dict[int, list[str]] = {}
    head_words: dict[int, list[str]] = {}
    any_words: dict[int, frozenset[str]] = {}

    def words_of(m: _M) -> list[str]:
        found = tokens.get(m.idx)
        if found is None:
            found = tokens[m.idx] = name_key(strip_titles(m.name)).split()
        return found

    def head_words_of(m: _M) -> list[str]:
        found = head_words.get(m.idx)
        if found is None:
            found = head_words[m.idx] = name_key(_drop_owner(m.name)).split()
        return found

    def any_words_of(m: _M) -> frozenset[str]:
        found = any_words.get(m.idx)
        if found is None:
            found = any_words[m.idx] = frozenset(words_of(m)) | frozenset(head_words_of(m))
        return found

    # The pairs of _names_pairs, in its order, but only those sharing a word: every rule of
    # _partial finds the short name's first or last word in the long one.
    names = _name_representatives(st)
    having: dict[str, list[int]] = {}  # word → positions in names of the names that have it
    for j, a in enumerate(names):
        a_words = any_words_of(a)
        partners = sorted({k for w in a_words for k in having.get(w, ())}, reverse=True)
        for w in a_words:
            having.setdefault(w, []).append(j)
        for k in partners:
            b = names[k]
            wa, wb = words_of(a), words_of(b)
            # Only the shorter name can be part of the longer one: one direction to test.
            if len(wa) == len(wb):
                continue
            short, long = (a, b) if len(wa) < len(wb) else (b, a)
            ws = words_of(short)
            if not ws or (ws[0] not in any_words_of(long) and ws[-1] not in any_words_of(long)):
                continue
            if st.same(a, b):
                continue
            if _partial(short, long, st, ws, words_of(long), head_words_of(long)):
                st.link(a, b, "partial_name")


def _partial(
    short: _M,
    long: _M,
    st: _State,
    s_tokens: list[str] | None = None,
    l_tokens: list[str] | None = None,
    long_words: list[str] | None = None,
) -> bool:
    """Whether ``short`` names part of ``long`` (see :func:`_sieve_partial_name`).

    ``s_tokens``/``l_tokens``: the names' words without titles; ``long_words``: the long
    name's words without a possessive owner (computed when not given).
    """
    if s_tokens is None:
        s_tokens = name_key(strip_titles(short.name)).split()
    if l_tokens is None:
        l_tokens = name_key(strip_titles(long.name)).split()
    if not s_tokens or len(s_tokens) >= len(l_tokens):
        return False
    long_type = st.ctype(long)
    if long_type == "PERSON" and long.label == "PERSON":
        # Surname (and optional first name) of a person: "Kolesnikova", "Mr Forgeard".
        if short.label in ("PRODUCT", "EVENT", "NORP") or not short.name[:1].isupper():
            return False
        if _is_country(short.name):
            return False  # "Indonesia" is not the surname of "Garuda Indonesia" (NER: PERSON)
        if s_tokens[-1] == l_tokens[-1] and all(t in l_tokens for t in s_tokens):
            return True
        # A first name alone ("Steve") when exactly one person of the article has it.
        return (
            len(s_tokens) == 1
            and short.label in ("PERSON", None)
            and s_tokens[0] == l_tokens[0]
            and st.first_name_owners(s_tokens[0]) == 1
        )
    if "PERSON" in (short.label, long.label) or long_type == "PERSON":
        return False
    if not compatible_types(short.label, long.label):
        return False
    # Head words of an organisation name: what follows is "of/for ..." or a corporate suffix.
    if long_words is None:
        long_words = name_key(_drop_owner(long.name)).split()
    n = len(s_tokens)
    # "Air Force" = "US Air Force": the long name is the short one behind a country name.
    for k in (1, 2):
        if long_words[k:] == s_tokens and n > 1 and _is_country(" ".join(long_words[:k])):
            return True
    if long_words[:n] == s_tokens and len(long_words) > n:
        rest = long_words[n:]
        if rest[0] in ("of", "for") or all(w in CORPORATE_SUFFIXES for w in rest):
            return True
        # "Northrop" = "Northrop Grumman": a distinctive first word that only one
        # organisation of the article starts with.
        return (
            n == 1
            and long_type == "ORG"
            and s_tokens[0] not in _GENERIC_FIRST_WORDS
            and not _is_country(s_tokens[0])
            and st.org_first_word_owners(s_tokens[0]) == 1
        )
    return False


def _drop_owner(name: str) -> str:
    """ "Ukraine's Coordination Headquarters" → "Coordination Headquarters"."""
    return re.sub(r"^.*?['’]s\s+", "", name)


def _sieve_transliteration(st: _State) -> None:
    """ "Maria Kalesnikava" = "Maria Kolesnikova"; "Tsikhanouskaya" = "Tikhanovskaya"."""
    # Both must be person names (NER's label): "Slava Ukraini" must not meet "Ukraine".
    for a, b in _names_pairs(st, lambda m: "person" if m.label == "PERSON" else None):
        if st.same(a, b):
            continue
        if a.label != "PERSON" or b.label != "PERSON":
            continue
        na, nb = strip_titles(a.name), strip_titles(b.name)
        if translit_key(na) != translit_key(nb) and same_person_name(na, nb):
            st.link(a, b, "transliteration")


def _sieve_demonym(st: _State) -> None:
    """ "Belarusian opposition leader" → Belarus (only if the places module offers it)."""
    try:
        from kg.resolve import places
    except ImportError:
        return
    demonym_country: Callable[[str], str | None] | None = getattr(places, "demonym_country", None)
    if demonym_country is None:
        return
    countries = {
        name_key(n): m
        for m in st.m
        if m.kind == "name" and m.label in ("GPE", "LOC", "ORG")
        for n in (m.name, expand_short_form(m.name) or m.name)
    }
    for m in st.m:
        # NER tags demonyms NORP, sometimes GPE ("Ukrainian authorities").
        if m.kind != "name" or m.label not in ("NORP", "GPE"):
            continue
        try:
            country = demonym_country(m.name)
        except Exception:  # a helper bug must not break coreference
            return
        if not country or name_key(country) == name_key(m.name):
            continue
        m.extra["demonym"] = country
        st.forget_types()  # a demonym never names its cluster: the vote may change
        if st.parses[m.doc_i].dep[m.head] not in ("amod", "compound", "nmod"):
            continue
        if name_key(country) in countries:
            st.link(m, countries[name_key(country)], "demonym")


def _sieve_head_match(st: _State) -> None:
    """ "the aircraft" ... "the new aircraft": a definite nominal repeating a head noun."""
    # Head lemma → sentence → its nominals in salience order: the only candidates that match.
    nominals: dict[str, dict[int, list[_M]]] = {}
    for sent, ms in st.by_sent.items():
        for c in ms:
            if c.kind == "nominal":
                nominals.setdefault(c.head_lemma, {}).setdefault(sent, []).append(c)
    for m in st.m:
        if m.kind != "nominal" or not m.definite or m.quote is not None:
            continue
        if len(st.members(m)) > 1:
            continue  # already resolved by a more precise sieve
        for c in st.candidates(m, window=6, among=nominals.get(m.head_lemma, {})):
            same_head = c.kind == "nominal" and c.head_lemma == m.head_lemma
            ok = same_head and c.number == m.number and _modifiers_ok(st, m, c)
            if ok and st.link(m, c, "head_match"):
                break


def _modifiers_ok(st: _State, m: _M, c: _M) -> bool:
    """dcoref's compatible-modifiers test: the anaphor adds no new proper/number modifier."""
    pm, pc = st.parses[m.doc_i], st.parses[c.doc_i]
    words_c = set(pc.lower[c.tok_start : c.tok_end])
    for t in range(m.tok_start, m.tok_end):
        if t == m.head:
            continue
        if pm.pos[t] in ("PROPN", "NUM") and pm.lower[t] not in words_c:
            return False
    return True


def _sieve_definite_description(st: _State) -> None:
    """ "the country" → the last salient country; "the company" → the last organisation."""
    for m in st.m:
        if m.kind != "nominal" or not m.definite or st.names(m):
            continue
        lemma = m.head_lemma
        if lemma in _COUNTRY_NOUNS:
            want, country = "GPE", True
        elif lemma in _CITY_NOUNS:
            want, country = "GPE", False
        elif lemma in _ORG_NOUNS:
            want, country = "ORG", None
        elif lemma in _PERSON_NOUNS and m.number == "sg":
            want, country = "PERSON", None
        elif lemma in _PRODUCT_NOUNS:
            want, country = "PRODUCT", None
        else:
            continue
        required = _proper_modifiers(st, m)
        for c in st.candidates(m, window=4):
            if c.kind != "name" or st.ctype(c) != want or (m.quote is not None and c.quote is None):
                continue
            if required and not required <= _cluster_words(st, c):
                continue  # "the US manufacturer" is not an Irish airline named before
            ok = country is None or _is_country(_canonical_name(st.members(c)) or "") == country
            if ok and st.link(m, c, "definite_description"):
                break


def _proper_modifiers(st: _State, m: _M) -> set[str]:
    """Name and nationality words inside a description ("US" in "the US manufacturer")."""
    p = st.parses[m.doc_i]
    return {
        name_key(p.token_text(t))
        for t in range(m.tok_start, m.tok_end)
        if t != m.head and (p.pos[t] == "PROPN" or p.ent_type[t] in ("GPE", "NORP"))
    }


def _cluster_words(st: _State, m: _M) -> set[str]:
    """Every word of every mention in ``m``'s cluster, as name keys."""
    found: set[str] = set()
    for x in st.members(m):
        found.update(name_key(w) for w in x.text.split())
        if x.name:
            found.add(name_key(x.name))
    return found


def _sieve_pronoun(st: _State) -> None:
    """he/she/it/they → the first compatible candidate in salience order."""
    for m in st.m:
        if m.kind != "pronoun" or m.person != 3 or "relative" in m.extra:
            continue
        window = 3 if m.gender in ("male", "female") else 2
        for c in st.candidates(m, window=window):
            if st.same(m, c) or c.kind == "pronoun" and c.person != 3:
                continue
            if m.quote is None and c.quote is not None:
                continue  # narrative pronouns do not reach into quoted speech
            if c.kind == "pronoun" and "relative" in c.extra:
                continue
            if not _binding_ok(st.parses[m.doc_i], m, c):
                continue
            if _pronoun_agrees(st, m, c) and st.link(m, c, "pronoun"):
                break


def _binding_ok(p: ParsedSegment, m: _M, c: _M) -> bool:
    """Binding principle B: a non-reflexive object is not its own clause's subject.

    ``p`` is the parse of the pronoun ``m``'s doc.
    """
    pron, cand = m.head, c.head
    if m.doc_i != c.doc_i or p.lower[pron] in _REFLEXIVE:
        return True
    clause_mates = p.head[cand] == p.head[pron]
    return not (p.dep[pron] in ("dobj", "iobj") and p.dep[cand] in _SUBJ_DEPS and clause_mates)


def _pronoun_agrees(st: _State, m: _M, c: _M) -> bool:
    ctype = st.ctype(c)
    gender = st.cgender(c)
    number = st.cnumber(c)
    person_like = ctype == "PERSON" or (c.kind == "nominal" and c.head_lemma in _PERSON_NOUNS)
    if m.gender in ("male", "female"):
        return person_like and number != "pl" and gender in (None, m.gender)
    if m.gender == "neuter":
        return (
            not person_like
            and ctype not in ("NORP",)
            and number != "pl"
            and not (c.kind == "nominal" and c.head_lemma in _GROUP_NOUNS)
        )
    # they/them/their: plural nominals and pronouns, organisations and groups.
    if number == "pl":
        return True
    return ctype == "ORG" or (c.kind == "nominal" and c.head_lemma in _GROUP_NOUNS)


#: The sieves in the order they run (most precise first), by rule name.
SIEVES: tuple[tuple[str, Callable[[_State], None]], ...] = (
    ("extent", _sieve_extent),
    ("quote_speaker", _sieve_quote_speaker),  # also records "same_speaker"
    ("exact_name", _sieve_exact_name),
    ("apposition", _sieve_apposition),
    ("relative_pronoun", _sieve_relative_pronoun),
    ("title_strip", _sieve_title_strip),
    ("acronym", _sieve_acronym),
    ("partial_name", _sieve_partial_name),
    ("transliteration", _sieve_transliteration),
    ("demonym", _sieve_demonym),
    ("definite_description", _sieve_definite_description),
    ("head_match", _sieve_head_match),
    ("pronoun", _sieve_pronoun),
    ("speaker_organisation", _sieve_speaker_group),  # also "quote_speaker" for plural speakers
)


# ---------------------------------------------------------------------------------------------
# Public API


def find_clusters(parsed: ParsedArticle, facts: Sequence[Fact] = ()) -> Clustering:
    """Detect mentions and run every sieve; the article's mentions with their cluster ids."""
    article = parsed.article
    mentions, speakers = _detect(parsed, facts)
    st = _State(mentions, speakers, parsed)
    for _name, sieve in SIEVES:
        sieve(st)
    out = [
        Mention(
            doc=article.id,
            text=m.text,
            start=m.start,
            end=m.end,
            type=m.label,
            sentence=m.sent,
            rule=m.rule,
        )
        for m in mentions
    ]
    return Clustering(
        article=article,
        mentions=out,
        cluster=[st.uf.find(m.idx) for m in mentions],
        kinds=[m.kind for m in mentions],
        state=st,
    )


def clusters_to_entities(clustering: Clustering) -> list[Entity]:
    """One :class:`~kg.model.Entity` per cluster that has a proper name, in text order."""
    return [entity for _root, entity in _cluster_entities(clustering)]


def _cluster_entities(clustering: Clustering) -> list[tuple[int, Entity]]:
    """:func:`clusters_to_entities`, each entity with the root of its cluster."""
    st = clustering.state
    assert st is not None, "a Clustering made by find_clusters"
    # Clusters in order of first mention; each member list is in mention order.
    roots = dict.fromkeys(st.uf.find(m.idx) for m in st.m)
    entities: list[tuple[int, Entity]] = []
    for root in roots:
        members = st.members(st.m[root])
        name = _canonical_name(members)
        if not name:
            continue
        etype = st.ctype(members[0]) or "OTHER"  # _vote_type(members), cached by the sieves
        aliases: list[str] = []
        seen = {name_key(name)}
        for x in members:
            if "demonym" in x.extra:
                continue
            if x.kind == "name" and x.name and name_key(x.name) not in seen:
                seen.add(name_key(x.name))
                aliases.append(x.name)
            raw = clean_name(x.text)
            if x.kind == "name" and raw != x.name and name_key(raw) not in seen:
                seen.add(name_key(raw))
                aliases.append(raw)
        mentions = tuple(clustering.mentions[x.idx] for x in members)
        entity = Entity(name=name, type=etype, aliases=tuple(aliases), mentions=mentions)
        entities.append((root, entity))
    return entities


def resolve_entities(
    parsed: ParsedArticle, facts: Sequence[Fact]
) -> tuple[list[Fact], list[Entity]]:
    """Resolve the article's entities and write them onto the facts' spans.

    Returns the facts with ``Span.entity``/``Span.type`` and ``Argument.entity``/``type`` set
    to the canonical name and coarse type wherever the span's head word lies in a mention of a
    named entity ("she" → "Svetlana Tikhanovskaya", "the country" → "Belarus"), and the
    article's entities (canonical name, coarse type, aliases, mentions with their rule).
    """
    clustering = find_clusters(parsed, facts)
    found = _cluster_entities(clustering)
    entities = [entity for _root, entity in found]
    st = clustering.state
    assert st is not None
    entity_of = dict(found)
    by_name = {name_key(a): e for e in entities for a in (e.name, *e.aliases)}
    resolver = _SpanResolver(parsed, st, entity_of, by_name)
    return [resolver.fact(f) for f in facts], entities


class _SpanResolver:
    """Finds the entity a fact span refers to through the mention that holds its head word."""

    def __init__(
        self,
        parsed: ParsedArticle,
        st: _State,
        entity_of: dict[int, Entity],
        by_name: dict[str, Entity],
    ) -> None:
        self.locate = parsed.locate
        self.st = st
        self.entity_of = entity_of
        self.by_name = by_name
        # (doc index, token index) → the shortest mention holding that token (the first
        # in mention order among equals), built once instead of scanning per span.
        self.holder: dict[tuple[int, int], _M] = {}
        for m in st.m:
            size = m.tok_end - m.tok_start
            for t in range(m.tok_start, m.tok_end):
                old = self.holder.get((m.doc_i, t))
                if old is None or size < old.tok_end - old.tok_start:
                    self.holder[(m.doc_i, t)] = m

    def lookup(self, start: int, end: int, current: str | None) -> Entity | None:
        hit = self.locate(start, end)
        if hit is not None:
            m = self.holder.get(hit)
            if m is not None:
                ent = self.entity_of.get(self.st.uf.find(m.idx))
                if ent is not None:
                    return ent
        if current:
            return self.by_name.get(name_key(current))
        return None

    def span(self, span: Span | None) -> Span | None:
        if span is None:
            return None
        ent = self.lookup(span.start, span.end, span.entity)
        if ent is None or (span.entity, span.type) == (ent.name, ent.type):
            return span
        return replace(span, entity=ent.name, type=ent.type)

    def argument(self, arg: Argument) -> Argument:
        ent = self.lookup(arg.start, arg.end, arg.entity)
        if ent is None or (arg.entity, arg.type) == (ent.name, ent.type):
            return arg
        return replace(arg, entity=ent.name, type=ent.type)

    def fact(self, fact: Fact) -> Fact:
        subject = self.span(fact.subject)
        obj = self.span(fact.object)
        attributed_to = self.span(fact.attributed_to)
        arguments = tuple(self.argument(a) for a in fact.arguments)
        unchanged = (
            subject is fact.subject
            and obj is fact.object
            and attributed_to is fact.attributed_to
            and all(a is b for a, b in zip(arguments, fact.arguments, strict=True))
        )
        if unchanged:
            return fact  # no copy: an equal one would only cost time
        return replace(
            fact, subject=subject, object=obj, attributed_to=attributed_to, arguments=arguments
        )
