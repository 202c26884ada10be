"""Render every page and data file of the site from the index."""

from __future__ import annotations

from dataclasses import dataclass

from kb_build.nav import NavItem, build_nav
from kb_build.render import chapter, front, listing, paths, recommendation
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
    return RenderedSite(files=files, nav=build_nav(index, files))
