"""SPARQL text as users write it: predeclared prefixes and syntax errors a person can read.

Every query a store runs may use the project's prefixes (:data:`QUERY_PREFIXES`, the
prefixes of :data:`kg.vocab.PREFIXES`: ``kg:``, ``rdf:``, ``rdfs:``, ``xsd:``, ``owl:``,
``skos:``, ``sem:``, ``prov:``, ``nif:``, ``dcterms:``, ``schema:``, ``geo:``, ``rel:``, ...)
without declaring them; a ``PREFIX`` line of the query itself wins. The embedded store hands
them to Oxigraph's parser; a remote store gets the declarations the query lacks, written on one
line in front of it (:func:`declare_prefixes`).

A query that does not parse raises :class:`~kg.errors.QueryError` on one line, with the line
and column (1-based) and, for a prefix nobody declared, its name:

>>> str(syntax_error("SELECT * { foo:x ?p ?o }", 1, 20, "expected OPTIONAL"))
"query line 1, column 12: unknown prefix 'foo:' (declare it: PREFIX foo: <...>)"
>>> declare_prefixes("SELECT ?e { ?e a kg:Event }")[0]  # doctest: +ELLIPSIS
'PREFIX kg: <https://w3id.org/kg-news/ontology#>\\nSELECT ?e { ?e a kg:Event }'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from kg.errors import QueryError
from kg.store._terms import _IRIREF, _skip_string, code_stretches
from kg.vocab import PREFIXES

__all__ = [
    "QUERY_PREFIXES",
    "prefixed_names",
    "declare_prefixes",
    "undeclared_prefix",
    "syntax_error",
    "parse_error_position",
    "check_text",
]

#: The prefixes every query may use undeclared: the project's own, from :mod:`kg.vocab`.
QUERY_PREFIXES: dict[str, str] = dict(PREFIXES)

# A prefix name and its colon (PN_PREFIX ':' of the SPARQL grammar, Unicode letters as \w),
# not inside a longer name, a variable, a language tag or a local name ("kg:a:b").
_PNAME_NS = re.compile(r"(?<![\w\-.:?$@\\·])((?:[^\W\d_](?:[\w\-.·]*[\w\-·])?)?):")
_PREFIX_KEYWORD = re.compile(r"(?<![\w:])PREFIX\s*\Z", re.IGNORECASE)
# Oxigraph's parse errors: "error at LINE:COLUMN: what it expected".
_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)
# Items of Oxigraph's "expected one of ..." list that name a token a person can type.
_READABLE = re.compile(r'"[^"]{1,12}"|[A-Z][A-Za-z_]{1,20}(?: [a-z]+){0,3}')
# ... less Oxigraph's notes to itself and the RDF 1.2 annotation tokens, which few users write
_UNHELPFUL = {"Prefix not found", "IRI parsing failed", '"{|"', '"|}"', '"~"', '"<<"', '">>"'}


def _unterminated_string(query: str) -> int | None:
    """The offset of a string that is never closed, else None."""
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j
        elif c in "\"'":
            try:
                i = _skip_string(query, i)
            except QueryError:
                return i
            continue
        elif c == "<" and (match := _IRIREF.match(query, i)):
            i = match.end()
            continue
        i += 1
    return None


def prefixed_names(query: str) -> Iterator[tuple[int, str, bool]]:
    """``(offset, prefix, declared_here)`` for each prefix name in the query's code.

    ``declared_here`` is true for the name of a ``PREFIX`` declaration.

    >>> list(prefixed_names('PREFIX e: <http://e/> SELECT * { ?s e:p "x:y" ; rdfs:label ?o }'))
    [(7, 'e', True), (36, 'e', False), (48, 'rdfs', False)]
    """
    for offset, text in code_stretches(query):
        for match in _PNAME_NS.finditer(text):
            declared = bool(_PREFIX_KEYWORD.search(text, 0, match.start()))
            yield offset + match.start(), match.group(1), declared


def _declared(query: str) -> set[str]:
    return {prefix for _, prefix, declared in prefixed_names(query) if declared}


def undeclared_prefix(
    query: str, known: Mapping[str, str] = QUERY_PREFIXES
) -> tuple[int, str] | None:
    """``(offset, prefix)`` of the first prefix the query uses that neither it nor ``known``
    declares, else None.

    >>> undeclared_prefix("SELECT * { ?s foo:p ?o }")
    (14, 'foo')
    >>> undeclared_prefix("PREFIX foo: <http://f/> SELECT * { ?s foo:p ?o ; kg:x ?y }") is None
    True
    """
    names = list(prefixed_names(query))
    declared = {prefix for _, prefix, here in names if here}
    for offset, prefix, here in names:
        if not here and prefix not in declared and prefix not in known:
            return offset, prefix
    return None


def declare_prefixes(query: str, known: Mapping[str, str] = QUERY_PREFIXES) -> tuple[str, int]:
    """The query with a line declaring the ``known`` prefixes it uses but does not declare,
    and how many lines that added (0 or 1), for engines that take the query text only.
    """
    declared = _declared(query)
    missing = sorted(
        {
            prefix
            for _, prefix, here in prefixed_names(query)
            if not here and prefix not in declared and prefix in known
        }
    )
    if not missing:
        return query, 0
    line = " ".join(f"PREFIX {prefix}: <{known[prefix]}>" for prefix in missing)
    return f"{line}\n{query}", 1


def check_text(query: str, what: str = "query") -> str:
    """``query`` itself if it is Unicode text a parser can read; else :class:`QueryError`
    naming where it is not (a lone surrogate, as bytes that are not UTF-8 give in ``argv``).

    >>> check_text("SELECT * {}")
    'SELECT * {}'
    >>> check_text('ASK { ?s ?p "\\udc80" }')
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: query line 1, column 14: '\\udc80' is not valid UTF-8 text
    """
    try:
        query.encode("utf-8")
    except UnicodeEncodeError as exc:
        line, column = _line_column(query, exc.start)
        raise QueryError(
            f"{what} line {line}, column {column}: {query[exc.start]!r} is not valid UTF-8 text"
        ) from None
    return query


def _line_column(query: str, offset: int) -> tuple[int, int]:
    line = query.count("\n", 0, offset) + 1
    return line, offset - (query.rfind("\n", 0, offset) + 1) + 1


def _offset(query: str, line: int, column: int) -> int:
    at = 0
    for _ in range(line - 1):
        j = query.find("\n", at)
        if j < 0:
            return len(query)
        at = j + 1
    return min(at + max(column - 1, 0), len(query))


def parse_error_position(message: str) -> tuple[int, int, str] | None:
    """``(line, column, detail)`` from an Oxigraph parse error message, else None.

    >>> parse_error_position("error at 3:13: expected OPTIONAL")
    (3, 13, 'expected OPTIONAL')
    """
    match = _POSITION.search(message)
    if not match:
        return None
    return int(match.group(1)), int(match.group(2)), match.group(3)


def _expected(detail: str) -> str:
    """The tokens of Oxigraph's "expected ..." list that a person can type, comma-separated
    (its character-class ranges, pages of Unicode code points, are left out)."""
    body = detail.strip()
    body = body.removeprefix("expected one of").removeprefix("expected").strip()
    items: list[str] = []
    depth = 0
    quoted = False
    current = ""
    for c in body:  # split at commas outside [...] ranges and quoted tokens (",")
        if c == '"':
            quoted = not quoted
        elif not quoted and c == "[":
            depth += 1
        elif not quoted and c == "]":
            depth -= 1
        if c == "," and depth == 0 and not quoted:
            items.append(current.strip())
            current = ""
        else:
            current += c
    items.append(current.strip())
    readable = [
        item
        for item in items
        if _READABLE.fullmatch(item) and item not in _UNHELPFUL
    ]
    readable = list(dict.fromkeys(readable))
    return ", ".join(readable) if len(readable) <= 6 else ""  # a long list helps nobody


def syntax_error(
    query: str, line: int, column: int, detail: str, *, what: str = "query"
) -> QueryError:
    """The one-line :class:`QueryError` for a query that does not parse at ``line:column``.

    An undeclared prefix anywhere in the query is named (at its own position), whatever
    position the parser reported, and so is a string never closed or an IRI that is not one;
    otherwise the message shows the text at the position and the tokens the parser expected
    there, when they are few.

    >>> str(syntax_error("SELECT ?x WHERE { ?x ?p ?o ", 1, 27, 'expected one of ".", "}"'))
    'query line 1, column 27: SPARQL syntax error at the end of the query (expected ".", "}")'
    >>> str(syntax_error("SELECT * { ?s <a b> ?o }", 1, 21, "expected IRI parsing failed"))
    "query line 1, column 15: not a valid IRI '<a b>'"
    """
    unknown = undeclared_prefix(query)
    if unknown is not None:
        at, prefix = unknown
        line, column = _line_column(query, at)
        return QueryError(
            f"{what} line {line}, column {column}: unknown prefix '{prefix}:' "
            f"(declare it: PREFIX {prefix}: <...>)"
        )
    open_string = _unterminated_string(query)
    if open_string is not None:
        line, column = _line_column(query, open_string)
        return QueryError(f"{what} line {line}, column {column}: this string is never closed")
    at = _offset(query, line, column)
    if "IRI parsing failed" in detail:
        start = query.rfind("<", 0, at)
        end = query.find(">", start)
        if start >= 0 and end >= 0 and "\n" not in query[start:end]:
            line, column = _line_column(query, start)
            return QueryError(
                f"{what} line {line}, column {column}: not a valid IRI {query[start : end + 1]!r}"
            )
    if at >= len(query.rstrip()):
        clause = _failing_clause(query, what)
        if clause is not None:
            line, column = _line_column(query, clause)
            return QueryError(
                f"{what} line {line}, column {column}: SPARQL syntax error in "
                f"{_shown(query, clause)!r}"
            )
        where = "at the end of the query"
    else:
        where = f"at {_shown(query, at)!r}" if _shown(query, at) else "at the end of the line"
    expected = _expected(detail)
    hint = f" (expected {expected})" if expected else ""
    return QueryError(f"{what} line {line}, column {column}: SPARQL syntax error {where}{hint}")


def _shown(query: str, at: int) -> str:
    """The rest of the line from ``at``, cut at 30 characters."""
    rest = query[at:].split("\n", 1)[0].strip()
    return rest[:30] + ("…" if len(rest) > 30 else "")


def _failing_clause(query: str, what: str) -> int | None:
    """Where the clause that does not parse starts, for an error Oxigraph places at the end.

    Oxigraph reports the furthest point its parser tried, which for a broken expression in
    the middle ("FILTER(?s = )") can be the end of the query. rdflib's parser stops at the
    start of the clause it could not read; that is the better place to point at, when it lies
    before the end.

    >>> q = "SELECT ?s WHERE { ?s ?p ?o . FILTER(?s = ) } LIMIT 3"
    >>> q[_failing_clause(q, "query"):]
    'FILTER(?s = ) } LIMIT 3'
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        (parseUpdate if what == "update" else parseQuery)(query)
    except ParseException as exc:
        if exc.loc < len(query.rstrip()):
            return int(exc.loc)
    except Exception:  # noqa: BLE001 - rdflib failing otherwise gives no better place
        return None
    return None
