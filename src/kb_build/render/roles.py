"""One page per reader's role: legal duties, checklists, recommendations by strength and stories.

What a role covers is data (``content/roller.yaml``): its audiences pick the recommendations,
checklists and stories, and its provisions come from the legal registry.
"""

from __future__ import annotations

from kb_build.model import Checklist, Recommendation, Role, Story
from kb_build.render import paths
from kb_build.render.common import heading, rec_list
from kb_build.render.html import Markup, block, markdown
from kb_build.render.listing import ALL_PAGE, STRENGTH_FILTERS
from kb_build.resolve import SiteIndex

INDEX_PAGE = "roller/index.md"


def page(role: Role) -> str:
    """The page of a role."""
    return f"roller/{role.id}.md"


def render_index(index: SiteIndex) -> str:
    """All roles, each with who it is for."""
    items = Markup("").join(
        Markup('<li><a class="kb-entry" href="{}">{}</a> <span class="kb-muted">{}</span></li>').format(
            paths.href(INDEX_PAGE, page(r)), r.navn, _first_sentence(r.ingress)
        )
        for r in index.roles
    )
    return heading(1, "Din rolle") + block(
        Markup(
            "<p>Velg rollen din. Hver side samler pliktene rollen har etter lov og forskrift, sjekklistene, "
            "anbefalingene etter styrke og historiene som passer.</p>"
            '<ul class="kb-entries kb-entries--wide">{}</ul>'
        ).format(items)
    )


def entries(index: SiteIndex, from_page: str) -> Markup:
    """The role buttons, as the front page shows them."""
    return Markup("").join(
        Markup('<li><a class="kb-entry" href="{}">{}</a></li>').format(paths.href(from_page, page(r)), r.navn)
        for r in index.roles
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
            block(markdown(role.ingress)),
            heading(2, "Plikter i lov og forskrift", "plikter"),
            block(_duties(role, index)),
            heading(2, "Sjekklister", "sjekklister"),
            block(_checklists(here, checklists)),
            heading(2, "Anbefalinger etter styrke", "anbefalinger"),
            block(
                Markup(
                    "<p>{} anbefalinger gjelder for {}. "
                    '<a href="{}">Se dem i Alle anbefalinger</a>, der du kan filtrere videre.</p>{}'
                ).format(len(recs), role.navn.lower(), all_href, _by_strength(here, recs, index))
            ),
            heading(2, "Historier som passer", "historier"),
            block(_stories(here, stories)),
        ]
    )


def _duties(role: Role, index: SiteIndex) -> Markup:
    items = Markup("").join(
        Markup('<li><a href="{}">{}</a> – {}. <span class="kb-muted">{}</span></li>').format(
            index.legal[k].url, index.legal[k].label, index.legal[k].tittel, index.legal[k].beskrivelse
        )
        for k in role.hjemler
    )
    out = (
        Markup('<ul class="kb-legal">{}</ul>').format(items)
        if items
        else Markup("<p>Ingen bestemmelser er knyttet til rollen.</p>")
    )
    out += Markup(
        '<p class="kb-muted">Pliktene står i loven. Beskrivelsene er forklaringer med egne ord; les bestemmelsen '
        "på Lovdata før du bygger på den.</p>"
    )
    return out + (markdown(role.merknad) if role.merknad else Markup(""))


def _checklists(here: str, checklists: list[Checklist]) -> Markup:
    if not checklists:
        return Markup(
            "<p>Det finnes ingen egen sjekkliste for denne rollen. "
            '<a href="{}">Sjekklistene for hvert steg i oppfølgingen</a> '
            "gjelder for alle.</p>"
        ).format(paths.href(here, "sjekklister/index.md"))
    items = Markup("").join(
        Markup('<li><a href="{}">{}</a> <span class="kb-muted">({} punkter)</span></li>').format(
            paths.href(here, paths.checklist(c)), c.tittel, len(c.punkter)
        )
        for c in checklists
    )
    return Markup("<ul>{}</ul>").format(items)


_OTHER_KINDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("lovkrav", "Lovkrav", ("lovkrav",)),
    ("eksempel", "Eksempler fra denne utgaven", ("eksempel",)),
)
"""After the strength groups: legal duties, then this edition's examples, each under its own heading."""


def _by_strength(here: str, recs: list[Recommendation], index: SiteIndex) -> Markup:
    parts: list[Markup] = []
    for value, label, members in (*STRENGTH_FILTERS, *_OTHER_KINDS):
        group = [r for r in recs if r.label in members]
        if group:
            parts.append(
                Markup('<h3 id="styrke-{}">{} ({})</h3>{}').format(
                    value, label, len(group), rec_list(here, group, index)
                )
            )
    return Markup("").join(parts) or Markup("<p>Ingen anbefalinger gjelder for denne rollen.</p>")


def _stories(here: str, stories: list[Story]) -> Markup:
    if not stories:
        return Markup("<p>Ingen av historiene er knyttet til denne rollen.</p>")
    items = Markup("").join(
        Markup('<li><a href="{}">{}</a><p class="kb-summary">{}</p></li>').format(
            paths.href(here, paths.story(s)), s.tittel, s.sammendrag
        )
        for s in stories
    )
    return Markup('<ul class="kb-rec-list">{}</ul>').format(items)
