"""Templates without their indentation, so the pages a site ships come out compact.

mkdocs-material's templates and ours are indented for their readers; without it the browser gets
about a fifth fewer bytes of HTML before it can paint. The templates are compacted once, when
they are loaded (:func:`compact_template`), not every page after rendering: that cost a tenth of a
large build, for the same bytes. Only whitespace that contains a line break is touched, outside
elements whose whitespace shows (``pre``, ``textarea``, ``code``, ``kbd``, and the word diffs that kb.css sets in ``white-space: pre-line``) or is not HTML (``script``, ``style``).
Whitespace between two tags becomes one line break; in text, the spaces and tabs around each line
break go and the line breaks stay. Attribute values are left as they are. Deterministic; what a
reader sees does not change.

In a template, a line that holds only statements that write nothing themselves (``{% if %}``,
``{% set %}``, ``{% endfor %}``, a comment) would leave an empty line in every page; such a line is
joined to the one before it. What the template writes then differs only in how many line breaks
stand where there was one at least, and a line break still follows every such run of statements.
Not before a statement that writes text from elsewhere (``include``, ``block``, a ``call``): that
text could start with a word, and a line break before it can show as a space.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"<(pre|textarea|script|style|code|kbd)\b|<p class=\"kb-diff\">", re.IGNORECASE)
"""Where an element starts whose content is kept as it is; it ends at the first end tag of its name."""
_KEPT_END = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
    for name in ("pre", "textarea", "script", "style", "code", "kbd", "p")
}
_TAGS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
"""Splits a part into the text between tags (even places) and the tags (odd places)."""
_INDENTED_BREAKS = re.compile(r"[ \t\f\r]*\n[ \t\f\r\n]*")
_BLANK = " \t\f\r\n"
_BREAK_IN_TAG = re.compile(r"<[^>]*\n")
_INDENTS = re.compile(r"\n[ \t\f\r]+")
_TRAILING = re.compile(r"[ \t\f\r]+\n")
_BREAKS_BETWEEN_TAGS = re.compile(r">\n\n+(?=<|\Z)")
_BREAKS_FIRST = re.compile(r"\A\n\n+(?=<|\Z)")


_SILENT = r"(?:if|elif|else|endif|for|endfor|set|endset|import|from|macro|endmacro|endblock|endkbshared|endcall|endfilter|endwith)"
_SILENT_LINE = re.compile(rf"\n(?=(?:\{{%-?\s*{_SILENT}\b(?:(?!%\}}).)*?[^-+]%\}}|\{{#(?:(?!#\}}).)*?[^-+]#\}})+\n)")
"""A line break before a line of statements that write nothing and do not trim what follows them (``-%}``)."""


_JINJA = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.DOTALL)
_STOOD_IN = re.compile("\ue000(\\d+)\ue001")
"""A Jinja tag's place while the HTML around it is compacted: characters of Unicode's private use area."""


def compact_template(source: str) -> str:
    """A Jinja template's HTML source as :func:`compact_html` would leave the pages it renders, nearly.

    Its tags (``{% %}``, ``{{ }}``, ``{# #}``) are text to :func:`compact_html`, and left as they are:
    HTML in a string in a tag (``'<script src="'``) starts no element. The template's own ``pre``,
    ``script`` and similar elements are kept as they are. See the module's docstring for the lines
    of statements.
    """
    tags: list[str] = []

    def stand_in(tag: re.Match[str]) -> str:
        tags.append(tag[0])
        return f"\ue000{len(tags) - 1}\ue001"

    if "\ue000" in source:  # never in a template; if it were, its stand-ins could not be told apart
        return source
    compacted = compact_html(_JINJA.sub(stand_in, source))
    return _SILENT_LINE.sub("", _STOOD_IN.sub(lambda m: tags[int(m[1])], compacted))


def compact_html(html: str) -> str:
    """``html`` with the spaces and tabs around its line breaks removed where they cannot show."""
    out: list[str] = []
    done = 0
    start = _KEPT.search(html)
    while start is not None:
        end = _KEPT_END[(start[1] or "p").lower()].search(html, start.end())
        if end is None:  # not closed: not kept
            start = _KEPT.search(html, start.start() + 1)
            continue
        out.append(_compact_text(html[done : start.start()]))
        out.append(html[start.start() : end.end()])
        done = end.end()
        start = _KEPT.search(html, done)
    out.append(_compact_text(html[done:]))
    return "".join(out)


def _compact_text(part: str) -> str:
    """The text between tags of ``part`` compacted; its tags (and their attribute values) as they were."""
    return _by_tags(part) if "<!--" in part or _BREAK_IN_TAG.search(part) else _by_expressions(part)


def _by_tags(part: str) -> str:
    """:func:`_compact_text`, going from tag to tag."""
    pieces = _TAGS.split(part)
    pieces[::2] = [_compact_between(text) if "\n" in text else text for text in pieces[::2]]
    return "".join(pieces)


def _by_expressions(part: str) -> str:
    """:func:`_compact_text` for a part in which no tag or comment holds a line break (nearly every part).

    Then the whitespace that holds a line break is all text, and a few regular expressions over
    the whole part give the same result as :func:`_by_tags`, several times faster.
    """
    part = _INDENTS.sub("\n", part)
    if " \n" in part or "\t\n" in part or "\f\n" in part or "\r\n" in part:
        part = _TRAILING.sub("\n", part)
    part = _BREAKS_BETWEEN_TAGS.sub(">\n", part)  # each run of whitespace is line breaks only by now
    return _BREAKS_FIRST.sub("\n", part) if part.startswith("\n\n") else part


def _compact_between(text: str) -> str:
    """Text between two tags: one line break if it is only indentation (most is), else see :func:`_breaks`."""
    return "\n" if not text.strip(_BLANK) else _INDENTED_BREAKS.sub(_breaks, text)


def _breaks(run: re.Match[str]) -> str:
    """One line break for whitespace that is all of the text between two tags, else as many as there were."""
    whole = run.string[run.start() - 1 : run.start()] in ("", ">") and run.string[run.end() : run.end() + 1] in (
        "",
        "<",
    )
    return "\n" if whole else "\n" * run.group().count("\n")
