"""The compact copies the site ships: a stylesheet written into every page, and pages without their indentation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb_build import compact_html as compact_html_module
from kb_build.compact_css import compact_css
from kb_build.mkdocs_site import THEME_DIR


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a { color: red; }\n", "a{color:red}"),
        ("/* note */ .a  >  .b ,\n .c ~ .d { margin : 0 auto ; }", ".a>.b,.c~.d{margin:0 auto}"),
        ('.x::before { content: " (" attr(href) ") "; }', '.x::before{content:" (" attr(href) ") "}'),
        ("a :hover { x: y }", "a :hover{x:y}"),  # a descendant in hover, not a hovered link
        ("div:not(.a) .b { width: calc(100% - 2px) !important; }", "div:not(.a) .b{width:calc(100% - 2px)!important}"),
        ("@media screen and (max-width: 40em) { .a { b: c; } }", "@media screen and (max-width: 40em){.a{b:c}}"),
        ("@page { margin: 15mm 14mm; }", "@page{margin:15mm 14mm}"),
        ('.a::after { content: "/* not a comment */"; }', '.a::after{content:"/* not a comment */"}'),
        (".a/**/.b { x: y } /* end */", ".a.b{x:y}"),
    ],
)
def test_compact_css_keeps_every_rule(source: str, expected: str) -> None:
    assert compact_css(source) == expected


def _rules(css: str) -> list[str]:
    """Every selector and declaration, whitespace and comments ignored: what a browser would read."""
    css = re.sub(r"/\*.*?\*/", " ", css, flags=re.DOTALL)
    return [re.sub(r"\s+", "", part) for part in re.split(r"[{};]", css) if part.strip()]


@pytest.mark.parametrize("name", ["kb.css", "kb-print.css"])
def test_theme_stylesheets_compact_to_the_same_rules(name: str) -> None:
    source = (THEME_DIR / "assets" / name).read_text(encoding="utf-8")
    compact = compact_css(source)
    assert _rules(compact) == _rules(source)
    assert "/*" not in compact and "\n" not in compact
    assert len(compact) < 0.8 * len(source)


def test_compact_html_drops_indentation_not_content() -> None:
    page = (
        '<ul class="a  b">\n    <li>\n      Ett\n\n      to</li>\n\n\n    <li title="x\n   y">tre</li>\n</ul>\n'
        "<pre>\n  kode\n    her\n</pre>\n<p><code>a\n   b</code>\n  <kbd>Ctrl\n  P</kbd></p>\n"
        '<p class="kb-diff">før\n\n<del>x</del>\n\n<ins>y</ins></p>\n'
        "<script>\n  var s = '>\\n   <';\n</script>\n  <style>\n  a { b: c }\n</style>"
    )
    assert compact_html_module.compact_html(page) == (
        '<ul class="a  b">\n<li>\nEtt\n\nto</li>\n<li title="x\n   y">tre</li>\n</ul>\n'
        "<pre>\n  kode\n    her\n</pre>\n<p><code>a\n   b</code>\n<kbd>Ctrl\n  P</kbd></p>\n"
        '<p class="kb-diff">før\n\n<del>x</del>\n\n<ins>y</ins></p>\n'
        "<script>\n  var s = '>\\n   <';\n</script>\n<style>\n  a { b: c }\n</style>"
    )


_PIECES = ["<a>", "</a>", '<b x="1">', " ", "\n", "\t", "\r", "\f", "x", ">", "<", "<!--", "-->", "<c\n>"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_compacting_by_expressions_is_compacting_tag_by_tag(part: str) -> None:
    """The fast way is taken only where no tag or comment holds a line break; there it agrees with the exact one."""
    if "<!--" in part or "\n" in "".join(re.findall(r"<[^>]*>?", part)):
        assert compact_html_module._compact_text(part) == compact_html_module._by_tags(part)
    else:
        assert compact_html_module._by_expressions(part) == compact_html_module._by_tags(part)


def test_built_pages_hold_the_stylesheet_and_fetch_print_rules_later(mini_site: Path) -> None:
    page = (mini_site / "index.html").read_text(encoding="utf-8")
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    assert style is not None
    assert style.group(1) == compact_css((THEME_DIR / "assets" / "kb.css").read_text(encoding="utf-8"))
    assert "assets/kb.css" not in page  # not linked as well
    assert '<noscript><link rel="stylesheet" href="assets/kb-print.css" media="print"></noscript>' in page
    assert '"assets/kb-print.css"' in page  # the loader in main.html
    assert "@media print" not in style.group(1)
    assert (mini_site / "assets" / "kb-print.css").is_file()
    assert "\n    <" not in page.split("<pre")[0]  # no template indentation before the first code block
