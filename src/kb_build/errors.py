"""Problems found in the sources, and the small exception family for everything else."""

from __future__ import annotations

import enum
import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class Severity(enum.Enum):
    """How much a problem matters: errors stop the build, warnings only under --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class SourcePos:
    """A place in a source file: path relative to the project root, 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about the content, reported as ``path:line:col: json.path: message``."""

    pos: SourcePos
    json_path: str
    message: str
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """Render the problem on one line, the way editors and CI logs read it."""
        p = self.pos
        prefix = "advarsel: " if self.severity is Severity.WARNING else ""
        return f"{p.path}:{p.line}:{p.col}: {self.json_path}: {prefix}{visible(self.message)}"

    def as_dict(self) -> dict[str, object]:
        """Return the problem as JSON-ready data for ``--format json``."""
        return {
            "path": self.pos.path,
            "line": self.pos.line,
            "col": self.pos.col,
            "json_path": self.json_path,
            "severity": self.severity.value,
            "message": visible(self.message),
        }


_INVISIBLE_NAMES = {
    "\u00a0": "hardt mellomrom",
    "\u202f": "smalt hardt mellomrom",
    "\u200b": "nullbredde mellomrom",
    "\u200c": "nullbredde ikke-skjøt",
    "\u200d": "nullbredde skjøt",
    "\u2060": "ordskjøt",
    "\u00ad": "myk bindestrek",
    "\ufeff": "nullbredde hardt mellomrom",
}


def _invisible(char: str) -> bool:
    return char in _INVISIBLE_NAMES or (char != " " and unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cf"))


def visible(message: str) -> str:
    """Show characters an editor cannot see (U+00A0, zero-width spaces) by their code, and name them."""
    found = [c for c in dict.fromkeys(message) if _invisible(c)]
    if not found:
        return message
    shown = "".join(f"[U+{ord(c):04X}]" if _invisible(c) else c for c in message)
    names = ", ".join(
        f"U+{ord(c):04X} {_INVISIBLE_NAMES.get(c) or unicodedata.name(c, 'ukjent').lower()}" for c in found
    )
    return f"{shown} (usynlig tegn: {names}; skriv det om med vanlig mellomrom eller slett det)"


class KbError(Exception):
    """Base class for failures that stop kb-build with a message instead of a traceback."""

    exit_code = 1


class ConfigError(KbError):
    """The command line or the project layout is wrong (exit 2)."""

    exit_code = 2


class ContentError(KbError):
    """The sources have errors; carries every problem found, so all are shown at once."""

    def __init__(self, problems: Sequence[Problem], note: str = "") -> None:
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = tuple(sorted(problems))
        self.note = note
        """Why the run stopped when no problem says so (for example --fail-on-review)."""


class BuildError(KbError):
    """Rendering or the static-site generator failed after the content was valid."""


def is_blocking(problem: Problem, *, strict: bool) -> bool:
    """Tell whether a problem fails the run: errors always, warnings under --strict."""
    return problem.severity is Severity.ERROR or strict


def format_report(problems: Iterable[Problem], *, fmt: str = "text") -> str:
    """Render problems sorted by file and line, followed by a count (or as JSON)."""
    ordered = sorted(problems)
    if fmt == "json":
        return json.dumps([p.as_dict() for p in ordered], ensure_ascii=False, indent=2)
    errors = sum(1 for p in ordered if p.severity is Severity.ERROR)
    warnings = len(ordered) - errors
    lines = [p.format() for p in ordered]
    lines.append(f"{errors} feil, {warnings} advarsler")
    return "\n".join(lines)
