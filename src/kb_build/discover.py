"""List the project's source files and the kind of each, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

from kb_build.errors import Problem, SourcePos
from kb_build.kinds import BY_NAME, KINDS


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
            problems.append(Problem(SourcePos(link.relative_to(root).as_posix()), "$", _LINK.format(what=what)))
        return link is not None

    for kind in KINDS:
        if not kind.per_item:
            if linked(root / kind.path):
                continue
            if (root / kind.path).is_file():
                sources.append(Source(kind.path, kind.name))
            elif kind.required:
                problems.append(Problem(SourcePos(kind.path), "$", "filen mangler"))
            continue
        base = root / kind.path
        if linked(base):
            continue
        if not base.is_dir():
            if kind.required:
                problems.append(Problem(SourcePos(kind.path), "$", "mappen mangler"))
            continue
        for rel, entry in _entries(base, kind.path, recursive=kind.recursive):
            if entry.is_symlink():  # the folders above it are not links: _entries does not enter those
                what = "mappen" if entry.is_dir() else "filen"
                problems.append(Problem(SourcePos(rel), "$", _LINK.format(what=what)))
            elif (suffix := PurePath(entry.name).suffix) == ".yaml" and entry.is_file():
                sources.append(Source(rel, kind.name))
            elif suffix == ".yml":
                problems.append(Problem(SourcePos(rel), "$", "bruk filendelsen .yaml, ikke .yml"))
    problems.extend(_missing_requirements(root, sources))
    return sorted(sources), problems


def _missing_requirements(root: Path, sources: list[Source]) -> list[Problem]:
    """A kind that is present but needs another kind that is not (stories need the target group)."""
    present = {s.kind for s in sources}
    needed_by: dict[str, list[str]] = {}
    for kind in KINDS:
        for needed in kind.requires if kind.name in present else ():
            needed_by.setdefault(needed, []).append(kind.path)
    return [
        Problem(
            SourcePos(BY_NAME[needed].path), "$", f"filen mangler; den trengs fordi prosjektet har {' og '.join(by)}"
        )
        for needed, by in sorted(needed_by.items())
        if needed not in present and not (root / BY_NAME[needed].path).is_symlink()
    ]


_LINK = "{what} er en symbolsk lenke; kildene må ligge i selve prosjektet, så kopier innholdet inn hit"


def _entries(folder: Path, rel: str, *, recursive: bool) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry in ``folder`` (and its subfolders, if ``recursive``) with its path from the root.

    The order is that of ``sorted(folder.glob("**/*"))``: by name, each folder before its
    contents. A linked folder is listed but not entered. One directory listing per folder and no
    ``stat`` per file, which matters at thousands of recommendations.
    """
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        path = f"{rel}/{entry.name}"
        yield path, entry
        if recursive and entry.is_dir(follow_symlinks=False):
            yield from _entries(Path(entry.path), path, recursive=True)


def _first_link(root: Path, path: Path) -> Path | None:
    """The first symbolic link on the way from ``root`` to ``path``, if any."""
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            return current
    return None
