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

MAX_BYTES = 250_000
"""Largest source file accepted; guards the build against accidental or hostile huge files.
The largest real file is about 15 KB; checking a hostile file of this size takes a fraction of
a second (``bench/worst_case.py``)."""

MAX_DEPTH = 20
"""Deepest nesting of lists and keys accepted; the data model needs five, and deeper data would
make validation recurse without bound."""

MAX_ITEMS = 1000
"""Most entries in one list or one set of keys; the largest real one has about forty."""

MAX_NODES = 10_000
"""Most values (keys, texts, numbers, lists) in one file; the largest real file has about 500.
Parsing costs several microseconds per value, so this, not the byte limit, keeps a dense file
(``[1,1,1,…]``) checking well under a second."""

_COUNT_FROM = 32_000
"""Files smaller than this cannot hold enough values to be slow, so they are not counted first."""

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

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of a node: :class:`BaseResolver`'s answer without its path resolvers (we register none).

        The parser asks once per value, so this short version saves a tenth of the loading time.
        """
        if kind is yaml.ScalarNode:
            if implicit[0]:
                resolvers: list[tuple[str, re.Pattern[str]]] = self.yaml_implicit_resolvers.get(value[:1], [])
                for tag, regexp in resolvers:
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


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
    crowded = _too_many_values(text) if len(raw) >= _COUNT_FROM else None
    if crowded is not None:
        return Problem(
            SourcePos(rel, *crowded),
            "$",
            f"filen har for mange verdier (mer enn {MAX_NODES}); del innholdet opp i flere filer",
        )
    try:
        root = _Composer(text).get_single_node()
    except yaml.YAMLError as exc:
        return _syntax_problem(exc, rel, text)
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
    return Loaded(rel, data, raw)


_SYNTAX: tuple[tuple[str, str, str], ...] = (
    # (part of libyaml's problem, which mark to point at, plain message)
    (
        "mapping values are not allowed",
        "problem",
        "kolon og mellomrom («: ») inne i en verdi; sett hele verdien i anførselstegn, eller sjekk innrykket",
    ),
    ("found unexpected end of stream", "context", "anførselstegnet som begynner her, blir aldri lukket"),
    (
        "could not find expected ':'",
        "context",
        "mangler kolon etter nøkkelen, eller en tekst over flere linjer mangler | og innrykk",
    ),
    (
        "did not find expected key",
        "problem",
        "innrykket stemmer ikke med linjene over, eller det står noe etter et avsluttende anførselstegn",
    ),
    ("did not find expected ',' or ']'", "context", "listen i [ ] som begynner her, er ikke lukket"),
    ("did not find expected ',' or '}'", "context", "oppslaget i { } som begynner her, er ikke lukket"),
    (
        "found unknown escape character",
        "problem",
        "ukjent tegn etter \\ i tekst i doble anførselstegn; bruk enkle anførselstegn, eller skriv \\\\",
    ),
    (
        "did not find expected comment or line break",
        "problem",
        "etter | eller > kan bare stå - eller +; teksten begynner på neste linje",
    ),
    ("found undefined alias", "problem", "ankere og aliaser (& og *) er ikke tillatt; sett verdien i anførselstegn"),
    ("exceeded maximum nesting depth", "problem", "verdien er nøstet for dypt"),
    (
        "did not find expected '-' indicator",
        "problem",
        "listepunktet har feil innrykk; alle «- » i en liste må stå rett under hverandre",
    ),
    ("block sequence entries are not allowed", "problem", "et listepunkt («- ») kan ikke stå her; sjekk innrykket"),
    ("expected <block end>", "problem", "innrykket stemmer ikke med linjene over"),
)
"""libyaml's common complaints in plain Norwegian, and where an editor has to look."""

_BLOCK_START = re.compile(r"^( *)(?:- +)?(?:[^\s#'\"][^:#]*:[ \t]+)?[|>][-+0-9]*[ \t]*(?:#.*)?$")
_KEY_LINE = re.compile(r"^ *(?:#|- |-$|[^\s#'\"][^:]*:(?: |$)|['\"])")


def _too_many_values(text: str) -> tuple[int, int] | None:
    """Where a file passes :data:`MAX_NODES` values, counting parser events and stopping there."""
    parser = _Parser(text)
    count = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.NodeEvent):
                count += 1
                mark = event.start_mark
                if count > MAX_NODES and mark is not None:
                    return mark.line + 1, mark.column + 1
    except yaml.YAMLError:
        return None  # composing stops at the same place and describes it
    return None


def _syntax_problem(exc: yaml.YAMLError, rel: str, text: str) -> Problem:
    """Describe a YAML syntax error in plain Norwegian, at the line the editor has to fix."""
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    mark = problem_mark or context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if isinstance(exc, yaml.reader.ReaderError):
        index = exc.position
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        return Problem(SourcePos(rel, line, col), "$", f"ulovlig tegn U+{exc.character:04X} i filen")
    problem = str(getattr(exc, "problem", "") or exc)
    lines = text.splitlines()
    bad_char = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
    if bad_char == "\t" or "tab character" in problem:
        return Problem(SourcePos(rel, line, col), "$", "tabulator i innrykk; YAML krever mellomrom for innrykk")
    if "expected a single document" in str(exc):
        return Problem(
            SourcePos(rel, line, col), "$", "filen inneholder flere YAML-dokumenter (---); bruk ett dokument per fil"
        )
    under = _under_indented(lines, line)
    if under is not None:
        return Problem(SourcePos(rel, under[0], 1), "$", under[1])
    if "cannot start any token" in problem:
        return Problem(
            SourcePos(rel, line, col),
            "$",
            f"en verdi kan ikke begynne med tegnet «{bad_char}»; sett hele verdien i anførselstegn",
        )
    for needle, where, message in _SYNTAX:
        if needle in problem:
            at = context_mark if where == "context" and context_mark is not None else mark
            if at is not None:
                line, col = at.line + 1, at.column + 1
            return Problem(SourcePos(rel, line, col), "$", message)
    return Problem(SourcePos(rel, line, col), "$", "ugyldig YAML her; sjekk innrykk, kolon og anførselstegn")


def _under_indented(lines: list[str], error_line: int) -> tuple[int, str] | None:
    """Find a line in a ``|`` or ``>`` text, up to the error, that is indented less than the text.

    libyaml sees such a line as the end of the text and complains about what follows, often
    several lines later; the editor's mistake is the line with too little indentation. One pass
    over the lines, so a hostile file costs no more than a normal one.
    """
    block: tuple[int, int, int | None] | None = None  # (header line, key column, text indent)
    for j, line in enumerate(lines[:error_line]):
        here = len(line) - len(line.lstrip(" "))
        if block is not None and line.strip():
            head, parent, indent = block
            if indent is None and here > parent:
                block = (head, parent, here)  # the first text line sets the indent
                continue
            if indent is not None and here >= indent:
                continue
            if indent is not None and (here > parent or not _KEY_LINE.match(line)):
                return j + 1, (
                    f"linjen har mindre innrykk enn teksten den hører til (fra linje {head + 1}); "
                    f"rykk den inn med {indent} mellomrom som linjene over"
                )
            block = None  # the text ended where it should
        if _BLOCK_START.match(line):
            block = (j, here + len(line.lstrip(" ")) - len(line.lstrip(" -")), None)
    return None


def _construct(node: yaml.Node, parts: list[str | int], seen: set[int]) -> Any:
    if id(node) in seen:
        raise _InvalidYamlError(node, parts, "ankere og aliaser (& og *) er ikke tillatt; skriv verdien ut")
    if len(parts) > MAX_DEPTH:
        raise _InvalidYamlError(
            node, parts, f"verdien er nøstet for dypt (mer enn {MAX_DEPTH} nivåer med lister og nøkler)"
        )
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, parts)
    if isinstance(node, yaml.SequenceNode | yaml.MappingNode) and len(node.value) > MAX_ITEMS:
        what = "listen har" if isinstance(node, yaml.SequenceNode) else "her er"
        raise _InvalidYamlError(
            node, parts, f"{what} for mange oppføringer ({len(node.value)}; høyst {MAX_ITEMS} er tillatt)"
        )
    if isinstance(node, yaml.SequenceNode):
        _expect_tag(node, parts, _SEQ)
        shallow = len(parts) < MAX_DEPTH
        items = []
        for i, item in enumerate(node.value):
            if shallow and item.tag == _STR and isinstance(item, yaml.ScalarNode) and id(item) not in seen:
                seen.add(id(item))  # a text: what _construct does with it, without building its path
                items.append(item.value)
            else:
                items.append(_construct(item, [*parts, i], seen))
        return items
    assert isinstance(node, yaml.MappingNode)
    _expect_tag(node, parts, _MAP)
    result: dict[str, Any] = {}
    first_seen: dict[str, yaml.Node] = {}
    shallow = len(parts) < MAX_DEPTH
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
        if shallow and value_node.tag == _STR and isinstance(value_node, yaml.ScalarNode):
            seen.add(id(value_node))  # a text: what _construct does with it, without building its path
            result[key] = value_node.value
        else:
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
