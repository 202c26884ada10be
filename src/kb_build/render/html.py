"""Escaping and safe Markdown: the only way text from YAML reaches a page.

Editors write Markdown in YAML. It is rendered here with raw HTML disabled and link
schemes checked, so ``<script>``, event handlers and ``javascript:`` links never reach HTML.

Finished HTML is MarkupSafe ``Markup``; anything else is text. The helpers here take
``Markup`` where HTML goes and ``str`` where text goes, so mypy rejects text passed as HTML,
and ``Markup("<p>{}</p>").format(text)`` escapes its arguments without a call to ``esc``.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any, Self, cast

import markupsafe
from markdown_it import MarkdownIt

from kb_build.model import LABELS


class Markup(markupsafe.Markup):
    """MarkupSafe's ``Markup``, with a ``format`` and a ``join`` that do their work in C.

    ``markupsafe.Markup.format`` runs ``string.Formatter`` in Python, and ``format`` and ``join``
    make a ``Markup`` of every escaped argument; with hundreds of thousands of calls per large
    build that was a fifth of the build's time. For a template whose fields are all plain
    (``{}``, ``{0}``, ``{name}``: no format spec, conversion, attribute or index) escaping each
    argument to a ``str`` first and calling ``str.format`` gives the same string; any other
    template goes to MarkupSafe's own ``format``. The renderers import ``Markup`` from here.
    """

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> Self:
        if not _plain_fields(str(self)):
            return super().format(*args, **kwargs)
        filled = str.format(self, *map(_html, args), **{key: _html(value) for key, value in kwargs.items()})
        return str.__new__(type(self), filled)

    def join(self, iterable: Iterable[Any], /) -> Self:
        return str.__new__(type(self), str.join(self, map(_html, iterable)))


def _html(value: object) -> str:
    """What ``markupsafe.escape`` makes of ``value``, as a plain ``str``."""
    if type(value) is not str:
        if hasattr(value, "__html__"):
            return cast(str, value.__html__())
        value = str(value)
    return (
        value.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


@lru_cache(maxsize=4096)  # templates are literals in the renderers: a few hundred
def _plain_fields(template: str) -> bool:
    """Whether every replacement field of ``template`` is plain: ``{}``, ``{0}`` or ``{name}``."""
    return all(
        not spec and conversion is None and (name == "" or name.isdigit() or name.isidentifier())
        for _, name, spec, conversion in string.Formatter().parse(template)
        if name is not None
    )


_SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
"""The characters Python-Markdown lets a backslash escape; others would show the backslash."""


def _valid_link(url: str) -> bool:
    """Allow web, mail and phone links, and relative links; nothing that can run code."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url)).lower()
    scheme = re.match(r"^[a-z][a-z0-9+.-]*:", cleaned)
    return scheme is None or scheme.group(0) in _SAFE_SCHEMES


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = _valid_link  # type: ignore[method-assign]  # markdown-it-py's documented hook
    md.disable(["heading", "lheading", "html_block", "html_inline", "image"])
    return md


def esc(text: str) -> Markup:
    """Escape text for HTML content and attribute values."""
    return Markup(_html(text))


def md_inline_escape(text: str) -> str:
    """Escape text for a Markdown context (headings, link text) so it stays literal."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=True))


_MEMO: ContextVar[tuple[dict[str, Markup], Mapping[str, Markup]] | None] = ContextVar("markdown_memo", default=None)


@contextmanager
def markdown_memo(memo: dict[str, Markup] | None = None, *, last: Mapping[str, Markup] | None = None) -> Iterator[None]:
    """Convert each text once within the block: pages, the print copy and search entries render the same texts.

    The memo lives for one rendering of a site; ``memo`` continues one (see :func:`current_memo`).
    ``last`` is the memo of the rendering before (the preview's): a text converted then is taken
    from there. So a long preview session keeps only the texts of its last rendering, and
    converts only the texts a save changed.
    """
    token = _MEMO.set(({} if memo is None else memo, last or {}))
    try:
        yield
    finally:
        _MEMO.reset(token)


def current_memo() -> dict[str, Markup] | None:
    """The memo of the :func:`markdown_memo` block this runs in, if any."""
    memo = _MEMO.get()
    return None if memo is None else memo[0]


def markdown(text: str) -> Markup:
    """Render editor Markdown to sanitised HTML on compact lines (safe inside raw HTML blocks)."""
    memo = _MEMO.get()
    if memo is None:
        return _convert(text)
    texts, last = memo
    found = texts.get(text)
    if found is None:
        found = last.get(text)
        texts[text] = found = _convert(text) if found is None else found
    return found


_PLAIN_TEXT = re.compile(r"(?:[^\W_]|[ ,.;:?!§%/'’«»–()\n-])*")
"""Letters, digits and punctuation that mean nothing to Markdown, and none that HTML escapes."""
_PLAIN_LINE = re.compile(r"(?!-|\d+[.)])\S(?:.*\S)?")
"""A line that continues a paragraph as it is: no space at either end, not a list item or rule."""


def _plain_markdown(text: str) -> str | None:
    """What :func:`markdown` makes of plain paragraphs and tight ``- `` lists, or None for anything else.

    Most editor text is that simple, and markdown-it's full parse of it was the largest part
    of rendering; ``tests/test_markdown.py`` checks the two agree.
    """
    if not _PLAIN_TEXT.fullmatch(text):
        return None
    out: list[str] = []
    after_list = False  # two lists with only blank lines between them are one loose list
    for group in re.split(r"\n\n+", text.strip("\n")):
        lines = group.split("\n")
        if all(_PLAIN_LINE.fullmatch(line) for line in lines):
            out.append(f"<p>{group}</p>")
            after_list = False
        elif not after_list and (items := _list_items(lines)) is not None:
            out.append("<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>")
            after_list = True
        else:
            return None
    return "\n".join(out)


def _list_items(lines: list[str]) -> list[str] | None:
    """The items of a tight ``- `` list, each line of an item after the first indented by two spaces; or None."""
    items: list[str] = []
    for line in lines:
        if line[:2] == "- " and _PLAIN_LINE.fullmatch(line[2:]):
            items.append(line[2:])
        elif items and line[:2] == "  " and _PLAIN_LINE.fullmatch(line[2:]):
            items[-1] += "\n" + line[2:]
        else:
            return None
    return items


def _convert(text: str) -> Markup:
    plain = _plain_markdown(text)
    if plain is not None:
        return Markup(plain)  # only characters that need no escaping (_PLAIN_TEXT)
    rendered: str = _parser().render(text)
    # markdown-it escapes text and drops raw HTML and unsafe links (see ``_parser``).
    return Markup(rendered.strip().replace("\n\n", "\n"))


def inline_markdown(text: str) -> Markup:
    """Render one paragraph of editor Markdown without its ``<p>``, to sit inside other text."""
    rendered = markdown(text)
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return Markup(rendered[len("<p>") : -len("</p>")])  # a slice of Markup
    return rendered


BLOCK_START = Markup("<!--kb-->")
UNSEARCHED_BLOCK_START = Markup("<!--kb-unsearched-->")
BLOCK_END = Markup("<!--/kb-->")
"""Markers around finished HTML. YAML text can never produce them: its ``<`` is escaped."""


def block(inner: Markup, css_class: str = "kb-text", *, searched: bool = True) -> str:
    """Wrap finished HTML in a marked block of the Markdown page that needs no Markdown processing.

    ``searched=False`` for what a reader finds on other pages already, such as a list of
    recommendations: search leaves it out, so a search finds the recommendation, not each list
    that names it, and the index does not grow with every list (see ``mkdocs_site``).
    """
    start = BLOCK_START if searched else UNSEARCHED_BLOCK_START
    return str(Markup('\n<div class="{}">{}\n{}\n{}</div>\n').format(css_class, start, inner, BLOCK_END))


def div(inner: Markup, css_class: str = "kb-text") -> Markup:
    """A plain ``<div>``, for parts inside a block."""
    return Markup('<div class="{}">{}</div>').format(css_class, inner)


PERMALINK_TITLE = "Lenke til denne delen"
"""The permalink title, as mkdocs.yml gives it to the Markdown toc extension."""


def html_heading(level: int, text: str, anchor: str) -> Markup:
    """A heading inside a block, with the permalink the toc extension gives Markdown headings.

    mkdocs adds such headings to the page's table of contents (see ``mkdocs_site``).
    """
    return Markup('<h{0} id="{1}">{2}<a class="headerlink" href="#{1}" title="{3}">&para;</a></h{0}>').format(
        level, anchor, text, PERMALINK_TITLE
    )


_ICONS = {
    # Shapes differ per label so the badge never relies on colour alone.
    "lovkrav": Markup('<path d="M2 2h12v12H2z"/>'),
    "skal": Markup('<path d="M8 1 15 8 8 15 1 8z"/>'),
    "må": Markup('<path d="M8 1 15 8 8 15 1 8z"/>'),
    "bør": Markup('<path d="M8 2 15 14H1z"/>'),
    "kan": Markup('<circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" stroke-width="2.5"/>'),
    "eksempel": Markup(
        '<path d="M2.5 2.5h11v11h-11z" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="3 2"/>'
    ),
}

LABEL_NAMES = {
    "lovkrav": "Lovkrav",
    "skal": "Skal",
    "må": "Må",
    "bør": "Bør",
    "kan": "Kan",
    "eksempel": "Eksempel (denne utgaven)",
}
"""The text on each badge: the guideline's strength word, «Lovkrav», or this edition's example."""

KIND_NAMES = {
    "anbefaling": "Veilederens anbefaling",
    "lovkrav": "Lovkrav",
    "eksempel": "Eksempel fra denne utgaven",
}
"""The three kinds of statement, as lists, filters, print and CSV name them."""


def badge(label: str) -> Markup:
    """Return the badge for a label (a strength word, «lovkrav» or «eksempel»): text, colour and shape."""
    assert label in LABELS
    return Markup(
        '<span class="kb-badge kb-badge--{}"><svg aria-hidden="true" focusable="false" viewBox="0 0 16 16"'
        ' width="12" height="12">{}</svg><span>{}</span></span>'
    ).format(label, _ICONS[label], LABEL_NAMES[label])


def norwegian_date(iso: str) -> str:
    """Format ``2018-01-30`` as «30. januar 2018»."""
    months = (
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    )
    year, month, day = iso.split("-")
    return f"{int(day)}. {months[int(month) - 1]} {year}"
