"""Status on every list and on paper: the three kinds of statement, til revisjon, and the print copy."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

pytestmark = pytest.mark.browser

A4_PRINTABLE: ViewportSize = {"width": 688, "height": 1009}
"""A4 less the 14 mm and 15 mm margins of kb.css's @page, in CSS pixels (96 per inch)."""


def _records(site: Path) -> list[dict[str, Any]]:
    data = json.loads((site / "data/anbefalinger.json").read_text(encoding="utf-8"))
    return list(data["anbefalinger"])


def test_whole_guideline_print_carries_labels_legal_basis_and_addresses(
    page: Page, real_url: str, real_site: Path, tmp_path: Path
) -> None:
    recs = _records(real_site)
    page.goto(f"{real_url}/utskrift.html")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    cover = page.locator(".kb-cover")
    for fact in ("Helsedirektoratet", "Sist faglig endret", "Denne utgaven", "kb-build", "Uoffisiell"):
        expect(cover).to_contain_text(fact)
    expect(cover.locator(".kb-legend .kb-badge")).to_have_text(
        ["Skal", "Må", "Bør", "Kan", "Lovkrav", "Eksempel (denne utgaven)"]
    )
    blocks = page.locator(".kb-print-rec")
    expect(blocks).to_have_count(len(recs))
    for rec in recs:
        block = page.locator(f"article.kb-print-rec[id='{rec['id']}']")
        expect(block.locator(".kb-badge").first).to_have_text(rec["merke"])
        for part in ("Praktisk", "Begrunnelse", "Hjemmel"):
            expect(block.locator("h5", has_text=part)).to_have_count(1)
        expect(block.locator(".kb-print-url")).to_have_text(f"Nettadresse: {real_url}/{rec['url']}")
        for legal in rec["hjemmel"]:
            expect(block.locator(f"ul.kb-legal a[href='{legal['url']}']")).to_contain_text(
                legal["paragraf"] or legal["lov"]
            )
        flagged = block.locator(".kb-tag--review")
        expect(flagged).to_have_count(1 if rec["til_revisjon"] else 0)
    duty = page.locator("article.kb-print-rec[id='7-4-koordinatorens-oppgaver']")
    expect(duty.locator(".kb-print-rec__labels")).to_contain_text("Lovkrav")
    expect(duty.locator(".kb-badge--kan")).to_have_count(0)
    pdf = page.pdf(path=str(tmp_path / "veilederen.pdf"), format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 1 + 9


def test_print_cover_fills_exactly_one_page(browser: Browser, real_url: str) -> None:
    context = browser.new_context(viewport=A4_PRINTABLE)
    page = context.new_page()
    page.goto(f"{real_url}/utskrift.html")
    page.emulate_media(media="print")
    bottom = page.evaluate("document.querySelector('.kb-cover').getBoundingClientRect().bottom + scrollY")
    assert A4_PRINTABLE["height"] * 0.6 < bottom <= A4_PRINTABLE["height"], "cover is half empty or spills over"
    breaks = page.evaluate(
        "[getComputedStyle(document.querySelector('.kb-cover')).breakAfter,"
        " getComputedStyle(document.querySelector('.kb-print-chapter')).breakBefore]"
    )
    assert breaks == ["page", "page"]
    context.close()


def test_chapter_print_holds_that_chapter_only(page: Page, real_url: str, real_site: Path) -> None:
    page.goto(f"{real_url}/kapitler/7-tverrfaglige-team.html")
    page.get_by_role("link", name="Skriv ut kapitlet").click()
    assert page.url.endswith("utskrift.html?kapittel=7")
    expect(page.locator(".kb-cover__scope")).to_have_text(re.compile(r"^Kapittel 7: "))
    expect(page.locator(".kb-print-chapter:visible")).to_have_count(1)
    expect(page.locator(".kb-cover__chapters li:visible")).to_have_text([re.compile(r"^7\. ")])
    in_chapter = [r for r in _records(real_site) if r["kapittel"] == 7]
    expect(page.locator(".kb-print-rec:visible")).to_have_count(len(in_chapter))


def test_recommendation_page_prints_its_address_labels_and_layers(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/anbefalinger/7-4-koordinatorens-oppgaver.html")
    expect(page.get_by_role("button", name="Skriv ut")).to_be_visible()
    address = page.locator(".kb-print-url")
    expect(address).to_be_hidden()  # on screen the address bar says it
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(address).to_have_text(f"Nettadresse: {real_url}/anbefalinger/7-4-koordinatorens-oppgaver.html")
    expect(page.locator(".kb-kicker .kb-badge")).to_have_text("Lovkrav")
    expect(page.locator("details#praktisk li").first).to_be_visible()
    expect(page.locator("ul.kb-legal a").first).to_be_visible()


def test_list_filters_on_kind_and_status_and_labels_every_row(page: Page, real_url: str, real_site: Path) -> None:
    recs = _records(real_site)
    page.goto(f"{real_url}/anbefalinger/index.html")
    rows = page.locator(".kb-filterable > li:visible")
    expect(rows).to_have_count(len(recs))
    # Every row names its kind in words, not by colour alone.
    texts = page.locator(".kb-filterable > li .kb-badge").all_inner_texts()
    assert [t.strip() for t in texts] == [r["merke"] for r in recs]
    page.get_by_role("checkbox", name=re.compile(r"^Lovkrav")).check()
    expect(rows).to_have_count(sum(1 for r in recs if r["art"] == "lovkrav"))
    expect(rows.first.locator(".kb-badge")).to_have_text("Lovkrav")
    assert "art=lovkrav" in page.url
    page.get_by_role("button", name="Nullstill filtre").click()
    page.get_by_role("checkbox", name=re.compile(r"^Til revisjon")).check()
    flagged = [r for r in recs if r["til_revisjon"]]
    expect(rows).to_have_count(len(flagged))
    expect(page.locator(".kb-filterable > li:visible .kb-tag--review")).to_have_count(len(flagged))
    page.get_by_role("checkbox", name=re.compile(r"^Eksempel fra denne utgaven")).check()
    expect(rows).to_have_count(sum(1 for r in flagged if r["art"] == "eksempel"))


def test_finder_and_decision_aid_show_kind_and_status(page: Page, real_url: str, real_site: Path) -> None:
    recs = _records(real_site)
    page.goto(f"{real_url}/roller/koordinator.html")
    expect(page.locator("h3#styrke-lovkrav")).to_contain_text("Lovkrav")
    expect(page.locator("h3#styrke-eksempel")).to_contain_text("Eksempler fra denne utgaven")
    duty = page.locator("h3#styrke-lovkrav + ul li").first
    expect(duty.locator(".kb-badge").first).to_have_text("Lovkrav")
    expect(duty.locator(".kb-tag--review")).to_have_count(1)
    page.goto(f"{real_url}/verktoy/beslutningsstotte.html")
    linked = page.evaluate(
        """() => Array.from(document.getElementById("kb-rule-results").content.querySelectorAll("li:has(.kb-badge)"),
            li => ({tittel: li.querySelector("a").textContent, badge: li.innerHTML}))"""
    )
    assert linked and all('class="kb-badge' in a["badge"] for a in linked)
    by_title = {r["tittel"]: r for r in recs}
    for a in linked:
        assert (">Til revisjon<" in a["badge"]) == bool(by_title[a["tittel"]]["til_revisjon"]), a["tittel"]


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts", "no-scripts"])
def test_print_rules_arrive_after_the_first_paint_and_without_scripts(
    browser: Browser, real_url: str, scripts: bool
) -> None:
    """kb-print.css is fetched by main.html's loader, or through <noscript>: paper never gets the screen's menus."""
    context = browser.new_context(java_script_enabled=scripts)
    page = context.new_page()
    page.goto(f"{real_url}/anbefalinger/index.html")
    page.wait_for_load_state("load")
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".kb-filter-panel")).to_be_hidden()
    expect(page.locator(".kb-badge").first).to_have_css("background-color", "rgba(0, 0, 0, 0)")
    page.emulate_media(media="screen")
    expect(page.locator(".md-header")).to_be_visible()
    expect(page.locator(".kb-badge").first).not_to_have_css("background-color", "rgba(0, 0, 0, 0)")
    context.close()
