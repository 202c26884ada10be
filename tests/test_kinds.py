"""The table of content kinds and the table of built pages: a guideline may leave out any optional kind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import MINI, copy_project, run_check
from kb_build.errors import BuildError
from kb_build.kinds import KINDS
from kb_build.nav import NavItem
from kb_build.render import paths
from kb_build.render.pages import BuiltPages
from kb_build.render.site import render_site
from kb_build.schemas import Schemas

OPTIONAL = [kind for kind in KINDS if not kind.required]


def test_every_kind_has_its_schema_and_a_file_pattern_in_its_place() -> None:
    schemas = Schemas(MINI / "schema").documents
    for kind in KINDS:
        assert kind.schema in schemas, kind.name
        assert kind.pattern.startswith(kind.path), kind.name
        assert (kind.model is None) == (kind.key is None) == (not kind.per_item), kind.name


def _without(tmp_path: Path, kinds: list[str]) -> Path:
    root = copy_project(MINI, tmp_path / "p")
    for kind in KINDS:
        if kind.name in kinds:
            target = root / kind.path
            if target.is_dir():
                for path in sorted(target.rglob("*.yaml")):
                    path.unlink()
            else:
                target.unlink(missing_ok=True)
    return root


def _nav_pages(nav: list[NavItem]) -> set[str]:
    found: set[str] = set()
    for item in nav:
        for value in item.values():
            found |= {value} if isinstance(value, str) else _nav_pages(value)
    return found


def _internal_links(text: str) -> list[str]:
    return [h for h in re.findall(r'href="([^"#?]+)', text) if not re.match(r"^[a-z]+:", h)]


def test_a_guideline_with_only_the_required_kinds_builds_no_page_or_link_for_the_others(tmp_path: Path) -> None:
    # The mini guideline's recommendations cite its references, so those stay.
    root = _without(tmp_path, [k.name for k in OPTIONAL if k.name != "referanser"])
    result = run_check(root, strict=True)
    assert result.index is not None, [p.format() for p in result.problems]
    assert [p.format() for p in result.problems] == []
    rendered = render_site(result.index, Schemas(root / "schema").documents)
    files = rendered.files
    assert _nav_pages(rendered.nav) - set(files) == set()
    full = run_check(MINI).index
    assert full is not None
    assert "sjekklister/index.md" in _nav_pages(render_site(full, Schemas(MINI / "schema").documents).nav)
    for absent in (
        "sjekklister/index.md",
        "historier/index.md",
        "verktoy/beslutningsstotte.md",
        "roller/index.md",
    ):
        assert absent not in files
    assert not {"data/sjekklister.json", "data/historier.json", "data/beslutningsregler.json"} & set(files)
    built = {paths.url(p) for p in files}
    for page in ("index.md", "apne-data.md"):
        here = Path(page).parent
        broken = [h for h in _internal_links(str(files[page])) if (here / h).as_posix() not in built]
        assert broken == [], page


def test_a_kind_that_needs_another_names_the_missing_file(tmp_path: Path) -> None:
    root = _without(tmp_path, ["malgruppe"])
    result = run_check(root)
    assert result.index is None
    assert [p.format() for p in result.problems] == [
        "content/malgruppe.yaml:1:1: $: filen mangler; den trengs fordi prosjektet har content/historier "
        "og content/beslutningsstotte.yaml"
    ]


def test_a_link_to_a_page_that_is_not_built_is_a_build_error() -> None:
    index = run_check(MINI).index
    assert index is not None
    built = BuiltPages.of(["anbefalinger/index.md"], index)
    assert built.href("index.md", "anbefalinger/index.md") == "anbefalinger/index.html"
    with pytest.raises(BuildError, match=r"historier/index\.md"):
        built.href("index.md", "historier/index.md")


def test_a_guideline_may_have_ten_chapters_or_more(tmp_path: Path) -> None:
    root = copy_project(MINI, tmp_path / "p")
    chapter = (root / "content/kapitler/kapittel-01.yaml").read_text(encoding="utf-8")
    chapter = chapter.replace("nummer: 1\nid: forste", "nummer: 12\nid: tolvte").replace('"1.', '"12.')
    (root / "content/kapitler/kapittel-12.yaml").write_text(chapter, encoding="utf-8")
    rec = (root / "recommendations/kapittel-01/1-1-plan.yaml").read_text(encoding="utf-8")
    rec = rec.replace("id: 1-1-plan", "id: 12-1-plan").replace("kapittel: 1\n", "kapittel: 12\n")
    rec = rec.replace('seksjon: "1.1"', 'seksjon: "12.1"')
    (root / "recommendations/kapittel-12").mkdir()
    (root / "recommendations/kapittel-12/12-1-plan.yaml").write_text(rec, encoding="utf-8")
    result = run_check(root, strict=True)
    assert [p.format() for p in result.problems] == []
    assert result.index is not None
    assert [c.nummer for c in result.index.chapters] == [1, 12]
    assert result.index.recommendations[-1].id == "12-1-plan"
