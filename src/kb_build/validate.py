"""Check loaded sources against their JSON Schemas and report errors with positions."""

from __future__ import annotations

from jsonschema.exceptions import ValidationError, best_match

from kb_build.errors import Problem, SourcePos
from kb_build.messages import extra_keys, message_for
from kb_build.positions import find_key_node, find_node, json_path, line_col
from kb_build.schemas import Schemas
from kb_build.yamlio import Loaded


def validate(doc: Loaded, kind: str, schemas: Schemas) -> list[Problem]:
    """Return one problem per schema violation in ``doc``, each pointing at its YAML node."""
    validator = schemas.validator(kind)
    problems = []
    for error in validator.iter_errors(doc.data):
        chosen = best_match(error.context) if error.context else error
        problems.append(_problem(doc, chosen))
    return sorted(set(problems))


def _problem(doc: Loaded, error: ValidationError) -> Problem:
    parts = list(error.absolute_path)
    node = find_node(doc.node, parts)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = extra_keys(error)
        if extra:
            node = find_key_node(doc.node, parts, extra[0])
            parts = [*parts, extra[0]]
    elif error.validator == "required":
        missing = [n for n in error.validator_value if n not in error.instance]
        if missing:
            parts = [*parts, missing[0]]
    line, col = line_col(node)
    return Problem(SourcePos(doc.path, line, col), json_path(parts), message_for(error))
