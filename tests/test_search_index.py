"""The search index the reader's browser loads: each text once, at the page that owns it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

COPIES = ("utskrift.html", "historier/kursopplegg.html", "anbefalinger/index.html", "verktoy/finn-anbefalinger.html")


@pytest.fixture(scope="module")
def docs(real_site: Path) -> list[dict[str, Any]]:
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["no"]
    return list(index["docs"])


def test_pages_that_only_repeat_content_are_not_indexed(docs: list[dict[str, Any]]) -> None:
    pages = {d["location"].split("#")[0] for d in docs}
    assert not pages & set(COPIES)
    assert "kapitler/7-tverrfaglige-team.html" in pages


def test_each_recommendation_page_is_indexed_once_with_its_id(docs: list[dict[str, Any]], real_site: Path) -> None:
    rec_pages = sorted(p.relative_to(real_site).as_posix() for p in (real_site / "anbefalinger").glob("*.html"))
    rec_pages.remove("anbefalinger/index.html")
    tops = Counter(d["location"] for d in docs if d["location"] in rec_pages)
    assert tops == Counter(rec_pages)  # one top entry per page, none twice
    for entry in docs:
        if entry["location"] in rec_pages:
            assert entry["location"].removeprefix("anbefalinger/").removesuffix(".html") in entry["text"]
            assert entry["boost"] > 1


def test_legal_references_are_searchable_on_the_recommendation(docs: list[dict[str, Any]]) -> None:
    legal = [d for d in docs if d["location"].endswith("#hjemmel")]
    assert any("§ 7-2" in d["title"] for d in legal)
    assert all(d["location"].startswith("anbefalinger/") for d in legal)
