"""`kb-build horing samle`: response files in, one report per recommendation out; bad files named by line."""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest

from conftest import MINI, TESTS, run_check
from kb_build import consultation
from kb_build.cli import main
from kb_build.config import make_config

EXAMPLES = TESTS / "examples" / "horing"
VALID = sorted((EXAMPLES / "valid").glob("*.csv"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.csv"))


@pytest.fixture(scope="module")
def known() -> dict[str, str]:
    return consultation.subjects(run_check(MINI).index)


def _collect(paths: list[Path], known: dict[str, str]) -> consultation.Collected:
    """Collect with paths shown relative to the examples folder, as the expected files write them."""
    cwd = Path.cwd()
    os.chdir(EXAMPLES)
    try:
        rel = [p.relative_to(EXAMPLES) for p in paths]
        return consultation.collect(rel, consultation.load_schema(MINI / "schema"), known)
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_response_file_has_no_problems(path: Path, known: dict[str, str]) -> None:
    collected = _collect([path], known)
    assert collected.problems == ()
    assert collected.responses


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_response_file_gives_its_expected_messages(path: Path, known: dict[str, str]) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert [p.format() for p in _collect([path], known).problems] == expected


def test_one_bad_file_does_not_stop_the_others(known: dict[str, str]) -> None:
    collected = _collect([*INVALID, *VALID], known)
    files_with_problems = {p.pos.path for p in collected.problems}
    assert len(files_with_problems) == len(INVALID)
    sources = {r.fil for r in collected.responses}
    assert {f"valid/{p.name}" for p in VALID} <= sources
    assert "invalid/feil-i-rader.csv" in sources  # its one good row is kept


def test_report_groups_by_subject_in_guideline_order(known: dict[str, str]) -> None:
    collected = _collect(VALID, known)
    md = consultation.report_markdown(collected, known)
    headings = [line for line in md.splitlines() if line.startswith("### ")]
    assert headings == [
        "### Kapittel 1: Første testkapittel",
        "### 1\\.1 Kommunen skal ha en plan",
        "### 1\\.2 Koordinatoren kan lede teammøtene",
        "### Generelt: struktur",
    ]
    assert "5 kommentarer fra 2 organisasjoner, lest fra 2 filer." in md
    assert "| kommune | 1 | 3 |" in md and "| helseforetak | 1 | 2 |" in md
    assert "`1-1-plan` · 2 kommentarer fra 2 organisasjoner (helseforetak: 1, kommune: 1)" in md
    # Text from respondents cannot become markup in the report.
    assert "<b>" not in md and "[lenke](" not in md
    assert "&lt;b&gt;her&lt;/b&gt; \\[lenke\\](javascript:x)" in md


def test_csv_reports_read_back_in_a_spreadsheet_dialect(known: dict[str, str]) -> None:
    collected = _collect(VALID, known)
    text = consultation.report_csv(collected, known)
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows) == len(collected.responses) == 5
    multi = next(r for r in rows if r["kommentartype"] == "endringsforslag")
    assert multi["kommentar"].endswith('\n\nAndre avsnitt med "sitat".')
    assert multi["tittel"] == "1.1 Kommunen skal ha en plan"
    formula = next(r for r in rows if r["kommentartype"] == "innvending")
    assert formula["kommentar"].startswith("'=")  # a spreadsheet shows it, never runs it
    counts = list(csv.DictReader(io.StringIO(consultation.counts_csv(collected, known)), delimiter=";"))
    assert {(r["gjelder"], r["organisasjonstype"], r["kommentarer"]) for r in counts} >= {
        ("1-1-plan", "kommune", "1"),
        ("1-1-plan", "helseforetak", "1"),
    }


def test_same_file_twice_counts_once(known: dict[str, str]) -> None:
    collected = _collect([VALID[0], VALID[0]], known)
    assert collected.duplicates == len(collected.responses)


def test_cli_writes_reports_and_exits_1_when_a_file_is_bad(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rapport"
    files = [str(p) for p in [*VALID, EXAMPLES / "invalid" / "latin1.csv", tmp_path / "finnes-ikke.csv"]]
    assert main(["--root", str(project), "horing", "samle", *files, "--ut", str(out)]) == 1
    captured = capsys.readouterr()
    assert "latin1.csv:2:1: $: filen er ikke lagret som UTF-8" in captured.err
    assert "finnes-ikke.csv:1:1: $: filen kan ikke leses" in captured.err
    assert "Traceback" not in captured.err
    assert sorted(p.name for p in out.iterdir()) == ["horingssvar-telling.csv", "horingssvar.csv", "horingssvar.md"]
    assert (out / "horingssvar.csv").read_bytes().startswith(b"\xef\xbb\xbfgjelder;tittel;")
    assert "Nevn spesialisthelsetjenesten" in (out / "horingssvar.md").read_text(encoding="utf-8")

    assert main(["--root", str(project), "horing", "samle", *map(str, VALID), "--ut", str(out)]) == 0


def test_cli_usage_errors_exit_2(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "horing", "samle"]) == 2
    assert "kb-build: mangler FIL; se «kb-build horing samle --help»" in capsys.readouterr().err
    blocker = tmp_path / "fil"
    blocker.write_text("")
    assert main(["--root", str(project), "horing", "samle", str(VALID[0]), "--ut", str(blocker)]) == 2
    assert "er en fil, ikke en mappe" in capsys.readouterr().err
    assert main(["--root", str(project), "horing", "samle", str(VALID[0]), "--ut", str(blocker / "under")]) == 2
    err = capsys.readouterr().err
    assert "kan ikke skrive rapporten i" in err and "Traceback" not in err


def test_general_questions_are_checked_when_the_draft_declares_them(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copyfile(TESTS / "examples" / "valid" / "utgaver" / "utgaver.yaml", project / "content" / "utgaver.yaml")
    typo = tmp_path / "skrivefeil.csv"
    typo.write_text(
        "\ufefforganisasjon;organisasjonstype;navn;gjelder;kommentartype;kommentar;dato\r\n"
        "Eksempel kommune;kommune;;generelt:strukturr;annet;Tekst;2026-12-01\r\n",
        encoding="utf-8",
    )
    out = tmp_path / "rapport"
    assert main(["--root", str(project), "horing", "samle", str(VALID[-1]), str(typo), "--ut", str(out)]) == 1
    assert (
        f"{typo}:2:4: gjelder: ukjent generelt spørsmål «generelt:strukturr»; mente du «generelt:struktur»?"
        in capsys.readouterr().err
    )
    report = (out / "horingssvar.md").read_text(encoding="utf-8")
    assert "### Generelt: Er veilederen bygget opp slik at du finner fram?" in report


def test_comment_on_a_recommendation_new_in_the_draft_is_accepted(tmp_path: Path) -> None:
    from test_editions import add_draft, git, make_repo

    repo = make_repo(tmp_path)
    add_draft(repo)
    git(repo, "switch", "-q", "horing-3")
    folder = repo / "recommendations" / "kapittel-01"
    new = (folder / "1-2-koordinator-kan-lede.yaml").read_text(encoding="utf-8")
    (folder / "1-3-ny-i-utkastet.yaml").write_text(
        new.replace("id: 1-2-koordinator-kan-lede", "id: 1-3-ny-i-utkastet"), encoding="utf-8"
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "A new recommendation in the draft")
    git(repo, "switch", "-q", "main")
    answer = tmp_path / "svar.csv"
    answer.write_text(
        "\ufefforganisasjon;organisasjonstype;navn;gjelder;kommentartype;kommentar;dato\r\n"
        "Eksempel kommune;kommune;;1-3-ny-i-utkastet;støtte;Bra at den kommer.;2027-02-01\r\n"
        "Eksempel kommune;kommune;;1-9-finnes-ikke;støtte;Feil ID.;2027-02-01\r\n",
        encoding="utf-8",
    )
    collected, _ = consultation.samle(make_config(repo), [answer], tmp_path / "rapport")
    assert [r.gjelder for r in collected.responses] == ["1-3-ny-i-utkastet"]
    assert [p.message for p in collected.problems] == ["ukjent anbefaling «1-9-finnes-ikke»"]
