"""Search as staff use it, in Chromium: abbreviations, provisions, ids, typos, file:// and first paint.

Expectations come from the content (which recommendations cite a provision, which ids exist),
so the cases keep testing the same behaviour when the guideline changes.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page, Route, expect

from conftest import REPO

from .axe import violations

pytestmark = pytest.mark.browser

INDEX = "search/search_index.json"


def _recommendations() -> list[dict[str, object]]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "recommendations").rglob("*.yaml"))]


def _citing(provision: str) -> set[str]:
    return {f"anbefalinger/{r['id']}.html" for r in _recommendations() if provision in r.get("hjemmel", [])}  # type: ignore[operator]


def search(page: Page, query: str) -> list[str]:
    """Run ``query`` once on a page at the site's top level; return the result pages in order.

    Pages are given relative to the site (``anbefalinger/x.html``), without ?h= and #anchor.
    """
    page.locator("label.md-search__icon, .md-search__input").first.click()
    field = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    field.fill("")
    field.press("End")  # Material searches on key events: one keyup, one query
    expect(meta).not_to_contain_text("treff", timeout=15000)  # no results left from a previous query
    field.fill(query)
    field.press("End")
    expect(meta).to_contain_text("treff", timeout=15000)
    root = urlsplit(page.url).path.rsplit("/", 1)[0] + "/"
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    return [urlsplit(h).path.removeprefix(root) for h in hrefs]


@pytest.fixture
def home(page: Page, real_url: str) -> Page:
    page.goto(f"{real_url}/index.html")
    return page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("IP", "anbefalinger/7-2-individuell-plan-som-felles-plan.html"),
        ("PPT", "anbefalinger/6-8-samarbeid-om-barn-og-unge-i-utdanning.html"),
        ("BPA", "forkortelser.html"),
        ("IPLOS", "forkortelser.html"),
    ],
)
def test_abbreviations_find_what_they_stand_for(home: Page, query: str, expected: str) -> None:
    pages = search(home, query)
    assert expected in pages[:3], pages[:5]


@pytest.mark.parametrize("query", ["§ 7-1", "7-1", "hol 7-1"])
def test_a_provision_finds_the_recommendations_citing_it_first(home: Page, query: str) -> None:
    citing = _citing("hol-7-1")
    assert citing, "no recommendation cites hol § 7-1 any more: pick another provision"
    pages = search(home, query)
    assert set(pages[: len(citing)]) == citing, pages[:6]


def test_one_typo_in_a_longer_word_is_tolerated(home: Page) -> None:
    pages = search(home, "kordinator")
    assert "anbefalinger/7-4-koordinatorens-oppgaver.html" in pages[:3], pages[:5]
    expect(home.locator(".md-search-result__terms")).to_have_count(0)  # no «Mangler: kordinator»


@pytest.mark.parametrize("position", [0, 17, -1])
def test_a_recommendation_id_ranks_first(home: Page, position: int) -> None:
    rec_id = sorted(str(r["id"]) for r in _recommendations())[position]
    assert search(home, rec_id)[0] == f"anbefalinger/{rec_id}.html"


def test_story_results_show_separate_words_and_no_trainer_view(home: Page) -> None:
    search(home, "oppdiktet historie")
    teasers = home.locator(".md-search-result__article").all_inner_texts()
    assert teasers
    assert not [t for t in teasers if re.search(r"historie[A-ZÆØÅ]", t)], teasers  # «historieArne, 79 år»
    links = home.locator(".md-search-result a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in links if "-kursleder" in h]


def test_the_index_is_fetched_when_search_is_opened_not_on_page_load(page: Page, real_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(f"{real_url}/anbefalinger/7-4-koordinatorens-oppgaver.html", wait_until="networkidle")
    assert not [u for u in fetched if u.endswith(INDEX)]
    pages = search(page, "koordinator")
    assert [u for u in fetched if u.endswith(INDEX)]
    assert pages


def test_a_search_result_link_highlights_on_arrival(page: Page, real_url: str) -> None:
    """Arriving with ?h= (from a result) loads the index at once, so Material can highlight."""
    page.goto(f"{real_url}/anbefalinger/7-4-koordinatorens-oppgaver.html?h=koordinator")
    expect(page.locator("article mark").first).to_be_visible(timeout=15000)


@pytest.fixture
def folder_page(browser: Browser, real_site: Path) -> Iterator[Page]:
    """A page opened from the folder (file://), as the README suggests; any request elsewhere fails."""
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((real_site / "index.html").as_uri())
    yield page
    context.close()
    assert [u for u in requests if urlsplit(u).scheme not in ("file", "data", "blob", "about")] == []
    assert errors == []


def test_search_works_from_a_folder(folder_page: Page) -> None:
    expect(folder_page.locator(".md-search")).to_be_visible()
    pages = search(folder_page, "koordinator")
    assert "anbefalinger/7-4-koordinatorens-oppgaver.html" in pages[:3], pages[:5]
    assert search(folder_page, "7-1")[0] in _citing("hol-7-1")


@pytest.mark.parametrize("width", [360, 1280])
def test_alle_anbefalinger_does_not_shift_when_its_script_starts(browser: Browser, real_url: str, width: int) -> None:
    """The filters take their place before the scripts run, so the list does not jump (CLS < 0.1)."""
    context = browser.new_context(locale="nb-NO", viewport={"width": width, "height": 780})
    page = context.new_page()
    page.add_init_script(
        "window.__cls = 0; new PerformanceObserver(list => { for (const e of list.getEntries())"
        " if (!e.hadRecentInput) window.__cls += e.value; }).observe({type: 'layout-shift', buffered: true});"
    )

    # Hold the site's scripts back, as a slow connection would, so the page paints before they run.
    def slow(route: Route) -> None:
        time.sleep(0.8)
        route.continue_()

    page.route("**/assets/*.js", slow)
    page.goto(f"{real_url}/anbefalinger/index.html", wait_until="networkidle")
    # The count is written by the filter script; the form itself starts closed on a phone.
    expect(page.locator(".kb-result-count")).to_contain_text("Viser")
    page.wait_for_timeout(300)
    cls = page.evaluate("window.__cls")
    context.close()
    assert cls < 0.1, cls


def test_search_on_a_phone_loads_the_index_when_opened(browser: Browser, real_url: str) -> None:
    context = browser.new_context(locale="nb-NO", viewport={"width": 360, "height": 780}, has_touch=True)
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(f"{real_url}/index.html", wait_until="networkidle")
    assert not [u for u in fetched if u.endswith(INDEX)]
    page.locator("label[for=__search]").first.click()
    field = page.locator("input.md-search__input")
    field.fill("BK")
    field.press("End")
    expect(page.locator(".md-search-result__meta")).to_contain_text("treff", timeout=15000)
    assert [u for u in fetched if urlsplit(u).hostname != "127.0.0.1"] == []
    context.close()


def test_the_abbreviation_list_passes_axe(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/forkortelser.html")
    expect(page.locator("dl.kb-glossary dt")).not_to_have_count(0)
    assert violations(page) == []
