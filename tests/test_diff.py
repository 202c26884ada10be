"""kb-build diff on a real git repository with real commits."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from kb_build.cli import main

REC = "recommendations/kapittel-01"


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.fixture
def repo(project: Path) -> Path:
    _git(project, "init", "-q", "-b", "main")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base")
    _git(project, "checkout", "-q", "-b", "endring")
    bor = project / REC / "1-2-koordinator-bor-tilbys.yaml"
    bor.write_text(
        bor.read_text("utf-8").replace("styrke: bør", "styrke: skal").replace("bør tilbys", "skal tilbys"), "utf-8"
    )
    plan = project / REC / "1-1-plan.yaml"
    plan.write_text(
        plan.read_text("utf-8").replace("  - lkf-6\n", "").replace("praktisk: |\n", "praktisk: |\n  - Nytt steg.\n"),
        "utf-8",
    )
    (project / REC / "1-2-koordinator-kan-lede.yaml").unlink()
    new = project / REC / "1-2-ny.yaml"
    new.write_text(
        plan.read_text("utf-8")
        .replace("id: 1-1-plan", "id: 1-2-ny")
        .replace("Kommunen skal ha en plan", "Kommunen kan ha en ny plan")
        .replace("styrke: skal", "styrke: kan"),
        "utf-8",
    )
    _git(project, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-am", "edit")
    _git(project, "add", "-A")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "add")
    return project


def test_markdown_summary_puts_strength_and_legal_changes_first(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(repo), "diff"]) == 0
    out = capsys.readouterr().out
    assert out.index("Styrke endret (1)") < out.index("Hjemmel endret (1)") < out.index("Nye anbefalinger (1)")
    assert "- `1-2-koordinator-bor-tilbys`: **bør → skal**" in out
    assert "- `1-1-plan`: − lkf-6 – Kommunen skal ha en plan" in out
    assert "- `1-2-ny` (kan): Kommunen kan ha en ny plan" in out
    assert "- `1-2-koordinator-kan-lede`: Koordinatoren kan lede teammøtene" in out


def test_json_summary_lists_fields(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(repo), "diff", "main", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    changed = {c["id"]: c for c in data["endret"]}
    assert changed["1-1-plan"]["felt"] == ["praktisk", "hjemmel"]
    assert changed["1-1-plan"]["hjemmel_fjernet"] == ["lkf-6"]
    assert changed["1-2-koordinator-bor-tilbys"]["styrke"] == ["bør", "skal"]
    assert [r["id"] for r in data["fjernet"]] == ["1-2-koordinator-kan-lede"]


def test_renamed_id_is_called_out(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = repo / REC / "1-1-plan.yaml"
    old.rename(repo / REC / "1-1-kommunal-plan.yaml")
    path = repo / REC / "1-1-kommunal-plan.yaml"
    path.write_text(path.read_text("utf-8").replace("id: 1-1-plan", "id: 1-1-kommunal-plan"), "utf-8")
    assert main(["--root", str(repo), "diff"]) == 0
    assert "- `1-1-plan` → `1-1-kommunal-plan`: Kommunen skal ha en plan" in capsys.readouterr().out


def test_unknown_ref_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(repo), "diff", "finnes-ikke"]) == 2
    assert "git rev-parse" in capsys.readouterr().err


def test_no_changes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(repo), "diff", "HEAD"]) == 0
    assert "Ingen endringer i anbefalingene." in capsys.readouterr().out


def test_a_changed_kind_of_statement_is_called_out(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Turning this edition's example into a legal duty changes what readers see: report it like a strength."""
    _git(project, "init", "-q", "-b", "main")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base")
    lead = project / REC / "1-2-koordinator-kan-lede.yaml"
    lead.write_text(
        lead.read_text("utf-8")
        .replace("art: eksempel", "art: lovkrav")
        .replace("Koordinatoren kan lede teammøtene", "Koordinatoren leder teammøtene"),
        "utf-8",
    )
    assert main(["--root", str(project), "diff", "main"]) == 0
    assert "- `1-2-koordinator-kan-lede`: **eksempel → lovkrav**" in capsys.readouterr().out
