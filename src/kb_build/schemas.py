"""Load the JSON Schemas into one registry and hand out a validator per kind of source."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import SchemaError, ValidationError
from referencing import Registry, Resource

from kb_build.errors import ConfigError
from kb_build.kinds import KINDS
from kb_build.quickcheck import Check, all_different, compile_check

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
                Draft202012Validator.check_schema(document)
            except (OSError, ValueError, SchemaError) as exc:
                raise ConfigError(f"schema {path.name} is broken: {exc}") from exc
            self.documents[path.name] = document
        for kind, name in SCHEMA_FOR_KIND.items():
            if name not in self.documents:
                raise ConfigError(f"schema {name} for kind {kind!r} is missing in {schema_dir}")

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
        return {kind: compile_check(self.bundled(name), _Validator) for kind, name in SCHEMA_FOR_KIND.items()}

    def bundled(self, name: str) -> dict[str, Any]:
        """Schema ``name`` with every ``$ref`` replaced by its target, resolved through the registry.

        Validation then needs no reference lookups, which halves the time spent checking a
        large guideline. A ``$ref`` with only annotations beside it (title, description) is
        merged; one with other keywords beside it becomes an ``allOf``, as 2020-12 means.
        """
        document = self.documents[name]
        resolver = self.registry.resolver(base_uri=document["$id"])
        return {k: v for k, v in _inline(document, resolver, 0).items() if k != "$defs"}


def _unique_items(validator: Any, unique: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """``uniqueItems`` in linear time: jsonschema compares every pair of unhashable items."""
    if unique and validator.is_type(instance, "array") and not all_different(instance):
        yield ValidationError("has non-unique elements")


_Validator: Any = validators.extend(Draft202012Validator, {"uniqueItems": _unique_items})  # type: ignore[no-untyped-call]


_ANNOTATIONS = frozenset({"title", "description", "$comment", "examples", "default"})


def _inline(node: Any, resolver: Any, depth: int) -> Any:
    if depth > 50:
        raise ConfigError("schema references nest too deeply (a cycle?)")
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
