"""The real guideline: complete, in official order, strengths right, legal basis present."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, TESTS, run_check
from kb_build.render import recommendation
from kb_build.resolve import TITLE_STRENGTH, SiteIndex


@pytest.fixture(scope="module")
def index() -> SiteIndex:
    result = run_check(REPO, strict=True)
    assert [p.format() for p in result.problems] == []
    assert result.index is not None
    return result.index


def _toc() -> list[tuple[str, list[str]]]:
    chapters: list[tuple[str, list[str]]] = []
    for line in (TESTS / "fixtures" / "toc.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") and line[2].isdigit():
            chapters.append((line[2:].split(" ", 1)[1], []))
        elif line and not line.startswith("#"):
            chapters[-1][1].append(line)
    return chapters


def test_check_strict_passes_with_zero_warnings(index: SiteIndex) -> None:
    assert len(index.chapters) == 9


def test_table_of_contents_matches_the_guideline(index: SiteIndex) -> None:
    ours = [(c.tittel, [s.tittel for s in c.seksjoner]) for c in index.chapters]
    assert ours == _toc()


def test_every_section_explains_itself_at_some_length(index: SiteIndex) -> None:
    """A guard against placeholder text: each section says what it means, who does what and how."""
    short = {s.nummer: n for c in index.chapters for s in c.seksjoner if (n := len(s.tekst.split())) < 100}
    assert short == {}
    assert all(len(c.ingress.split()) >= 60 for c in index.chapters)


def test_every_heading_with_a_strength_verb_has_a_recommendation(index: SiteIndex) -> None:
    titled = {r.tittel for r in index.recommendations if r.art == "anbefaling"}
    verbs = {"skal", "må", "bør"}
    for _chapter, sections in _toc():
        for heading in sections:
            verb = TITLE_STRENGTH.search(heading)
            if verb and verb.group(1).lower() in verbs:
                assert heading in titled, heading


def test_strength_matches_the_title_verb(index: SiteIndex) -> None:
    for rec in index.recommendations:
        if rec.art != "anbefaling":
            continue
        verb = TITLE_STRENGTH.search(rec.tittel)
        assert verb is not None, f"{rec.id}: the title states no strength"
        assert verb.group(1).lower() == rec.styrke, rec.id


def test_skal_and_ma_rest_on_law_or_a_stated_professional_basis(index: SiteIndex) -> None:
    for rec in index.recommendations:
        if rec.styrke in ("skal", "må"):
            assert rec.hjemmel or rec.faglig_grunnlag, rec.id


def test_examples_we_added_carry_no_strength_of_the_guideline(index: SiteIndex) -> None:
    added = [r for r in index.recommendations if r.art == "eksempel"]
    assert added and all(r.styrke is None and r.label == "eksempel" for r in added)


LEGAL_DUTIES_OF_THE_COORDINATOR = ("hol-7-3", "pbrl-2-5b")
"""Provisions that state the coordinator's duties in law (issue 14: never under a «Kan» badge)."""


def test_no_legal_duty_of_the_coordinator_is_labelled_kan(index: SiteIndex) -> None:
    citing = [r for r in index.recommendations if set(r.hjemmel) & set(LEGAL_DUTIES_OF_THE_COORDINATOR)]
    assert citing, "no statement cites the coordinator's duties"
    assert [r.id for r in citing if r.label == "kan"] == []
    duties = index.by_id["7-4-koordinatorens-oppgaver"]
    assert duties.art == "lovkrav" and duties.styrke is None
    page = recommendation.render(duties, index)
    assert "kb-badge--lovkrav" in page and ">Lovkrav<" in page
    assert "kb-badge--kan" not in page.split('id="relatert"')[0]  # related items below carry their own badges


def test_legal_urls_point_at_lovdata_paragraphs(index: SiteIndex) -> None:
    for src in index.legal.values():
        if src.paragraf is None:  # a whole regulation whose Lovdata id is not verified: a search
            assert src.url.startswith("https://lovdata.no/sok?q="), src.key
            continue
        number = src.paragraf.removeprefix("§ ").replace(" ", "")
        assert src.url.endswith(f"/§{number}"), src.key
        assert re.match(r"https://lovdata\.no/(lov|forskrift)/", src.url)


def test_every_date_of_change_names_its_source(index: SiteIndex) -> None:
    dated = [src for src in index.legal.values() if src.endret]
    assert dated
    for src in dated:
        assert src.endret_ved and src.kilde, src.key
        assert re.search(r"[A-ZÆØÅ]", src.kilde), src.key  # names a document, not just a date


def test_every_legal_source_is_used(index: SiteIndex) -> None:
    used = {k for r in index.recommendations for k in r.hjemmel}
    if index.rules:
        used |= {k for rule in index.rules.regler for k in rule.hjemler}
    assert set(index.legal) == used


def test_provisions_changed_in_2022_flag_older_reviews(index: SiteIndex) -> None:
    changed = {k for k, s in index.legal.items() if s.endret == "2022-08-01"}
    for rec in index.recommendations:
        cites = changed & set(rec.hjemmel)
        if cites and rec.sist_vurdert < "2022-08-01":
            assert rec.id in index.review_flags, rec.id


def test_recommendations_flagged_for_revision_are_the_reviewed_list() -> None:
    """The count a reader sees on the revision page; a change here needs a look at the sources."""
    index = run_check(REPO).index
    assert index is not None
    assert sorted(index.review_flags) == [
        "3-1-myndiggjorte-pasienter-og-brukere",
        "5-3-kompetanse-pa-tvers",
        "5-4-kompetanseutveksling-helseforetak-og-kommuner",
        "6-2-tydelig-hvor-behov-skal-meldes",
        "6-5-tverrfaglig-utredning",
        "6-6-rask-avklaring-ved-fare-for-langtidsfravaer",
        "6-7-samarbeid-med-tannhelsetjenesten",
        "6-8-samarbeid-om-barn-og-unge-i-utdanning",
        "7-2-individuell-plan-som-felles-plan",
        "7-4-koordinatorens-oppgaver",
        "7-7-nodvendige-spesialisthelsetjenester",
        "8-2-identifisere-grupper-for-helhetlige-forlop",
    ]


def test_recommendations_on_individual_plan_cite_the_common_regulation(index: SiteIndex) -> None:
    plan_provisions = {"pbrl-2-5", "hol-7-1", "sphl-2-5", "navl-15"}
    citing = [r for r in index.recommendations if plan_provisions & set(r.hjemmel)]
    assert citing
    for rec in citing:
        assert "forskrift-ip" in rec.hjemmel, rec.id


def test_every_recommendation_has_known_references(index: SiteIndex) -> None:
    for rec in index.recommendations:
        assert rec.referanser, f"{rec.id} has no referanser"
        assert set(rec.referanser) <= set(index.references), rec.id
    official = next(k for k, r in index.references.items() if r.url == index.guideline.offisiell_url)
    assert all(official in r.referanser for r in index.recommendations)


def test_every_reference_is_used(index: SiteIndex) -> None:
    assert set(index.references) == {k for r in index.recommendations for k in r.referanser}


def test_stories_cover_all_criteria_roles_and_ages(index: SiteIndex) -> None:
    assert len(index.stories) >= 10
    assert {k.id for k in index.target.kriterier} <= {k for s in index.stories for k in s.kriterier}
    assert {"barn", "ungdom", "voksen", "eldre"} <= {s.aldersgruppe for s in index.stories}
    assert all(3 <= len(s.sporsmal) <= 6 for s in index.stories)


def test_checklists_per_role_and_step(index: SiteIndex) -> None:
    roles = {c.rolle for c in index.checklists if c.type == "rolle"}
    assert {"leder", "koordinator", "fastlege", "oppfolgingsteam"} <= roles
    assert len([c for c in index.checklists if c.type == "prosess"]) >= 5


def test_published_export_holds_every_recommendation_and_validates(real_site: Path) -> None:
    import json

    from jsonschema import Draft202012Validator

    data = json.loads((real_site / "data/anbefalinger.json").read_text(encoding="utf-8"))
    schema = json.loads((real_site / "schema/eksport-anbefalinger.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(data)] == []
    index = run_check(REPO).index
    assert index is not None
    assert [a["id"] for a in data["anbefalinger"]] == [r.id for r in index.recommendations]
    assert all((real_site / a["url"]).is_file() for a in data["anbefalinger"])


def test_self_assessment_csv_has_one_row_per_recommendation(real_site: Path) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO((real_site / "data/egenvurdering.csv").read_text("utf-8-sig")), delimiter=";"))
    index = run_check(REPO).index
    assert index is not None
    assert len(rows) == 1 + len(index.recommendations)
    assert any("må" in r[5] or "bør" in r[5] for r in rows[1:])
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["7-4-koordinatorens-oppgaver"][4:6] == ["Lovkrav", ""]
    assert {r[6] for r in rows[1:]} == {"Ja", "Nei"} and rows[0][6] == "Til revisjon"
    assert "Kommunens ledelse skal sikre et system for å identifisere risiko og behov for tjenester" in {
        r[3] for r in rows
    }


def test_search_results_name_the_kind_and_status(real_site: Path) -> None:
    import json

    docs = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    lead = {d["location"]: d["text"].split("</p>")[0] for d in docs if d["location"].startswith("anbefalinger/")}
    assert lead["anbefalinger/7-4-koordinatorens-oppgaver.html"].startswith("<p>Lovkrav 7.4 · til revisjon · ")
    assert lead["anbefalinger/7-2-individuell-plan-som-felles-plan.html"].startswith("<p>Eksempel (denne utgaven) 7.2")
    assert lead["anbefalinger/6-1-system-for-a-identifisere-risiko.html"].startswith("<p>Anbefaling 6.1 · skal")
