"""The list of abbreviations readers use, and what each stands for."""

from __future__ import annotations

from kb_build.model import Abbreviation
from kb_build.render.common import heading
from kb_build.render.html import Markup, block

PAGE = "forkortelser.md"


def render(abbreviations: tuple[Abbreviation, ...]) -> str:
    """A definition list in file order; search also finds what each abbreviation stands for."""
    terms = Markup("").join(
        Markup("<dt><abbr>{}</abbr></dt> <dd>{}</dd> ").format(a.forkortelse, a.betyr) for a in abbreviations
    )
    return "".join(
        [
            heading(1, "Forkortelser"),
            block(
                Markup(
                    "<p>Forkortelser som er vanlige i arbeidet. Søker du på en forkortelse, finner du også "
                    'tekst der det den står for, er skrevet helt ut.</p><dl class="kb-glossary">{}</dl>'
                ).format(terms)
            ),
        ]
    )
