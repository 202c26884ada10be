"""The change feed: an Atom document with one entry per dated change, newest first.

Readers subscribe to it from "Hva er endret" or through the ``<link rel="alternate">`` in every
page's head. Everything in it comes from the content: the dates are the ``endringer`` dates,
never the build clock, so the same content gives the same bytes. Entry ids are ``urn:uuid``
names derived from what the entry is about, so they survive a move of the site to another host.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

from kb_build.render import paths
from kb_build.render.listing import CHANGES_PAGE, FEED
from kb_build.render.reuse import same_inputs
from kb_build.resolve import SiteIndex

ATOM = "http://www.w3.org/2005/Atom"
AUTHOR = "Redaksjonen for denne uoffisielle utgaven"


@dataclass(frozen=True)
class FeedEntry:
    """One change readers can subscribe to."""

    key: str
    """What the entry is about, unique and stable (for example ``anbefaling/<id>/<dato>/<n>``)."""
    title: str
    summary: str
    dato: str
    """The day of the change, ``YYYY-MM-DD``."""
    page: str
    """The docs page the entry links to."""
    anchor: str | None = None
    category: str | None = None


def recommendation_entries(index: SiteIndex) -> list[FeedEntry]:
    """One entry per dated change in every recommendation's ``endringer``."""
    entries = []
    for rec in index.recommendations:
        seen: Counter[str] = Counter()
        for change in rec.endringer:
            seen[change.dato] += 1
            entries.append(
                FeedEntry(
                    key=f"anbefaling/{rec.id}/{change.dato}/{seen[change.dato]}",
                    title=f"{rec.seksjon} {rec.tittel}",
                    summary=change.beskrivelse,
                    dato=change.dato,
                    page=paths.recommendation(rec),
                    anchor="endringer",
                    category=rec.styrke,
                )
            )
    return entries


def render(index: SiteIndex, *, site_url: str | None = None, extra: Iterable[FeedEntry] = ()) -> str:
    """The Atom feed of all changes; links are absolute under ``site_url``, else relative to the feed.

    ``extra`` adds entries that are not recommendation changes, such as published editions.
    """
    # Newest first; within a day, editions first, then changes in the order of the guideline (stable sort).
    entries = sorted([*extra, *recommendation_entries(index)], key=lambda e: e.dato, reverse=True)
    g = index.guideline
    inputs = (entries, site_url, g.offisiell_url, g.tittel, g.kreditering, index.last_changed)
    return same_inputs(__name__, inputs, lambda: _atom(entries, index, site_url))


def _atom(entries: list[FeedEntry], index: SiteIndex, site_url: str | None) -> str:
    g = index.guideline
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, g.offisiell_url or g.tittel)

    def link(page: str, anchor: str | None = None) -> str:
        rel = paths.url(page) + (f"#{anchor}" if anchor else "")
        return urljoin(site_url.rstrip("/") + "/", rel) if site_url else rel

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "nb"})
    _text(feed, "id", f"urn:uuid:{uuid.uuid5(namespace, 'feed')}")
    _text(feed, "title", f"Endringer: {g.tittel}")
    _text(feed, "updated", _timestamp(max((e.dato for e in entries), default=index.last_changed.isoformat())))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", AUTHOR)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": link(FEED)})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": link(CHANGES_PAGE)})
    _text(feed, "rights", g.kreditering)
    for e in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"urn:uuid:{uuid.uuid5(namespace, e.key)}")
        _text(entry, "title", e.title)
        _text(entry, "updated", _timestamp(e.dato))
        ET.SubElement(
            entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": link(e.page, e.anchor)}
        )
        if e.category:
            ET.SubElement(entry, f"{{{ATOM}}}category", {"term": e.category})
        _text(entry, "summary", e.summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _timestamp(dato: str) -> str:
    """A content date as an RFC 3339 time: the start of that day."""
    return f"{dato}T00:00:00Z"
