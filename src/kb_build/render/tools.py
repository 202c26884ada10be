"""Decision-support pages: the decision aid (named in its data) and «Finn anbefalinger»."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from kb_build.decision import Condition, DecisionRules, Rule
from kb_build.render import paths, roles
from kb_build.render.common import heading, labels
from kb_build.render.html import esc, legacy_block, markdown, trusted
from kb_build.render.listing import ALL_PAGE
from kb_build.resolve import SiteIndex

DECISION_PAGE = "verktoy/strukturert-oppfolging.md"
FINDER_PAGE = "verktoy/finn-anbefalinger.md"


def render_decision(rules: DecisionRules, index: SiteIndex) -> str:
    """The criteria form, the result area, and every rule written out (the static fallback)."""
    t = index.target
    return "".join(
        [
            heading(1, rules.tittel),
            legacy_block(markdown(rules.innledning)),
            legacy_block(
                '<p class="admonition-title">Støtte til faglig skjønn</p>' + str(markdown(rules.forbehold)),
                "admonition info",
            ),
            legacy_block(
                '<p class="kb-nojs">Verktøyet trenger JavaScript. Reglene det bruker, står under '
                "«Slik virker verktøyet».</p>"
                '<form class="kb-decision" hidden aria-label="Kjennetegn ved personen">'
                + _choices(rules, "aldersgruppe", "Alder", [(a, n, "") for a, n in rules.aldersgrupper], radio=True)
                + _choices(rules, "kriterier", "Kriterier", [(k.id, k.navn, k.forklaring) for k in t.kriterier])
                + _choices(
                    rules, "tilstander", "Langvarige tilstander", [(k.id, k.navn, k.forklaring) for k in t.tilstander]
                )
                + _choices(rules, "forhold", "Andre forhold", [(k.id, k.navn, k.forklaring) for k in t.andre_forhold])
                + '<p><button type="submit" class="md-button md-button--primary">Vis hva som blir aktuelt</button> '
                '<button type="reset" class="md-button">Nullstill svarene</button></p></form>'
                '<div class="kb-decision-result" role="region" aria-live="polite" aria-label="Resultat" tabindex="-1"></div>'
                '<p class="kb-decision-actions kb-noprint" hidden>'
                '<button type="button" class="md-button kb-decision-print">Skriv ut resultatet</button> '
                '<button type="button" class="md-button kb-decision-copy">Kopier resultatet som tekst</button> '
                '<span class="kb-decision-copied" role="status" aria-live="polite"></span></p>'
                f'<script type="application/json" id="kb-rules">{_json_for_script(_rules_data(rules, index))}</script>'
                + str(_results(rules, index))
            ),
            heading(2, "Slik virker verktøyet", "regler"),
            legacy_block(
                "<p>Hver regel sier hva som blir aktuelt å vurdere når bestemte kjennetegn passer. "
                "Alle regler som passer, vises. Det finnes ingen poengsum.</p>" + _rule_table(rules, index),
                "kb-text kb-rules-explained",
            ),
        ]
    )


def _choices(
    rules: DecisionRules, name: str, legend: str, options: list[tuple[str, str, str]], *, radio: bool = False
) -> str:
    """One group of choices; its heading and explanation come from the rules file when it gives them."""
    kind = "radio" if radio else "checkbox"
    group = rules.grupper.get(name)
    about = f'<div class="kb-facet__about" id="om-{name}">{markdown(group.forklaring)}</div>' if group else ""
    described = f' aria-describedby="om-{name}"' if group else ""
    items = "".join(
        f'<label class="kb-facet__option"><input type="{kind}" name="{name}" value="{esc(value)}"> '
        f"<span>{esc(label)}</span>{_hint(hint)}</label>"
        for value, label, hint in options
    )
    title = group.tittel if group else legend
    return (
        f'<fieldset class="kb-facet kb-facet--wide"{described}><legend>{esc(title)}</legend>{about}{items}</fieldset>'
    )


def _hint(text: str) -> str:
    return f' <span class="kb-muted">– {esc(text)}</span>' if text else ""


def _rules_data(rules: DecisionRules, index: SiteIndex) -> dict[str, Any]:
    """Everything the browser needs to evaluate the rules and name what was ticked."""
    t = index.target
    return {
        "kriterier": {k.id: k.navn for k in t.kriterier},
        "navn": {k.id: k.navn for k in (*t.tilstander, *t.andre_forhold)} | dict(rules.aldersgrupper),
        "aldersbundet": any(r.nar.aldersgruppe for r in rules.regler),
        "regler": [
            {
                "id": r.id,
                "nar": {
                    k: list(v) if isinstance(v, tuple) else v for k, v in vars(r.nar).items() if v not in (None, ())
                },
            }
            for r in rules.regler
        ],
    }


def _results(rules: DecisionRules, index: SiteIndex) -> Markup:
    """Every rule's result, rendered here; the browser only copies those that apply into the result area."""
    return Markup(
        '<template id="kb-rule-results"><h2 class="kb-decision-heading">Dette blir aktuelt</h2>'
        '<div class="kb-decision-none">{}</div>'
        '<p class="kb-muted kb-decision-noage">Du har ikke valgt alder. Noen regler gjelder bare for en bestemt '
        "aldersgruppe og er ikke med.</p>{}</template>"
    ).format(markdown(rules.ingen_treff), Markup("").join(_result(r, index) for r in rules.regler))


def _result(rule: Rule, index: SiteIndex) -> Markup:
    items = [trusted(_rec_li(a, index)) for a in rule.anbefalinger] + [trusted(_law_li(h, index)) for h in rule.hjemler]
    return Markup('<section class="kb-rule{}" data-rule="{}"><h3>{}{}</h3>{}<ul>{}</ul></section>').format(
        " kb-rule--weak" if rule.svakt_signal else "",
        rule.id,
        rule.tittel,
        trusted(_WEAK) if rule.svakt_signal else "",
        markdown(rule.forklaring),
        Markup("").join(items),
    )


def _json_for_script(data: object) -> str:
    """JSON that cannot close the surrounding <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_NUMBER_WORDS = ("null", "ett", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve", "tolv")


def _number_word(n: int) -> str:
    """A count as Norwegian writes it in running text: in words up to twelve, else in digits."""
    return _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else str(n)


def describe_condition(cond: Condition, rules: DecisionRules, index: SiteIndex) -> str:
    """Write a rule's condition in plain Norwegian."""
    t = index.target
    names = {k.id: k.navn.lower() for k in (*t.kriterier, *t.andre_forhold)} | dict(rules.aldersgrupper)
    parts = []
    if cond.aldersgruppe:
        parts.append("personen er " + " eller ".join(names[a].lower() for a in cond.aldersgruppe))
    if cond.kriterier_minst:
        count = "ett" if cond.kriterier_minst == 1 else str(cond.kriterier_minst)
        parts.append(f"minst {count} av de {_number_word(len(t.kriterier))} kriteriene passer")
    if cond.kriterier_noen:
        parts.append("ett av disse passer: " + ", ".join(names[k] for k in cond.kriterier_noen))
    if cond.kriterier_alle:
        parts.append("alle disse passer: " + " og ".join(names[k] for k in cond.kriterier_alle))
    if cond.kriterier_hoyst is not None:
        n = cond.kriterier_hoyst
        parts.append("ingen av kriteriene passer" if n == 0 else f"høyst {n} av kriteriene passer")
    if cond.tilstander_minst:
        n = cond.tilstander_minst
        parts.append(
            "personen har minst én langvarig tilstand" if n == 1 else f"personen har minst {n} langvarige tilstander"
        )
    if cond.tilstander_hoyst is not None:
        n = cond.tilstander_hoyst
        parts.append(
            "ingen langvarig tilstand"
            if n == 0
            else "høyst én langvarig tilstand"
            if n == 1
            else f"høyst {n} langvarige tilstander"
        )
    if cond.forhold_noen:
        parts.append("ett av disse forholdene gjelder: " + ", ".join(names[k] for k in cond.forhold_noen))
    text = " og ".join(parts)
    return text[0].upper() + text[1:]


def _rule_table(rules: DecisionRules, index: SiteIndex) -> str:
    rows = "".join(
        f"<tr><td>{esc(describe_condition(r.nar, rules, index))}</td><td><strong>{esc(r.tittel)}</strong>"
        f"{_WEAK if r.svakt_signal else ''}"
        f"<ul>{''.join(_rec_li(a, index) for a in r.anbefalinger)}"
        f"{''.join(_law_li(h, index) for h in r.hjemler)}</ul></td></tr>"
        for r in rules.regler
    )
    return (
        '<table class="kb-table"><thead><tr><th scope="col">Når</th><th scope="col">Dette blir aktuelt</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


_WEAK = ' <span class="kb-tag kb-tag--weak">Svakt signal</span>'
_EXAMPLE = ' <span class="kb-tag">Eksempel</span>'


def _rec_li(rec_id: str, index: SiteIndex) -> str:
    rec = index.by_id[rec_id]
    href = paths.href(DECISION_PAGE, paths.recommendation(rec))
    return (
        f'<li>{labels(rec, index)} <span class="kb-section">{esc(rec.seksjon)}</span> '
        f'<a href="{href}">{esc(rec.tittel)}</a></li>'
    )


def _law_li(key: str, index: SiteIndex) -> str:
    src = index.legal[key]
    return f'<li>Rett eller plikt: <a href="{esc(src.url)}">{esc(src.label)}</a> ({esc(src.tittel)})</li>'


def render_finder(index: SiteIndex) -> str:
    """The old finder's address: its role and phase choices now live in Alle anbefalinger and the role pages.

    The page stays so that saved links keep working; the browser forwards them with their choices.
    """
    all_href = paths.href(FINDER_PAGE, ALL_PAGE)
    role_links = "".join(
        f'<li><a href="{paths.href(FINDER_PAGE, roles.page(r))}">{esc(r.navn)}</a></li>' for r in index.roles
    )
    return heading(1, "Finn anbefalinger for min situasjon") + legacy_block(
        f'<p class="kb-finder-moved" data-target="{all_href}">Du finner anbefalingene for en rolle eller en fase i '
        f'<a href="{all_href}">Alle anbefalinger</a>: velg «Gjelder for» og «Fase i oppfølgingen» i filtrene.</p>'
        + (f"<p>Hver rolle har også sin egen side:</p><ul>{role_links}</ul>" if role_links else "")
    )
