"""Checklists per role and per process step, tickable in the browser and printable."""

from __future__ import annotations

from kb_build.model import Checklist
from kb_build.render import paths
from kb_build.render.common import heading, labels
from kb_build.render.html import esc, legacy_block, markdown
from kb_build.resolve import SiteIndex

INDEX_PAGE = "sjekklister/index.md"


def render(checklist: Checklist, index: SiteIndex) -> str:
    """One checklist: each item links to its recommendation and shows its strength."""
    page = paths.checklist(checklist)
    items = []
    for item in checklist.punkter:
        rec = index.by_id[item.anbefaling]
        box = f"kb-{checklist.id}-{item.id}"
        items.append(
            f'<li class="kb-check" id="punkt-{esc(item.id)}">'
            f'<input type="checkbox" id="{esc(box)}" data-item="{esc(item.id)}">'
            f'<label for="{esc(box)}">{esc(item.tekst)}</label>'
            f'<span class="kb-check__rec">{labels(rec, index)} '
            f'<a href="{paths.href(page, paths.recommendation(rec))}">{esc(rec.seksjon)} {esc(rec.tittel)}</a></span></li>'
        )
    return "".join(
        [
            heading(1, checklist.tittel),
            legacy_block(markdown(checklist.ingress)),
            legacy_block(
                f'<p class="kb-progress" role="status" aria-live="polite" hidden>0 av {len(items)} punkter er krysset av</p>'
                '<p class="kb-actions"><button type="button" class="md-button kb-reset" hidden>Nullstill sjekklisten</button> '
                '<button type="button" class="md-button kb-print" hidden>Skriv ut</button></p>'
                f'<ul class="kb-checklist" data-checklist="{esc(checklist.id)}">{"".join(items)}</ul>'
                '<p class="kb-muted kb-privacy">Avkrysningen lagres bare i denne nettleseren på denne maskinen. '
                "Ingenting sendes noe sted.</p>"
            ),
        ]
    )


def render_index(index: SiteIndex) -> str:
    """Checklists grouped by role and by process step."""

    def group(kind: str) -> str:
        items = "".join(
            f'<li><a href="{paths.href(INDEX_PAGE, paths.checklist(c))}">{esc(c.tittel)}</a> '
            f'<span class="kb-muted">({len(c.punkter)} punkter)</span></li>'
            for c in index.checklists
            if c.type == kind
        )
        return f"<ul>{items}</ul>"

    return "".join(
        [
            heading(1, "Sjekklister"),
            legacy_block(
                "<p>Sjekklister for de viktigste rollene og for hvert steg i oppfølgingen. Hvert punkt viser til "
                "anbefalingen det bygger på. Du kan krysse av underveis; avkrysningen huskes bare i din nettleser.</p>"
            ),
            heading(2, "Per rolle", "rolle"),
            legacy_block(group("rolle")),
            heading(2, "Per steg i oppfølgingen", "prosess"),
            legacy_block(group("prosess")),
        ]
    )
