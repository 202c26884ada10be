"""The shortcut for plain editor text gives exactly what markdown-it gives."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kb_build.render.html import _parser, _plain_markdown, markdown

ROOT = Path(__file__).parent.parent
TEXT_FIELDS = ("tekst", "praktisk", "begrunnelse", "faglig_grunnlag", "ingress")


def _full(text: str) -> str:
    """What markdown() gives through markdown-it."""
    return str(_parser().render(text)).strip().replace("\n\n", "\n")


def _content_texts() -> list[str]:
    texts = []
    for path in sorted([*ROOT.glob("recommendations/*/*.yaml"), *ROOT.glob("examples/**/*.yaml")]):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            texts += [data[f] for f in TEXT_FIELDS if isinstance(data.get(f), str)]
    return texts


def test_the_shortcut_agrees_with_markdown_it_on_all_our_content() -> None:
    texts = _content_texts()
    shortcut = [t for t in texts if _plain_markdown(t) is not None]
    assert len(shortcut) > len(texts) / 2  # the shortcut is taken for most real text
    for text in texts:
        assert str(markdown(text)) == _full(text), text


def test_the_shortcut_takes_paragraphs_and_tight_lists_only() -> None:
    assert _plain_markdown(
        "Første avsnitt,\nsom fortsetter.\n\n- punkt én\n- punkt to,\n  over to linjer\n\nSlutt.\n"
    ) == (
        "<p>Første avsnitt,\nsom fortsetter.</p>\n<ul>\n<li>punkt én</li>\n<li>punkt to,\nover to linjer</li>\n</ul>\n"
        "<p>Slutt.</p>"
    )
    for text in ("- a\n\n- b", "a\n- b", "- a\nb", "- a\n   b", "- a\n  - b", "1. a", "a  \nb", "---", "a & b", "*a*"):
        assert _plain_markdown(text) is None, text


PLAIN = [*"ab1 -\n.)(–,!:Ø", "- ", "1. ", "\n\n", "  \n", "---", "    ", "ord", "\n- ord", "\n  ", "\n   "]
"""Pieces of text the shortcut may take, and the line starts, ends and blank lines where Markdown changes meaning."""
SPECIAL = [*'_*&<"#>[]`\\\t']


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PLAIN * 4 + SPECIAL), max_size=25).map("".join))
def test_the_shortcut_never_differs_from_markdown_it(text: str) -> None:
    plain = _plain_markdown(text)
    if plain is not None:
        assert plain == _full(text)
