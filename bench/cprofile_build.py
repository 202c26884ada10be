"""Profile one ``kb-build build`` with cProfile and print the top functions by cumulative time.

Usage: ``python bench/cprofile_build.py ROOT [LIMIT]``, where ROOT is a project folder, for example one
that ``bench/run.py`` generated under bench/work/. Workers that check files in parallel are
not profiled; their share shows as time waiting in the pool.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
from pathlib import Path

from kb_build.build import build
from kb_build.config import make_config


def main() -> None:
    root = Path(sys.argv[1])
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 45
    config = make_config(root)
    profiler = cProfile.Profile()
    profiler.runcall(build, config)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(limit)
    print(f"# cProfile of kb-build build {root.name}, top {limit} by cumulative time\n")
    print("\n".join(line.rstrip() for line in out.getvalue().splitlines() if line.strip()))


if __name__ == "__main__":
    main()
