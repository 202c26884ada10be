"""The one table of content kinds: where each lives, its schema, whether it is required, its model and key.

Discovery, validation, resolve, the field reference and the tests read this table; adding a kind
starts here (see "Ny innholdstype" in CONTRIBUTING.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kb_build.model import Chapter, Checklist, Recommendation, Story


@dataclass(frozen=True)
class Kind:
    """One kind of source file."""

    name: str
    """The kind's name, as problems and the parity tests use it."""
    path: str
    """The file (``content/veileder.yaml``) or, for a kind with one file per item, the folder."""
    schema: str
    """The schema file in ``schema/`` that validates each source of this kind."""
    pattern: str
    """How an editor names a file of this kind, shown in the field reference."""
    required: bool = False
    """A project without it is refused; an optional kind that is left out gets no page, link or export."""
    per_item: bool = False
    """``path`` is a folder with one file per item."""
    recursive: bool = False
    """Items may lie in subfolders of ``path`` (recommendations are grouped by chapter)."""
    model: Callable[[dict[str, Any], str], Any] | None = None
    """Builds one item from its validated data and source path (kinds with one file per item)."""
    key: str | None = None
    """The field that identifies an item; two files with the same value are an error."""
    requires: tuple[str, ...] = ()
    """Kinds that must exist when this one does (their data is read to render this one)."""


KINDS: tuple[Kind, ...] = (
    Kind(
        "anbefaling",
        "recommendations",
        "anbefaling.schema.json",
        "recommendations/kapittel-NN/ID.yaml",
        required=True,
        per_item=True,
        recursive=True,
        model=Recommendation.from_data,
        key="id",
    ),
    Kind(
        "kapittel",
        "content/kapitler",
        "kapittel.schema.json",
        "content/kapitler/kapittel-NN.yaml",
        required=True,
        per_item=True,
        model=Chapter.from_data,
        key="nummer",
    ),
    Kind("hjemler", "content/hjemler.yaml", "hjemler.schema.json", "content/hjemler.yaml", required=True),
    Kind("referanser", "content/referanser.yaml", "referanser.schema.json", "content/referanser.yaml"),
    Kind("veileder", "content/veileder.yaml", "veileder.schema.json", "content/veileder.yaml", required=True),
    Kind("malgruppe", "content/malgruppe.yaml", "malgruppe.schema.json", "content/malgruppe.yaml"),
    Kind(
        "historie",
        "content/historier",
        "historie.schema.json",
        "content/historier/ID.yaml",
        per_item=True,
        model=Story.from_data,
        key="id",
        requires=("malgruppe",),
    ),
    Kind(
        "sjekkliste",
        "content/sjekklister",
        "sjekkliste.schema.json",
        "content/sjekklister/ID.yaml",
        per_item=True,
        model=Checklist.from_data,
        key="id",
    ),
    Kind(
        "beslutningsstotte",
        "content/beslutningsstotte.yaml",
        "beslutningsstotte.schema.json",
        "content/beslutningsstotte.yaml",
        requires=("malgruppe",),
    ),
    Kind(
        "tilgjengelighet", "content/tilgjengelighet.yaml", "tilgjengelighet.schema.json", "content/tilgjengelighet.yaml"
    ),
    Kind("roller", "content/roller.yaml", "roller.schema.json", "content/roller.yaml"),
    Kind("utgaver", "content/utgaver.yaml", "utgaver.schema.json", "content/utgaver.yaml"),
    Kind("forkortelser", "content/forkortelser.yaml", "forkortelser.schema.json", "content/forkortelser.yaml"),
)
"""Every kind, in the order the field reference documents them."""

BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
