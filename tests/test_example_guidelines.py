"""Every guideline under examples/ checks cleanly and builds with the same kb-build, no code changes.

The last tests pin what the example guideline found when the generator still held our guideline's
words and links (issue 16): no broken links, none of our words, its own roles, and diff in a subfolder.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import EXAMPLES, REPO, run_check
from kb_build.diff import summarise
from kb_build.yamlio import Loaded, load_bytes
from test_site_links import _Collector, broken_links

OUR_WORDS = (
    "Helsedirektorat",
    "sju kriteriene",
    "sju kjennetegnene",
    "strukturert oppfølging",
    "barn, unge, voksne og eldre",
    "pasienthistorier",
    "forklarende utgave",
)
"""Phrases of our guideline that a site built from another guideline must not contain."""


def _ids(root: Path) -> str:
    return root.name


def _yaml(path: Path) -> dict[str, object]:
    loaded = load_bytes(path.read_bytes(), path.name)
    assert isinstance(loaded, Loaded), loaded
    return loaded.data


def test_there_is_an_example_guideline() -> None:
    assert EXAMPLES, "examples/ has no project folder with a mkdocs.yml"


@pytest.mark.parametrize("root", EXAMPLES, ids=_ids)
def test_example_passes_strict_check(root: Path) -> None:
    result = run_check(root, strict=True)
    assert result.index is not None
    assert [p.format() for p in result.problems] == []


@pytest.mark.parametrize("root", EXAMPLES, ids=_ids)
def test_example_cites_only_provisions_from_the_checked_registry(root: Path) -> None:
    """A legal source in an example is the one in content/hjemler.yaml, word for word."""
    ours = _yaml(REPO / "content" / "hjemler.yaml")["hjemler"]
    theirs = _yaml(root / "content" / "hjemler.yaml")["hjemler"]
    assert isinstance(ours, dict) and isinstance(theirs, dict)
    assert {key: value for key, value in theirs.items() if ours.get(key) != value} == {}


@pytest.fixture(params=EXAMPLES, ids=_ids)
def example_site(request: pytest.FixtureRequest, example_sites: dict[Path, Path]) -> tuple[Path, Path]:
    """An example guideline and its site (built strictly once per session, shared with the browser tests)."""
    root: Path = request.param
    return root, example_sites[root]


def test_example_builds_a_page_for_every_chapter_and_recommendation(example_site: tuple[Path, Path]) -> None:
    root, site = example_site
    index = run_check(root).index
    assert index is not None
    expected = {f"kapitler/{c.nummer}-{c.id}.html" for c in index.chapters}
    expected |= {f"anbefalinger/{r.id}.html" for r in index.recommendations}
    built = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert expected - built == set()
    assert not index.stories and not index.checklists and index.rules is None, "the example lacks these kinds"


def test_example_site_links_resolve(example_site: tuple[Path, Path]) -> None:
    _, site = example_site
    assert broken_links(site) == []


def test_example_site_has_no_words_of_our_guideline(example_site: tuple[Path, Path]) -> None:
    root, site = example_site
    legal = _yaml(root / "content" / "hjemler.yaml")["hjemler"]
    assert isinstance(legal, dict)
    citations = sorted({str(v["kilde"]).lower() for v in legal.values() if "kilde" in v}, key=len, reverse=True)
    found = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix not in (".html", ".json", ".csv") or rel.startswith(("assets/", "search/")):
            continue
        text = path.read_text(encoding="utf-8-sig").lower()
        for cited in citations:  # the checked legal registry may name any authority as the source of a date
            text = text.replace(cited, "")
        found += [f"{rel}: {word}" for word in OUR_WORDS if word.lower() in text]
    assert found == []


def test_front_page_offers_the_example_roles(example_site: tuple[Path, Path]) -> None:
    root, site = example_site
    collector = _Collector()
    collector.feed((site / "index.html").read_text(encoding="utf-8"))
    offered = {
        role
        for link in collector.links
        for value in parse_qs(urlsplit(link).query).get("malgruppe", [])
        for role in value.split(",")
    }
    index = run_check(root).index
    assert index is not None
    assert offered == {role.id for role in index.guideline.malgrupper}


def _in_git_work_tree(root: Path) -> bool:
    done = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-inside-work-tree"], capture_output=True)
    return done.returncode == 0


@pytest.mark.parametrize("root", EXAMPLES, ids=_ids)
def test_diff_reads_a_project_in_a_subfolder(root: Path) -> None:
    if not _in_git_work_tree(root):
        pytest.skip("not a git work tree")
    summary = summarise(root, "HEAD")
    assert summary.uleselige == []
