"""Check loaded sources against their JSON Schemas and report errors with positions."""

from __future__ import annotations

from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from kb_build.errors import Problem, SourcePos
from kb_build.messages import extra_keys, message_for, suggest
from kb_build.positions import find_key_node, find_node, json_path, line_col
from kb_build.schemas import Schemas
from kb_build.yamlio import Loaded


def validate(doc: Loaded, kind: str, schemas: Schemas) -> list[Problem]:
    """Return one problem per schema violation in ``doc``, each pointing at its YAML node.

    Most files are valid: a compiled check confirms that quickly, and only a file it rejects is
    validated again by jsonschema, which finds and describes every error.
    """
    quick = schemas.quick_check(kind)
    if quick is not None and quick(doc.data):
        return []
    return problems_for(doc, schemas.validator(kind))


def problems_for(doc: Loaded, validator: Draft202012Validator) -> list[Problem]:
    """Return one problem per violation of ``validator``'s schema in ``doc``, each with its position."""
    errors = [best_match(e.context) if e.context else e for e in validator.iter_errors(doc.data)]
    # One problem per unknown key: an object with two unknown keys gives one schema error.
    found = [(e, key) for e in errors for key in _unknown_keys(e)]
    misspelt = {_suggestion(e, key) for e, key in found if key is not None} - {None}
    return sorted({_problem(doc, e, key) for e, key in found if _missing(e) not in misspelt})


def _unknown_keys(error: ValidationError) -> list[str | None]:
    """The keys an «additionalProperties» error is about; ``[None]`` (one problem) for any other error."""
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        return [*extra_keys(error)] or [None]
    return [None]


def _missing(error: ValidationError) -> tuple[tuple[str | int, ...], str] | None:
    """For a «required» error, the object's path and the first missing key."""
    instance: Any = error.instance
    required: Any = error.validator_value
    if error.validator != "required" or not isinstance(instance, dict):
        return None
    missing = [n for n in required if n not in instance]
    return (tuple(error.absolute_path), missing[0]) if missing else None


def _suggestion(error: ValidationError, key: str) -> tuple[tuple[str | int, ...], str] | None:
    """For an unknown key that looks like a known one, the object's path and the known key."""
    hint = suggest(error, key)
    return (tuple(error.absolute_path), hint) if hint else None


def _problem(doc: Loaded, error: ValidationError, key: str | None = None) -> Problem:
    parts = list(error.absolute_path)
    node = find_node(doc.node, parts)
    if key is not None:  # one of the unknown keys of an «additionalProperties» error
        node = find_key_node(doc.node, parts, key)
        parts = [*parts, key]
    elif "propertyNames" in error.relative_schema_path and isinstance(error.instance, str):
        node = find_key_node(doc.node, parts, error.instance)  # the bad key itself, not its mapping
        parts = [*parts, error.instance]
    elif error.validator == "required":
        required: Any = error.validator_value
        instance: Any = error.instance
        missing = [n for n in required if n not in instance]
        if missing:
            parts = [*parts, missing[0]]
    line, col = line_col(node)
    raw = node.value if isinstance(node, yaml.ScalarNode) and list(error.absolute_path) == parts else None
    return Problem(SourcePos(doc.path, line, col), json_path(parts), message_for(error, raw, key))
