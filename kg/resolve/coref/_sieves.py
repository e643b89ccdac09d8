"""The sieves: each links anaphors to antecedents by one named rule, most precise first.

A multi-sieve resolver in the spirit of Stanford's deterministic coreference system (Lee et
al., 2013). Each sieve reads the :class:`~kg.resolve.coref._state.SieveState`, merges
clusters and records its rule name on the mention it linked (the ``rule`` of
:class:`~kg.model.Mention`). In the order they run (:data:`SIEVES`):

    ``extent``            the whole noun phrase around a name or nominal ("U.S. retailer Best
                          Buy", "Ryanair, the Irish airline") = the name or nominal
    ``quote_speaker``     "I"/"my" inside a quote → the subject of the speech verb ("... she said")
    ``same_speaker``      "we" ... "our" in one quote whose speaker is not found
    ``exact_name``        same name key ("U.S." = "US"; case, articles, possessives ignored)
    ``apposition``        "Boeing's new design, the 7e7"
    ``role_modifier``     "Apple CEO Steve Jobs", "U.S. electronics retailer Best Buy": a role or
                          kind noun right before the name it modifies names it
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
    ``demonym``           "Belarusian" (as a modifier) = Belarus, the country that
                          :func:`kg.resolve.places.demonym_country` gives
    ``definite_description``  "the country" → last salient country, "the company" → last ORG
    ``head_match``        a definite nominal repeating an earlier head noun ("the aircraft")
    ``pronoun``           he/she/it/they... → nearest compatible antecedent (number, gender,
                          type), subjects first (breadth-first order in each sentence)
    ``speaker_organisation``  "we" in a quote of "Boeing spokesman Jim Proulx" → Boeing (a
                          plural speaker, e.g. an organisation, takes "we" itself)

>>> [name for name, _sieve in SIEVES][:3]
['extent', 'quote_speaker', 'exact_name']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.resolve.coref._mention import (
    PERSON_NOUNS,
    PRODUCT_NOUNS,
    SUBJ_DEPS,
    MentionDraft,
    relcl_noun,
)
from kg.resolve.coref._naming import canonical_name, is_country
from kg.resolve.coref._state import SieveState
from kg.resolve.names import (
    CORPORATE_SUFFIXES,
    TITLE_WORDS,
    compatible_types,
    expand_short_form,
    is_acronym_of,
    may_be_short_form,
    name_key,
    same_person_name,
    strip_titles,
    translit_key,
    words,
)
from kg.resolve.places import demonym_country

if TYPE_CHECKING:
    from kg.parse import ParsedSegment

__all__ = ["SIEVES"]

_REFLEXIVE = frozenset({"myself", "ourselves", "himself", "herself", "itself", "themselves"})
# Head nouns of definite descriptions and the entity type they refer back to.
_COUNTRY_NOUNS = frozenset({"country", "nation", "republic", "kingdom", "state"})
_CITY_NOUNS = frozenset({"city", "capital", "town"})
_ORG_NOUNS = words(
    """company firm carrier manufacturer maker airline group corporation giant planemaker
    aircraft-maker business conglomerate bloc union organisation organization agency
    consortium retailer operator supplier rival competitor"""
)
# First words of organisation names that do not identify it alone ("United" Airlines).
_GENERIC_FIRST_WORDS = words(
    """united national american general first new royal international european british
    world global federal state central bank air china japan korea south north east west"""
)
_GROUP_NOUNS = frozenset({"authorities", "government", "administration", "police", "people"})


def _sieve_extent(st: SieveState) -> None:
    """ "U.S. electronics retailer Best Buy" = "Best Buy": a phrase and the name it is built on."""
    by_id = {str(id(m)): m for m in st.m}
    for m in st.m:
        if m.kind == "extent":
            st.link(m, by_id[m.extra["core"]], "extent")


def _sieve_quote_speaker(st: SieveState) -> None:
    """ "Today, I want to send my thanks ..." she said: I/my/we → she.

    Without a speaker, first-person pronouns of one number in one quote still go together.
    """
    first_in_quote: dict[tuple[int, str | None], MentionDraft] = {}
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


def _sieve_speaker_group(st: SieveState) -> None:
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


def _speaker_organisation(st: SieveState, speaker: MentionDraft) -> MentionDraft | None:
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


def _name_representatives(st: SieveState) -> list[MentionDraft]:
    """Name mentions in text order, one per (name, label, cluster): after exact_name,
    repeats add nothing."""
    seen: set[tuple[str, str | None, int]] = set()
    names: list[MentionDraft] = []
    for m in st.m:
        if m.kind == "name" and m.name:
            key = (m.name, m.label, st.uf.find(m.idx))
            if key not in seen:
                seen.add(key)
                names.append(m)
    return names


def _names_pairs(
    st: SieveState, group: Callable[[MentionDraft], str | None] | None = None
) -> Iterator[tuple[MentionDraft, MentionDraft]]:
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
    groups: dict[str, list[MentionDraft]] = {}
    for a in names:
        g = group(a)
        if g is None:
            continue
        earlier = groups.setdefault(g, [])
        for b in reversed(earlier):
            yield a, b
        earlier.append(a)


def _sieve_exact_name(st: SieveState) -> None:
    """ "Maria Kolesnikova" ... "Maria Kolesnikova"; "U.S." ... "US"."""
    first: dict[str, MentionDraft] = {}
    for m in st.m:
        if m.kind != "name" or not m.name:
            continue
        key = name_key(m.name)
        if key in first and _type_ok(first[key], m):
            st.link(m, first[key], "exact_name")
        else:
            first.setdefault(key, m)


def _type_ok(a: MentionDraft, b: MentionDraft) -> bool:
    # NER types of one name disagree often (Belarus as GPE and ORG); only a clear clash
    # between a person and a product/event blocks a same-name link.
    clash = {frozenset({"PERSON", "PRODUCT"}), frozenset({"PERSON", "EVENT"})}
    return frozenset({a.label, b.label}) not in clash


def _sieve_apposition(st: SieveState) -> None:
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


def _sieve_role_modifier(st: SieveState) -> None:
    """ "Apple CEO Steve Jobs unveiled ...": the nominal "Apple CEO" is Steve Jobs.

    A nominal whose head is a compound modifier of a name's head, right before the name,
    names it when its head noun is a role of a person (:data:`PERSON_NOUNS`, a title) and the
    name a person's, or a kind of organisation (``retailer``, ``airline``) and the name an
    organisation's. (The parser gives these phrases no apposition, and the fact extractor
    makes them the description "Steve Jobs is Apple CEO".)
    """
    names = {(m.doc_i, m.head): m for m in st.m if m.kind == "name"}
    text = st.text
    for m in st.m:
        if m.kind != "nominal":
            continue
        p = st.parses[m.doc_i]
        if p.dep[m.head] != "compound":
            continue
        name = names.get((m.doc_i, p.head[m.head]))
        if name is None or m.end > name.start or text[m.end : name.start].strip():
            continue
        want = st.ctype(name)
        role = m.head_lemma in PERSON_NOUNS or m.head_lemma in TITLE_WORDS
        if (want == "PERSON" and role) or (want == "ORG" and m.head_lemma in _ORG_NOUNS):
            st.link(m, name, "role_modifier")


def _sieve_relative_pronoun(st: SieveState) -> None:
    """ "Svetlana Tikhanovskaya, who was waiting ...": who → Tikhanovskaya."""
    by_head = {(m.doc_i, m.head): m for m in st.m if m.kind != "extent"}
    for m in st.m:
        if "relative" not in m.extra:
            continue
        noun = relcl_noun(st.parses[m.doc_i], m.head)
        if noun is not None:
            ante = by_head.get((m.doc_i, noun))
            if ante is not None:
                st.link(m, ante, "relative_pronoun")


def _sieve_title_strip(st: SieveState) -> None:
    """ "President Lukashenko" = "Lukashenko" (titles dropped before comparing)."""
    for a, b in _names_pairs(st, lambda m: name_key(strip_titles(m.name))):
        if st.same(a, b):
            continue
        if name_key(strip_titles(a.name)) == name_key(strip_titles(b.name)) and _type_ok(a, b):
            st.link(a, b, "title_strip")
            continue


def _sieve_acronym(st: SieveState) -> None:
    """ "EU" = "European Union"; "US" = "the United States"."""
    short_form: dict[int, bool] = {}  # mention idx → may_be_short_form(name), asked once

    def may_be_short(m: MentionDraft) -> bool:
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


def _acronym_link(st: SieveState, a: MentionDraft, b: MentionDraft) -> None:
    """Link two names when one is an acronym or short form of the other."""
    if is_acronym_of(a.name, b.name) or is_acronym_of(b.name, a.name):
        st.link(a, b, "acronym")
    else:
        ea, eb = expand_short_form(a.name), expand_short_form(b.name)
        if ea and eb and ea == eb:
            st.link(a, b, "acronym")


def _sieve_partial_name(st: SieveState) -> None:
    """ "Kolesnikova" = "Maria Kolesnikova"; "Airbus" = "Airbus SAS"."""
    # Per mention idx, computed once: the name's words without titles, the words without a
    # possessive owner, and both together.
    tokens: dict[int, list[str]] = {}
    head_words: dict[int, list[str]] = {}
    any_words: dict[int, frozenset[str]] = {}

    def words_of(m: MentionDraft) -> list[str]:
        found = tokens.get(m.idx)
        if found is None:
            found = tokens[m.idx] = name_key(strip_titles(m.name)).split()
        return found

    def head_words_of(m: MentionDraft) -> list[str]:
        found = head_words.get(m.idx)
        if found is None:
            found = head_words[m.idx] = name_key(_drop_owner(m.name)).split()
        return found

    def any_words_of(m: MentionDraft) -> frozenset[str]:
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
    short: MentionDraft,
    long: MentionDraft,
    st: SieveState,
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
        if is_country(short.name):
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
        if long_words[k:] == s_tokens and n > 1 and is_country(" ".join(long_words[:k])):
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
            and not is_country(s_tokens[0])
            and st.org_first_word_owners(s_tokens[0]) == 1
        )
    return False


def _drop_owner(name: str) -> str:
    """ "Ukraine's Coordination Headquarters" → "Coordination Headquarters"."""
    return re.sub(r"^.*?['’]s\s+", "", name)


def _sieve_transliteration(st: SieveState) -> None:
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


def _sieve_demonym(st: SieveState) -> None:
    """ "Belarusian opposition leader" → Belarus (:func:`kg.resolve.places.demonym_country`)."""
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
        country = demonym_country(m.name)
        if not country or name_key(country) == name_key(m.name):
            continue
        m.extra["demonym"] = country
        st.forget_types()  # a demonym never names its cluster: the vote may change
        if st.parses[m.doc_i].dep[m.head] not in ("amod", "compound", "nmod"):
            continue
        if name_key(country) in countries:
            st.link(m, countries[name_key(country)], "demonym")


def _sieve_head_match(st: SieveState) -> None:
    """ "the aircraft" ... "the new aircraft": a definite nominal repeating a head noun."""
    # Head lemma → sentence → its nominals in salience order: the only candidates that match.
    nominals: dict[str, dict[int, list[MentionDraft]]] = {}
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


def _modifiers_ok(st: SieveState, m: MentionDraft, c: MentionDraft) -> bool:
    """dcoref's compatible-modifiers test: the anaphor adds no new proper/number modifier."""
    pm, pc = st.parses[m.doc_i], st.parses[c.doc_i]
    words_c = set(pc.lower[c.tok_start : c.tok_end])
    for t in range(m.tok_start, m.tok_end):
        if t == m.head:
            continue
        if pm.pos[t] in ("PROPN", "NUM") and pm.lower[t] not in words_c:
            return False
    return True


def _sieve_definite_description(st: SieveState) -> None:
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
        elif lemma in PERSON_NOUNS and m.number == "sg":
            want, country = "PERSON", None
        elif lemma in PRODUCT_NOUNS:
            want, country = "PRODUCT", None
        else:
            continue
        required = _proper_modifiers(st, m)
        origin = {n for n in map(_nationality, required) if n}
        required -= {w for w in required if _nationality(w)}
        for c in st.candidates(m, window=4):
            if c.kind != "name" or st.ctype(c) != want or (m.quote is not None and c.quote is None):
                continue
            words_c = _cluster_words(st, c)
            if required and not required <= words_c:
                continue  # "the Boeing plane" is not an Airbus named before
            near = c.sent == m.sent and _nearest_name(st, m, c, want)
            if origin and _origin_differs(origin, words_c, canonical_name(st.members(c)), near):
                continue  # "the US company" is not the European Airbus, nor the US itself
            ok = country is None or is_country(canonical_name(st.members(c)) or "") == country
            if ok and st.link(m, c, "definite_description"):
                break


def _nearest_name(st: SieveState, m: MentionDraft, c: MentionDraft, want: str) -> bool:
    """Whether ``c`` is the last name of type ``want`` before ``m`` in their sentence ("Boeing
    won an order from Ryanair, the Irish airline said": the airline is Ryanair)."""
    return not any(
        x.kind == "name" and c.end <= x.start and x.end <= m.start and st.ctype(x) == want
        for x in st.by_sent.get(m.sent, ())
    )


def _proper_modifiers(st: SieveState, m: MentionDraft) -> set[str]:
    """Name and nationality words inside a description ("US" in "the US manufacturer")."""
    p = st.parses[m.doc_i]
    return {
        name_key(p.token_text(t))
        for t in range(m.tok_start, m.tok_end)
        if t != m.head and (p.pos[t] == "PROPN" or p.ent_type[t] in ("GPE", "NORP"))
    }


# Continental adjectives, which name no country but say where a company is from.
_CONTINENTS = {"european": "europe", "asian": "asia", "african": "africa"}


@lru_cache(maxsize=16384)
def _nationality(word: str) -> str | None:
    """The country (or continent) a modifier word says something is from ("US", "Irish").

    >>> _nationality("us"), _nationality("irish"), _nationality("european"), _nationality("new")
    ('united states', 'ireland', 'europe', None)
    """
    if word in _CONTINENTS:
        return _CONTINENTS[word]
    if is_country(word):
        return name_key(expand_short_form(word) or word)
    country = demonym_country(word)
    return name_key(country) if country else None


def _origin_differs(origin: set[str], words_c: set[str], name: str | None, near: bool) -> bool:
    """Whether a candidate cannot be "the <origin> company": its cluster says it is from
    elsewhere, or it is that country itself ("the US company" is not the United States), or,
    unless it is ``near`` (the last such name before the description, in its own sentence),
    nothing says where it is from.
    """
    if name and _nationality(name_key(name)) in origin:
        return True
    from_c = {n for n in map(_nationality, words_c) if n}
    if not from_c:
        return not near  # "Airbus sold more than Boeing, ... whether the US company ..."
    return not (from_c & origin)


def _cluster_words(st: SieveState, m: MentionDraft) -> set[str]:
    """Every word of every mention in ``m``'s cluster, as name keys."""
    found: set[str] = set()
    for x in st.members(m):
        found.update(name_key(w) for w in x.text.split())
        if x.name:
            found.add(name_key(x.name))
    return found


def _sieve_pronoun(st: SieveState) -> None:
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


def _binding_ok(p: ParsedSegment, m: MentionDraft, c: MentionDraft) -> bool:
    """Binding principle B: a non-reflexive object is not its own clause's subject.

    ``p`` is the parse of the pronoun ``m``'s doc.
    """
    pron, cand = m.head, c.head
    if m.doc_i != c.doc_i or p.lower[pron] in _REFLEXIVE:
        return True
    clause_mates = p.head[cand] == p.head[pron]
    return not (p.dep[pron] in ("dobj", "iobj") and p.dep[cand] in SUBJ_DEPS and clause_mates)


def _pronoun_agrees(st: SieveState, m: MentionDraft, c: MentionDraft) -> bool:
    ctype = st.ctype(c)
    gender = st.cgender(c)
    number = st.cnumber(c)
    person_like = ctype == "PERSON" or (c.kind == "nominal" and c.head_lemma in PERSON_NOUNS)
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
SIEVES: tuple[tuple[str, Callable[[SieveState], None]], ...] = (
    ("extent", _sieve_extent),
    ("quote_speaker", _sieve_quote_speaker),  # also records "same_speaker"
    ("exact_name", _sieve_exact_name),
    ("apposition", _sieve_apposition),
    ("role_modifier", _sieve_role_modifier),
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
