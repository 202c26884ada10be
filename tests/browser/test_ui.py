"""Reader flows on the real guideline at phone and small-laptop widths: the filter panel, the
decision aid by age, the course pack on paper, role pages and copying a link without HTTPS."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .axe import violations

pytestmark = pytest.mark.browser

SMALL_SCREENS = [(360, 780), (1093, 614)]

STUB_COPY = """
window.__copied = null;
Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
document.execCommand = function (command) {
  var el = document.activeElement;
  if (command === "copy" && el && el.tagName === "TEXTAREA") { window.__copied = el.value; return true; }
  return false;
};
"""
"""A plain-http intranet: no navigator.clipboard, so copying must go through the textarea fallback."""


def _recs(site: Path) -> list[dict[str, object]]:
    return list(json.loads((site / "data/anbefalinger.json").read_text("utf-8"))["anbefalinger"])


@pytest.fixture
def small(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    width, height = request.param
    context = browser.new_context(locale="nb-NO", viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == []


@pytest.mark.parametrize("small", SMALL_SCREENS, indirect=True, ids=["360x780", "1093x614"])
def test_small_screens_show_results_first(small: Page, real_url: str, real_site: Path) -> None:
    page = small
    page.goto(f"{real_url}/anbefalinger/index.html")
    first = page.locator(".kb-filterable > li").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None and box["y"] + 40 < viewport["height"]
    expect(page.locator("form.kb-filters")).to_be_hidden()
    toggle = page.get_by_role("button", name="Filtrer")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    # Unfiltered, the count reads as it did before the script ran: nothing moves when it starts.
    expect(page.locator(".kb-result-count")).to_have_text(f"{len(_recs(real_site))} anbefalinger")

    toggle.focus()
    page.keyboard.press("Enter")
    expect(page.locator("form.kb-filters")).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert page.evaluate("document.activeElement.value") == "krav"
    page.keyboard.press("Space")
    demands = [r for r in _recs(real_site) if r["styrke"] in ("skal", "må")]
    expect(page.locator(".kb-filterable > li:visible")).to_have_count(len(demands))
    expect(toggle).to_contain_text("(1 valgt)")
    assert "styrke=krav" in page.url
    assert violations(page) == []


@pytest.mark.parametrize("small", [SMALL_SCREENS[0]], indirect=True, ids=["360x780"])
def test_nothing_matches_gives_a_hint_and_a_way_back(small: Page, real_url: str) -> None:
    small.goto(f"{real_url}/anbefalinger/index.html?styrke=krav&kapittel=2")
    hint = small.locator(".kb-no-match")
    expect(hint).to_be_visible()
    expect(small.locator(".kb-result-count")).to_have_text("Viser 0 av 35 anbefalinger")
    expect(small.get_by_role("button", name="Filtrer")).to_contain_text("(2 valgt)")
    small.get_by_role("button", name="nullstill alle filtre").click()
    expect(hint).to_be_hidden()
    expect(small.locator(".kb-filterable > li:visible")).to_have_count(35)


def test_old_single_strength_links_still_select_the_demand_choice(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/anbefalinger/index.html?styrke=m%C3%A5")
    expect(page.get_by_role("checkbox", name="Krav (skal/må)")).to_be_checked()


# The decision aid, by age


def _decide(page: Page, real_url: str, *, age: str | None, ticks: dict[str, list[str]]) -> list[str]:
    page.goto(f"{real_url}/verktoy/beslutningsstotte.html")
    if age:
        page.locator(f"form.kb-decision input[name=aldersgruppe][value='{age}']").check()
    for group, values in ticks.items():
        for value in values:
            page.locator(f"form.kb-decision input[name={group}][value='{value}']").check()
    page.get_by_role("button", name="Vis hva som blir aktuelt").click()
    return list(page.locator(".kb-decision-result a").evaluate_all("els => els.map(e => e.getAttribute('href'))"))


@pytest.mark.parametrize(
    ("age", "school", "work"), [("eldre", False, False), ("voksen", False, True), ("barn", True, False)]
)
def test_loneliness_brings_school_or_work_only_at_the_right_age(
    age: str, school: bool, work: bool, page: Page, real_url: str
) -> None:
    links = _decide(page, real_url, age=age, ticks={"kriterier": ["psykososial-fungering"], "forhold": ["fritid"]})
    assert any("6-8-samarbeid-om-barn-og-unge" in h for h in links) is school
    assert any("6-6-rask-avklaring" in h for h in links) is work


def test_one_condition_alone_is_shown_as_a_weak_signal(page: Page, real_url: str) -> None:
    _decide(page, real_url, age="eldre", ticks={"tilstander": ["rus"]})
    rule = page.locator(".kb-decision-result .kb-rule")
    expect(rule).to_have_count(1)
    expect(rule).to_have_class("kb-rule kb-rule--weak")
    expect(rule.locator(".kb-tag--weak")).to_have_text("Svakt signal")
    assert violations(page) == []


def test_result_strength_words_are_those_of_the_linked_recommendations(
    page: Page, real_url: str, real_site: Path
) -> None:
    label = {f"{r['id']}.html": str(r["merke"]).lower() for r in _recs(real_site)}
    _decide(page, real_url, age="barn", ticks={"kriterier": ["langvarige-helseproblemer", "flere-legemidler"]})
    rows = page.locator(".kb-decision-result li:has(.kb-badge)")
    assert rows.count() > 0
    for i in range(rows.count()):
        href = rows.nth(i).locator("a").get_attribute("href") or ""
        word = rows.nth(i).locator(".kb-badge").first.inner_text().strip().lower()
        assert word == label[href.rsplit("/", 1)[-1]], href


def test_result_prints_without_the_form_and_copies_without_https(page: Page, real_url: str) -> None:
    page.add_init_script(STUB_COPY)
    _decide(page, real_url, age="eldre", ticks={"kriterier": ["flere-legemidler"]})
    page.get_by_role("button", name="Kopier resultatet som tekst").click()
    expect(page.locator(".kb-decision-copied")).to_have_text("Resultatet er kopiert.")
    copied = page.evaluate("window.__copied")
    assert "Vurder en gjennomgang av legemidlene" in copied and "Alder: Eldre" in copied
    page.emulate_media(media="print")
    expect(page.locator("form.kb-decision")).to_be_hidden()
    expect(page.locator(".kb-decision-result .kb-rule").first).to_be_visible()
    expect(page.locator(".kb-rules-explained")).to_be_hidden()


# The course pack


def test_course_pack_prints_handouts_without_answers_by_default(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/historier/kursopplegg.html")
    for box in page.locator("input[name=historie]").all()[2:]:
        box.uncheck()
    expect(page.locator(".kb-course .kb-result-count")).to_have_text("2 historier valgt")
    page.locator("input[name=historie]").nth(1).uncheck()
    expect(page.locator(".kb-course .kb-result-count")).to_have_text("1 historie valgt")
    page.locator("input[name=historie]").nth(1).check()
    chosen = page.locator("input[name=historie]:checked").evaluate_all("els => els.map(e => e.value)")
    assert f"historier={'%2C'.join(chosen)}" in page.url

    page.emulate_media(media="print")
    handouts = page.locator(".kb-handout:visible")
    expect(handouts).to_have_count(2)
    expect(page.locator(".kb-course")).to_be_hidden()
    text = " ".join(handouts.all_inner_texts())
    assert "Kjennetegn som passer" not in text and "Anbefalinger historien belyser" not in text
    assert "Spørsmål til diskusjon" in text
    breaks = handouts.evaluate_all("els => els.map(e => getComputedStyle(e).breakBefore)")
    assert breaks[1] == "page"
    after = handouts.first.locator("h3").first.evaluate("e => getComputedStyle(e).breakAfter")
    assert after == "avoid"
    assert page.pdf(format="A4")[:4] == b"%PDF"


def test_course_pack_selection_and_answers_come_back_from_the_url(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/historier/kursopplegg.html?historier=emma-og-familien&svar=1")
    expect(page.locator(".kb-course .kb-result-count")).to_have_text("1 historie valgt")
    expect(page.locator("input[name=svar]")).to_be_checked()
    page.emulate_media(media="print")
    expect(page.locator(".kb-handout:visible")).to_have_count(1)
    expect(page.locator(".kb-handout:visible")).to_contain_text("Kjennetegn som passer")


def test_course_pack_themes_keep_their_letters(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/historier/kursopplegg.html")
    options = page.locator("select[name=tema] option").all_inner_texts()
    assert "Pårørende" in options and "Språk" in options
    assert not {"Parorende", "Sprak"} & set(options)


def test_participant_page_leaves_the_answers_to_the_trainer(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/historier/emma-og-familien.html")
    expect(page.locator(".kb-story")).not_to_contain_text("Kjennetegn som passer")
    page.goto(f"{real_url}/historier/emma-og-familien-kursleder.html")
    expect(page.locator(".kb-story")).to_contain_text("Kjennetegn som passer")


# Role pages


def test_front_page_role_button_leads_to_the_role_page_by_keyboard(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/index.html")
    link = page.get_by_role("link", name="Fastlege", exact=True)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/roller/fastlege.html")
    for heading in ("Plikter i lov og forskrift", "Sjekklister", "Anbefalinger etter styrke", "Historier som passer"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.locator(".kb-legal a[href^='https://lovdata.no/']").first).to_be_visible()
    expect(page.get_by_role("link", name="Sjekkliste for fastleger")).to_be_visible()
    assert violations(page) == []


# Small things


def test_copy_link_drops_the_search_highlight_resets_and_is_announced(page: Page, real_url: str) -> None:
    page.add_init_script(STUB_COPY)
    page.clock.install()
    page.goto(f"{real_url}/anbefalinger/7-4-koordinatorens-oppgaver.html?h=koordinator")
    page.get_by_role("button", name="Kopier lenke").click()
    button = page.locator(".kb-copy-link")  # its name changes while the confirmation shows
    expect(button).to_have_text("Lenken er kopiert")
    copied = page.evaluate("window.__copied")
    assert copied == f"{real_url}/anbefalinger/7-4-koordinatorens-oppgaver.html"
    expect(page.locator(".kb-actions [role=status]")).to_contain_text("Lenken til siden er kopiert")
    page.clock.run_for(5000)
    expect(button).to_have_text("Kopier lenke")


def test_changes_page_writes_a_shared_change_once(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/endringer.html")
    groups = page.locator("details.kb-change-group")
    assert groups.count() >= 1
    texts = groups.locator("summary").all_inner_texts()
    assert len(texts) == len(set(texts))


def test_two_recommendations_in_one_section_point_to_each_other(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/anbefalinger/7-5-legemiddelgjennomgang.html")
    note = page.locator(".kb-same-section")
    expect(note).to_contain_text("Seksjon 7.5 har også en annen anbefaling")
    expect(note.locator("a")).to_have_attribute("href", "7-5-innhold-i-oppfolgingsplanen.html")


def test_course_pack_answers_by_keyboard(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/historier/kursopplegg.html")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "svar":
            break
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Space")
    expect(page.locator(".kb-answer-part").first).to_be_visible()
    assert "svar=1" in page.url
    assert violations(page) == []
