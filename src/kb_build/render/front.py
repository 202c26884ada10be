"""The front page: purpose, revision notice, strength legend and ways in by role and task."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from kb_build.model import STRENGTHS
from kb_build.render import paths, roles
from kb_build.render.common import heading, label_explanation
from kb_build.render.html import badge, esc, inline_markdown, legacy_block, markdown, norwegian_date
from kb_build.render.listing import ALL_PAGE
from kb_build.resolve import SiteIndex

if TYPE_CHECKING:  # the table of pages imports the page modules, this one among them
    from kb_build.render.pages import BuiltPages

PAGE = "index.md"


LEGEND_HEADING = "Hva betyr skal, må, bør og kan – og lovkrav og eksempel?"


def strength_legend(index: SiteIndex) -> str:
    """What each label means (the strength words, legal duties, this edition's examples), with its badge."""
    items = "".join(
        f"<li>{badge(label)} <span>{esc(label_explanation(label, index)[1])}</span></li>"
        for label in (*STRENGTHS, "lovkrav", "eksempel")
    )
    return f'<ul class="kb-legend">{items}</ul>'


def honest_split(index: SiteIndex) -> str:
    """How many of the statements are the guideline's recommendations, legal duties and our examples."""
    kinds = Counter(r.art for r in index.recommendations)
    parts = [f"{kinds['anbefaling']} anbefalinger fra veilederen"]
    if kinds["lovkrav"]:
        parts.append(f"{kinds['lovkrav']} lovkrav der veilederens overskrift ikke gir styrke")
    if kinds["eksempel"]:
        noun = "eksempler" if kinds["eksempel"] > 1 else "eksempel"
        parts.append(f"{kinds['eksempel']} {noun} som denne utgaven har lagt til")
    return ", ".join(parts[:-1]) + " og " + parts[-1] if len(parts) > 1 else parts[0]


def _role_entries(index: SiteIndex) -> str:
    """The role pages when the guideline has them (``content/roller.yaml``), else a filter per target role."""
    if index.roles:
        return roles.entries(index, PAGE)
    all_href = paths.href(PAGE, ALL_PAGE)
    return "".join(
        f'<li><a class="kb-entry" href="{all_href}?malgruppe={esc(t.id)}">{esc(t.navn)}</a></li>'
        for t in index.guideline.malgrupper
    )


def _source_line(index: SiteIndex) -> str:
    g = index.guideline
    official = f' <a href="{esc(g.offisiell_url)}">Les den offisielle utgaven</a>.' if g.offisiell_url else ""
    caveat = f" {esc(g.nettsted.forbehold)}" if g.nettsted.forbehold else ""
    return (
        f'<p class="kb-muted">Kilde: {esc(g.utgiver)}, «{esc(g.tittel)}», sist faglig endret '
        f"{esc(norwegian_date(g.sist_faglig_endret))}.{official}{caveat}</p>"
    )


def render(index: SiteIndex, built: BuiltPages) -> str:
    """Render the front page, linking only to pages that are built."""
    g = index.guideline
    all_href = built.href(PAGE, ALL_PAGE)
    legend = strength_legend(index)
    role_entries = _role_entries(index)
    phases = "".join(
        f'<li><a class="kb-entry" href="{all_href}?fase={esc(t.id)}">'
        f'{esc(t.navn)}</a> <span class="kb-muted">{esc(t.beskrivelse)}</span></li>'
        for t in g.faser
    )
    chapters = "".join(
        f'<li><a href="{built.href(PAGE, paths.chapter(c))}">{c.nummer}. {esc(c.tittel)}</a></li>'
        for c in index.chapters
    )
    tool_entries = "".join(
        f'<li><a class="kb-entry" href="{built.href(PAGE, page)}">{esc(built.title(page))}</a> '
        f'<span class="kb-muted">{esc(built.blurb(page))}</span></li>'
        for page in built.tools()
    )
    ingress = f"{inline_markdown(g.nettsted.ingress)} " if g.nettsted.ingress else ""
    return "".join(
        [
            heading(1, g.tittel),
            legacy_block(
                f'<p class="kb-lead">{ingress}Her finner du {esc(honest_split(index))}, med hjemmel og praktiske råd.</p>'
                + _source_line(index)
            ),
            *(
                [
                    legacy_block(
                        '<p class="admonition-title">Veilederen er under revisjon</p>' + str(markdown(g.revisjon)),
                        "admonition warning",
                    )
                ]
                if g.revisjon
                else []
            ),
            heading(2, LEGEND_HEADING, "styrke"),
            legacy_block(legend),
            *(
                [
                    heading(2, "Finn det som gjelder deg", "roller"),
                    legacy_block(f'<ul class="kb-entries">{role_entries}</ul>'),
                ]
                if role_entries
                else []
            ),
            heading(2, "Finn anbefalinger for oppgaven", "oppgaver"),
            legacy_block(f'<ul class="kb-entries kb-entries--wide">{phases}</ul>'),
            *(
                [
                    heading(2, "Verktøy og opplæring", "verktoy"),
                    legacy_block(f'<ul class="kb-entries kb-entries--wide">{tool_entries}</ul>'),
                ]
                if tool_entries
                else []
            ),
            heading(2, "Kapitler", "kapitler"),
            legacy_block(f'<ol class="kb-chapters">{chapters}</ol>'),
        ]
    )
