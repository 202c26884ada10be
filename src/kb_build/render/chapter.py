"""Chapter pages: introduction, section texts and a card per recommendation."""

from __future__ import annotations

from kb_build import export
from kb_build.model import Chapter
from kb_build.render import paths, printout
from kb_build.render.common import heading, rec_card
from kb_build.render.front import LEGEND_HEADING, strength_legend
from kb_build.render.html import Markup, block, markdown
from kb_build.resolve import SiteIndex


def render(chapter: Chapter, index: SiteIndex) -> str:
    """Render one chapter with all its sections in official order."""
    page = paths.chapter(chapter)
    count = sum(len(index.in_section.get(s.nummer, ())) for s in chapter.seksjoner)
    sheet = (
        Markup('<a href="{}" download>Egenvurdering for kapitlet (CSV)</a>').format(
            paths.href(page, export.self_assessment_file(chapter.nummer))
        )
        if count
        else ""
    )
    parts = [
        heading(1, f"{chapter.nummer}. {chapter.tittel}"),
        block(
            Markup(
                '<p class="kb-kicker"><span>Kapittel {} av {}</span> <span>{} anbefalinger</span> {} '
                '<a href="{}?kapittel={}">Skriv ut kapitlet</a></p>'
            ).format(
                chapter.nummer, len(index.chapters), count, sheet, paths.href(page, printout.PAGE), chapter.nummer
            ),
            "kb-meta",
        ),
        block(markdown(chapter.ingress), "kb-text kb-ingress"),
    ]
    if chapter.vis_styrker:
        parts += [heading(2, LEGEND_HEADING, "styrke"), block(strength_legend(index))]
    for section in chapter.seksjoner:
        parts.append(heading(2, f"{section.nummer} {section.tittel}", f"seksjon-{section.nummer.replace('.', '-')}"))
        parts.append(block(markdown(section.tekst)))
        recs = index.in_section.get(section.nummer, ())
        if recs:
            cards = Markup("\n").join(rec_card(page, r, index) for r in recs)
            parts.append(block(cards, "kb-cards", searched=False))
    return "".join(parts)
