"""Benchmark: `kb-build check` on hostile files as large as the loader accepts.

Validation time must grow linearly with input: one pull request must never stall CI. Each case
puts one recommendation file just under the size limit (``yamlio.MAX_BYTES``) into a copy of the
test guideline, built to make a backtracking pattern or a recursive check slow, and times a whole
``check`` of the project in this process. Writes bench/worst-case.md. Run with ``make bench``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))

from kb_build.build import check  # noqa: E402
from kb_build.config import make_config  # noqa: E402
from kb_build.yamlio import MAX_BYTES, MAX_DEPTH, MAX_NODES  # noqa: E402

MINI = REPO / "tests" / "fixtures" / "mini"
BASE = (MINI / "recommendations/kapittel-01/1-1-plan.yaml").read_text(encoding="utf-8")
BUDGET = 1.0
"""Seconds a whole check of one such file may take; the goal is far below it."""
RUNS = 3


def _field(name: str, value: str, fill: str = "a") -> Callable[[int], str]:
    """Replace field ``name`` of the valid file by ``value``, its FILL grown to fill ``size`` bytes."""

    def make(size: int) -> str:
        lines = BASE.splitlines(keepends=True)
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
        end = next((j for j in range(at + 1, len(lines)) if not lines[j].startswith((" ", "-"))), len(lines))
        rest = "".join([*lines[:at], *lines[end:]])
        room = size - len(rest.encode("utf-8")) - len(name) - len(value.encode("utf-8")) - 8
        return rest + f"{name}: " + value.replace("FILL", fill * (room // len(fill.encode("utf-8")))) + "\n"

    return make


def _blocks(size: int) -> str:
    """Just under MAX_NODES values as ``|`` texts filling the file, and a syntax error after them."""
    count = (MAX_NODES - 100) // 2
    per = max(1, (size - len(BASE) - 16) // count - len("t: |\n"))
    body = "t: |\n" + "  " + "x" * (per - 3) + "\n"
    return BASE + body * count + "slutt: [\n"


CASES: dict[str, Callable[[int], str]] = {
    "baseline: the valid file as it is": lambda size: BASE,
    "sammendrag: a…a<": _field("sammendrag", '"FILL<"'),
    "sammendrag: blanks then <": _field("sammendrag", '"' + " " * 1000 + 'FILL<"'),
    "tittel: a…a<": _field("tittel", '"FILL<"'),
    "tekst: only blanks": _field("tekst", '"FILL"', " "),
    "tekst: non-breaking spaces": _field("tekst", '"FILL"', "\u00a0"),
    "id: a-a-…-a!": _field("id", '"FILL!"', "a-"),
    "sist_vurdert: 2018-01-30…": _field("sist_vurdert", '"2018-01-30FILL"'),
    "relatert: as many ids as fit": _field("relatert", "[FILL 1-1-plan]", "1-1-plan, "),
    "relatert: as many small mappings as fit": lambda size: _field("relatert", "[FILL]", "{a: X}, ")(size).replace(
        "X", "1"
    ),
    f"relatert: values nested {MAX_DEPTH} deep": _field(
        "relatert", "[FILL 1]", "{a: " * MAX_DEPTH + "1" + "}" * MAX_DEPTH + ", "
    ),
    "many | texts, a syntax error at the end": lambda size: _blocks(size),
    "top level: as many unknown keys as fit": lambda size: _field("status", "gjeldende\nFILL", "x: 1\n")(size),
}


def result_is_hostile(name: str, nbytes: int) -> bool:
    """Every case but the baseline fills the file to within a few bytes of the limit."""
    return name.startswith("baseline") or nbytes > MAX_BYTES * 0.98


def main() -> None:
    size = MAX_BYTES - 16
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in CASES.items():
            root = Path(tmp) / "p"
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(MINI, root)
            target = root / "recommendations/kapittel-01/1-1-plan.yaml"
            text = make(size)
            target.write_text(text, encoding="utf-8")
            nbytes = len(text.encode("utf-8"))
            assert nbytes <= MAX_BYTES and result_is_hostile(name, nbytes), (name, nbytes)
            config = make_config(root)
            best = float("inf")
            for _ in range(RUNS):
                start = time.perf_counter()
                result = check(config)
                best = min(best, time.perf_counter() - start)
            rows.append((name, nbytes, best, len(result.problems)))
            print(f"{name}: {nbytes:,} bytes, {best:.3f} s", flush=True)
    lines = [
        "# Worst-case validation",
        "",
        f"`check` of the test guideline with one recommendation replaced by a hostile file of just under "
        f"the {MAX_BYTES:,}-byte limit; best of {RUNS} runs, in one process. Budget: {BUDGET:.1f} s per check.",
        "",
        "| case | bytes | check (s) | problems | within budget |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    lines += [f"| {n} | {b:,} | {s:.3f} | {p} | {'yes' if s < BUDGET else '**NO**'} |" for n, b, s, p in rows]
    lines += ["", f"Python {sys.version.split()[0]}.", ""]
    (HERE / "worst-case.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    if any(s >= BUDGET for _, _, s, _ in rows):
        raise SystemExit("a file within the size limit took longer than the budget to check")


if __name__ == "__main__":
    main()
