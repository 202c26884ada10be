"""Pages about this edition: source and licence, revision watch, self-assessment, open data,
the accessibility statement, and the whole guideline for printing."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from kb_build import export
from kb_build.model import AccessibilityStatement, FeedbackContact, LegalSource, Recommendation
from kb_build.render import paths
from kb_build.render.common import heading, rec_list
from kb_build.render.html import Markup, block, esc, inline_markdown, markdown, norwegian_date
from kb_build.resolve import SiteIndex

if TYPE_CHECKING:  # the table of pages imports this module
    from kb_build.render.pages import BuiltPages

SOURCE_PAGE = "kilde-og-lisens.md"
REVIEW_PAGE = "til-revisjon.md"
SELF_ASSESSMENT_PAGE = "egenvurdering.md"
OPEN_DATA_PAGE = "apne-data.md"
ACCESSIBILITY_PAGE = "tilgjengelighet.md"


OURS = (
    ("historie", "pasient- og brukerhistoriene (oppdiktede)"),
    ("sjekkliste", "sjekklistene"),
    ("beslutningsstotte", "reglene i beslutningsstøtten"),
)
"""Kinds of content that are always this edition's own, as the source page names them."""


def _ours(index: SiteIndex) -> str:
    """This edition's tools and material that exist, in one sentence."""
    present = {
        "historie": bool(index.stories),
        "sjekkliste": bool(index.checklists),
        "beslutningsstotte": index.rules is not None,
    }
    names = [name for kind, name in OURS if present[kind]] + ["egenvurderingsskjemaet"]
    text = ", ".join(names[:-1]) + " og " + names[-1] if len(names) > 1 else names[0]
    return text[0].upper() + text[1:] + "."


def render_source(index: SiteIndex) -> str:
    """What comes from the source, what is this edition's own, and the licences."""
    g = index.guideline
    n = g.nettsted
    examples = sum(1 for r in index.recommendations if r.art == "eksempel")
    duties = sum(1 for r in index.recommendations if r.art == "lovkrav")
    title = (
        Markup('<a href="{}">«{}»</a>').format(g.offisiell_url, g.tittel)
        if g.offisiell_url
        else Markup("«{}»").format(g.tittel)
    )
    written: list[Markup] = [inline_markdown(item) for item in n.skrevet_for]
    if examples:
        written.append(
            esc(
                f"{examples} {'eksempler' if examples > 1 else 'eksempel'} på hvordan det kan gjøres, merket "
                "«Eksempel (denne utgaven)». De har ingen styrke fra veilederen."
            )
        )
    if duties:
        written.append(
            esc(
                f"{duties} lovkrav, merket «Lovkrav»: hva loven krever der veilederens overskrift ikke gir "
                "noen styrke, hvert med sine lovbestemmelser."
            )
        )
    written.append(esc(_ours(index)))
    return "".join(
        [
            heading(1, "Kilde og lisens"),
            block(
                Markup(
                    "<p>Veilederen {} ({}) er gitt ut av {}, først publisert "
                    "{} og sist faglig endret {}.{} Ved tvil gjelder {}lovteksten på Lovdata.</p>"
                ).format(
                    title,
                    g.type.lower(),
                    g.utgiver,
                    g.forst_publisert[:4],
                    norwegian_date(g.sist_faglig_endret),
                    Markup(" {}").format(n.forbehold) if n.forbehold else "",
                    "den offisielle teksten og " if g.offisiell_url else "",
                )
            ),
            *(
                [
                    heading(2, "Dette er hentet fra den offisielle veilederen", "offisielt"),
                    block(
                        Markup(
                            "<ul>{}</ul><p>Lovhenvisningene er kontrollert mot gjeldende lov og lenker til Lovdata.</p>"
                        ).format(
                            Markup("").join(
                                Markup("<li>{}</li>").format(inline_markdown(item)) for item in n.hentet_fra
                            )
                        )
                    ),
                ]
                if n.hentet_fra
                else []
            ),
            heading(2, "Dette er skrevet for denne utgaven", "vart"),
            block(
                Markup("<ul>{}</ul>").format(Markup("").join(Markup("<li>{}</li>").format(item) for item in written))
            ),
            heading(2, "Lisenser", "lisenser"),
            block(
                Markup('<p><strong>Kilden:</strong> {} Lisens: <a href="{}">{}</a>.</p>{}').format(
                    g.kreditering, g.lisens_url, g.lisens_navn, markdown(n.lisens) if n.lisens else ""
                )
            ),
        ]
    )


def render_review(index: SiteIndex) -> str:
    """Every recommendation flagged for revision, grouped by the provision that changed."""
    by_source: dict[str, list[Recommendation]] = defaultdict(list)
    for rec_id, sources in index.review_flags.items():
        for src in sources:
            by_source[src.key].append(index.by_id[rec_id])
    parts = [
        heading(1, "Til revisjon"),
        block(
            Markup(
                "<p>En anbefaling er merket <strong>til revisjon</strong> når den viser til en lov- eller "
                "forskriftsbestemmelse som er endret etter at anbefalingen sist ble faglig vurdert. Det betyr ikke at "
                "anbefalingen er feil, men at den bør leses sammen med lovteksten slik den gjelder i dag.</p>"
                "<p>{} av {} anbefalinger er merket.</p>"
            ).format(len(index.review_flags), len(index.recommendations))
        ),
    ]
    ordered: list[LegalSource] = sorted((index.legal[k] for k in by_source), key=lambda s: (s.lov, s.paragraf or ""))
    for src in ordered:
        parts.append(heading(2, f"{src.label} {src.tittel}", src.key))
        parts.append(
            block(
                Markup(
                    '<p>Endret {} ({}). Kilde for datoen: {}. <a href="{}">Les bestemmelsen på Lovdata</a>.</p>'
                ).format(norwegian_date(src.endret or ""), src.endret_ved or "", src.kilde or "", src.url)
            )
        )
        flagged = sorted(by_source[src.key], key=lambda r: r.section_key)
        parts.append(block(rec_list(REVIEW_PAGE, flagged, index, summary=False), searched=False))
    return "".join(parts)


def render_self_assessment(index: SiteIndex) -> str:
    """How to assess local practice against every recommendation, with the sheets to download."""
    chapters = Markup("").join(
        Markup('<li><a href="{}" download>Kapittel {}: {}</a></li>').format(
            paths.href(SELF_ASSESSMENT_PAGE, export.self_assessment_file(c.nummer)), c.nummer, c.kort_tittel
        )
        for c in index.chapters
        if any(r.kapittel == c.nummer for r in index.recommendations)
    )
    statuses = ", ".join(export.SELF_ASSESSMENT_STATUSES)
    return "".join(
        [
            heading(1, "Egenvurdering"),
            block(
                Markup(
                    "<p>Bruk skjemaet til å vurdere hvordan kommunen eller tjenesten følger veilederen i dag: én rad per "
                    "anbefaling, med kolonner for status ({}), hvem som er ansvarlig, hvilke tiltak som trengs "
                    "og frist. Filen åpnes direkte i Excel og andre regneark.</p>"
                    '<p><a class="md-button md-button--primary" href="{}" download>'
                    "Last ned skjema for hele veilederen (CSV)</a></p>"
                    "<p>Eller ett skjema per kapittel:</p><ul>{}</ul>"
                    "<p>Tips: Gå gjennom skjemaet i ledergruppen sammen med tillitsvalgte og brukerrepresentanter, start med "
                    "skal- og må-anbefalingene, og sett en dato for ny vurdering.</p>"
                ).format(statuses, paths.href(SELF_ASSESSMENT_PAGE, export.SELF_ASSESSMENT), chapters)
            ),
        ]
    )


def render_open_data(index: SiteIndex, built: BuiltPages) -> str:
    """The open-data files that are built, their licence, and an example of use."""
    files = [
        (export.RECOMMENDATIONS, "Alle anbefalinger med hjemmel, målgruppe, tekster og endringer"),
        (export.CHECKLISTS, "Sjekklistene, med anbefalingen hvert punkt bygger på"),
        (export.STORIES, "Historiene (metadata og lenker)"),
        (export.RULES, "Reglene i beslutningsstøtten"),
        (export.SELF_ASSESSMENT, "Egenvurderingsskjemaet (CSV, semikolon, UTF-8)"),
        ("schema/eksport-anbefalinger.schema.json", "JSON Schema for anbefalinger.json"),
    ]
    items = Markup("").join(
        Markup('<li><a href="{}"><code>{}</code></a> – {}</li>').format(built.href(OPEN_DATA_PAGE, path), path, text)
        for path, text in files
        if path in built
    )
    role = index.guideline.malgrupper[0]
    example = (
        "import json, urllib.request\n\n"
        'data = json.load(urllib.request.urlopen("https://DITT-NETTSTED/data/anbefalinger.json"))\n'
        'for a in data["anbefalinger"]:\n'
        f'    if a["styrke"] in ("skal", "må") and "{role.id}" in a["målgruppe"]:\n'
        '        print(a["seksjon"], a["tittel"], [h["url"] for h in a["hjemmel"]])'
    )
    own_licence = (
        Markup(" {}").format(index.guideline.nettsted.lisens_kort)
        if index.guideline.nettsted.lisens_kort
        else Markup("")
    )
    return "".join(
        [
            heading(1, "Åpne data"),
            block(
                Markup(
                    "<p>Alt innholdet i denne utgaven kan hentes som åpne data, for eksempel til intranett, "
                    "journalsystemer eller egne verktøy. Filene følger med hver versjon av nettstedet og beskrives av "
                    "JSON-skjemaene under <code>schema/</code>. Hver fil har metadata om kilden og lisensen. "
                    "Anbefalingenes <code>id</code> endres aldri, så den kan brukes som fast nøkkel.</p><ul>{}</ul>"
                ).format(items)
            ),
            heading(2, "Eksempel", "eksempel"),
            block(
                Markup(
                    "<p>Skriv ut alle skal- og må-anbefalinger for målgruppen «{}», med lenker til "
                    "Lovdata (Python):</p><pre><code>{}</code></pre>"
                ).format(role.navn, example)
            ),
            heading(2, "Lisens", "lisens"),
            block(
                Markup('<p>{}{} Se <a href="{}">Kilde og lisens</a>.</p>').format(
                    index.guideline.kreditering, own_licence, built.href(OPEN_DATA_PAGE, SOURCE_PAGE)
                )
            ),
        ]
    )


def issue_list(edit_url: str | None) -> str | None:
    """The repository's issue list, when the edit link (``--edit-url``) points into a GitHub repository."""
    found = re.match(r"^(https://github\.com/[^/]+/[^/]+)/edit/", edit_url or "")
    return f"{found.group(1)}/issues" if found else None


COMPLAINT = Markup(
    "<p>Mener du at nettstedet ikke er universelt utformet, og at det stenger deg ute, kan du klage til "
    '<a href="https://www.diskrimineringsnemnda.no/">Diskrimineringsnemnda</a>. '
    '<a href="https://www.uutilsynet.no/">Tilsynet for universell utforming av ikt</a> (Uu-tilsynet) '
    "fører tilsyn med at nettsteder i Norge følger kravene.</p>"
)
"""Where a reader in Norway can complain, whoever publishes the site. Checked against uutilsynet.no
(the authority, part of Digitaliseringsdirektoratet, supervises; Diskrimineringsnemnda decides
complaints about ICT that is not universally designed, with the authority's tests as expert opinion)."""


def feedback_channels(contact: FeedbackContact | None, issues: str | None) -> Markup | None:
    """Where to send a report: the publisher's own address, else the issue list, else None."""
    if contact is not None:
        lines = []
        if contact.epost:
            lines.append(Markup('E-post: <a href="mailto:{0}">{0}</a>').format(contact.epost))
        if contact.nettadresse:
            lines.append(Markup('På nettet: <a href="{0}">{0}</a>').format(contact.nettadresse))
        return Markup("<p>{}</p>").format(Markup("<br>").join(lines))
    if issues:
        return Markup(
            '<p>Meld fra i prosjektets saksliste: <a href="{0}">{0}</a>. Der må du logge inn for å skrive.</p>'
        ).format(issues)
    return None


NO_CHANNEL = Markup(
    "<p>Nettstedet har ikke oppgitt noen adresse for tilbakemeldinger, så du kan ikke melde fra om feil "
    "her. Du kan likevel klage, som beskrevet nedenfor.</p>"
)


def render_accessibility(statement: AccessibilityStatement, issues: str | None = None) -> str:
    """The accessibility statement, with known deviations from the same file the tests use.

    Readers report to the publisher's own address (``tilbakemelding``); without one, to ``issues``
    (the repository's issue list, when the site is built with ``--edit-url``). Without either, the page
    says plainly that there is no address, instead of the advice on what to write (``kontakt``).
    Where to complain is the same on every site.
    """
    channels = feedback_channels(statement.tilbakemelding, issues)
    if statement.avvik:
        rows = Markup("").join(
            Markup("<tr><td>{}</td><td>{}</td><td>{}</td></tr>").format(a.beskrivelse, a.wcag, a.plan)
            for a in statement.avvik
        )
        deviations = Markup(
            '<table class="kb-table"><thead><tr><th scope="col">Avvik</th><th scope="col">WCAG</th>'
            '<th scope="col">Plan</th></tr></thead><tbody>{}</tbody></table>'
        ).format(rows)
    else:
        deviations = Markup(
            "<p>De automatiske testene finner ingen brudd på kravene. Automatiske tester finner ikke alt; "
            "meld gjerne fra om det du opplever.</p>"
        )
    return "".join(
        [
            heading(1, "Tilgjengelighetserklæring"),
            block(
                Markup(
                    "<p>Målet er at nettstedet oppfyller <strong>{}</strong>. Erklæringen ble sist vurdert {}.</p>"
                ).format(statement.standard, norwegian_date(statement.sist_vurdert))
            ),
            heading(2, "Slik testes nettstedet", "testing"),
            block(markdown(statement.testing)),
            heading(2, "Kjente avvik", "avvik"),
            block(deviations),
            heading(2, "Meld fra om feil", "kontakt"),
            block(markdown(statement.kontakt) + channels if channels else NO_CHANNEL),
            heading(2, "Klage", "klage"),
            block(COMPLAINT),
        ]
    )
