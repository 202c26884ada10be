"""Where each page lives in the generated docs, and relative links between pages."""

from __future__ import annotations

import posixpath
from functools import cache

from kb_build.model import Chapter, Checklist, Recommendation, Story


def recommendation(rec: Recommendation | str) -> str:
    """The permanent page of a recommendation, derived from its id only."""
    rec_id = rec if isinstance(rec, str) else rec.id
    return f"anbefalinger/{rec_id}.md"


def chapter(ch: Chapter) -> str:
    """The page of a chapter."""
    return f"kapitler/{ch.nummer}-{ch.id}.md"


def story(s: Story | str, *, trainer: bool = False) -> str:
    """The participant page of a story, or its trainer view."""
    story_id = s if isinstance(s, str) else s.id
    return f"historier/{story_id}{'-kursleder' if trainer else ''}.md"


def checklist(c: Checklist) -> str:
    """The page of a checklist."""
    return f"sjekklister/{c.id}.md"


def url(page: str) -> str:
    """The site URL of a docs page (``use_directory_urls: false``)."""
    return page[: -len(".md")] + ".html" if page.endswith(".md") else page


def href(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative link from one docs page to another page or file, working from file:// too."""
    folder, _, name = url(to_page).rpartition("/")
    up = _relative_folder(folder, posixpath.dirname(from_page))
    rel = name if up == "." else f"{up}/{name}"
    return f"{rel}#{anchor}" if anchor else rel


@cache  # a site has few folders, and pages link to each other tens of thousands of times
def _relative_folder(folder: str, from_folder: str) -> str:
    return posixpath.relpath(folder or ".", from_folder or ".")
