"""Small building blocks shared by several page renderers."""

from __future__ import annotations

from kb_build.model import Recommendation
from kb_build.render import paths
from kb_build.render.html import LABEL_NAMES, Markup, badge, md_inline_escape
from kb_build.render.reuse import per_recommendation
from kb_build.resolve import SiteIndex

REVIEW_TAG = Markup('<span class="kb-tag kb-tag--review">Til revisjon</span>')
DRAFT_TAG = Markup('<span class="kb-tag kb-tag--draft">Utkast</span>')
STATUS_NAMES = {"til-revisjon": "Til revisjon", "utkast": "Utkast"}
"""Status flags in filters, print and CSV: a cited provision changed since review; not yet published."""


def status_flags(rec: Recommendation, index: SiteIndex) -> list[str]:
    """The status values a statement carries, as filters and data attributes name them."""
    flags = ["til-revisjon"] if rec.id in index.review_flags else []
    return flags + (["utkast"] if rec.status == "utkast" else [])


def status_tags(rec: Recommendation, index: SiteIndex) -> list[Markup]:
    """The statement's status as tags in words: «Til revisjon», «Utkast»."""
    tags = {"til-revisjon": REVIEW_TAG, "utkast": DRAFT_TAG}
    return [tags[f] for f in status_flags(rec, index)]


def labels(rec: Recommendation, index: SiteIndex) -> Markup:
    """The statement's badge and its status tags, in words (never colour alone)."""
    return Markup(" ").join([badge(rec.label), *status_tags(rec, index)])


def search_label(rec: Recommendation, index: SiteIndex) -> str:
    """Kind, section, strength and status in plain words: «Lovkrav 7.4 · til revisjon», «Anbefaling 6.1 · skal»."""
    kind = "Anbefaling" if rec.art == "anbefaling" else LABEL_NAMES[rec.art]
    flags = [STATUS_NAMES[f].lower() for f in status_flags(rec, index)]
    return " · ".join([f"{kind} {rec.seksjon}", *([rec.styrke] if rec.styrke else []), *flags])


KIND_EXPLANATIONS = {
    "lovkrav": (
        "Lovkrav",
        "Hva loven krever der veilederens overskrift ikke gir noen styrke. Bestemmelsene står under Hjemmel.",
    ),
    "eksempel": (
        "Eksempler fra denne utgaven",
        "Eksempler som denne utgaven har lagt til for å vise hvordan det kan gjøres. De er ikke anbefalinger fra veilederen.",
    ),
}


def label_explanation(label: str, index: SiteIndex) -> tuple[str, str]:
    """The name and meaning of a label: the guideline's own words for its strengths, ours for the other kinds."""
    return index.guideline.styrker.get(label) or KIND_EXPLANATIONS[label]


def heading(level: int, text: str, anchor: str | None = None, css_class: str | None = None) -> str:
    """A Markdown heading (so it reaches the table of contents and search) with escaped text."""
    parts = [f"#{anchor}" if anchor else "", f".{css_class}" if css_class else ""]
    attrs = f" {{ {' '.join(p for p in parts if p)} }}" if any(parts) else ""
    return f"\n{'#' * level} {md_inline_escape(text)}{attrs}\n"


@per_recommendation
def rec_item(page: str, rec: Recommendation, index: SiteIndex, *, summary: bool = True) -> Markup:
    """One recommendation as a list item: labels, linked title, section and summary."""
    text = Markup('<p class="kb-summary">{}</p>').format(rec.sammendrag) if summary else ""
    return Markup('<li class="kb-rec-item">{} <span class="kb-section">{}</span> <a href="{}">{}</a>{}</li>').format(
        labels(rec, index), rec.seksjon, paths.href(page, paths.recommendation(rec)), rec.tittel, text
    )


def rec_list(
    page: str, recs: list[Recommendation] | tuple[Recommendation, ...], index: SiteIndex, *, summary: bool = True
) -> Markup:
    """A list of recommendations."""
    items = Markup("\n").join(rec_item(page, r, index, summary=summary) for r in recs)
    return Markup('<ul class="kb-rec-list">\n{}\n</ul>').format(items)


@per_recommendation
def rec_card(page: str, rec: Recommendation, index: SiteIndex) -> Markup:
    """A recommendation card for chapter pages."""
    return Markup(
        '<article class="kb-card kb-card--{}"><p class="kb-card__meta">{}</p>'
        '<h3 class="kb-card__title"><a href="{}">{}</a></h3><p>{}</p></article>'
    ).format(rec.label, labels(rec, index), paths.href(page, paths.recommendation(rec)), rec.tittel, rec.sammendrag)
