"""The search index: entries for recommendation pages written from the data, and hidden search keys.

Material's search plugin would parse every rendered page again to find its sections. For the
recommendation pages, which are most of the site, we know the sections already, so the build
writes their entries directly (and the pages opt out of the plugin's own indexing).

Two fields that readers never see rank the results: ``keys`` holds what identifies a
recommendation (its id, its section number and the provisions it cites), so that searching an id
or «§ 7-1» puts the recommendation first; ``aliases`` holds, for every entry in the index, the
abbreviations of what the entry spells out and the spelled-out form of the abbreviations it uses
(from ``content/forkortelser.yaml``), so that «IP» finds «individuell plan».
"""

from __future__ import annotations

import html
import json
import operator
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from kb_build.model import Abbreviation, Recommendation
from kb_build.render import paths
from kb_build.render.common import search_label
from kb_build.render.html import Markup, esc, markdown
from kb_build.render.reuse import Resumed, per_recommendation
from kb_build.resolve import SiteIndex

EXCLUDE = "---\nsearch:\n  exclude: true\n---\n"
"""Front matter that keeps Material's search plugin from indexing a page a second time."""

SearchEntry = dict[str, str | float]

BOOST = 2.0
"""Recommendations are what readers look for; rank them above chapter text that mentions the same words."""

KEYS = "keys"
ALIASES = "aliases"
FIELDS: dict[str, dict[str, float]] = {KEYS: {"boost": 1e4}, ALIASES: {"boost": 1e2}}
"""The hidden fields and their weight beside Material's title (1,000) and text (1)."""


@per_recommendation
def _rec_entries(rec: Recommendation, index: SiteIndex) -> list[SearchEntry]:
    """The entries of one recommendation page: the page, then its sections."""
    out: list[SearchEntry] = []
    g = index.guideline
    url = paths.url(paths.recommendation(rec))
    chapter = index.chapter_by_number[rec.kapittel]
    lead = Markup("<p>{} · kapittel {} {} · {}</p>").format(
        search_label(rec, index), rec.kapittel, chapter.kort_tittel, rec.id
    )
    cites = " ".join(index.legal[k].label for k in rec.hjemmel)
    out.append(
        {
            "location": url,
            "title": rec.tittel,
            "text": lead + markdown(rec.tekst),
            "boost": BOOST,
            KEYS: joined_numbers(f"{rec.id} {rec.seksjon} {cites}"),
        }
    )
    out.append({"location": f"{url}#praktisk", "title": "Praktisk", "text": markdown(rec.praktisk)})
    out.append({"location": f"{url}#begrunnelse", "title": "Begrunnelse", "text": markdown(rec.begrunnelse)})
    legal = "".join(f"<p>{esc(index.legal[k].label)} {esc(index.legal[k].tittel)}</p>" for k in rec.hjemmel)
    if legal:
        cited = "; ".join(f"{index.legal[k].label} ({index.legal[k].tittel})" for k in rec.hjemmel)
        out.append({"location": f"{url}#hjemmel", "title": f"Hjemmel: {cited}", "text": legal})
    roles = ", ".join(g.role_name(r) for r in rec.malgruppe)
    out.append({"location": f"{url}#gjelder-for", "title": "Gjelder for", "text": f"<p>{esc(roles)}</p>"})
    return out


_NUMBERS = re.compile(r"\d+(?:-\d+)+")


def joined_numbers(text: str) -> str:
    """``text`` followed by each hyphenated number in it joined by «_» («§ 7-1» adds «7_1»).

    The search separator splits words at hyphens, and so does lunr's query parser; the site's
    search script turns «7-1» in a query into «7_1», which then matches only these keys.
    """
    extra = dict.fromkeys(m[0].replace("-", "_") for m in _NUMBERS.finditer(text))
    return " ".join([text, *extra])


_TAG = re.compile(r"<[^>]*>")
REPEAT = 5


class Aliases:
    """Find, in a text, the abbreviations of what it spells out and the long forms of those it uses."""

    def __init__(self, abbreviations: Iterable[Abbreviation]) -> None:
        self.short_for: dict[str, str] = {}
        self.long_for: dict[str, str] = {}
        for a in abbreviations:
            self.long_for[a.forkortelse] = a.betyr
            for form in a.forms:
                self.short_for[form.lower()] = a.forkortelse
        self._long = self._words(self.short_for)
        self._short = self._words(self.long_for)

    @staticmethod
    def _words(words: Iterable[str]) -> re.Pattern[str] | None:
        # Longest first, so «individuelle planer» wins over a shorter form it starts with.
        ordered = sorted(words, key=lambda w: (-len(w), w))
        return re.compile(rf"(?:{'|'.join(map(re.escape, ordered))})(?!\w)") if ordered else None

    def find(self, text: str) -> list[str]:
        """The aliases for ``text`` (HTML or plain), in order of first appearance.

        Each alias comes as often as its other form occurs (at most :data:`REPEAT` times), as if
        it were written beside each occurrence, so the entries that use a term most rank first.
        Spelled-out forms are found in any case, abbreviations only as written.
        """
        plain = html.unescape(_TAG.sub(" ", text))
        found: Counter[str] = Counter()
        if self._long is not None:
            found.update(self.short_for[m] for m in _whole_words(self._long, plain.lower()))
        if self._short is not None:
            found.update(self.long_for[m] for m in _whole_words(self._short, plain))
        return [alias for alias, n in found.items() for _ in range(min(n, REPEAT))]


_WORD_CHARACTER = re.compile(r"\w")


def _whole_words(words: re.Pattern[str], text: str) -> Iterator[str]:
    """What ``words`` matches in ``text`` where no word character stands before it, from left to right.

    What ``(?<!\\w)`` in the pattern would do: with it, Python's regular expressions tried the
    whole pattern at every position of the text, several times slower than a search that is only
    checked where it matches.
    """
    at = 0
    while (match := words.search(text, at)) is not None:
        start = match.start()
        if start and _WORD_CHARACTER.match(text, start - 1):
            at = start + 1  # inside a word: as if the pattern had failed here
            continue
        yield match[0]
        at = match.end()


def _searchable(doc: Mapping[str, Any]) -> str:
    """The text of an index entry that aliases are found in."""
    return " ".join(str(doc.get(f, "")) for f in ("title", "text", KEYS))


WrittenPieces = dict[int, tuple[tuple[list[SearchEntry], ...], bytes]]
"""Pieces of the index by number, each with the entries it was made from (see :attr:`SearchData.written`)."""

PIECE = 64
"""Recommendations per piece of our part of the index (see :meth:`SearchData.piece`)."""


@dataclass(frozen=True)
class SearchData:
    """What the build adds to the index Material's search plugin writes: the recommendations' entries.

    The entries are written in pieces of :data:`PIECE` recommendations, each with the aliases
    of its texts: finding those is most of the work of the index, and a build that shares its
    work between two processes shares the pieces too.
    """

    index: SiteIndex
    found: dict[str, list[str]] | None = None
    """The aliases of each entry's text in the last build (the preview's); updated to this build's."""
    written: WrittenPieces | None = None
    """Each piece of the last build (the preview's) with the entries it was made from; updated to this build's.

    A piece whose recommendations all give the same entries as then (the same lists: the preview
    keeps the entries of a recommendation that did not change) is the same piece.
    """
    rendering: Resumed = field(default_factory=Resumed, compare=False)
    """The rendering the data comes from, continued by each piece."""

    @property
    def pieces(self) -> int:
        return -(-len(self.index.recommendations) // PIECE)

    def piece(self, n: int, aliases: _Finder | None = None) -> bytes:
        """Piece ``n`` of our entries, with their aliases, as compact JSON joined by commas (empty if none)."""
        with self.rendering.again():
            entries = tuple(
                _rec_entries(rec, self.index) for rec in self.index.recommendations[n * PIECE : (n + 1) * PIECE]
            )
        last = self.written.get(n) if self.written is not None else None
        if last is not None and len(last[0]) == len(entries) and all(map(operator.is_, last[0], entries)):
            return last[1]
        docs = [e for found in entries for e in found]
        (aliases or _Finder(self.index.abbreviations, None)).add_to(docs)
        piece = ",".join(map(_json, docs)).encode()
        if self.written is not None:
            self.written[n] = (entries, piece)
        return piece

    def json(self, index: dict[str, Any], known: Mapping[int, bytes] | None = None) -> Iterator[bytes]:
        """Material's ``index`` with our entries added, aliases on every entry and the hidden fields declared,
        as the parts of its compact JSON.

        ``known``: pieces made already (see :meth:`piece`). The index is never held whole as text:
        for a large site, that text and the encoder's pieces of it were the peak of a build's memory.
        """
        aliases = _Finder(self.index.abbreviations, self.found)
        aliases.add_to(index["docs"])
        config = {**index["config"], "fields": {**index["config"].get("fields", {}), **FIELDS}}
        yield f'{{"config":{_json(config)},"docs":['.encode()
        comma = b""
        for doc in index["docs"]:
            yield comma + _json(doc).encode()
            comma = b","
        for n in range(self.pieces):
            part = (known or {}).get(n)
            part = self.piece(n, aliases) if part is None else part
            if part:
                yield comma + part
                comma = b","
        yield b"]}"
        if self.found is not None:
            self.found.clear()
            self.found.update(aliases.seen)


class _Finder:
    """:class:`Aliases`, remembering each text's aliases; with the last build's (the preview's) to start from."""

    def __init__(self, abbreviations: Iterable[Abbreviation], last: Mapping[str, list[str]] | None) -> None:
        self.aliases = Aliases(abbreviations)
        self.last = last or {}
        self.seen: dict[str, list[str]] = {}

    def add_to(self, docs: Iterable[dict[str, Any]]) -> None:
        """Give each entry its aliases (field :data:`ALIASES`), if it has any."""
        for doc in docs:
            text = _searchable(doc)
            found = self.seen[text] = self.last[text] if text in self.last else self.aliases.find(text)
            if found:
                doc[ALIASES] = " ".join(found)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
