"""The front page: purpose, revision notice, strength legend and ways in by role and task."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from kb_build.model import STRENGTHS
from kb_build.render import paths, roles
from kb_build.render.common import heading, label_explanation
from kb_build.render.html import Markup, badge, block, inline_markdown, markdown, norwegian_date
from kb_build.render.listing import ALL_PAGE
from kb_build.resolve import SiteIndex

if TYPE_CHECKING:  # the table of pages imports the page modules, this one among them
    from kb_build.render.pages import BuiltPages

PAGE = "index.md"


LEGEND_HEADING = "Hva betyr skal, må, bør og kan – og lovkrav og eksempel?"


def strength_legend(index: SiteIndex) -> Markup:
    """What each label means (the strength words, legal duties, this edition's examples), with its badge."""
    items = Markup("").join(
        Markup("<li>{} <span>{}</span></li>").format(badge(label), label_explanation(label, index)[1])
        for label in (*STRENGTHS, "lovkrav", "eksempel")
    )
    return Markup('<ul class="kb-legend">{}</ul>').format(items)


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


def _role_entries(index: SiteIndex) -> Markup:
    """The role pages when the guideline has them (``content/roller.yaml``), else a filter per target role."""
    if index.roles:
        return roles.entries(index, PAGE)
    all_href = paths.href(PAGE, ALL_PAGE)
    return Markup("").join(
        Markup('<li><a class="kb-entry" href="{}?malgruppe={}">{}</a></li>').format(all_href, t.id, t.navn)
        for t in index.guideline.malgrupper
    )


def _source_line(index: SiteIndex) -> Markup:
    g = index.guideline
    official = (
        Markup(' <a href="{}">Les den offisielle utgaven</a>.').format(g.offisiell_url)
        if g.offisiell_url
        else Markup("")
    )
    caveat = Markup(" {}").format(g.nettsted.forbehold) if g.nettsted.forbehold else Markup("")
    return Markup('<p class="kb-muted">Kilde: {}, «{}», sist faglig endret {}.{}{}</p>').format(
        g.utgiver, g.tittel, norwegian_date(g.sist_faglig_endret), official, caveat
    )


def render(index: SiteIndex, built: BuiltPages) -> str:
    """Render the front page, linking only to pages that are built."""
    g = index.guideline
    all_href = built.href(PAGE, ALL_PAGE)
    legend = strength_legend(index)
    role_entries = _role_entries(index)
    phases = Markup("").join(
        Markup('<li><a class="kb-entry" href="{}?fase={}">{}</a> <span class="kb-muted">{}</span></li>').format(
            all_href, t.id, t.navn, t.beskrivelse
        )
        for t in g.faser
    )
    chapters = Markup("").join(
        Markup('<li><a href="{}">{}. {}</a></li>').format(built.href(PAGE, paths.chapter(c)), c.nummer, c.tittel)
        for c in index.chapters
    )
    tool_entries = Markup("").join(
        Markup('<li><a class="kb-entry" href="{}">{}</a> <span class="kb-muted">{}</span></li>').format(
            built.href(PAGE, page), built.title(page), built.blurb(page)
        )
        for page in built.tools()
    )
    ingress = Markup("{} ").format(inline_markdown(g.nettsted.ingress)) if g.nettsted.ingress else Markup("")
    return "".join(
        [
            heading(1, g.tittel),
            block(
                Markup('<p class="kb-lead">{}Her finner du {}, med hjemmel og praktiske råd.</p>{}').format(
                    ingress, honest_split(index), _source_line(index)
                )
            ),
            *(
                [
                    block(
                        Markup('<p class="admonition-title">Veilederen er under revisjon</p>{}').format(
                            markdown(g.revisjon)
                        ),
                        "admonition warning",
                    )
                ]
                if g.revisjon
                else []
            ),
            heading(2, LEGEND_HEADING, "styrke"),
            block(legend),
            *(
                [
                    heading(2, "Finn det som gjelder deg", "roller"),
                    block(Markup('<ul class="kb-entries">{}</ul>').format(role_entries)),
                ]
                if role_entries
                else []
            ),
            heading(2, "Finn anbefalinger for oppgaven", "oppgaver"),
            block(Markup('<ul class="kb-entries kb-entries--wide">{}</ul>').format(phases)),
            *(
                [
                    heading(2, "Verktøy og opplæring", "verktoy"),
                    block(Markup('<ul class="kb-entries kb-entries--wide">{}</ul>').format(tool_entries)),
                ]
                if tool_entries
                else []
            ),
            heading(2, "Kapitler", "kapitler"),
            block(Markup('<ol class="kb-chapters">{}</ol>').format(chapters)),
        ]
    )
