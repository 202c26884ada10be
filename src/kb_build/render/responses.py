"""Consultation responses in the browser: the comment form on each draft page and «Mine høringssvar».

Only the consultation draft (built with a banner of status ``høringsutkast``) has them. The form's
choices come from ``schema/horingssvar.schema.json``, the one definition of the response file;
``assets/horing.js`` keeps the comments in the browser's localStorage and writes that file, which
``kb-build horing samle`` reads. Nothing is sent anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kb_build.consultation import CHAPTER, GENERAL, SCHEMA
from kb_build.render import paths
from kb_build.render.common import heading
from kb_build.render.html import Markup, block, html_heading

PAGE = "horingssvar.md"
SCRIPT = "assets/horing.js"


@dataclass(frozen=True)
class Consultation:
    """What the draft's pages need to collect responses: which draft, its deadline, its questions."""

    versjon: str
    frist: str
    """The deadline, already written out for readers («1. april 2027»)."""
    sporsmal: tuple[tuple[str, str], ...]
    """The general questions as (id, question)."""
    lager: str
    """The localStorage key: the guideline and the draft, so two drafts opened from disk never mix."""

    @classmethod
    def from_banner(cls, banner: Mapping[str, Any] | None, guideline: str) -> Consultation | None:
        """The consultation of a draft being built, or None for any other build."""
        if not banner or banner.get("status") != "høringsutkast":
            return None
        questions = tuple((str(q["id"]), str(q["tittel"])) for q in banner.get("sporsmal", ()))
        versjon = str(banner["versjon"])
        return cls(versjon, str(banner.get("frist", "")), questions, f"kb-horingssvar:{guideline}:{versjon}")


def _choices(schema: Mapping[str, Any], field: str) -> tuple[str, ...]:
    return tuple(str(v) for v in schema["properties"][field]["enum"])


def _select(ident: str, name: str, label: str, options: tuple[str, ...], *, empty: str | None = None) -> Markup:
    first = Markup('<option value="">{}</option>').format(empty) if empty is not None else Markup("")
    opts = Markup("").join(Markup('<option value="{}">{}</option>').format(o, o[:1].upper() + o[1:]) for o in options)
    return Markup('<p><label for="{0}">{1}</label><br><select id="{0}" name="{2}">{3}{4}</select></p>').format(
        ident, label, name, first, opts
    )


def _form(schema: Mapping[str, Any], gjelder: str, title: str, anchor: str) -> Markup:
    """One comment form and the comments already written about ``gjelder``, filled in by the script."""
    ident = "kb-svar-" + gjelder.replace(":", "-")
    limit = schema["properties"]["kommentar"].get("maxLength", 20000)
    return Markup(
        '<form class="kb-respond-form kb-needs-js kb-noprint" data-kb-gjelder="{0}" '
        'data-kb-tittel="{1}" aria-labelledby="{2}">'
        "{3}"
        '<p><label for="{4}-tekst">Kommentar</label><br>'
        '<textarea id="{4}-tekst" name="kommentar" rows="5" maxlength="{5}" required></textarea></p>'
        '<p><button type="submit" class="md-button">Lagre kommentaren</button></p>'
        '<p class="kb-respond-status" role="status"></p>'
        "</form>"
        '<div class="kb-respond-saved" data-kb-gjelder="{0}"></div>'
    ).format(
        gjelder,
        title,
        anchor,
        _select(f"{ident}-type", "kommentartype", "Type kommentar", _choices(schema, "kommentartype")),
        ident,
        int(limit),
    )


def _section(c: Consultation, schema: Mapping[str, Any], page: str, gjelder: str, title: str) -> str:
    anchor = "horingssvar"
    mine = paths.href(page, PAGE)
    return block(
        Markup(
            '<section class="kb-respond" data-kb-lager="{}">{}'
            "<p>Høringsfrist: {}. Kommentaren lagres bare i denne nettleseren, og ingenting sendes "
            'før du selv gjør det. Når du er ferdig, går du til <a href="{}">Mine høringssvar</a>, '
            "fyller inn hvem du svarer for og laster ned svarfilen.</p>"
            "<noscript><p>Skjemaet trenger JavaScript. Du kan også svare slik høringsbrevet beskriver.</p></noscript>"
            "{}"
            "</section>"
            '<script src="{}" defer></script>'
        ).format(
            c.lager,
            html_heading(2, "Gi høringssvar til denne siden", anchor),
            c.frist,
            mine,
            _form(schema, gjelder, title, anchor),
            paths.href(page, SCRIPT),
        ),
        "kb-text kb-respond-block",
    )


def recommendation_section(c: Consultation, schema: Mapping[str, Any], page: str, rec_id: str, title: str) -> str:
    """The response form at the end of a draft recommendation's page."""
    return _section(c, schema, page, rec_id, title)


def chapter_section(c: Consultation, schema: Mapping[str, Any], page: str, chapter_id: str, title: str) -> str:
    """The response form at the end of a draft chapter's page."""
    return _section(c, schema, page, f"{CHAPTER}{chapter_id}", title)


def render_page(c: Consultation, schema: Mapping[str, Any]) -> str:
    """«Mine høringssvar»: who answers, the general questions, every comment, download and print."""
    props = schema["properties"]
    who = Markup(
        '<fieldset class="kb-respond-who kb-needs-js kb-noprint"><legend>Hvem svarer</legend>'
        '<p><label for="kb-svar-organisasjon">{}</label><br>'
        '<input id="kb-svar-organisasjon" name="organisasjon" type="text" autocomplete="organization" '
        'maxlength="{}" required></p>'
        "{}"
        '<p><label for="kb-svar-navn">{} (kan stå tomt)</label><br>'
        '<input id="kb-svar-navn" name="navn" type="text" autocomplete="name" '
        'maxlength="{}"></p>'
        '<p class="kb-respond-status" role="status"></p>'
        "</fieldset>"
    ).format(
        props["organisasjon"]["title"],
        int(props["organisasjon"].get("maxLength", 200)),
        _select(
            "kb-svar-organisasjonstype",
            "organisasjonstype",
            str(props["organisasjonstype"]["title"]),
            _choices(schema, "organisasjonstype"),
            empty="Velg type",
        ),
        props["navn"]["title"],
        int(props["navn"].get("maxLength", 200)),
    )
    parts = [
        heading(1, "Mine høringssvar"),
        block(
            Markup(
                '<div class="kb-respond" data-kb-lager="{}">'
                "<p>Her er alt du har skrevet til utkastet til utgave {}, som er på høring til og "
                "med {}. Kommentarene ligger bare i denne nettleseren; ingenting sendes. Last ned "
                "svarfilen (CSV) og send den slik høringsbrevet ber om, eller skriv ut siden.</p>"
                "<noscript><p>Siden trenger JavaScript.</p></noscript>"
                "{}"
                '<dl class="kb-respond-who-print"></dl>'
                "</div>"
            ).format(c.lager, c.versjon, c.frist, who),
            "kb-text kb-respond-block",
        ),
    ]
    if c.sporsmal:
        parts.append(heading(2, "Generelle spørsmål", "generelle-sporsmal", css_class="kb-noprint"))
        for qid, question in c.sporsmal:
            anchor = f"sporsmal-{qid}"
            parts.append(
                block(
                    Markup('<div class="kb-respond" data-kb-lager="{}">{}{}</div>').format(
                        c.lager, html_heading(3, question, anchor), _form(schema, f"{GENERAL}{qid}", question, anchor)
                    ),
                    "kb-text kb-respond-block kb-noprint",
                )
            )
    parts.append(
        block(
            Markup(
                '<div class="kb-respond" data-kb-lager="{}">{}'
                '<div class="kb-respond-saved" data-kb-gjelder=""></div>'
                '<p class="kb-respond-actions kb-needs-js kb-noprint">'
                '<button type="button" class="md-button md-button--primary" data-kb-action="last-ned">'
                "Last ned svarfilen (CSV)</button> "
                '<button type="button" class="md-button" data-kb-action="skriv-ut">Skriv ut</button></p>'
                '<p class="kb-respond-status kb-noprint" role="status" data-kb-status="nedlasting"></p>'
                '</div><script src="{}" defer></script>'
            ).format(c.lager, html_heading(2, "Alle kommentarene dine", "alle"), paths.href(PAGE, SCRIPT)),
            "kb-text kb-respond-block",
        )
    )
    return "".join(parts)


def schema_of(schemas: Mapping[str, Mapping[str, Any]]) -> Mapping[str, Any]:
    """The response format among the project's schemas."""
    return schemas[SCHEMA]
