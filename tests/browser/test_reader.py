"""The real guideline in Chromium: search, filters, legal links, phone width, print."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .axe import violations

PAGE_TYPES = {
    "forside": "index.html",
    "kapittel": "kapitler/7-tverrfaglige-team.html",
    "anbefaling": "anbefalinger/7-4-koordinatorens-oppgaver.html",
    "alle anbefalinger": "anbefalinger/index.html?styrke=skal,m%C3%A5&kapittel=6",
    "historie": "historier/index.html",
    "sjekkliste": "sjekklister/koordinator.html",
    "sjekklister": "sjekklister/index.html",
    "beslutningsstøtte": "verktoy/beslutningsstotte.html",
    "finn anbefalinger": "anbefalinger/index.html?malgruppe=fastlege&fase=folge-opp",
    "rolle": "roller/koordinator.html",
    "roller": "roller/index.html",
    "endringer": "endringer.html",
    "til revisjon": "til-revisjon.html",
    "kursopplegg": "historier/kursopplegg.html",
    "feltreferanse": "feltreferanse.html",
    "tilgjengelighet": "tilgjengelighet.html",
    "kilde og lisens": "kilde-og-lisens.html",
    "utskrift": "utskrift.html",
}


def _first_story(site: Path) -> str:
    stories = json.loads((site / "data/historier.json").read_text(encoding="utf-8"))["historier"]
    return str(stories[0]["url"])


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_every_page_type_passes_axe(name: str, page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/{PAGE_TYPES[name]}")
    assert violations(page) == []


def test_story_and_trainer_view_pass_axe(page: Page, real_url: str, real_site: Path) -> None:
    url = _first_story(real_site)
    for path in (url, url.replace(".html", "-kursleder.html")):
        page.goto(f"{real_url}/{path}")
        assert violations(page) == [], path


def test_search_results_pass_axe_and_find_the_coordinator(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/index.html")
    for query in ("koordinator", "koordinatoren", "koordinerende"):
        page.locator("label.md-search__icon, .md-search__input").first.click()
        field = page.locator("input.md-search__input")
        field.fill("")
        field.press_sequentially(query, delay=20)  # Material searches on key events
        results = page.locator(".md-search-result__item a")
        expect(results.first).to_be_visible(timeout=15000)
        hrefs = " ".join(results.evaluate_all("els => els.map(e => e.getAttribute('href'))"))
        assert "7-4-koordinatorens-oppgaver" in hrefs, (query, hrefs[:500])
    assert violations(page) == []


def test_search_finds_ids_and_legal_references(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/index.html")
    page.locator(".md-search__input").first.click()
    field = page.locator("input.md-search__input")
    field.press_sequentially("§ 7-2", delay=20)
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=15000)
    field.fill("")
    field.press_sequentially("6-1-system-for-a-identifisere-risiko", delay=10)
    expect(page.locator(".md-search-result__item a[href*='6-1-system-for-a-identifisere-risiko']").first).to_be_visible(
        timeout=15000
    )


def test_strength_and_chapter_filters_with_counts(page: Page, real_url: str, real_site: Path) -> None:
    recs = json.loads((real_site / "data/anbefalinger.json").read_text(encoding="utf-8"))["anbefalinger"]
    page.goto(f"{real_url}/anbefalinger/index.html")
    items = page.locator(".kb-filterable > li:visible")
    expect(items).to_have_count(len(recs))
    page.get_by_role("checkbox", name=re.compile(r"^Bør")).check()
    expected = [r for r in recs if r["styrke"] == "bør"]
    expect(items).to_have_count(len(expected))
    page.get_by_role("checkbox", name=re.compile(r"^6\. ")).check()
    expected = [r for r in expected if r["kapittel"] == 6]
    expect(items).to_have_count(len(expected))
    expect(page.locator(".kb-result-count")).to_have_text(f"Viser {len(expected)} av {len(recs)} anbefalinger")
    # The chapter facet counts what the strength filter leaves; the strength facet what the chapter leaves.
    chapter6_bor = page.locator("[data-count-for='kapittel:6']")
    expect(chapter6_bor).to_have_text(f"({len(expected)})")
    demands_in_6 = sum(1 for r in recs if r["kapittel"] == 6 and r["styrke"] in ("skal", "må"))
    expect(page.locator("[data-count-for='styrke:krav']")).to_have_text(f"({demands_in_6})")
    assert "styrke=b%C3%B8r" in page.url and "kapittel=6" in page.url


def test_legal_basis_links_to_lovdata(page: Page, real_url: str, real_site: Path) -> None:
    recs = json.loads((real_site / "data/anbefalinger.json").read_text(encoding="utf-8"))["anbefalinger"]
    rec = next(r for r in recs if r["styrke"] == "skal" and r["hjemmel"])
    page.goto(f"{real_url}/{rec['url']}")
    links = page.locator("ul.kb-legal a")
    expect(links).to_have_count(len(rec["hjemmel"]))
    for link, legal in zip(links.all(), rec["hjemmel"], strict=True):
        href = link.get_attribute("href")
        assert href == legal["url"]
        assert re.fullmatch(r"https://lovdata\.no/(lov|forskrift)/\d{4}-\d{2}-\d{2}-\d+/§[0-9a-z-]+", href or "")


def test_readable_on_a_360px_phone(browser: object, real_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    for path in (
        "index.html",
        "anbefalinger/7-4-koordinatorens-oppgaver.html",
        "anbefalinger/index.html",
        "verktoy/beslutningsstotte.html",
        "sjekklister/koordinator.html",
    ):
        page.goto(f"{real_url}/{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways ({width}px)"
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=False)
    context.close()


def test_print_view_hides_navigation_and_shows_link_targets(page: Page, real_url: str, tmp_path: Path) -> None:
    page.goto(f"{real_url}/kapitler/6-identifisere-behov.html")
    page.emulate_media(media="print")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    after = page.evaluate(
        "() => getComputedStyle(document.querySelector('.md-typeset a[href^=\"http\"]'), '::after').content"
    )
    assert after.startswith('" (')
    credit = page.locator(".kb-footer")
    expect(credit).to_be_visible()  # the NLOD credit and "not the official edition" stay on paper
    expect(credit).to_contain_text("Norsk lisens for offentlige data")
    expect(page.locator(".md-footer__inner")).to_be_hidden()
    pdf = page.pdf(path=str(tmp_path / "kapittel-6.pdf"), format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2
