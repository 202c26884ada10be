"""Preview rebuilds for ``kb-build serve`` that redo only what a save changed.

The result is the same as a full build (a test compares them file for file after a series of
edits). Each stage still sees the whole guideline, but every stage skips what the save left alone:

- check: files whose stamp did not change are not parsed and validated again;
- render: the pages and list items of a recommendation are kept from the last render unless it,
  or a recommendation its pages show, changed (:func:`kb_build.render.pages.affected` holds that
  table); any change besides the recommendations (chapters, legal registry, stories, roles, …)
  renders every page again, in memory;
- earlier editions and the draft are taken from git and checked once per commit;
- mkdocs: only pages whose generated content changed are rendered by mkdocs and written, with
  the previous build's navigation and templates. Anything that touches every page (the set of
  pages, the navigation, the data all templates get, the theme or mkdocs.yml) gives a full
  mkdocs build instead.
"""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kb_build.build import CheckResult, GeneratedSite, check, generate
from kb_build.config import Config
from kb_build.discover import Source
from kb_build.editions import keeping_checked
from kb_build.ingest import Outcome, load_and_validate
from kb_build.mkdocs_site import THEME_DIR, KeptPages, KeptStash, MkdocsRun, Rebuild, run_mkdocs
from kb_build.render.pages import affected
from kb_build.render.reuse import Fragments, reusing
from kb_build.render.search import WrittenPieces
from kb_build.resolve import SiteIndex
from kb_build.schemas import Schemas
from kb_build.write import publish, staging

Stamp = tuple[int, int, int, int]
"""What tells that a file changed: modification and change times, size and inode."""


@dataclass(frozen=True)
class _Built:
    """The last site built into the preview folder."""

    site: GeneratedSite
    frame: tuple[Stamp, ...]
    mkdocs: MkdocsRun


class Preview:
    """Builds the preview site again and again, keeping what a rebuild can reuse."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._outcomes: dict[str, tuple[Stamp, Outcome]] = {}
        self._schemas: Mapping[str, dict[str, Any]] = {}
        self._last: _Built | None = None
        self._checked_schemas: Schemas | None = None
        self._schema_files: tuple[tuple[str, Stamp], ...] = ()
        self._fragments = Fragments()
        self._stashed: KeptPages = {}
        """The pages of the last build with their blocks taken out (see :class:`KeptStash`)."""
        self._index: SiteIndex | None = None
        """The index the fragments were last rendered from; None after a failed build, so all are rendered again."""
        self._aliases: dict[str, list[str]] = {}
        """The search aliases found in each entry's text."""
        self._pieces: WrittenPieces = {}
        """The pieces of our part of the search index, with the entries they were made from."""
        self._editions: dict[str, SiteIndex | None] = {}
        """Earlier editions and the draft, checked once per commit."""

    def build(self, site_dir: Path) -> CheckResult:
        """Check and build into ``site_dir``: only the changed files when the previous build allows it."""
        config = replace(self.config, site_dir=site_dir)
        schema_files = tuple((p.name, _stamp(p)) for p in sorted(config.schema_dir.glob("*.schema.json")))
        if self._checked_schemas is None or schema_files != self._schema_files:
            self._checked_schemas, self._schema_files = Schemas(config.schema_dir), schema_files
            self._editions.clear()
        result = check(config, load=self.load, schemas=self._checked_schemas)
        last_index, self._index = self._index, None
        stale = affected(last_index, result.index) if last_index is not None and result.index is not None else None
        with reusing(self._fragments, stale), keeping_checked(self._editions):
            stash = KeptStash(self._stashed)
            self._stashed = {}  # a failed render keeps nothing
            site = generate(config, result, stash=stash)
            self._stashed = stash.kept
        if stale is None:  # the abbreviations may have changed
            self._aliases.clear()
            self._pieces.clear()
        site = replace(site, search=replace(site.search, found=self._aliases, written=self._pieces))
        frame = _frame(config)
        last, self._last = self._last, None  # a failed rebuild leaves nothing to build on
        whole = last is None or not _same_pages(last.site, site) or last.frame != frame or not site_dir.is_dir()
        if last is None or whole:
            with staging(site_dir, config.root) as (docs_dir, new_site):
                # In one process: the next rebuild starts from what this one found (search aliases,
                # fragments), which a second process would keep to itself.
                entries = run_mkdocs(
                    config.mkdocs_yml, docs_dir, new_site, site, strict=config.strict, previous=site_dir
                )
                publish(new_site, site_dir)
        else:
            unchanged = frozenset(
                path
                for path, content in site.files.items()
                if last.site.files[path] == content and last.site.blocks.get(path) == site.blocks.get(path)
            )
            with tempfile.TemporaryDirectory(prefix="kb-docs-") as docs_dir:
                rebuild = Rebuild(unchanged, last.mkdocs)
                entries = run_mkdocs(
                    config.mkdocs_yml, Path(docs_dir), site_dir, site, strict=config.strict, rebuild=rebuild
                )
        self._last = _Built(site, frame, entries)
        self._index = result.index
        _keep_heap(collect=whole or stale is None)
        return result

    def load(self, config: Config, schemas: Schemas, sources: Sequence[Source]) -> Iterator[Outcome]:
        """Load and validate like :func:`load_and_validate`, reusing the outcome for unchanged files."""
        if schemas.documents != self._schemas:
            self._outcomes.clear()
            self._schemas = schemas.documents
        root = f"{config.root}/"  # a string, not a Path: a few thousand files per save
        stamps = {s.rel: _stamp(root + s.rel) for s in sources}
        stale = [s for s in sources if self._outcomes.get(s.rel, (None,))[0] != stamps[s.rel]]
        fresh = {outcome[0].rel: outcome for outcome in load_and_validate(config, schemas, stale)}
        self._outcomes = {
            s.rel: (stamps[s.rel], fresh[s.rel] if s.rel in fresh else self._outcomes[s.rel][1]) for s in sources
        }
        for source in sources:
            yield self._outcomes[source.rel][1]


def _keep_heap(*, collect: bool) -> None:
    """Leave what this build keeps out of later garbage collections; ``collect`` first after a whole rebuild.

    The preview keeps a heap the size of the site from one save to the next; Python's full
    collections went through all of it every few saves (a tenth of a second at 2,000
    recommendations). A rebuild of a few pages drops few reference cycles among the kept objects
    (pages, fragments and indexes are trees; in a test of 40 saves, under a hundred objects a
    save), and they are collected at the next whole rebuild, which drops mkdocs' last navigation
    and pages and so collects everything first.
    """
    if collect:
        gc.unfreeze()
        gc.collect()
    gc.freeze()


def _same_pages(old: GeneratedSite, new: GeneratedSite) -> bool:
    """Whether ``new`` has the same files, navigation and template data as ``old`` (contents may differ)."""
    return (
        old.files.keys() == new.files.keys()
        and old.nav == new.nav
        and old.extra == new.extra
        and old.build_date == new.build_date
    )


def _frame(config: Config) -> tuple[Stamp, ...]:
    """Stamps of what shapes every page besides the content: mkdocs.yml and the theme overrides."""
    files = [config.mkdocs_yml, *sorted(p for p in THEME_DIR.rglob("*") if p.is_file())]
    return tuple(_stamp(p) for p in files)


def _stamp(path: Path | str) -> Stamp:
    try:
        st = os.stat(path)  # noqa: PTH116 - takes the path strings of load(); a Path per file cost more than the stat
    except OSError:
        return (0, 0, -1, 0)
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
