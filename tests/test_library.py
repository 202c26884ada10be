"""A library: several guidelines on one site, each under its own path, with a front page and combined search.

The example library (examples/bibliotek/) holds our guideline and the example guideline; the
published site stays our guideline alone, built by ``kb-build build`` at the root as before.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINI, REPO, copy_project
from kb_build.cli import main
from kb_build.library import build_library
from kb_build.render.library import SEARCH_INDEX
from kb_build.write import SITE_MARKER
from test_site_links import _Collector, broken_links
from test_site_safety import _digest

LIBRARY = REPO / "examples" / "bibliotek"


@pytest.fixture(scope="module")
def library_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example library, built strictly once for this module."""
    site = tmp_path_factory.mktemp("bibliotek") / "site"
    built = build_library(LIBRARY, site, strict=True)
    assert [b.sti for b in built] == ["oppfolging", "utskrivning"]
    return site


def _links(page: Path) -> list[str]:
    collector = _Collector()
    collector.feed(page.read_text(encoding="utf-8"))
    return collector.links


def _search_data(site: Path) -> dict[str, object]:
    text = (site / SEARCH_INDEX).read_text(encoding="utf-8")
    prefix = "window.kbBibliotekSok = "
    assert text.startswith(prefix) and text.endswith(";\n")
    data = json.loads(text.removeprefix(prefix).removesuffix(";\n"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    "page",
    [
        "oppfolging/index.html",
        "oppfolging/anbefalinger/3-1-myndiggjorte-pasienter-og-brukere.html",
        "oppfolging/data/anbefalinger.json",
        "oppfolging/data/egenvurdering.csv",
        "oppfolging/search/search_index.json",
        "utskrivning/index.html",
        "utskrivning/data/anbefalinger.json",
        "utskrivning/data/egenvurdering.csv",
        "utskrivning/search/search_index.json",
    ],
)
def test_each_guideline_is_under_its_own_path(library_site: Path, page: str) -> None:
    assert (library_site / page).is_file()


def test_front_page_links_to_every_guideline_and_its_exports(library_site: Path) -> None:
    front = library_site / "index.html"
    text = front.read_text(encoding="utf-8")
    assert '<html lang="nb">' in text
    links = _links(front)
    for sti in ("oppfolging", "utskrivning"):
        for target in ("index.html", "apne-data.html", "egenvurdering.html", "data/egenvurdering.csv"):
            assert f"{sti}/{target}" in links
    assert "Oppfølging av personer med store og sammensatte behov" in text
    assert "Eksempelkommunen" in text  # each guideline's publisher


@pytest.mark.parametrize(
    ("page", "href"),
    [
        ("oppfolging/index.html", "./../index.html"),
        ("utskrivning/anbefalinger/index.html", "../../index.html"),
        ("oppfolging/anbefalinger/7-4-koordinatorens-oppgaver.html", "../../index.html"),
    ],
)
def test_every_guideline_page_leads_back_to_the_library(library_site: Path, page: str, href: str) -> None:
    text = (library_site / page).read_text(encoding="utf-8")
    assert f'<p class="kb-library-link"><a href="{href}">Alle veiledere i ' in text
    target = (library_site / page).parent / href
    assert target.resolve() == (library_site / "index.html").resolve()


def test_a_guideline_built_alone_has_no_library_link(real_site: Path) -> None:
    assert 'class="kb-library-link"' not in (real_site / "index.html").read_text(encoding="utf-8")


def test_whole_library_site_has_no_broken_links(library_site: Path) -> None:
    assert broken_links(library_site) == []


def test_library_makes_no_request_to_other_hosts(library_site: Path) -> None:
    for name in ("index.html", "bibliotek.js", "bibliotek.css"):
        text = (library_site / name).read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text, name


def test_search_index_holds_both_guidelines_with_their_own_paths(library_site: Path) -> None:
    data = _search_data(library_site)
    guidelines = data["veiledere"]
    docs = data["dokumenter"]
    assert isinstance(guidelines, list) and isinstance(docs, list)
    assert [g["sti"] for g in guidelines] == ["oppfolging", "utskrivning"]
    by_guideline = {0: 0, 1: 0}
    for number, location, _title, _text, _hidden in docs:
        by_guideline[number] += 1
        assert location.startswith(guidelines[number]["sti"] + "/")
        page = location.split("#")[0]
        assert (library_site / page).is_file() or (library_site / page / "index.html").is_file(), location
    assert all(by_guideline.values()), by_guideline
    assert any("§" in hidden for *_, hidden in docs)  # a provision finds the recommendations citing it


def test_published_site_stays_our_guideline_alone(real_site: Path) -> None:
    """The library is an example: the project's own build has no library files, and today's URLs hold."""
    assert not (REPO / "bibliotek.yaml").exists()
    assert not [*real_site.rglob("bibliotek.*"), *real_site.rglob("sok-indeks.js")]
    assert (real_site / "anbefalinger" / "3-1-myndiggjorte-pasienter-og-brukere.html").is_file()
    assert not (real_site / "oppfolging").exists()


def _mini_library(tmp_path: Path) -> Path:
    copy_project(MINI, tmp_path / "veileder")
    root = tmp_path / "bibliotek"
    root.mkdir()
    (root / "bibliotek.yaml").write_text(
        "tittel: Prøvebibliotek\ningress: To veiledere.\nveiledere:\n  - prosjekt: ../veileder\n    sti: mini\n",
        encoding="utf-8",
    )
    return root


def test_failed_guideline_build_leaves_previous_library_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _mini_library(tmp_path)
    assert main(["--root", str(root), "bibliotek", "build"]) == 0
    site = root / "site"
    assert (site / SITE_MARKER).is_file() and (site / "mini" / "index.html").is_file()
    before = _digest(site)
    chapter = tmp_path / "veileder" / "content" / "kapitler" / "kapittel-01.yaml"
    chapter.write_text("nummer: [\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root), "bibliotek", "build"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "../veileder/content/kapitler/kapittel-01.yaml:" in err  # the path from the library folder
    assert _digest(site) == before
    assert sorted(p.name for p in root.iterdir()) == ["bibliotek.yaml", "site"]  # no scratch folder left


def test_library_never_overwrites_a_folder_it_did_not_make(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _mini_library(tmp_path)
    theirs = root / "site"
    theirs.mkdir()
    (theirs / "notater.txt").write_text("mine", encoding="utf-8")
    assert main(["--root", str(root), "bibliotek", "build"]) == 2
    err = capsys.readouterr().err
    assert "ikke har laget" in err and "Traceback" not in err
    assert [p.name for p in theirs.iterdir()] == ["notater.txt"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "tittel: B\ningress: I\nveiledere:\n  - prosjekt: ../veileder\n    sti: Mini\n",
            "bibliotek.yaml:5:10: $.veiledere[0].sti:",
        ),
        (
            "tittel: B\ningress: I\nveiledere:\n  - prosjekt: ../finnes-ikke\n    sti: mini\n",
            "bibliotek.yaml:4:15: $.veiledere[0].prosjekt: ../finnes-ikke er ikke en veiledermappe",
        ),
        (
            "tittel: B\ningress: I\nveiledere:\n  - prosjekt: ../veileder\n    sti: mini\n"
            "  - prosjekt: ../veileder\n    sti: mini\n",
            "bibliotek.yaml:7:10: $.veiledere[1].sti: stien «mini» er brukt av en veileder lenger opp",
        ),
        ("tittel: B\ningres: I\nveiledere: []\n", "bibliotek.yaml:2:1: $.ingres:"),
    ],
)
def test_library_file_errors_have_positions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    root = _mini_library(tmp_path)
    (root / "bibliotek.yaml").write_text(text, encoding="utf-8")
    assert main(["--root", str(root), "bibliotek", "build"]) == 1
    err = capsys.readouterr().err
    assert expected in err, err
    assert "Traceback" not in err
    assert not (root / "site").exists()


def test_folder_without_library_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(tmp_path), "bibliotek", "build"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kb-build: ") and "bibliotek.yaml" in err and len(err.splitlines()) == 1


@pytest.mark.validator
def test_front_page_html_is_valid(library_site: Path, tmp_path: Path) -> None:
    """The front page is the library's own HTML; the guidelines' pages are checked in test_html_valid."""
    from test_html_valid import unexpected_errors

    (tmp_path / "index.html").write_bytes((library_site / "index.html").read_bytes())
    assert unexpected_errors(tmp_path) == []
