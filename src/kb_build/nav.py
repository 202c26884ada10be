"""The site navigation: chapters and a fixed set of top pages, never one entry per item.

Material repeats the whole navigation in every page, so a navigation that grew with the
number of recommendations would make build time and site size grow with its square.
"""

from __future__ import annotations

from kb_build.render import about, checklist, glossary, listing, paths, printout, reference, roles, story, tools
from kb_build.render import editions as edition_pages
from kb_build.render.pages import FRONT, BuiltPages
from kb_build.resolve import SiteIndex

NavItem = dict[str, "str | list[NavItem]"]


SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Verktøy", (tools.DECISION_PAGE, roles.INDEX_PAGE, checklist.INDEX_PAGE)),
    ("Opplæring", (story.INDEX_PAGE, story.COURSE_PAGE)),
    (
        "Om denne utgaven",
        (
            about.SOURCE_PAGE,
            edition_pages.PAGE,
            about.REVIEW_PAGE,
            about.SELF_ASSESSMENT_PAGE,
            about.OPEN_DATA_PAGE,
            glossary.PAGE,
            about.ACCESSIBILITY_PAGE,
            printout.PAGE,
        ),
    ),
    ("For redaktører", (reference.PAGE,)),
)
"""The menu's sections and their pages, titled from the table of pages; a page that is not built is left out."""


def build_nav(index: SiteIndex, built: BuiltPages) -> list[NavItem]:
    """Return the mkdocs ``nav``, listing only pages that were generated."""
    chapters: list[NavItem] = [{f"{c.nummer}. {c.kort_tittel}": paths.chapter(c)} for c in index.chapters]
    nav: list[NavItem] = [
        {built.title(FRONT): FRONT},
        {"Veilederen": chapters},
        {built.title(listing.ALL_PAGE): listing.ALL_PAGE},
        {built.title(listing.CHANGES_PAGE): listing.CHANGES_PAGE},
    ]
    for title, entries in SECTIONS:
        present: list[NavItem] = [{built.title(page): page} for page in built.present(entries)]
        if present:
            nav.append({title: present})
    return nav
