"""The site navigation: chapters and a fixed set of top pages, never one entry per item.

Material repeats the whole navigation in every page, so a navigation that grew with the
number of recommendations would make build time and site size grow with its square.
"""

from __future__ import annotations

from collections.abc import Mapping

from kb_build.render import paths
from kb_build.resolve import SiteIndex

NavItem = dict[str, "str | list[NavItem]"]


def build_nav(index: SiteIndex, pages: Mapping[str, object]) -> list[NavItem]:
    """Return the mkdocs ``nav``, listing only pages that were generated."""
    chapters: list[NavItem] = [{f"{c.nummer}. {c.kort_tittel}": paths.chapter(c)} for c in index.chapters]
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        (
            "Verktøy",
            [
                ("Bør personen få strukturert oppfølging?", "verktoy/strukturert-oppfolging.md"),
                ("Din rolle", "roller/index.md"),
                ("Sjekklister", "sjekklister/index.md"),
            ],
        ),
        (
            "Opplæring",
            [
                ("Pasient- og brukerhistorier", "historier/index.md"),
                ("Kursopplegg", "historier/kursopplegg.md"),
            ],
        ),
        (
            "Om denne utgaven",
            [
                ("Kilde og lisens", "kilde-og-lisens.md"),
                ("Tidligere utgaver", "utgaver/index.md"),
                ("Til revisjon", "til-revisjon.md"),
                ("Egenvurdering", "egenvurdering.md"),
                ("Åpne data", "apne-data.md"),
                ("Forkortelser", "forkortelser.md"),
                ("Tilgjengelighetserklæring", "tilgjengelighet.md"),
                ("Skriv ut hele veilederen", "utskrift.md"),
            ],
        ),
        ("For redaktører", [("Feltreferanse", "feltreferanse.md")]),
    ]
    nav: list[NavItem] = [
        {"Forside": "index.md"},
        {"Veilederen": chapters},
        {"Alle anbefalinger": "anbefalinger/index.md"},
        {"Hva er endret": "endringer.md"},
    ]
    for title, entries in sections:
        present: list[NavItem] = [{label: page} for label, page in entries if page in pages]
        if present:
            nav.append({title: present})
    return nav
