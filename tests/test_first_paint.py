"""What every built page asks for before its first paint: Material's main.css and nothing else of ours.

The theme (theme/main.html) fetches every script, Material's bundle included, once the page has
painted; the favicon is written into the page. See bench/lighthouse.md, round 6.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import quote, unquote

_PARSER_FETCHED_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=")
_LOADER_CALL = re.compile(r'\}\)\(("[^"]*"), ("[^"]*"),\s*(\[[^\]]*\]), (\[[^\]]*\]), (\[[^\]]*\])\);\s*</script>')


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "<script" in p.read_text(encoding="utf-8"))


def _loaded(page: Path, site: Path) -> tuple[str, str, list[str], list[str], list[str]]:
    """The loader's arguments on ``page``, as paths relative to the site."""
    found = _LOADER_CALL.search(page.read_text(encoding="utf-8"))
    assert found, f"{page.relative_to(site)} has no script loader"
    folder = page.parent.relative_to(site).as_posix()

    def at(url: str) -> str:  # 404.html gives addresses from the site's root
        return url.removeprefix("/") if url.startswith("/") else posixpath.normpath(posixpath.join(folder, url))

    args = [json.loads(group) for group in found.groups()]
    print_css, shim = at(args[0]), at(args[1])
    before, material, after = ([at(u) for u in urls] for urls in args[2:])
    return print_css, shim, before, material, after


def test_no_page_has_a_script_the_parser_fetches(real_site: Path) -> None:
    """A <script src> in the page is fetched (and, without defer, run) before the first paint."""
    pages = _pages(real_site)
    assert len(pages) > 50
    blocking = [
        p.relative_to(real_site).as_posix() for p in pages if _PARSER_FETCHED_SCRIPT.search(p.read_text("utf-8"))
    ]
    assert blocking == []


def test_every_page_loads_search_then_materials_bundle_then_ours(real_site: Path) -> None:
    bundle = [p.relative_to(real_site).as_posix() for p in (real_site / "assets/javascripts").glob("bundle.*.min.js")]
    assert len(bundle) == 1
    for page in _pages(real_site):
        print_css, shim, before, material, after = _loaded(page, real_site)
        assert before == ["assets/kb-search.js"], page
        assert material == bundle, page
        assert after[0] == "assets/kb.js", page
        assert shim == "assets/vendor/iframe-worker/shim.js", page
        assert print_css == "assets/kb-print.css", page
        for path in [print_css, shim, *before, *material, *after]:
            assert (real_site / path).is_file(), (page, path)


def test_the_page_types_load_their_own_scripts_only(real_site: Path) -> None:
    filters = _loaded(real_site / "anbefalinger/index.html", real_site)[4]
    front = _loaded(real_site / "index.html", real_site)[4]
    assert "assets/kb-filters.js" in filters
    assert front == ["assets/kb.js"]


def test_the_svg_favicon_is_written_into_every_page(real_site: Path) -> None:
    svg = (real_site / "assets/favicon.svg").read_text(encoding="utf-8").strip()
    icon = f'<link rel="icon" href="data:image/svg+xml,{quote(svg)}">'
    for page in _pages(real_site):
        html = page.read_text(encoding="utf-8")
        assert icon in html, page
        assert "favicon.svg" not in html, page
    assert unquote(icon.split(",", 1)[1].removesuffix('">')) == svg
