"""Read one YAML source safely into JSON-shaped data plus its node tree for positions.

This is the only module that reads source files. The rules guard against YAML's traps:
only ``true``/``false`` are booleans (``no``, ``yes``, ``on`` and ``off`` stay text), dates
stay text, duplicate keys, aliases and custom tags are errors, and every failure comes back
as a :class:`Problem` value with a position instead of an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from kb_build.errors import Problem, SourcePos
from kb_build.positions import json_path, line_col

MAX_BYTES = 1_000_000
"""Largest source file accepted; guards the build against accidental or hostile huge files."""

if yaml.__with_libyaml__:  # LibYAML's parser is ~10x faster; both behave the same here.
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
else:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _Resolver(yaml.resolver.BaseResolver):
    """Resolve plain scalars like YAML 1.2's core schema, minus octal and hex numbers."""


_Resolver.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver.add_implicit_resolver(_INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    _FLOAT,
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$"),
    list("-+0123456789."),
)
_Resolver.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _Composer(_Parser, _Resolver):
    """Parse and compose a node tree; never constructs Python objects from tags."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver.__init__(self)


@dataclass(frozen=True)
class Loaded:
    """A parsed source: its JSON-shaped data and the bytes it came from."""

    path: str
    data: dict[str, Any]
    raw: bytes

    @cached_property
    def node(self) -> yaml.MappingNode:
        """The YAML node tree, for finding the line and column of a problem.

        Only files with problems need it, so it is composed again on first use rather than
        kept for every file (which also keeps loaded files cheap to pass between processes).
        """
        root = _Composer(self.raw.decode("utf-8").removeprefix("\ufeff")).get_single_node()
        assert isinstance(root, yaml.MappingNode)
        return root


class _InvalidYamlError(Exception):
    def __init__(self, node: yaml.Node, parts: list[str | int], message: str) -> None:
        super().__init__(message)
        self.node = node
        self.parts = parts
        self.message = message


def load_file(path: Path, rel: str) -> Loaded | Problem:
    """Read and parse ``path``; ``rel`` is the path shown in messages."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Problem(SourcePos(rel), "$", f"kan ikke lese filen: {exc.strerror}")
    return load_bytes(raw, rel)


def load_bytes(raw: bytes, rel: str) -> Loaded | Problem:
    """Parse YAML bytes into a :class:`Loaded`, or describe the first problem found."""
    if len(raw) > MAX_BYTES:
        return Problem(SourcePos(rel), "$", f"filen er for stor ({len(raw)} byte; grensen er {MAX_BYTES})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex().upper()
        return Problem(
            SourcePos(rel, line, col),
            "$",
            f"filen er ikke lagret som UTF-8 (ugyldig byte 0x{bad}); lagre den på nytt som UTF-8",
        )
    text = text.removeprefix("\ufeff")
    try:
        root = _Composer(text).get_single_node()
    except yaml.YAMLError as exc:
        return _syntax_problem(exc, rel, text)
    except RecursionError:
        return Problem(SourcePos(rel), "$", "strukturen er for dypt nøstet")
    if root is None:
        return Problem(SourcePos(rel), "$", "filen er tom")
    if not isinstance(root, yaml.MappingNode):
        line, col = line_col(root)
        what = "en liste" if isinstance(root, yaml.SequenceNode) else "en enkeltverdi"
        return Problem(
            SourcePos(rel, line, col), "$", f"toppnivået må være nøkler med verdier (nøkkel: verdi), ikke {what}"
        )
    try:
        data = _construct(root, [], set())
    except _InvalidYamlError as exc:
        line, col = line_col(exc.node)
        return Problem(SourcePos(rel, line, col), json_path(exc.parts), exc.message)
    except RecursionError:
        return Problem(SourcePos(rel), "$", "strukturen er for dypt nøstet")
    return Loaded(rel, data, raw)


def _syntax_problem(exc: yaml.YAMLError, rel: str, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if isinstance(exc, yaml.reader.ReaderError):
        index = exc.position
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        return Problem(SourcePos(rel, line, col), "$", f"ulovlig tegn U+{exc.character:04X} i filen")
    problem = str(getattr(exc, "problem", "") or exc)
    lines = text.splitlines()
    bad_char = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
    if bad_char == "\t" or "'\\t'" in problem:
        message = "tabulator i innrykk; YAML krever mellomrom for innrykk"
    elif "expected a single document" in str(exc):
        message = "filen inneholder flere YAML-dokumenter (---); bruk ett dokument per fil"
    else:
        context = getattr(exc, "context", None)
        detail = f"{context}: {problem}" if context else problem
        message = f"ugyldig YAML ({detail})"
    return Problem(SourcePos(rel, line, col), "$", message)


def _construct(node: yaml.Node, parts: list[str | int], seen: set[int]) -> Any:
    if id(node) in seen:
        raise _InvalidYamlError(node, parts, "ankere og aliaser (& og *) er ikke tillatt; skriv verdien ut")
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, parts)
    if isinstance(node, yaml.SequenceNode):
        _expect_tag(node, parts, _SEQ)
        return [_construct(item, [*parts, i], seen) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.MappingNode)
    _expect_tag(node, parts, _MAP)
    result: dict[str, Any] = {}
    first_seen: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
            raise _InvalidYamlError(key_node, parts, "nøkler må være tekst (sett nøkkelen i anførselstegn)")
        key = key_node.value
        if key in first_seen:
            first_line = first_seen[key].start_mark.line + 1
            raise _InvalidYamlError(
                key_node, [*parts, key], f"nøkkelen «{key}» står to ganger (første gang på linje {first_line})"
            )
        first_seen[key] = key_node
        if id(value_node) in seen:  # point at the alias's key, not at the shared anchor
            raise _InvalidYamlError(
                key_node, [*parts, key], "ankere og aliaser (& og *) er ikke tillatt; skriv verdien ut"
            )
        result[key] = _construct(value_node, [*parts, key], seen)
    return result


def _expect_tag(node: yaml.Node, parts: list[str | int], tag: str) -> None:
    if node.tag != tag:
        raise _InvalidYamlError(node, parts, f"YAML-taggen {node.tag} er ikke tillatt")


def _scalar(node: yaml.ScalarNode, parts: list[str | int]) -> Any:
    value: str = node.value
    tag = node.tag
    if tag == _STR:
        return value
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        return int(value, 10)
    if tag == _FLOAT:
        return float(value)
    if tag == _NULL:
        return None
    raise _InvalidYamlError(node, parts, f"YAML-taggen {tag} er ikke tillatt")
