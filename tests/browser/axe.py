"""Run axe-core in the page; known deviations come from the project's content/tilgjengelighet.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Page

from conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def allowed(project: Path = REPO) -> list[dict[str, str]]:
    """The known deviations of the project whose site is tested: the list its accessibility statement shows."""
    statement = project / "content" / "tilgjengelighet.yaml"
    if not statement.is_file():
        return []
    data = yaml.safe_load(statement.read_text(encoding="utf-8"))
    return list(data.get("avvik", []))


def violations(page: Page, project: Path = REPO) -> list[dict[str, Any]]:
    """Violations of WCAG 2.1 A/AA on the current page, minus the deviations ``project`` lists."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    deviations = allowed(project)
    out = []
    for v in result["violations"]:
        nodes = [n for n in v["nodes"] if not _is_allowed(page, v["id"], n["target"], deviations)]
        if nodes:
            out.append({"id": v["id"], "help": v["help"], "targets": [n["target"] for n in nodes][:5]})
    return out


def _is_allowed(page: Page, rule: str, target: list[str], deviations: list[dict[str, str]]) -> bool:
    for deviation in deviations:
        if deviation["regel"] == rule and page.evaluate(
            "([sel, dev]) => { const el = document.querySelector(sel); return !!el && !!el.closest(dev); }",
            [target[-1], deviation["gjelder"]],
        ):
            return True
    return False
