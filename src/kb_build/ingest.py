"""Load and validate every source file, on all cores when there are many.

Each file is read, parsed and checked on its own, so the work splits cleanly; for a large
guideline this halves the time of ``kb-build check`` on a two-core machine. Results come back
in source order, so output stays deterministic.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kb_build.config import Config
from kb_build.discover import Source
from kb_build.errors import Problem
from kb_build.schemas import Schemas
from kb_build.validate import validate
from kb_build.yamlio import Loaded, load_file

PARALLEL_FROM = 400
"""Below this many files, starting worker processes costs more than it saves."""

Outcome = tuple[Source, Loaded | Problem, list[Problem]]

_schemas: Schemas | None = None
"""The parent's checked schemas; forked workers inherit them instead of loading and checking them again."""


def _one(root: Path, source: Source, schemas: Schemas) -> Outcome:
    loaded = load_file(root / source.rel, source.rel)
    found = [loaded] if isinstance(loaded, Problem) else validate(loaded, source.kind, schemas)
    return source, loaded, found


def _in_worker(args: tuple[Path, Source]) -> Outcome:
    assert _schemas is not None
    return _one(args[0], args[1], _schemas)


def load_and_validate(config: Config, schemas: Schemas, sources: Sequence[Source]) -> Iterator[Outcome]:
    """Yield (source, loaded file or its problem, schema problems) for every source, in order."""
    workers = min(os.cpu_count() or 1, 8)
    if len(sources) < PARALLEL_FROM or workers < 2:
        for source in sources:
            yield _one(config.root, source, schemas)
        return
    global _schemas
    _schemas = schemas
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(_in_worker, [(config.root, s) for s in sources], chunksize=64)
    finally:
        _schemas = None
