"""The print copy: the whole guideline, or one chapter of it, with each statement's legal basis.

On paper a reader has no links to follow, so every statement carries what its page carries:
its label and status, the text, Praktisk, Begrunnelse, Hjemmel with each provision and its
Lovdata address, and the address of its page. A cover page states what the copy is and where it
comes from. The same page prints one chapter when opened with ``?kapittel=N`` (see kb.js).
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version

from kb_build.model import Guideline, Recommendation
from kb_build.render import paths
from kb_build.render.common import heading, labels
from kb_build.render.front import honest_split, strength_legend
from kb_build.render.html import Markup, block, esc, inline_markdown, markdown, norwegian_date
from kb_build.render.reuse import per_recommendation
from kb_build.resolve import SiteIndex

PAGE = "utskrift.md"


def generator_version() -> str:
    """The version of kb-build that built the site, as printed on the cover."""
    try:
        return version("veileder-kb")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "ukjent"


def _what_this_is(g: Guideline) -> Markup:
    """The site's notice about itself (or, without one, its caveat), short enough for the cover page."""
    words = g.nettsted
    if words.kunngjoring:
        return Markup("{} ").format(inline_markdown(words.kunngjoring))
    return Markup("{} ").format(words.forbehold) if words.forbehold else Markup("")


def render(index: SiteIndex) -> Iterator[str]:
    """The print page, in parts: the cover, then each chapter on a new page with its sections and statements.

    The largest page of a site, rendered one chapter at a time: each part is whole blocks, so
    it can be kept (see ``render.site.Finish``) before the next is rendered.
    """
    yield heading(1, index.guideline.tittel)
    yield block(_cover(index), "kb-cover")
    for chapter in index.chapters:
        body = [
            Markup(
                '<section class="kb-print-chapter" data-print-kapittel="{0}" data-print-tittel="{1}">'
                '<h2 id="kapittel-{0}">{0}. {1}</h2>'
            ).format(chapter.nummer, chapter.tittel),
            markdown(chapter.ingress),
        ]
        for section in chapter.seksjoner:
            body.append(Markup("<h3>{} {}</h3>{}").format(section.nummer, section.tittel, markdown(section.tekst)))
            body += [statement(PAGE, rec, index) for rec in index.in_section.get(section.nummer, ())]
        body.append(Markup("</section>"))
        yield block(Markup("").join(body))


def _cover(index: SiteIndex) -> Markup:
    g = index.guideline
    chapters = Markup("").join(
        Markup('<li data-print-kapittel="{0}"><a href="#kapittel-{0}">{0}. {1}</a></li>').format(c.nummer, c.tittel)
        for c in index.chapters
    )
    source = (
        Markup('<a href="{}">{}: «{}»</a>').format(g.offisiell_url, g.utgiver, g.tittel)
        if g.offisiell_url
        else Markup("{}: «{}»").format(g.utgiver, g.tittel)
    )
    facts: tuple[tuple[str, Markup], ...] = (
        ("Utgiver av veilederen", esc(g.utgiver)),
        ("Kilde", Markup("{} ({})").format(source, g.type.lower())),
        ("Sist faglig endret", esc(norwegian_date(g.sist_faglig_endret))),
        (
            "Denne utgaven",
            Markup("{} (siste endring i innholdet)").format(norwegian_date(index.last_changed.isoformat())),
        ),
        ("Bygget med", Markup("kb-build {}").format(generator_version())),
        ("Lisens for kilden", esc(g.kreditering)),
    )
    rows = Markup("").join(
        Markup('<tr><th scope="row">{}</th><td>{}</td></tr>').format(name, value) for name, value in facts
    )
    return Markup(
        '<p class="kb-actions"><button type="button" class="md-button kb-print kb-needs-js">Skriv ut</button></p>'
        '<p class="kb-cover__scope">Hele veilederen</p>'
        "<p>{}Ved tvil gjelder {}lovteksten på Lovdata.</p>"
        '<table class="kb-cover__facts">{}</table>'
        "<p>Utskriften har {}. Hver av dem står med merke, status, hjemmel, "
        "praktiske råd, begrunnelse og nettadressen til siden sin.</p>"
        "<p><strong>Merkene</strong></p>{}"
        '<p><strong>Kapitler</strong></p><ul class="kb-cover__chapters">{}</ul>'
    ).format(
        _what_this_is(g),
        "den offisielle teksten og " if g.offisiell_url else "",
        rows,
        honest_split(index),
        strength_legend(index),
        chapters,
    )


@per_recommendation
def statement(page: str, rec: Recommendation, index: SiteIndex) -> Markup:
    """One statement as it stands on paper: labels, title, text, layers, legal basis and its address."""
    link = paths.href(page, paths.recommendation(rec))
    head = Markup(
        '<p class="kb-print-rec__labels">{} <span class="kb-section">{}</span></p>'
        '<h4 class="kb-print-rec__title"><a href="{}">{}</a></h4>{}'
    ).format(labels(rec, index), rec.seksjon, link, rec.tittel, print_url(link))
    parts = [
        Markup('<div class="kb-print-rec__head">{}</div>').format(head),
        markdown(rec.tekst),
        _review(rec, index),
        Markup("<h5>Praktisk – slik kan det gjøres</h5>{}").format(markdown(rec.praktisk)),
        Markup("<h5>Begrunnelse</h5>{}").format(markdown(rec.begrunnelse)),
        Markup("<h5>Faglig grunnlag</h5>{}").format(markdown(rec.faglig_grunnlag))
        if rec.faglig_grunnlag
        else Markup(""),
        Markup("<h5>Hjemmel</h5>{}").format(legal_basis(rec, index)),
        _references(rec, index),
    ]
    return Markup('<article class="kb-print-rec" id="{}">{}</article>').format(rec.id, Markup("").join(parts))


def print_url(href: str, css_class: str = "kb-print-url") -> Markup:
    """The page's address in words, for paper; kb.js writes the full address the reader used."""
    return Markup('<p class="{}">Nettadresse: <a href="{}">{}</a></p>').format(css_class, href, href)


def legal_basis(rec: Recommendation, index: SiteIndex) -> Markup:
    """Each provision with its title, what it says and its Lovdata address."""
    if not rec.hjemmel:
        return Markup("<p>Viser ikke til en bestemt lovbestemmelse.</p>")
    items = Markup("").join(
        Markup('<li><a href="{}">{}</a> – {}. {}</li>').format(src.url, src.label, src.tittel, src.beskrivelse)
        for src in (index.legal[k] for k in rec.hjemmel)
    )
    return Markup('<ul class="kb-legal">{}</ul>').format(items)


def _references(rec: Recommendation, index: SiteIndex) -> Markup:
    """The documents a statement cites; print CSS writes each address after its link."""
    if not rec.referanser:
        return Markup("")
    items = Markup("").join(
        Markup('<li><a href="{}">{}</a></li>').format(ref.url, ref.citation)
        for ref in (index.references[key] for key in rec.referanser)
    )
    return Markup('<h5>Referanser</h5><ul class="kb-references">{}</ul>').format(items)


def _review(rec: Recommendation, index: SiteIndex) -> Markup:
    changed = index.review_flags.get(rec.id)
    if not changed:
        return Markup("")
    provisions = "; ".join(f"{src.label} (endret {norwegian_date(src.endret or '')})" for src in changed)
    return Markup(
        '<p class="kb-print-review"><strong>Til revisjon:</strong> sist faglig vurdert {}. Endret siden: {}.</p>'
    ).format(norwegian_date(rec.sist_vurdert), provisions)
