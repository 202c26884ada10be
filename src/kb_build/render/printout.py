"""The print copy: the whole guideline, or one chapter of it, with each statement's legal basis.

On paper a reader has no links to follow, so every statement carries what its page carries:
its label and status, the text, Praktisk, Begrunnelse, Hjemmel with each provision and its
Lovdata address, and the address of its page. A cover page states what the copy is and where it
comes from. The same page prints one chapter when opened with ``?kapittel=N`` (see kb.js).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from markupsafe import Markup

from kb_build.model import Guideline, Recommendation
from kb_build.render import paths
from kb_build.render.common import heading, labels
from kb_build.render.front import honest_split, strength_legend
from kb_build.render.html import esc, inline_markdown, legacy_block, markdown, norwegian_date
from kb_build.resolve import SiteIndex

PAGE = "utskrift.md"


def generator_version() -> str:
    """The version of kb-build that built the site, as printed on the cover."""
    try:
        return version("veileder-kb")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "ukjent"


def _what_this_is(g: Guideline) -> str:
    """The site's notice about itself (or, without one, its caveat), short enough for the cover page."""
    words = g.nettsted
    if words.kunngjoring:
        return str(inline_markdown(words.kunngjoring)) + " "
    return str(esc(words.forbehold)) + " " if words.forbehold else ""


def render(index: SiteIndex) -> str:
    """The print page: cover, then each chapter on a new page with its sections and statements."""
    parts = [heading(1, index.guideline.tittel), legacy_block(_cover(index), "kb-cover")]
    for chapter in index.chapters:
        body = [
            f'<section class="kb-print-chapter" data-print-kapittel="{chapter.nummer}" '
            f'data-print-tittel="{esc(chapter.tittel)}">'
            f'<h2 id="kapittel-{chapter.nummer}">{chapter.nummer}. {esc(chapter.tittel)}</h2>',
            markdown(chapter.ingress),
        ]
        for section in chapter.seksjoner:
            body.append(f"<h3>{esc(section.nummer)} {esc(section.tittel)}</h3>{markdown(section.tekst)}")
            body += [statement(PAGE, rec, index) for rec in index.in_section.get(section.nummer, ())]
        body.append("</section>")
        parts.append(legacy_block("".join(body)))
    return "".join(parts)


def _cover(index: SiteIndex) -> str:
    g = index.guideline
    chapters = "".join(
        f'<li data-print-kapittel="{c.nummer}"><a href="#kapittel-{c.nummer}">{c.nummer}. {esc(c.tittel)}</a></li>'
        for c in index.chapters
    )
    facts = (
        ("Utgiver av veilederen", esc(g.utgiver)),
        (
            "Kilde",
            (
                f'<a href="{esc(g.offisiell_url)}">{esc(g.utgiver)}: «{esc(g.tittel)}»</a>'
                if g.offisiell_url
                else f"{esc(g.utgiver)}: «{esc(g.tittel)}»"
            )
            + f" ({esc(g.type.lower())})",
        ),
        ("Sist faglig endret", esc(norwegian_date(g.sist_faglig_endret))),
        ("Denne utgaven", f"{esc(norwegian_date(index.last_changed.isoformat()))} (siste endring i innholdet)"),
        ("Bygget med", f"kb-build {esc(generator_version())}"),
        ("Lisens for kilden", esc(g.kreditering)),
    )
    rows = "".join(f'<tr><th scope="row">{name}</th><td>{value}</td></tr>' for name, value in facts)
    return (
        '<p class="kb-actions"><button type="button" class="md-button kb-print" hidden>Skriv ut</button></p>'
        '<p class="kb-cover__scope">Hele veilederen</p>'
        + f"<p>{_what_this_is(g)}Ved tvil gjelder {'den offisielle teksten og ' if g.offisiell_url else ''}"
        "lovteksten på Lovdata.</p>"
        f'<table class="kb-cover__facts">{rows}</table>'
        f"<p>Utskriften har {esc(honest_split(index))}. Hver av dem står med merke, status, hjemmel, "
        "praktiske råd, begrunnelse og nettadressen til siden sin.</p>"
        f"<p><strong>Merkene</strong></p>{strength_legend(index)}"
        f'<p><strong>Kapitler</strong></p><ul class="kb-cover__chapters">{chapters}</ul>'
    )


def statement(page: str, rec: Recommendation, index: SiteIndex) -> str:
    """One statement as it stands on paper: labels, title, text, layers, legal basis and its address."""
    link = paths.href(page, paths.recommendation(rec))
    head = (
        f'<p class="kb-print-rec__labels">{labels(rec, index)} <span class="kb-section">{esc(rec.seksjon)}</span></p>'
        f'<h4 class="kb-print-rec__title"><a href="{link}">{esc(rec.tittel)}</a></h4>{print_url(link)}'
    )
    parts = [
        f'<div class="kb-print-rec__head">{head}</div>',
        markdown(rec.tekst),
        _review(rec, index),
        f"<h5>Praktisk – slik kan det gjøres</h5>{markdown(rec.praktisk)}",
        f"<h5>Begrunnelse</h5>{markdown(rec.begrunnelse)}",
        f"<h5>Faglig grunnlag</h5>{markdown(rec.faglig_grunnlag)}" if rec.faglig_grunnlag else "",
        f"<h5>Hjemmel</h5>{legal_basis(rec, index)}",
        _references(rec, index),
    ]
    return f'<article class="kb-print-rec" id="{esc(rec.id)}">{"".join(parts)}</article>'


def print_url(href: str, css_class: str = "kb-print-url") -> Markup:
    """The page's address in words, for paper; kb.js writes the full address the reader used."""
    return Markup('<p class="{}">Nettadresse: <a href="{}">{}</a></p>').format(css_class, href, href)


def legal_basis(rec: Recommendation, index: SiteIndex) -> str:
    """Each provision with its title, what it says and its Lovdata address."""
    if not rec.hjemmel:
        return "<p>Viser ikke til en bestemt lovbestemmelse.</p>"
    items = "".join(
        f'<li><a href="{esc(src.url)}">{esc(src.label)}</a> – {esc(src.tittel)}. {esc(src.beskrivelse)}</li>'
        for src in (index.legal[k] for k in rec.hjemmel)
    )
    return f'<ul class="kb-legal">{items}</ul>'


def _references(rec: Recommendation, index: SiteIndex) -> str:
    """The documents a statement cites; print CSS writes each address after its link."""
    if not rec.referanser:
        return ""
    items = "".join(
        f'<li><a href="{esc(ref.url)}">{esc(ref.citation)}</a></li>'
        for ref in (index.references[key] for key in rec.referanser)
    )
    return f'<h5>Referanser</h5><ul class="kb-references">{items}</ul>'


def _review(rec: Recommendation, index: SiteIndex) -> str:
    changed = index.review_flags.get(rec.id)
    if not changed:
        return ""
    provisions = "; ".join(f"{src.label} (endret {norwegian_date(src.endret or '')})" for src in changed)
    return (
        f'<p class="kb-print-review"><strong>Til revisjon:</strong> sist faglig vurdert '
        f"{esc(norwegian_date(rec.sist_vurdert))}. Endret siden: {esc(provisions)}.</p>"
    )
