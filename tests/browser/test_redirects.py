"""An earlier recommendation URL takes the reader to the current page, from a folder and from a server."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

OLD = "anbefalinger/1-2-koordinator-tidlig.html"
NEW = "anbefalinger/1-2-koordinator-bor-tilbys.html"


def test_earlier_url_redirects_from_file_and_from_a_static_server(
    browser: Browser, mini_site: Path, mini_url: str
) -> None:
    context = browser.new_context(locale="nb-NO")
    try:
        page = context.new_page()
        for start in ((mini_site / OLD).as_uri(), f"{mini_url}/{OLD}"):
            page.goto(start)
            page.wait_for_url(f"**/{NEW}", timeout=10_000)
            assert "Koordinator bør tilbys tidlig" in page.locator("h1").first.inner_text()
    finally:
        context.close()
