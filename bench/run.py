"""Benchmark: kb-build against a plain mkdocs-material site with the same pages, side by side.

Generates guidelines of 200, 1,000, 2,000 and 5,000 recommendations in two profiles
(*real-size*: copies of this project's own recommendations and content; *synthetic*: filler of
realistic length in a small fixture), builds each with ``kb-build build`` and with ``mkdocs
build`` on the same generated pages in mkdocs' default navigation, times one saved change in
``kb-build serve``'s incremental rebuild, and writes bench/results.md. Run with ``make bench``
(``--sizes`` and ``--profiles`` for a shorter run); not part of ``make test``.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
REPO = HERE.parent
WORK = HERE / "work"
BIN = Path(sys.executable).parent
SIZES = (200, 1000, 2000, 5000)
RUNS = 3
"""Timings are the best of this many runs; plain builds from 1,000 up (minutes each) run once."""
PLAIN_BUDGET = 900.0
"""Above 2,000, the plain build runs only if the fit below expects it to take at most this many seconds;
otherwise its time is extrapolated from 1,000 and 2,000 (it grows with the square) and marked so."""
PREVIEW_AT = 2000
"""Size at which the incremental preview is timed."""
CHAPTERS = 8
WORDS = [
    "kommunen",
    "tjenesten",
    "koordinator",
    "fastlegen",
    "personen",
    "pårørende",
    "teamet",
    "planen",
    "oppfølging",
    "behov",
    "tverrfaglig",
    "samarbeid",
    "vurdering",
    "tiltak",
    "ansvar",
    "rutine",
    "kompetanse",
    "ledelse",
    "forløp",
    "helse",
    "omsorg",
    "velferd",
    "hverdag",
    "mål",
]


@dataclass(frozen=True)
class Run:
    """One measured command."""

    seconds: float
    peak_mb: float
    site_mb: float
    cpu_seconds: float = 0.0


def text(rng: random.Random, words: int) -> str:
    """Plausible Norwegian-looking filler of a realistic length."""
    out = [rng.choice(WORDS) for _ in range(words)]
    return "\n".join(" ".join(out[i : i + 12]).capitalize() + "." for i in range(0, words, 12))


def block(value: str, indent: int = 2) -> str:
    return "|\n" + "".join(f"{' ' * indent}{line}\n" for line in value.splitlines())


def generate(n: int, root: Path) -> None:
    """Write a synthetic guideline with ``n`` recommendations into ``root``."""
    rng = random.Random(n)  # noqa: S311 - reproducible filler, not security
    shutil.rmtree(root, ignore_errors=True)
    for rel in ("content/veileder.yaml", "content/malgruppe.yaml"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "tests/fixtures/mini" / rel, root / rel)
    shutil.copytree(REPO / "schema", root / "schema")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    legal = "hjemler:\n" + "".join(
        f'  hol-{i}:\n    lov: helse- og omsorgstjenesteloven\n    paragraf: "§ {i}-1"\n    tittel: Tittel {i}\n'
        f"    beskrivelse: Beskrivelse {i}.\n    url: https://lovdata.no/lov/2011-06-24-30/§{i}-1\n"
        for i in range(1, 31)
    )
    (root / "content/hjemler.yaml").write_text(legal, encoding="utf-8")
    per_chapter = n // CHAPTERS
    sections = max(1, min(40, per_chapter // 5))
    ids = [f"{c}-{1 + (k % sections)}-anbefaling-{k}" for c in range(1, CHAPTERS + 1) for k in range(per_chapter)]
    (root / "content/kapitler").mkdir(parents=True)
    for c in range(1, CHAPTERS + 1):
        secs = "".join(
            f'  - nummer: "{c}.{s}"\n    tittel: Seksjon {c}.{s} om oppfølging\n    tekst: {block(text(rng, 150), 6)}'
            for s in range(1, sections + 1)
        )
        (root / f"content/kapitler/kapittel-{c:02d}.yaml").write_text(
            f"nummer: {c}\nid: kapittel-{c}\ntittel: Kapittel {c} om oppfølging\ningress: {block(text(rng, 80))}"
            f"seksjoner:\n{secs}",
            encoding="utf-8",
        )
    for rec_id in ids:
        chapter, section = rec_id.split("-")[:2]
        strength = rng.choice(["skal", "må", "bør", "kan"])
        related = "".join(f"  - {r}\n" for r in sorted(set(rng.sample(ids, 3)) - {rec_id}))
        laws = "".join(f"  - hol-{i}\n" for i in sorted(rng.sample(range(1, 31), 2)))
        folder = root / f"recommendations/kapittel-{int(chapter):02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{rec_id}.yaml").write_text(
            f"id: {rec_id}\ntittel: Tjenesten {strength} gjøre tiltak nummer {rec_id}\nart: anbefaling\n"
            f'styrke: {strength}\nkapittel: {chapter}\nseksjon: "{chapter}.{section}"\n'
            f"sammendrag: {text(rng, 20).replace(chr(10), ' ')}\ntekst: {block(text(rng, 200))}"
            f"praktisk: {block(text(rng, 100))}begrunnelse: {block(text(rng, 100))}hjemmel:\n{laws}"
            f"målgruppe:\n  - leder\n  - koordinator\nfase:\n  - folge-opp\nrelatert:\n{related}status: gjeldende\n"
            f'sist_vurdert: "2018-01-30"\nsist_endret: "2026-11-24"\nendringer:\n  - dato: "2026-11-24"\n'
            f"    beskrivelse: Syntetisk.\n",
            encoding="utf-8",
        )


def generate_real_size(n: int, root: Path) -> None:
    """Write a guideline of ``n`` recommendations copied from this project's own, into ``root``.

    The project's content (chapters, legal registry, stories, checklists, decision rules) is
    used as it is; the recommendations are its own, repeated in rounds with ids suffixed by the
    round, so text lengths, provisions, related links (within the round), change entries and
    revision flags follow the real distribution exactly.
    """
    shutil.rmtree(root, ignore_errors=True)
    for rel in ("content", "schema"):
        shutil.copytree(REPO / rel, root / rel)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    real = sorted((REPO / "recommendations").glob("*/*.yaml"))
    ids = [p.stem for p in real]
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")(?![\w-])")
    made = {rename_id(ids[i % len(ids)], i // len(ids)) for i in range(n)}
    for i in range(n):
        source, rounds = real[i % len(real)], i // len(real)

        def rename(match: re.Match[str], rounds: int = rounds) -> str:
            copy = rename_id(match[1], rounds)
            return copy if copy in made else match[1]

        target = root / "recommendations" / source.parent.name / f"{rename_id(source.stem, rounds)}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = pattern.sub(rename, source.read_text(encoding="utf-8"))
        if rounds:  # copies' texts differ, so nothing is rendered once for all copies
            text = _TEXT_START.sub(rf"\g<0>Kopi {rounds}: ", text)
        target.write_text(text, encoding="utf-8")


_TEXT_START = re.compile(r"^(?:tekst|praktisk|begrunnelse): [|>]-?\n  (?:- )?", re.M)


def rename_id(rec_id: str, rounds: int) -> str:
    """The id of a recommendation's copy in round ``rounds`` (round 0 keeps the original)."""
    return f"{rec_id}-r{rounds}" if rounds else rec_id


def best_of(runs: int, cmd: list[str], site: Path | None) -> Run:
    """The fastest of ``runs`` runs: the machine is a shared VM, so single timings jitter by a third."""
    return min((measure(cmd, site) for _ in range(runs)), key=lambda r: r.seconds)


_MEASURED = """\
import os, resource, subprocess, sys
code = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
sys.stderr.buffer.write(code.stderr)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    out.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
sys.exit(code.returncode)
"""
"""Runs the measured command and reports its peak memory and CPU time.

A process started from this one would report at least this process's own peak memory: Linux
carries the memory high-water mark of the process that starts a command over to it. This
script is small, so the command's peak is its own (or that of its largest worker).
"""


def measure(cmd: list[str], site: Path | None) -> Run:
    """Run ``cmd`` in its own process and measure wall time, peak memory, CPU time and output size."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.NamedTemporaryFile("r", suffix=".usage") as usage:
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _MEASURED, usage.name, *cmd],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr.decode()[-2000:]}")
        peak_kb, cpu = usage.read().split()
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6 if site else 0.0
    return Run(seconds, int(peak_kb) / 1024, size, float(cpu))


def plain_project(root: Path) -> Path:
    """The same generated pages as a plain mkdocs-material site with mkdocs' default navigation."""
    sys.path.insert(0, str(REPO / "src"))
    from kb_build.build import check
    from kb_build.config import make_config
    from kb_build.render.site import Later, render_site
    from kb_build.schemas import Schemas

    config = make_config(root)
    index = check(config).index
    assert index is not None
    plain = root.parent / f"{root.name}-plain"
    shutil.rmtree(plain, ignore_errors=True)
    for rel, content in render_site(index, Schemas(config.schema_dir).documents).files.items():
        path = plain / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        content = content() if isinstance(content, Later) else content  # never, unless rendered with later=True
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (plain / "mkdocs.yml").write_text(
        "site_name: Plain\nuse_directory_urls: false\ntheme:\n  name: material\n  language: nb\n"
        "plugins:\n  - search:\n      lang: 'no'\n",
        encoding="utf-8",
    )
    return plain


@dataclass(frozen=True)
class Row:
    """One size of one profile."""

    profile: str
    n: int
    check: Run
    ours: Run
    plain: Run | None
    """None when the plain build is extrapolated rather than measured."""


def plain_estimate(rows: list[Row], profile: str, n: int, *, cpu: bool = False) -> float:
    """The plain build's wall (or CPU) time at ``n``, from a fit of a·n + b·n² to the measured 1,000 and 2,000."""
    measured = {r.n: r.plain.cpu_seconds if cpu else r.plain.seconds for r in rows if r.profile == profile and r.plain}
    t1, t2 = measured[1000], measured[2000]
    b = (t2 - 2 * t1) / (2 * 1000**2)
    a = (t1 - b * 1000**2) / 1000
    return a * n + b * n * n


Preview = tuple[float, float, float, float]
"""Wall and CPU seconds of one saved change (best of 3), then of the preview's first, full build."""


def preview_seconds(root: Path) -> Preview:
    """Time a saved change to one recommendation in the preview, and its first, full build."""
    out = subprocess.run(
        [sys.executable, __file__, "--preview", str(root)], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), float(out[1]), float(out[2]), float(out[3])


def _preview(root: Path) -> None:
    """In this process: the preview's first build, then three saved changes; print the best and the first."""
    sys.path.insert(0, str(REPO / "src"))
    from kb_build.config import make_config
    from kb_build.incremental import Preview

    preview = Preview(make_config(root))
    out = root.parent / f"{root.name}-preview"
    start, cpu = time.perf_counter(), time.process_time()
    preview.build(out)
    first, first_cpu = time.perf_counter() - start, time.process_time() - cpu
    rec = sorted((root / "recommendations").glob("*/*.yaml"))[len(SIZES)]
    original = rec.read_text(encoding="utf-8")
    times = []
    for i in range(RUNS):
        rec.write_text(original.replace("sammendrag: ", f"sammendrag: Endring {i}. ", 1), encoding="utf-8")
        start, cpu = time.perf_counter(), time.process_time()
        preview.build(out)
        times.append((time.perf_counter() - start, time.process_time() - cpu))
    rec.write_text(original, encoding="utf-8")
    change, change_cpu = min(times)
    print(f"{change:.3f} {change_cpu:.3f} {first:.3f} {first_cpu:.3f}")


def report(rows: list[Row], preview: Preview | None) -> str:
    """bench/results.md."""
    lines = [
        "# Benchmark",
        "",
        "Two profiles, built on this machine in one run. *real-size*: this project's own content (chapters, legal "
        "registry, stories, checklists, decision rules) with its recommendations copied in rounds until there are "
        "*n* (same text lengths, provisions, related links, change entries and revision flags; each copy's texts "
        "marked so none is rendered once for all). *synthetic*: filler of realistic length in the mini fixture, "
        "2 legal references and 3 related links each. *kb-build* is `kb-build build`; *plain* is `mkdocs build` "
        "of the same generated pages with mkdocs-material and mkdocs' default navigation (every page in the menu). "
        f"kb-build and check times are the best of {RUNS} runs; plain builds from 1,000 up run once, and above "
        f"2,000 only when expected to take under {PLAIN_BUDGET / 60:.0f} minutes; memory is that "
        "run's peak (largest process). CPU is user + system time of the command and its workers. The machine's 2 "
        "cores are shared with other work, so wall times stretch with the load; CPU times (and the speed-up by CPU "
        "time) are steadier.",
        "",
        "| profile | recommendations | check (s) | check CPU (s) | kb-build (s) | kb-build CPU (s) | "
        "plain mkdocs-material (s) | plain CPU (s) | speed-up | speed-up (CPU) | kb-build peak MB | plain peak MB | "
        "kb-build site MB | plain site MB | ms per recommendation | vs. 2,000 | CPU ms per recommendation | "
        "CPU vs. 2,000 |",
        "| --- " + "| ---: " * 17 + "|",
    ]
    for r in rows:
        per, cpu_per = r.ours.seconds / r.n, r.ours.cpu_seconds / r.n
        at_2000 = next((x for x in rows if x.profile == r.profile and x.n == 2000), None)
        vs = f"{per / (at_2000.ours.seconds / 2000):.2f}×" if at_2000 else "–"
        cpu_vs = f"{cpu_per / (at_2000.ours.cpu_seconds / 2000):.2f}×" if at_2000 else "–"
        plain_s = r.plain.seconds if r.plain else plain_estimate(rows, r.profile, r.n)
        plain_cell = f"{plain_s:.2f}" if r.plain else f"≈ {plain_s:.0f} (extrapolated)"
        plain_cpu_s = r.plain.cpu_seconds if r.plain else plain_estimate(rows, r.profile, r.n, cpu=True)
        plain_cpu = f"{plain_cpu_s:.2f}" if r.plain else f"≈ {plain_cpu_s:.0f} (extrapolated)"
        cpu_up = f"{plain_cpu_s / r.ours.cpu_seconds:.1f}×"
        lines.append(
            f"| {r.profile} | {r.n:,} | {r.check.seconds:.2f} | {r.check.cpu_seconds:.2f} | {r.ours.seconds:.2f} | "
            f"{r.ours.cpu_seconds:.2f} | {plain_cell} | {plain_cpu} | {plain_s / r.ours.seconds:.1f}× | {cpu_up} | "
            f"{r.ours.peak_mb:.0f} | "
            f"{f'{r.plain.peak_mb:.0f}' if r.plain else '–'} | {r.ours.site_mb:.1f} | "
            f"{f'{r.plain.site_mb:.1f}' if r.plain else '–'} | {per * 1000:.2f} | {vs} | {cpu_per * 1000:.2f} | {cpu_vs} |"
        )
    if preview is not None:
        change, change_cpu, first, first_cpu = preview
        lines += [
            "",
            f"Incremental preview (`kb-build serve`), real-size, {PREVIEW_AT:,} recommendations: one saved change to "
            f"a recommendation is rebuilt and served in {change:.2f} s ({change_cpu:.2f} s CPU; best of {RUNS}), "
            f"against {first:.2f} s ({first_cpu:.2f} s CPU, without the checking workers) for the preview's first, "
            f"full build in the same process: {change / first:.2f} of it ({change_cpu / first_cpu:.2f} by CPU).",
        ]
    lines += ["", f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated sizes")
    parser.add_argument("--profiles", default="real-size,synthetic", help="comma-separated profiles")
    parser.add_argument("--preview", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.preview:
        _preview(args.preview)
        return
    generators = {"real-size": generate_real_size, "synthetic": generate}
    rows: list[Row] = []
    preview = None
    WORK.mkdir(exist_ok=True)
    for profile in args.profiles.split(","):
        for n in map(int, args.sizes.split(",")):
            root = WORK / f"{profile}-{n}"
            generators[profile](n, root)
            check = best_of(RUNS, [str(BIN / "kb-build"), "--root", str(root), "check"], None)
            ours = best_of(RUNS, [str(BIN / "kb-build"), "--root", str(root), "build"], root / "site")
            theirs = None
            fitted = {r.n for r in rows if r.profile == profile and r.plain} >= {1000, 2000}
            if n <= 2000 or not fitted or plain_estimate(rows, profile, n) <= PLAIN_BUDGET:
                plain = plain_project(root)
                mkdocs = [str(BIN / "mkdocs"), "build", "-q", "-f", str(plain / "mkdocs.yml")]
                theirs = best_of(RUNS if n < 1000 else 1, mkdocs, plain / "site")
                shutil.rmtree(plain)
            if profile == "real-size" and n == PREVIEW_AT:
                preview = preview_seconds(root)
            rows.append(Row(profile, n, check, ours, theirs))
            plain_s = f"{theirs.seconds:.2f}s" if theirs else "extrapolated"
            print(
                f"{profile} {n}: check {check.seconds:.2f}s, kb-build {ours.seconds:.2f}s, plain {plain_s}", flush=True
            )
            (HERE / "results.md").write_text(report(rows, preview), encoding="utf-8")
    print(report(rows, preview))


if __name__ == "__main__":
    main()
