"""The compiled check answers exactly as jsonschema does, on real files and on thousands of broken ones."""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from conftest import EXAMPLES, MINI, REPO, TESTS
from kb_build.discover import discover
from kb_build.quickcheck import _TYPES, compile_check
from kb_build.schemas import SCHEMA_FOR_KIND, Schemas, _metaschema_check
from kb_build.yamlio import Loaded, load_file

SCHEMAS = Schemas(REPO / "schema")

REPLACEMENTS: list[Any] = [
    "",
    "x",
    "ikke en id",
    "1-1-plan",
    "1-1-plan\n",
    "2018-01-30\n",
    "æøå – «»",
    "2018-01-30",
    "2018-02-30",
    "https://lovdata.no/lov/1999-07-02-64/§3-2",
    "ikke en adresse",
    "skal",
    "x" * 5000,
    0,
    1,
    -1,
    100_000,
    1.0,
    2.5,
    float("inf"),
    10**30,
    True,
    False,
    None,
    [],
    ["x"],
    [1, 1.0],
    {},
    {"ukjent": 1},
]
"""Values put in place of a value somewhere in a valid document: wrong types, bad formats, limits."""


def _documents() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every source this repository has: our guideline, the examples, the fixture and the test examples."""
    for root in (REPO, MINI, *EXAMPLES):
        sources, _ = discover(root)
        for source in sources:
            loaded = load_file(root / source.rel, source.rel)
            if isinstance(loaded, Loaded):
                yield source.kind, loaded.data
    for path in sorted((TESTS / "examples").glob("*/*/*/*.yaml")) + sorted((TESTS / "examples").glob("*/*/*.yaml")):
        kind = path.parent.name
        loaded = load_file(path, path.name)
        if kind in SCHEMA_FOR_KIND and isinstance(loaded, Loaded):
            yield kind, loaded.data


def _paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield from _paths(child, (*path, key))


def _mutations(
    data: dict[str, Any], rng: random.Random, count: int, replacements: list[Any] = REPLACEMENTS
) -> Iterator[dict[str, Any]]:
    """``count`` variants of ``data``, each with one value replaced, one key removed or one key added."""
    paths = [p for p in _paths(data) if p]
    if not paths:
        return
    for _ in range(count):
        variant = copy.deepcopy(data)
        path = rng.choice(paths)
        parent: Any = variant
        for part in path[:-1]:
            parent = parent[part]
        choice = rng.random()
        if choice < 0.2 and isinstance(parent, dict):
            del parent[path[-1]]
        elif choice < 0.3 and isinstance(parent, dict):
            parent["ukjent_felt"] = "x"
        elif choice < 0.4 and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[int(path[-1])]))
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(replacements))
        yield variant


def test_compiled_check_agrees_with_jsonschema_on_every_source_and_its_variants() -> None:
    rng = random.Random(18)
    answers: dict[bool, int] = {True: 0, False: 0}
    disagreements = []
    for kind, data in _documents():
        quick = SCHEMAS.quick_check(kind)
        assert quick is not None, f"the {kind} schema compiles"
        validator = SCHEMAS.validator(kind)
        for doc in [data, *_mutations(data, rng, 12)]:
            expected = validator.is_valid(doc)
            answers[expected] += 1
            if quick(doc) != expected:
                disagreements.append((kind, doc))
    assert disagreements == []
    assert answers[True] > 100 and answers[False] > 1000, answers


SCHEMA_REPLACEMENTS: list[Any] = [
    *REPLACEMENTS,
    "[",
    "^[a-z]+$",
    "strin",
    "string",
    -5,
    ["a", "a"],
    ["string", "null"],
    {"type": "strin"},
    {"$ref": 1},
    {"pattern": "("},
    {"minItems": -1},
    {"items": [{}]},
    {"format": 5},
    {"multipleOf": 0},
    {"maxLength": 1.5},
]
"""Values put into a schema: broken regular expressions and types, negative limits, wrong keyword values."""


def test_compiled_metaschema_agrees_with_check_schema_on_our_schemas_and_their_variants() -> None:
    meta = _metaschema_check()
    assert meta is not None
    validator = Draft202012Validator(
        Draft202012Validator.META_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    rng = random.Random(18)
    answers: dict[bool, int] = {True: 0, False: 0}
    disagreements = []
    by_hand = [r for r in SCHEMA_REPLACEMENTS if isinstance(r, dict)] + [{"multipleOf": 0.5}, {"$defs": {"a": 1}}]
    for document in [*SCHEMAS.documents.values(), *by_hand]:
        for variant in [document, *_mutations(document, rng, 15, SCHEMA_REPLACEMENTS)]:
            expected = validator.is_valid(variant)
            answers[expected] += 1
            if meta(variant) != expected:
                disagreements.append(variant)
    assert disagreements == []
    assert answers[True] > 100 and answers[False] > 100, answers


@pytest.mark.parametrize(
    "schema",
    [
        {"prefixItems": [{"type": "string"}], "items": False},
        {"patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": False},
        {"properties": {"a": {"contains": {"const": 1}}}},
        {"enum": [1, True, None]},
        {"type": ["integer", "null"], "minimum": 2},
    ],
)
def test_keywords_it_does_not_compile_are_left_to_jsonschema(schema: dict[str, Any]) -> None:
    quick = compile_check(schema, Draft202012Validator)
    assert quick is not None
    validator = Draft202012Validator(schema)
    for value in [*REPLACEMENTS, ["a"], ["a", 1], {"x-a": "b"}, {"x-a": 1}, {"a": [1]}, {"a": [2]}, 3, 2.0, 1.5]:
        assert quick(value) == validator.is_valid(value), value


def test_a_schema_with_references_is_not_compiled() -> None:
    assert compile_check({"properties": {"a": {"$ref": "#/$defs/a"}}, "$defs": {"a": {}}}, Draft202012Validator) is None


def test_types_match_jsonschemas_type_checker() -> None:
    checker = Draft202012Validator.TYPE_CHECKER
    for name, predicate in _TYPES.items():
        for value in REPLACEMENTS:
            assert predicate(value) == checker.is_type(value, name), (name, value)


def test_files_with_errors_still_get_every_message(tmp_path: Path) -> None:
    """The compiled check only says yes or no; a file it rejects is described by jsonschema in full."""
    from kb_build.validate import validate

    source = MINI / "recommendations/kapittel-01/1-1-plan.yaml"
    broken = tmp_path / "1-1-plan.yaml"
    broken.write_text(source.read_text("utf-8").replace("styrke: skal", "styrke: kanskje") + "ukjent: 1\n", "utf-8")
    loaded = load_file(broken, "1-1-plan.yaml")
    assert isinstance(loaded, Loaded)
    messages = [p.format() for p in validate(loaded, "anbefaling", SCHEMAS)]
    assert len(messages) == 2 and all(m.startswith("1-1-plan.yaml:") for m in messages)


def test_a_schema_against_the_metaschema_is_reported_by_jsonschema(tmp_path: Path) -> None:
    import json
    import shutil

    from jsonschema.exceptions import SchemaError

    from kb_build.errors import ConfigError

    shutil.copytree(REPO / "schema", tmp_path / "schema")
    path = tmp_path / "schema/kapittel.schema.json"
    document = json.loads(path.read_text("utf-8"))
    document["properties"]["nummer"]["type"] = "heltall"
    path.write_text(json.dumps(document), "utf-8")
    with pytest.raises(SchemaError) as expected:
        Draft202012Validator.check_schema(document)
    with pytest.raises(ConfigError) as reported:
        Schemas(tmp_path / "schema")
    assert str(reported.value) == (
        f"skjemaet kapittel.schema.json kan ikke brukes: {expected.value.json_path}: {expected.value.message}"
    )
    assert "\n" not in str(reported.value), "a set-up error is one line"


def _subschemas(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _subschemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from _subschemas(value)


def test_limits_hold_to_the_unit_in_every_subschema() -> None:
    """Texts, lists and numbers just inside and just outside each limit the schemas set."""
    checked = 0
    for name in SCHEMA_FOR_KIND.values():
        for sub in _subschemas(SCHEMAS.bundled(name)):
            limits = [
                sub[k] for k in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum") if k in sub
            ]
            if not limits:
                continue
            quick = compile_check(sub, Draft202012Validator)
            assert quick is not None
            validator = Draft202012Validator(sub, format_checker=Draft202012Validator.FORMAT_CHECKER)
            for limit in limits:
                for n in (limit - 1, limit, limit + 1):
                    for value in ("a" * max(n, 0), "1" * max(n, 0), ["a"] * max(n, 0), n, n - 0.5):
                        assert quick(value) == validator.is_valid(value), (sub, value)
                        checked += 1
    assert checked > 500
