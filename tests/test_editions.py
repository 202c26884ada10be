"""Editions: an earlier edition is built from its git tag, cached, and published under /utgaver/."""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import MINI, copy_project, run_check
from kb_build import editions
from kb_build.build import build
from kb_build.cli import main
from kb_build.compare import word_diff
from kb_build.config import make_config
from kb_build.errors import ContentError
from test_site_links import broken_links

OLD_TEXT = "Planen beskriver hvem som gjør hva."
NEW_TEXT = "Planen beskriver hvem som gjør hva, og når den evalueres."
TWO_EDITIONS = (
    "utgaver:\n"
    '  - versjon: "2.0"\n    dato: "2026-11-24"\n    status: gjeldende\n    beskrivelse: Ny plantekst.\n'
    '  - versjon: "1.0"\n    dato: "2025-01-15"\n    status: tidligere\n    ref: v1.0\n'
    "    beskrivelse: Første utgave.\n"
)
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def make_repo(tmp_path: Path) -> Path:
    """A guideline in its own git repository: edition 1.0 tagged v1.0, then edition 2.0 in the work tree.

    Edition 1.0 has a second story that 2.0 drops, so one page of 1.0 has no namesake in 2.0.
    """
    root = copy_project(MINI, tmp_path / "veileder")
    (root / ".gitignore").write_text("site/\n.kb-cache/\n")
    # Edition 1.0 predates editions: no utgaver.yaml, and no schema for it either.
    (root / "content" / "utgaver.yaml").unlink()
    editions_schema = root / "schema" / "utgaver.schema.json"
    saved_schema = editions_schema.read_bytes()
    editions_schema.unlink()
    aina = (root / "content" / "historier" / "aina.yaml").read_text(encoding="utf-8")
    (root / "content" / "historier" / "ola.yaml").write_text(aina.replace("id: aina", "id: ola"), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Edition 1.0")
    git(root, "tag", "v1.0")
    plan = root / "recommendations" / "kapittel-01" / "1-1-plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(OLD_TEXT, NEW_TEXT), encoding="utf-8")
    (root / "content" / "historier" / "ola.yaml").unlink()
    (root / "content" / "utgaver.yaml").write_text(TWO_EDITIONS, encoding="utf-8")
    editions_schema.write_bytes(saved_schema)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Edition 2.0")
    git(root, "tag", "v2.0")
    return root


def test_both_editions_are_published_and_linked(repo: Path) -> None:
    build(make_config(repo))
    site = repo / "site"
    current = (site / "anbefalinger" / "1-1-plan.html").read_text(encoding="utf-8")
    old = (site / "utgaver" / "1.0" / "anbefalinger" / "1-1-plan.html").read_text(encoding="utf-8")
    assert NEW_TEXT in current and "kb-edition-banner" not in current
    assert OLD_TEXT in old and NEW_TEXT not in old

    # The banner names the edition and leads to the same recommendation in the current edition.
    assert "Dette er utgave 1.0 fra 15. januar 2025" in old
    assert re.search(
        r'<a href="\.\./\.\./\.\./anbefalinger/1-1-plan\.html">Les denne siden i gjeldende utgave</a>', old
    )
    story = (site / "utgaver" / "1.0" / "historier" / "ola.html").read_text(encoding="utf-8")
    assert "Siden finnes ikke i gjeldende utgave" in story
    assert not (site / "historier" / "ola.html").exists()

    listing = (site / "utgaver" / "index.html").read_text(encoding="utf-8")
    assert '<a href="1.0/index.html">Utgave 1.0</a>' in listing
    assert "Du leser utgave 2.0" in listing
    assert broken_links(site) == []

    entries = ET.parse(site / "endringer.xml").getroot().iter("{http://www.w3.org/2005/Atom}entry")
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in entries]
    assert "Utgave 2.0 er publisert" in titles and "Utgave 1.0 ble publisert" in titles

    exported = json.loads((site / "data" / "anbefalinger.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "schema" / "eksport-anbefalinger.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(exported)
    listed = {e["versjon"]: (e["status"], e["url"]) for e in exported["veileder"]["utgaver"]}
    assert listed == {"2.0": ("gjeldende", "index.html"), "1.0": ("tidligere", "utgaver/1.0/index.html")}
    assert all((site / url).is_file() for _, url in listed.values())

    assert git(repo, "status", "--porcelain") == "", "the build must not touch the work tree"


def test_earlier_edition_is_built_once_and_then_cached(repo: Path) -> None:
    build(make_config(repo))
    cache = repo / editions.CACHE
    entries = sorted(cache.iterdir())
    assert len(entries) == 1
    stamp = (entries[0] / "site" / "index.html").stat().st_mtime_ns

    result = run_check(repo)
    assert result.index is not None
    again = editions.build_earlier(make_config(repo), result.index)
    assert [(b.edition.versjon, b.cached) for b in again] == [("1.0", True)]

    plan = repo / "recommendations" / "kapittel-01" / "1-1-plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(NEW_TEXT, "Ny tekst i arbeid."), encoding="utf-8")
    build(make_config(repo))  # a change to the current edition leaves earlier ones cached
    assert sorted(cache.iterdir()) == entries
    assert (entries[0] / "site" / "index.html").stat().st_mtime_ns == stamp
    assert (repo / "site" / "utgaver" / "1.0" / "index.html").is_file()


def test_unknown_ref_is_a_content_problem_and_keeps_the_previous_site(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(make_config(repo))
    before = (repo / "site" / "index.html").read_bytes()
    editions_file = repo / "content" / "utgaver.yaml"
    editions_file.write_text(TWO_EDITIONS.replace("ref: v1.0", "ref: v9.9"), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        build(make_config(repo))
    assert [p.format() for p in exc.value.problems] == [
        "content/utgaver.yaml:6:5: $.utgaver[1]: utgave 1.0 kan ikke bygges: fant ikke git-referansen «v9.9»"
    ]
    assert main(["--root", str(repo), "build"]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert (repo / "site" / "index.html").read_bytes() == before


DRAFT_TEXT = "Planen beskriver hvem som gjør hva, og hvordan personen selv er med."
DRAFT = (
    '  - versjon: "3.0"\n    dato: "2027-01-10"\n    status: høringsutkast\n    ref: horing-3\n'
    '    frist: "2027-04-01"\n'
    "    sporsmal:\n"
    "      - id: struktur\n        tittel: Hva mener dere om strukturen i veilederen?\n"
    "      - id: implementering\n        tittel: Hvordan kan veilederen gjøres kjent og tas i bruk?\n"
)


def add_draft(repo: Path) -> None:
    """A consultation draft on branch horing-3, declared in the current edition's utgaver.yaml."""
    git(repo, "switch", "-q", "-c", "horing-3")
    plan = repo / "recommendations" / "kapittel-01" / "1-1-plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(NEW_TEXT, DRAFT_TEXT), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Draft 3.0")
    git(repo, "switch", "-q", "main")
    (repo / "content" / "utgaver.yaml").write_text(
        TWO_EDITIONS.replace("utgaver:\n", "utgaver:\n" + DRAFT), encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "Send 3.0 on consultation")


def test_draft_is_published_at_horing_beside_the_current_edition(repo: Path) -> None:
    add_draft(repo)
    build(make_config(repo))
    site = repo / "site"
    draft = (site / "horing" / "anbefalinger" / "1-1-plan.html").read_text(encoding="utf-8")
    assert DRAFT_TEXT in draft
    assert "Dette er utkastet til utgave 3.0, på høring til og med 1. april 2027" in draft
    assert '<a href="../../anbefalinger/1-1-plan.html">Les denne siden i gjeldende utgave</a>' in draft
    assert NEW_TEXT in (site / "anbefalinger" / "1-1-plan.html").read_text(encoding="utf-8")
    listing = (site / "utgaver" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../horing/index.html">Les høringsutkastet</a>' in listing
    assert '<a href="endringer-i-utkastet.html">se hva som endres</a>' in listing

    diff = (site / "utgaver" / "endringer-i-utkastet.html").read_text(encoding="utf-8")
    assert "0 nye, 1 endrede og 0 fjernede anbefalinger." in diff
    assert "<dt>Tekst</dt>" in diff and "<dt>Styrke</dt>" not in diff
    hidden = '<span class="kb-visually-hidden">'
    assert f"<del>{hidden}[fjernet: </span>når den evalueres{hidden}]</span></del>" in diff
    assert f"<ins>{hidden}[lagt til: </span>hvordan personen selv er med{hidden}]</span></ins>." in diff
    assert broken_links(site) == []


def test_word_diff_keeps_words_whole_and_in_order() -> None:
    pieces = [
        (p.kind, p.text) for p in word_diff("Kommunen bør lage en plan.", "Kommunen skal lage en skriftlig plan.")
    ]
    assert pieces == [
        ("lik", "Kommunen "),
        ("fjernet", "bør "),
        ("lagt_til", "skal "),
        ("lik", "lage en "),
        ("lagt_til", "skriftlig "),
        ("lik", "plan."),
    ]


def test_word_diff_separates_punctuation_from_words_but_not_inside_them() -> None:
    pieces = [(p.kind, p.text) for p in word_diff("Se § 7-1 og kap. 7.1.", "Se § 7-2, og kap. 7.1 her.")]
    assert pieces == [
        ("lik", "Se § "),
        ("fjernet", "7-1 "),
        ("lagt_til", "7-2, "),
        ("lik", "og kap. 7.1 "),
        ("lagt_til", "her"),
        ("lik", "."),
    ]


def test_one_edition_lists_no_earlier_ones(mini_site: Path) -> None:
    page = (mini_site / "utgaver" / "index.html").read_text(encoding="utf-8")
    assert "Det finnes ingen tidligere utgaver." in page
    assert not (mini_site / "utgaver" / "1.0").exists()


def test_earlier_edition_outside_git_is_explained(tmp_path: Path) -> None:
    root = copy_project(MINI, tmp_path / "uten-git")
    (root / "content" / "utgaver.yaml").write_text(TWO_EDITIONS, encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        build(make_config(root))
    assert [p.message for p in exc.value.problems] == [
        "utgave 1.0 kan ikke bygges: prosjektet ligger ikke i et git-lager, og tidligere utgaver bygges fra git"
    ]


def test_current_edition_shows_what_changed_since_the_previous_one(repo: Path) -> None:
    build(make_config(repo))
    site = repo / "site"
    hidden = '<span class="kb-visually-hidden">'
    page = (site / "anbefalinger" / "1-1-plan.html").read_text(encoding="utf-8")
    assert '<h2 id="endret-siden-forrige-utgave">Endret siden utgave 1.0' in page
    assert '<a href="../utgaver/1.0/anbefalinger/1-1-plan.html">utgave 1.0</a> fra 15. januar 2025' in page
    # Only the added clause is marked: the word before it and the full stop after it are unchanged.
    assert f"gjør hva<ins>{hidden}[lagt til: </span>, og når den evalueres{hidden}]</span></ins>." in page
    assert "<del>" not in page.split('id="endret-siden-forrige-utgave"')[1]
    unchanged = (site / "anbefalinger" / "1-2-koordinator-bor-tilbys.html").read_text(encoding="utf-8")
    assert "endret-siden-forrige-utgave" not in unchanged

    whole = (site / "utgaver" / "endringer-i-denne-utgaven.html").read_text(encoding="utf-8")
    assert "Utgave 2.0 sammenlignet med utgave 1.0 fra 15. januar 2025" in whole
    assert "0 nye, 1 endrede og 0 fjernede anbefalinger." in whole
    assert '<a href="../anbefalinger/1-1-plan.html">i utgave 2.0</a>' in whole
    assert '<a href="1.0/anbefalinger/1-1-plan.html">i utgave 1.0</a>' in whole
    listing = (site / "utgaver" / "index.html").read_text(encoding="utf-8")
    assert '<a href="endringer-i-denne-utgaven.html">Se hva som er endret i utgave 2.0</a>' in listing
    # The earlier edition is shown as it was: no diff against an edition that came before it.
    assert "endret-siden-forrige-utgave" not in (site / "utgaver" / "1.0" / "anbefalinger" / "1-1-plan.html").read_text(
        encoding="utf-8"
    )


def test_draft_pages_have_response_forms_and_the_current_edition_none(repo: Path) -> None:
    add_draft(repo)
    build(make_config(repo))
    site = repo / "site"
    draft = (site / "horing" / "anbefalinger" / "1-1-plan.html").read_text(encoding="utf-8")
    assert 'data-kb-gjelder="1-1-plan" data-kb-tittel="1.1 Kommunen skal ha en plan"' in draft
    assert '<script src="../assets/horing.js" defer></script>' in draft
    assert (site / "horing" / "assets" / "horing.js").is_file()
    chapter = (site / "horing" / "kapitler" / "1-forste.html").read_text(encoding="utf-8")
    assert 'data-kb-gjelder="kapittel:forste"' in chapter
    mine = (site / "horing" / "horingssvar.html").read_text(encoding="utf-8")
    assert 'data-kb-gjelder="generelt:struktur"' in mine and 'data-kb-gjelder="generelt:implementering"' in mine
    assert '<option value="bruker- og pårørendeorganisasjon">' in mine
    for page in (site / "anbefalinger" / "1-1-plan.html", site / "kapitler" / "1-forste.html"):
        assert not re.search(r'class="[^"]*kb-respond', page.read_text(encoding="utf-8"))
    assert not (site / "horingssvar.html").exists()
