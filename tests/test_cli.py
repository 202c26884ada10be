"""The kb-build command as editors and CI use it: exit codes, reports, and a safe site/."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import serving
from kb_build.cli import main

BROKEN = {
    "duplicate key": ("styrke: bør\n", "styrke: bør\nstyrke: kan\n", "nøkkelen «styrke» står to ganger"),
    "wrong strength": ("styrke: bør\n", "styrke: skal\n", "tittelen sier «bør», men styrke er «skal»"),
    "unknown legal key": ("  - hol-7-2\n", "  - hol-99-1\n", "ukjent hjemmel «hol-99-1»"),
    "duplicate id": ("id: 1-2-koordinator-bor-tilbys\n", "id: 1-1-plan\n", "«1-1-plan» er allerede brukt"),
    "broken related": ("  - 1-1-plan\n", "  - 1-1-finnes-ikke\n", "fant ingen anbefaling med ID «1-1-finnes-ikke»"),
}


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_check_passes_on_the_fixture(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "check", "--strict"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "0 feil, 0 advarsler"


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_gives_one_message_and_keeps_previous_site(
    case: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(project), "build"]) == 0
    before = _digest(project / "site")
    rec = project / "recommendations/kapittel-01/1-2-koordinator-bor-tilbys.yaml"
    old, new, message = BROKEN[case]
    text = rec.read_text(encoding="utf-8")
    assert old in text
    rec.write_text(text.replace(old, new, 1), encoding="utf-8")
    capsys.readouterr()

    assert main(["--root", str(project), "build"]) == 1

    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("recommendations/kapittel-01/") and message in lines[0]
    assert lines[0].split(":")[1].isdigit() and lines[0].split(":")[2].isdigit()
    assert lines[1] == "1 feil, 0 advarsler"
    assert _digest(project / "site") == before
    assert not list(project.glob(".site-*")), "no scratch folders left behind"


def test_two_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    assert main(["--root", str(project), "build", "--site-dir", str(tmp_path / "a")]) == 0
    assert main(["--root", str(project), "build", "--site-dir", str(tmp_path / "b")]) == 0
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")


def test_edit_url_links_each_recommendation_to_its_source(project: Path, tmp_path: Path) -> None:
    base = "https://github.com/eier/veileder-kb/edit/main/"
    assert main(["--root", str(project), "build", "--site-dir", str(tmp_path / "s"), "--edit-url", base]) == 0
    page = (tmp_path / "s/anbefalinger/1-2-koordinator-bor-tilbys.html").read_text(encoding="utf-8")
    assert f'href="{base}recommendations/kapittel-01/1-2-koordinator-bor-tilbys.yaml"' in page
    assert "Foreslå endring i kildefilen" in page


def test_edit_url_must_be_an_https_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "build", "--edit-url", "javascript:alert(1)//"]) == 2
    assert (
        "--edit-url javascript:alert(1)//: adressen må begynne med https:// og slutte med /" in capsys.readouterr().err
    )
    assert not (project / "site").exists()


def test_reader_closing_the_pipe_early_gives_no_traceback(project: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kb_build.cli", "--root", str(project), "check", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `kb-build check | head -0`
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait() in (0, 1)
    assert "Traceback" not in err and "BrokenPipeError" not in err


def test_json_report(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rec = project / "recommendations/kapittel-01/1-1-plan.yaml"
    rec.write_text(rec.read_text(encoding="utf-8").replace("styrke: skal", "styrke: bør"), encoding="utf-8")
    assert main(["--root", str(project), "check", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report == [
        {
            "path": "recommendations/kapittel-01/1-1-plan.yaml",
            "line": 4,
            "col": 9,
            "json_path": "$.styrke",
            "severity": "error",
            "message": "tittelen sier «skal», men styrke er «bør»",
        }
    ]


def test_warning_fails_only_under_strict(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rec = project / "recommendations/kapittel-01/1-1-plan.yaml"
    text = rec.read_text(encoding="utf-8")
    rec.write_text(text.replace("hjemmel:\n  - lkf-6\n  - hol-7-1\n", "hjemmel: []\n"), encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 0
    assert main(["--root", str(project), "check", "--strict"]) == 1
    assert "advarsel: en skal-anbefaling bør ha hjemmel" in capsys.readouterr().out


def test_not_a_project_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(tmp_path), "check"]) == 2
    assert "er ikke en veiledermappe (mangler mkdocs.yml, content, recommendations, schema)" in capsys.readouterr().err


def test_broken_schema_is_a_setup_error_without_traceback(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "schema" / "kapittel.schema.json").write_text("{ not json", encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 2
    err = capsys.readouterr().err
    assert "skjemaet kapittel.schema.json kan ikke brukes" in err and "Traceback" not in err


def test_new_recommendation_skeleton_passes_check(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    title = 'Koordinatoren bør avtale «neste møte» og "hvem som gjør hva"'
    assert (
        main(["--root", str(project), "new", "anbefaling", "--kapittel", "1", "--seksjon", "1.2", "--tittel", title])
        == 0
    )
    path = project / "recommendations/kapittel-01/1-2-koordinatoren-bor-avtale-neste-mote-og-hvem-som-gj.yaml"
    assert path.is_file()
    assert main(["--root", str(project), "check"]) == 0
    assert "utkast" in path.read_text(encoding="utf-8")
    assert (
        main(["--root", str(project), "new", "anbefaling", "--kapittel", "1", "--seksjon", "1.2", "--tittel", title])
        == 2
    ), "never overwrites"
    assert main(["--root", str(project), "new", "anbefaling", "--kapittel", "7"]) == 2
    assert "kapittel 7 finnes ikke" in capsys.readouterr().err


def test_serve_builds_and_serves_with_live_reload(project: Path) -> None:
    with serving(project) as wait:
        page = wait("anbefalinger/1-1-plan.html", b"Kommunen skal ha en plan")
        assert b"livereload" in page


@pytest.mark.parametrize(
    ("title", "legal"),
    [
        ("Kommunen skal gjøre dette tidlig", ["hol-7-2"]),
        ("Kommunen må gjøre dette tidlig", ["hol-7-1", "hol-7-2"]),
        ("Kommunen bør gjøre dette tidlig", []),
        ("Kommunen kan gjøre dette tidlig", []),
        ("Tjenesten gjør dette tidlig", []),
    ],
)
def test_new_skeleton_passes_strict_check_for_every_strength(
    title: str, legal: list[str], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--root", str(project), "new", "anbefaling", "--kapittel", "1", "--tittel", title]
    assert main([*args, *(a for key in legal for a in ("--hjemmel", key))]) == 0
    capsys.readouterr()
    assert main(["--root", str(project), "check", "--strict"]) == 0, capsys.readouterr().out


@pytest.mark.parametrize(
    ("title", "legal", "message"),
    [
        ("Kommunen skal gjøre dette tidlig", [], "en skal-anbefaling må ha hjemmel: oppgi --hjemmel NØKKEL"),
        ("Kommunen må gjøre dette tidlig", ["hol-99"], "ukjent hjemmel «hol-99»"),
        (
            "Tjenesten kan " + "gjøre dette " * 25,
            [],
            "--tittel kan ikke brukes: teksten er for lang (314 tegn; høyst 250)",
        ),
        (
            "Tjenesten kan <script>gjøre</script>",
            [],
            "--tittel kan ikke brukes: «Tjenesten kan <script>gjøre</script>» har",
        ),
        ("Kan", [], "--tittel kan ikke brukes: teksten er for kort (minst 10 tegn)"),
    ],
)
def test_new_refuses_before_writing(
    title: str, legal: list[str], message: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    args = ["--root", str(project), "new", "anbefaling", "--kapittel", "1", "--tittel", title]
    assert main([*args, *(a for key in legal for a in ("--hjemmel", key))]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err, err
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        ([], "kb-build: mangler KOMMANDO; se «kb-build --help»"),
        (["check", "--bogus"], "kb-build: ukjent argument: --bogus; se «kb-build --help»"),
        (
            ["lag"],
            "kb-build: KOMMANDO: 'lag' finnes ikke; velg 'check', 'build', 'serve', 'diff', 'new', 'horing', 'bibliotek'",
        ),
        (["check", "--format"], "kb-build: --format trenger en verdi; se «kb-build check --help»"),
        (
            ["new", "anbefaling", "--kapittel", "sju"],
            "kb-build: --kapittel: 'sju' er ikke en gyldig verdi; se «kb-build new --help»",
        ),
        (
            ["diff", "finnes-ikke-ref"],
            "kb-build: fant ikke git-referansen «finnes-ikke-ref»; oppgi en gren, en tagg eller en commit",
        ),
    ],
)
def test_usage_errors_are_one_norwegian_line(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], line: str
) -> None:
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    assert main(["--root", str(project), *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1, captured.err
    assert captured.err.startswith(line), captured.err
