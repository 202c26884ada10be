"""Loading on several cores gives exactly what loading on one gives, problems included."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_check
from kb_build import ingest


def test_parallel_and_sequential_loading_agree(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = project / "recommendations/kapittel-01/1-1-plan.yaml"
    broken.write_text(broken.read_text("utf-8").replace("styrke: skal", "styrke: skal\nstyrke: bør"), "utf-8")
    (project / "recommendations/kapittel-01/9-9-tom.yaml").write_text("", "utf-8")
    sequential = run_check(project)
    monkeypatch.setattr(ingest, "PARALLEL_FROM", 1)
    monkeypatch.setattr(ingest, "CHUNK", 2)  # so the helper process checks some of the few files
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr("os.getloadavg", lambda: (0.0, 0.0, 0.0))  # an idle machine, whatever this one is doing
    parallel = run_check(project)
    assert [p.format() for p in parallel.problems] == [p.format() for p in sequential.problems]
    assert len(parallel.problems) >= 2
    assert parallel.index is not None and sequential.index is not None
    assert [r.id for r in parallel.index.recommendations] == [r.id for r in sequential.index.recommendations]


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_workers_get_the_schemas_with_either_start_method(
    start_method: str, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Spawn is how Windows and macOS start workers: nothing may depend on a forked parent's memory."""
    from kb_build.config import make_config
    from kb_build.discover import discover
    from kb_build.schemas import Schemas

    (project / "recommendations/kapittel-01/9-9-tom.yaml").write_text("", "utf-8")
    config = make_config(project)
    schemas = Schemas(config.schema_dir)
    sources, _ = discover(project)
    sequential = list(ingest.load_and_validate(config, schemas, sources))
    monkeypatch.setattr(ingest, "PARALLEL_FROM", 1)
    monkeypatch.setattr(ingest, "CHUNK", 2)  # so the helper process checks some of the few files
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr("os.getloadavg", lambda: (0.0, 0.0, 0.0))  # an idle machine, whatever this one is doing
    parallel = list(ingest.load_and_validate(config, schemas, sources, start_method=start_method))
    assert [(s, [p.format() for p in found]) for s, _, found in parallel] == [
        (s, [p.format() for p in found]) for s, _, found in sequential
    ]
    assert any(found for _, _, found in parallel)
    assert ingest._worker_schemas is None, "the parent keeps no module state"


@pytest.mark.parametrize(
    ("cores", "load", "idle"),
    [(2, 0.0, 2), (2, 0.4, 2), (2, 0.8, 1), (2, 6.0, 1), (16, 3.0, 8), (16, 12.0, 4), (4, -1, 4)],
)
def test_helpers_only_use_cores_the_machine_is_not_busy_with(
    cores: int, load: float, idle: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def loadavg() -> tuple[float, float, float]:
        if load < 0:
            raise OSError("no load average here")
        return (load, load, load)

    monkeypatch.setattr("os.cpu_count", lambda: cores)
    monkeypatch.setattr("os.getloadavg", loadavg)
    assert ingest._idle_cores() == idle


def test_a_busy_machine_checks_every_file_in_one_process(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [p.format() for p in run_check(project).problems]
    monkeypatch.setattr(ingest, "PARALLEL_FROM", 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr("os.getloadavg", lambda: (3.0, 3.0, 3.0))
    monkeypatch.setattr(ingest, "ProcessPoolExecutor", None)  # starting a pool would fail
    assert [p.format() for p in run_check(project).problems] == expected
