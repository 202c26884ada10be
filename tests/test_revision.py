"""Law-change watch: a provision changed after a recommendation's last review flags it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_check
from kb_build.cli import main


def test_changed_after_review_flags_and_same_day_or_earlier_does_not(project: Path) -> None:
    index = run_check(project).index
    assert index is not None
    # hol-7-2 changed 2022-08-01: reviewed 2018-01-30 -> flagged; reviewed 2022-08-01 -> not.
    # lkf-6 changed 2016-01-01, before the 2018 review of 1-1-plan -> not flagged.
    assert {k: [s.key for s in v] for k, v in index.review_flags.items()} == {"1-2-koordinator-bor-tilbys": ["hol-7-2"]}


def test_a_later_review_clears_the_flag(project: Path) -> None:
    rec = project / "recommendations/kapittel-01/1-2-koordinator-bor-tilbys.yaml"
    rec.write_text(
        rec.read_text(encoding="utf-8").replace('sist_vurdert: "2018-01-30"', 'sist_vurdert: "2022-08-02"'),
        encoding="utf-8",
    )
    index = run_check(project).index
    assert index is not None and index.review_flags == {}


def test_check_reports_review_as_information_not_warning(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "check", "--strict"]) == 0
    out = capsys.readouterr().out
    assert "0 feil, 0 advarsler" in out
    assert "Til revisjon: 1 anbefaling viser til bestemmelser endret" in out
    assert "helse- og omsorgstjenesteloven § 7-2" in out


def test_fail_on_review(project: Path) -> None:
    assert main(["--root", str(project), "check", "--fail-on-review"]) == 1
