"""Consultation responses in Chromium: comments kept in the browser, downloaded, merged by `kb-build horing samle`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from kb_build.build import build
from kb_build.cli import main
from kb_build.config import make_config
from test_editions import add_draft, make_repo

from .axe import violations
from .conftest import _serve

PLAN = 'Planen bør si hvem som "eier" den; og når den evalueres.\nAndre avsnitt.'
KOORDINATOR = "Koordinatoren bør få tid til oppgaven."
STRUKTUR = "Strukturen er lett å følge."
OTHER_FILE = (
    "\ufefforganisasjon;organisasjonstype;navn;gjelder;kommentartype;kommentar;dato\r\n"
    "Eksempel brukerforening;bruker- og pårørendeorganisasjon;;1-1-plan;støtte;Vi støtter planen.;2027-02-01\r\n"
)


@pytest.fixture(scope="module")
def draft_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("horing"))
    add_draft(repo)
    build(make_config(repo))
    return repo


@pytest.fixture(scope="module")
def draft_url(draft_site: Path) -> Iterator[str]:
    yield from _serve(draft_site / "site")


def comment(page: Page, text: str, kind: str) -> None:
    form = page.locator("form.kb-respond-form").first
    form.get_by_label("Type kommentar").select_option(kind)
    form.get_by_label("Kommentar", exact=True).fill(text)
    form.get_by_role("button", name="Lagre kommentaren").click()
    expect(form.get_by_role("status")).to_contain_text("Kommentaren er lagret i denne nettleseren")


def test_comments_are_kept_downloaded_and_merged(page: Page, draft_url: str, draft_site: Path, tmp_path: Path) -> None:
    page.goto(f"{draft_url}/horing/anbefalinger/1-1-plan.html")
    assert violations(page) == []
    comment(page, PLAN, "endringsforslag")

    # The second comment by keyboard only: type, Tab to the text, write, Tab to the button, Enter.
    page.goto(f"{draft_url}/horing/anbefalinger/1-2-koordinator-bor-tilbys.html")
    page.get_by_label("Type kommentar").focus()
    page.keyboard.press("End")  # the last choice, «annet»
    page.keyboard.press("Tab")
    page.keyboard.type(KOORDINATOR)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("form.kb-respond-form").get_by_role("status")).to_contain_text("Kommentaren er lagret")

    page.reload()
    saved = page.locator(".kb-respond-saved")
    expect(saved).to_contain_text(KOORDINATOR)
    expect(saved).to_contain_text("annet, skrevet ")
    page.goto(f"{draft_url}/horing/anbefalinger/1-1-plan.html")
    expect(page.locator(".kb-respond-saved")).to_contain_text("Andre avsnitt.")

    page.get_by_role("link", name="Mine høringssvar").first.click()
    assert page.url == f"{draft_url}/horing/horingssvar.html"
    mine = page.locator(".kb-respond-saved[data-kb-gjelder='']")
    expect(mine).to_contain_text("1.1 Kommunen skal ha en plan")
    expect(mine).to_contain_text(KOORDINATOR)

    # The download waits for who answers, and says what is missing.
    page.get_by_role("button", name="Last ned svarfilen (CSV)").click()
    expect(page.locator("[data-kb-status=nedlasting]")).to_contain_text("Fyll inn organisasjonen")
    expect(page.get_by_label("Organisasjon", exact=True)).to_be_focused()
    page.get_by_label("Organisasjon", exact=True).fill("Eksempel kommune; helse")
    page.get_by_label("Type organisasjon").select_option("kommune")
    page.get_by_label("Kontaktperson (kan stå tomt)").fill("Kari Eksempel")

    question = page.locator("form[data-kb-gjelder='generelt:struktur']")
    question.get_by_label("Kommentar", exact=True).fill(STRUKTUR)
    question.get_by_role("button", name="Lagre kommentaren").click()
    expect(mine).to_contain_text(STRUKTUR)
    assert violations(page) == []

    with page.expect_download() as info:
        page.get_by_role("button", name="Last ned svarfilen (CSV)").click()
    download = info.value
    assert download.suggested_filename == "horingssvar-eksempel-kommune-helse.csv"
    ours = tmp_path / download.suggested_filename
    download.save_as(ours)
    assert ours.read_bytes().startswith(b"\xef\xbb\xbforganisasjon;organisasjonstype;navn;gjelder;")

    theirs = tmp_path / "brukerforening.csv"
    theirs.write_text(OTHER_FILE, encoding="utf-8", newline="")
    out = tmp_path / "rapport"
    assert main(["--root", str(draft_site), "horing", "samle", str(ours), str(theirs), "--ut", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO((out / "horingssvar.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    found = {(r["gjelder"], r["organisasjon"], r["kommentartype"], r["kommentar"]) for r in rows}
    assert found == {
        ("1-1-plan", "Eksempel kommune; helse", "endringsforslag", PLAN),
        ("1-1-plan", "Eksempel brukerforening", "støtte", "Vi støtter planen."),
        ("1-2-koordinator-bor-tilbys", "Eksempel kommune; helse", "annet", KOORDINATOR),
        ("generelt:struktur", "Eksempel kommune; helse", "endringsforslag", STRUKTUR),
    }
    report = (out / "horingssvar.md").read_text(encoding="utf-8")
    assert "Eksempel kommune; helse" in report and "Eksempel brukerforening" in report


def test_deleting_a_comment_and_printing_shows_who_answers(page: Page, draft_url: str) -> None:
    page.goto(f"{draft_url}/horing/kapitler/1-forste.html")
    comment(page, "Kapitlet er for langt.", "innvending")
    page.goto(f"{draft_url}/horing/horingssvar.html")
    page.get_by_label("Organisasjon", exact=True).fill("<b>Eksempel</b>")
    page.get_by_label("Organisasjon", exact=True).press("Tab")
    # Text from the respondent is shown as text, never as markup.
    expect(page.locator(".kb-respond-who-print dd").first).to_have_text("<b>Eksempel</b>", use_inner_text=False)
    page.emulate_media(media="print")
    expect(page.locator(".kb-respond-who-print")).to_be_visible()
    expect(page.locator(".kb-respond-saved[data-kb-gjelder='']")).to_contain_text("Kapitlet er for langt.")
    expect(page.get_by_role("button", name="Last ned svarfilen (CSV)")).to_be_hidden()
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Last ned svarfilen (CSV)").click()
    expect(page.locator("[data-kb-status=nedlasting]")).to_contain_text("kan ikke inneholde < eller >")
    remove = page.get_by_role("button", name="Slett kommentaren (innvending) om Kapittel 1")
    page.once("dialog", lambda dialog: dialog.dismiss())  # changing one's mind keeps the comment
    remove.click()
    expect(page.locator(".kb-respond-saved[data-kb-gjelder='']")).to_contain_text("Kapitlet er for langt.")
    page.once("dialog", lambda dialog: dialog.accept())
    remove.click()
    expect(page.locator(".kb-respond-saved[data-kb-gjelder='']")).to_contain_text("Du har ikke skrevet noen")


def test_comments_are_kept_from_file_url(browser: Browser, draft_site: Path) -> None:
    context = browser.new_context(locale="nb-NO")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto((draft_site / "site" / "horing" / "anbefalinger" / "1-1-plan.html").as_uri())
        comment(page, "Fra fil.", "tillegg")
        page.reload()
        expect(page.locator(".kb-respond-saved")).to_contain_text("Fra fil.")
        assert errors == []
    finally:
        context.close()


def test_current_edition_has_no_response_form(page: Page, draft_url: str) -> None:
    page.goto(f"{draft_url}/anbefalinger/1-1-plan.html")
    expect(page.locator("form.kb-respond-form")).to_have_count(0)
    assert page.locator("script[src$='horing.js']").count() == 0
