"""Terms between rdflib and pyoxigraph, one function each way.

>>> from rdflib import Literal
>>> from_ox(to_ox(Literal("x")))
rdflib.term.Literal('x')
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

__all__ = ["from_ox", "to_ox"]


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term; ``ValueError`` if it is not valid RDF.

    >>> to_ox(URIRef("http://example.org/x"))
    <NamedNode value=http://example.org/x>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
        return ox.Literal(str(term), datatype=datatype)
    raise ValueError(f"not an RDF term: {term!r}")


def from_ox(term: Any) -> Node:
    """The rdflib term for a pyoxigraph term.

    ``xsd:string`` literals come back as plain literals (the same RDF 1.1 term), so results
    compare equal to graphs built with ``Literal("text")``.

    >>> from_ox(ox.Literal("x"))
    rdflib.term.Literal('x')
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise ValueError(f"unsupported pyoxigraph term: {term!r}")
