"""Load the JSON Schemas into one registry and hand out a validator per kind of source."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import SchemaError, ValidationError
from jsonschema_specifications import REGISTRY as SPECIFICATIONS  # type: ignore[import-untyped]
from referencing import Registry, Resource

from kb_build.errors import ConfigError
from kb_build.kinds import KINDS
from kb_build.quickcheck import Check, compile_check

SCHEMA_FOR_KIND: dict[str, str] = {kind.name: kind.schema for kind in KINDS}
"""Which schema file validates which kind of source."""


class Schemas:
    """All schemas of a project, cross-referenced through one :class:`referencing.Registry`."""

    def __init__(self, schema_dir: Path) -> None:
        self.dir = schema_dir
        self.documents: dict[str, dict[str, Any]] = {}
        for path in sorted(schema_dir.glob("*.schema.json")):
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
                if not _follows_metaschema(document):  # then jsonschema says what is wrong
                    Draft202012Validator.check_schema(document)
            except SchemaError as exc:  # one line: where in the schema, and jsonschema's own words
                raise ConfigError(f"skjemaet {path.name} kan ikke brukes: {exc.json_path}: {exc.message}") from exc
            except (OSError, ValueError) as exc:
                raise ConfigError(f"skjemaet {path.name} kan ikke brukes: {exc}") from exc
            self.documents[path.name] = document
        for kind, name in SCHEMA_FOR_KIND.items():
            if name not in self.documents:
                raise ConfigError(f"skjemaet {name} (for {kind}) mangler i {schema_dir}")

    @cached_property
    def registry(self) -> Registry[Any]:
        """The registry that resolves ``$ref`` between the schema files."""
        resources = [(doc["$id"], Resource.from_contents(doc)) for doc in self.documents.values()]
        return Registry().with_resources(resources)

    def validator(self, kind: str) -> Draft202012Validator:
        """Return the (cached) validator for ``kind``, checking formats such as dates."""
        return self._validators[kind]

    @cached_property
    def _validators(self) -> dict[str, Draft202012Validator]:
        return {
            kind: _Validator(
                self.bundled(name), registry=self.registry, format_checker=Draft202012Validator.FORMAT_CHECKER
            )
            for kind, name in SCHEMA_FOR_KIND.items()
        }

    def quick_check(self, kind: str) -> Check | None:
        """A fast yes/no check for ``kind`` that answers as :meth:`validator` would, if one could be compiled."""
        return self._quick_checks[kind]

    @cached_property
    def _quick_checks(self) -> dict[str, Check | None]:
        return {
            kind: compile_check(self.bundled(name), _Validator, unique=_all_different)
            for kind, name in SCHEMA_FOR_KIND.items()
        }

    def bundled(self, name: str) -> dict[str, Any]:
        """Schema ``name`` with every ``$ref`` replaced by its target, resolved through the registry.

        Validation then needs no reference lookups, which halves the time spent checking a
        large guideline. A ``$ref`` with only annotations beside it (title, description) is
        merged; one with other keywords beside it becomes an ``allOf``, as 2020-12 means.
        """
        document = self.documents[name]
        resolver = self.registry.resolver(base_uri=document["$id"])
        return {k: v for k, v in _inline(document, resolver, 0).items() if k != "$defs"}


@cache
def _metaschema_check() -> Check | None:
    """JSON Schema 2020-12's metaschema as a compiled check: checking a schema with jsonschema costs milliseconds."""
    uri = Draft202012Validator.META_SCHEMA["$id"]
    return compile_check(SPECIFICATIONS.contents(uri), Draft202012Validator, resolver=SPECIFICATIONS.resolver(uri))


def _follows_metaschema(document: Any) -> bool:
    """Whether ``document`` is a valid 2020-12 schema, as ``Draft202012Validator.check_schema`` would say."""
    check = _metaschema_check()
    return check is not None and check(document)


def _unique_items(validator: Any, unique: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """``uniqueItems`` in linear time: jsonschema compares every pair of unhashable items."""
    if unique and validator.is_type(instance, "array") and not _all_different(instance):
        yield ValidationError("has non-unique elements")


def _all_different(items: list[Any]) -> bool:
    """Whether no two items are equal as JSON Schema compares them (1.0 equals 1), in linear time."""
    if all(isinstance(item, str) for item in items):  # lists of ids and names: the common case
        return len(set(items)) == len(items)
    seen: set[str] = set()
    for item in items:
        key = json.dumps(_canonical(item), sort_keys=True)
        if key in seen:
            return False
        seen.add(key)
    return True


def _canonical(value: Any) -> Any:
    """The value with 1.0 written as 1, so equal numbers compare equal, as JSON Schema says."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    return value


_Validator: Any = validators.extend(Draft202012Validator, {"uniqueItems": _unique_items})  # type: ignore[no-untyped-call]


_ANNOTATIONS = frozenset({"title", "description", "$comment", "examples", "default"})


def _inline(node: Any, resolver: Any, depth: int) -> Any:
    if depth > 50:
        raise ConfigError("skjemaene viser til hverandre i for mange ledd (en sirkel?)")
    if isinstance(node, list):
        return [_inline(item, resolver, depth) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        resolved = resolver.lookup(node["$ref"])
        target = _inline(resolved.contents, resolved.resolver, depth + 1)
        rest = {k: _inline(v, resolver, depth) for k, v in node.items() if k != "$ref"}
        if set(rest) <= _ANNOTATIONS and isinstance(target, dict):
            return {**{k: v for k, v in target.items() if k != "$defs"}, **rest}
        notes = {k: v for k, v in rest.items() if k in _ANNOTATIONS}
        return {**notes, "allOf": [target, {k: v for k, v in rest.items() if k not in _ANNOTATIONS}]}
    return {k: _inline(v, resolver, depth) for k, v in node.items()}
