"""Load and validate every source file, on all cores when there are many.

Each file is read, parsed and checked on its own, so the work splits cleanly; for a large
guideline this halves the time of ``kb-build check`` on a two-core machine. Results come back
in source order, so output stays deterministic.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
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

CHUNK = 64
"""Files per piece of work handed to a helper process: fewer round trips, still an even split."""

Outcome = tuple[Source, Loaded | Problem, list[Problem]]

_worker_schemas: Schemas | None = None
"""Set once in each worker process by :func:`_start_worker`; never set in the parent."""


def _one(root: Path, source: Source, schemas: Schemas) -> Outcome:
    loaded = load_file(root / source.rel, source.rel)
    found = [loaded] if isinstance(loaded, Problem) else validate(loaded, source.kind, schemas)
    return source, loaded, found


def _start_worker(schemas: Schemas | Path) -> None:
    """Give a worker the schemas once: inherited when forked, loaded from their folder when spawned.

    Ctrl+C goes to the whole process group; the parent alone reports it, so workers ignore it.
    """
    global _worker_schemas
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_schemas = schemas if isinstance(schemas, Schemas) else Schemas(schemas)


def _in_worker(root: Path, chunk: Sequence[Source]) -> list[Outcome]:
    assert _worker_schemas is not None, "workers are started by _start_worker"
    return [_one(root, source, _worker_schemas) for source in chunk]


def _idle_cores() -> int:
    """Cores that are free for this run, at most 8: the machine's cores less its recent load.

    On a machine that is already busy (a shared build server, a laptop compiling something
    else), a helper process only competes with the others and adds the cost of sending results
    back; then the files are checked in this process alone.
    """
    cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # not every platform reports a load average
        busy = 0.0
    return max(1, min(cores, 8, int(cores - busy + 0.5)))


def load_and_validate(
    config: Config, schemas: Schemas, sources: Sequence[Source], start_method: str | None = None
) -> Iterator[Outcome]:
    """Yield (source, loaded file or its problem, schema problems) for every source, in order.

    With many sources and idle cores, the files are split into chunks; helper processes check
    some while this process checks the others, instead of waiting idle (so a two-core machine
    needs one helper, and only its share of the results is sent back). ``start_method`` chooses how helpers start
    ("fork", "spawn"); by default the platform's own.
    """
    helpers = _idle_cores() - 1
    if len(sources) < PARALLEL_FROM or helpers < 1:
        for source in sources:
            yield _one(config.root, source, schemas)
        return
    context = multiprocessing.get_context(start_method)
    # A forked helper inherits the checked schemas for free; a spawned one cannot be sent them
    # (validators do not pickle), so it loads them from the folder.
    initarg = schemas if context.get_start_method() == "fork" else config.schema_dir
    for kind in {source.kind for source in sources}:
        schemas.quick_check(kind)  # compiled here once, so forked helpers inherit the compiled checks
    chunks = [sources[i : i + CHUNK] for i in range(0, len(sources), CHUNK)]
    with ProcessPoolExecutor(helpers, mp_context=context, initializer=_start_worker, initargs=(initarg,)) as pool:
        try:
            helped = {
                i: pool.submit(_in_worker, config.root, chunk)
                for i, chunk in enumerate(chunks)
                if i % (helpers + 1)  # every (helpers + 1)th chunk, from the first, is this process's own
            }
            for i, chunk in enumerate(chunks):
                if i in helped:
                    yield from helped[i].result()
                else:
                    yield from (_one(config.root, source, schemas) for source in chunk)
        finally:
            pool.shutdown(cancel_futures=True)
