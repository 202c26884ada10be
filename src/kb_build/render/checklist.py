"""Checklists per role and per process step, tickable in the browser and printable."""

from __future__ import annotations

from kb_build.model import Checklist
from kb_build.render import paths
from kb_build.render.common import heading, labels
from kb_build.render.html import Markup, block, markdown
from kb_build.resolve import SiteIndex

INDEX_PAGE = "sjekklister/index.md"


def storage_keys(checklist: Checklist, index: SiteIndex) -> tuple[str, str]:
    """Where the browser keeps the ticks: per guideline, so two guidelines of a library served from one
    host never share a list; and the key used before there were libraries, read once so no reader
    loses the ticks they had."""
    return (
        f"veileder-kb:{index.guideline.tittel}:sjekkliste:{checklist.id}",
        f"veileder-kb:sjekkliste:{checklist.id}",
    )


def render(checklist: Checklist, index: SiteIndex) -> str:
    """One checklist: each item links to its recommendation and shows its strength."""
    page = paths.checklist(checklist)
    items = []
    for item in checklist.punkter:
        rec = index.by_id[item.anbefaling]
        items.append(
            Markup(
                '<li class="kb-check" id="punkt-{id}"><input type="checkbox" id="{box}" data-item="{id}">'
                '<label for="{box}">{text}</label><span class="kb-check__rec">{labels} '
                '<a href="{href}">{section} {title}</a></span></li>'
            ).format(
                id=item.id,
                box=f"kb-{checklist.id}-{item.id}",
                text=item.tekst,
                labels=labels(rec, index),
                href=paths.href(page, paths.recommendation(rec)),
                section=rec.seksjon,
                title=rec.tittel,
            )
        )
    return "".join(
        [
            heading(1, checklist.tittel),
            block(markdown(checklist.ingress)),
            block(
                Markup(
                    '<p class="kb-progress" role="status" aria-live="polite" hidden>0 av {} punkter er krysset av</p>'
                    '<p class="kb-actions"><button type="button" class="md-button kb-reset" hidden>Nullstill sjekklisten</button> '
                    '<button type="button" class="md-button kb-print kb-needs-js">Skriv ut</button></p>'
                    '<ul class="kb-checklist" data-lager="{}" data-lager-eldre="{}">{}</ul>'
                    '<p class="kb-muted kb-privacy">Avkrysningen lagres bare i denne nettleseren på denne maskinen. '
                    "Ingenting sendes noe sted.</p>"
                ).format(len(items), *storage_keys(checklist, index), Markup("").join(items))
            ),
        ]
    )


def render_index(index: SiteIndex) -> str:
    """Checklists grouped by role and by process step."""

    def group(kind: str) -> Markup:
        items = Markup("").join(
            Markup('<li><a href="{}">{}</a> <span class="kb-muted">({} punkter)</span></li>').format(
                paths.href(INDEX_PAGE, paths.checklist(c)), c.tittel, len(c.punkter)
            )
            for c in index.checklists
            if c.type == kind
        )
        return Markup("<ul>{}</ul>").format(items)

    return "".join(
        [
            heading(1, "Sjekklister"),
            block(
                Markup(
                    "<p>Sjekklister for de viktigste rollene og for hvert steg i oppfølgingen. Hvert punkt viser til "
                    "anbefalingen det bygger på. Du kan krysse av underveis; avkrysningen huskes bare i din nettleser.</p>"
                )
            ),
            heading(2, "Per rolle", "rolle"),
            block(group("rolle")),
            heading(2, "Per steg i oppfølgingen", "prosess"),
            block(group("prosess")),
        ]
    )
