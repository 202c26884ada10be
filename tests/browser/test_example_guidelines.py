"""The other guidelines under examples/ in a real browser: every kind of page they have passes axe-core.

The deviations allowed are the example's own (its content/tilgjengelighet.yaml), not ours.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path
from typing import cast

import pytest
from playwright.sync_api import Page

from conftest import EXAMPLES

from .axe import violations
from .conftest import _serve

PAGES = (
    "index.html",
    "anbefalinger/index.html",
    "endringer.html",
    "kilde-og-lisens.html",
    "apne-data.html",
    "egenvurdering.html",
    "utskrift.html",
)
"""Pages every guideline has; a chapter and a recommendation of each example are added."""


@pytest.fixture(scope="module")
def served(example_sites: dict[Path, Path]) -> Iterator[dict[Path, str]]:
    """Each example's site on 127.0.0.1."""
    servers = {root: cast(Generator[str, None, None], _serve(site)) for root, site in example_sites.items()}
    urls = {root: next(server) for root, server in servers.items()}
    yield urls
    for server in servers.values():
        server.close()


def _pages(site: Path) -> list[str]:
    def first(folder: str) -> str:
        return min(p.relative_to(site).as_posix() for p in (site / folder).glob("*.html") if p.name != "index.html")

    return [*PAGES, first("kapitler"), first("anbefalinger")]


@pytest.mark.parametrize("root", EXAMPLES, ids=lambda p: p.name)
def test_example_pages_pass_axe(
    root: Path, page: Page, served: dict[Path, str], example_sites: dict[Path, Path]
) -> None:
    found = {}
    for path in _pages(example_sites[root]):
        page.goto(f"{served[root]}/{path}")
        found[path] = violations(page, project=root)
    assert found == {path: [] for path in found}
