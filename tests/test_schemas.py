"""The schemas are the editors' documentation: valid, complete, and one for every kind."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from conftest import REPO
from kb_build.render.site import render_site
from kb_build.schemas import SCHEMA_FOR_KIND, Schemas

SCHEMAS = Schemas(REPO / "schema")


@pytest.mark.parametrize("name", sorted(SCHEMAS.documents))
def test_schema_is_valid_against_its_metaschema(name: str) -> None:
    Draft202012Validator.check_schema(SCHEMAS.documents[name])


def _properties(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    out = []
    if isinstance(node, dict):
        for key, sub in node.get("properties", {}).items():
            out.append((f"{path}.{key}", sub))
        for key, sub in node.items():
            if key not in ("if", "else"):  # conditions, not field definitions
                out += _properties(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            out += _properties(sub, f"{path}[{i}]")
    return out


@pytest.mark.parametrize("kind", sorted(SCHEMA_FOR_KIND))
def test_every_field_has_a_norwegian_title(kind: str) -> None:
    bundled = SCHEMAS.bundled(SCHEMA_FOR_KIND[kind])
    assert bundled.get("title") and bundled.get("description")
    missing = [path for path, prop in _properties(bundled) if not prop.get("title")]
    assert missing == []


def test_bundled_schema_validates_like_the_referencing_one() -> None:
    plain = Draft202012Validator(
        SCHEMAS.documents["anbefaling.schema.json"],
        registry=SCHEMAS.registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    bundled = SCHEMAS.validator("anbefaling")
    broken = {"id": "Ikke Gyldig", "hjemmel": ["x"], "målgruppe": [], "endringer": [{"dato": "i går"}]}
    assert sorted(e.message for e in plain.iter_errors(broken)) == sorted(
        e.message for e in bundled.iter_errors(broken)
    )


def test_parity_every_kind_has_schema_examples_and_output() -> None:
    from conftest import MINI, TESTS, run_check

    index = run_check(MINI).index
    assert index is not None
    files = render_site(index, SCHEMAS.documents).files
    outputs = {
        "anbefaling": "anbefalinger/1-1-plan.md",
        "kapittel": "kapitler/1-forste.md",
        "historie": "historier/aina.md",
        "sjekkliste": "sjekklister/leder.md",
        "hjemler": "til-revisjon.md",
        "referanser": "anbefalinger/1-1-plan.md",
        "veileder": "index.md",
        "malgruppe": "verktoy/beslutningsstotte.md",
        "beslutningsstotte": "verktoy/beslutningsstotte.md",
        "tilgjengelighet": "tilgjengelighet.md",
        "roller": "roller/leder.md",
        "utgaver": "utgaver/index.md",
        "forkortelser": "forkortelser.md",
    }
    assert set(outputs) == set(SCHEMA_FOR_KIND)
    for kind, page in outputs.items():
        assert page in files, kind
        assert list((TESTS / "examples/valid" / kind).glob("*.yaml")), kind
        assert list((TESTS / "examples/invalid" / kind).glob("*.yaml")), kind


def _patterns(node: Any, path: str = "$") -> list[tuple[str, dict[str, Any]]]:
    if isinstance(node, list):
        return [found for i, sub in enumerate(node) for found in _patterns(sub, f"{path}[{i}]")]
    if not isinstance(node, dict):
        return []
    own = [(path, node)] if isinstance(node.get("pattern"), str) else []
    return own + [found for key, sub in node.items() for found in _patterns(sub, f"{path}.{key}")]


@pytest.mark.parametrize("name", sorted(SCHEMAS.documents))
def test_every_pattern_is_explained_in_words(name: str) -> None:
    """A text that does not match is explained by the title or description, never by the regex itself."""
    explained = ("title", "description")
    unexplained = [path for path, node in _patterns(SCHEMAS.documents[name]) if not any(map(node.get, explained))]
    assert unexplained == []
