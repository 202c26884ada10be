"""The pipeline: discover → load → validate → resolve → render → write, one line each."""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from kb_build.config import Config, site_url
from kb_build.discover import Source, discover
from kb_build.errors import ContentError, Problem, is_blocking
from kb_build.ingest import Outcome, load_and_validate
from kb_build.messages import review_summary
from kb_build.resolve import SiteIndex, resolve
from kb_build.schemas import Schemas
from kb_build.write import check_site_dir, publish, staging
from kb_build.yamlio import Loaded

if TYPE_CHECKING:  # the renderers are imported only when a site is built
    from kb_build.mkdocs_site import BlockStash
    from kb_build.nav import NavItem
    from kb_build.render.search import SearchData
    from kb_build.render.site import Content


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

    files: dict[str, Content]
    blocks: dict[str, list[bytes]]
    """Finished HTML blocks taken out of each page, compressed, put back after Markdown (see ``BlockStash``)."""
    nav: list[NavItem]
    extra: dict[str, Any]
    search: SearchData
    build_date: date
    index: SiteIndex
    """The index the pages were rendered from, as the build completed it (edit link, site address)."""


def check(
    config: Config,
    load: Loader = load_and_validate,
    schemas: Schemas | None = None,
    discovered: tuple[list[Source], list[Problem]] | None = None,
) -> CheckResult:
    """Run every stage that reads and checks content; write nothing.

    ``schemas``: already loaded and checked; ``discovered``: what :func:`discover` found, if it has run.
    """
    schemas = schemas or Schemas(config.schema_dir)  # reports a broken schema before any work starts
    sources, problems = discovered or discover(config.root)
    with _collector_paused():
        return _check(load(config, schemas, sources), schemas, problems)


def _check(outcomes: Iterator[Outcome], schemas: Schemas, problems: list[Problem]) -> CheckResult:
    docs: dict[str, list[Loaded]] = defaultdict(list)
    failed: dict[str, list[Loaded | Source]] = defaultdict(list)
    for source, loaded, found in outcomes:
        problems.extend(found)
        if isinstance(loaded, Loaded) and not found:
            docs[source.kind].append(loaded)
        else:
            failed[source.kind].append(loaded if isinstance(loaded, Loaded) else source)
    index, cross = resolve(
        docs,
        failed_recommendations=[f.path if isinstance(f, Loaded) else f.rel for f in failed["anbefaling"]],
        failed_chapters=[_chapter_number(f) for f in failed["kapittel"]],
        failed_kinds=set(failed) - {"anbefaling"},
    )
    return CheckResult(index, tuple(sorted([*problems, *cross])), schemas)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the sources are loaded and resolved, and resume it after.

    Loading creates hundreds of thousands of small dicts, lists and YAML nodes that all stay
    alive, so every collection in the meantime searches them for garbage and finds none (the
    data are trees): a tenth of ``kb-build check``'s time at 2,000 recommendations.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _chapter_number(failed: Loaded | Source) -> int | None:
    """The number of a chapter file with errors: from its data if it parsed, else from its name."""
    number = failed.data.get("nummer") if isinstance(failed, Loaded) else None
    if isinstance(number, int):
        return number
    digits = re.search(r"([0-9]+)\.yaml$", failed.path if isinstance(failed, Loaded) else failed.rel)
    return int(digits[1]) if digits else None


def build(config: Config, *, banner: dict[str, Any] | None = None, library: str | None = None) -> CheckResult:
    """Check, render and publish the site; ``site/`` changes only if everything succeeds.

    ``banner`` is set when this is an earlier edition being built for the current one's site:
    its pages then say so, and it does not build editions of its own. ``library`` is the title of
    the library the guideline is built into: every page then links back to the library's front page.
    """
    # Imported here, not at the top: `kb-build check` (run on every save and commit) never
    # renders, and mkdocs, Markdown and the renderers are a third of its start-up time.
    from kb_build.editions import build_earlier, publish_into
    from kb_build.mkdocs_site import run_mkdocs
    from kb_build.second_process import worth_sharing

    check_site_dir(config.site_dir, config.root)  # before any work: refuse a folder that is not ours
    result = check(config)
    share = result.index is not None and worth_sharing(len(result.index.recommendations))
    site = generate(config, result, banner=banner, later=share)
    if library is not None:
        site = replace(site, extra=site.extra | {"bibliotek": {"tittel": library}})
    earlier = build_earlier(config, site.index) if banner is None else []
    with staging(config.site_dir, config.root) as (docs_dir, new_site):
        run_mkdocs(
            config.mkdocs_yml, docs_dir, new_site, site, strict=config.strict, share=share, previous=config.site_dir
        )
        publish_into(new_site, earlier)
        publish(new_site, config.site_dir)
    return result


def generate(
    config: Config,
    result: CheckResult,
    *,
    banner: dict[str, Any] | None = None,
    stash: BlockStash | None = None,
    later: bool = False,
) -> GeneratedSite:
    """Render every page and data file of a checked project; raise ContentError if the check failed.

    ``stash`` takes the finished HTML blocks out of the pages as they are rendered: a new
    :class:`kb_build.mkdocs_site.BlockStash` by default, or the preview's, which keeps unchanged pages.
    With ``later``, the largest files are rendered when mkdocs reads them (see ``render_site``).
    """
    from kb_build.editions import draft_changes, previous_changes
    from kb_build.export import theme_data
    from kb_build.mkdocs_site import BlockStash
    from kb_build.render.redirects import redirect_pages
    from kb_build.render.responses import Consultation
    from kb_build.render.site import render_site

    if result.failed(strict=config.strict) or result.index is None:
        raise ContentError(result.problems)
    index = result.index
    if config.fail_on_review and index.review_flags:
        raise ContentError(result.problems, note=review_summary(index))
    if config.edit_url:
        index = replace(index, guideline=replace(index.guideline, redigeringslenke=config.edit_url))
    index = replace(index, guideline=replace(index.guideline, nettadresse=site_url(config.mkdocs_yml)))
    if banner is not None:  # the editions of the site it is part of are listed there, not here
        index = replace(index, editions=())
    draft = draft_changes(config, index) if banner is None else None
    since = previous_changes(config, index) if banner is None else None
    consultation = Consultation.from_banner(banner, index.guideline.tittel)
    stash = stash if stash is not None else BlockStash()
    rendered = render_site(
        index,
        result.schemas.documents,
        draft=draft,
        consultation=consultation,
        since=since,
        finish=stash.keep,
        later=later,
    )
    files = stash.files({**rendered.files, **redirect_pages(index, rendered.files)})
    return GeneratedSite(
        files=files,
        blocks=stash.blocks,
        nav=rendered.nav,
        extra=theme_data(result.index) | ({"utgave": banner} if banner else {}),
        search=rendered.search,
        build_date=result.index.last_changed,
        index=index,
    )
