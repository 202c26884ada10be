"""A yes/no answer to «is this document valid?», about ten times faster than jsonschema.

``kb-build check`` spends most of its time validating files that turn out to be valid. For
those, a compiled check says so quickly; only a file it rejects goes through jsonschema, which
finds and describes every error exactly as before. The compiled check gives exactly
jsonschema's answer (a test compares the two on every example and on thousands of broken
variants), and for any keyword it does not know it hands the (sub)schema to jsonschema.
"""

from __future__ import annotations

import math
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
        "maxProperties",
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
        "exclusiveMinimum",
        "exclusiveMaximum",
        "anyOf",
        "oneOf",
        "$ref",
        "$dynamicRef",
        "allOf",
        "not",
        "if",
        "then",
        "else",
    }
)
"""Keywords this module checks itself; a schema with any other keyword jsonschema knows goes to jsonschema."""

_TEXT = frozenset({"type", "minLength", "maxLength", "pattern", "format"})
"""Keywords of a text's schema that :meth:`_Compiler._text` checks in one function."""


def compile_check(
    schema: Any, validator_class: Any, *, resolver: Any = None, unique: Check | None = None
) -> Check | None:
    """A check for ``schema`` that answers as ``validator_class`` would, or ``None`` if it cannot compile one.

    ``validator_class`` is the jsonschema validator class whose answers the check reproduces; its
    format checker is used as it is. ``unique`` tells whether a list's items are all different,
    if the class redefines ``uniqueItems`` (:mod:`kb_build.schemas` does). Without a
    ``resolver`` (a :class:`referencing.Resolver` at the schema's address), a schema with
    references has no check; with one, ``$ref`` is followed, and ``$dynamicRef`` too when it
    leads back to the schema itself, as in JSON Schema's own metaschema.
    """
    if resolver is None and _has_reference(schema):
        return None
    try:
        return _Compiler(validator_class, schema, unique).compile(schema, resolver, resource=True)
    except _UnsupportedError:
        return None


class _UnsupportedError(Exception):
    """The schema needs something the compiled check does not reproduce exactly."""


def _has_reference(schema: Any) -> bool:
    if isinstance(schema, dict):
        return "$ref" in schema or "$dynamicRef" in schema or any(_has_reference(v) for v in schema.values())
    if isinstance(schema, list):
        return any(_has_reference(v) for v in schema)
    return False


class _Compiler:
    def __init__(self, validator_class: Any, root: Any, unique: Check | None) -> None:
        self.validator_class = validator_class
        self.known: frozenset[str] = frozenset(validator_class.VALIDATORS)
        self.format_checker = validator_class.FORMAT_CHECKER
        self.root = root
        self.unique = unique
        self.compiled: dict[int, Check] = {}
        """Checks by the id of their (sub)schema, so a schema that refers to itself compiles once."""

    def compile(self, schema: Any, resolver: Any = None, *, resource: bool = False) -> Check:
        """The check for ``schema``; ``resource``: it was reached by a reference (or is the root), so it may have an ``$id``."""
        if schema is True or schema is False:
            return _always if schema else _never
        if not isinstance(schema, dict):
            return self._delegate(schema)
        if id(schema) in self.compiled:
            return self.compiled[id(schema)]
        later: list[Check] = []  # filled below; a reference back to this schema meanwhile calls through it
        self.compiled[id(schema)] = lambda v: later[0](v)
        check = self._compile(schema, resolver, resource=resource)
        later.append(check)
        self.compiled[id(schema)] = check
        return check

    def _compile(self, schema: dict[str, Any], resolver: Any, *, resource: bool) -> Check:
        used = self.known & set(schema)
        if not used <= _COMPILED:
            return self._delegate(schema)
        if resolver is not None and "$id" in schema and not resource:
            raise _UnsupportedError("a schema resource inside another")
        if schema.get("type") == "string" and used <= _TEXT:
            return self._text(schema)
        checks = [c for keyword in sorted(used) if (c := self._keyword(keyword, schema, resolver)) is not None]
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

    def _text(self, schema: dict[str, Any]) -> Check:
        """One check for a text's type, length, pattern and format: most values are texts."""
        shortest, longest = schema.get("minLength", 0), schema.get("maxLength", math.inf)
        search = re.compile(schema["pattern"]).search if "pattern" in schema else None
        form = schema.get("format")
        conforms = self.format_checker.conforms

        def text(value: Any) -> bool:
            if not isinstance(value, str) or not shortest <= len(value) <= longest:
                return False
            if search is not None and search(value) is None:
                return False
            return form is None or bool(conforms(value, form))

        return text

    def _delegate(self, schema: Any) -> Check:
        if _has_reference(schema):
            raise _UnsupportedError("jsonschema would need the registry for this part")
        validator = self.validator_class(schema, format_checker=self.format_checker)
        is_valid: Check = validator.is_valid
        return is_valid

    def _reference(self, keyword: str, ref: str, resolver: Any) -> Check:
        if resolver is None:
            raise _UnsupportedError("a reference without a resolver")
        resolved = resolver.lookup(ref)
        if keyword == "$dynamicRef" and resolved.contents is not self.root:
            raise _UnsupportedError("a dynamic reference to anything but the schema itself")
        return self.compile(resolved.contents, resolved.resolver, resource=True)

    def _keyword(self, keyword: str, schema: dict[str, Any], resolver: Any) -> Check | None:
        value = schema[keyword]
        if keyword in ("$ref", "$dynamicRef"):
            return self._reference(keyword, value, resolver)
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
            subs = {name: self.compile(sub, resolver) for name, sub in value.items()}

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
            extra = self.compile(value, resolver)
            return lambda v: not isinstance(v, dict) or all(extra(v[k]) for k in v if k not in declared)
        if keyword == "required":
            needed = frozenset(value)
            return lambda v: not isinstance(v, dict) or needed <= v.keys()
        if keyword == "dependentRequired":
            pairs = [(name, list(deps)) for name, deps in value.items()]
            return lambda v: (
                not isinstance(v, dict) or all(all(d in v for d in deps) for name, deps in pairs if name in v)
            )
        if keyword == "minProperties":
            return lambda v: not isinstance(v, dict) or len(v) >= value
        if keyword == "maxProperties":
            return lambda v: not isinstance(v, dict) or len(v) <= value
        if keyword == "propertyNames":
            names_check = self.compile(value, resolver)
            return lambda v: not isinstance(v, dict) or all(names_check(k) for k in v)
        if keyword == "items":
            if "prefixItems" in schema:
                return self._delegate(schema)
            each = self.compile(value, resolver)

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
            if not value:
                return None
            unique = self.unique or self._delegate({"uniqueItems": True})
            return lambda v: not isinstance(v, list) or unique(v)
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
        if keyword in ("exclusiveMinimum", "exclusiveMaximum"):
            number = _TYPES["number"]
            if keyword == "exclusiveMinimum":
                return lambda v: not number(v) or v > value
            return lambda v: not number(v) or v < value
        if keyword == "allOf":
            parts = [self.compile(sub, resolver) for sub in value]
            return lambda v: all(part(v) for part in parts)
        if keyword in ("anyOf", "oneOf"):
            options = [self.compile(sub, resolver) for sub in value]
            if keyword == "anyOf":
                return lambda v: any(option(v) for option in options)
            return lambda v: sum(1 for option in options if option(v)) == 1
        if keyword == "not":
            negated = self.compile(value, resolver)
            return lambda v: not negated(v)
        if keyword == "if":
            condition = self.compile(value, resolver)
            then = self.compile(schema["then"], resolver) if "then" in schema else _always
            otherwise = self.compile(schema["else"], resolver) if "else" in schema else _always
            return lambda v: then(v) if condition(v) else otherwise(v)
        return None  # «then» and «else» are checked with their «if»; alone they mean nothing


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False
