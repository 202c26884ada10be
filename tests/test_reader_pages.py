"""Reader pages built from data: role pages, grouped changes, strength filters and published links."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from conftest import MINI, REPO, copy_project, run_check
from kb_build.build import build
from kb_build.config import make_config
from kb_build.model import Change
from kb_build.render import listing, roles
from kb_build.resolve import SiteIndex


def _mini() -> SiteIndex:
    index = run_check(MINI).index
    assert index is not None
    return index


def test_role_page_gathers_duties_checklists_recommendations_and_stories() -> None:
    index = _mini()
    role = index.roles[0]
    page = roles.render(role, index)
    legal = index.legal["hol-7-1"]
    assert f'<a href="{legal.url}">{legal.label}</a>' in page
    assert "Ikke alle plikter er med." in page  # the role's own note on what the registry lacks
    assert 'href="../sjekklister/leder.html"' in page
    led = [r for r in index.recommendations if "leder" in r.malgruppe]
    assert f"{len(led)} anbefalinger gjelder for leder" in page
    assert all(f"../anbefalinger/{r.id}.html" in page for r in led)
    assert "../anbefalinger/index.html?malgruppe=leder" in page


def test_real_roles_cover_the_front_page_buttons_and_known_provisions() -> None:
    index = run_check(REPO, strict=True).index
    assert index is not None
    assert [r.navn for r in index.roles] == [
        "Leder",
        "Fastlege",
        "Koordinator",
        "Ansatt i kommunale tjenester",
        "Spesialisthelsetjenesten",
        "NAV, skole og barnevern",
    ]
    assert all(role.hjemler for role in index.roles)


def test_shared_change_is_written_once_with_every_recommendation() -> None:
    index = _mini()
    same = Change("2030-01-02", "Samme endring for alle.")
    recs = tuple(replace(r, endringer=(*r.endringer, same)) for r in index.recommendations)
    page = listing.render_changes(replace(index, recommendations=recs))
    assert page.count("Samme endring for alle.") == 1
    assert f"({len(recs)} anbefalinger)" in page


def test_strength_filter_offers_skal_and_ma_as_one_demand_choice() -> None:
    page = listing.render_all(_mini())
    assert 'value="krav" data-match="skal må"> Krav (skal/må)' in page
    assert 'value="skal"' not in page and 'value="må"' not in page


def _csv_links(site: Path) -> list[str]:
    raw = (site / "data/egenvurdering.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    column = rows[0].index("Lenke")
    return [row[column] for row in rows[1:]]


def test_self_assessment_links_are_absolute_when_the_site_address_is_known(tmp_path: Path) -> None:
    root = copy_project(MINI, tmp_path / "p")
    build(make_config(root))
    assert _csv_links(root / "site")[0] == "anbefalinger/1-1-plan.html"
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "site_url: https://veileder.example.invalid/sti/\n", "utf-8")
    build(make_config(root))
    assert _csv_links(root / "site")[0] == "https://veileder.example.invalid/sti/anbefalinger/1-1-plan.html"


def test_accessibility_statement_gives_the_publishers_own_address_first() -> None:
    from kb_build.render import about

    statement = _mini().accessibility
    assert statement is not None and statement.tilbakemelding is not None
    page = about.render_accessibility(statement, "https://github.com/eksempel/veileder-kb/issues")
    assert '<a href="mailto:nettredaksjon@eksempel.invalid">nettredaksjon@eksempel.invalid</a>' in page
    assert '<a href="https://eksempel.invalid/tilbakemelding">' in page
    assert "github.com" not in page  # the publisher's address replaces the issue list


def test_accessibility_statement_without_an_address_falls_back_to_the_issue_list() -> None:
    from kb_build.render import about

    statement = _mini().accessibility
    assert statement is not None
    issues = about.issue_list("https://github.com/eksempel/veileder-kb/edit/main/")
    assert issues == "https://github.com/eksempel/veileder-kb/issues"
    page = about.render_accessibility(replace(statement, tilbakemelding=None), issues)
    assert f'<a href="{issues}">{issues}</a>' in page and "mailto:" not in page
    assert about.issue_list(None) is None and about.issue_list("https://example.invalid/edit/") is None


def test_accessibility_statement_with_no_address_at_all_says_so_and_where_to_complain() -> None:
    from kb_build.render import about

    statement = _mini().accessibility
    assert statement is not None
    page = about.render_accessibility(replace(statement, tilbakemelding=None), None)
    assert "Nettstedet har ikke oppgitt noen adresse for tilbakemeldinger" in page
    assert "mailto:" not in page and "/issues" not in page
    assert statement.kontakt.split("?")[0] not in page  # no advice on what to write when there is nowhere to write
    # The complaint route is on every statement, with the real addresses.
    assert '<a href="https://www.diskrimineringsnemnda.no/">Diskrimineringsnemnda</a>' in page
    assert '<a href="https://www.uutilsynet.no/">Tilsynet for universell utforming av ikt</a>' in page


def test_our_accessibility_statement_invents_no_address() -> None:
    """Our own content has no feedback address yet; the statement must not make one up."""
    index = run_check(REPO).index
    assert index is not None and index.accessibility is not None
    assert index.accessibility.tilbakemelding is None
