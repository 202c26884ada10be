"""Every internal link and anchor in the built site resolves."""

from __future__ import annotations

import html.parser
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value and tag in ("a", "link", "script", "img"):
                self.links.append(value)


def broken_links(site: Path) -> list[str]:
    """Return «page -> link» for every internal link whose file or anchor is missing."""
    parsed: dict[str, _Collector] = {}
    for path in sorted(site.rglob("*.html")):
        collector = _Collector()
        collector.feed(path.read_text(encoding="utf-8"))
        parsed[path.relative_to(site).as_posix()] = collector
    broken = []
    for page, collector in parsed.items():
        for link in collector.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:")):
                continue
            base = "" if parts.path.startswith("/") else posixpath.dirname(page)  # 404.html links from the root
            target = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/"))) if parts.path else page
            if target.endswith("/") or not posixpath.splitext(target)[1]:
                target = posixpath.join(target, "index.html")
            if not (site / target).exists():
                broken.append(f"{page} -> {link}")
            elif parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in parsed[target].ids:
                broken.append(f"{page} -> {link} (no such anchor)")
    return broken


def test_mini_site_links_resolve(mini_site: Path) -> None:
    assert broken_links(mini_site) == []


def test_real_site_links_resolve(real_site: Path) -> None:
    assert broken_links(real_site) == []


@pytest.mark.parametrize("page", ["index.html", "anbefalinger/1-1-plan.html"])
def test_pages_declare_norwegian(mini_site: Path, page: str) -> None:
    assert '<html lang="nb"' in (mini_site / page).read_text(encoding="utf-8")


def test_every_page_credits_the_source_and_licence(real_site: Path) -> None:
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect page at an earlier URL (render/redirects.py), not a page to read
        footer = html[html.index('class="md-copyright kb-footer"') :]
        assert "Norsk lisens for offentlige data (NLOD) 2.0" in footer, page
        assert "tilgjengeliggjort av Helsedirektoratet" in footer, page
        assert "erstatter ikke den offisielle teksten" in footer, page
        assert "Uoffisiell, forklarende utgave" in html, page


def test_recommendation_table_of_contents_lists_its_sections(mini_site: Path) -> None:
    """The sections live in one HTML block, so the build adds them to mkdocs' table of contents."""
    page = (mini_site / "anbefalinger/1-2-koordinator-kan-lede.html").read_text(encoding="utf-8")
    sidebar = page[page.index("md-sidebar--secondary") : page.index('<div class="md-content"')]
    collector = _Collector()
    collector.feed(sidebar)
    assert collector.links == ["#hjemmel", "#gjelder-for", "#relatert", "#brukes-i", "#endringer"]
    assert '<h2 id="hjemmel">Hjemmel<a class="headerlink" href="#hjemmel"' in page


THIRD_PARTY = re.compile(
    r"fonts\.googleapis\.com|fonts\.gstatic\.com|unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.|"
    r"googletagmanager\.com|google-analytics\.com|api\.github\.com"
)


def test_no_file_in_the_site_can_load_from_another_host(mini_site: Path) -> None:
    """No fonts, CDN scripts, analytics or API calls: not even on code paths the site never takes."""
    found = [
        f"{path.relative_to(mini_site)}: {match}"
        for path in sorted(mini_site.rglob("*"))
        if path.suffix in (".html", ".js", ".css", ".json", ".map")
        for match in THIRD_PARTY.findall(path.read_text(encoding="utf-8"))
    ]
    assert found == []
    assert not list(mini_site.rglob("*.js.map"))
