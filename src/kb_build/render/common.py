"""Small building blocks shared by several page renderers."""

from __future__ import annotations

from kb_build.model import Recommendation
from kb_build.render import paths
from kb_build.render.html import badge, esc, md_inline_escape


def heading(level: int, text: str, anchor: str | None = None, css_class: str | None = None) -> str:
    """A Markdown heading (so it reaches the table of contents and search) with escaped text."""
    parts = [f"#{anchor}" if anchor else "", f".{css_class}" if css_class else ""]
    attrs = f" {{ {' '.join(p for p in parts if p)} }}" if any(parts) else ""
    return f"\n{'#' * level} {md_inline_escape(text)}{attrs}\n"


def rec_item(page: str, rec: Recommendation, *, summary: bool = True) -> str:
    """One recommendation as a list item: badge, linked title, section and summary."""
    link = f'<a href="{paths.href(page, paths.recommendation(rec))}">{esc(rec.tittel)}</a>'
    text = f'<p class="kb-summary">{esc(rec.sammendrag)}</p>' if summary else ""
    return f'<li class="kb-rec-item">{badge(rec.styrke)} <span class="kb-section">{esc(rec.seksjon)}</span> {link}{text}</li>'


def rec_list(page: str, recs: list[Recommendation] | tuple[Recommendation, ...], *, summary: bool = True) -> str:
    """A list of recommendations."""
    items = "\n".join(rec_item(page, r, summary=summary) for r in recs)
    return f'<ul class="kb-rec-list">\n{items}\n</ul>'


def rec_card(page: str, rec: Recommendation) -> str:
    """A recommendation card for chapter pages."""
    href = paths.href(page, paths.recommendation(rec))
    example = '<span class="kb-tag">Eksempel</span>' if not rec.offisiell else ""
    return (
        f'<article class="kb-card kb-card--{esc(rec.styrke)}">'
        f'<p class="kb-card__meta">{badge(rec.styrke)} {example}</p>'
        f'<h3 class="kb-card__title"><a href="{href}">{esc(rec.tittel)}</a></h3>'
        f"<p>{esc(rec.sammendrag)}</p></article>"
    )
