"""The table of pages: what each generated page is called, and links that can only point to built pages.

Pages are rendered first; the pages that link to optional ones (the front page, the open-data page,
the navigation) are rendered last, from :class:`BuiltPages`, so a page that is not built gets no
link, and a link to it is a build error rather than a broken link in the site.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from kb_build.errors import BuildError
from kb_build.model import Recommendation
from kb_build.render import about, checklist, glossary, listing, paths, printout, reference, roles, story, tools
from kb_build.render import editions as edition_pages
from kb_build.resolve import SiteIndex

FRONT = "index.md"


@dataclass(frozen=True)
class Page:
    """A page with a fixed place: its docs path, its title, its menu section, and a line for the front page."""

    path: str
    title: str
    section: str | None = None
    """The menu section it is listed under, in table order; None for pages the menu places itself."""
    blurb: str = ""


def decision_title(index: SiteIndex) -> str:
    """The decision aid's name, from its data."""
    return index.rules.tittel if index.rules is not None else ""


TOOLS, TRAINING, ABOUT, EDITORS = "Verktøy", "Opplæring", "Om denne utgaven", "For redaktører"

PAGES: tuple[Page, ...] = (
    Page(FRONT, "Forside"),
    Page(listing.ALL_PAGE, "Alle anbefalinger"),
    Page(listing.CHANGES_PAGE, "Hva er endret"),
    Page(
        tools.DECISION_PAGE,
        "",  # named in the data (decision_title)
        TOOLS,
        "Gå gjennom kriteriene og se hvilke rettigheter og anbefalinger som blir aktuelle.",
    ),
    Page(roles.INDEX_PAGE, "Din rolle", TOOLS),
    Page(checklist.INDEX_PAGE, "Sjekklister", TOOLS, "Lister å krysse av, for hver rolle og hvert steg."),
    Page(
        story.INDEX_PAGE,
        "Pasient- og brukerhistorier",
        TRAINING,
        "Oppdiktede historier med diskusjonsspørsmål til kurs og internopplæring.",
    ),
    Page(story.COURSE_PAGE, "Kursopplegg", TRAINING),
    Page(about.SOURCE_PAGE, "Kilde og lisens", ABOUT),
    Page(edition_pages.PAGE, "Tidligere utgaver", ABOUT),
    Page(about.REVIEW_PAGE, "Til revisjon", ABOUT),
    Page(
        about.SELF_ASSESSMENT_PAGE,
        "Egenvurdering",
        ABOUT,
        "Skjema for å vurdere egen praksis mot hver anbefaling (regneark).",
    ),
    Page(about.OPEN_DATA_PAGE, "Åpne data", ABOUT),
    Page(glossary.PAGE, "Forkortelser", ABOUT),
    Page(about.ACCESSIBILITY_PAGE, "Tilgjengelighetserklæring", ABOUT),
    Page(printout.PAGE, "Skriv ut hele veilederen", ABOUT),
    Page(reference.PAGE, "Feltreferanse", EDITORS),
)
"""Every page with a fixed place in the site; the menu lists each section's pages in this order."""

BY_PATH: dict[str, Page] = {p.path: p for p in PAGES}

FRONT_TOOLS = (tools.DECISION_PAGE, checklist.INDEX_PAGE, about.SELF_ASSESSMENT_PAGE, story.INDEX_PAGE)
"""The tools and training material the front page offers, when they are built."""


@dataclass(frozen=True)
class BuiltPages:
    """The pages and files that are built; links made here point only to them."""

    paths: frozenset[str]
    index: SiteIndex

    @classmethod
    def of(cls, files: Collection[str], index: SiteIndex) -> BuiltPages:
        """The pages among the rendered files (together with the pages about to be rendered from them)."""
        return cls(frozenset(files) | {FRONT, about.OPEN_DATA_PAGE}, index)

    def __contains__(self, path: object) -> bool:
        return path in self.paths

    def title(self, path: str) -> str:
        """A page's title from the table (the decision aid's from its data)."""
        return decision_title(self.index) if path == tools.DECISION_PAGE else BY_PATH[path].title

    def blurb(self, path: str) -> str:
        """The line about a page that the front page shows."""
        return BY_PATH[path].blurb

    def href(self, from_page: str, to_page: str, anchor: str | None = None) -> str:
        """A relative link to a built page or file; a link to anything else is a build error."""
        if to_page not in self.paths:
            raise BuildError(f"{from_page} lenker til {to_page}, som ikke bygges")
        return paths.href(from_page, to_page, anchor)

    def tools(self) -> list[str]:
        """The tools and training material that are built, for the front page."""
        return self.present(FRONT_TOOLS)

    def present(self, candidates: Collection[str]) -> list[str]:
        """The candidates that are built, in the given order."""
        return [p for p in candidates if p in self.paths]


def _as_shown(index: SiteIndex, rec: Recommendation) -> tuple[object, ...]:
    """What the pages of other recommendations show of ``rec``: its link, title, section, labels and status."""
    return (rec.id, rec.tittel, rec.kapittel, rec.seksjon, rec.label, rec.status, index.review_flags.get(rec.id))


SHOWN_WITH: tuple[tuple[str, Callable[[SiteIndex, Recommendation], Collection[str]]], ...] = (
    ("the others in its section", lambda index, rec: [r.id for r in index.in_section.get(rec.seksjon, ())]),
    ("related, either way", lambda index, rec: index.related_to.get(rec.id, ())),
)
"""Whose recommendation pages show a recommendation as :func:`_as_shown` gives it, besides its own.

Every other page that shows a recommendation renders it with a function marked
:func:`kb_build.render.reuse.per_recommendation`, from the recommendation and the shared data alone.
"""

PER_RECOMMENDATION = frozenset({"recommendations", "sources"})
"""The index fields that hold one entry per recommendation."""

CITED: tuple[
    tuple[str, Callable[[Recommendation], Collection[Hashable]], Callable[[SiteIndex], Mapping[Any, object]]], ...
] = (
    ("legal", lambda rec: rec.hjemmel, lambda index: index.legal),
    ("references", lambda rec: rec.referanser, lambda index: index.references),
    (
        "chapters",
        lambda rec: (rec.kapittel,),
        lambda index: {c.nummer: (c.nummer, c.id, c.tittel, c.kort_tittel) for c in index.chapters},
    ),
)
"""Shared entries that recommendations cite, by index field: what each recommendation cites, and the entries as
its fragments show them (a chapter by its number, names and page; a provision or reference in full).

A changed entry makes the recommendations that cite it stale. A change to any index field that is
in neither table touches every page.
"""


def affected(old: SiteIndex, new: SiteIndex) -> frozenset[str] | None:
    """The recommendations whose fragments may differ between a render of ``old`` and one of ``new``.

    ``None`` when shared data changed that is not in :data:`CITED` (stories, roles, the guideline, …):
    then every page is rendered again. Otherwise the changed, added and removed recommendations,
    those citing a changed entry of :data:`CITED`, and, for
    those whose title, section, labels or status changed, the ones that show them
    (:data:`SHOWN_WITH`), before and after the change.
    """
    cited = {name for name, _, _ in CITED}
    if any(
        getattr(old, f.name) != getattr(new, f.name)
        for f in fields(SiteIndex)
        if f.name not in PER_RECOMMENDATION | cited
    ):
        return None
    changed = {
        rec_id
        for rec_id in old.by_id.keys() | new.by_id.keys()
        if old.by_id.get(rec_id) != new.by_id.get(rec_id)
        or old.review_flags.get(rec_id) != new.review_flags.get(rec_id)
    }
    for _, cites, entries in CITED:
        was, now = entries(old), entries(new)
        if was != now:
            keys = {key for key in was.keys() | now.keys() if was.get(key) != now.get(key)}
            for index in (old, new):
                changed.update(rec.id for rec in index.recommendations if keys.intersection(cites(rec)))
    out = set(changed)
    for rec_id in changed:
        before, after = old.by_id.get(rec_id), new.by_id.get(rec_id)
        if (
            before is not None
            and after is not None
            and _as_shown(old, before) == _as_shown(new, after)
            and old.related_to.get(rec_id) == new.related_to.get(rec_id)
        ):
            continue  # shown as before, by the same pages
        for index, rec in ((old, before), (new, after)):
            if rec is not None:
                for _, shown_with in SHOWN_WITH:
                    out.update(shown_with(index, rec))
    return frozenset(out)
