"""kg.vocab mirrors ontologies/kg.ttl, and no code spells the project's IRIs by hand."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from kg.rdf import load_ontology, load_shapes
from kg.vocab import GEO, ID, KG, NIF, OWL, PREFIXES, RDF, RDFS, REL, SEM, bind_namespaces

ROOT = Path(__file__).resolve().parents[1]
KG_CODE = ROOT / "kg"

_DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}


def _members(ns: type[DefinedNamespace]) -> set[str]:
    return {name for name in ns.__annotations__ if not name.startswith("_")}


def _defined_in_ontology() -> set[str]:
    onto = load_ontology()
    return {
        str(s)[len(str(KG)) :]
        for s, t in onto.subject_objects(RDF.type)
        if str(s).startswith(str(KG)) and t in _DECLARATION_TYPES
    }


def test_every_vocab_term_is_defined_in_the_ontology() -> None:
    assert _members(KG) - _defined_in_ontology() == set()


def test_every_ontology_term_is_in_the_vocab() -> None:
    assert _defined_in_ontology() - _members(KG) == set()


def test_every_ontology_term_has_label_and_comment() -> None:
    onto = load_ontology()
    for name in sorted(_members(KG)):
        term: URIRef = getattr(KG, name)
        assert onto.value(term, RDFS.label) is not None, f"kg:{name} has no rdfs:label"
        assert onto.value(term, RDFS.comment) is not None, f"kg:{name} has no rdfs:comment"


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (KG.Event, SEM.Event),
        (KG.Entity, SEM.Actor),
        (KG.Place, SEM.Place),
        (KG.Sentence, NIF.Sentence),
        (KG.Mention, NIF.Phrase),
        (KG.Place, GEO.SpatialThing),
    ],
)
def test_classes_are_aligned_with_sem_and_nif(sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in load_ontology()


def test_role_properties_are_sem_properties() -> None:
    onto = load_ontology()
    assert (KG.agent, RDFS.subPropertyOf, SEM.hasActor) in onto
    assert (KG.location, RDFS.subPropertyOf, SEM.hasPlace) in onto
    assert (KG.time, RDFS.subPropertyOf, SEM.hasTime) in onto


def test_closed_namespace_rejects_unknown_terms() -> None:
    with pytest.raises(AttributeError):
        _ = KG.Evnt
    with pytest.raises(AttributeError):
        _ = SEM.hasActr


def test_terms_used_in_code_exist() -> None:
    """Static check: catches KG.<term> on code paths no test runs."""
    closed = {"KG": KG, "SEM": SEM, "NIF": NIF, "GEO": GEO}
    pattern = re.compile(r"\b(KG|SEM|NIF|GEO)\.([A-Za-z_]\w*)")
    unknown = []
    for path in KG_CODE.rglob("*.py"):
        if path.name == "vocab.py":
            continue  # its doctest misspells a term on purpose
        for ns, name in pattern.findall(path.read_text(encoding="utf-8")):
            if name not in _members(closed[ns]):
                unknown.append(f"{path.relative_to(ROOT)}: {ns}.{name}")
    assert unknown == []


def _code_strings(path: Path) -> list[str]:
    """String constants of a module, leaving out docstrings (whose examples may show IRIs)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            docstrings.add(id(body[0].value))
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def test_project_iris_are_spelled_only_in_vocab() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in KG_CODE.rglob("*.py")
        if p.name != "vocab.py" and any("w3id.org/kg-news" in s for s in _code_strings(p))
    ]
    assert offenders == []


def test_ontology_and_shapes_parse_with_our_prefixes() -> None:
    assert len(load_ontology()) > 200
    assert len(load_shapes()) > 50
    g = bind_namespaces(Graph())
    prefixes = {p: str(n) for p, n in g.namespaces()}
    for prefix, ns in PREFIXES.items():
        assert prefixes[prefix] == ns
    assert prefixes["kg"] == str(KG) and prefixes["rel"] == str(REL)
    assert str(ID) not in prefixes.values()  # full IRIs read better than id:event\/a1\/0


def test_model_doc_example_parses_and_uses_known_terms() -> None:
    doc = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    example = doc.split("```turtle\n", 1)[1].split("```", 1)[0]
    ds = Dataset()
    ds.parse(data=example, format="trig")
    used = {
        str(t)[len(str(KG)) :]
        for q in ds.quads((None, None, None, None))
        for t in q[:3]
        if isinstance(t, URIRef) and str(t).startswith(str(KG))
    }
    assert used and used <= _members(KG)


def _roles_in_ontology() -> set[URIRef]:
    onto = load_ontology()
    subs = onto.subjects(RDFS.subPropertyOf, KG.argument)
    return {KG.argument} | {s for s in subs if isinstance(s, URIRef)}


def test_roles_are_the_ontology_role_properties_one_to_one() -> None:
    from kg.model import Role
    from kg.vocab import role_property

    properties = [role_property(role) for role in Role]
    assert len(set(properties)) == len(Role)
    assert set(properties) == _roles_in_ontology()
    assert all(p.fragment == role.value for p, role in zip(properties, Role, strict=True))


def test_event_shape_lists_every_role() -> None:
    from rdflib.collection import Collection

    shapes = load_shapes()
    SH = Namespace("http://www.w3.org/ns/shacl#")
    lists = [Collection(shapes, head) for head in shapes.objects(None, SH.alternativePath)]
    assert len(lists) == 1
    assert set(lists[0]) == _roles_in_ontology()
