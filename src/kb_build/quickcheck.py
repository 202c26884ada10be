"""A yes/no answer to «is this document valid?», about ten times faster than jsonschema.

``kb-build check`` spends most of its time validating files that turn out to be valid. For
those, a compiled check says so quickly; only a file it rejects goes through jsonschema, which
finds and describes every error exactly as before. The compiled check gives exactly
jsonschema's answer (a test compares the two on every example and on thousands of broken
variants), and for any keyword it does not know it hands the (sub)schema to jsonschema.
"""

from __future__ import annotations

import json
import numbers
import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]
"""Tells whether a value is valid against one (sub)schema."""

_TYPES: dict[str, Check] = {
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: not isinstance(v, bool) and (isinstance(v, int) or (isinstance(v, float) and v.is_integer())),
    "null": lambda v: v is None,
    "number": lambda v: not isinstance(v, bool) and isinstance(v, numbers.Number),
    "object": lambda v: isinstance(v, dict),
    "string": lambda v: isinstance(v, str),
}
"""JSON Schema 2020-12's types, as jsonschema's type checker defines them."""

_COMPILED = frozenset(
    {
        "type",
        "enum",
        "const",
        "properties",
        "additionalProperties",
        "required",
        "dependentRequired",
        "minProperties",
        "propertyNames",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minLength",
        "maxLength",
        "pattern",
        "format",
        "minimum",
        "maximum",
        "allOf",
        "not",
        "if",
        "then",
        "else",
    }
)
"""Keywords this module checks itself; a schema with any other keyword jsonschema knows goes to jsonschema."""


def compile_check(schema: Any, validator_class: Any) -> Check | None:
    """A check for ``schema`` (references already inlined), or ``None`` if it has references.

    ``validator_class`` is the jsonschema validator class whose answers the check reproduces;
    its format checker and its ``uniqueItems`` (see :mod:`kb_build.schemas`) are used as they are.
    """
    if _has_reference(schema):
        return None
    return _Compiler(validator_class).compile(schema)


def _has_reference(schema: Any) -> bool:
    if isinstance(schema, dict):
        return "$ref" in schema or "$dynamicRef" in schema or any(_has_reference(v) for v in schema.values())
    if isinstance(schema, list):
        return any(_has_reference(v) for v in schema)
    return False


class _Compiler:
    def __init__(self, validator_class: Any) -> None:
        self.validator_class = validator_class
        self.known: frozenset[str] = frozenset(validator_class.VALIDATORS)
        self.format_checker = validator_class.FORMAT_CHECKER

    def compile(self, schema: Any) -> Check:
        if schema is True or schema is False:
            return _always if schema else _never
        if not isinstance(schema, dict):
            return self._delegate(schema)
        used = self.known & set(schema)
        if not used <= _COMPILED:
            return self._delegate(schema)
        checks = [check for keyword in sorted(used) if (check := self._keyword(keyword, schema)) is not None]
        if not checks:
            return _always
        if len(checks) == 1:
            return checks[0]

        def every(value: Any) -> bool:
            for check in checks:  # noqa: SIM110 - a loop is faster than all() here, on every value of every file
                if not check(value):
                    return False
            return True

        return every

    def _delegate(self, schema: Any) -> Check:
        validator = self.validator_class(schema, format_checker=self.format_checker)
        is_valid: Check = validator.is_valid
        return is_valid

    def _keyword(self, keyword: str, schema: dict[str, Any]) -> Check | None:
        value = schema[keyword]
        if keyword == "type":
            names = [value] if isinstance(value, str) else list(value)
            if not all(name in _TYPES for name in names):
                return self._delegate({"type": value})
            if len(names) == 1:
                return _TYPES[names[0]]
            predicates = [_TYPES[name] for name in names]
            return lambda v: any(p(v) for p in predicates)
        if keyword in ("enum", "const"):
            options = value if keyword == "enum" else [value]
            if isinstance(options, list) and all(isinstance(o, str) for o in options):
                allowed = frozenset(options)
                return lambda v: isinstance(v, str) and v in allowed
            return self._delegate({keyword: value})
        if keyword == "properties":
            subs = {name: self.compile(sub) for name, sub in value.items()}

            def properties(v: Any) -> bool:
                if isinstance(v, dict):
                    for key, item in v.items():
                        check = subs.get(key)
                        if check is not None and not check(item):
                            return False
                return True

            return properties
        if keyword == "additionalProperties":
            if "patternProperties" in schema:
                return self._delegate(schema)
            declared = frozenset(schema.get("properties", {}))
            if value is False:
                return lambda v: not isinstance(v, dict) or declared.issuperset(v)
            extra = self.compile(value)
            return lambda v: not isinstance(v, dict) or all(extra(v[k]) for k in v if k not in declared)
        if keyword == "required":
            needed = list(value)
            return lambda v: not isinstance(v, dict) or all(name in v for name in needed)
        if keyword == "dependentRequired":
            pairs = [(name, list(deps)) for name, deps in value.items()]
            return lambda v: (
                not isinstance(v, dict) or all(all(d in v for d in deps) for name, deps in pairs if name in v)
            )
        if keyword == "minProperties":
            return lambda v: not isinstance(v, dict) or len(v) >= value
        if keyword == "propertyNames":
            names_check = self.compile(value)
            return lambda v: not isinstance(v, dict) or all(names_check(k) for k in v)
        if keyword == "items":
            if "prefixItems" in schema:
                return self._delegate(schema)
            each = self.compile(value)

            def items(v: Any) -> bool:
                if isinstance(v, list):
                    for item in v:
                        if not each(item):
                            return False
                return True

            return items
        if keyword == "minItems":
            return lambda v: not isinstance(v, list) or len(v) >= value
        if keyword == "maxItems":
            return lambda v: not isinstance(v, list) or len(v) <= value
        if keyword == "uniqueItems":
            return (lambda v: not isinstance(v, list) or all_different(v)) if value else None
        if keyword == "minLength":
            return lambda v: not isinstance(v, str) or len(v) >= value
        if keyword == "maxLength":
            return lambda v: not isinstance(v, str) or len(v) <= value
        if keyword == "pattern":
            search = re.compile(value).search
            return lambda v: not isinstance(v, str) or search(v) is not None
        if keyword == "format":
            conforms = self.format_checker.conforms
            return lambda v: conforms(v, value)
        if keyword in ("minimum", "maximum"):
            number = _TYPES["number"]
            if keyword == "minimum":
                return lambda v: not number(v) or v >= value
            return lambda v: not number(v) or v <= value
        if keyword == "allOf":
            parts = [self.compile(sub) for sub in value]
            return lambda v: all(part(v) for part in parts)
        if keyword == "not":
            negated = self.compile(value)
            return lambda v: not negated(v)
        if keyword == "if":
            condition = self.compile(value)
            then = self.compile(schema["then"]) if "then" in schema else _always
            otherwise = self.compile(schema["else"]) if "else" in schema else _always
            return lambda v: then(v) if condition(v) else otherwise(v)
        return None  # «then» and «else» are checked with their «if»; alone they mean nothing


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False


def all_different(items: list[Any]) -> bool:
    """Whether no two items are equal as JSON Schema compares them (1.0 equals 1), in linear time.

    jsonschema's own ``uniqueItems`` compares every pair of unhashable items; the project's
    validators use this instead (:mod:`kb_build.schemas`), and so does the compiled check.
    """
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
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    return value
