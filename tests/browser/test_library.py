"""The example library in a real browser: search across both guidelines, filter by one, axe on the front page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import REPO
from kb_build.library import build_library

from .axe import violations
from .conftest import _serve

LIBRARY = REPO / "examples" / "bibliotek"


@pytest.fixture(scope="module")
def library_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("bibliotek-browser") / "site"
    build_library(LIBRARY, site, strict=True)
    return site


@pytest.fixture(scope="module")
def library_url(library_site: Path) -> Iterator[str]:
    yield from _serve(library_site)


def _hits(page: Page) -> list[tuple[str, str]]:
    """Each result as (link, the guideline it says it is from)."""
    results = page.locator("#sok-treff > li")
    return [
        (str(results.nth(i).locator("a").get_attribute("href")), results.nth(i).locator(".kilde").inner_text())
        for i in range(results.count())
    ]


def test_search_finds_both_guidelines_and_filters_by_one(page: Page, library_url: str) -> None:
    page.goto(f"{library_url}/index.html")
    page.get_by_label("Søkeord").fill("fastlege")
    expect(page.locator("#sok-status")).to_contain_text("i alle veilederne")
    hits = _hits(page)
    assert {link.split("/")[0] for link, _ in hits} == {"oppfolging", "utskrivning"}

    page.get_by_label("Veileder", exact=True).select_option("utskrivning")
    expect(page.locator("#sok-status")).to_contain_text("i Tverrfaglig oppfølging ved utskrivning")
    hits = _hits(page)
    assert hits
    assert all(link.startswith("utskrivning/") and "utskrivning" in source for link, source in hits)

    first = page.locator("#sok-treff > li a").first
    first.focus()
    page.keyboard.press("Enter")  # a result is reached and opened by keyboard
    page.wait_for_url(f"{library_url}/utskrivning/**")
    expect(page.locator("html")).to_have_attribute("lang", "nb")


def test_search_from_a_shared_address(page: Page, library_url: str) -> None:
    page.goto(f"{library_url}/index.html?q=koordinator&veileder=oppfolging")
    expect(page.locator("#sok-status")).to_contain_text("treff i Oppfølging")
    assert all(link.startswith("oppfolging/") for link, _ in _hits(page))


def test_search_works_from_a_folder(browser: Browser, library_site: Path) -> None:
    """Opened as file://, the index comes from a script, not a request the browser would refuse."""
    context = browser.new_context(locale="nb-NO")
    try:
        page = context.new_page()
        page.goto((library_site / "index.html").as_uri())
        page.get_by_label("Søkeord").fill("individuell plan")
        expect(page.locator("#sok-treff > li").first).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_front_page_passes_axe(page: Page, library_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{library_url}/index.html?q=plan")
    expect(page.locator("#sok-treff > li").first).to_be_visible()
    assert violations(page, LIBRARY) == []


def test_search_knows_each_guidelines_abbreviations_and_provisions(page: Page, library_url: str) -> None:
    """The hidden keys of each guideline's own index (ids, provisions, abbreviations) work here too."""
    page.goto(f"{library_url}/index.html?q=pbrl")
    expect(page.locator("#sok-treff > li").first).to_be_visible()
    hits = _hits(page)
    assert len(hits) > 5  # the abbreviation is written out in one entry's text; the rest cite the act
    assert all(link.startswith("oppfolging/") for link, _ in hits)
    page.goto(f"{library_url}/index.html?q=3.1")
    expect(page.locator("#sok-treff > li a").first).to_contain_text("3.1")
