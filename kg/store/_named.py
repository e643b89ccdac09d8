"""Named SPARQL queries shipped in ``kg/queries/*.rq``, run with safely bound parameters.

Each file opens with comment lines: a one-sentence description, optional further lines of
detail, then one line per parameter, ``# param: NAME (KIND: what it means)``, KIND being
``literal`` (a string), ``iri``, ``date`` (ISO ``YYYY-MM-DD``) or ``integer``. A parameter
whose description ends in ``; default VALUE`` is optional (an empty value also means the
default); one whose description holds ``; one of A, B`` accepts only those values (any other
is an error naming the parameter and the values it accepts). The query uses the parameter as
the variable ``?NAME`` anywhere in its WHERE group, sub-selects included; each value is
written there as a constant RDF term, escaped by pyoxigraph (see
:func:`~kg.store._terms.substitute_terms`), never pasted in as user text. An
``integer`` parameter may also follow ``LIMIT`` or ``OFFSET``, anywhere in the query (SPARQL
allows no variable there): it is written as a bare number, and ``LIMIT ?NAME`` bound to 0 is
dropped, so 0 means "no limit".

>>> q = parse_named_query("demo", '''# Labels of things.
... # param: entity (literal: label, case-insensitive)
... SELECT ?entity ?x WHERE { ?x ?p ?l FILTER(LCASE(STR(?l)) = LCASE(?entity)) }''')
>>> q.description, [p.name for p in q.params]
('Labels of things.', ['entity'])
>>> q.params[0]
Param(name='entity', kind='literal', doc='label, case-insensitive', default=None, choices=())
>>> show = parse_named_query("rows", '''# Rows.
... # param: show (literal: what to list; one of rows, all; default rows)
... SELECT ?show WHERE {}''')
>>> show.params[0].choices, show.params[0].default
(('rows', 'all'), 'rows')
>>> bind_named_query(show, show="everything")
Traceback (most recent call last):
...
kg.errors.QueryError: query 'rows', parameter 'show': 'everything' is not one of rows, all
>>> print(bind_named_query(parse_named_query("top", '''# Some labels.
... # param: n (integer: how many, 0 for all; default 10)
... SELECT ?l WHERE { ?x ?p ?l } LIMIT ?n''')))
# Some labels.
# param: n (integer: how many, 0 for all; default 10)
SELECT ?l WHERE { ?x ?p ?l } LIMIT 10
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import QueryError
from kg.store._base import GraphStore
from kg.store._terms import substitute_terms

__all__ = [
    "Param",
    "NamedQuery",
    "named_queries",
    "parse_named_query",
    "bind_named_query",
    "run_named_query",
]

_PARAM = re.compile(r"#\s*param:\s*(?P<name>\w+)\s*\((?P<kind>\w+)(?::\s*(?P<doc>.*))?\)\s*$")
_DEFAULT = re.compile(r"(?:^|;)\s*default\s+(?P<value>[^;]*?)\s*$", re.IGNORECASE)
_CHOICES = re.compile(r"(?:^|;)\s*one of\s+(?P<values>[^;]*?)\s*(?:;|$)", re.IGNORECASE)
KINDS = ("literal", "iri", "date", "integer")


@dataclass(frozen=True)
class Param:
    """One parameter of a named query: variable name, value kind, what it means."""

    name: str
    kind: str = "literal"
    doc: str = ""
    default: str | None = None  # None: the parameter is required
    choices: tuple[str, ...] = ()  # the values it accepts; () for any value of its kind

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query from ``kg/queries``: its file stem, description, parameters, text."""

    name: str
    description: str  # the first header line: one sentence for `kg info`
    params: tuple[Param, ...]
    sparql: str
    details: str = ""  # further header lines before the parameters

    def usage(self) -> str:
        """One line: name, parameters (optional ones in brackets) and description.

        >>> NamedQuery("timeline", "Events in time order.", (Param("entity"),), "").usage()
        'timeline entity=<literal>: Events in time order.'
        >>> NamedQuery("who", "Events.", (Param("limit", "integer", "", "100"),), "").usage()
        'who [limit=<integer>]: Events.'
        >>> show = Param("show", "literal", "", "a", ("a", "b"))
        >>> NamedQuery("who", "Events.", (show,), "").usage()
        'who [show=a|b]: Events.'
        """
        def arg(p: Param) -> str:
            text = f"{p.name}={'|'.join(p.choices)}" if p.choices else f"{p.name}=<{p.kind}>"
            return text if p.default is None else f"[{text}]"

        args = " ".join(arg(p) for p in self.params)
        return f"{self.name}{' ' + args if args else ''}: {self.description}"


def parse_named_query(name: str, text: str) -> NamedQuery:
    """A :class:`NamedQuery` from the text of an ``.rq`` file."""
    description: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break  # the header ends at the first line of SPARQL
        m = _PARAM.match(stripped)
        if m:
            kind = m.group("kind").lower()
            if kind not in KINDS:
                raise QueryError(f"{name}.rq: parameter kind {kind!r} is not one of {KINDS}")
            doc = (m.group("doc") or "").strip()
            default = _DEFAULT.search(doc)
            choices = _CHOICES.search(doc)
            params.append(
                Param(
                    m.group("name"),
                    kind,
                    doc,
                    default.group("value") if default else None,
                    tuple(v.strip() for v in choices.group("values").split(",") if v.strip())
                    if choices
                    else (),
                )
            )
        elif not params:
            description.append(stripped.lstrip("#").strip())
    lines = [d for d in description if d]
    summary = lines[0] if lines else ""
    return NamedQuery(name, summary, tuple(params), text, " ".join(lines[1:]))


def named_queries() -> dict[str, NamedQuery]:
    """Every query shipped with kg, by name (the ``.rq`` file stem).

    >>> "timeline" in named_queries()
    True
    """
    folder = resources.files("kg").joinpath("queries")
    out: dict[str, NamedQuery] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            out[name] = parse_named_query(name, entry.read_text(encoding="utf-8"))
    return out


def run_named_query(store: GraphStore, name: str, /, **params: Any) -> Result:
    """Run the named query ``name`` on ``store`` with its parameters bound as RDF terms.

    Raises :class:`QueryError` for an unknown query or parameter, a missing parameter or
    a value of the wrong kind; the message lists what is valid.
    """
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"unknown query {name!r}; known queries: {', '.join(sorted(queries))}")
    return store.query(bind_named_query(queries[name], **params))


def bind_named_query(query: NamedQuery, /, **params: Any) -> str:
    """The text of ``query`` with its parameters (or their defaults) bound as constants.

    This is what :func:`run_named_query` runs; any SPARQL engine can run it too.
    """
    expected = {p.name: p for p in query.params}
    unknown = sorted(set(params) - set(expected))
    missing = sorted(n for n, p in expected.items() if p.default is None and n not in params)
    if unknown or missing:
        valid = ", ".join(_describe(p) for p in query.params) or "none"
        problem = f"unknown parameter(s) {unknown}" if unknown else f"missing {missing}"
        raise QueryError(f"query {query.name!r}: {problem}; its parameters: {valid}")
    values: dict[str, Any] = {p.name: p.default for p in query.params if p.default is not None}
    for key, value in params.items():
        if not (value in ("", None) and expected[key].default is not None):
            values[key] = value
    bindings = {key: _term(expected[key], value, query.name) for key, value in values.items()}
    text = _bind_slices(query, bindings)
    # Constants, not a VALUES block: the engine plans far better around them (see
    # substitute_terms); the terms are escaped RDF terms either way.
    return substitute_terms(text, bindings)


def _describe(param: Param) -> str:
    default = "" if param.default is None else f", default {param.default}"
    choices = f": one of {'/'.join(param.choices)}" if param.choices else ""
    return f"{param.name} ({param.kind}{choices}{default})"


def _bind_slices(query: NamedQuery, bindings: dict[str, Node]) -> str:
    """The query text with ``LIMIT ?n`` / ``OFFSET ?n`` written as numbers (``LIMIT 0``: none)."""
    text = query.sparql
    for param in query.params:
        if param.kind != "integer":
            continue
        clause = re.compile(rf"\b(LIMIT|OFFSET)(\s+)[?$]{param.name}(?![A-Za-z0-9_])", re.I)
        if not clause.search(text):
            continue
        where = f"query {query.name!r}, parameter {param.name!r}"
        try:
            number = int(str(bindings[param.name]))
        except ValueError:
            raise QueryError(f"{where}: {str(bindings[param.name])!r} is not an integer") from None
        if number < 0:
            raise QueryError(f"{where}: {number} is negative; use 0 for no limit")

        def write(m: re.Match[str], number: int = number) -> str:
            if m.group(1).upper() == "LIMIT" and number == 0:
                return ""  # LIMIT 0 would return nothing: 0 means no limit
            return f"{m.group(1)}{m.group(2)}{number}"

        text = clause.sub(write, text)
    return text


def _term(param: Param, value: Any, query: str) -> Node:
    """The RDF term for a parameter value, by the parameter's kind."""
    if isinstance(value, Node):
        return value
    where = f"query {query!r}, parameter {param.name!r}"
    if param.choices and str(value) not in param.choices:
        raise QueryError(f"{where}: {str(value)!r} is not one of {', '.join(param.choices)}")
    if param.kind == "iri":
        return URIRef(str(value))  # validated by pyoxigraph when bound
    if param.kind == "date":
        if isinstance(value, dt.date):
            value = value.isoformat()
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            raise QueryError(f"{where}: {value!r} is not a date YYYY-MM-DD") from None
        return Literal(str(value), datatype=XSD.date)
    if param.kind == "integer":
        try:
            return Literal(int(value))
        except (TypeError, ValueError):
            raise QueryError(f"{where}: {value!r} is not an integer") from None
    return Literal(str(value))
