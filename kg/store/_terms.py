"""Term conversion between rdflib and pyoxigraph, and safe SPARQL text for bound terms.

Bound values never reach SPARQL as user strings: each is first built as a pyoxigraph term,
which validates IRIs and language tags, and then written in its N-Triples form, which escapes
quotes, backslashes and line breaks. A value like ``" } ; DROP ALL #`` thus stays one literal.

>>> from rdflib import Literal, URIRef
>>> sparql_term(Literal('say "hi" } ; DROP ALL #'))
'"say \\\\"hi\\\\" } ; DROP ALL #"'
>>> sparql_term(URIRef("http://example.org/a b"))
Traceback (most recent call last):
...
kg.errors.QueryError: not a valid IRI: 'http://example.org/a b' (Invalid IRI code point ' ')
>>> inject_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal("x")})
'SELECT ?s WHERE { VALUES (?o) { ("x") } ?s ?p ?o }'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.rdf._convert import from_ox, to_ox

__all__ = [
    "to_ox",
    "checked_ox",
    "from_ox",
    "sparql_term",
    "TermCache",
    "inject_values",
    "substitute_terms",
    "check_var_name",
    "code_stretches",
]

# SPARQL VARNAME, restricted to ASCII: enough for parameters and keeps injection impossible.
_VAR_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# IRIREF from the SPARQL grammar: braces can never occur inside one.
_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_KEYWORD = re.compile(r"[A-Za-z]+")


def checked_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """:func:`to_ox`, raising :class:`QueryError` (naming the term) for invalid RDF."""
    try:
        return to_ox(term)
    except ValueError as exc:
        reason = str(exc)
        try:
            str(term).encode("utf-8")
        except UnicodeEncodeError as bad:  # a lone surrogate, as undecodable argv bytes give
            reason = f"{str(term)[bad.start]!r} at {bad.start} is not valid UTF-8 text"
        raise QueryError(f"not a valid {_kind(term)}: {str(term)!r} ({reason})") from None


def sparql_term(term: Node) -> str:
    """The term in N-Triples syntax (valid SPARQL), after validation by pyoxigraph."""
    return str(checked_ox(term))


class TermCache:
    """Terms in N-Triples syntax (valid SPARQL and N-Quads), each distinct term written once.

    Every term goes through :func:`checked_ox` (which validates IRIs and language tags and
    escapes literals), but only once: an article graph names each subject ~6 times and its
    ~40 predicates and classes hundreds of times, and converting every occurrence cost more
    than Oxigraph's own write.

    >>> cache = TermCache()
    >>> cache.text(URIRef("http://example.org/x")), cache.text(Literal("a \\"b\\""))
    ('<http://example.org/x>', '"a \\\\"b\\\\""')
    >>> cache.text(URIRef("http://x.org/a> <http://x.org/b"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: not a valid IRI: 'http://x.org/a> <http://x.org/b' (Invalid IRI ...)
    """

    def __init__(self) -> None:
        # Keyed by the rdflib term: equal terms have equal text (rdflib compares exact lexical
        # form and datatype), except language tags, compared ignoring case: those literals
        # are not kept, so "x"@EN never stands in for "x"@en.
        self._known: dict[Node, str] = {}

    def __len__(self) -> int:
        return len(self._known)

    def text(self, term: Node) -> str:
        """The term in N-Triples syntax; :class:`QueryError` for a term that is no RDF."""
        known = self._known.get(term)
        return known if known is not None else self._write(term)

    def lines(self, triples: Iterable[tuple[Node, Node, Node]], end: str = " .") -> list[str]:
        """``s p o<end>`` for each triple, in N-Triples syntax (``end`` may add a graph).

        >>> TermCache().lines([(URIRef("http://x.org/s"), URIRef("http://x.org/p"), Literal(1))])
        ['<http://x.org/s> <http://x.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .']
        """
        get, write = self._known.get, self._write  # the hot loop: ~4,000 terms an article
        return [
            f"{get(s) or write(s)} {get(p) or write(p)} {get(o) or write(o)}{end}"
            for s, p, o in triples
        ]

    def _write(self, term: Node) -> str:
        text = str(checked_ox(term))  # raises QueryError for a bad IRI, literal or blank node
        if not (isinstance(term, Literal) and term.language):
            self._known[term] = text
        return text


def _kind(term: Node) -> str:
    if isinstance(term, URIRef):
        return "IRI"
    if isinstance(term, Literal):
        return "literal"
    return "RDF term"


def check_var_name(name: str) -> str:
    """Return ``name`` without a leading ``?``/``$``; ``QueryError`` if it is no variable name.

    >>> check_var_name("?entity")
    'entity'
    """
    bare = name[1:] if name[:1] in "?$" else name
    if not _VAR_NAME.match(bare):
        raise QueryError(f"not a SPARQL variable name: {name!r} (use letters, digits and _)")
    return bare


def inject_values(query: str, bindings: Mapping[str, Node]) -> str:
    """``query`` with ``VALUES (?a ?b) { (x y) }`` at the start of its WHERE group.

    This binds the variables for every pattern and FILTER of the top-level group (the effect
    of rdflib's ``initBindings`` and pyoxigraph's ``substitutions``) on engines that only take
    a query string, such as a remote endpoint. Terms are written by :func:`sparql_term`.
    """
    if not bindings:
        return query
    names = [check_var_name(k) for k in bindings]
    terms = [sparql_term(v) for v in bindings.values()]
    clause = " VALUES (" + " ".join("?" + n for n in names) + ") { (" + " ".join(terms) + ") } "
    at = _where_brace(query)
    return query[: at + 1] + clause + query[at + 1 :].lstrip(" ")


def substitute_terms(query: str, bindings: Mapping[str, Node]) -> str:
    """``query`` with each bound variable in its WHERE group replaced by the term itself.

    For the named queries shipped with kg, whose parameters appear only in the WHERE group.
    The term is written by :func:`sparql_term` (checked and escaped by pyoxigraph), exactly
    as :func:`inject_values` writes it, so no user text reaches the query unescaped; but the
    engine sees a constant and plans around it: on a 2M-triple store a timeline took 10.6 s
    with a leading VALUES block and 0.36 s with the constant in place.

    >>> from rdflib import Literal
    >>> print(substitute_terms('SELECT ?x WHERE { ?x ?p ?name FILTER(?name = ?entity) }',
    ...                        {"entity": Literal('a " } DROP ALL')}))
    SELECT ?x WHERE { ?x ?p ?name FILTER(?name = "a \\" } DROP ALL") }
    """
    if not bindings:
        return query
    at = _where_brace(query)
    variables = {check_var_name(name): sparql_term(value) for name, value in bindings.items()}
    pattern = re.compile(r"[?$](" + "|".join(map(re.escape, variables)) + r")(?![A-Za-z0-9_])")

    def constant(match: re.Match[str]) -> str:
        return variables[match.group(1)]  # a function: the term's backslashes stay as they are

    # Only in the query's code: a "?name" inside a string, an IRI or a comment is text, and
    # a term written into a string would end it and let the value's text run as SPARQL.
    out = [query[:at]]
    done = at
    for start, text in code_stretches(query):
        end = start + len(text)
        if end <= at:
            continue
        start = max(start, at)
        out.append(query[done:start])
        out.append(pattern.sub(constant, query[start:end]))
        done = end
    out.append(query[done:])
    return "".join(out)


def code_stretches(query: str) -> Iterator[tuple[int, str]]:
    """The stretches of ``query`` outside comments, strings and IRIs, as (offset, text).

    >>> list(code_stretches('ASK { ?s <http://x/?a> "?a" } # ?a'))
    [(0, 'ASK { ?s '), (22, ' '), (27, ' } ')]
    """
    start = i = 0
    n = len(query)
    while i < n:
        c = query[i]
        if c == "#" or c in "\"'" or (c == "<" and _IRIREF.match(query, i)):
            if i > start:
                yield start, query[start:i]
            if c == "#":
                j = query.find("\n", i)
                i = n if j < 0 else j
            elif c == "<":
                match = _IRIREF.match(query, i)
                i = match.end() if match else i + 1
            else:
                try:
                    i = _skip_string(query, i)
                except QueryError:  # never closed: the rest is the string
                    i = n
            start = i
            continue
        i += 1
    if start < n:
        yield start, query[start:]


def _where_brace(query: str) -> int:
    """Index of the ``{`` opening the WHERE group (skips a CONSTRUCT template)."""
    braces = list(_top_level_braces(query))
    if not braces:
        raise QueryError("the query has no WHERE group { ... } to bind variables in")
    form_at, form = _query_form(query)
    if form == "CONSTRUCT":
        following = query[form_at + len("CONSTRUCT") :].lstrip()
        if following.startswith("{"):  # CONSTRUCT { template } WHERE { ... }
            if len(braces) < 2:
                raise QueryError("the CONSTRUCT query has no WHERE group")
            return braces[1]
    return braces[0]


def _query_form(query: str) -> tuple[int, str]:
    for i, kind in _scan(query):
        if kind == "word":
            m = _KEYWORD.match(query, i)
            word = m.group(0).upper() if m else ""
            if word in {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}:
                return i, word
    return -1, ""


def _top_level_braces(query: str) -> list[int]:
    out = []
    depth = 0
    for i, kind in _scan(query):
        if kind == "{":
            if depth == 0:
                out.append(i)
            depth += 1
        elif kind == "}":
            depth -= 1
    return out


def _scan(query: str) -> list[tuple[int, str]]:
    """Positions of braces and word starts outside comments, strings and IRIs."""
    out: list[tuple[int, str]] = []
    i, n = 0, len(query)
    prev_word = False
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j + 1
            prev_word = False
            continue
        if c in "\"'":
            i = _skip_string(query, i)
            prev_word = False
            continue
        if c == "<":
            m = _IRIREF.match(query, i)
            if m:
                i = m.end()
                prev_word = False
                continue
        if c in "{}":
            out.append((i, c))
        is_word = c.isalpha()
        if is_word and not prev_word and (i == 0 or query[i - 1] not in "?$:_-"):
            out.append((i, "word"))
        prev_word = c.isalnum() or c in "_:?$"
        i += 1
    return out


def _skip_string(query: str, i: int) -> int:
    quote = query[i]
    long = query.startswith(quote * 3, i)
    end_mark = quote * 3 if long else quote
    j = i + len(end_mark)
    while j < len(query):
        if query[j] == "\\":
            j += 2
            continue
        if query.startswith(end_mark, j):
            return j + len(end_mark)
        j += 1
    raise QueryError("unterminated string in the SPARQL query")
