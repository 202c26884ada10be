"""A copy of this process that takes a share of the work from where it was made, and sends back its result.

On a machine with an idle core, a large build splits its pages between this process and a copy
made with ``fork`` in the middle of the build: the copy has everything gathered so far, renders
and writes its share, sends back the little the parent still needs, and ends. Only on Linux, and
only when a core is idle now, as for the helpers that parse the sources
(:func:`kb_build.parallel.idle_helpers`); elsewhere the build runs as one process.

The copy never returns into the caller's clean-up code (which could, for example, remove the
build's scratch folder): it ends with ``os._exit`` through :meth:`SecondProcess.finish` or
:meth:`SecondProcess.fail`, and ignores Ctrl+C, which the parent reports for both.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import sys
from typing import Any, NoReturn

from kb_build.errors import BuildError
from kb_build.parallel import fork_helper, idle_helpers

SHARE_FROM = 400
"""Recommendations from which a build shares its work with a second process, if a core is idle."""


def worth_sharing(recommendations: int) -> bool:
    """Whether a build of this many recommendations should share its work: a large one, with a core idle now.

    Decided once, before the site is rendered: a shared build renders its largest files only when
    they are written (``render.site.Later``), by the process that writes them; one that is not
    renders them first, as that keeps its memory lowest.
    """
    return recommendations >= SHARE_FROM and idle_helpers() >= 1


class SecondProcess:
    """One end of the pair: ``in_copy`` tells which. ``shared`` pieces of work go to whichever process asks first."""

    def __init__(self, pid: int, pipe: int, claims: Claims) -> None:
        self.pid = pid
        """The copy's process id in the parent; 0 in the copy itself."""
        self.pipe = pipe
        """The copy writes its result here; the parent reads it."""
        self.claims = claims

    @property
    def in_copy(self) -> bool:
        return self.pid == 0

    @staticmethod
    def start(shared: int) -> SecondProcess | None:
        """Fork; return this process's end, or ``None`` where a copy cannot be made this way.

        ``shared``: how many pieces of work (numbered from 0) the two share through :meth:`mine`.
        """
        if sys.platform != "linux":
            return None
        claims = Claims(shared)
        read, write = os.pipe()
        # The collector would visit every object of the heap they share and so copy all its
        # memory into each process; until the build ends it leaves what exists now alone.
        gc.freeze()
        try:
            pid = fork_helper()
        except OSError:
            gc.unfreeze()
            os.close(read)
            os.close(write)
            return None
        if pid == 0:
            os.close(read)
            return SecondProcess(0, write, claims)
        os.close(write)
        return SecondProcess(pid, read, claims)

    def mine(self, piece: int) -> bool:
        """Whether this process does shared piece number ``piece``: it does if it asks first."""
        return self.claims.take(piece, 2 if self.in_copy else 1)

    def finish(self, result: object) -> NoReturn:
        """In the copy: send ``result`` to the parent and end."""
        self._send(pickle.dumps((True, result), pickle.HIGHEST_PROTOCOL), 0)

    def fail(self, error: BaseException) -> NoReturn:
        """In the copy: send ``error`` to the parent, to be raised there, and end."""
        try:
            payload = pickle.dumps((False, error), pickle.HIGHEST_PROTOCOL)
        except Exception:  # any error that cannot be sent is reported by its text
            payload = pickle.dumps((False, BuildError(f"{type(error).__name__}: {error}")))
        self._send(payload, 1)

    def _send(self, payload: bytes, status: int) -> NoReturn:
        try:
            with os.fdopen(self.pipe, "wb") as out:
                out.write(payload)
        finally:
            os._exit(status)

    def result(self) -> Any:
        """In the parent: wait for the copy and return what it sent, or raise the error it sent."""
        with os.fdopen(self.pipe, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = -1
        if not payload:
            code = os.waitstatus_to_exitcode(status)
            how = f"avsluttet med kode {code}" if code >= 0 else f"stoppet av signal {-code}"
            raise BuildError(f"prosessen som bygde en del av sidene, stoppet uten svar ({how})")
        done, value = pickle.loads(payload)  # noqa: S301 - our own copy wrote it, through a pipe only we hold
        if not done:
            raise value
        return value

    def close(self) -> None:
        """In the parent, at the end of the shared work: stop the copy if it is still running (after an
        error or Ctrl+C here), and let the collector see the objects of before the fork again."""
        if self.pid > 0:
            os.close(self.pipe)
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = -1
        gc.unfreeze()


class Claims:
    """Which process took each shared piece of work, in memory both processes see.

    Both go through the pieces in the same order and take each one the other has not taken yet,
    so the work divides itself: the process that is ahead takes more, whatever the pieces cost.
    """

    def __init__(self, pieces: int) -> None:
        self.owner = multiprocessing.Array("b", pieces, lock=False)
        """0 while free, else the number of the process that took the piece."""
        self.lock = multiprocessing.Lock()

    def take(self, piece: int, me: int) -> bool:
        if not self.owner[piece]:
            with self.lock:
                if not self.owner[piece]:
                    self.owner[piece] = me
        return bool(self.owner[piece] == me)
