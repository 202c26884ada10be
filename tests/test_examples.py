"""Example folders: each valid example passes; each invalid one gives exactly its expected messages.

An example is dropped into a copy of the mini guideline where a file of its kind belongs,
so schema errors and cross-reference errors are tested the same way, wording included.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import MINI, TESTS, copy_project, run_check
from kb_build.kinds import KINDS

EXAMPLES = TESTS / "examples"
PLACE = {
    kind.name: f"{kind.path}/{'eksempler/' if kind.recursive else ''}{{name}}" if kind.per_item else kind.path
    for kind in KINDS
}
"""Where an example of each kind goes in the project."""


def _cases(folder: str) -> list[Path]:
    return sorted((EXAMPLES / folder).glob("*/*.yaml"))


def _install(example: Path, root: Path) -> str:
    kind = example.parent.name
    rel = PLACE[kind].format(name=example.name)
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(example, target)
    return rel


@pytest.mark.parametrize("example", _cases("valid"), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_valid_example_passes(example: Path, tmp_path: Path) -> None:
    root = copy_project(MINI, tmp_path / "p")
    _install(example, root)
    result = run_check(root, strict=True)
    assert [p.format() for p in result.problems] == []


@pytest.mark.parametrize("example", _cases("invalid"), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_invalid_example_reports_expected_messages(example: Path, tmp_path: Path) -> None:
    root = copy_project(MINI, tmp_path / "p")
    rel = _install(example, root)
    result = run_check(root, strict=True)
    expected = example.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    got = [p.format().replace(rel, "{file}") for p in result.problems]
    assert got == expected
    assert result.failed(strict=True)


def test_every_kind_has_valid_and_invalid_examples() -> None:
    for kind in (k.name for k in KINDS):
        assert list((EXAMPLES / "valid" / kind).glob("*.yaml")), f"no valid example for {kind}"
        assert list((EXAMPLES / "invalid" / kind).glob("*.yaml")), f"no invalid example for {kind}"


def test_every_invalid_example_has_expected_file() -> None:
    for example in _cases("invalid"):
        assert example.with_suffix(".expected").is_file(), example


def test_error_examples_in_contributing_are_real_output() -> None:
    """Every error line shown to editors in CONTRIBUTING.md is what the example really gives."""
    text = (TESTS.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = [line for line in text.splitlines() if line.startswith("recommendations/eksempler/")]
    assert len(shown) >= 5
    for line in shown:
        name = line.split(":", 1)[0].rsplit("/", 1)[1]
        expected = (EXAMPLES / "invalid" / "anbefaling" / name).with_suffix(".expected").read_text(encoding="utf-8")
        assert line.replace(f"recommendations/eksempler/{name}", "{file}") in expected.splitlines(), line
