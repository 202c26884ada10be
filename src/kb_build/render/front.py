"""The front page: purpose, revision notice, strength legend and ways in by role and task."""

from __future__ import annotations

from collections import Counter

from kb_build.model import STRENGTHS
from kb_build.render import paths, roles
from kb_build.render.common import heading, label_explanation
from kb_build.render.html import badge, block, esc, markdown, norwegian_date
from kb_build.render.listing import ALL_PAGE
from kb_build.resolve import SiteIndex

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


def render(index: SiteIndex) -> str:
    """Render the front page."""
    g = index.guideline
    all_href = paths.href(PAGE, ALL_PAGE)
    legend = strength_legend(index)
    role_entries = roles.entries(index, PAGE)
    phases = "".join(
        f'<li><a class="kb-entry" href="{all_href}?fase={esc(t.id)}">'
        f'{esc(t.navn)}</a> <span class="kb-muted">{esc(t.beskrivelse)}</span></li>'
        for t in g.faser
    )
    chapters = "".join(
        f'<li><a href="{paths.href(PAGE, paths.chapter(c))}">{c.nummer}. {esc(c.tittel)}</a></li>'
        for c in index.chapters
    )
    return "".join(
        [
            heading(1, g.tittel),
            block(
                f'<p class="kb-lead">En forklarende utgave av {esc(g.utgiver)}s veileder for deg som '
                "følger opp barn, unge, voksne og eldre som trenger tjenester fra mange aktører samtidig. "
                f"Her finner du {esc(honest_split(index))}, med hjemmel, praktiske råd, "
                "sjekklister, pasienthistorier til opplæring og et verktøy for å vurdere strukturert oppfølging.</p>"
                f'<p class="kb-muted">Kilde: {esc(g.utgiver)}, «{esc(g.tittel)}», sist faglig endret '
                f'{esc(norwegian_date(g.sist_faglig_endret))}. <a href="{esc(g.offisiell_url)}">Les den offisielle utgaven</a>. '
                "Denne utgaven forklarer veilederen med egne ord og erstatter ikke den offisielle teksten.</p>"
            ),
            block(
                '<p class="admonition-title">Veilederen er under revisjon</p>' + markdown(g.revisjon),
                "admonition warning",
            ),
            heading(2, LEGEND_HEADING, "styrke"),
            block(legend),
            *(
                [heading(2, "Finn det som gjelder deg", "roller"), block(f'<ul class="kb-entries">{role_entries}</ul>')]
                if role_entries
                else []
            ),
            heading(2, "Finn anbefalinger for oppgaven", "oppgaver"),
            block(f'<ul class="kb-entries kb-entries--wide">{phases}</ul>'),
            heading(2, "Verktøy og opplæring", "verktoy"),
            block(
                '<ul class="kb-entries kb-entries--wide">'
                f'<li><a class="kb-entry" href="{paths.href(PAGE, "verktoy/strukturert-oppfolging.md")}">'
                'Bør personen få strukturert oppfølging?</a> <span class="kb-muted">Gå gjennom kriteriene og se hvilke rettigheter og anbefalinger som blir aktuelle.</span></li>'
                f'<li><a class="kb-entry" href="{paths.href(PAGE, "sjekklister/index.md")}">Sjekklister</a> '
                '<span class="kb-muted">For ledere, koordinatorer, fastleger og team, og for hvert steg i oppfølgingen.</span></li>'
                f'<li><a class="kb-entry" href="{paths.href(PAGE, "egenvurdering.md")}">Egenvurdering</a> '
                '<span class="kb-muted">Skjema for å vurdere egen praksis mot hver anbefaling (regneark).</span></li>'
                f'<li><a class="kb-entry" href="{paths.href(PAGE, "historier/index.md")}">Pasient- og brukerhistorier</a> '
                '<span class="kb-muted">Oppdiktede historier med diskusjonsspørsmål til kurs og internopplæring.</span></li>'
                "</ul>"
            ),
            heading(2, "Kapitler", "kapitler"),
            block(f'<ol class="kb-chapters">{chapters}</ol>'),
        ]
    )
