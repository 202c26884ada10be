"""One page per reader's role: legal duties, checklists, recommendations by strength and stories.

What a role covers is data (``content/roller.yaml``): its audiences pick the recommendations,
checklists and stories, and its provisions come from the legal registry.
"""

from __future__ import annotations

from kb_build.model import Checklist, Recommendation, Role, Story
from kb_build.render import paths
from kb_build.render.common import heading, rec_list
from kb_build.render.html import esc, legacy_block, markdown
from kb_build.render.listing import ALL_PAGE, STRENGTH_FILTERS
from kb_build.resolve import SiteIndex

INDEX_PAGE = "roller/index.md"


def page(role: Role) -> str:
    """The page of a role."""
    return f"roller/{role.id}.md"


def render_index(index: SiteIndex) -> str:
    """All roles, each with who it is for."""
    items = "".join(
        f'<li><a class="kb-entry" href="{paths.href(INDEX_PAGE, page(r))}">{esc(r.navn)}</a> '
        f'<span class="kb-muted">{esc(_first_sentence(r.ingress))}</span></li>'
        for r in index.roles
    )
    return heading(1, "Din rolle") + legacy_block(
        "<p>Velg rollen din. Hver side samler pliktene rollen har etter lov og forskrift, sjekklistene, "
        "anbefalingene etter styrke og historiene som passer.</p>"
        f'<ul class="kb-entries kb-entries--wide">{items}</ul>'
    )


def entries(index: SiteIndex, from_page: str) -> str:
    """The role buttons, as the front page shows them."""
    return "".join(
        f'<li><a class="kb-entry" href="{paths.href(from_page, page(r))}">{esc(r.navn)}</a></li>' for r in index.roles
    )


def _first_sentence(text: str) -> str:
    head, dot, _ = text.strip().partition(". ")
    return head + (dot.strip() or "")


def render(role: Role, index: SiteIndex) -> str:
    """The page of one role."""
    here = page(role)
    audiences = set(role.malgrupper)
    recs = [r for r in index.recommendations if audiences & set(r.malgruppe)]
    checklists = [c for c in index.checklists if c.rolle in audiences]
    stories = [s for s in index.stories if audiences & set(s.roller)]
    all_href = f"{paths.href(here, ALL_PAGE)}?malgruppe={','.join(role.malgrupper)}"
    return "".join(
        [
            heading(1, role.navn),
            legacy_block(markdown(role.ingress)),
            heading(2, "Plikter i lov og forskrift", "plikter"),
            legacy_block(_duties(role, index)),
            heading(2, "Sjekklister", "sjekklister"),
            legacy_block(_checklists(here, checklists)),
            heading(2, "Anbefalinger etter styrke", "anbefalinger"),
            legacy_block(
                f"<p>{len(recs)} anbefalinger gjelder for {esc(role.navn.lower())}. "
                f'<a href="{all_href}">Se dem i Alle anbefalinger</a>, der du kan filtrere videre.</p>'
                + _by_strength(here, recs, index)
            ),
            heading(2, "Historier som passer", "historier"),
            legacy_block(_stories(here, stories)),
        ]
    )


def _duties(role: Role, index: SiteIndex) -> str:
    items = "".join(
        f'<li><a href="{esc(index.legal[k].url)}">{esc(index.legal[k].label)}</a> – {esc(index.legal[k].tittel)}. '
        f'<span class="kb-muted">{esc(index.legal[k].beskrivelse)}</span></li>'
        for k in role.hjemler
    )
    out = f'<ul class="kb-legal">{items}</ul>' if items else "<p>Ingen bestemmelser er knyttet til rollen.</p>"
    out += (
        '<p class="kb-muted">Pliktene står i loven. Beskrivelsene er forklaringer med egne ord; les bestemmelsen '
        "på Lovdata før du bygger på den.</p>"
    )
    return out + (str(markdown(role.merknad)) if role.merknad else "")


def _checklists(here: str, checklists: list[Checklist]) -> str:
    if not checklists:
        return (
            "<p>Det finnes ingen egen sjekkliste for denne rollen. "
            f'<a href="{paths.href(here, "sjekklister/index.md")}">Sjekklistene for hvert steg i oppfølgingen</a> '
            "gjelder for alle.</p>"
        )
    items = "".join(
        f'<li><a href="{paths.href(here, paths.checklist(c))}">{esc(c.tittel)}</a> '
        f'<span class="kb-muted">({len(c.punkter)} punkter)</span></li>'
        for c in checklists
    )
    return f"<ul>{items}</ul>"


_OTHER_KINDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("lovkrav", "Lovkrav", ("lovkrav",)),
    ("eksempel", "Eksempler fra denne utgaven", ("eksempel",)),
)
"""After the strength groups: legal duties, then this edition's examples, each under its own heading."""


def _by_strength(here: str, recs: list[Recommendation], index: SiteIndex) -> str:
    parts = []
    for value, label, members in (*STRENGTH_FILTERS, *_OTHER_KINDS):
        group = [r for r in recs if r.label in members]
        if group:
            parts.append(f'<h3 id="styrke-{esc(value)}">{esc(label)} ({len(group)})</h3>{rec_list(here, group, index)}')
    return "".join(parts) or "<p>Ingen anbefalinger gjelder for denne rollen.</p>"


def _stories(here: str, stories: list[Story]) -> str:
    if not stories:
        return "<p>Ingen av historiene er knyttet til denne rollen.</p>"
    items = "".join(
        f'<li><a href="{paths.href(here, paths.story(s))}">{esc(s.tittel)}</a>'
        f'<p class="kb-summary">{esc(s.sammendrag)}</p></li>'
        for s in stories
    )
    return f'<ul class="kb-rec-list">{items}</ul>'
