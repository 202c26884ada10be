"""Pages that list recommendations: all of them with filters, and what has changed."""

from __future__ import annotations

from collections import Counter, defaultdict

from kb_build.model import STRENGTHS, Recommendation
from kb_build.render import paths
from kb_build.render.common import heading
from kb_build.render.html import badge, block, esc, norwegian_date
from kb_build.resolve import SiteIndex

ALL_PAGE = "anbefalinger/index.md"
CHANGES_PAGE = "endringer.md"


def render_all(index: SiteIndex) -> str:
    """Every recommendation in one list, with facet filters that work without a server.

    The filter form is in the page from the start, so the list below does not move when the
    script starts (layout shift); without JavaScript it is hidden by CSS (``kb-needs-js``) and the
    full list is shown.
    """
    recs = index.recommendations
    strength_counts = Counter(r.styrke for r in recs)
    chapter_counts = Counter(r.kapittel for r in recs)
    role_counts = Counter(role for r in recs for role in r.malgruppe)
    strengths = [(s, s.capitalize(), strength_counts[s]) for s in STRENGTHS if strength_counts[s]]
    chapters = [
        (str(c.nummer), f"{c.nummer}. {c.kort_tittel}", chapter_counts[c.nummer])
        for c in index.chapters
        if chapter_counts[c.nummer]
    ]
    roles = [(t.id, t.navn, role_counts[t.id]) for t in index.guideline.malgrupper if role_counts[t.id]]
    form = (
        '<form class="kb-filters kb-needs-js" aria-label="Filtrer anbefalinger">'
        + _facet("styrke", "Styrke", strengths)
        + _facet("kapittel", "Kapittel", chapters)
        + _facet("malgruppe", "Gjelder for", roles)
        + '<p><button type="reset" class="md-button">Nullstill filtre</button></p></form>'
        f'<p class="kb-result-count" role="status" aria-live="polite">{len(recs)} anbefalinger</p>'
    )
    items = "\n".join(_item(r) for r in recs)
    return "".join(
        [
            heading(1, "Alle anbefalinger"),
            block(
                "<p>Alle anbefalingene i veilederen, sortert etter kapittel. Velg styrke, kapittel eller "
                "målgruppe for å snevre inn listen. Adressen i nettleseren oppdateres, så du kan dele et filtrert utvalg.</p>"
            ),
            block(form, "kb-filter-panel"),
            block(f'<ul class="kb-rec-list kb-filterable">\n{items}\n</ul>'),
        ]
    )


def _facet(name: str, legend: str, options: list[tuple[str, str, int]]) -> str:
    boxes = "".join(
        f'<label class="kb-facet__option"><input type="checkbox" name="{name}" value="{esc(value)}"> '
        f'{esc(label)} <span class="kb-count" data-count-for="{name}:{esc(value)}">({count})</span></label>'
        for value, label, count in options
    )
    return f'<fieldset class="kb-facet"><legend>{esc(legend)}</legend>{boxes}</fieldset>'


def _item(rec: Recommendation) -> str:
    link = f'<a href="{paths.href(ALL_PAGE, paths.recommendation(rec))}">{esc(rec.tittel)}</a>'
    return (
        f'<li class="kb-rec-item" data-styrke="{esc(rec.styrke)}" data-kapittel="{rec.kapittel}" '
        f'data-malgruppe="{esc(" ".join(rec.malgruppe))}" data-fase="{esc(" ".join(rec.fase))}">'
        f'{badge(rec.styrke)} <span class="kb-section">{esc(rec.seksjon)}</span> {link}'
        f'<p class="kb-summary">{esc(rec.sammendrag)}</p></li>'
    )


def render_changes(index: SiteIndex) -> str:
    """Changes from every recommendation's history, newest first, grouped by date."""
    by_date: dict[str, list[tuple[Recommendation, str]]] = defaultdict(list)
    for rec in index.recommendations:
        for change in rec.endringer:
            by_date[change.dato].append((rec, change.beskrivelse))
    parts = [
        heading(1, "Hva er endret"),
        block("<p>Endringer i denne utgaven, nyeste først. Hver anbefaling har også sin egen endringshistorikk.</p>"),
    ]
    for date in sorted(by_date, reverse=True):
        parts.append(heading(2, norwegian_date(date), f"d{date}"))
        items = "".join(
            f'<li>{badge(rec.styrke)} <a href="{paths.href(CHANGES_PAGE, paths.recommendation(rec))}">'
            f"{esc(rec.tittel)}</a>: {esc(text)}</li>"
            for rec, text in sorted(by_date[date], key=lambda pair: pair[0].section_key)
        )
        parts.append(block(f'<ul class="kb-rec-list">{items}</ul>'))
    return "".join(parts)
