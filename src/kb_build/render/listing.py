"""Pages that list recommendations: all of them with filters, and what has changed."""

from __future__ import annotations

from collections import Counter, defaultdict

from kb_build.model import KINDS, Recommendation
from kb_build.render import paths
from kb_build.render.common import STATUS_NAMES, heading, labels, status_flags
from kb_build.render.html import KIND_NAMES, badge, esc, legacy_block, norwegian_date
from kb_build.resolve import SiteIndex

ALL_PAGE = "anbefalinger/index.md"
CHANGES_PAGE = "endringer.md"
FEED = "endringer.xml"
"""The Atom feed of the changes (``render.feed``), at the site root; the theme's head link names it too."""


def render_all(index: SiteIndex) -> str:
    """Every recommendation in one list, with facet filters that work without a server.

    The filter form is in the page from the start, so the list below does not move when the
    script starts (layout shift); without JavaScript it is hidden by CSS (``kb-needs-js``) and the
    full list is shown.
    """
    recs = index.recommendations
    kind_counts = Counter(r.art for r in recs)
    strength_counts = Counter(r.styrke for r in recs if r.styrke)
    status_counts = Counter(flag for r in recs for flag in status_flags(r, index))
    chapter_counts = Counter(r.kapittel for r in recs)
    role_counts = Counter(role for r in recs for role in r.malgruppe)
    kinds = [(k, KIND_NAMES[k], kind_counts[k], k) for k in KINDS if kind_counts[k]]
    strengths = [
        (value, label, sum(strength_counts[s] for s in members), " ".join(members))
        for value, label, members in STRENGTH_FILTERS
        if any(strength_counts[s] for s in members)
    ]
    statuses = [(f, name, status_counts[f], f) for f, name in STATUS_NAMES.items() if status_counts[f]]
    chapters = [
        (str(c.nummer), f"{c.nummer}. {c.kort_tittel}", chapter_counts[c.nummer], str(c.nummer))
        for c in index.chapters
        if chapter_counts[c.nummer]
    ]
    roles = [(t.id, t.navn, role_counts[t.id], t.id) for t in index.guideline.malgrupper if role_counts[t.id]]
    all_phases = tuple(t.id for t in index.guideline.faser)
    phase_counts = Counter(p for r in recs for p in (r.fase or all_phases))
    phases = [(t.id, t.navn, phase_counts[t.id], t.id) for t in index.guideline.faser if phase_counts[t.id]]
    form = (
        '<div class="kb-filter-bar">'
        '<button type="button" class="md-button kb-filter-toggle kb-needs-js" aria-expanded="false" '
        'aria-controls="kb-filter-form">Filtrer <span class="kb-filter-active"></span></button>'
        f'<p class="kb-result-count" role="status" aria-live="polite">{len(recs)} anbefalinger</p></div>'
        '<p class="kb-no-match" hidden>Ingen anbefalinger passer alle filtrene du har valgt. '
        'Fjern et av filtrene, eller <button type="button" class="kb-link-button kb-filter-clear">nullstill alle filtre</button>.</p>'
        '<form class="kb-filters kb-needs-js" id="kb-filter-form" aria-label="Filtrer anbefalinger">'
        + _facet("styrke", "Styrke", strengths)
        + _facet("art", "Hva slags utsagn", kinds)
        + (_facet("status", "Status", statuses) if statuses else "")
        + _facet("kapittel", "Kapittel", chapters)
        + _facet("malgruppe", "Gjelder for", roles)
        + _facet("fase", "Fase i oppfølgingen", phases)
        + '<p class="kb-filter-actions"><button type="reset" class="md-button">Nullstill filtre</button></p></form>'
    )
    items = "\n".join(_item(r, index, all_phases) for r in recs)
    return "".join(
        [
            heading(1, "Alle anbefalinger"),
            legacy_block(
                "<p>Alle anbefalingene i veilederen, sortert etter kapittel, med lovkravene og eksemplene denne "
                "utgaven har lagt til, tydelig merket. Velg styrke, hva slags utsagn, status, kapittel, målgruppe "
                "eller fase for å snevre inn listen. Anbefalinger om ledelse og kvalitet på systemnivå gjelder i alle "
                "faser. Adressen i nettleseren oppdateres, så du kan dele et filtrert utvalg.</p>"
            ),
            legacy_block(form, "kb-filter-panel"),
            legacy_block(f'<ul class="kb-rec-list kb-filterable">\n{items}\n</ul>'),
        ]
    )


STRENGTH_FILTERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("krav", "Krav (skal/må)", ("skal", "må")),
    ("bør", "Bør", ("bør",)),
    ("kan", "Kan", ("kan",)),
)
"""Strength filter choices: the guideline gives «skal» and «må» the same meaning, so they are one choice."""


def _facet(name: str, legend: str, options: list[tuple[str, str, int, str]]) -> str:
    """One group of checkboxes; ``data-match`` lists the item values a choice matches (any of them)."""
    boxes = "".join(
        f'<label class="kb-facet__option"><input type="checkbox" name="{name}" value="{esc(value)}" '
        f'data-match="{esc(match)}"> {esc(label)} <span class="kb-count" data-count-for="{name}:{esc(value)}">({count})</span>'
        "</label>"
        for value, label, count, match in options
    )
    return f'<fieldset class="kb-facet"><legend>{esc(legend)}</legend>{boxes}</fieldset>'


def _item(rec: Recommendation, index: SiteIndex, all_phases: tuple[str, ...]) -> str:
    """One list row; a recommendation without a phase works on system level and belongs to every phase."""
    link = f'<a href="{paths.href(ALL_PAGE, paths.recommendation(rec))}">{esc(rec.tittel)}</a>'
    return (
        f'<li class="kb-rec-item" data-art="{esc(rec.art)}" data-styrke="{esc(rec.styrke or "")}" '
        f'data-status="{esc(" ".join(status_flags(rec, index)))}" data-kapittel="{rec.kapittel}" '
        f'data-malgruppe="{esc(" ".join(rec.malgruppe))}" data-fase="{esc(" ".join(rec.fase or all_phases))}">'
        f'{labels(rec, index)} <span class="kb-section">{esc(rec.seksjon)}</span> {link}'
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
        legacy_block(
            "<p>Endringer i denne utgaven, nyeste først. Hver anbefaling har også sin egen endringshistorikk.</p>"
        ),
        legacy_block(
            f'<p><a class="kb-feed" href="{paths.href(CHANGES_PAGE, FEED)}" type="application/atom+xml">'
            "Abonner på endringer</a> (nyhetsstrøm i Atom-format for nyhetsleseren din)</p>"
        ),
    ]
    for date in sorted(by_date, reverse=True):
        parts.append(heading(2, norwegian_date(date), f"d{date}"))
        by_text: dict[str, list[Recommendation]] = defaultdict(list)
        for rec, text in sorted(by_date[date], key=lambda pair: pair[0].section_key):
            by_text[text].append(rec)
        items = "".join(_change_item(text, recs) for text, recs in by_text.items())
        parts.append(legacy_block(f'<ul class="kb-rec-list">{items}</ul>'))
    return "".join(parts)


def _change_item(text: str, recs: list[Recommendation]) -> str:
    """One change; the same change made to several recommendations is written once, with all of them."""
    links = [
        f'{badge(rec.label)} <span class="kb-section">{esc(rec.seksjon)}</span> '
        f'<a href="{paths.href(CHANGES_PAGE, paths.recommendation(rec))}">{esc(rec.tittel)}</a>'
        for rec in recs
    ]
    if len(recs) == 1:
        return f"<li>{links[0]}: {esc(text)}</li>"
    listed = "".join(f"<li>{link}</li>" for link in links)
    return (
        f'<li><details class="kb-change-group"><summary>{esc(text)} <span class="kb-muted">({len(recs)} anbefalinger)'
        f"</span></summary><ul>{listed}</ul></details></li>"
    )
