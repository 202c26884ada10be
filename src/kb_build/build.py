"""The pipeline: discover → load → validate → resolve → render → write, one line each."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from kb_build.config import Config
from kb_build.discover import Source, discover
from kb_build.errors import ContentError, Problem, is_blocking
from kb_build.ingest import Outcome, load_and_validate
from kb_build.nav import NavItem
from kb_build.resolve import SiteIndex, resolve
from kb_build.schemas import Schemas
from kb_build.write import publish, staging
from kb_build.yamlio import Loaded


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking the sources: the index (if it could be built) and all problems."""

    index: SiteIndex | None
    problems: tuple[Problem, ...]
    schemas: Schemas
    """The checked schemas, loaded once per run; the build publishes them and documents their fields."""

    def failed(self, *, strict: bool) -> bool:
        """Tell whether the problems stop the run."""
        return self.index is None or any(is_blocking(p, strict=strict) for p in self.problems)


Loader = Callable[[Config, Schemas, Sequence[Source]], Iterator[Outcome]]
"""Loads and validates sources: :func:`load_and_validate`, or the preview's version that remembers unchanged files."""


@dataclass(frozen=True)
class GeneratedSite:
    """Everything mkdocs gets from the pipeline: pages in memory, navigation, data for templates."""

    files: dict[str, str | bytes]
    blocks: dict[str, list[str]]
    """Finished HTML blocks taken out of each page, put back after Markdown (see ``stash_blocks``)."""
    nav: list[NavItem]
    extra: dict[str, Any]
    search: list[dict[str, str | float]]
    build_date: date


def check(config: Config, load: Loader = load_and_validate, schemas: Schemas | None = None) -> CheckResult:
    """Run every stage that reads and checks content; write nothing. ``schemas``: already loaded and checked."""
    schemas = schemas or Schemas(config.schema_dir)  # reports a broken schema before any work starts
    sources, problems = discover(config.root)
    docs: dict[str, list[Loaded]] = defaultdict(list)
    failed_recs: list[str] = []
    for source, loaded, found in load(config, schemas, sources):
        problems.extend(found)
        if isinstance(loaded, Loaded) and not found:
            docs[source.kind].append(loaded)
        elif source.kind == "anbefaling":
            failed_recs.append(source.rel)
    index, cross = resolve(docs, failed_recommendations=failed_recs)
    return CheckResult(index, tuple(sorted([*problems, *cross])), schemas)


def build(config: Config) -> CheckResult:
    """Check, render and publish the site; ``site/`` changes only if everything succeeds."""
    # Imported here, not at the top: `kb-build check` (run on every save and commit) never
    # renders, and mkdocs, Markdown and the renderers are a third of its start-up time.
    from kb_build.mkdocs_site import run_mkdocs

    result = check(config)
    site = generate(config, result)
    with staging(config.site_dir) as (docs_dir, new_site):
        run_mkdocs(config.mkdocs_yml, docs_dir, new_site, site, strict=config.strict)
        publish(new_site, config.site_dir)
    return result


def generate(config: Config, result: CheckResult) -> GeneratedSite:
    """Render every page and data file of a checked project; raise ContentError if the check failed."""
    from kb_build.export import metadata
    from kb_build.mkdocs_site import stash_blocks
    from kb_build.render.site import render_site

    if result.failed(strict=config.strict) or result.index is None:
        raise ContentError(result.problems)
    index = result.index
    if config.edit_url:
        index = replace(index, guideline=replace(index.guideline, redigeringslenke=config.edit_url))
    rendered = render_site(index, result.schemas.documents)
    files, blocks = stash_blocks(rendered.files)
    return GeneratedSite(
        files=files,
        blocks=blocks,
        nav=rendered.nav,
        extra=metadata(result.index),
        search=rendered.search,
        build_date=result.index.last_changed,
    )
