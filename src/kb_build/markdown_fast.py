"""A shortcut past Python-Markdown for pages that are only plain headings and one-word paragraphs.

Generated pages keep their finished HTML out of Markdown (each block is a one-word placeholder
paragraph), so what is left is ``# Title``, blank lines and placeholders. Running Python-Markdown
with all its extensions over that still cost about 0.23 ms a page (half a CPU-second for 2,000
recommendations), for an answer that can be written down directly: :class:`FastMarkdown` does
that in a tenth of the time, and declines (returns None) for anything it does not reproduce
exactly; then the caller runs Markdown.

It is only offered for a Python-Markdown version it was compared with, an instance whose
processors are all in :data:`_KNOWN_PROCESSORS` (extensions that add their own, such as smarty or
emoji, could change plain text) and toc options it reproduces; ``tests/test_markdown_fast.py``
compares the two on every page of our guideline and on many made-up headings.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import markdown  # type: ignore[import-untyped]  # mkdocs installs it; no stubs
from markdown.extensions.toc import (  # type: ignore[import-untyped]
    TocTreeprocessor,
    nest_toc_tokens,
    strip_tags,
    unique,
)

_VERIFIED_WITH = frozenset({(3, 11)})
"""Python-Markdown versions (major, minor) whose output the shortcut was compared with; others get no shortcut."""

_KNOWN_PROCESSORS = frozenset(
    {
        ("preprocessors", "normalize_whitespace", "markdown.preprocessors.NormalizeWhitespace"),
        ("preprocessors", "html_block", "markdown.preprocessors.HtmlBlockPreprocessor"),
        ("preprocessors", "fenced_code_block", "markdown.extensions.fenced_code.FencedBlockPreprocessor"),
        ("preprocessors", "mkdocs_raw_html", "mkdocs.structure.pages._RawHTMLPreprocessor"),
        ("blockprocessors", "empty", "markdown.blockprocessors.EmptyBlockProcessor"),
        ("blockprocessors", "indent", "markdown.blockprocessors.ListIndentProcessor"),
        ("blockprocessors", "code", "markdown.blockprocessors.CodeBlockProcessor"),
        ("blockprocessors", "hashheader", "markdown.blockprocessors.HashHeaderProcessor"),
        ("blockprocessors", "setextheader", "markdown.blockprocessors.SetextHeaderProcessor"),
        ("blockprocessors", "hr", "markdown.blockprocessors.HRProcessor"),
        ("blockprocessors", "olist", "markdown.blockprocessors.OListProcessor"),
        ("blockprocessors", "ulist", "markdown.blockprocessors.UListProcessor"),
        ("blockprocessors", "quote", "markdown.blockprocessors.BlockQuoteProcessor"),
        ("blockprocessors", "reference", "markdown.blockprocessors.ReferenceProcessor"),
        ("blockprocessors", "paragraph", "markdown.blockprocessors.ParagraphProcessor"),
        ("blockprocessors", "table", "markdown.extensions.tables.TableProcessor"),
        ("blockprocessors", "admonition", "markdown.extensions.admonition.AdmonitionProcessor"),
        ("blockprocessors", "details", "pymdownx.details.DetailsProcessor"),
        ("inlinePatterns", "backtick", "markdown.inlinepatterns.BacktickInlineProcessor"),
        ("inlinePatterns", "escape", "markdown.inlinepatterns.EscapeInlineProcessor"),
        ("inlinePatterns", "reference", "markdown.inlinepatterns.ReferenceInlineProcessor"),
        ("inlinePatterns", "link", "markdown.inlinepatterns.LinkInlineProcessor"),
        ("inlinePatterns", "image_link", "markdown.inlinepatterns.ImageInlineProcessor"),
        ("inlinePatterns", "image_reference", "markdown.inlinepatterns.ImageReferenceInlineProcessor"),
        ("inlinePatterns", "short_reference", "markdown.inlinepatterns.ShortReferenceInlineProcessor"),
        ("inlinePatterns", "short_image_ref", "markdown.inlinepatterns.ShortImageReferenceInlineProcessor"),
        ("inlinePatterns", "autolink", "markdown.inlinepatterns.AutolinkInlineProcessor"),
        ("inlinePatterns", "automail", "markdown.inlinepatterns.AutomailInlineProcessor"),
        ("inlinePatterns", "linebreak", "markdown.inlinepatterns.SubstituteTagInlineProcessor"),
        ("inlinePatterns", "html", "markdown.inlinepatterns.HtmlInlineProcessor"),
        ("inlinePatterns", "entity", "markdown.inlinepatterns.HtmlInlineProcessor"),
        ("inlinePatterns", "em_strong", "markdown.inlinepatterns.DelimiterProcessor"),
        ("treeprocessors", "inline", "markdown.treeprocessors.InlineProcessor"),
        ("treeprocessors", "prettify", "markdown.treeprocessors.PrettifyTreeprocessor"),
        ("treeprocessors", "unescape", "markdown.treeprocessors.UnescapeTreeprocessor"),
        ("treeprocessors", "attr_list", "markdown.extensions.attr_list.AttrListTreeprocessor"),
        ("treeprocessors", "toc", "markdown.extensions.toc.TocTreeprocessor"),
        ("treeprocessors", "mkdocs_extract_anchors", "mkdocs.structure.pages._ExtractAnchorsTreeprocessor"),
        ("treeprocessors", "relpath", "mkdocs.structure.pages._RelativePathTreeprocessor"),
        ("treeprocessors", "mkdocs_extract_title", "mkdocs.structure.pages._ExtractTitleTreeprocessor"),
        ("postprocessors", "raw_html", "markdown.postprocessors.RawHtmlPostprocessor"),
        ("postprocessors", "amp_substitute", "markdown.postprocessors.AndSubstitutePostprocessor"),
    }
)
"""(registry, name, class) of each processor known to leave the shapes below alone.

Core Python-Markdown, the extensions our mkdocs.yml and mkdocs itself add, and mkdocs' own
per-page processors. In text made only of letters, digits, spaces and the punctuation of
:data:`_PUNCTUATION`, none of them but the heading, paragraph, escape and toc steps does anything.
"""

_PUNCTUATION = " \u00a0.,:;!?()«»\"'’‘“”„§%/+–—-"
"""Characters a heading may hold besides letters and digits: none starts Markdown or HTML syntax here."""

_ESCAPABLE = "-.!()+#"
"""Characters a backslash may escape in a heading (the generator escapes these); each stands for itself."""

_UNSAFE_IN_OUTPUT = re.compile('[&<>"\x02\x03\n]')
"""What Python-Markdown's serializer would escape or its postprocessors replace: such an id or label declines."""


@dataclass(frozen=True)
class FastPage:
    """What a full Markdown run (with mkdocs' per-page processors) gives for one page."""

    html: str
    toc_tokens: list[Any]
    """As the toc extension leaves them in ``md.toc_tokens``: nested, for mkdocs' ``get_toc``."""
    title: str | None
    """The text of the first element if it is an ``<h1>``, as mkdocs' ``_ExtractTitleTreeprocessor`` gives it."""
    anchor_ids: set[str]
    """Every id in the page."""
    self_links: dict[str, str]
    """Anchor -> link of each link in the page to a place in the page itself (the permalinks)."""


@dataclass(frozen=True)
class FastMarkdown:
    """Converts pages of the simple shape the way one configured Markdown instance would.

    Make one with :meth:`for_instance`, which says None when the instance is configured in a way
    this class does not reproduce; :meth:`convert` then says None for each page it does not.
    """

    slugify: Callable[[str, str], str]
    separator: str
    toc_levels: range
    permalink: str | None
    """The permalink's HTML content, or None for no permalinks."""
    permalink_class: str
    permalink_title: str
    marker: str
    heading: re.Pattern[str]
    """``#`` to ``######``, one space, then a heading text of letters, digits, :data:`_PUNCTUATION` and escapes."""

    @classmethod
    def for_instance(cls, md: Any) -> FastMarkdown | None:
        """The shortcut for ``md``, or None if any of its processors or toc options is one it does not reproduce."""
        if tuple(markdown.__version_info__[:2]) not in _VERIFIED_WITH:
            return None
        registries = {
            "preprocessors": md.preprocessors,
            "blockprocessors": md.parser.blockprocessors,
            "inlinePatterns": md.inlinePatterns,
            "treeprocessors": md.treeprocessors,
            "postprocessors": md.postprocessors,
        }
        for registry_name, registry in registries.items():
            for item in registry._priority:  # Registry lists names only privately
                kind = type(registry[item.name])
                if (registry_name, item.name, f"{kind.__module__}.{kind.__qualname__}") not in _KNOWN_PROCESSORS:
                    return None
        if "toc" not in md.treeprocessors:
            return None
        toc = md.treeprocessors["toc"]
        if type(toc) is not TocTreeprocessor or not _reproducible(toc):
            return None
        permalink = toc.use_permalinks
        if permalink is True:
            content: str | None = "&para;"
        elif permalink in (False, None):
            content = None
        elif isinstance(permalink, str) and not _UNSAFE_IN_OUTPUT.search(permalink):
            content = permalink
        else:
            return None
        escapable = "".join(c for c in _ESCAPABLE if c in md.ESCAPED_CHARS)
        text_char = rf"(?:[^\W_]|[{re.escape(_PUNCTUATION)}]|\\[{re.escape(escapable)}])"
        return cls(
            slugify=toc.slugify,
            separator=toc.sep,
            toc_levels=range(toc.toc_top, toc.toc_bottom + 1),
            permalink=content,
            permalink_class=toc.permalink_class,
            permalink_title=toc.permalink_title,
            marker=toc.marker,
            heading=re.compile(rf"(#{{1,6}}) ((?![ \u00a0]){text_char}+(?<![ \u00a0]))"),
        )

    def convert(self, text: str) -> FastPage | None:
        """The page ``text`` (without front matter) as Markdown would give it, or None if it is not of the simple shape.

        The shape: headings and paragraphs of one ASCII word (such as a placeholder), each alone
        between blank lines.
        """
        if self.marker and self.marker in text:
            return None
        parts: list[str] = []
        tokens: list[dict[str, Any]] = []
        ids: set[str] = set()
        anchors: list[str] = []
        counters: dict[str, int] = {}
        title: str | None = None
        lines = text.split("\n")
        for number, line in enumerate(lines):
            if not line:
                continue
            if (number and lines[number - 1]) or (number + 1 < len(lines) and lines[number + 1]):
                return None  # a line next to another joins it in one paragraph or heading block
            if line.isascii() and line.isalnum():
                parts.append(f"<p>{line}</p>")
                continue
            found = self.heading.fullmatch(line)
            if found is None:
                return None
            level, inner = len(found[1]), re.sub(r"\\(.)", r"\1", found[2])
            name = strip_tags(inner)
            anchor = unique(self.slugify(html.unescape(name), self.separator), ids, counters)
            if _UNSAFE_IN_OUTPUT.search(anchor):
                return None
            anchors.append(anchor)
            if not parts and level == 1:
                title = " ".join(inner.split())
            if level in self.toc_levels:
                tokens.append({"level": level, "id": anchor, "name": name, "html": inner, "data-toc-label": ""})
            parts.append(f'<h{level} id="{anchor}">{inner}{self._permalink(anchor)}</h{level}>')
        self_links = {anchor: f"#{anchor}" for anchor in anchors} if self.permalink is not None else {}
        return FastPage("\n".join(parts), nest_toc_tokens(tokens), title, ids, self_links)

    def _permalink(self, anchor: str) -> str:
        if self.permalink is None:
            return ""
        title = f' title="{self.permalink_title}"' if self.permalink_title else ""
        return f'<a class="{self.permalink_class}" href="#{anchor}"{title}>{self.permalink}</a>'


def _reproducible(toc: Any) -> bool:
    """Whether :class:`FastMarkdown` writes what these toc options make: no anchor links, no level shift."""
    return bool(
        toc.base_level == 0
        and not toc.use_anchors
        and not toc.permalink_leading
        and toc.permalink_class == "headerlink"  # mkdocs leaves only this class out of the page title
        and isinstance(toc.permalink_title, str)
        and not _UNSAFE_IN_OUTPUT.search(toc.permalink_title)
        and isinstance(toc.marker, str)
        and isinstance(toc.sep, str)
        and callable(toc.slugify)
    )
