"""The decision tool and finder in Chromium, checked against the Python evaluator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import TESTS

CASES: list[dict[str, Any]] = yaml.safe_load((TESTS / "decision_cases.yaml").read_text("utf-8"))["cases"]


@pytest.fixture
def tool(page: Page, real_url: str) -> Page:
    page.goto(f"{real_url}/verktoy/beslutningsstotte.html")
    expect(page.locator("form.kb-decision")).to_be_visible()
    return page


def _tick(page: Page, answers: dict[str, Any]) -> None:
    page.get_by_role("button", name="Nullstill svarene").click()
    for group in ("kriterier", "tilstander", "forhold"):
        for value in answers.get(group, []):
            page.locator(f"form.kb-decision input[name={group}][value='{value}']").check()
    if answers.get("aldersgruppe"):
        page.locator(f"form.kb-decision input[name=aldersgruppe][value='{answers['aldersgruppe']}']").check()


@pytest.mark.parametrize("case", CASES, ids=[c["navn"] for c in CASES])
def test_browser_evaluator_matches_python(case: dict[str, Any], tool: Page) -> None:
    svar = case["svar"]
    answers = {
        "kriterier": svar.get("kriterier", []),
        "tilstander": svar.get("tilstander", []),
        "forhold": svar.get("forhold", []),
        "aldersgruppe": svar.get("aldersgruppe"),
    }
    assert tool.evaluate("a => window.kbDecision.evaluate(a)", answers) == case["forventet"]


@pytest.mark.parametrize("case", CASES[:6], ids=[c["navn"] for c in CASES[:6]])
def test_tool_shows_the_rules_that_apply(case: dict[str, Any], tool: Page) -> None:
    _tick(tool, case["svar"])
    tool.get_by_role("button", name="Vis hva som blir aktuelt").click()
    shown = tool.locator(".kb-decision-result .kb-rule").evaluate_all("els => els.map(e => e.dataset.rule)")
    assert shown == case["forventet"]
    if not case["forventet"]:
        expect(tool.locator(".kb-decision-result")).to_contain_text("Ingen av kriteriene er krysset av")


def test_tool_with_keyboard_only(tool: Page) -> None:
    tool.locator("form.kb-decision input[name=aldersgruppe]").first.focus()
    tool.keyboard.press("ArrowDown")  # radio group: second age group (voksen)
    for _ in range(2):
        tool.keyboard.press("Tab")
    tool.keyboard.press("Space")  # second criterion: flere aktører
    tool.keyboard.press("Tab")
    tool.keyboard.press("Space")  # third: langvarige helseproblemer
    focused = tool.evaluate("document.activeElement.value")
    assert focused == "langvarige-helseproblemer"
    outline = tool.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"
    tool.locator("form.kb-decision button[type=submit]").focus()
    tool.keyboard.press("Enter")
    rules = tool.locator(".kb-decision-result .kb-rule").evaluate_all("els => els.map(e => e.dataset.rule)")
    assert "individuell-plan-og-koordinator" in rules
    assert tool.evaluate("document.activeElement.classList.contains('kb-decision-result')")


def test_nothing_is_stored_or_sent(tool: Page) -> None:
    _tick(tool, {"kriterier": ["daglig-fungering"]})
    tool.get_by_role("button", name="Vis hva som blir aktuelt").click()
    stored = tool.evaluate("JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")
    assert "daglig" not in stored and "kriterier" not in stored  # Material keeps only its own palette setting
    assert "daglig" not in tool.url


def test_old_finder_address_forwards_to_the_filtered_list(page: Page, real_url: str, real_site: Path) -> None:
    import json

    recs = json.loads((real_site / "data/anbefalinger.json").read_text("utf-8"))["anbefalinger"]
    page.goto(f"{real_url}/verktoy/finn-anbefalinger.html?rolle=fastlege&fase=folge-opp")
    page.wait_for_url("**/anbefalinger/index.html?malgruppe=fastlege&fase=folge-opp")
    # Recommendations without a phase work on system level and belong to every phase.
    expected = [r for r in recs if "fastlege" in r["målgruppe"] and (not r["fase"] or "folge-opp" in r["fase"])]
    expect(page.locator(".kb-filterable > li:visible")).to_have_count(len(expected))
    expect(page.locator(".kb-result-count")).to_have_text(f"Viser {len(expected)} av {len(recs)} anbefalinger")
