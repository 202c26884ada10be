"""Render every page and data file of the site from the index."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from itertools import chain
from typing import Any, TypeVar

from kb_build import export
from kb_build.compare import RecChange
from kb_build.model import Chapter, Checklist, Edition, Recommendation
from kb_build.nav import NavItem, build_nav
from kb_build.render import (
    about,
    chapter,
    checklist,
    editions,
    feed,
    front,
    glossary,
    listing,
    meta,
    paths,
    printout,
    recommendation,
    reference,
    responses,
    roles,
    search,
    story,
    tools,
)
from kb_build.render.pages import BuiltPages
from kb_build.render.reuse import Resumed, converting_once
from kb_build.resolve import SiteIndex

T = TypeVar("T")

Text = str | Iterable[str]
"""A rendered file, whole or in parts (the largest page is rendered one part at a time)."""

Finish = Callable[[str, Text], str | bytes]
"""What becomes of a rendered file (docs path, text) in the files a site is made of."""


class Later:
    """A file of the site that is rendered when it is first read, not when the site is.

    The build renders the recommendation pages, the print copy and the data files this way, so
    that they are rendered by whichever process writes them when a build shares its work between
    two (see ``kb_build.mkdocs_site``). It continues the rendering it belongs to (see
    :class:`~kb_build.render.reuse.Resumed`).
    """

    __slots__ = ("_render", "_rendering")

    def __init__(self, render: Callable[[], str | bytes]) -> None:
        self._render = render
        self._rendering = Resumed()

    def __call__(self) -> str | bytes:
        with self._rendering.again():
            return self._render()


Content = str | bytes | Later
"""A file of the site as rendered, or to be rendered when it is read."""


def as_rendered(path: str, text: Text) -> str:
    """Keep a rendered file as it is, whole."""
    return text if isinstance(text, str) else "".join(text)


@dataclass(frozen=True)
class RenderedSite:
    """Generated docs (path -> content) and the navigation that orders them."""

    files: dict[str, Content]
    nav: list[NavItem]
    search: search.SearchData


def render_site(
    index: SiteIndex,
    schemas: Mapping[str, dict[str, Any]],
    *,
    draft: tuple[Edition, tuple[RecChange, ...]] | None = None,
    consultation: responses.Consultation | None = None,
    since: tuple[Edition, tuple[RecChange, ...]] | None = None,
    finish: Finish = as_rendered,
    later: bool = False,
) -> RenderedSite:
    """Render all pages and data files; a pure function of the index, the schemas and the draft's changes.

    ``since`` is the previous edition and what the current one changed: each changed recommendation's
    page ends with its diff, and one page lists them all. ``consultation`` is set when this site is the consultation draft: its recommendation and chapter
    pages then end with a response form, and «Mine høringssvar» gathers the comments.

    Pages given ``search.EXCLUDE`` stay out of Material's search index: recommendation pages, whose
    entries ``search.entries`` writes from the data, and pages that only repeat text other pages
    own (the one-page print copy, the course pack, the trainer views of the stories, the full list
    and the finder), so that a hit leads to the page that owns the text. The field reference is for
    editors, not readers, and stays out too; so do the role pages, which gather what other pages own
    (their index, with each role's name and purpose, stays in). Within the pages search reads, the
    lists of recommendations (a chapter's cards, the dated changes, the revision list) are blocks
    search leaves out (``block(searched=False)``).

    ``finish`` turns each recommendation page, the print copy and the exports, as soon as they are
    rendered, into the form the caller keeps (the build stashes HTML blocks and encodes the rest),
    so a large site is never held whole as rendered. With ``later``, those files are :class:`Later`:
    rendered, and finished, when they are read.
    """

    def keep(path: str, render: Callable[[], Text]) -> Content:
        return Later(lambda: finish(path, render())) if later else finish(path, render())

    with converting_once():
        return _render(index, schemas, draft=draft, consultation=consultation, since=since, finish=finish, keep=keep)


Keep = Callable[[str, Callable[[], Text]], Content]
"""Render a large file (docs path, renderer) and finish it, now or :class:`Later`."""


def _render(
    index: SiteIndex,
    schemas: Mapping[str, dict[str, Any]],
    *,
    draft: tuple[Edition, tuple[RecChange, ...]] | None,
    consultation: responses.Consultation | None,
    since: tuple[Edition, tuple[RecChange, ...]] | None,
    finish: Finish,
    keep: Keep,
) -> RenderedSite:
    files: dict[str, Content] = {
        printout.PAGE: keep(printout.PAGE, lambda: chain((search.EXCLUDE,), printout.render(index))),  # largest: first
        listing.ALL_PAGE: keep(
            listing.ALL_PAGE,
            lambda: meta.front_matter(search=False, scripts=(meta.FILTERS,)) + listing.render_all(index),
        ),
        listing.CHANGES_PAGE: keep(listing.CHANGES_PAGE, lambda: listing.render_changes(index)),
        listing.FEED: keep(
            listing.FEED,
            lambda: feed.render(index, site_url=index.guideline.nettadresse, extra=editions.feed_entries(index)),
        ),
        tools.FINDER_PAGE: keep(tools.FINDER_PAGE, lambda: search.EXCLUDE + tools.render_finder(index)),
        about.SOURCE_PAGE: about.render_source(index),
        about.REVIEW_PAGE: keep(about.REVIEW_PAGE, lambda: about.render_review(index)),
        about.SELF_ASSESSMENT_PAGE: about.render_self_assessment(index),
        reference.PAGE: keep(reference.PAGE, lambda: search.EXCLUDE + reference.render(schemas)),
        export.RECOMMENDATIONS: keep(export.RECOMMENDATIONS, lambda: export.recommendations_json(index)),
        **export.render_exports(index),
        **{f"schema/{name}": json.dumps(doc, ensure_ascii=False, indent=2) + "\n" for name, doc in schemas.items()},
    }
    for path, content in files.items():  # the exports are large too: kept before more is rendered
        if isinstance(content, str):
            files[path] = finish(path, content)
    for rel, raw in index.sources.items():
        files[f"kilde/{rel}"] = raw
    if index.editions:
        files[editions.PAGE] = editions.render_page(index, with_diff=draft is not None, since=since is not None)
    if draft is not None:
        files[editions.DIFF_PAGE] = keep(editions.DIFF_PAGE, lambda: editions.render_diff(index, *draft))
    if index.accessibility is not None:
        files[about.ACCESSIBILITY_PAGE] = about.render_accessibility(
            index.accessibility, about.issue_list(index.guideline.redigeringslenke)
        )
    if index.abbreviations:
        files[glossary.PAGE] = glossary.render(index.abbreviations)
    if index.rules is not None:
        files[tools.DECISION_PAGE] = meta.front_matter(scripts=(meta.CLIPBOARD, meta.DECISION)) + tools.render_decision(
            index.rules, index
        )
    form = (consultation, responses.schema_of(schemas)) if consultation is not None else None
    for ch in index.chapters:
        files[paths.chapter(ch)] = keep(paths.chapter(ch), partial(_chapter_page, ch, index, form))
    _add_recommendations(files, index, form, since, keep)
    if since is not None:
        files[editions.EDITION_DIFF_PAGE] = keep(
            editions.EDITION_DIFF_PAGE, lambda: editions.render_edition_diff(index, *since)
        )
    if form is not None:
        files[responses.PAGE] = search.EXCLUDE + responses.render_page(*form)
    if index.stories:
        files[story.INDEX_PAGE] = story.render_index(index)
        files[story.COURSE_PAGE] = keep(
            story.COURSE_PAGE,
            lambda: meta.front_matter(search=False, scripts=(meta.COURSE,)) + story.render_course(index),
        )
    for s in index.stories:
        files[paths.story(s)] = keep(paths.story(s), partial(story.render_participant, s, index))
        files[paths.story(s, trainer=True)] = keep(
            paths.story(s, trainer=True), partial(_excluded, story.render_trainer, s, index)
        )
    if index.roles:
        files[roles.INDEX_PAGE] = roles.render_index(index)
    for role in index.roles:
        files[roles.page(role)] = keep(roles.page(role), partial(_excluded, roles.render, role, index))
    if index.checklists:
        files[checklist.INDEX_PAGE] = checklist.render_index(index)
    for c in index.checklists:
        files[paths.checklist(c)] = keep(paths.checklist(c), partial(_checklist_page, c, index))
    # Last, from the pages built so far: the pages that link to optional ones, and the menu.
    built = BuiltPages.of(files, index)
    files[front.PAGE] = front.render(index, built)
    files[about.OPEN_DATA_PAGE] = about.render_open_data(index, built)
    return RenderedSite(files=files, nav=build_nav(index, built), search=search.SearchData(index))


def _add_recommendations(
    files: dict[str, Content],
    index: SiteIndex,
    consultation: tuple[responses.Consultation, Mapping[str, Any]] | None,
    since: tuple[Edition, tuple[RecChange, ...]] | None,
    keep: Keep,
) -> None:
    """Add each recommendation's page, whole (with its diff and its response form), as ``keep`` keeps it."""
    front = meta.front_matter(search=False, scripts=(meta.CLIPBOARD,))
    links = recommendation.section_links(index)
    changes: dict[str, list[RecChange]] = defaultdict(list)
    for change in since[1] if since is not None else ():
        if change.kind != "fjernet":
            changes[change.id].append(change)

    def page_of(rec: Recommendation) -> str:
        parts = [front, recommendation.render(rec, index, links)]
        if since is not None:
            parts += [editions.render_rec_changes(index, since[0], change) for change in changes.get(rec.id, ())]
        if consultation is not None:
            form, schema = consultation
            title = f"{rec.seksjon} {rec.tittel}"
            parts.append(responses.recommendation_section(form, schema, paths.recommendation(rec), rec.id, title))
        return "".join(parts)

    for rec in index.recommendations:
        files[paths.recommendation(rec)] = keep(paths.recommendation(rec), partial(page_of, rec))


def _chapter_page(ch: Chapter, index: SiteIndex, form: tuple[responses.Consultation, Mapping[str, Any]] | None) -> str:
    """A chapter's page; in the consultation draft, ending with its response form."""
    page = chapter.render(ch, index)
    if form is None:
        return page
    title = f"Kapittel {ch.nummer}: {ch.tittel}"
    return page + responses.chapter_section(*form, paths.chapter(ch), ch.id, title)


def _excluded(render: Callable[[T, SiteIndex], str], item: T, index: SiteIndex) -> str:
    """A page that Material's search leaves out (see :func:`render_site`)."""
    return search.EXCLUDE + render(item, index)


def _checklist_page(c: Checklist, index: SiteIndex) -> str:
    return meta.front_matter(scripts=(meta.CHECKLIST,)) + checklist.render(c, index)
