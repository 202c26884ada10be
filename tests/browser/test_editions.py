"""An earlier edition in Chromium: its banner passes axe and leads to the same page in the current edition."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from kb_build.build import build
from kb_build.config import make_config
from test_editions import add_draft, make_repo

from .axe import violations
from .conftest import _serve


@pytest.fixture(scope="module")
def editions_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    repo = make_repo(tmp_path_factory.mktemp("utgaver"))
    build(make_config(repo))
    yield from _serve(repo / "site")


def test_banner_leads_to_the_same_recommendation_in_the_current_edition(page: Page, editions_url: str) -> None:
    page.goto(f"{editions_url}/utgaver/1.0/anbefalinger/1-1-plan.html")
    banner = page.get_by_role("note").filter(has_text="Tidligere utgave")
    expect(banner).to_contain_text("Dette er utgave 1.0 fra 15. januar 2025")
    assert violations(page) == []
    banner.get_by_role("link", name="Les denne siden i gjeldende utgave").click()
    assert page.url == f"{editions_url}/anbefalinger/1-1-plan.html"
    expect(page.get_by_role("note").filter(has_text="Tidligere utgave")).to_have_count(0)


def test_editions_page_passes_axe_and_links_each_edition(page: Page, editions_url: str) -> None:
    page.goto(f"{editions_url}/utgaver/index.html")
    assert violations(page) == []
    page.get_by_role("link", name="Utgave 1.0").click()
    assert page.url == f"{editions_url}/utgaver/1.0/index.html"
    expect(page.get_by_role("note").filter(has_text="Tidligere utgave")).to_be_visible()


def test_draft_banner_and_diff_pass_axe(page: Page, tmp_path_factory: pytest.TempPathFactory) -> None:
    repo = make_repo(tmp_path_factory.mktemp("utkast"))
    add_draft(repo)
    build(make_config(repo))
    for url in _serve(repo / "site"):
        page.goto(f"{url}/horing/anbefalinger/1-1-plan.html")
        expect(page.get_by_role("note").filter(has_text="Høringsutkast")).to_contain_text("på høring til og med")
        assert violations(page) == []
        page.goto(f"{url}/utgaver/endringer-i-utkastet.html")
        expect(page.locator(".kb-diff del").first).to_contain_text("fjernet: når den evalueres")
        assert violations(page) == []


def test_changes_since_the_previous_edition_pass_axe_and_say_what_changed(page: Page, editions_url: str) -> None:
    page.goto(f"{editions_url}/anbefalinger/1-1-plan.html")
    changed = page.locator(".kb-diff").first
    expect(changed.locator("ins")).to_contain_text("lagt til: , og når den evalueres")
    assert violations(page) == []
    page.get_by_role("link", name="alle endringer i utgaven").click()
    assert page.url == f"{editions_url}/utgaver/endringer-i-denne-utgaven.html"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Endringer i utgave 2.0")
    assert violations(page) == []
    page.get_by_role("link", name="i utgave 1.0").click()
    expect(page.get_by_role("note").filter(has_text="Tidligere utgave")).to_be_visible()
