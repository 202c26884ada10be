"""The first paint in Chromium: no script fetched before it, and the page already as it will look after.

The theme fetches every script, Material's bundle included, once the browser reports the page's first
paint (theme/main.html); bench/lighthouse.md, round 6, tells why.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "forside": "index.html",
    "anbefaling": "anbefalinger/7-4-koordinatorens-oppgaver.html",
    "alle anbefalinger": "anbefalinger/index.html",
    "kapittel": "kapitler/7-tverrfaglige-team.html",
}

_TIMES = """() => ({
  paint: performance.getEntriesByName("first-contentful-paint")[0].startTime,
  scripts: performance.getEntriesByType("resource")
    .filter(e => new URL(e.name).pathname.endsWith(".js"))
    .map(e => [new URL(e.name).pathname.split("/").pop(), e.startTime]),
})"""


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_scripts_are_fetched_after_the_first_paint_and_material_starts(page: Page, real_url: str, path: str) -> None:
    page.goto(f"{real_url}/{path}")
    times = page.evaluate(_TIMES)
    names = {name for name, _ in times["scripts"]}
    assert {"kb-search.js", "kb.js"} <= names and any(n.startswith("bundle.") for n in names), names
    early = [(name, start) for name, start in times["scripts"] if start < times["paint"]]
    assert early == [], f"fetched before the first paint at {times['paint']:.0f} ms"
    page.keyboard.press("/")  # Material's shortcut: it runs, though it started after DOMContentLoaded
    expect(page.locator("input.md-search__input")).to_be_focused()


@pytest.mark.parametrize("path", ["index.html", "anbefalinger/7-4-koordinatorens-oppgaver.html"])
def test_the_first_paint_looks_as_the_page_does_once_its_scripts_run(
    browser: Browser, real_url: str, path: str
) -> None:
    """At phone width, pixel for pixel: Material's search button and the header without the shadow of a
    scrolled page are there before Material's bundle runs."""
    shots = []
    for scripts in (False, True):
        context = browser.new_context(viewport={"width": 360, "height": 780})
        page = context.new_page()
        if not scripts:
            page.route("**/*.js", lambda route: route.abort())  # as if they never came
        page.goto(f"{real_url}/{path}")
        if scripts:
            expect(page.locator("html")).to_have_attribute("data-kb-scripts", "ready")
        expect(page.locator(".md-header__button[for=__search]")).to_be_visible()
        shots.append(page.screenshot(animations="disabled"))
        context.close()
    assert shots[0] == shots[1]


_COUNT_STARTS = """
window.kbStarts = 0;
Object.defineProperty(window, "document$", {
  configurable: true,
  get() { return undefined; },
  set(subject) {
    const next = subject.next.bind(subject);
    subject.next = (value) => { window.kbStarts += 1; next(value); };
    Object.defineProperty(window, "document$", { value: subject, writable: true, configurable: true });
  },
});
"""


@pytest.mark.parametrize("hidden", [False, True], ids=["shown", "hidden tab"])
def test_material_starts_once_whether_its_bundle_runs_before_or_after_domcontentloaded(
    browser: Browser, real_url: str, hidden: bool
) -> None:
    """Shown, the bundle runs after the first paint and is given the document; in a hidden tab it is
    fetched at once and may run before DOMContentLoaded, when Material starts itself. Never twice."""
    context = browser.new_context()
    context.add_init_script(_COUNT_STARTS)
    if hidden:
        context.add_init_script("Object.defineProperty(document, 'hidden', { get: () => true });")
    page = context.new_page()
    page.goto(f"{real_url}/index.html")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.evaluate("window.kbStarts") == 1
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    context.close()


def test_scripts_load_even_when_the_browser_never_reports_a_paint(browser: Browser, real_url: str) -> None:
    context = browser.new_context()
    context.add_init_script("PerformanceObserver.prototype.observe = function () {};")
    page = context.new_page()
    page.goto(f"{real_url}/index.html")  # waits until data-kb-scripts is no longer "loading"
    expect(page.locator("html")).to_have_attribute("data-kb-scripts", "ready")
    assert page.evaluate("performance.now()") >= 3000
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    context.close()
