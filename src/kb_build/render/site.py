"""Render every page and data file of the site from the index."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kb_build import export
from kb_build.compare import RecChange
from kb_build.model import Edition
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
    roles,
    search,
    story,
    tools,
)
from kb_build.resolve import SiteIndex


@dataclass(frozen=True)
class RenderedSite:
    """Generated docs (path -> content) and the navigation that orders them."""

    files: dict[str, str | bytes]
    nav: list[NavItem]
    search: search.SearchData


def render_site(
    index: SiteIndex,
    schemas: Mapping[str, dict[str, Any]],
    *,
    draft: tuple[Edition, tuple[RecChange, ...]] | None = None,
) -> RenderedSite:
    """Render all pages and data files; a pure function of the index, the schemas and the draft's changes.

    Pages given ``search.EXCLUDE`` stay out of Material's search index: recommendation pages, whose
    entries ``search.entries`` writes from the data, and pages that only repeat text other pages
    own (the one-page print copy, the course pack, the trainer views of the stories, the full list
    and the finder), so that a hit leads to the page that owns the text. The field reference is for
    editors, not readers, and stays out too; so do the role pages, which gather what other pages own
    (their index, with each role's name and purpose, stays in).
    """
    files: dict[str, str | bytes] = {
        front.PAGE: front.render(index),
        listing.ALL_PAGE: meta.front_matter(search=False, scripts=(meta.FILTERS,)) + listing.render_all(index),
        listing.CHANGES_PAGE: listing.render_changes(index),
        listing.FEED: feed.render(index, site_url=index.guideline.nettadresse, extra=editions.feed_entries(index)),
        tools.FINDER_PAGE: search.EXCLUDE + tools.render_finder(index),
        about.SOURCE_PAGE: about.render_source(index),
        about.REVIEW_PAGE: about.render_review(index),
        about.SELF_ASSESSMENT_PAGE: about.render_self_assessment(index),
        about.OPEN_DATA_PAGE: about.render_open_data(index),
        printout.PAGE: search.EXCLUDE + printout.render(index),
        reference.PAGE: search.EXCLUDE + reference.render(schemas),
        **export.render_exports(index),
        **{f"schema/{name}": json.dumps(doc, ensure_ascii=False, indent=2) + "\n" for name, doc in schemas.items()},
    }
    for rel, raw in index.sources.items():
        files[f"kilde/{rel}"] = raw
    if index.editions:
        files[editions.PAGE] = editions.render_page(index, with_diff=draft is not None)
    if draft is not None:
        files[editions.DIFF_PAGE] = editions.render_diff(index, *draft)
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
    for ch in index.chapters:
        files[paths.chapter(ch)] = chapter.render(ch, index)
    rec_front = meta.front_matter(search=False, scripts=(meta.CLIPBOARD,))
    for rec in index.recommendations:
        files[paths.recommendation(rec)] = rec_front + recommendation.render(rec, index)
    if index.stories:
        files[story.INDEX_PAGE] = story.render_index(index)
        files[story.COURSE_PAGE] = meta.front_matter(search=False, scripts=(meta.COURSE,)) + story.render_course(index)
    for s in index.stories:
        files[paths.story(s)] = story.render_participant(s, index)
        files[paths.story(s, trainer=True)] = search.EXCLUDE + story.render_trainer(s, index)
    if index.roles:
        files[roles.INDEX_PAGE] = roles.render_index(index)
    for role in index.roles:
        files[roles.page(role)] = search.EXCLUDE + roles.render(role, index)
    if index.checklists:
        files[checklist.INDEX_PAGE] = checklist.render_index(index)
    for c in index.checklists:
        files[paths.checklist(c)] = meta.front_matter(scripts=(meta.CHECKLIST,)) + checklist.render(c, index)
    return RenderedSite(
        files=files, nav=build_nav(index, files), search=search.SearchData(search.entries(index), index.abbreviations)
    )
