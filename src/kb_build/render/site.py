"""Render every page and data file of the site from the index."""

from __future__ import annotations

from dataclasses import dataclass

from kb_build.nav import NavItem, build_nav
from kb_build.render import chapter, checklist, front, listing, paths, recommendation, story
from kb_build.resolve import SiteIndex


@dataclass(frozen=True)
class RenderedSite:
    """Generated docs (path -> content) and the navigation that orders them."""

    files: dict[str, str | bytes]
    nav: list[NavItem]


def render_site(index: SiteIndex) -> RenderedSite:
    """Render all pages; a pure function of the index."""
    files: dict[str, str | bytes] = {
        front.PAGE: front.render(index),
        listing.ALL_PAGE: listing.render_all(index),
        listing.CHANGES_PAGE: listing.render_changes(index),
    }
    for ch in index.chapters:
        files[paths.chapter(ch)] = chapter.render(ch, index)
    for rec in index.recommendations:
        files[paths.recommendation(rec)] = recommendation.render(rec, index)
    if index.stories:
        files[story.INDEX_PAGE] = story.render_index(index)
        files[story.COURSE_PAGE] = story.render_course(index)
    for s in index.stories:
        files[paths.story(s)] = story.render_participant(s, index)
        files[paths.story(s, trainer=True)] = story.render_trainer(s, index)
    if index.checklists:
        files[checklist.INDEX_PAGE] = checklist.render_index(index)
    for c in index.checklists:
        files[paths.checklist(c)] = checklist.render(c, index)
    return RenderedSite(files=files, nav=build_nav(index, files))
