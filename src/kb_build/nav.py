"""The site navigation: chapters and a fixed set of top pages, never one entry per item.

Material repeats the whole navigation in every page, so a navigation that grew with the
number of recommendations would make build time and site size grow with its square.
"""

from __future__ import annotations

from kb_build.render import listing, paths
from kb_build.render.pages import FRONT, PAGES, BuiltPages
from kb_build.resolve import SiteIndex

NavItem = dict[str, "str | list[NavItem]"]


def build_nav(index: SiteIndex, built: BuiltPages) -> list[NavItem]:
    """Return the mkdocs ``nav``, listing only pages that were generated."""
    chapters: list[NavItem] = [{f"{c.nummer}. {c.kort_tittel}": paths.chapter(c)} for c in index.chapters]
    nav: list[NavItem] = [
        {built.title(FRONT): FRONT},
        {"Veilederen": chapters},
        {built.title(listing.ALL_PAGE): listing.ALL_PAGE},
        {built.title(listing.CHANGES_PAGE): listing.CHANGES_PAGE},
    ]
    sections: dict[str, list[NavItem]] = {}
    for page in PAGES:
        if page.section is not None and page.path in built:
            sections.setdefault(page.section, []).append({built.title(page.path): page.path})
    nav.extend({title: entries} for title, entries in sections.items())
    return nav
