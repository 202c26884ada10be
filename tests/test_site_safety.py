"""Nothing is lost: kb-build replaces only folders it made, and a failed or refused build changes nothing.

Set-up failures (a full disk, no rights, a busy port, Ctrl+C) end in one plain line and an exit
code, never a traceback.
"""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kb_build.cli import main
from kb_build.write import SCRATCH_MARKER, SITE_MARKER


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in err
    return lines[0]


def _on_rename(monkeypatch: pytest.MonkeyPatch, when: Callable[[Path, Path], bool], act: Callable[[], None]) -> None:
    """Run ``act`` (raise an error, send a signal) when ``Path.rename`` moves ``when(source, target)``."""
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if when(self, Path(target)):
            act()
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)


def _raise(exc: OSError) -> Callable[[], None]:
    def act() -> None:
        raise exc

    return act


def test_build_refuses_a_folder_of_someone_elses_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = project.parent / "other"
    other.mkdir()
    (other / "MARKER.txt").write_text("keep", encoding="utf-8")
    assert main(["--root", str(project), "build", "--site-dir", str(other)]) == 2
    assert "har filer som kb-build ikke har laget" in _one_line(capsys.readouterr().err)
    assert (other / "MARKER.txt").read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in project.parent.iterdir()) == ["other", "project"], "nothing written beside it"


@pytest.mark.parametrize("target", ["content", "recommendations", "schema", "src", "tests", ".git", "content/site"])
def test_build_never_writes_into_a_source_folder(
    target: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / target).mkdir(parents=True, exist_ok=True)
    before = _digest(project)
    assert main(["--root", str(project), "build", "--site-dir", str(project / target)]) == 2
    assert f"ligger i kildemappen {target.split('/')[0]}/" in _one_line(capsys.readouterr().err)
    assert _digest(project) == before


@pytest.mark.parametrize("target", [".", ".."])
def test_build_never_replaces_the_project_or_a_folder_above_it(
    target: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(project)
    assert main(["--root", str(project), "build", "--site-dir", str(project / target)]) == 2
    assert "er prosjektmappen eller ligger over den" in _one_line(capsys.readouterr().err)
    assert _digest(project) == before


def test_build_replaces_an_empty_folder_and_its_own_site(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "empty"
    site.mkdir()
    assert main(["--root", str(project), "build", "--site-dir", str(site)]) == 0
    assert (site / SITE_MARKER).is_file() and (site / "index.html").is_file()
    assert main(["--root", str(project), "build", "--site-dir", str(site)]) == 0, "its own site is replaced"


def test_serve_refuses_a_scratch_folder_it_did_not_make(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".site-serve").mkdir()
    (project / ".site-serve/MINE.txt").write_text("keep", encoding="utf-8")
    assert main(["--root", str(project), "serve", "--addr", "127.0.0.1:0"]) == 2
    assert ".site-serve har filer som kb-build ikke har laget" in _one_line(capsys.readouterr().err)
    assert (project / ".site-serve/MINE.txt").is_file()


def test_failed_review_leaves_the_previous_site(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "build"]) == 0
    before = _digest(project / "site")
    (project / "content/veileder.yaml").write_text(
        (project / "content/veileder.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["--root", str(project), "build", "--fail-on-review"]) == 1
    captured = capsys.readouterr()
    assert "Nettstedet er bygget" not in captured.out + captured.err
    assert "Til revisjon: 1 anbefaling viser" in captured.err and "Nettstedet er ikke endret." in captured.err
    assert _digest(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_symlinked_source_is_refused_and_not_published(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside.yaml"
    rec = project / "recommendations/kapittel-01/1-2-koordinator-kan-lede.yaml"
    outside.write_text(rec.read_text(encoding="utf-8").replace("1-2-koordinator-kan-lede", "lekket"), encoding="utf-8")
    (project / "recommendations/kapittel-01/lekket.yaml").symlink_to(outside)
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert "recommendations/kapittel-01/lekket.yaml:1:1: $: filen er en symbolsk lenke" in err
    assert not (project / "site").exists()


def test_symlinked_source_folder_is_refused(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "elsewhere"
    (project / "content/historier").rename(elsewhere)
    (project / "content/historier").symlink_to(elsewhere)
    assert main(["--root", str(project), "check"]) == 1
    assert "content/historier:1:1: $: mappen er en symbolsk lenke" in capsys.readouterr().out


def test_recommendation_in_another_chapters_folder_is_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "recommendations/kapittel-02").mkdir()
    (project / "recommendations/kapittel-01/1-1-plan.yaml").rename(
        project / "recommendations/kapittel-02/1-1-plan.yaml"
    )
    assert main(["--root", str(project), "check"]) == 0, "a warning"
    assert main(["--root", str(project), "check", "--strict"]) == 1
    assert (
        "recommendations/kapittel-02/1-1-plan.yaml:5:11: $.kapittel: advarsel: filen ligger i mappen kapittel-02, "
        "men kapittel er 1; flytt den til kapittel-01/"
    ) in capsys.readouterr().out


def test_site_folder_under_a_file_is_a_setup_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project.parent / "afile").write_text("x", encoding="utf-8")
    assert main(["--root", str(project), "build", "--site-dir", str(project.parent / "afile/site")]) == 2
    assert "ligger under en fil, ikke en mappe" in _one_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("code", "expected"),
    [(errno.ENOSPC, "disken er full"), (errno.EACCES, "har ikke lov til å skrive"), (errno.EPERM, "låst")],
)
def test_write_failure_is_one_line_and_keeps_the_previous_site(
    code: int, expected: str, project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(project), "build"]) == 0
    before = _digest(project / "site")
    import mkdocs.utils

    def fail(content: bytes, output_path: str) -> None:
        raise OSError(code, os.strerror(code), output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", fail)
    capsys.readouterr()
    assert main(["--root", str(project), "build"]) == 2
    line = _one_line(capsys.readouterr().err)
    assert expected in line and line.endswith("Det forrige nettstedet er ikke endret.")
    assert _digest(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_locked_site_folder_is_a_setup_error(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An immutable (chattr +i) or read-only site folder cannot be renamed away; root ignores modes, so simulate."""
    assert main(["--root", str(project), "build"]) == 0
    before = _digest(project / "site")
    locked = PermissionError(errno.EPERM, "Operation not permitted", str(project / "site"))
    _on_rename(monkeypatch, lambda source, _: source == project / "site", _raise(locked))
    capsys.readouterr()
    assert main(["--root", str(project), "build"]) == 2
    assert "har ikke lov til å skrive i" in _one_line(capsys.readouterr().err)
    assert _digest(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_missing_theme_is_a_setup_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("theme:\n")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith((" ", "\n")))
    config.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    assert main(["--root", str(project), "build"]) == 2
    assert "mkdocs.yml mangler «theme: name: material»" in _one_line(capsys.readouterr().err)


@pytest.mark.parametrize("addr", ["127.0.0.1:abc", "127.0.0.1:70000", "8000x"])
def test_serve_with_a_bad_port_is_a_usage_error(addr: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "serve", "--addr", addr]) == 2
    assert "porten må være et tall fra 1 til 65535" in _one_line(capsys.readouterr().err)


def test_serve_on_a_busy_port_says_so_before_anything_else(project: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "kb_build.cli", "--root", str(project), "serve", "--addr", f"127.0.0.1:{port}"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stdout == "", "no «Forhåndsvisning på» for a server that never starts"
    assert f"porten {port} er i bruk" in _one_line(done.stderr)


_STOPPED_BUILD = """
import sys, time
import kb_build.build
publish = kb_build.build.publish
def wait_then_publish(new_site, site_dir):
    print("site ready, not yet published", flush=True)
    time.sleep(120)
    publish(new_site, site_dir)
kb_build.build.publish = wait_then_publish
from kb_build.cli import main
sys.exit(main(sys.argv[1:]))
"""
"""kb-build build that waits, its new site finished in the scratch folder, until a signal arrives."""


def _stopped_build(project: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _STOPPED_BUILD, "--root", str(project), "build"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "site ready, not yet published\n"
    return proc


def test_ctrl_c_exits_130_without_traceback_or_scratch(project: Path) -> None:
    proc = _stopped_build(project)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in err and err.strip() == "kb-build: avbrutt."
    assert not list(project.glob(".site*"))


def test_next_build_removes_only_its_own_stale_scratch_folders(project: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = project / ".site-build-killed"
    (stale / "site").mkdir(parents=True)
    (stale / SCRATCH_MARKER).write_text(dead.stdout.strip(), encoding="utf-8")
    alive = project / ".site-build-running"
    alive.mkdir()
    (alive / SCRATCH_MARKER).write_text(str(os.getppid()), encoding="utf-8")
    foreign = project / ".site-build-notes"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep", encoding="utf-8")
    assert main(["--root", str(project), "build"]) == 0
    assert not stale.exists()
    assert alive.is_dir(), "a build still running keeps its folder"
    assert (foreign / "notes.txt").is_file(), "a folder without the marker is not ours"


def test_killed_build_leaves_scratch_that_the_next_build_removes(project: Path) -> None:
    proc = _stopped_build(project)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert list(project.glob(".site-build-*")), "SIGTERM skips clean-up"
    assert main(["--root", str(project), "build"]) == 0
    assert not list(project.glob(".site-build-*"))


def test_ctrl_c_while_swapping_the_site_in_never_leaves_no_site(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(project), "build"]) == 0
    # Ctrl+C right as the old site is taken away, before the new one is in
    _on_rename(monkeypatch, lambda source, _: source == project / "site", lambda: os.kill(os.getpid(), signal.SIGINT))
    assert main(["--root", str(project), "build"]) == 130
    assert capsys.readouterr().err.endswith("kb-build: avbrutt.\n")
    assert (project / "site/index.html").is_file() and (project / "site" / SITE_MARKER).is_file()
    assert not list(project.glob(".site-*"))


def test_failed_swap_puts_the_previous_site_back(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(project), "build"]) == 0
    before = _digest(project / "site")
    broken = OSError(errno.EIO, "Input/output error", str(project / "site"))
    _on_rename(
        monkeypatch, lambda source, target: target == project / "site" and source.parent != project, _raise(broken)
    )
    assert main(["--root", str(project), "build"]) == 2
    assert "Det forrige nettstedet er ikke endret." in _one_line(capsys.readouterr().err)
    assert _digest(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_a_rebuild_links_unchanged_files_and_never_writes_into_the_previous_site(project: Path, tmp_path: Path) -> None:
    """Unchanged files keep their file (a link to the previous site's); no file of the previous site changes."""
    assert main(["--root", str(project), "build"]) == 0
    site, kept = project / "site", tmp_path / "kept"
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    for rel in files:  # a second name for every file of the previous site, to look at it afterwards
        (kept / rel).parent.mkdir(parents=True, exist_ok=True)
        (kept / rel).hardlink_to(site / rel)
    before = _digest(kept)
    inodes = {rel: (site / rel).stat().st_ino for rel in files}
    assert main(["--root", str(project), "build"]) == 0
    pages = [rel for rel in files if rel.parts[0] in ("anbefalinger", "kilde")]
    assert pages
    assert [rel for rel in pages if (site / rel).stat().st_ino != inodes[rel]] == []
    assert (site / "search/search_index.json").stat().st_ino != inodes[Path("search/search_index.json")]
    changed = project / "recommendations/kapittel-01/1-1-plan.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("tittel: ", "tittel: Ny ", 1), encoding="utf-8")
    assert main(["--root", str(project), "build"]) == 0
    assert "Ny " in (site / "anbefalinger/1-1-plan.html").read_text(encoding="utf-8")
    assert _digest(kept) == before
