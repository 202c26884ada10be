"""Load and validate every source file, on two or more cores when there are many and the cores are free.

Each file is read, parsed and checked on its own, so the work splits cleanly. On Linux, a
large guideline is split into chunks; this process and forked helpers take chunks from one
shared queue until none are left, so a helper slowed down by other work simply takes fewer.
Results come back in source order, so output stays deterministic whoever checked what.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from kb_build.config import Config
from kb_build.discover import Source
from kb_build.errors import KbError, Problem
from kb_build.schemas import Schemas
from kb_build.validate import validate
from kb_build.yamlio import Loaded, load_file

PARALLEL_FROM = 400
"""Below this many files, starting a helper process costs more than it saves."""

CHUNK = 64
"""Files per piece of work taken from the queue: few enough claims, still an even split at the end."""

LOADAVG = Path("/proc/loadavg")
"""Linux's count of the tasks running now (the fourth field: running/all), read to decide on helpers."""

MAX_HELPERS = 7
"""Most helper processes, however many cores are idle: beyond that the results cost more to collect."""

Outcome = tuple[Source, Loaded | Problem, list[Problem]]

_Sent = tuple[tuple[dict[str, Any], bytes] | Problem, list[Problem]]
"""An outcome as a helper sends it: a loaded file as its data and bytes (the path is the source's)."""


def _one(root: Path, source: Source, schemas: Schemas) -> Outcome:
    loaded = load_file(root / source.rel, source.rel)
    found = [loaded] if isinstance(loaded, Problem) else validate(loaded, source.kind, schemas)
    return source, loaded, found


def helpers_for(cores: int, runnable: int) -> int:
    """How many helper processes to start: one per core that no other task wants right now.

    ``runnable`` is the number of tasks running or waiting for a core at this moment, this
    process included (the fourth field of ``/proc/loadavg``). A machine with no other work
    (``runnable`` 1) gets a helper on every other core, at most :data:`MAX_HELPERS`; on a
    machine whose cores are all taken by other work (a shared build server, a laptop compiling
    something else) a helper would only compete with them, so there is none. The load
    *average* is no guide here: it still counts the last minute's work, such as the command
    run just before this one, long after it has ended.
    """
    return max(0, min(cores - runnable, MAX_HELPERS))


def _idle_helpers() -> int:
    """:func:`helpers_for` this machine now; none where that cannot be known or a fork is not safe.

    A helper is a forked copy of this process, so it is started only on Linux (where
    ``/proc/loadavg`` tells how busy the machine is) and only from a process with one thread:
    a thread holding a lock at the moment of the fork would leave the copy waiting forever.
    """
    if sys.platform != "linux" or threading.active_count() > 1:
        return 0
    try:
        runnable = int(LOADAVG.read_text(encoding="ascii").split()[3].partition("/")[0])
    except (OSError, ValueError, IndexError):
        return 0
    return helpers_for(os.cpu_count() or 1, runnable)


def load_and_validate(config: Config, schemas: Schemas, sources: Sequence[Source]) -> Iterator[Outcome]:
    """Yield (source, loaded file or its problem, schema problems) for every source, in order.

    With many sources and idle cores (see :func:`helpers_for`), forked helpers check chunks
    of them while this process checks others; otherwise this process checks them all.
    """
    helpers = _idle_helpers() if len(sources) >= PARALLEL_FROM else 0
    if helpers < 1:
        for source in sources:
            yield _one(config.root, source, schemas)
        return
    yield from _shared(config.root, schemas, sources, helpers)


def _shared(root: Path, schemas: Schemas, sources: Sequence[Source], helpers: int) -> Iterator[Outcome]:
    """Check ``sources`` here and in ``helpers`` forked processes, taking chunks from one queue.

    The queue is a pipe holding each chunk's number, written before the fork: whoever is free
    reads the next number (a read of four bytes from a pipe is never split on Linux), so a
    helper that gets less of a core takes fewer chunks. Each helper writes its results to a
    file in memory and exits; a helper that dies is reported in one line, never waited for
    in vain. Helpers ignore Ctrl+C: this process reports it, and stops them.
    """
    size = max(CHUNK, -(-len(sources) // 16_000))  # at most 16,000 numbers: they fit in a pipe's buffer
    chunks = [sources[i : i + size] for i in range(0, len(sources), size)]
    for kind in {source.kind for source in sources}:
        schemas.quick_check(kind)  # compiled here once, so the helpers inherit the compiled checks
    try:
        queue, queue_in = os.pipe()
    except OSError:  # no file descriptor left for the queue: no helpers
        yield from (_one(root, source, schemas) for source in sources)
        return
    with os.fdopen(queue_in, "wb") as writer:  # closed before the fork: an empty queue then reads as its end
        writer.write(b"".join(n.to_bytes(4, "little") for n in range(len(chunks))))
    opened = [queue]
    started: dict[int, int] = {}  # each helper's process id: the file it writes to
    try:
        for _ in range(helpers):
            try:
                output = os.memfd_create("kb-build-helper", os.MFD_CLOEXEC)
                opened.append(output)
                pid = _fork()
            except OSError:  # no more processes or files allowed: fewer helpers, or none
                break
            if pid == 0:  # pragma: no cover - runs in the helper, which leaves through os._exit
                _helper(root, schemas, chunks, queue, output)
            started[pid] = output
        done = {n: [_one(root, source, schemas) for source in chunks[n]] for n in _claims(queue)}
        for pid in list(started):
            status = os.waitpid(pid, 0)[1]
            _collect(status, started.pop(pid), chunks, done)
    finally:
        for pid in started:  # interrupted (Ctrl+C) or failed: the helpers' work is not wanted
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        for fd in opened:
            os.close(fd)
    for n in range(len(chunks)):
        yield from done[n]


def _claims(queue: int) -> Iterator[int]:
    """The numbers of the chunks this process takes from the queue, until it is empty."""
    while claim := os.read(queue, 4):
        yield int.from_bytes(claim, "little")


def _fork() -> int:
    """:func:`os.fork` with Ctrl+C held back, so that no Ctrl+C reaches a helper before it ignores it.

    The helper is started with Ctrl+C still held back; :func:`_helper` lets it through once ignored.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    if pid != 0:  # here: a Ctrl+C meanwhile arrives now, as KeyboardInterrupt
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    return pid


def _helper(root: Path, schemas: Schemas, chunks: list[Sequence[Source]], queue: int, output: int) -> None:
    """Check the chunks this helper takes from the queue, write the results to ``output``, and exit."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        with os.fdopen(output, "wb", closefd=False) as file:
            for n in _claims(queue):
                sent = [_compact(_one(root, source, schemas)) for source in chunks[n]]
                pickle.dump((n, sent), file, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        os._exit(code)


def _compact(outcome: Outcome) -> _Sent:
    """An outcome without what the parent knows: a tuple unpickles several times faster than a :class:`Loaded`."""
    _, loaded, found = outcome
    return ((loaded.data, loaded.raw) if isinstance(loaded, Loaded) else loaded), found


def _collect(status: int, output: int, chunks: list[Sequence[Source]], done: dict[int, list[Outcome]]) -> None:
    """Add the outcomes a helper wrote to ``output`` to ``done``; ``status``: how the helper ended."""
    if status != 0:
        reason = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"kode {os.WEXITSTATUS(status)}"
        raise KbError(f"en hjelpeprosess som sjekket filene, stoppet uventet ({reason}); prøv igjen")
    with os.fdopen(os.dup(output), "rb") as file:
        end = file.seek(0, os.SEEK_END)
        file.seek(0)
        while file.tell() < end:
            n, outcomes = pickle.load(file)  # noqa: S301 - written by our own forked helper, a moment ago
            done[n] = [
                (source, Loaded(source.rel, *loaded) if isinstance(loaded, tuple) else loaded, found)
                for source, (loaded, found) in zip(chunks[n], outcomes, strict=True)
            ]
