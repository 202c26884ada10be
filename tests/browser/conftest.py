"""Real-browser fixtures: the built site on 127.0.0.1 and Debian's Chromium driven by Playwright.

Every page a test opens records its requests; a request to any other host fails the test.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Playwright, Response, sync_playwright

_open_page = Page.goto


def _open_page_and_its_scripts(self: Page, url: str, **options: Any) -> Response | None:
    """``Page.goto`` that also waits for the page's own scripts, which the theme loads once the page has
    painted (theme/main.html marks <html data-kb-scripts> "loading", then "ready"). Every test, whatever
    context it opens, acts on an enhanced page, as a reader would a moment later."""
    response = _open_page(self, url, **options)
    self.wait_for_function("document.documentElement.getAttribute('data-kb-scripts') !== 'loading'")
    return response


Page.goto = _open_page_and_its_scripts  # type: ignore[method-assign]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def real_url(real_site: Path) -> Iterator[str]:
    yield from _serve(real_site)


@pytest.fixture(scope="session")
def mini_url(mini_site: Path) -> Iterator[str]:
    yield from _serve(mini_site)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is missing: run 'make test', which installs Debian's chromium package")
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page whose every request must go to the local server."""
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    foreign = [
        u
        for u in requests
        if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).hostname != "127.0.0.1"
    ]
    assert foreign == [], f"requests left the local server: {foreign}"
    assert errors == [], f"JavaScript errors: {errors}"
