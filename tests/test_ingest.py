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
    parallel = list(ingest.load_and_validate(config, schemas, sources, start_method=start_method))
    assert [(s, [p.format() for p in found]) for s, _, found in parallel] == [
        (s, [p.format() for p in found]) for s, _, found in sequential
    ]
    assert any(found for _, _, found in parallel)
    assert ingest._worker_schemas is None, "the parent keeps no module state"
