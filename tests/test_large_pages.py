"""Large pages and the search index are written without holding them whole, and read the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINI, copy_project
from kb_build import mkdocs_site
from kb_build.build import build
from kb_build.config import make_config


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_blocks_filled_into_written_pages_give_the_same_site(
    mini_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled: list[Path] = []
    fill_in = mkdocs_site._fill_in

    def spy(page: Path, found: list[bytes]) -> None:
        filled.append(page)
        fill_in(page, found)

    monkeypatch.setattr(mkdocs_site, "_FILL_IN_OVER", 0)  # every page left out of search counts as large
    monkeypatch.setattr(mkdocs_site, "_fill_in", spy)
    root = copy_project(MINI, tmp_path / "project")
    build(make_config(root))
    site = root / "site"
    in_site = {p.as_posix().rpartition("/site/")[2] for p in filled}  # built in a staging folder
    assert in_site >= {"utskrift.html", "anbefalinger/1-1-plan.html"}
    built, expected = _tree(site), _tree(mini_site)
    assert sorted(built) == sorted(expected)
    assert [path for path in expected if built[path] != expected[path]] == []


def test_the_search_index_written_in_parts_is_the_json_of_the_whole() -> None:
    indexes: list[dict[str, object]] = [
        {},
        {"config": {"lang": ["no"], "separator": "[\\s\\-]+"}},
        {"config": {"fields": {"keys": {"boost": 1e4}}}, "docs": []},
        {"config": {}, "docs": [{"location": "a.html#b", "text": '<p>«æ» – "sitat"</p>', "boost": 2.0}, {"x": 1}]},
    ]
    for index in indexes:
        whole = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode()
        assert b"".join(mkdocs_site._json_parts(index)) == whole
