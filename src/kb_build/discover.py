"""List the project's source files and the kind of each, in a stable order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb_build.errors import Problem, SourcePos

SINGLE_FILES: dict[str, tuple[str, bool]] = {
    "content/veileder.yaml": ("veileder", True),
    "content/hjemler.yaml": ("hjemler", True),
    "content/referanser.yaml": ("referanser", False),
    "content/malgruppe.yaml": ("malgruppe", True),
    "content/beslutningsstotte.yaml": ("beslutningsstotte", False),
    "content/tilgjengelighet.yaml": ("tilgjengelighet", False),
    "content/roller.yaml": ("roller", False),
    "content/utgaver.yaml": ("utgaver", False),
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
    """Return every source sorted by path, plus problems with the layout itself.

    A symbolic link among the sources (a file, or a folder on the way to one) is refused: it can
    point anywhere on the machine, and what it points to would be published as the project's own.
    """
    sources: list[Source] = []
    problems: list[Problem] = []
    links: set[Path] = set()

    def linked(path: Path) -> bool:
        link = _first_link(root, path)
        if link is not None and link not in links:
            links.add(link)
            what = "mappen" if link.is_dir() else "filen"
            problems.append(
                Problem(
                    SourcePos(link.relative_to(root).as_posix()),
                    "$",
                    f"{what} er en symbolsk lenke; kildene må ligge i selve prosjektet, så kopier innholdet inn hit",
                )
            )
        return link is not None

    for rel, (kind, required) in SINGLE_FILES.items():
        if linked(root / rel):
            continue
        if (root / rel).is_file():
            sources.append(Source(rel, kind))
        elif required:
            problems.append(Problem(SourcePos(rel), "$", "filen mangler"))
    for folder, (kind, recursive, required) in FOLDERS.items():
        base = root / folder
        if linked(base):
            continue
        if not base.is_dir():
            if required:
                problems.append(Problem(SourcePos(folder), "$", "mappen mangler"))
            continue
        pattern = "**/*" if recursive else "*"
        for path in sorted(base.glob(pattern)):
            rel = path.relative_to(root).as_posix()
            if linked(path):
                continue
            if path.suffix == ".yaml" and path.is_file():
                sources.append(Source(rel, kind))
            elif path.suffix == ".yml":
                problems.append(Problem(SourcePos(rel), "$", "bruk filendelsen .yaml, ikke .yml"))
    return sorted(sources), problems


def _first_link(root: Path, path: Path) -> Path | None:
    """The first symbolic link on the way from ``root`` to ``path``, if any."""
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            return current
    return None
