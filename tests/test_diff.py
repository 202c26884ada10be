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
        plan.read_text("utf-8")
        .replace("  - lkf-6\n", "")
        .replace("praktisk: |\n", "praktisk: |\n  - Nytt steg.\n")
        .replace("relatert:\n  - 1-2-koordinator-kan-lede\n", "relatert: []\n"),
        "utf-8",
    )
    (project / REC / "1-2-koordinator-kan-lede.yaml").unlink()
    checklist = project / "content/sjekklister/leder.yaml"
    checklist.write_text(checklist.read_text("utf-8").replace("kan-lede", "bor-tilbys"), "utf-8")
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
    assert main(["--root", str(repo), "diff"]) == 1, "a removed recommendation breaks its URL"
    out = capsys.readouterr().out
    assert out.index("Nettadresser som slutter å virke (1)") < out.index("Styrke endret (1)")
    assert "- `anbefalinger/1-2-koordinator-kan-lede.html`: Koordinatoren kan lede teammøtene" in out
    assert out.index("Styrke endret (1)") < out.index("Hjemmel endret (1)") < out.index("Nye anbefalinger (1)")
    assert "- `1-2-koordinator-bor-tilbys`: **bør → skal**" in out
    assert "- `1-1-plan`: − lkf-6 – Kommunen skal ha en plan" in out
    assert "- `1-2-ny` (kan): Kommunen kan ha en ny plan" in out
    assert "- `1-2-koordinator-kan-lede`: Koordinatoren kan lede teammøtene" in out


def test_json_summary_lists_fields(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(repo), "diff", "main", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    changed = {c["id"]: c for c in data["endret"]}
    assert changed["1-1-plan"]["felt"] == ["praktisk", "hjemmel", "relatert"]
    assert changed["1-1-plan"]["hjemmel_fjernet"] == ["lkf-6"]
    assert changed["1-2-koordinator-bor-tilbys"]["styrke"] == ["bør", "skal"]
    assert [r["id"] for r in data["fjernet"]] == ["1-2-koordinator-kan-lede"]
    assert [b["url"] for b in data["brutt"]] == ["anbefalinger/1-2-koordinator-kan-lede.html"]


def _rename_plan(repo: Path, *, title: str | None = None, earlier: bool = False) -> None:
    """Give 1-1-plan a new id (and file name), optionally a new title and its old id in tidligere_id."""
    old = repo / REC / "1-1-plan.yaml"
    path = repo / REC / "1-1-kommunal-plan.yaml"
    text = old.read_text("utf-8").replace("id: 1-1-plan", "id: 1-1-kommunal-plan")
    if title:
        text = text.replace("tittel: Kommunen skal ha en plan", f"tittel: {title}")
    if earlier:
        text += "tidligere_id:\n  - 1-1-plan\n"
    old.unlink()
    path.write_text(text, "utf-8")
    (repo / REC / "1-2-koordinator-kan-lede.yaml").write_text(
        subprocess.run(
            ["git", "-C", str(repo), "show", f"main:{REC}/1-2-koordinator-kan-lede.yaml"], capture_output=True
        ).stdout.decode("utf-8"),
        "utf-8",
    )  # restored, so only the rename decides the exit code


def test_renamed_id_is_called_out(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _rename_plan(repo)
    assert main(["--root", str(repo), "diff"]) == 1, "the old URL breaks without tidligere_id"
    out = capsys.readouterr().out
    assert "- `1-1-plan` → `1-1-kommunal-plan`: Kommunen skal ha en plan" in out
    assert (
        "- `anbefalinger/1-1-plan.html`: Kommunen skal ha en plan (tidligere_id: 1-1-plan i `1-1-kommunal-plan`)" in out
    )


def test_rename_of_id_and_title_together_is_matched_and_redirect_passes(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _rename_plan(repo, title="Kommunen skal ha en samlet plan", earlier=True)
    assert main(["--root", str(repo), "diff", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ny_id"] == [
        {"fra": "1-1-plan", "til": "1-1-kommunal-plan", "tittel": "Kommunen skal ha en samlet plan"}
    ]
    assert data["fjernet"] == [] and data["brutt"] == []


def test_rename_of_id_and_title_without_redirect_fails(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _rename_plan(repo, title="Kommunen skal ha en samlet plan")
    assert main(["--root", str(repo), "diff", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [r["til"] for r in data["ny_id"]] == ["1-1-kommunal-plan"], "matched as a rename by its unchanged text"
    assert data["brutt"][0]["url"] == "anbefalinger/1-1-plan.html"


def test_unknown_ref_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(repo), "diff", "finnes-ikke"]) == 2
    assert "kb-build: fant ikke git-referansen «finnes-ikke»" in capsys.readouterr().err


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


def test_any_published_page_that_disappears_fails_the_review(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = repo / "content/historier/aina.yaml"
    story.write_text(story.read_text("utf-8").replace("id: aina", "id: aina-ny"), "utf-8")
    story.rename(story.with_name("aina-ny.yaml"))
    assert main(["--root", str(repo), "diff", "HEAD"]) == 1
    out = capsys.readouterr().out
    assert "Nettadresser som slutter å virke (2)" in out
    assert "- `historier/aina-kursleder.html`\n- `historier/aina.html`\n" in out


def test_a_moved_page_listed_in_flyttede_sider_is_not_broken(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = repo / "content/historier/aina.yaml"
    story.write_text(story.read_text("utf-8").replace("id: aina", "id: aina-ny"), "utf-8")
    story.rename(story.with_name("aina-ny.yaml"))
    guideline = repo / "content/veileder.yaml"
    guideline.write_text(
        guideline.read_text("utf-8")
        + "flyttede_sider:\n"
        + "  - fra: historier/aina.html\n    til: historier/aina-ny.html\n"
        + "  - fra: historier/aina-kursleder.html\n    til: historier/aina-ny-kursleder.html\n",
        "utf-8",
    )
    assert main(["--root", str(repo), "diff", "HEAD"]) == 0
    assert "Nettadresser som slutter å virke" not in capsys.readouterr().out
