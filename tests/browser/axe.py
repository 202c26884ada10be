"""Run axe-core in the page; known deviations come from content/tilgjengelighet.yaml."""

from __future__ import annotations

from typing import Any

import yaml
from playwright.sync_api import Page

from conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def allowed() -> list[dict[str, str]]:
    """The known deviations: the same list the accessibility statement shows."""
    data = yaml.safe_load((REPO / "content" / "tilgjengelighet.yaml").read_text(encoding="utf-8"))
    return list(data["avvik"])


def violations(page: Page) -> list[dict[str, Any]]:
    """Violations of WCAG 2.1 A/AA on the current page, minus the listed deviations."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    out = []
    for v in result["violations"]:
        nodes = [n for n in v["nodes"] if not _is_allowed(page, v["id"], n["target"])]
        if nodes:
            out.append({"id": v["id"], "help": v["help"], "targets": [n["target"] for n in nodes][:5]})
    return out


def _is_allowed(page: Page, rule: str, target: list[str]) -> bool:
    for deviation in allowed():
        if deviation["regel"] == rule and page.evaluate(
            "([sel, dev]) => { const el = document.querySelector(sel); return !!el && !!el.closest(dev); }",
            [target[-1], deviation["gjelder"]],
        ):
            return True
    return False
