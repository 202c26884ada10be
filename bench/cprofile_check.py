"""Profile ``kb-build check`` on a real-size guideline with cProfile, the workers' share included.

Usage: ``python bench/cprofile_check.py [N] [LIMIT]``: generates N real-size recommendations (default
2,000) as ``make bench`` does, into a temporary folder, and prints the top LIMIT functions by
cumulative and by own time. Files are loaded in this process, one after the other, so the
profile shows what the worker processes do when ``check`` runs them in parallel.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
import tempfile
from pathlib import Path

from run import generate_real_size

from kb_build import parallel
from kb_build.build import check
from kb_build.config import make_config


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "real-size"
        generate_real_size(n, root)
        parallel.PARALLEL_FROM = sys.maxsize  # everything in this process, where the profiler sees it
        profiler = cProfile.Profile()
        result = profiler.runcall(check, make_config(root))
    assert not result.problems, result.problems[:3]
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(limit)
        print(f"# cProfile of kb-build check, {n:,} real-size recommendations, top {limit} by {order}\n")
        print("\n".join(line.rstrip() for line in out.getvalue().splitlines() if line.strip()))


if __name__ == "__main__":
    main()
