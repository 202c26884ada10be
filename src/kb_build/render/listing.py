"""Pages that list recommendations: all of them with filters, and what has changed."""

from __future__ import annotations

from collections import Counter, defaultdict

from kb_build.model import KINDS, Recommendation
from kb_build.render import paths
from kb_build.render.common import STATUS_NAMES, heading, labels, status_flags
from kb_build.render.html import KIND_NAMES, Markup, badge, block, html_heading, norwegian_date
from kb_build.render.reuse import per_recommendation
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
    form = Markup(
        '<div class="kb-filter-bar">'
        '<button type="button" class="md-button kb-filter-toggle kb-needs-js" aria-expanded="false" '
        'aria-controls="kb-filter-form">Filtrer <span class="kb-filter-active"></span></button>'
        '<p class="kb-result-count" role="status" aria-live="polite">{} anbefalinger</p></div>'
        '<p class="kb-no-match" hidden>Ingen anbefalinger passer alle filtrene du har valgt. '
        'Fjern et av filtrene, eller <button type="button" class="kb-link-button kb-filter-clear">nullstill alle filtre</button>.</p>'
        '<form class="kb-filters kb-needs-js" id="kb-filter-form" aria-label="Filtrer anbefalinger">'
        "{}{}{}{}{}{}"
        '<p class="kb-filter-actions"><button type="reset" class="md-button">Nullstill filtre</button></p></form>'
    ).format(
        len(recs),
        _facet("styrke", "Styrke", strengths),
        _facet("art", "Hva slags utsagn", kinds),
        _facet("status", "Status", statuses) if statuses else Markup(""),
        _facet("kapittel", "Kapittel", chapters),
        _facet("malgruppe", "Gjelder for", roles),
        _facet("fase", "Fase i oppfølgingen", phases),
    )
    items = Markup("\n").join(_item(r, index, all_phases) for r in recs)
    return "".join(
        [
            heading(1, "Alle anbefalinger"),
            block(
                Markup(
                    "<p>Alle anbefalingene i veilederen, sortert etter kapittel, med lovkravene og eksemplene denne "
                    "utgaven har lagt til, tydelig merket. Velg styrke, hva slags utsagn, status, kapittel, målgruppe "
                    "eller fase for å snevre inn listen. Anbefalinger om ledelse og kvalitet på systemnivå gjelder i alle "
                    "faser. Adressen i nettleseren oppdateres, så du kan dele et filtrert utvalg.</p>"
                )
            ),
            block(form, "kb-filter-panel"),
            block(Markup('<ul class="kb-rec-list kb-filterable">\n{}\n</ul>').format(items)),
        ]
    )


STRENGTH_FILTERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("krav", "Krav (skal/må)", ("skal", "må")),
    ("bør", "Bør", ("bør",)),
    ("kan", "Kan", ("kan",)),
)
"""Strength filter choices: the guideline gives «skal» and «må» the same meaning, so they are one choice."""


def _facet(name: str, legend: str, options: list[tuple[str, str, int, str]]) -> Markup:
    """One group of checkboxes; ``data-match`` lists the item values a choice matches (any of them)."""
    boxes = Markup("").join(
        Markup(
            '<label class="kb-facet__option"><input type="checkbox" name="{0}" value="{1}" '
            'data-match="{2}"> {3} <span class="kb-count" data-count-for="{0}:{1}">({4})</span>'
            "</label>"
        ).format(name, value, match, label, count)
        for value, label, count, match in options
    )
    return Markup('<fieldset class="kb-facet"><legend>{}</legend>{}</fieldset>').format(legend, boxes)


@per_recommendation
def _item(rec: Recommendation, index: SiteIndex, all_phases: tuple[str, ...]) -> Markup:
    """One list row; a recommendation without a phase works on system level and belongs to every phase."""
    link = Markup('<a href="{}">{}</a>').format(paths.href(ALL_PAGE, paths.recommendation(rec)), rec.tittel)
    return Markup(
        '<li class="kb-rec-item" data-art="{}" data-styrke="{}" '
        'data-status="{}" data-kapittel="{}" '
        'data-malgruppe="{}" data-fase="{}">'
        '{} <span class="kb-section">{}</span> {}'
        '<p class="kb-summary">{}</p></li>'
    ).format(
        rec.art,
        rec.styrke or "",
        " ".join(status_flags(rec, index)),
        rec.kapittel,
        " ".join(rec.malgruppe),
        " ".join(rec.fase or all_phases),
        labels(rec, index),
        rec.seksjon,
        link,
        rec.sammendrag,
    )


def render_changes(index: SiteIndex) -> str:
    """Changes from every recommendation's history, newest first, grouped by date."""
    by_date: dict[str, list[tuple[Recommendation, str]]] = defaultdict(list)
    for rec in index.recommendations:
        for change in rec.endringer:
            by_date[change.dato].append((rec, change.beskrivelse))
    parts = [
        heading(1, "Hva er endret"),
        block(
            Markup(
                "<p>Endringer i denne utgaven, nyeste først. Hver anbefaling har også sin egen endringshistorikk.</p>"
            )
        ),
        block(
            Markup(
                '<p><a class="kb-feed" href="{}" type="application/atom+xml">'
                "Abonner på endringer</a> (nyhetsstrøm i Atom-format for nyhetsleseren din)</p>"
            ).format(paths.href(CHANGES_PAGE, FEED))
        ),
    ]
    for date in sorted(by_date, reverse=True):  # each recommendation's page has its own changes: not searched here
        by_text: dict[str, list[Recommendation]] = defaultdict(list)
        for rec, text in sorted(by_date[date], key=lambda pair: pair[0].section_key):
            by_text[text].append(rec)
        items = Markup("").join(_change_item(text, recs) for text, recs in by_text.items())
        listed = html_heading(2, norwegian_date(date), f"d{date}") + Markup('<ul class="kb-rec-list">{}</ul>').format(
            items
        )
        parts.append(block(listed, searched=False))
    return "".join(parts)


def _change_item(text: str, recs: list[Recommendation]) -> Markup:
    """One change; the same change made to several recommendations is written once, with all of them."""
    if len(recs) == 1:
        return Markup("<li>{}: {}</li>").format(_change_link(recs[0]), text)
    listed = Markup("").join(_change_link(rec, item=True) for rec in recs)
    return Markup(
        '<li><details class="kb-change-group"><summary>{} <span class="kb-muted">({} anbefalinger)'
        "</span></summary><ul>{}</ul></details></li>"
    ).format(text, len(recs), listed)


@per_recommendation
def _change_link(rec: Recommendation, *, item: bool = False) -> Markup:
    """The recommendation a change was made to; ``item``: as an item of a list of several."""
    link = Markup('{} <span class="kb-section">{}</span> <a href="{}">{}</a>').format(
        badge(rec.label), rec.seksjon, paths.href(CHANGES_PAGE, paths.recommendation(rec)), rec.tittel
    )
    return Markup("<li>{}</li>").format(link) if item else link
