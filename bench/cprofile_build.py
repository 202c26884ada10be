"""Profile one ``kb-build build`` with cProfile and print the top functions by cumulative time.

Usage: ``python bench/cprofile_build.py ROOT [LIMIT]``, where ROOT is a project folder, for example one
that ``bench/run.py`` generated under bench/work/. When the build shares its pages with a second
process (``kb_build.second_process``), that process is profiled too, from the moment it is made,
and printed after the first; the first then shows the time it waited for the second as time in
``SecondProcess.result``. The helpers that parse files in ``check`` are not profiled.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
import tempfile
from pathlib import Path
from typing import Any, NoReturn

from kb_build.build import build
from kb_build.config import make_config
from kb_build.second_process import SecondProcess


def main() -> None:
    root = Path(sys.argv[1])
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 45
    config = make_config(root)
    with tempfile.TemporaryDirectory() as scratch:
        copy_stats = Path(scratch) / "copy.prof"
        _profile_the_copy(copy_stats)
        profiler = cProfile.Profile()
        profiler.runcall(build, config)
        print(_report(f"kb-build build {root.name}", pstats.Stats(profiler), limit))
        if copy_stats.exists():
            print()
            print(_report("the second process of the same build", pstats.Stats(str(copy_stats)), limit))


def _profile_the_copy(path: Path) -> None:
    """Make the build's copy, if it makes one, profile itself until it ends, into ``path``."""
    start, finish = SecondProcess.start, SecondProcess.finish
    profiler = cProfile.Profile()

    def started(shared: int) -> SecondProcess | None:
        other = start(shared)
        if other is not None and other.in_copy:
            sys.setprofile(None)  # the parent's profiler, inherited
            profiler.enable()
        return other

    def finished(self: SecondProcess, result: Any) -> NoReturn:
        profiler.disable()
        profiler.dump_stats(path)
        finish(self, result)

    SecondProcess.start = staticmethod(started)  # type: ignore[method-assign]
    SecondProcess.finish = finished  # type: ignore[method-assign]


def _report(title: str, stats: pstats.Stats, limit: int) -> str:
    out = io.StringIO()
    stats.stream = out  # type: ignore[attr-defined]  # pstats writes its report here
    stats.sort_stats("cumulative").print_stats(limit)
    lines = "\n".join(line.rstrip() for line in out.getvalue().splitlines() if line.strip())
    return f"# cProfile of {title}, top {limit} by cumulative time\n\n{lines}"


if __name__ == "__main__":
    main()
