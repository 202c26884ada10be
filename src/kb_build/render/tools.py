"""Decision-support pages: the decision aid (named in its data) and «Finn anbefalinger»."""

from __future__ import annotations

import json
from typing import Any

from kb_build.decision import Condition, DecisionRules, Rule
from kb_build.render import paths, roles
from kb_build.render.common import heading, labels
from kb_build.render.html import Markup, block, markdown
from kb_build.render.listing import ALL_PAGE
from kb_build.resolve import SiteIndex

DECISION_PAGE = "verktoy/beslutningsstotte.md"
FINDER_PAGE = "verktoy/finn-anbefalinger.md"


def render_decision(rules: DecisionRules, index: SiteIndex) -> str:
    """The criteria form, the result area, and every rule written out (the static fallback)."""
    t = index.target
    return "".join(
        [
            heading(1, rules.tittel),
            block(markdown(rules.innledning)),
            block(
                Markup('<p class="admonition-title">Støtte til faglig skjønn</p>{}').format(markdown(rules.forbehold)),
                "admonition info",
            ),
            block(
                Markup(
                    '<p class="kb-nojs">Verktøyet trenger JavaScript. Reglene det bruker, står under '
                    "«Slik virker verktøyet».</p>"
                    '<form class="kb-decision" hidden aria-label="Kjennetegn ved personen">'
                    "{}{}{}{}"
                    '<p><button type="submit" class="md-button md-button--primary">Vis hva som blir aktuelt</button> '
                    '<button type="reset" class="md-button">Nullstill svarene</button></p></form>'
                    '<div class="kb-decision-result" role="region" aria-live="polite" aria-label="Resultat" tabindex="-1"></div>'
                    '<p class="kb-decision-actions kb-noprint" hidden>'
                    '<button type="button" class="md-button kb-decision-print">Skriv ut resultatet</button> '
                    '<button type="button" class="md-button kb-decision-copy">Kopier resultatet som tekst</button> '
                    '<span class="kb-decision-copied" role="status" aria-live="polite"></span></p>'
                    '<script type="application/json" id="kb-rules">{}</script>'
                    "{}"
                ).format(
                    _choices(rules, "aldersgruppe", "Alder", [(a, n, "") for a, n in rules.aldersgrupper], radio=True),
                    _choices(rules, "kriterier", "Kriterier", [(k.id, k.navn, k.forklaring) for k in t.kriterier]),
                    _choices(
                        rules,
                        "tilstander",
                        "Langvarige tilstander",
                        [(k.id, k.navn, k.forklaring) for k in t.tilstander],
                    ),
                    _choices(
                        rules, "forhold", "Andre forhold", [(k.id, k.navn, k.forklaring) for k in t.andre_forhold]
                    ),
                    _json_for_script(_rules_data(rules, index)),
                    _results(rules, index),
                )
            ),
            heading(2, "Slik virker verktøyet", "regler"),
            block(
                Markup(
                    "<p>Hver regel sier hva som blir aktuelt å vurdere når bestemte kjennetegn passer. "
                    "Alle regler som passer, vises. Det finnes ingen poengsum.</p>{}"
                ).format(_rule_table(rules, index)),
                "kb-text kb-rules-explained",
            ),
        ]
    )


def _choices(
    rules: DecisionRules, name: str, legend: str, options: list[tuple[str, str, str]], *, radio: bool = False
) -> Markup:
    """One group of choices; its heading and explanation come from the rules file when it gives them."""
    kind = "radio" if radio else "checkbox"
    group = rules.grupper.get(name)
    about = (
        Markup('<div class="kb-facet__about" id="om-{}">{}</div>').format(name, markdown(group.forklaring))
        if group
        else Markup("")
    )
    described = Markup(' aria-describedby="om-{}"').format(name) if group else Markup("")
    items = Markup("").join(
        Markup(
            '<label class="kb-facet__option"><input type="{}" name="{}" value="{}"> <span>{}</span>{}</label>'
        ).format(kind, name, value, label, _hint(hint))
        for value, label, hint in options
    )
    title = group.tittel if group else legend
    return Markup('<fieldset class="kb-facet kb-facet--wide"{}><legend>{}</legend>{}{}</fieldset>').format(
        described, title, about, items
    )


def _hint(text: str) -> Markup:
    return Markup(' <span class="kb-muted">– {}</span>').format(text) if text else Markup("")


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
    items = [_rec_li(a, index) for a in rule.anbefalinger] + [_law_li(h, index) for h in rule.hjemler]
    return Markup('<section class="kb-rule{}" data-rule="{}"><h3>{}{}</h3>{}<ul>{}</ul></section>').format(
        " kb-rule--weak" if rule.svakt_signal else "",
        rule.id,
        rule.tittel,
        _WEAK if rule.svakt_signal else "",
        markdown(rule.forklaring),
        Markup("").join(items),
    )


def _json_for_script(data: object) -> Markup:
    """JSON that cannot close the surrounding <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # No <, > or & is left, so the text is safe as the content of a <script> element.
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


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


def _rule_table(rules: DecisionRules, index: SiteIndex) -> Markup:
    rows = Markup("").join(
        Markup("<tr><td>{}</td><td><strong>{}</strong>{}<ul>{}{}</ul></td></tr>").format(
            describe_condition(r.nar, rules, index),
            r.tittel,
            _WEAK if r.svakt_signal else "",
            Markup("").join(_rec_li(a, index) for a in r.anbefalinger),
            Markup("").join(_law_li(h, index) for h in r.hjemler),
        )
        for r in rules.regler
    )
    return Markup(
        '<table class="kb-table"><thead><tr><th scope="col">Når</th><th scope="col">Dette blir aktuelt</th></tr></thead>'
        "<tbody>{}</tbody></table>"
    ).format(rows)


_WEAK = Markup(' <span class="kb-tag kb-tag--weak">Svakt signal</span>')
_EXAMPLE = Markup(' <span class="kb-tag">Eksempel</span>')


def _rec_li(rec_id: str, index: SiteIndex) -> Markup:
    rec = index.by_id[rec_id]
    href = paths.href(DECISION_PAGE, paths.recommendation(rec))
    return Markup('<li>{} <span class="kb-section">{}</span> <a href="{}">{}</a></li>').format(
        labels(rec, index), rec.seksjon, href, rec.tittel
    )


def _law_li(key: str, index: SiteIndex) -> Markup:
    src = index.legal[key]
    return Markup('<li>Rett eller plikt: <a href="{}">{}</a> ({})</li>').format(src.url, src.label, src.tittel)


def render_finder(index: SiteIndex) -> str:
    """The old finder's address: its role and phase choices now live in Alle anbefalinger and the role pages.

    The page stays so that saved links keep working; the browser forwards them with their choices.
    """
    all_href = paths.href(FINDER_PAGE, ALL_PAGE)
    role_links = Markup("").join(
        Markup('<li><a href="{}">{}</a></li>').format(paths.href(FINDER_PAGE, roles.page(r)), r.navn)
        for r in index.roles
    )
    return heading(1, "Finn anbefalinger for min situasjon") + block(
        Markup(
            '<p class="kb-finder-moved" data-target="{0}">Du finner anbefalingene for en rolle eller en fase i '
            '<a href="{0}">Alle anbefalinger</a>: velg «Gjelder for» og «Fase i oppfølgingen» i filtrene.</p>{1}'
        ).format(
            all_href,
            Markup("<p>Hver rolle har også sin egen side:</p><ul>{}</ul>").format(role_links) if role_links else "",
        )
    )
