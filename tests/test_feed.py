"""The change feed is valid Atom, deterministic, and linked from the site."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import MINI, run_check
from kb_build.config import site_url
from kb_build.render import feed
from kb_build.render.feed import FeedEntry
from kb_build.resolve import SiteIndex

A = "{http://www.w3.org/2005/Atom}"
UNSAFE = 'Ny tekst med <script>alert("x")</script> & «anførsel»'


@pytest.fixture(scope="module")
def index() -> SiteIndex:
    result = run_check(MINI)
    assert result.index is not None
    return result.index


def parse(xml: str) -> ET.Element:
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == f"{A}feed"
    return root


def assert_valid_atom(root: ET.Element) -> None:
    """The requirements of RFC 4287 that a generator can get wrong."""
    for tag in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{tag}")) == 1, f"feed needs exactly one {tag}"
    assert root.find(f"{A}author/{A}name") is not None  # or else every entry needs an author
    assert [link.get("href") for link in root.findall(f"{A}link[@rel='self']")]
    ids = []
    for entry in root.findall(f"{A}entry"):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{tag}")) == 1, f"entry needs exactly one {tag}"
        ids.append(entry.findtext(f"{A}id"))
        assert entry.find(f"{A}link[@rel='alternate']") is not None  # no content, so a link is required
        assert entry.findtext(f"{A}summary")
    assert len(ids) == len(set(ids)), "entry ids must be unique"
    for node in root.iter():
        if node.tag in (f"{A}id",):
            assert urlsplit(node.text or "").scheme, f"{node.text} is not an absolute IRI"
        if node.tag == f"{A}updated":
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", node.text or "")
            datetime.fromisoformat(node.text or "")


def test_feed_is_valid_atom_with_one_entry_per_change(index: SiteIndex) -> None:
    root = parse(feed.render(index))
    assert_valid_atom(root)
    entries = root.findall(f"{A}entry")
    assert len(entries) == sum(len(r.endringer) for r in index.recommendations)
    dates = [e.findtext(f"{A}updated") or "" for e in entries]
    assert dates == sorted(dates, reverse=True), "newest first"
    assert root.findtext(f"{A}updated") == dates[0]
    assert {e.findtext(f"{A}summary") for e in entries} == {
        c.beskrivelse for r in index.recommendations for c in r.endringer
    }


def test_links_are_relative_without_site_url_and_absolute_with_it(index: SiteIndex) -> None:
    relative = parse(feed.render(index))
    hrefs = [link.get("href") or "" for link in relative.iter(f"{A}link")]
    assert "endringer.xml" in hrefs and "anbefalinger/1-1-plan.html#endringer" in hrefs
    assert not any(urlsplit(h).scheme for h in hrefs)

    absolute = parse(feed.render(index, site_url="https://veileder.example/sub"))
    hrefs = [link.get("href") or "" for link in absolute.iter(f"{A}link")]
    assert "https://veileder.example/sub/anbefalinger/1-1-plan.html#endringer" in hrefs
    assert all(h.startswith("https://veileder.example/sub/") for h in hrefs)
    # Entry ids do not depend on where the site is hosted: a move does not re-announce every change.
    assert [e.text for e in relative.iter(f"{A}id")] == [e.text for e in absolute.iter(f"{A}id")]


def test_feed_is_deterministic_and_escapes_text(index: SiteIndex) -> None:
    extra = [FeedEntry(key="utgave/2.0", title="Utgave 2.0", summary=UNSAFE, dato="2030-01-01", page="endringer.md")]
    first = feed.render(index, extra=extra)
    assert first == feed.render(index, extra=extra)
    root = parse(first)
    assert_valid_atom(root)
    newest = root.findall(f"{A}entry")[0]
    assert newest.findtext(f"{A}summary") == UNSAFE
    assert root.findtext(f"{A}updated") == "2030-01-01T00:00:00Z"


def test_site_url_is_read_from_mkdocs_yml_despite_mkdocs_tags(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: X\nsite_url: https://veileder.example/\nhook: !!python/name:os.path\n")
    assert site_url(config) == "https://veileder.example/"
    config.write_text("site_name: X\nsite_url: !ENV [SITE_URL, '']\n")
    assert site_url(config) is None
    assert site_url(MINI / "mkdocs.yml") == yaml.safe_load((MINI / "mkdocs.yml").read_text()).get("site_url")


def test_built_site_offers_the_feed(mini_site: Path) -> None:
    assert_valid_atom(parse((mini_site / "endringer.xml").read_text(encoding="utf-8")))
    changes = (mini_site / "endringer.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="kb-feed" href="endringer.xml"[^>]*>Abonner på endringer</a>', changes)
    for page in (changes, (mini_site / "index.html").read_text(encoding="utf-8")):
        assert re.search(
            r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="endringer.xml">', page
        )


def test_feed_is_announced_where_readers_look_for_it(mini_site: Path) -> None:
    """Front page and changes page; not every page: Material fetches sitemap.xml for each <link rel=alternate>."""
    announce = '<link rel="alternate" type="application/atom+xml"'
    others = [
        p for p in (mini_site / "anbefalinger").glob("*.html") if "http-equiv" not in p.read_text(encoding="utf-8")
    ]
    assert others
    assert not any(announce in p.read_text(encoding="utf-8") for p in others)
