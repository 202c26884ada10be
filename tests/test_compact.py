"""The compact copies the site ships: a stylesheet written into every page, and pages without their indentation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import DictLoader, Environment

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


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<a>\n  {% if x %}\n    <b>\n  {% endif %}\n</a>", "<a>{% if x %}\n<b>{% endif %}\n</a>"),
        (
            "<ul>\n  {% for i in xs %}\n    <li>{{ i }}</li>\n  {% endfor %}\n</ul>",
            "<ul>{% for i in xs %}\n<li>{{ i }}</li>{% endfor %}\n</ul>",
        ),
        ("<a>\n  {# note #}\n  {% set y = 1 %}\n<b>", "<a>{# note #}{% set y = 1 %}\n<b>"),
        # text from elsewhere could start with a word: the line break before it stays
        (
            '<a>\n  {% include "x.html" %}\n  {% block b %}{% endblock %}\n</a>',
            '<a>\n{% include "x.html" %}\n{% block b %}{% endblock %}\n</a>',
        ),
        # a statement that trims what follows it would take the line break that is left
        ("word\n  {% if x -%}\n  more", "word\n{% if x -%}\nmore"),
        ("<pre>\n  {% if x %}\n  kept\n</pre>", "<pre>\n  {% if x %}\n  kept\n</pre>"),
        # HTML in a string in a tag starts no element
        (
            "<a>\n  {% set s = t.split('<script src=\"') %}\n  <b>\n</a>",
            "<a>{% set s = t.split('<script src=\"') %}\n<b>\n</a>",
        ),
        ("<a>\n  {{ '<pre>' }}\n    <b>\n</a>", "<a>\n{{ '<pre>' }}\n<b>\n</a>"),
    ],
)
def test_compact_template_joins_lines_of_silent_statements(source: str, expected: str) -> None:
    assert compact_html_module.compact_template(source) == expected


_LINES = [
    *("{% if a %}", "{% if b -%}", "{% else %}", "{% endif %}", "{% for i in n %}", "{% endfor %}", "{% set c = 1 %}"),
    *("{# note #}", "{% set c = 2 %}word", "<i>{% if b %}x{% endif %}</i>", "{% include 'w' %}", "{{ v }}", "  word"),
    *("<p>", "</p>", "<i>x</i>", "   ", ""),
]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=14), st.booleans(), st.booleans(), st.integers(0, 2))
def test_a_compacted_template_renders_what_compacting_the_page_would(
    lines: list[str], a: bool, b: bool, n: int
) -> None:
    """The same text and tags, and a line break wherever compacting the rendered page leaves one."""
    source = "\n".join(["<div>", *_balanced(lines), "</div>"])
    env = Environment(autoescape=True, loader=DictLoader({"w": "word"}))
    values = {"a": a, "b": b, "n": range(n), "v": "value"}
    rendered = env.from_string(source).render(values)
    compacted = env.from_string(compact_html_module.compact_template(source)).render(values)
    assert re.sub(r"\n+", "\n", compacted) == re.sub(r"\n+", "\n", compact_html_module.compact_html(rendered))


def _balanced(lines: list[str]) -> list[str]:
    """``lines`` with the blocks it opens closed and stray closings and elses dropped: a template Jinja compiles."""
    out: list[str] = []
    open_: list[list[str]] = []  # per open block: its end tag, and "else" once it has one
    for line in lines:
        if line.startswith(("{% if", "{% for")):
            open_.append(["{% endif %}" if "if" in line else "{% endfor %}"])
        elif line == "{% else %}":
            if not open_ or "else" in open_[-1]:
                continue
            open_[-1].append("else")
        elif line in ("{% endif %}", "{% endfor %}"):
            if not open_ or open_[-1][0] != line:
                continue
            open_.pop()
        out.append(line)
    return out + [block[0] for block in reversed(open_)]


def test_pages_ship_without_template_indentation(mini_site: Path) -> None:
    """Compacting a built page again changes at most how many line breaks stand together."""
    pages = sorted(mini_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert re.sub(r"\n+", "\n", compact_html_module.compact_html(page)) == re.sub(r"\n+", "\n", page), path


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
