"""The Markdown shortcut for generated pages gives exactly what Python-Markdown gives, or declines."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import markdown  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb_build import second_process
from kb_build.build import build
from kb_build.config import make_config
from kb_build.markdown_fast import FastMarkdown
from kb_build.mkdocs_site import _KbPlugin, render_fast, render_fully

REPO = Path(__file__).parent.parent


@dataclass
class RealBuild:
    """What mkdocs gave the Markdown step in one build of our guideline."""

    config: Any
    files: Any
    pages: list[tuple[Any, str]]
    """Each page's file and Markdown (front matter taken off)."""


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> RealBuild:
    captured: list[tuple[Any, str]] = []
    seen: dict[str, Any] = {}
    render_markdown = _KbPlugin.render_markdown

    def record(self: _KbPlugin, page: Any, config: Any, files: Any) -> None:
        captured.append((page.file, page.markdown))
        seen.update(config=config, files=files)
        render_markdown(self, page, config, files)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(second_process, "worth_sharing", lambda _: False)  # every page in this process
        patch.setattr(_KbPlugin, "render_markdown", record)
        result = build(make_config(REPO, tmp_path_factory.mktemp("fast") / "site", strict=True))
    assert not result.failed(strict=True)
    return RealBuild(seen["config"], seen["files"], captured)


def _instance(config: Any, **toc: Any) -> Any:
    """A Markdown instance as mkdocs makes it from ``config``, with toc options changed by ``toc``."""
    configs = {**(config["mdx_configs"] or {})}
    configs["toc"] = {**configs.get("toc", {}), **toc}
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=configs)


def _links(toc: Any) -> Iterator[tuple[str, str, int, str, list[Any]]]:
    for link in toc:
        yield link.title, link.id, link.level, link.url, list(_links(link.children))


def _state(page: Any) -> tuple[Any, ...]:
    return (
        page.content,
        list(_links(page.toc)),
        page._title_from_render,
        page.present_anchor_ids,
        page.links_to_anchors,
    )


def _both(md: Any, real: RealBuild, text: str) -> tuple[tuple[Any, ...] | None, tuple[Any, ...]]:
    """The page's state from the shortcut (None if it declines) and from the full Markdown run."""
    fast_markdown = FastMarkdown.for_instance(md)
    assert fast_markdown is not None
    file = real.pages[0][0]
    fast_page, full_page = SimpleNamespace(markdown=text, file=file), SimpleNamespace(markdown=text, file=file)
    taken = render_fast(fast_markdown, fast_page)
    render_fully(md, full_page, real.config, real.files)
    return (_state(fast_page) if taken else None), _state(full_page)


def test_every_page_of_our_guideline_gets_what_markdown_gives(real: RealBuild) -> None:
    md = _instance(real.config)
    taken = []
    for file, text in real.pages:
        fast, full = _both(md, real, text)
        if fast is not None:
            assert fast == full, file.src_uri
            taken.append(file.src_uri)
    recommendations = [file.src_uri for file, _ in real.pages if file.src_uri.startswith("anbefalinger/")]
    assert len(recommendations) >= 30
    assert set(recommendations) <= set(taken)  # the shortcut serves every recommendation page
    assert any("\\-" in text for file, text in real.pages if file.src_uri in recommendations)


def _page(title: str) -> str:
    """A page as the generator writes one: a title, placeholders and subheadings with the same text."""
    return f"# {title}\n\n\n\nkbblock00000\n\n\n\n## {title}\n\n\n\nkbblock00001\n\n## {title}\n\n### {title}\n"


TAKEN = [
    "Kommunen bør sikre at pasient og bruker får én fast kontaktperson",
    "Ærlig, øyeblikkelig og åpen: ÆØÅ æøå",
    "Tiltak 12 av 2024, 3,5 % og 100 %",
    "«§ 7-1 Individuell plan»",
    "Pasient\\- og brukerrettighetsloven § 2\\-5 b",
    "1\\. Innledning",
    "Plan \\(utkast\\) \\+ vedlegg\\!",
    "Nummer \\#1 og C\\# i teksten",
    "Slutter med C\\#",
    "\\#1 først",
    "Han sa \"ja\" og 'kanskje'",
    "Det er “vår” sak, ‘deres’ og „sitt“",
    "Hva nå? Når — og hvorfor – ikke!",
    "§\u00a07-1 med hardt mellomrom",
    "To  mellomrom  inni",
    "§",
    "– –",
    "1",
    "a/b: se https://example.com/side og www.example.no",
    "Ordet " * 150 + "slutt",
]

DECLINED = [
    "*viktig*",
    "snake_case",
    "\\_ikke",
    "`kode`",
    "[lenke](side.md)",
    "<b>fet</b>",
    "Helse & omsorg",
    "&amp;",
    "skrå \\ strek",
    "slutt \\",
    "Tittel {: .klasse }",
    "Tittel { #egen-id }",
    "C# språk",
    "Tittel #",
    "a | b",
    "a\tb",
    "mellomrom på slutten ",
    " mellomrom først",
    "hardt på slutten\u00a0",
    "a ~~b~~ = c",
    "e-post: a@b.no",
    "",
]


@pytest.mark.parametrize("title", TAKEN)
def test_headings_of_plain_text_are_taken_and_equal(real: RealBuild, title: str) -> None:
    fast, full = _both(_instance(real.config), real, _page(title))
    assert fast == full


@pytest.mark.parametrize("title", DECLINED)
def test_headings_with_markdown_or_html_syntax_are_declined(real: RealBuild, title: str) -> None:
    fast, _ = _both(_instance(real.config), real, _page(title))
    assert fast is None


@pytest.mark.parametrize(
    "text",
    [
        "# Tittel\nkbblock00000",  # a paragraph joined to the heading's block
        "kbblock00000\nkbblock00001",  # one paragraph of two lines
        "kbblock00000 kbblock00001",
        "    kbblock00000",
        "kbblock00000\n   \n",
        "#Tittel",
        "####### Sju",
        "# Tittel\r\n",
        "Tittel\n=====",
        "æøå",
        "1. punkt",
    ],
)
def test_other_shapes_are_declined(real: RealBuild, text: str) -> None:
    fast, _ = _both(_instance(real.config), real, text)
    assert fast is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "kbblock00000",
        "kbblock00000\n\nkbblock00001\n",
        "## Først en underoverskrift\n\n# Så tittelen",  # no page title: the first element is no <h1>
        "### C\n\n# A\n\n## B\n\n###### F\n\n## B\n\n# A",  # levels out of order, repeated ids
        "# A\n\n## A\n\n## A 1\n\n## A\n\n## A",  # a_1 and so on, beside an id that looks like one
    ],
)
def test_pages_without_or_with_many_headings_are_equal(real: RealBuild, text: str) -> None:
    fast, full = _both(_instance(real.config), real, text)
    assert fast == full


PLAIN = [*"aæ1 §-.,:;!?()«»\"'–/%+", "\\-", "\\.", "\\#", "\\(", "\\!", "\u00a0", "  "]
"""Pieces of heading text the shortcut takes."""
SPECIAL = [*"*_`[]<>&\\{}#|~=@\t"]
"""Markdown or HTML syntax (and a tab) that the shortcut must leave to Markdown."""


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(PLAIN * 8 + SPECIAL), min_size=1, max_size=12).map("".join), min_size=1, max_size=3
    )
)
def test_made_up_headings_are_equal_whenever_taken(real: RealBuild, titles: list[str]) -> None:
    text = "\n\n".join(f"{'#' * (n % 3 + 1)} {title}\n\nkbblock0000{n}" for n, title in enumerate(titles))
    fast, full = _both(_instance(real.config), real, text)
    if fast is not None:
        assert fast == full


SHAPES = ["# A", "## A b", "###### A", "kbblock00000", "kbblock00001", "Ord", "1", ""]
"""Lines of the shapes the shortcut takes."""
BREAKERS = ["   ", "=====", "---", "- a", "1. a", "    kbblock00002", "# A {: .x }", "[TOC]", "# A\\", "#A", "> a"]
BREAKERS += ["!!! note", "??? note", "| a |"]
"""Lines that change what the lines around them mean."""


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SHAPES * 4 + BREAKERS), st.sampled_from(["\n\n", "\n\n\n\n", "\n"]))))
def test_made_up_pages_are_equal_whenever_taken(real: RealBuild, lines: list[tuple[str, str]]) -> None:
    fast, full = _both(_instance(real.config), real, "".join(line + end for line, end in lines))
    if fast is not None:
        assert fast == full


@pytest.mark.parametrize(
    "toc",
    [
        {"permalink": False},
        {"permalink": "#"},
        {"permalink_title": ""},
        {"permalink_title": "Permanent link"},
        {"toc_depth": "2-3"},
        {"toc_depth": 1},
        {"separator": "_"},
        {"slugify": markdown.extensions.toc.slugify_unicode},
        {"marker": "Innhold"},
    ],
)
def test_other_toc_options_are_reproduced(real: RealBuild, toc: dict[str, Any]) -> None:
    md = _instance(real.config, **toc)
    for title in [*TAKEN, "Innhold"]:
        fast, full = _both(md, real, _page(title))
        assert fast is None or fast == full
        assert fast is not None or title == "Innhold"


@pytest.mark.parametrize(
    "toc",
    [
        {"anchorlink": True},
        {"permalink_leading": True},
        {"baselevel": 2},
        {"permalink_class": "lenke"},
        {"permalink_title": 'med "sitat"'},
        {"permalink": "<b>#</b>"},
    ],
)
def test_toc_options_it_does_not_reproduce_turn_it_off(real: RealBuild, toc: dict[str, Any]) -> None:
    assert FastMarkdown.for_instance(_instance(real.config, **toc)) is None


@pytest.mark.parametrize("extension", ["smarty", "abbr", "footnotes", "pymdownx.emoji", "pymdownx.magiclink"])
def test_extensions_it_does_not_know_turn_it_off(real: RealBuild, extension: str) -> None:
    md = markdown.Markdown(
        extensions=[*real.config["markdown_extensions"], extension], extension_configs=real.config["mdx_configs"]
    )
    assert FastMarkdown.for_instance(md) is None
    assert FastMarkdown.for_instance(_instance(real.config)) is not None


def test_a_markdown_version_it_was_not_compared_with_turns_it_off(
    real: RealBuild, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert FastMarkdown.for_instance(_instance(real.config)) is not None
    monkeypatch.setattr(markdown, "__version_info__", (3, 12, 0, "final", 0))
    assert FastMarkdown.for_instance(_instance(real.config)) is None
