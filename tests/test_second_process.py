"""A build that shares its pages with a second process gives the same site, and fails the same way.

On a machine with an idle core, ``kb-build build`` forks once mkdocs has gathered the files, and
the two processes take the shared pages and files as they reach them (see
``kb_build.mkdocs_site._SharedPages``). Here the sharing is switched on for small projects, and
each test makes one process or the other take the work.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI, REPO
from kb_build import mkdocs_site, second_process
from kb_build.build import build
from kb_build.cli import main
from kb_build.config import make_config
from kb_build.incremental import Preview
from kb_build.second_process import SecondProcess
from test_incremental import EDITS

Taker = Callable[[SecondProcess, int], bool]
TAKERS: dict[str, Taker | None] = {
    "first to reach it": None,
    "the copy takes all": lambda self, _: self.in_copy,
    "the parent takes all": lambda self, _: not self.in_copy,
}


def _tree(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _share(monkeypatch: pytest.MonkeyPatch, taker: Taker | None = None) -> None:
    monkeypatch.setattr(second_process, "SHARE_FROM", 1)
    monkeypatch.setattr(second_process, "idle_helpers", lambda: 1)
    if taker is not None:
        monkeypatch.setattr(SecondProcess, "mine", taker)


def _one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(second_process, "idle_helpers", lambda: 0)


def _forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record, in the parent, the process id of each copy a build makes."""
    made: list[int] = []
    start = SecondProcess.start

    def counted(shared: int) -> SecondProcess | None:
        other = start(shared)
        if other is not None and not other.in_copy:
            made.append(other.pid)
        return other

    monkeypatch.setattr(SecondProcess, "start", staticmethod(counted))
    return made


@pytest.mark.parametrize(
    ("source", "taker"),
    [(REPO, None), *((MINI, taker) for taker in TAKERS.values())],
    ids=["real guideline", *(f"mini, {how}" for how in TAKERS)],
)
def test_shared_build_gives_the_same_site_file_for_file(
    source: Path, taker: Taker | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _one_process(monkeypatch)
    build(make_config(source, tmp_path / "one", strict=True))
    _share(monkeypatch, taker)
    made = _forks(monkeypatch)
    build(make_config(source, tmp_path / "two", strict=True))
    assert len(made) == 1
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert one.keys() == two.keys()
    assert [path for path in one if one[path] != two[path]] == []


def test_small_site_or_busy_machine_builds_in_one_process(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = _forks(monkeypatch)
    monkeypatch.setattr(second_process, "idle_helpers", lambda: 1)
    build(make_config(project))  # far fewer pages than SHARE_FROM
    monkeypatch.setattr(second_process, "SHARE_FROM", 1)
    monkeypatch.setattr(second_process, "idle_helpers", lambda: 0)
    build(make_config(project))
    assert made == []


def _failing(project: Path, capsys: pytest.CaptureFixture[str], code: int, fail: Callable[[], object]) -> str:
    """Build, then build again after ``fail()`` has set the shared build up to fail; return what it printed.

    The second build must end with exit code ``code`` and no traceback, and leave the first
    build's site as it was, with no scratch folder.
    """
    assert main(["--root", str(project), "build"]) == 0
    before = _tree(project / "site")
    fail()
    capsys.readouterr()
    assert main(["--root", str(project), "build"]) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert _tree(project / "site") == before
    assert not list(project.glob(".site-*"))
    return err.strip()


def test_full_disk_in_the_copy_is_one_line_and_keeps_the_previous_site(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import mkdocs.utils

    parent, real_write = os.getpid(), mkdocs.utils.write_file

    def full(content: bytes, output_path: str) -> None:
        if os.getpid() != parent:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), output_path)
        real_write(content, output_path)

    def fail() -> None:
        _share(monkeypatch, TAKERS["the copy takes all"])
        monkeypatch.setattr(mkdocs.utils, "write_file", full)
        changed = project / "recommendations/kapittel-01/1-1-plan.yaml"  # else every file is linked, none written
        changed.write_text(changed.read_text(encoding="utf-8").replace("tittel: ", "tittel: Ny ", 1), encoding="utf-8")

    lines = _failing(project, capsys, 2, fail).splitlines()
    assert len(lines) == 1 and "disken er full" in lines[0], lines


def test_a_copy_that_dies_is_reported_in_one_line(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail() -> None:
        _share(monkeypatch)
        monkeypatch.setattr(SecondProcess, "finish", lambda self, result: os._exit(9))

    assert _failing(project, capsys, 1, fail) == (
        "kb-build: prosessen som bygde en del av sidene, stoppet uten svar (avsluttet med kode 9)"
    )


def test_warnings_in_the_copy_are_logged_once_and_count_in_strict_mode(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _share(monkeypatch, TAKERS["the copy takes all"])
    parent = os.getpid()
    real = mkdocs_site._populate_page  # type: ignore[attr-defined]  # mkdocs' own, imported there

    def warn(page: Any, config: Any, files: Any) -> None:
        if os.getpid() != parent and page.file.src_uri.startswith("anbefalinger/1-1"):
            logging.getLogger("mkdocs.plugins.test").warning("a warning from the copy")
        real(page, config, files)

    monkeypatch.setattr(mkdocs_site, "_populate_page", warn)
    logged: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: logged.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        assert main(["--root", str(project), "build"]) == 0
        assert logged == ["a warning from the copy"]
        assert main(["--root", str(project), "build", "--strict"]) == 1
        assert logged == ["a warning from the copy"] * 2
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    assert "Aborted with 1 warnings in strict mode" in capsys.readouterr().err


def test_the_preview_builds_in_one_process(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its next rebuild starts from what the first build found (search aliases among them), which a copy would keep."""
    _share(monkeypatch)
    made = _forks(monkeypatch)
    preview = Preview(make_config(project))
    preview.build(tmp_path / "preview")
    EDITS[0](project)
    preview.build(tmp_path / "preview")
    assert made == []


def test_ctrl_c_while_the_copy_works_stops_it_and_leaves_no_scratch(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    forked: list[list[int]] = []

    def interrupted(self: SecondProcess) -> None:
        raise KeyboardInterrupt

    def fail() -> None:
        _share(monkeypatch)
        forked.append(_forks(monkeypatch))
        monkeypatch.setattr(SecondProcess, "result", interrupted)

    assert _failing(project, capsys, 130, fail) == "kb-build: avbrutt."
    [copy] = forked[0]
    with pytest.raises(ChildProcessError):  # killed and reaped: no process left behind
        os.waitpid(copy, os.WNOHANG)
