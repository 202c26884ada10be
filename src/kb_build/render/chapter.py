"""Chapter pages: introduction, section texts and a card per recommendation."""

from __future__ import annotations

from kb_build import export
from kb_build.model import Chapter
from kb_build.render import paths, printout
from kb_build.render.common import heading, rec_card
from kb_build.render.front import LEGEND_HEADING, strength_legend
from kb_build.render.html import legacy_block, markdown
from kb_build.resolve import SiteIndex


def render(chapter: Chapter, index: SiteIndex) -> str:
    """Render one chapter with all its sections in official order."""
    page = paths.chapter(chapter)
    count = sum(len(index.in_section.get(s.nummer, ())) for s in chapter.seksjoner)
    sheet = (
        f'<a href="{paths.href(page, export.self_assessment_file(chapter.nummer))}" download>'
        "Egenvurdering for kapitlet (CSV)</a>"
        if count
        else ""
    )
    parts = [
        heading(1, f"{chapter.nummer}. {chapter.tittel}"),
        legacy_block(
            f'<p class="kb-kicker"><span>Kapittel {chapter.nummer} av {len(index.chapters)}</span> '
            f"<span>{count} anbefalinger</span> {sheet} "
            f'<a href="{paths.href(page, printout.PAGE)}?kapittel={chapter.nummer}">Skriv ut kapitlet</a></p>',
            "kb-meta",
        ),
        legacy_block(markdown(chapter.ingress), "kb-text kb-ingress"),
    ]
    if chapter.vis_styrker:
        parts += [heading(2, LEGEND_HEADING, "styrke"), legacy_block(strength_legend(index))]
    for section in chapter.seksjoner:
        parts.append(heading(2, f"{section.nummer} {section.tittel}", f"seksjon-{section.nummer.replace('.', '-')}"))
        parts.append(legacy_block(markdown(section.tekst)))
        recs = index.in_section.get(section.nummer, ())
        if recs:
            cards = "\n".join(rec_card(page, r, index) for r in recs)
            parts.append(legacy_block(cards, "kb-cards"))
    return "".join(parts)
