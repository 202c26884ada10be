"""The permanent page of one recommendation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kb_build.model import LegalSource, Recommendation
from kb_build.render import paths
from kb_build.render.common import heading, labels, rec_list
from kb_build.render.html import Markup, block, div, html_heading, markdown, norwegian_date
from kb_build.render.printout import print_url
from kb_build.render.reuse import per_recommendation
from kb_build.resolve import SiteIndex

KICKER = {"anbefaling": "Anbefaling", "lovkrav": "Lovkrav", "eksempel": "Eksempel"}
"""How the page names what it shows, before «i seksjon …»."""

KIND_NOTES = {
    "lovkrav": "Veilederens overskrift gir ingen styrke her. Teksten sier hva loven krever; "
    "bestemmelsene står under Hjemmel.",
    "eksempel": "Et eksempel som denne utgaven har lagt til. Det er ikke en anbefaling fra veilederen.",
}
"""A line under the kicker for statements that are not the guideline's own recommendations."""

REVIEWED = {
    "anbefaling": "Anbefalingen ble sist faglig vurdert",
    "lovkrav": "Veilederen ble sist faglig vurdert på dette punktet",
    "eksempel": "Veilederen ble sist faglig vurdert på dette punktet",
}
"""Whose review the date is: a legal duty or our example was never reviewed as such by the publisher."""


SectionLinks = Mapping[str, Sequence[tuple[str, Markup]]]
"""Per section number: each statement's id and a link to its page, as it reads on any recommendation page."""


def section_links(index: SiteIndex) -> dict[str, tuple[tuple[str, Markup], ...]]:
    """Links to every section's statements, made once for all recommendation pages.

    All recommendation pages share one folder, so a link to one reads the same on each. Each page
    links to the others in its section; made per page, that work grew with the square of a section's size.
    """
    return {
        number: tuple(
            (
                r.id,
                Markup('<a href="{}">{}</a>').format(
                    paths.href(paths.recommendation(r), paths.recommendation(r)), r.tittel
                ),
            )
            for r in recs
        )
        for number, recs in index.in_section.items()
    }


@per_recommendation
def render(rec: Recommendation, index: SiteIndex, links: SectionLinks | None = None) -> str:
    """Render the page: badge, text, expandable layers, legal basis, audience, links, history.

    ``links``: :func:`section_links` of the index, when many pages are rendered.
    """
    page = paths.recommendation(rec)
    chapter = index.chapter_by_number[rec.kapittel]
    chapter_href = paths.href(page, paths.chapter(chapter), f"seksjon-{rec.seksjon.replace('.', '-')}")
    kind_note = Markup('<p class="kb-kind-note">{}</p>').format(KIND_NOTES[rec.art]) if rec.art in KIND_NOTES else ""
    body = [
        div(
            Markup(
                '<p class="kb-kicker">{} <span>{} i seksjon {}, <a href="{}">kapittel {}: {}</a></span></p>{}'
                '<p class="kb-actions"><button type="button" class="md-button kb-copy-link kb-needs-js">Kopier lenke</button> '
                '<button type="button" class="md-button kb-print kb-needs-js">Skriv ut</button></p>{}'
            ).format(
                labels(rec, index),
                KICKER[rec.art],
                rec.seksjon,
                chapter_href,
                rec.kapittel,
                chapter.kort_tittel,
                kind_note,
                print_url(paths.href(page, page), "kb-print-url kb-print-only"),
            ),
            "kb-meta",
        ),
        _same_section(rec, (links or section_links(index)).get(rec.seksjon, ())),
        _review_notice(rec, index),
        div(markdown(rec.tekst), "kb-text kb-rec-text"),
        div(
            _layer("Praktisk – slik kan det gjøres", rec.praktisk, "praktisk")
            + _layer("Begrunnelse", rec.begrunnelse, "begrunnelse")
            + (_layer("Faglig grunnlag", rec.faglig_grunnlag, "faglig-grunnlag") if rec.faglig_grunnlag else ""),
            "kb-layers",
        ),
        html_heading(2, "Hjemmel", "hjemmel"),
        div(_legal(rec, index)),
        *_references(rec, index),
        html_heading(2, "Gjelder for", "gjelder-for"),
        div(_audience(rec, index)),
        *_links(page, rec, index),
        html_heading(2, "Endringshistorikk", "endringer"),
        div(_history(rec, index)),
    ]
    # One block for the whole body: Python-Markdown then has only the title left to convert.
    return heading(1, rec.tittel) + block(Markup("").join(body), "kb-rec")


def _layer(title: str, text: str, anchor: str) -> Markup:
    return Markup('<details class="kb-layer" id="{}"><summary>{}</summary>{}</details>').format(
        anchor, title, markdown(text)
    )


def _same_section(rec: Recommendation, links: Sequence[tuple[str, Markup]]) -> Markup:
    """Tell this recommendation apart from the others that share its section number."""
    others = [link for rec_id, link in links if rec_id != rec.id]
    if not others:
        return Markup()
    also = "en annen anbefaling" if len(others) == 1 else f"{len(others)} andre anbefalinger"
    return div(
        Markup("<p>Seksjon {} har også {}: {}.</p>").format(rec.seksjon, also, Markup(", ").join(others)),
        "kb-muted kb-same-section",
    )


def _review_notice(rec: Recommendation, index: SiteIndex) -> Markup:
    changed = index.review_flags.get(rec.id)
    if not changed:
        return Markup()
    items = Markup("").join(
        Markup(
            '<li><a href="{}">{}</a> ({}) ble endret {}. <span class="kb-muted">Kilde for datoen: {}.</span></li>'
        ).format(src.url, src.label, src.tittel, norwegian_date(src.endret or ""), src.kilde or "")
        for src in changed
    )
    return div(
        Markup(
            '<p class="admonition-title">Til revisjon</p><p>{} {}. '
            "Siden da er lovbestemmelser teksten bygger på, endret:</p><ul>{}</ul><p>{}</p>"
        ).format(REVIEWED[rec.art], norwegian_date(rec.sist_vurdert), items, _read_on_lovdata(changed)),
        "admonition warning kb-review",
    )


def _read_on_lovdata(changed: tuple[LegalSource, ...]) -> Markup:
    """The line that sends the reader to the provisions as they read today."""
    if len(changed) == 1:
        return Markup('<a href="{}">Les bestemmelsen slik den gjelder i dag på Lovdata</a>.').format(changed[0].url)
    links = Markup(", ").join(Markup('<a href="{}">{}</a>').format(s.url, s.label) for s in changed)
    return Markup("Les bestemmelsene slik de gjelder i dag på Lovdata: {}.").format(links)


def _legal(rec: Recommendation, index: SiteIndex) -> Markup:
    if not rec.hjemmel:
        return Markup("<p>Anbefalingen viser ikke til en bestemt lovbestemmelse. Den er en faglig anbefaling.</p>")
    items = Markup("").join(
        Markup('<li><a href="{}">{}</a> – {}. <span class="kb-muted">{}</span></li>').format(
            src.url, src.label, src.tittel, src.beskrivelse
        )
        for src in (index.legal[key] for key in rec.hjemmel)
    )
    return Markup('<ul class="kb-legal">{}</ul>').format(items)


def _references(rec: Recommendation, index: SiteIndex) -> list[Markup]:
    if not rec.referanser:
        return []
    items = Markup("").join(
        Markup('<li><a href="{}">{}</a></li>').format(ref.url, ref.citation)
        for ref in (index.references[key] for key in rec.referanser)
    )
    return [
        html_heading(2, "Referanser", "referanser"),
        div(Markup('<ul class="kb-references">{}</ul>').format(items)),
    ]


def _audience(rec: Recommendation, index: SiteIndex) -> Markup:
    g = index.guideline
    chip = Markup('<li class="kb-chip">{}</li>')
    roles = Markup("").join(chip.format(g.role_name(r)) for r in rec.malgruppe)
    phases = Markup("").join(chip.format(g.phase_name(p)) for p in rec.fase)
    out = Markup('<ul class="kb-chips" aria-label="Målgrupper">{}</ul>').format(roles)
    if phases:
        out += Markup('<p>Fase:</p><ul class="kb-chips" aria-label="Faser">{}</ul>').format(phases)
    return out


def _links(page: str, rec: Recommendation, index: SiteIndex) -> list[Markup]:
    out: list[Markup] = []
    related_ids = index.related_to[rec.id]
    if related_ids:
        out += [
            html_heading(2, "Relaterte anbefalinger", "relatert"),
            div(rec_list(page, [index.by_id[i] for i in related_ids], index, summary=False)),
        ]
    stories = index.stories_for.get(rec.id, ())
    uses = index.checklist_uses.get(rec.id, ())
    if stories or uses:
        items = [
            Markup('<li>Historie: <a href="{}">{}</a></li>').format(paths.href(page, paths.story(s)), s.tittel)
            for s in stories
        ] + [
            Markup('<li>Sjekkliste: <a href="{}">{}</a> – {}</li>').format(
                paths.href(page, paths.checklist(c), "punkt-" + item.id), c.tittel, item.tekst
            )
            for c, item in uses
        ]
        out += [
            html_heading(2, "Brukes i historier og sjekklister", "brukes-i"),
            div(Markup("<ul>{}</ul>").format(Markup("").join(items))),
        ]
    return out


def _history(rec: Recommendation, index: SiteIndex) -> Markup:
    rows = Markup("").join(
        Markup("<tr><td>{}</td><td>{}</td></tr>").format(norwegian_date(c.dato), c.beskrivelse)
        for c in reversed(rec.endringer)
    )
    # The source path comes from the file name, which an editor chooses: escaped like any text.
    edit = Markup('<p><a href="{}">Kildefilen (YAML)</a>').format(
        paths.href(paths.recommendation(rec), f"kilde/{rec.source}")
    )
    if index.guideline.redigeringslenke:
        edit += Markup(' · <a href="{}">Foreslå endring i kildefilen</a>').format(
            index.guideline.redigeringslenke + rec.source
        )
    edit += Markup("</p>")
    return Markup(
        "<p>Sist endret {}. Sist faglig vurdert av {} {}.</p>"
        '<table><thead><tr><th scope="col">Dato</th><th scope="col">Endring</th></tr></thead>'
        "<tbody>{}</tbody></table>{}"
    ).format(norwegian_date(rec.sist_endret), index.guideline.utgiver, norwegian_date(rec.sist_vurdert), rows, edit)
