"""A library: several guidelines on one site, each under its own path, with one front page and search.

The library is declared in ``bibliotek.yaml`` (schema: ``bibliotek/bibliotek.schema.json`` beside this
module). Each guideline is built by the ordinary pipeline into ``<site>/<sti>/`` inside the new
library site; the front page and the combined search index are written last, and the whole
site is swapped in only when every guideline built. The site-folder rules of :mod:`write` hold
for the library folder as for a single guideline: kb-build replaces only what it made.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from jsonschema import Draft202012Validator

from kb_build import build as pipeline
from kb_build.config import make_config
from kb_build.errors import ConfigError, ContentError, KbError, Problem, SourcePos
from kb_build.model import Guideline
from kb_build.positions import find_node, line_col
from kb_build.validate import problems_for
from kb_build.write import check_site_dir, publish, staging
from kb_build.yamlio import Loaded, load_file

LIBRARY_FILE = "bibliotek.yaml"
"""The file that makes a folder a library."""

_ROOT_LINK = re.compile(r'((?:href|src|action)=")/(?!/)')

SCHEMA = Path(__file__).with_name("bibliotek") / "bibliotek.schema.json"


@dataclass(frozen=True)
class Shelf:
    """One guideline of the library: its project folder and the path it is published under."""

    root: Path
    sti: str


@dataclass(frozen=True)
class Library:
    """A checked ``bibliotek.yaml``."""

    root: Path
    tittel: str
    ingress: str
    shelves: tuple[Shelf, ...]


@dataclass(frozen=True)
class Built:
    """A guideline as built into the library: where it lives and what the front page says of it."""

    sti: str
    guideline: Guideline
    lenker: tuple[tuple[str, str], ...]
    """Links for the front page, (text, path in the site): only to pages and files the guideline has."""


def load_library(root: Path) -> Library:
    """Read and check ``root/bibliotek.yaml``; raise ContentError (with positions) or ConfigError."""
    root = root.resolve()
    path = root / LIBRARY_FILE
    if not path.is_file():
        raise ConfigError(f"{root} har ingen {LIBRARY_FILE}; oppgi bibliotekmappen med --root")
    loaded = load_file(path, LIBRARY_FILE)
    if isinstance(loaded, Problem):
        raise ContentError([loaded])
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    problems = problems_for(loaded, Draft202012Validator(schema))
    if problems:
        raise ContentError(problems)
    shelves = tuple(_shelves(root, loaded))
    return Library(root, loaded.data["tittel"], loaded.data["ingress"], shelves)


def _shelves(root: Path, loaded: Loaded) -> list[Shelf]:
    shelves: list[Shelf] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, entry in enumerate(loaded.data["veiledere"]):
        line, col = line_col(find_node(loaded.node, ["veiledere", i, "prosjekt"]))
        project = (root / entry["prosjekt"]).resolve()
        if not (project / "mkdocs.yml").is_file():
            problems.append(
                Problem(
                    SourcePos(LIBRARY_FILE, line, col),
                    f"$.veiledere[{i}].prosjekt",
                    f"{entry['prosjekt']} er ikke en veiledermappe (fant ingen mkdocs.yml i {project})",
                )
            )
        if entry["sti"] in seen:
            line, col = line_col(find_node(loaded.node, ["veiledere", i, "sti"]))
            problems.append(
                Problem(
                    SourcePos(LIBRARY_FILE, line, col),
                    f"$.veiledere[{i}].sti",
                    f"stien «{entry['sti']}» er brukt av en veileder lenger opp; hver veileder trenger sin egen",
                )
            )
        seen.add(entry["sti"])
        shelves.append(Shelf(project, entry["sti"]))
    if problems:
        raise ContentError(problems)
    return shelves


def build_library(root: Path, site_dir: Path | None = None, *, strict: bool = False) -> list[Built]:
    """Build every guideline of the library and its front page; replace the site only if all succeed."""
    from kb_build.render.library import library_files

    library = load_library(root)
    site = (site_dir if site_dir is not None else library.root / "site").resolve()
    check_site_dir(site, library.root)
    for shelf in library.shelves:  # refuse a site folder inside any guideline's sources before any work
        check_site_dir(site, shelf.root)
    built: list[Built] = []
    with staging(site, library.root) as (_docs, new_site):
        for shelf in library.shelves:
            result = _build_one(shelf, new_site / shelf.sti, library, strict=strict)
            assert result.index is not None  # a build that returns has an index
            built.append(Built(shelf.sti, result.index.guideline, _links(new_site, shelf.sti)))
            _rebase_not_found_page(new_site / shelf.sti, shelf.sti)
        indexes = {b.sti: _search_index(new_site / b.sti) for b in built}
        for rel, content in library_files(library.tittel, library.ingress, built, indexes).items():
            target = new_site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        publish(new_site, site)
    return built


def _build_one(shelf: Shelf, site: Path, library: Library, *, strict: bool) -> pipeline.CheckResult:
    """Build one guideline into ``site``, its pages linking back to the library; its problems are
    shown with paths from the library folder."""
    try:
        return pipeline.build(make_config(shelf.root, site, strict=strict), library=library.tittel)
    except ContentError as exc:
        prefix = Path(_relative(shelf.root, library.root))
        problems = [replace(p, pos=replace(p.pos, path=(prefix / p.pos.path).as_posix())) for p in exc.problems]
        raise ContentError(problems, note=exc.note) from exc
    except KbError as exc:
        raise type(exc)(f"veilederen i {shelf.sti}/: {exc}") from exc


LINKS = (
    ("Les veilederen", "index.html"),
    ("Åpne data", "apne-data.html"),
    ("Anbefalingene som data (JSON)", "data/anbefalinger.json"),
    ("Egenvurdering", "egenvurdering.html"),
    ("Egenvurdering som regneark (CSV)", "data/egenvurdering.csv"),
)
"""What the front page links to for each guideline, where the guideline has it."""


def _links(site: Path, sti: str) -> tuple[tuple[str, str], ...]:
    return tuple((text, f"{sti}/{path}") for text, path in LINKS if (site / sti / path).is_file())


def _rebase_not_found_page(site: Path, sti: str) -> None:
    """Point the 404 page's root-relative links (``/assets/…``) at the guideline's own path.

    A server shows 404.html for any missing address, so its links start at the site root; in a
    library the guideline's root is ``/<sti>/``.
    """
    page = site / "404.html"
    if page.is_file():
        text = _ROOT_LINK.sub(rf"\g<1>/{sti}/", page.read_text(encoding="utf-8"))
        page.write_text(text.replace('"base": "/"', f'"base": "/{sti}/"'), encoding="utf-8")


def _relative(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path, start)).as_posix()


def _search_index(site: Path) -> list[dict[str, str]]:
    """The entries of a built guideline's search index: location, title, text and the hidden search keys."""
    try:
        data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []  # a guideline built without search is listed, just not searched
    fields = ("location", "title", "text", "keys", "aliases")
    return [{f: str(d.get(f) or "") for f in fields} for d in data.get("docs", []) if isinstance(d, dict)]
