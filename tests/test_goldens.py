"""Golden files: the generated Markdown and data for the mini guideline, byte for byte.

After an intended change, run ``make update-goldens`` and review the diff.
"""

from __future__ import annotations

import pytest

from conftest import MINI, TESTS, run_check
from kb_build.render.site import Later, render_site
from kb_build.schemas import Schemas

GOLDEN = TESTS / "goldens" / "mini"
CHECKED = (".md", ".json", ".csv", ".xml")


def _rendered() -> dict[str, str | bytes]:
    """The files as a build renders them: the largest when they are read (see ``render.site.Later``)."""
    result = run_check(MINI)
    assert result.index is not None
    files = render_site(result.index, Schemas(MINI / "schema").documents, later=True).files
    return {
        path: content() if isinstance(content, Later) else content
        for path, content in files.items()
        if path.endswith(CHECKED) and not path.startswith("schema/")
    }


def test_goldens(update_goldens: bool) -> None:
    rendered = _rendered()
    if update_goldens:
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for path, content in rendered.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        pytest.skip("goldens rewritten; review the diff")
    expected = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert set(rendered) == expected
    for path, content in rendered.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        assert data == (GOLDEN / path).read_bytes(), f"{path} differs from its golden file"


def test_goldens_cover_every_page_kind() -> None:
    kinds = {
        "index.md",
        "kapitler/1-forste.md",
        "anbefalinger/1-1-plan.md",
        "anbefalinger/index.md",
        "endringer.md",
        "historier/aina.md",
        "historier/aina-kursleder.md",
        "historier/kursopplegg.md",
        "sjekklister/leder.md",
        "verktoy/beslutningsstotte.md",
        "verktoy/finn-anbefalinger.md",
        "til-revisjon.md",
        "tilgjengelighet.md",
        "forkortelser.md",
        "feltreferanse.md",
        "data/anbefalinger.json",
        "data/egenvurdering.csv",
        "endringer.xml",
    }
    assert kinds <= set(_rendered())
