"""What differs between two editions' recommendations, field by field and word by word.

Both sides are resolved site indexes, so the comparison sees what readers see: strength, legal
basis by its citation, status and the texts. Strength, legal basis and status come first.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from kb_build.model import Recommendation
from kb_build.resolve import SiteIndex

FIELDS: tuple[tuple[str, str], ...] = (
    ("styrke", "Styrke"),
    ("hjemmel", "Hjemmel"),
    ("status", "Status"),
    ("tittel", "Tittel"),
    ("sammendrag", "Sammendrag"),
    ("tekst", "Tekst"),
    ("praktisk", "Praktisk"),
    ("begrunnelse", "Begrunnelse"),
)
"""The fields compared, in the order a reader should see their changes."""

_WORDS = re.compile(r"[^\s.,;:!?]+(?:[.,;:!?]+(?=[^\s.,;:!?])[^\s.,;:!?]*)*\s*|[.,;:!?]+\s*|\s+")
"""Words with the space after them, so a diff never matches on a lone space; punctuation after a word
is a token of its own («hva.» → «hva», «.»), so adding a clause does not mark the word before it as
changed. Punctuation inside a word («7.1», «f.eks») keeps it whole."""


@dataclass(frozen=True)
class Piece:
    """A run of words that is unchanged (``lik``), removed (``fjernet``) or added (``lagt_til``)."""

    kind: str
    text: str


@dataclass(frozen=True)
class FieldChange:
    """One field that differs, with its word-level diff."""

    field: str
    label: str
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class RecChange:
    """A recommendation that is new, removed or changed in the newer edition."""

    id: str
    seksjon: str
    tittel: str
    kind: str
    """``ny``, ``fjernet`` or ``endret``."""
    fields: tuple[FieldChange, ...] = ()


def compare(old: SiteIndex, new: SiteIndex) -> tuple[RecChange, ...]:
    """Every recommendation that differs, in the newer edition's order; removed ones last."""
    changes = []
    for rec in new.recommendations:
        before = old.by_id.get(rec.id)
        if before is None:
            changes.append(RecChange(rec.id, rec.seksjon, rec.tittel, "ny"))
            continue
        fields = tuple(
            FieldChange(name, label, word_diff(a, b))
            for name, label in FIELDS
            if (a := _value(before, name, old)) != (b := _value(rec, name, new))
        )
        if fields:
            changes.append(RecChange(rec.id, rec.seksjon, rec.tittel, "endret", fields))
    changes.extend(
        RecChange(r.id, r.seksjon, r.tittel, "fjernet") for r in old.recommendations if r.id not in new.by_id
    )
    return tuple(changes)


def _value(rec: Recommendation, name: str, index: SiteIndex) -> str:
    if name == "hjemmel":
        return "; ".join(index.legal[k].label if k in index.legal else k for k in rec.hjemmel)
    return str(getattr(rec, name)).strip()


def word_diff(old: str, new: str) -> tuple[Piece, ...]:
    """The words of ``old`` and ``new`` as unchanged, removed and added runs, in reading order."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    # Words are matched without the space after them («7.1» before a full stop is «7.1 » elsewhere);
    # unchanged runs are shown as the newer text has them.
    matcher = difflib.SequenceMatcher(None, [w.strip() or w for w in a], [w.strip() or w for w in b], autojunk=False)
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("lik", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(Piece("fjernet", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("lagt_til", "".join(b[j1:j2])))
    return tuple(pieces)
