"""The permanent page of one recommendation."""

from __future__ import annotations

from kb_build.model import LegalSource, Recommendation
from kb_build.render import paths
from kb_build.render.common import heading, labels, rec_list
from kb_build.render.html import block, div, esc, html_heading, markdown, norwegian_date
from kb_build.render.printout import print_url
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


def render(rec: Recommendation, index: SiteIndex) -> str:
    """Render the page: badge, text, expandable layers, legal basis, audience, links, history."""
    page = paths.recommendation(rec)
    chapter = index.chapter_by_number[rec.kapittel]
    chapter_href = paths.href(page, paths.chapter(chapter), f"seksjon-{rec.seksjon.replace('.', '-')}")
    body = [
        div(
            f'<p class="kb-kicker">{labels(rec, index)} <span>{KICKER[rec.art]} i seksjon {esc(rec.seksjon)}, '
            f'<a href="{chapter_href}">kapittel {rec.kapittel}: {esc(chapter.kort_tittel)}</a></span></p>'
            + (f'<p class="kb-kind-note">{KIND_NOTES[rec.art]}</p>' if rec.art in KIND_NOTES else "")
            + '<p class="kb-actions"><button type="button" class="md-button kb-copy-link" hidden>Kopier lenke</button> '
            '<button type="button" class="md-button kb-print" hidden>Skriv ut</button></p>'
            + print_url(paths.href(page, page), "kb-print-url kb-print-only"),
            "kb-meta",
        ),
        _same_section(page, rec, index),
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
    return heading(1, rec.tittel) + block("".join(body), "kb-rec")


def _layer(title: str, text: str, anchor: str) -> str:
    return f'<details class="kb-layer" id="{anchor}"><summary>{esc(title)}</summary>{markdown(text)}</details>'


def _same_section(page: str, rec: Recommendation, index: SiteIndex) -> str:
    """Tell this recommendation apart from the others that share its section number."""
    others = [r for r in index.in_section.get(rec.seksjon, ()) if r.id != rec.id]
    if not others:
        return ""
    links = ", ".join(f'<a href="{paths.href(page, paths.recommendation(r))}">{esc(r.tittel)}</a>' for r in others)
    also = "en annen anbefaling" if len(others) == 1 else f"{len(others)} andre anbefalinger"
    return div(
        f"<p>Seksjon {esc(rec.seksjon)} har også {also}: {links}.</p>",
        "kb-muted kb-same-section",
    )


def _review_notice(rec: Recommendation, index: SiteIndex) -> str:
    changed = index.review_flags.get(rec.id)
    if not changed:
        return ""
    items = "".join(
        f'<li><a href="{esc(src.url)}">{esc(src.label)}</a> ({esc(src.tittel)}) ble endret '
        f"{esc(norwegian_date(src.endret or ''))}. "
        f'<span class="kb-muted">Kilde for datoen: {esc(src.kilde or "")}.</span></li>'
        for src in changed
    )
    return div(
        '<p class="admonition-title">Til revisjon</p>'
        f"<p>{REVIEWED[rec.art]} {esc(norwegian_date(rec.sist_vurdert))}. "
        "Siden da er lovbestemmelser teksten bygger på, endret:</p>"
        f"<ul>{items}</ul><p>{_read_on_lovdata(changed)}</p>",
        "admonition warning kb-review",
    )


def _read_on_lovdata(changed: tuple[LegalSource, ...]) -> str:
    """The line that sends the reader to the provisions as they read today."""
    if len(changed) == 1:
        return f'<a href="{esc(changed[0].url)}">Les bestemmelsen slik den gjelder i dag på Lovdata</a>.'
    links = ", ".join(f'<a href="{esc(s.url)}">{esc(s.label)}</a>' for s in changed)
    return f"Les bestemmelsene slik de gjelder i dag på Lovdata: {links}."


def _legal(rec: Recommendation, index: SiteIndex) -> str:
    if not rec.hjemmel:
        return "<p>Anbefalingen viser ikke til en bestemt lovbestemmelse. Den er en faglig anbefaling.</p>"
    items = []
    for key in rec.hjemmel:
        src = index.legal[key]
        items.append(
            f'<li><a href="{esc(src.url)}">{esc(src.label)}</a> – {esc(src.tittel)}. '
            f'<span class="kb-muted">{esc(src.beskrivelse)}</span></li>'
        )
    return f'<ul class="kb-legal">{"".join(items)}</ul>'


def _references(rec: Recommendation, index: SiteIndex) -> list[str]:
    if not rec.referanser:
        return []
    items = "".join(
        f'<li><a href="{esc(ref.url)}">{esc(ref.citation)}</a></li>'
        for ref in (index.references[key] for key in rec.referanser)
    )
    return [html_heading(2, "Referanser", "referanser"), div(f'<ul class="kb-references">{items}</ul>')]


def _audience(rec: Recommendation, index: SiteIndex) -> str:
    g = index.guideline
    roles = "".join(f'<li class="kb-chip">{esc(g.role_name(r))}</li>' for r in rec.malgruppe)
    phases = "".join(f'<li class="kb-chip">{esc(g.phase_name(p))}</li>' for p in rec.fase)
    out = f'<ul class="kb-chips" aria-label="Målgrupper">{roles}</ul>'
    if phases:
        out += f'<p>Fase:</p><ul class="kb-chips" aria-label="Faser">{phases}</ul>'
    return out


def _links(page: str, rec: Recommendation, index: SiteIndex) -> list[str]:
    out: list[str] = []
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
            f'<li>Historie: <a href="{paths.href(page, paths.story(s))}">{esc(s.tittel)}</a></li>' for s in stories
        ] + [
            f'<li>Sjekkliste: <a href="{paths.href(page, paths.checklist(c), "punkt-" + item.id)}">'
            f"{esc(c.tittel)}</a> – {esc(item.tekst)}</li>"
            for c, item in uses
        ]
        out += [html_heading(2, "Brukes i historier og sjekklister", "brukes-i"), div(f"<ul>{''.join(items)}</ul>")]
    return out


def _history(rec: Recommendation, index: SiteIndex) -> str:
    rows = "".join(
        f"<tr><td>{esc(norwegian_date(c.dato))}</td><td>{esc(c.beskrivelse)}</td></tr>" for c in reversed(rec.endringer)
    )
    source = paths.href(paths.recommendation(rec), f"kilde/{rec.source}")
    edit = f'<p><a href="{source}">Kildefilen (YAML)</a>'
    if index.guideline.redigeringslenke:
        edit += f' · <a href="{esc(index.guideline.redigeringslenke + rec.source)}">Foreslå endring i kildefilen</a>'
    edit += "</p>"
    return (
        f"<p>Sist endret {esc(norwegian_date(rec.sist_endret))}. "
        f"Sist faglig vurdert av {esc(index.guideline.utgiver)} {esc(norwegian_date(rec.sist_vurdert))}.</p>"
        f'<table><thead><tr><th scope="col">Dato</th><th scope="col">Endring</th></tr></thead><tbody>{rows}</tbody></table>'
        + edit
    )
