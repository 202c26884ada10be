"""Read and parse many source files on the cores that are idle, in forked helper processes.

Parsing YAML is most of the time of ``kb-build check``, and each file is parsed on its own,
so the work splits cleanly. On Linux, the files are split into chunks; this process and the
helpers take chunks from one shared queue until none are left, so a helper slowed down by
other work simply takes fewer. Results come back in source order, so output stays the same
whoever parsed what.

This module imports little (YAML and the source list, not the schemas or the renderers), so
``kb-build check`` can start the helpers before it imports the rest of the pipeline: they
parse while this process is still importing.
"""

from __future__ import annotations

import io
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from kb_build.discover import Source
from kb_build.errors import KbError, Problem
from kb_build.yamlio import Loaded, load_file

PARALLEL_FROM = 400
"""Below this many files, starting a helper process costs more than it saves."""

CHUNK = 64
"""Files per piece of work taken from the queue: few enough claims, still an even split at the end."""

LOADAVG = Path("/proc/loadavg")
"""Linux's count of the tasks running now (the fourth field: running/all), read to decide on helpers."""

MAX_HELPERS = 7
"""Most helper processes, however many cores are idle: beyond that the results cost more to collect."""

_T = TypeVar("_T")

_Sent = tuple[dict[str, Any], bytes] | Problem
"""A parsed file as a helper sends it: its data and bytes (the path is the source's), or its problem."""


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


def idle_helpers() -> int:
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
    return helpers_for(len(os.sched_getaffinity(0)), runnable)  # the cores this process may use


def parse(root: Path, source: Source) -> Loaded | Problem:
    """Read and parse one source file."""
    return load_file(root / source.rel, source.rel)


class Helpers:
    """Helper processes parsing ``sources`` from the moment they are started, until :meth:`join`."""

    def __init__(self, root: Path, sources: Sequence[Source], count: int) -> None:
        """Start up to ``count`` helpers (fewer if the system allows fewer processes or files)."""
        self.root = root
        self.sources = tuple(sources)
        size = max(CHUNK, -(-len(sources) // 16_000))  # at most 16,000 numbers: they fit in a pipe's buffer
        self.chunks = [self.sources[i : i + size] for i in range(0, len(sources), size)]
        self.running: dict[int, _Channel] = {}
        """Each running helper's process id: where it sends what it parsed."""
        queue, queue_in = os.pipe()
        with os.fdopen(queue_in, "wb") as writer:  # closed before the fork: an empty queue then reads as its end
            writer.write(b"".join(n.to_bytes(4, "little") for n in range(len(self.chunks))))
        self.queue = queue
        try:
            for _ in range(count):
                channel = _Channel()
                try:
                    pid = fork_helper()
                except OSError:
                    channel.close()
                    raise
                if pid == 0:  # pragma: no cover - runs in the helper, which leaves through os._exit
                    self._help(channel)
                channel.started()
                self.running[pid] = channel
        except OSError:  # no more processes or files allowed: fewer helpers, or none
            pass
        except BaseException:  # Ctrl+C while starting them
            self.stop()
            raise

    def join(self, finish: Callable[[Source, Loaded | Problem], _T]) -> list[_T]:
        """Parse chunks here too until none are left; ``finish`` every parsed file here; the results in source order.

        A file parsed by a helper is finished as soon as it comes back: between this process's
        own chunks, so that finishing is shared out as well as parsing.
        """
        done: dict[int, list[_T]] = {}

        def take(n: int, parsed: list[Loaded | Problem]) -> None:
            done[n] = [finish(source, loaded) for source, loaded in zip(self.chunks[n], parsed, strict=True)]

        for n in _claims(self.queue):
            take(n, [parse(self.root, source) for source in self.chunks[n]])
            for channel in self.running.values():
                channel.receive(self.chunks, take, wait=False)
        for pid, channel in list(self.running.items()):
            channel.receive(self.chunks, take, wait=True)
            status = os.waitpid(pid, 0)[1]
            del self.running[pid]
            channel.close()
            if status != 0:
                how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"kode {os.WEXITSTATUS(status)}"
                raise KbError(f"en hjelpeprosess som leste filene, stoppet uventet ({how}); prøv igjen")
        return [result for n in range(len(self.chunks)) for result in done[n]]

    def stop(self) -> None:
        """Stop the helpers that are still running (their work is not wanted) and release their files."""
        for pid, channel in self.running.items():
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            channel.close()
        self.running.clear()
        if self.queue >= 0:
            os.close(self.queue)
            self.queue = -1

    def _help(self, channel: _Channel) -> None:
        """Parse the chunks this helper takes from the queue, send them through ``channel``, and exit."""
        code = 1
        try:
            for n in _claims(self.queue):
                channel.send(n, [_compact(parse(self.root, source)) for source in self.chunks[n]])
            code = 0
        finally:
            os._exit(code)


class _Channel:
    """How one helper sends back what it parsed: the data in a file in memory, its progress through a pipe.

    The helper appends each chunk's results to the file, then writes the file's new length to
    the pipe. What the pipe has announced is complete, so this process can read it while the
    helper goes on; a file, unlike a pipe, never makes the helper wait for this process to read.
    When the helper exits, for whatever reason, the pipe ends, so reading it never waits in vain.
    """

    def __init__(self) -> None:
        self.data = os.memfd_create("kb-build-helper", os.MFD_CLOEXEC)
        try:
            self.progress, self.progress_in = os.pipe()
        except OSError:
            os.close(self.data)
            raise
        self.written = 0
        """In the helper: the length of the file."""
        self.announced = 0
        """In this process: how much of the file the helper has announced complete."""
        self.read = 0
        """In this process: how much of the file is read."""

    def started(self) -> None:
        """In this process, once the helper is started: only the helper writes to the pipe."""
        os.close(self.progress_in)
        self.progress_in = -1

    def send(self, n: int, parsed: list[_Sent]) -> None:
        """In the helper: add chunk ``n``'s results to the file, then announce them."""
        frame = memoryview(pickle.dumps((n, parsed), protocol=pickle.HIGHEST_PROTOCOL))
        while frame:
            wrote = os.pwrite(self.data, frame, self.written)
            self.written += wrote
            frame = frame[wrote:]
        os.write(self.progress_in, self.written.to_bytes(8, "little"))  # 8 bytes: written whole, never split

    def receive(
        self,
        chunks: Sequence[Sequence[Source]],
        take: Callable[[int, list[Loaded | Problem]], None],
        *,
        wait: bool,
    ) -> None:
        """Hand every chunk announced so far to ``take``; ``wait``: until the helper has ended."""
        os.set_blocking(self.progress, wait)
        while True:
            try:
                news = os.read(self.progress, 65_536)  # a multiple of 8: whole announcements
            except BlockingIOError:
                break
            if not news:
                break
            self.announced = int.from_bytes(news[-8:], "little")
        if self.announced == self.read:
            return
        with os.fdopen(os.dup(self.data), "rb") as file:
            file.seek(self.read)
            frames = file.read(self.announced - self.read)
        self.read = self.announced
        stream = io.BytesIO(frames)
        while stream.tell() < len(frames):
            n, sent = pickle.load(stream)  # noqa: S301 - written by our own forked helper, a moment ago
            take(
                n,
                [
                    Loaded(s.rel, *loaded) if isinstance(loaded, tuple) else loaded
                    for s, loaded in zip(chunks[n], sent, strict=True)
                ],
            )

    def close(self) -> None:
        """Release the file and the pipe."""
        for fd in (self.data, self.progress, self.progress_in):
            if fd >= 0:
                os.close(fd)
        self.data = self.progress = self.progress_in = -1


@contextmanager
def helping(root: Path, sources: Sequence[Source]) -> Iterator[Helpers | None]:
    """Helpers parsing ``sources`` while the ``with`` block runs, if there are many and idle cores.

    ``None`` when this process had better parse them alone. On leaving the block, helpers that
    are still running are stopped: after Ctrl+C, or when a problem stopped the run.
    """
    count = idle_helpers() if len(sources) >= PARALLEL_FROM else 0
    try:
        helpers = Helpers(root, sources, count) if count else None
    except OSError:  # no file descriptor left for the queue: no helpers
        helpers = None
    try:
        yield helpers
    finally:
        if helpers is not None:
            helpers.stop()


def _claims(queue: int) -> Iterator[int]:
    """The numbers of the chunks a process takes from the queue, until it is empty.

    Whoever is free reads the next number: a read of four bytes from a pipe is never split on Linux.
    """
    while claim := os.read(queue, 4):
        yield int.from_bytes(claim, "little")


def fork_helper() -> int:
    """:func:`os.fork` for a helper process; in the helper, Ctrl+C is ignored (the process that started it reports it).

    Ctrl+C is held back across the fork, so none reaches the helper before it ignores it; in
    this process, one that came meanwhile arrives afterwards, as KeyboardInterrupt.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    if pid == 0:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_SETMASK, held)
    return pid


def _compact(loaded: Loaded | Problem) -> _Sent:
    """A parsed file without what the parent knows: a tuple unpickles several times faster than a :class:`Loaded`."""
    return (loaded.data, loaded.raw) if isinstance(loaded, Loaded) else loaded
