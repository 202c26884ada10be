"""The library's own files: its front page, the combined search index and the search script.

Pure functions of the built guidelines; HTML comes from an autoescaped Jinja2 template, so every
value is escaped by the template, not by each call site.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from importlib.resources import files
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, select_autoescape

if TYPE_CHECKING:
    from kb_build.library import Built

SEARCH_INDEX = "sok-indeks.js"
"""The combined search index, as a script so that search works from file:// too."""

ASSETS = ("bibliotek.js", "bibliotek.css")
"""Files copied as they are from ``bibliotek/``."""

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")

_env = Environment(
    loader=PackageLoader("kb_build", "bibliotek"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def library_files(
    tittel: str, ingress: str, built: Sequence[Built], indexes: Mapping[str, list[dict[str, str]]]
) -> dict[str, str]:
    """Return the library's files (path in the site -> text): front page, search index, script, style."""
    page = _env.get_template("index.html").render(tittel=tittel, ingress=ingress, veiledere=built)
    assets = {name: files("kb_build").joinpath("bibliotek", name).read_text(encoding="utf-8") for name in ASSETS}
    return {"index.html": page, SEARCH_INDEX: search_script(built, indexes), **assets}


def search_script(built: Sequence[Built], indexes: Mapping[str, list[dict[str, str]]]) -> str:
    """The entries of every guideline's search index with the guideline they belong to, as a script.

    Each entry is ``[guideline, url, title, text, hidden]``; ``hidden`` holds the guideline's search
    keys (ids, section numbers, provisions) and abbreviations, matched but never shown.
    """
    docs = [
        [
            number,
            f"{b.sti}/{entry['location']}",
            _plain(entry["title"]),
            _plain(entry["text"]),
            " ".join(filter(None, (entry.get("keys"), entry.get("aliases")))),
        ]
        for number, b in enumerate(built)
        for entry in indexes.get(b.sti, [])
        if entry["title"] or entry["text"]
    ]
    data = {"veiledere": [{"sti": b.sti, "tittel": b.guideline.tittel} for b in built], "dokumenter": docs}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    safe = text.replace("</", "<\\/")  # the data can never end a script element
    return f"window.kbBibliotekSok = {safe};\n"


def _plain(fragment: str) -> str:
    """The text of an HTML fragment from the search index, on one line."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()
