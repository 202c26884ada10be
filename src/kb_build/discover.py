"""List the project's source files and the kind of each, in a stable order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb_build.errors import Problem, SourcePos

SINGLE_FILES: dict[str, tuple[str, bool]] = {
    "content/veileder.yaml": ("veileder", True),
    "content/hjemler.yaml": ("hjemler", True),
    "content/malgruppe.yaml": ("malgruppe", True),
    "content/beslutningsstotte.yaml": ("beslutningsstotte", False),
    "content/tilgjengelighet.yaml": ("tilgjengelighet", False),
    "content/forkortelser.yaml": ("forkortelser", False),
}
"""Sources that exist once: path -> (kind, required)."""

FOLDERS: dict[str, tuple[str, bool, bool]] = {
    "content/kapitler": ("kapittel", False, True),
    "content/historier": ("historie", False, False),
    "content/sjekklister": ("sjekkliste", False, False),
    "recommendations": ("anbefaling", True, True),
}
"""Folders with one source per file: folder -> (kind, look in subfolders, required)."""


@dataclass(frozen=True, order=True)
class Source:
    """One source file to load: its path relative to the root, and its kind."""

    rel: str
    kind: str


def discover(root: Path) -> tuple[list[Source], list[Problem]]:
    """Return every source sorted by path, plus problems with the layout itself."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for rel, (kind, required) in SINGLE_FILES.items():
        if (root / rel).is_file():
            sources.append(Source(rel, kind))
        elif required:
            problems.append(Problem(SourcePos(rel), "$", "filen mangler"))
    for folder, (kind, recursive, required) in FOLDERS.items():
        base = root / folder
        if not base.is_dir():
            if required:
                problems.append(Problem(SourcePos(folder), "$", "mappen mangler"))
            continue
        pattern = "**/*" if recursive else "*"
        for path in sorted(base.glob(pattern)):
            rel = path.relative_to(root).as_posix()
            if path.suffix == ".yaml" and path.is_file():
                sources.append(Source(rel, kind))
            elif path.suffix == ".yml":
                problems.append(Problem(SourcePos(rel), "$", "bruk filendelsen .yaml, ikke .yml"))
    return sorted(sources), problems
