"""The generated HTML is valid according to the Nu HTML Checker (vnu.jar from npm, run on Java).

Errors in mkdocs-material's own templates are listed in fixtures/vnu-known-material.txt.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, TESTS

pytestmark = pytest.mark.validator

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _known() -> list[tuple[str, str]]:
    lines = (TESTS / "fixtures" / "vnu-known-material.txt").read_text(encoding="utf-8").splitlines()
    return [tuple(p.strip() for p in line.split("|", 1)) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def unexpected_errors(site: Path) -> list[str]:
    if shutil.which("java") is None or not VNU.exists():
        pytest.fail("java and node_modules/vnu-jar are needed: run 'make test'")
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    known = _known()
    return [
        f"{m['url'].split(str(site))[-1]}: {m['message']} [{m.get('extract', '').strip()[:80]}]"
        for m in messages
        if not any(m["message"].startswith(msg) and snippet in m.get("extract", "") for msg, snippet in known)
    ]


def test_mini_site_html_is_valid(mini_site: Path) -> None:
    assert unexpected_errors(mini_site) == []


def test_real_site_html_is_valid(real_site: Path) -> None:
    assert unexpected_errors(real_site) == []


def test_site_with_editions_and_a_consultation_draft_is_valid(tmp_path: Path) -> None:
    """Banners, diffs and the draft's response forms are valid HTML too."""
    from kb_build.build import build
    from kb_build.config import make_config
    from test_editions import add_draft, make_repo

    repo = make_repo(tmp_path)
    add_draft(repo)
    build(make_config(repo))
    assert unexpected_errors(repo / "site") == []


def test_example_guideline_sites_html_is_valid(example_sites: dict[Path, Path]) -> None:
    assert example_sites
    assert {root.name: unexpected_errors(site) for root, site in example_sites.items()} == {
        root.name: [] for root in example_sites
    }
