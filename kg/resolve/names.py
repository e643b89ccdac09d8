"""Name normalisation for entity resolution: keys, titles, acronyms, transliteration.

Small pure functions used by the coreference sieves (:mod:`kg.resolve.coref`) and the
cross-article merge (:mod:`kg.resolve.merge`). Each answers one question about a surface name
("is this an acronym of that?", "are these two spellings of one Slavic surname?").

>>> name_key("the U.S.'s")
'us'
>>> strip_titles("Belarusian President Alexander Lukashenko")
'Alexander Lukashenko'
>>> acronym("European Union")
'EU'
>>> expand_short_form("U.S.")
'United States'
>>> transliteration_similarity("Kalesnikava", "Kolesnikova") >= TRANSLIT_THRESHOLD
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

__all__ = [
    "words",
    "TRANSLIT_THRESHOLD",
    "COARSE_TYPES",
    "coarse_type",
    "type_family",
    "compatible_types",
    "clean_name",
    "name_key",
    "entity_key",
    "strip_titles",
    "acronym",
    "expand_short_form",
    "is_acronym_of",
    "may_be_short_form",
    "translit_key",
    "transliteration_similarity",
    "same_person_name",
    "name_gender",
    "CORPORATE_SUFFIXES",
    "TITLE_WORDS",
    "corporate_core",
    "has_first_name",
    "preferred_form",
    "person_names_conflict",
    "PRONOUN_WORDS",
    "is_pronoun",
    "is_bare_number",
    "VALUE_TYPES",
    "names_an_entity",
]


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set (for word lists in the source).

    >>> sorted(words("mr  mrs dr"))
    ['dr', 'mr', 'mrs']
    """
    return frozenset(text.split())


#: The coarse entity types `kg` uses; anything else is ``OTHER``.
COARSE_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "PRODUCT", "EVENT", "OTHER")

# spaCy (OntoNotes) and MEANTIME labels → coarse type. FAC (airports, embassies) is a place;
# MEANTIME writes PER and PRO (product).
_COARSE = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "FAC": "LOC",
    "NORP": "NORP",
    "PRODUCT": "PRODUCT",
    "PRO": "PRODUCT",
    "EVENT": "EVENT",
}

# Types that name the same kind of thing for identity purposes: a country tagged GPE in one
# sentence is often tagged LOC in another.
_FAMILY = {"GPE": "place", "LOC": "place"}

#: Transliteration similarity threshold (``rapidfuzz.fuzz.ratio`` / 100 on :func:`translit_key`
#: of surnames, see :func:`same_person_name`). Chosen on the MEANTIME dev entity names (airbus +
#: apple): 58 distinct person-name surfaces, 1,627 pairs whose surnames differ after
#: :func:`translit_key` (``kg.eval.coref.name_pair_curve``). False matches per threshold:
#: 0.60 → 4 ("Angers"~"Thomas Enders", "Apple"~"Boeing Commercial Airplanes", ...), 0.65 → 2,
#: 0.70 to 0.90 → 1 (only "Apple executive"~"Apple executives", a plural, not a name); true
#: matches 0 at every threshold (the dev set has no romanisation variants). So false matches
#: start below 0.70; 0.80 keeps a margin above that and still accepts "Kalesnikava" ~
#: "Kolesnikova" (0.82 on keys) and "Tsikhanouskaya" ~ "Tikhanovskaya" (0.92).
TRANSLIT_THRESHOLD = 0.80


def coarse_type(label: str | None) -> str | None:
    """Map a spaCy or MEANTIME label to a coarse type (None stays None).

    >>> coarse_type("PERSON"), coarse_type("FAC"), coarse_type("WORK_OF_ART"), coarse_type(None)
    ('PERSON', 'LOC', 'OTHER', None)
    """
    if label is None:
        return None
    return _COARSE.get(label.upper(), "OTHER")


def type_family(label: str | None) -> str:
    """The identity family of a type: GPE and LOC are one family (``place``).

    >>> type_family("GPE") == type_family("LOC"), type_family("PERSON")
    (True, 'person')
    """
    coarse = coarse_type(label) or "OTHER"
    return _FAMILY.get(coarse, coarse.lower())


def compatible_types(a: str | None, b: str | None) -> bool:
    """Whether two types may name one entity: same family, or either unknown/OTHER.

    >>> compatible_types("GPE", "LOC"), compatible_types("ORG", None)
    (True, True)
    >>> compatible_types("ORG", "PERSON")
    False
    """
    fa, fb = type_family(a), type_family(b)
    return fa == fb or "other" in (fa, fb)


_QUOTES = "\"'“”‘’`"
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@lru_cache(maxsize=65536)
def clean_name(text: str) -> str:
    """A surface name without a leading article, a trailing possessive or stray quotes.

    >>> clean_name("the United States's")
    'United States'
    >>> clean_name(' "Airbus" ')
    'Airbus'
    """
    name = " ".join(text.split()).strip(_QUOTES + " ,;:")
    name = _POSSESSIVE.sub("", name).strip()
    if name[:4].lower() == "the " and len(name) > 4:
        name = name[4:]
    return name.strip(_QUOTES + " ,;:")


def _ascii(text: str) -> str:
    from anyascii import anyascii

    return str(anyascii(text))


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """A comparison key: ASCII, lower case, article/possessive dropped, dots and punctuation gone.

    >>> name_key("U.S."), name_key("the European Union"), name_key("Ales Bialiatski's")
    ('us', 'european union', 'ales bialiatski')
    """
    name = _ascii(clean_name(text)).lower().replace(".", "")
    return " ".join(re.sub(r"[^a-z0-9&]+", " ", name).split())


def entity_key(name: str, type: str | None = None) -> str:
    """A deterministic slug for an entity, ``<family>/<name-slug>``, used for IRIs.

    GPE and LOC share the family ``place``, so "Belarus" tagged either way gets one key.

    >>> entity_key("Maria Kolesnikova", "PERSON")
    'person/maria-kolesnikova'
    >>> entity_key("Belarus", "GPE") == entity_key("Belarus", "LOC")
    True
    >>> entity_key("Łukaszenka", None)
    'other/lukaszenka'
    >>> entity_key("the U.S.", "GPE") == entity_key("US", "GPE")
    True
    """
    # Dots go before slugging so that "U.S." and "US" share a key.
    slug = re.sub(r"[^a-z0-9]+", "-", _ascii(clean_name(name)).replace(".", "").lower())
    slug = slug.strip("-")
    return f"{type_family(type)}/{slug or 'unnamed'}"


# Words that precede a person's name as a title or role and are not part of it. Lower case.
_TITLES = words(
    """
    president vice prime minister premier chancellor king queen prince princess duke sir dame lord
    lady mr mrs ms miss dr prof professor general gen lieutenant lt colonel col major maj captain
    capt admiral sergeant commander chief ceo cfo coo cto chairman chairwoman chairperson chair
    director secretary senator sen representative rep congressman congresswoman governor gov mayor
    judge justice attorney ambassador envoy spokesman spokeswoman spokesperson pope cardinal
    bishop reverend rev father sister brother saint st leader opposition activist laureate founder
    co-founder cofounder executive officer head analyst journalist reporter editor official
    deputy acting former late then-president then mp mep emir sheikh sultan tsar czar
    """
)
#: Title and role words (lower case) that :func:`strip_titles` removes before a name.
TITLE_WORDS = _TITLES
# Connecting words that may sit inside a title ("Chief of the DIU Lieutenant General ...").
_TITLE_GLUE = frozenset({"of", "the", "and", "for", "de"})


@lru_cache(maxsize=65536)
def strip_titles(name: str) -> str:
    """Drop titles and role words before a person's name, up to and including the last one.

    >>> strip_titles("President Donald Trump")
    'Donald Trump'
    >>> strip_titles("Chief of the DIU Lieutenant General Kyrylo Budanov")
    'Kyrylo Budanov'
    >>> strip_titles("President")
    'President'
    """
    tokens = clean_name(name).split()
    last_title = -1
    for i, tok in enumerate(tokens[:-1]):
        if tok.lower().strip(".,") in _TITLES:
            last_title = i
    rest = tokens[last_title + 1 :]
    while len(rest) > 1 and rest[0].lower() in _TITLE_GLUE:
        rest = rest[1:]
    return " ".join(rest) if rest else clean_name(name)


_ACRONYM_SKIP = words("of the and for de du des la le & in on")


@lru_cache(maxsize=65536)
def acronym(name: str) -> str:
    """Initials of the capitalised words of a multi-word name ("" for one word).

    >>> acronym("North Atlantic Treaty Organization"), acronym("Bank of America"), acronym("Airbus")
    ('NATO', 'BA', '')
    """
    parts = clean_name(name).replace("-", " ").split()
    parts = [w for w in parts if w.lower() not in _ACRONYM_SKIP]
    if len(parts) < 2:
        return ""
    return "".join(w[0].upper() for w in parts if w[:1].isalpha())


# Standard short forms a name-key maps to (only ones that are unambiguous in news text).
_SHORT_FORMS = {
    "us": "United States",
    "usa": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "eu": "European Union",
    "un": "United Nations",
    "uae": "United Arab Emirates",
    "ussr": "Soviet Union",
    "prc": "China",
    "people's republic of china": "China",
    "drc": "Democratic Republic of the Congo",
    "rok": "South Korea",
    "dprk": "North Korea",
}


@lru_cache(maxsize=65536)
def expand_short_form(name: str) -> str | None:
    """The standard long form of a country/union short form, or None.

    >>> expand_short_form("USA"), expand_short_form("EU"), expand_short_form("Airbus")
    ('United States', 'European Union', None)
    """
    return _SHORT_FORMS.get(name_key(name))


@lru_cache(maxsize=65536)
def _is_all_caps(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


@lru_cache(maxsize=65536)
def may_be_short_form(name: str) -> bool:
    """Whether ``name`` can be the short side of :func:`is_acronym_of` (else it never is).

    >>> may_be_short_form("EU"), may_be_short_form("U.S."), may_be_short_form("Airbus")
    (True, True, False)
    """
    return expand_short_form(name) is not None or _is_all_caps(clean_name(name))


@lru_cache(maxsize=65536)
def is_acronym_of(short: str, long: str) -> bool:
    """Whether ``short`` is an acronym or standard short form of ``long``.

    >>> is_acronym_of("EU", "European Union"), is_acronym_of("U.S.", "the United States")
    (True, True)
    >>> is_acronym_of("US", "Ukraine's Security"), is_acronym_of("Airbus", "Airbus")
    (False, False)
    """
    expanded = expand_short_form(short)
    if expanded is not None:
        return name_key(expanded) == name_key(long)
    if not _is_all_caps(clean_name(short)) or _is_all_caps(clean_name(long)):
        return False
    # A possessive owner ("Ukraine's Security Service") is not part of the name.
    long_name = clean_name(long)
    if "'s " in long_name:
        return False
    return acronym(long_name) == name_key(short).upper().replace(" ", "")


# Transliteration pairs collapsed before comparing (Belarusian/Ukrainian/Russian romanisations
# and common Latin-script variants). Applied in order, longest patterns first.
_TRANSLIT = (
    ("shch", "sh"),
    ("sch", "sh"),
    ("kh", "h"),
    ("ts", "c"),
    ("tz", "c"),
    ("cz", "ch"),
    ("ou", "ov"),
    ("iy", "i"),
    ("yi", "i"),
    ("ck", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("x", "ks"),
    ("q", "k"),
)


@lru_cache(maxsize=65536)
def translit_key(name: str) -> str:
    """A key that collapses common transliteration variants.

    >>> translit_key("Tsikhanouskaya"), translit_key("Tikhanovskaya")
    ('cihanovskaia', 'tihanovskaia')
    """
    key = re.sub(r"[^a-z ]+", "", _ascii(name).lower())
    for a, b in _TRANSLIT:
        key = key.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", key).strip()


def transliteration_similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two names after :func:`translit_key`.

    >>> round(transliteration_similarity("Tsikhanouskaya", "Tikhanovskaya"), 2)
    0.92
    """
    from rapidfuzz import fuzz

    return float(fuzz.ratio(translit_key(a), translit_key(b))) / 100.0


@lru_cache(maxsize=4096)
def same_person_name(a: str, b: str, threshold: float = TRANSLIT_THRESHOLD) -> bool:
    """Whether two person names (titles already stripped) are transliteration variants.

    Surnames (last words) must be similar at ``threshold``; first names, when both names have
    one, must be similar too (or one be the other's initial).

    >>> same_person_name("Maria Kalesnikava", "Maria Kolesnikova")
    True
    >>> same_person_name("Sviatlana Tsikhanouskaya", "Svetlana Tikhanovskaya")
    True
    >>> same_person_name("Maria Kolesnikova", "Maria Kovalenko")
    False
    """
    ta, tb = clean_name(a).split(), clean_name(b).split()
    if not ta or not tb:
        return False
    # Surnames are compared without a leading vowel difference penalty beyond the ratio.
    if len(translit_key(ta[-1])) < 4 or len(translit_key(tb[-1])) < 4:
        return translit_key(ta[-1]) == translit_key(tb[-1]) and _first_ok(ta, tb, threshold)
    if transliteration_similarity(ta[-1], tb[-1]) < threshold:
        return False
    return _first_ok(ta, tb, threshold)


def _first_ok(ta: list[str], tb: list[str], threshold: float) -> bool:
    if len(ta) < 2 or len(tb) < 2:
        return True
    return _given_names_agree(ta[0].rstrip(".").lower(), tb[0].rstrip(".").lower(), threshold)


def _given_names_agree(a: str, b: str, threshold: float = TRANSLIT_THRESHOLD) -> bool:
    """Whether two given names (lower case, dots dropped) can be one person's: an initial
    agrees with any name it begins; first names vary more between romanisations than
    surnames (Svetlana/Sviatlana), so they need less than ``threshold``."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a == b or transliteration_similarity(a, b) >= threshold - 0.1


# A small first-name list for pronoun gender; surname endings cover Slavic names.
_FEMALE_FIRST = words(
    """
    mary maria marie anna ann anne elizabeth sarah susan jennifer linda patricia barbara margaret
    karen nancy lisa betty helen sandra donna carol ruth sharon michelle laura kimberly deborah
    jessica emily hillary hilary angela theresa nicola kamala ursula christine svetlana sviatlana
    olga tatiana natalia irina yulia julia elena ekaterina victoria catherine katherine kate jane
    emma sophie marine giorgia indira benazir golda aung yingluck cristina dilma michelle melania
    """
)
_MALE_FIRST = words(
    """
    john james robert michael william david richard joseph thomas charles christopher daniel paul
    mark donald george kenneth steven edward brian ronald anthony kevin jason matthew gary timothy
    jose larry jeffrey frank scott eric stephen andrew raymond gregory joshua jerry dennis walter
    peter harold douglas henry carl arthur ryan roger joe juan jack albert jonathan justin terry
    gerald keith samuel willie ralph lawrence nicholas roy benjamin bruce brandon adam harry fred
    wayne billy steve louis jeremy aaron randy howard eugene carlos russell bobby victor martin
    ernest phillip todd jesse craig alan shawn clarence sean philip chris johnny earl jimmy antonio
    bill barack joe vladimir alexander aleksandr alyaksandr volodymyr kyrylo ales viktar viktor
    maksim maxim sergei sergey dmitry igor boris mikhail emmanuel olaf rishi keir xi noel tom
    louis jean pierre francois nicolas tim steve jobs thierry gustav ales
    """
)
_FEMALE_SURNAME = re.compile(r"(?:ova|eva|ina|ska|skaya|skaia|ckaya|ckaia|aya|ava)$")
_MALE_SURNAME = re.compile(r"(?:ov|ev|in|sky|ski|skiy|skii)$")


@lru_cache(maxsize=65536)
def name_gender(name: str) -> str | None:
    """``"female"``, ``"male"`` or None for a person name (first-name list, Slavic endings).

    >>> name_gender("Svetlana Tikhanovskaya"), name_gender("Donald Trump"), name_gender("Coale")
    ('female', 'male', None)
    >>> name_gender("Kolesnikova")
    'female'
    """
    tokens = [t.lower().strip(".") for t in strip_titles(name).split()]
    if not tokens:
        return None
    if len(tokens) >= 2 or tokens[0] in _FEMALE_FIRST or tokens[0] in _MALE_FIRST:
        if tokens[0] in _FEMALE_FIRST:
            return "female"
        if tokens[0] in _MALE_FIRST:
            return "male"
    surname = _ascii(tokens[-1])
    if len(surname) > 4 and _FEMALE_SURNAME.search(surname):
        return "female"
    if len(surname) > 4 and _MALE_SURNAME.search(surname):
        return "male"
    return None


#: Words that end a company name without changing which company it is ("Apple Inc.").
CORPORATE_SUFFIXES = words(
    """inc incorporated corp corporation co company ltd limited plc llc sa sas se ag nv gmbh
    group industrie industries holdings computer computers"""
)


@lru_cache(maxsize=65536)
def corporate_core(name: str) -> str:
    """The name key without trailing corporate suffixes ("" when nothing else is left).

    >>> corporate_core("Apple Inc."), corporate_core("Apple Computer"), corporate_core("Inc.")
    ('apple', 'apple', '')
    """
    parts = name_key(name).split()
    while parts and parts[-1] in CORPORATE_SUFFIXES:
        parts.pop()
    return " ".join(parts)


#: NER labels of dates, times, numbers and amounts ("Monday", "15", "third", "$20,000",
#: "3 percent", "58km"): values, which name no entity node (a fact keeps them as text, or as
#: its normalised time).
VALUE_TYPES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


#: Words that stand for something named elsewhere: personal, possessive, reflexive,
#: demonstrative, relative and indefinite pronouns (lower case). A phrase that is only one of
#: these never becomes an entity or concept node of its own (:func:`is_pronoun`).
PRONOUN_WORDS = words(
    """
    i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves this that these
    those who whom whose which what one ones someone somebody something anyone anybody anything
    everyone everybody everything nobody nothing none each both all another other others
    """
)


@lru_cache(maxsize=65536)
def is_pronoun(text: str) -> bool:
    """Whether a phrase is a bare pronoun ("It", "they", "this"); not "US" or "IT" in capitals.

    >>> is_pronoun("It"), is_pronoun("they"), is_pronoun("US"), is_pronoun("the country")
    (True, True, False, False)
    """
    phrase = clean_name(text)
    if len(phrase) > 1 and phrase.isupper():
        return False  # "US", "IT": an acronym, not the pronoun
    return phrase.lower() in PRONOUN_WORDS


_NUMBER_WORDS = words(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred hundreds thousand thousands million millions billion billions trillion dozen
    dozens"""
)
#: Words that qualify a number ("about 2,000", "more than a hundred") but are none alone.
_NUMBER_QUALIFIERS = words("a an and about some nearly almost around over more than less fewer")
_NUMERAL = re.compile(r"^\d[\d.,:/-]*$")  # not "$5" or "5%": amounts are values


@lru_cache(maxsize=65536)
def is_bare_number(text: str) -> bool:
    """Whether a phrase is only a number ("123", "three", "about 2,000"), with no noun it counts.

    >>> is_bare_number("123"), is_bare_number("about 2,000"), is_bare_number("123 prisoners")
    (True, True, False)
    """
    tokens = clean_name(text).lower().split()
    if not tokens:
        return False
    has_number = False
    for tok in tokens:
        if _NUMERAL.match(tok) or tok in _NUMBER_WORDS:
            has_number = True
        elif tok not in _NUMBER_QUALIFIERS:
            return False
    return has_number


def names_an_entity(name: str, label: str | None) -> bool:
    """Whether a cluster with this canonical name and type is an entity (a node of the graph).

    Not a value (:data:`VALUE_TYPES`: "Monday", "15"), nor a name that is only a pronoun,
    number or date, whatever NER called it ("288" as a place, "03/08/2013" as a person, the
    "078" of "MS08-078"): such a phrase stays text on its fact. This is the one place that
    decides it (:func:`kg.resolve.coref.clusters_to_entities`); RDF and the evaluations only
    read the entities it lets through.

    >>> names_an_entity("Belarus", "GPE"), names_an_entity("Monday", "DATE")
    (True, False)
    >>> names_an_entity("288", "LOC"), names_an_entity("03/08/2013", "PERSON")
    (False, False)
    >>> names_an_entity("It", None), names_an_entity("3M", "ORG")
    (False, True)
    """
    return label not in VALUE_TYPES and not is_pronoun(name) and not is_bare_number(name)


def has_first_name(name: str) -> bool:
    """Whether a name of two or more words starts with a known first name ("Boris Yeltsin").

    >>> has_first_name("Boris Yeltsin"), has_first_name("Yeltsin"), has_first_name("Air France")
    (True, False, False)
    """
    tokens = [t.lower().strip(".") for t in strip_titles(name).split()]
    return len(tokens) >= 2 and (tokens[0] in _FEMALE_FIRST or tokens[0] in _MALE_FIRST)


def _given_names(name: str) -> list[str]:
    """The words of a person name before its surname, lower case, dots dropped."""
    tokens = [t.lower().strip(".,") for t in strip_titles(name).split()]
    return [t for t in tokens[:-1] if t and t not in ("jr", "sr")]


@lru_cache(maxsize=65536)
def person_names_conflict(a: str, b: str) -> bool:
    """Whether two person names cannot be one person: given names or initials that differ.

    A surname alone conflicts with nothing; "M. McCarthy" agrees with "Michael McCarthy", and
    "Michael McCarthy" with "Michael W. McCarthy"; "Michael W." and "Patrick M. McCarthy" are
    two people, as are "Alvin" and "Louis Rosenbaum".

    >>> person_names_conflict("Alvin Rosenbaum", "Louis Rosenbaum")
    True
    >>> person_names_conflict("Michael W. McCarthy", "Patrick M. McCarthy")
    True
    >>> person_names_conflict("M. McCarthy", "Michael W. McCarthy")
    False
    >>> person_names_conflict("Rosenbaum", "Louis Rosenbaum")
    False
    """
    ga, gb = _given_names(a), _given_names(b)
    if not ga or not gb:
        return False
    # Given names, then middle names or initials where both give one ("Michael W." is not
    # "Michael J.").
    return any(not _given_names_agree(x, y) for x, y in zip(ga, gb, strict=False))


def _casing_rank(form: str) -> int:
    """0 for a form in proper casing ("MacBook", "Boeing", "EU"), 1 for all lower or all upper
    case of a word longer than an acronym ("macbook", "BOEING")."""
    letters = [c for c in form if c.isalpha()]
    if not letters:
        return 1
    lower = all(c.islower() for c in letters)
    shouting = all(c.isupper() for c in letters) and len(letters) > 5
    return 1 if lower or shouting else 0


def preferred_form(counts: Mapping[str, int]) -> str:
    """The spelling of a name to show: the most frequent, proper casing first, then the
    longest, then the alphabetically first (a total order: the same whatever the input order).

    >>> preferred_form({"MacBook": 3, "Macbook": 1})
    'MacBook'
    >>> preferred_form({"BOEING": 2, "Boeing": 1})
    'Boeing'
    """
    return min(counts, key=lambda f: (_casing_rank(f), -counts[f], -len(f), f))
