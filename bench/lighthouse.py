"""Lighthouse on every page type, against plain mkdocs-material pages with the same content.

Builds this guideline with ``kb-build build`` and the same generated pages, in the same navigation,
with plain mkdocs-material (``theme: material``, ``language: nb``, ``font: false``, search on, no
extra CSS, JavaScript or templates), serves both folders with ``python3 -m http.server`` on
127.0.0.1 and runs Lighthouse (mobile, slow 4G and 4x CPU, simulated unless ``THROTTLING=devtools``)
``RUNS`` times per page (default 5), alternating the sites so a busy moment hits all. Prints a Markdown
table of medians: largest contentful paint (with the range over the runs), first contentful paint, layout
shift (CLS), bytes transferred (raw: the server does not compress) and the range of the machine's load
during the runs. ``BEFORE=path/to/site`` measures an earlier build too, in the same runs (build it from
the earlier commit with ``kb-build build --site-dir``). ``ONLY=kapittel,forside``
measures only the page types named. ``KEEP=folder`` keeps each run's Lighthouse JSON there (with
``LANTERN_DEBUG=1`` also the traces of Lantern's simulations), to see why a page paints when it does.

Lighthouse is not a project dependency; install it once outside the repository and point to it:

    npm install --prefix /tmp/lh lighthouse@12
    LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse CHROME_PATH=/usr/bin/chromium \\
        .venv/bin/python bench/lighthouse.py

Not part of ``make test``: timings depend on the machine, and its two cores are shared.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import yaml

HERE = Path(__file__).parent
REPO = HERE.parent
WORK = HERE / "work" / "lighthouse"
BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("RUNS", "5"))
THROTTLING = os.environ.get("THROTTLING", "simulate")
"""``simulate`` (Lighthouse's default: a fast load, replayed on a model of slow 4G) or ``devtools``
(the browser itself slowed to slow 4G and 4x CPU while it loads the page)."""
PAGES = {
    "forside": "index.html",
    "anbefaling": None,  # recommendation 7-4, found in the built site
    "Alle anbefalinger": "anbefalinger/index.html",
    "kapittel": None,  # chapter 7's page, found in the built site
}
ONLY = [name.strip() for name in os.environ.get("ONLY", "").split(",") if name.strip()]
KEEP = Path(os.environ["KEEP"]).resolve() if os.environ.get("KEEP") else None
METRICS = ("largest-contentful-paint", "first-contentful-paint", "cumulative-layout-shift", "total-byte-weight")


def build_ours() -> Path:
    subprocess.run([str(BIN / "kb-build"), "build"], cwd=REPO, check=True, capture_output=True)
    site = WORK / "kb"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(REPO / "site", site)
    return site


def build_plain() -> Path:
    """The generated pages and navigation of this guideline, rendered by mkdocs-material alone."""
    sys.path.insert(0, str(REPO / "src"))
    from kb_build.build import check
    from kb_build.config import make_config
    from kb_build.render.site import Later, render_site
    from kb_build.schemas import Schemas

    config = make_config(REPO)
    index = check(config).index
    assert index is not None
    rendered = render_site(index, Schemas(config.schema_dir).documents)
    project = WORK / "plain-project"
    shutil.rmtree(project, ignore_errors=True)
    for rel, content in rendered.files.items():
        path = project / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        content = content() if isinstance(content, Later) else content  # never, unless rendered with later=True
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    plain = {
        "site_name": "Plain",
        "use_directory_urls": False,
        "theme": {"name": "material", "language": "nb", "font": False},
        "plugins": [{"search": {"lang": "no"}}],
        "markdown_extensions": ["attr_list", "admonition", "pymdownx.details", "tables", "toc"],
        "nav": rendered.nav,
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(plain, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-f", str(project / "mkdocs.yml")], env=env, check=True)
    return project / "site"


def pick_pages(site: Path) -> dict[str, str]:
    recs = sorted((site / "anbefalinger").glob("7-4-*.html"))
    chapter = sorted((site / "kapitler").glob("7-*.html"))
    found = {"anbefaling": recs[0].relative_to(site).as_posix(), "kapittel": chapter[0].relative_to(site).as_posix()}
    return {name: page or found[name] for name, page in PAGES.items()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    port = free_port()
    cmd = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait()


def lighthouse(url: str, keep_as: str) -> dict[str, float]:
    binary = os.environ.get("LIGHTHOUSE", "lighthouse")
    if KEEP:
        KEEP.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = (KEEP or Path(tmp)) / f"{keep_as}.json"
        subprocess.run(
            [
                binary,
                url,
                "--quiet",
                "--only-categories=performance",
                "--output=json",
                f"--output-path={out}",
                f"--throttling-method={THROTTLING}",
                "--chrome-flags=--headless=new --no-sandbox",
                *(["--save-assets"] if KEEP and os.environ.get("LANTERN_DEBUG") else []),
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        )
        audits = json.loads(out.read_text(encoding="utf-8"))["audits"]
    return {m: float(audits[m]["numericValue"]) for m in METRICS}


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    sites = {"kb": build_ours(), "plain": build_plain()}
    if os.environ.get("BEFORE"):
        sites["before"] = Path(os.environ["BEFORE"]).resolve()
    pages = {name: page for name, page in pick_pages(sites["kb"]).items() if not ONLY or name in ONLY}
    results: dict[tuple[str, str], list[dict[str, float]]] = {}
    with contextlib.ExitStack() as stack:
        bases = {label: stack.enter_context(served(site)) for label, site in sites.items()}
        for name, page in pages.items():
            for run in range(RUNS):
                for label, base in bases.items():
                    got = lighthouse(base + page, f"{name.replace(' ', '-')}-{label}-{run + 1}")
                    load = os.getloadavg()[0]
                    results.setdefault((name, label), []).append({**got, "load": load})
                    print(
                        f"{name} {label} (load {load:.1f}): " + ", ".join(f"{k} {v:.3f}" for k, v in got.items()),
                        file=sys.stderr,
                    )

    def med(name: str, label: str, metric: str) -> float:
        return statistics.median(r[metric] for r in results[(name, label)])

    def lcp(name: str, label: str) -> str:
        runs = sorted(r["largest-contentful-paint"] / 1000 for r in results[(name, label)])
        return f"{statistics.median(runs):.2f} s ({runs[0]:.2f}–{runs[-1]:.2f})"

    def load_range(name: str) -> tuple[float, float]:
        """The machine's load (1 min) over all runs of a page: Lantern models the network, but the server's
        response time and the CPU tasks it scales are measured on this machine."""
        loads = [r["load"] for label in sites for r in results[(name, label)]]
        return min(loads), max(loads)

    labels = list(sites)
    lines = [
        "| side | "
        + " | ".join(f"LCP {label}" for label in labels)
        + " | FCP | CLS | vekt KiB | vekt enkel KiB | belastning |",
        "| --- |" + " ---: |" * (len(labels) + 5),
    ]
    for name, page in pages.items():
        cells = [name + f" (`{page}`)"] + [lcp(name, label) for label in labels]
        cells += [
            f"{med(name, 'kb', 'first-contentful-paint') / 1000:.2f} s",
            f"{med(name, 'kb', 'cumulative-layout-shift'):.3f}",
            f"{med(name, 'kb', 'total-byte-weight') / 1024:.0f}",
            f"{med(name, 'plain', 'total-byte-weight') / 1024:.0f}",
            "{:.1f}–{:.1f}".format(*load_range(name)),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
