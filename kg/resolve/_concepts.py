"""The kind a phrase names: one concept node per kind, across facts and articles.

A participant that names no entity, place or time ("123 political prisoners", "certain
sanctions imposed on the country") is a *concept*. Its node is not the phrase as written,
which differs in every sentence, but the kind the phrase names: the head noun's lemma with
the modifiers that say which kind ("political prisoner", "sanction"). Counts, determiners,
possessives, opinion and degree words ("prominent", "certain", "other"), participles
("released prisoners") and the phrase's complements ("on potash", "imposed on ...") are
left out of the name; the phrase itself stays on the fact's span, and the entities inside it
("potash" in "sanctions on potash", "the US" in "the US embassy") are linked through the
span, not through the concept. A count or part of a kind ("20 of Boeing's larger 777
planes", "many of the people") names the kind it counts ("plane", "people"). A title word
written with a capital ("US President") is the common noun ("president"). A phrase whose
head is no noun (a number, a pronoun, a clause: "all those", "every single one") names no
kind: :func:`kg.resolve.settle_participants` gives it no node (``refers="unresolved"``),
its text stays on the fact's span.

>>> from kg.nlp import load_model
>>> from kg.parse import parse_text
>>> parsed = parse_text("Belarus freed 123 political prisoners and the US lifted sanctions "
...                     "on potash.", load_model())
>>> text = parsed.article.text
>>> concept_name(parsed, text.index("123"), text.index(" and"))
'political prisoner'
>>> concept_name(parsed, text.index("sanctions"), len(text) - 1)
'sanction'
>>> parsed = parse_text("Qatar Airways will also purchase 20 of Boeing's larger 777 planes.",
...                     load_model())
>>> concept_name(parsed, parsed.article.text.index("20"), len(parsed.article.text) - 1)
'plane'
"""

from __future__ import annotations

from kg.parse import ParsedArticle
from kg.parse._layer import Token
from kg.resolve.names import TITLE_WORDS, VALUE_TYPES, is_bare_number, is_pronoun, words

__all__ = ["concept_name"]

#: Adjectives that grade, count or judge rather than say which kind ("a prominent activist"
#: is an activist; "a political prisoner" is a kind of prisoner). Closed-class and
#: evaluative words of English noun phrases (Quirk et al., *A Comprehensive Grammar*,
#: 7.36-7.41: intensifying, restrictive and evaluative premodifiers).
_NOT_KIND = words(
    """
    other certain many several various numerous few more most much further additional same
    such own only main key major minor big small large huge great good bad best worst new old
    high low important significant prominent famous leading top possible likely current recent
    former latest last next first second third previous early late long short whole entire
    full total real true particular specific general usual special close deep strong weak
    massive serious severe heavy initial final similar different separate certain respective
    """
)

#: Dependents that are part of the kind's name: noun compounds and adjectives.
_KIND_DEPS = frozenset({"compound", "amod", "nmod"})


def _kind_modifier(tok: Token) -> bool:
    if tok.ent_type_ and tok.ent_type_ not in ("NORP",):
        return False  # a name inside the phrase is linked as an entity, not a kind
    if tok.tag_ in ("VBN", "VBG", "CD", "PRP$", "POS") or tok.like_num:
        return False  # "released prisoners", "123 prisoners": a state or a count
    if tok.pos_ == "ADJ" or tok.tag_.startswith("JJ"):
        return tok.lower_ not in _NOT_KIND and tok.tag_ not in ("JJR", "JJS")
    return tok.pos_ in ("NOUN", "PROPN")


#: Plural nouns whose singular names something else ("thanks", "talks" between states).
_PLURAL_ONLY = words(
    "thanks talks arms goods earnings proceeds remains troops savings premises headquarters "
    "means news clothes customs"
)


def _word(tok: Token) -> str:
    """The word as the concept names it: a plural noun by its lemma ("prisoners" →
    "prisoner"); written case kept for names and words cased inside ("GHz", "iBook")."""
    text = tok.text
    if not tok.ent_type_ and tok.lower_ in TITLE_WORDS and text[1:] == text[1:].lower():
        return tok.lemma_.lower() if tok.tag_ == "NNPS" else tok.lower_  # "US President"
    if tok.pos_ == "PROPN" or tok.ent_type_ or text[1:] != text[1:].lower():
        return text
    if tok.tag_ == "NNS" and tok.lower_ not in _PLURAL_ONLY:
        return tok.lemma_.lower()
    return tok.lower_


#: Words that count or take a part of what their "of" phrase names ("hundreds of people",
#: "many of the people", "the rest of the prisoners"): the kind is the "of" phrase's.
_PARTITIVE = words(
    """
    all any both each either neither none some many much most few several half one
    hundreds thousands millions billions dozens dozen scores lot lots number majority minority
    rest bulk handful couple
    """
)


def _counted(head: Token, lo: int, hi: int) -> Token | None:
    """The noun an "of" phrase of ``head`` names, when ``head`` counts or parts it."""
    if not (head.tag_ == "CD" or head.like_num or head.lower_ in _PARTITIVE):
        return None
    for prep in head.children:
        if prep.lower_ == "of" and prep.i > head.i and lo <= prep.idx < hi:
            for obj in prep.children:
                if obj.dep_ == "pobj" and lo <= obj.idx < hi:
                    return obj
    return None


def _kind(head: Token, lo: int, hi: int) -> str | None:
    counted = _counted(head, lo, hi)
    if counted is not None:
        return _kind(counted, lo, hi)
    if head.pos_ not in ("NOUN", "PROPN") or head.tag_ in ("PRP", "WP", "CD"):
        return None
    if head.ent_type_ in VALUE_TYPES:
        return None  # "Boeing's 787", "$15bn": a number
    if head.ent_type_:  # a name the entities did not resolve ("London Heathrow"): as written
        sent = head.sent
        first = last = sent.index(head)
        while first > 0 and sent[first].ent_iob_ == "I" and sent[first - 1].idx >= lo:
            first -= 1
        while last + 1 < len(sent) and sent[last + 1].ent_iob_ == "I" and sent[last + 1].idx < hi:
            last += 1
        return _joined(sent[first : last + 1], [t.text for t in sent[first : last + 1]])
    words: list[Token] = [head]
    stack = [head]
    while stack:  # compounds and adjectives before the head, and their own modifiers
        tok = stack.pop()
        for child in tok.children:
            if (
                child.i < tok.i
                and child.dep_ in _KIND_DEPS
                and lo <= child.idx < hi
                and _kind_modifier(child)
            ):
                words.append(child)
                stack.append(child)
    words.sort(key=lambda t: t.i)
    return _joined(words, [_word(t) for t in words])


def _joined(tokens: list[Token], forms: list[str]) -> str:
    """``forms`` of ``tokens`` (in text order) joined as the text joins them: no space inside
    a hyphenated word ("mid-sized"), one space elsewhere."""
    out = forms[0]
    for prev, tok, form in zip(tokens, tokens[1:], forms[1:], strict=False):
        out += form if tok.idx == prev.idx + len(prev.text) else " " + form
    return out


def concept_name(parsed: ParsedArticle, start: int, end: int) -> str | None:
    """The kind the phrase at ``[start, end)`` of the article names, or None when its head is
    no noun, or it cannot be found in the parse (see the module's docstring)."""
    hit = parsed.locate(start, end)
    if hit is None:
        return None
    layer = parsed.segments[hit[0]]
    kind = _kind(layer[hit[1]], start - layer.offset, end - layer.offset)
    if kind is None or is_pronoun(kind) or is_bare_number(kind):
        return None  # "the others" (other), "one": a pronoun or number once lemmatised
    return kind
