"""Profile one incremental preview rebuild with cProfile and print the top functions.

Usage: ``python bench/cprofile_preview.py ROOT [LIMIT] [FILE]``: the preview builds ROOT (for
example a project that ``bench/run.py`` generated under bench/work/) once, then FILE (a path in
ROOT; by default the fifth recommendation, as ``bench/run.py`` edits it) is saved with a changed
first line of text and the rebuild is profiled. The file is restored afterwards.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

from kb_build.config import make_config
from kb_build.incremental import Preview


def main() -> None:
    root = Path(sys.argv[1]).resolve()
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 45
    path = root / sys.argv[3] if len(sys.argv) > 3 else sorted((root / "recommendations").glob("*/*.yaml"))[4]
    preview = Preview(make_config(root))
    out = root.parent / f"{root.name}-preview"
    preview.build(out)
    original = path.read_text(encoding="utf-8")
    key = (
        "sammendrag: "
        if "\nsammendrag: " in original
        else next(line for line in original.splitlines() if line.startswith("  ") and line.strip())
    )
    profiler = cProfile.Profile(time.process_time)  # CPU time: the machine may be shared
    try:
        path.write_text(original.replace(key, f"{key}Endring. ", 1), encoding="utf-8")
        start = time.process_time()
        profiler.runcall(preview.build, out)
        cpu = time.process_time() - start
    finally:
        path.write_text(original, encoding="utf-8")
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(limit)
    rel = path.relative_to(root).as_posix()
    print(
        f"# cProfile of one preview rebuild of {root.name} after a save to {rel} ({cpu:.2f} s CPU under the profiler; times are CPU seconds)\n"
    )
    print("\n".join(line.rstrip() for line in text.getvalue().splitlines() if line.strip()))


if __name__ == "__main__":
    main()
