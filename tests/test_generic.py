"""The generator holds no words of a guideline: names, publisher, criteria and ids live in content/.

Searches every file of the package (code, theme templates, CSS and JavaScript) for phrases of our
guideline and for its ids quoted as code would write them. A guideline's facts belong in
``content/veileder.yaml`` (see CONTRIBUTING.md); a hit here means one slipped into the generator.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO
from kb_build.yamlio import Loaded, load_bytes

PACKAGE = REPO / "src" / "kb_build"

PHRASES = (
    "Helsedirektorat",
    "store og sammensatte",
    "sju kriteriene",
    "sju kjennetegnene",
    "strukturert oppfølging",
    "strukturert, tverrfaglig",
    "multisykdom",
    "barn, unge, voksne og eldre",
    "NLOD",
    "Uoffisiell, forklarende",
)
"""Phrases of our guideline and of how our edition speaks of itself."""


def _data(rel: str) -> dict[str, object]:
    loaded = load_bytes((REPO / rel).read_bytes(), rel)
    assert isinstance(loaded, Loaded), loaded
    return loaded.data


def _ids() -> set[str]:
    """The ids of our roles, phases, readers' roles and criteria."""
    guideline = _data("content/veileder.yaml")
    target = _data("content/malgruppe.yaml")
    roles = _data("content/roller.yaml")
    found = set()
    for group in (guideline["malgrupper"], guideline["faser"], roles["roller"], target["kriterier"]):
        assert isinstance(group, list)
        found |= {str(item["id"]) for item in group}
    return found


def _package_files() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".html", ".js", ".css", ".json", ".yml")
    )


def test_the_search_covers_code_templates_and_assets() -> None:
    suffixes = {p.suffix for p in _package_files()}
    assert {".py", ".html", ".js", ".css"} <= suffixes
    assert len(_ids()) > 10


def _words_of_our_guideline(text: str) -> list[str]:
    """Our phrases in ``text``, and our ids where code would quote them or put them in a link."""
    lower = text.lower()
    found = [phrase for phrase in PHRASES if phrase.lower() in lower]
    for some_id in sorted(_ids()):
        quoted = re.compile(rf"""(["']{re.escape(some_id)}["']|malgruppe={re.escape(some_id)}\b)""")
        found += [f"id {match.group(0)}" for match in quoted.finditer(text)]
    return found


@pytest.mark.parametrize("path", _package_files(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_package_file_holds_no_words_of_our_guideline(path: Path) -> None:
    found = _words_of_our_guideline(path.read_text(encoding="utf-8"))
    assert found == [], f"{path.relative_to(REPO)}: move these to the guideline's data in content/"


def test_the_search_finds_planted_words() -> None:
    planted = 'LABEL = "Sist vurdert av Helsedirektoratet"\nROLES = ("fastlege",)\nHREF = "?malgruppe=nav"\n'
    assert _words_of_our_guideline(planted) == ["Helsedirektorat", 'id "fastlege"', "id malgruppe=nav"]
