"""Large pages and the search index are written without holding them whole, and read the same."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI, copy_project, run_check
from kb_build import mkdocs_site
from kb_build.build import build
from kb_build.config import make_config
from kb_build.render import search
from kb_build.render.html import markdown_memo
from kb_build.render.search import Aliases, SearchData


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
    """Material's entries, then ours, every one with its aliases, written piece by piece or from pieces made before."""
    result = run_check(MINI)
    assert result.index is not None
    with markdown_memo():
        data = SearchData(result.index)
    aliases = Aliases(result.index.abbreviations)
    ours = [e for rec in result.index.recommendations for e in search._rec_entries(rec, result.index)]
    indexes: list[dict[str, Any]] = [
        {"config": {"lang": ["no"], "separator": "[\\s\\-]+"}, "docs": []},
        {
            "config": {"fields": {"title": {"boost": 1e3}}},
            "docs": [{"location": "a.html#b", "text": "<p>IP og «æ»</p>"}],
        },
    ]
    for index in indexes:
        docs = [*copy.deepcopy(index["docs"]), *copy.deepcopy(ours)]
        for doc in docs:
            found = aliases.find(" ".join(str(doc.get(f, "")) for f in ("title", "text", "keys")))
            if found:
                doc["aliases"] = " ".join(found)
        fields = {**index["config"].get("fields", {}), **search.FIELDS}
        whole = {"config": {**index["config"], "fields": fields}, "docs": docs}
        expected = json.dumps(whole, ensure_ascii=False, separators=(",", ":")).encode()
        assert b"".join(data.json(copy.deepcopy(index))) == expected
        pieces = {n: data.piece(n) for n in range(data.pieces)}
        assert b"".join(data.json(copy.deepcopy(index), pieces)) == expected
    assert any(b"aliases" in piece for piece in pieces.values())
