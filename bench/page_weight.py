"""What a reader's first page load fetches, and what opening search adds, at 5,000 recommendations.

Builds the synthetic guideline of ``run.py`` (with this project's abbreviation list) and the real
one, then adds up, per page type, the files the browser fetches before the reader does anything:
the page, its stylesheets, scripts, images and Material's search worker. The search index is
fetched only when the reader opens search, so it is reported on its own line. Sizes are raw and
gzip-compressed (level 6, as web servers send them). Writes bench/page-weight.md. Run with
``.venv/bin/python bench/page_weight.py``; not part of ``make test``.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin

from run import BIN, REPO, WORK, generate

SIZES = (5000,)
LIMIT_KB = 500
"""Issue 18: the first page load stays under this many kilobytes compressed."""
PAGES = {
    "forside": "index.html",
    "anbefaling": None,  # the first recommendation page, found in the built site
    "alle anbefalinger": "anbefalinger/index.html",
}
_ASSET = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]*href|script[^>]+src|img[^>]+src)="([^"]+)"')
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def sizes(path: Path) -> tuple[int, int]:
    """Raw and gzip-compressed size of one file."""
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6, mtime=0))


def first_load(site: Path, page: str) -> tuple[int, int, int]:
    """Files, raw bytes and compressed bytes fetched when ``page`` loads, before any interaction."""
    html = (site / page).read_text(encoding="utf-8")
    refs = {urljoin(page, ref) for ref in _ASSET.findall(html) if not ref.startswith(("data:", "http"))}
    config = _CONFIG.search(html)
    if config:
        worker = json.loads(config[1])["search"]
        refs.add(urljoin(page, worker))
    files = [site / page, *(site / ref.split("#")[0] for ref in sorted(refs))]
    raw = sum(sizes(f)[0] for f in files)
    packed = sum(sizes(f)[1] for f in files)
    return len(files), raw, packed


def build(root: Path) -> Path:
    subprocess.run([str(BIN / "kb-build"), "--root", str(root), "build"], check=True, capture_output=True)
    return root / "site"


def report(label: str, site: Path) -> list[str]:
    rec = sorted(p for p in (site / "anbefalinger").glob("*.html") if p.name != "index.html")[0]
    rows = []
    for name, page in PAGES.items():
        files, raw, packed = first_load(site, page or rec.relative_to(site).as_posix())
        ok = "ja" if packed / 1000 < LIMIT_KB else "**nei**"
        rows.append(f"| {label} | {name} | {files} | {raw / 1000:.0f} | {packed / 1000:.0f} | {ok} |")
    raw, packed = sizes(site / "search/search_index.json")
    rows.append(f"| {label} | søkeindeks, når søket åpnes | 1 | {raw / 1000:.0f} | {packed / 1000:.0f} | – |")
    return rows


def main() -> None:
    WORK.mkdir(exist_ok=True)
    rows = report("veilederen (35)", build(REPO))
    for n in SIZES:
        root = WORK / f"weight{n}"
        generate(n, root)
        shutil.copyfile(REPO / "content/forkortelser.yaml", root / "content/forkortelser.yaml")
        rows += report(f"syntetisk {n:,}".replace(",", " "), build(root))
        print(f"{n}: built", flush=True)
    lines = [
        "# Sidevekt ved første lasting",
        "",
        "Filer nettleseren henter når en side åpnes, før leseren gjør noe: siden, stilark, skript, bilder "
        "og Materials søkearbeider. Søkeindeksen hentes først når leseren går til søkefeltet. "
        f"Målet (sak 18) er under {LIMIT_KB} kB komprimert. Lag tabellen på nytt med "
        "`.venv/bin/python bench/page_weight.py`.",
        "",
        "| nettsted | side | filer | kB | kB gzip | under målet |",
        "| --- | --- | ---: | ---: | ---: | --- |",
        *rows,
        "",
    ]
    (Path(__file__).parent / "page-weight.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
