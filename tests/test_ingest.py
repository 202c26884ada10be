"""Loading with helper processes gives exactly what loading in one process gives, problems included."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import run_check
from kb_build import parallel
from kb_build.cli import main
from kb_build.config import make_config
from kb_build.discover import Source, discover
from kb_build.errors import KbError, Problem
from kb_build.ingest import load_and_validate
from kb_build.schemas import Schemas
from kb_build.yamlio import Loaded


@pytest.fixture
def helped(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Split even a few files between this process and one helper; the files this process parsed.

    This process is slowed down, so that the helper surely takes some of the files before
    this process has taken them all.
    """
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "CHUNK", 1)
    monkeypatch.setattr(parallel, "idle_helpers", lambda: 1)
    here = os.getpid()
    parsed_here: list[str] = []
    parse = parallel.parse

    def slow_here(root: Path, source: Source) -> Loaded | Problem:
        if os.getpid() == here:
            parsed_here.append(source.rel)
            time.sleep(0.02)
        return parse(root, source)

    monkeypatch.setattr(parallel, "parse", slow_here)
    return parsed_here


def _broken(project: Path) -> Path:
    broken = project / "recommendations/kapittel-01/1-1-plan.yaml"
    broken.write_text(broken.read_text("utf-8").replace("styrke: skal", "styrke: skal\nstyrke: bør"), "utf-8")
    (project / "recommendations/kapittel-01/9-9-tom.yaml").write_text("", "utf-8")
    (project / "recommendations/kapittel-01/9-8-feil.yaml").write_text("id: 9-8-feil\nukjent: ja\n", "utf-8")
    return project


def _outcomes(project: Path) -> list[tuple[Source, str, list[str]]]:
    config = make_config(project)
    sources, _ = discover(project)
    return [
        (source, type(loaded).__name__, [p.format() for p in found])
        for source, loaded, found in load_and_validate(config, Schemas(config.schema_dir), sources)
    ]


def _alone(project: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Source, str, list[str]]]:
    with monkeypatch.context() as alone:
        alone.setattr(parallel, "idle_helpers", lambda: 0)
        return _outcomes(project)


def test_parallel_and_sequential_loading_agree(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _broken(project)
    sequential = run_check(project)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "CHUNK", 2)
    monkeypatch.setattr(parallel, "idle_helpers", lambda: 2)
    helped = run_check(project)
    assert [p.format() for p in helped.problems] == [p.format() for p in sequential.problems]
    assert len(helped.problems) >= 3
    assert helped.index is not None and sequential.index is not None
    assert helped.index.recommendations == sequential.index.recommendations
    assert helped.index.sources == sequential.index.sources


def test_the_helper_parses_some_files_and_they_come_back_in_order(
    project: Path, helped: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _broken(project)
    sequential = _alone(project, monkeypatch)
    helped.clear()
    assert _outcomes(project) == sequential
    assert {kind for _, kind, _ in sequential} == {"Loaded", "Problem"}
    assert 0 < len(helped) < len(sequential), "the helper parsed none of the files"


def test_check_starts_the_helpers_before_the_pipeline_and_prints_the_same(
    project: Path, helped: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _broken(project)
    with monkeypatch.context() as alone:
        alone.setattr(parallel, "idle_helpers", lambda: 0)
        assert main(["--root", str(project), "check"]) == 1
    expected = capsys.readouterr()
    forked: list[str] = []
    fork = parallel.fork_helper

    def counted() -> int:
        forked.append("late" if "kb_build.build" in sys.modules else "early")
        return fork()

    monkeypatch.setattr(parallel, "fork_helper", counted)
    monkeypatch.delitem(sys.modules, "kb_build.build")  # as in a fresh `kb-build check`
    helped.clear()
    assert main(["--root", str(project), "check"]) == 1
    assert capsys.readouterr() == expected
    assert forked == ["early"], "one helper, started before the pipeline was imported, and used"
    assert len(helped) < len(discover(project)[0]), "the helper parsed none of the files"


def test_helpers_started_for_other_sources_are_not_used(project: Path, helped: list[str]) -> None:
    config = make_config(project)
    sources, _ = discover(project)
    with parallel.helping(project, sources[:-1]) as helpers:
        assert helpers is not None
        loaded = list(load_and_validate(config, Schemas(config.schema_dir), sources, helpers))
    assert [source for source, _, _ in loaded] == sources


@pytest.mark.parametrize(("cores", "runnable", "helpers"), [(2, 1, 1), (2, 2, 0), (2, 5, 0), (4, 2, 2), (16, 1, 7)])
def test_helpers_only_use_cores_no_other_task_wants(cores: int, runnable: int, helpers: int) -> None:
    assert parallel.helpers_for(cores, runnable) == helpers


@pytest.mark.parametrize(
    ("loadavg", "helpers"),
    [("0.98 1.10 1.20 1/312 4242\n", 1), ("0.20 0.10 0.05 3/312 4242\n", 0), ("", 0), (None, 0)],
)
def test_the_decision_reads_what_runs_now(
    loadavg: str | None, helpers: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first example has a high load average but an idle core now; the second the opposite."""
    path = tmp_path / "loadavg"
    if loadavg is not None:
        path.write_text(loadavg, "ascii")
    monkeypatch.setattr(parallel, "LOADAVG", path)
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr("threading.active_count", lambda: 1)
    assert parallel.idle_helpers() == helpers


def test_no_helper_is_forked_from_a_process_with_threads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "loadavg"
    path.write_text("0.00 0.00 0.00 1/312 4242\n", "ascii")
    monkeypatch.setattr(parallel, "LOADAVG", path)
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1})
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel.idle_helpers() == 0
    finally:
        stop.set()
        thread.join()


def test_a_busy_machine_checks_every_file_in_one_process(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [p.format() for p in run_check(project).problems]
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "idle_helpers", lambda: 0)
    monkeypatch.setattr("os.fork", None)  # forking would fail
    assert [p.format() for p in run_check(project).problems] == expected


def test_a_helper_that_dies_is_one_line_not_a_hang(
    project: Path, helped: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def crash(loaded: Loaded | Problem) -> parallel._Sent:  # only helpers send what they parsed
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("unreachable")

    monkeypatch.setattr(parallel, "_compact", crash)
    with pytest.raises(KbError, match=r"hjelpeprosess .* stoppet uventet \(signal 9\)"):
        run_check(project)
    assert main(["--root", str(project), "check"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("kb-build: en hjelpeprosess"), err


def test_helpers_leave_ctrl_c_to_this_process(
    project: Path, helped: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _broken(project)
    expected = _alone(project, monkeypatch)
    compact = parallel._compact

    def interrupted(loaded: Loaded | Problem) -> parallel._Sent:  # only helpers send what they parsed
        os.kill(os.getpid(), signal.SIGINT)
        return compact(loaded)

    monkeypatch.setattr(parallel, "_compact", interrupted)
    helped.clear()
    assert _outcomes(project) == expected
    assert len(helped) < len(expected), "the helper parsed none of the files"


def test_ctrl_c_stops_the_helpers_too(project: Path, helped: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    here = os.getpid()
    parse = parallel.parse  # the helped fixture's, which lets the helper start first

    def interrupted(root: Path, source: Source) -> Loaded | Problem:
        if os.getpid() == here:
            raise KeyboardInterrupt
        return parse(root, source)

    monkeypatch.setattr(parallel, "parse", interrupted)
    helpers: list[int] = []
    fork = parallel.fork_helper

    def noted() -> int:
        pid = fork()
        if pid:
            helpers.append(pid)
        return pid

    monkeypatch.setattr(parallel, "fork_helper", noted)
    with pytest.raises(KeyboardInterrupt):
        run_check(project)
    assert helpers
    for pid in helpers:  # (other tests' servers may still run: ask about the helpers only)
        with pytest.raises(ChildProcessError):  # no helper is left running, or unreaped
            os.waitpid(pid, os.WNOHANG)
