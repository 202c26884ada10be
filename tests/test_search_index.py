"""The search index the reader's browser loads: each text once, at the page that owns it."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

COPIES = ("utskrift.html", "historier/kursopplegg.html", "anbefalinger/index.html", "verktoy/finn-anbefalinger.html")


@pytest.fixture(scope="module")
def docs(real_site: Path) -> list[dict[str, Any]]:
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["no"]
    return list(index["docs"])


def test_pages_that_only_repeat_content_are_not_indexed(docs: list[dict[str, Any]]) -> None:
    pages = {d["location"].split("#")[0] for d in docs}
    assert not pages & set(COPIES)
    assert "feltreferanse.html" not in pages  # for editors, not readers
    assert "kapitler/7-tverrfaglige-team.html" in pages


def test_lists_of_recommendations_are_found_at_the_recommendations_not_in_each_list(
    docs: list[dict[str, Any]], real_site: Path
) -> None:
    """A chapter's cards, the changes and the revision list name recommendations: search finds those pages' own text."""
    by_location = {d["location"]: d for d in docs}
    chapter = "kapitler/7-tverrfaglige-team.html"
    section = by_location[f"{chapter}#seksjon-7-4"]
    page = (real_site / chapter).read_text(encoding="utf-8")
    titles = [_words(t) for t in re.findall(r'<h3 class="kb-card__title">(.*?)</h3>', page, re.DOTALL)]
    assert len(titles) >= 5  # the cards are on the page
    prose = _words(re.sub(r"<article class=\"kb-card.*?</article>", "", page, flags=re.DOTALL))
    titles = [t for t in titles if t not in prose]  # a section may say what a title says
    assert "Koordinatoren" in section["text"]  # the section's own text is searched
    for entry in docs:
        if entry["location"].startswith(chapter):
            assert not [t for t in titles if t in _words(entry["text"])], entry["location"]
    changes = [d for d in docs if d["location"].startswith("endringer.html")]
    assert [d["location"] for d in changes] == ["endringer.html"]  # the page, not its dated lists
    assert 'id="d' in (real_site / "endringer.html").read_text(encoding="utf-8")  # which are on the page
    revision = by_location["til-revisjon.html#hol-7-2a"]
    assert "Endret 1. august 2022" in revision["text"] and "Les bestemmelsen" in revision["text"]
    assert "kb-rec-list" not in (revision["text"]) and "anbefalinger/" not in revision["text"]


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


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def _words(html: str) -> str:
    return " ".join(_plain(html).split())


def test_trainer_views_stay_out_and_each_story_is_indexed_once(docs: list[dict[str, Any]], real_site: Path) -> None:
    assert not [d["location"] for d in docs if "-kursleder" in d["location"]]
    stories = sorted(
        p.relative_to(real_site).as_posix()
        for p in (real_site / "historier").glob("*.html")
        if not p.stem.endswith("-kursleder") and p.stem not in ("index", "kursopplegg")
    )
    assert stories
    assert Counter(d["location"] for d in docs if d["location"] in stories) == Counter(stories)


def test_no_words_run_together_where_elements_meet(docs: list[dict[str, Any]]) -> None:
    """«Oppdiktet historieArne, 79 år»: words from neighbouring elements glued into one."""
    glued = [
        (d["location"], m[0])
        for d in docs
        for m in re.finditer(r"\w*[a-zæøå][A-ZÆØÅ]\w*", _plain(d["text"]))
        if m[0] not in ("GitHub", "JavaScript")
    ]
    assert glued == []


def test_recommendations_carry_their_id_and_provisions_as_keys(docs: list[dict[str, Any]]) -> None:
    tops = {d["location"]: d for d in docs if d["location"].startswith("anbefalinger/") and "#" not in d["location"]}
    assert tops
    for location, doc in tops.items():
        assert location.removeprefix("anbefalinger/").removesuffix(".html") in doc["keys"]
    cited = [d for d in tops.values() if "helse- og omsorgstjenesteloven § 7-1" in d["keys"]]
    assert cited
    assert all("7_1" in d["keys"].split() for d in cited)  # the form search.js turns «7-1» into
    assert all("hol" in d["aliases"].split() for d in cited)  # from content/forkortelser.yaml


def test_abbreviations_and_what_they_stand_for_find_each_other(docs: list[dict[str, Any]]) -> None:
    spelled_out = [d for d in docs if "individuell plan" in _plain(d["text"]).lower()]
    assert spelled_out
    assert all("IP" in d.get("aliases", "").split() for d in spelled_out)
    glossary = [d for d in docs if d["location"] == "forkortelser.html"]
    assert glossary
    assert "BPA brukerstyrt personlig assistanse" in " ".join(_plain(glossary[0]["text"]).split())


def test_hidden_fields_are_declared_and_the_folder_copy_matches(real_site: Path) -> None:
    raw = (real_site / "search/search_index.json").read_text(encoding="utf-8")
    fields = json.loads(raw)["config"]["fields"]
    assert fields["keys"]["boost"] > fields["title"]["boost"] > fields["aliases"]["boost"] > fields["text"]["boost"]
    assert (real_site / "search/search_index.js").read_text(encoding="utf-8") == f"var __index = {raw}"


def test_aliases_repeat_with_use_and_match_whole_words() -> None:
    from kb_build.model import Abbreviation
    from kb_build.render.search import REPEAT, Aliases

    aliases = Aliases(
        [Abbreviation("IP", "individuell plan", ("individuelle planer",)), Abbreviation("KE", "koordinerende enhet")]
    )
    assert aliases.find("<p>Individuell plan og individuelle planer.</p><p>KE</p>") == [
        "IP",
        "IP",
        "koordinerende enhet",
    ]
    assert aliases.find("tip, KEY, individuell planlegging") == []
    assert aliases.find("individuell plan " * 10) == ["IP"] * REPEAT
    assert Aliases([]).find("individuell plan") == []


_FORMS = [
    "IP",
    "hol",
    "plan",
    "tjeneste",
    "individuell plan",
    "individuelle planer",
    "pedagogisk-psykologisk tjeneste",
    "PP-tjenesten",
]


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_FORMS, "a", "_", "9", "-", " ", "ø", "Individuell", "PLAN", ".", "tjeneste"]), max_size=12
    )
)
def test_whole_words_are_what_a_lookbehind_would_find(pieces: list[str]) -> None:
    """Checking the character before each match gives what ``(?<!\\w)`` in the pattern gave, match for match."""
    from kb_build.render.search import _whole_words

    text = "".join(pieces)
    alternatives = "|".join(map(re.escape, sorted(_FORMS, key=lambda w: (-len(w), w))))
    expected = [m[0] for m in re.finditer(rf"(?<!\w)(?:{alternatives})(?!\w)", text)]
    assert list(_whole_words(re.compile(rf"(?:{alternatives})(?!\w)"), text)) == expected
