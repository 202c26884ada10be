"""Open data: the export validates against its published schema; CSV opens in Norwegian Excel."""

from __future__ import annotations

import csv
import io
import json

from jsonschema import Draft202012Validator

from conftest import MINI, REPO, run_check
from kb_build import export
from kb_build.schemas import Schemas


def _exports() -> dict[str, str | bytes]:
    index = run_check(MINI).index
    assert index is not None
    return {export.RECOMMENDATIONS: export.recommendations_json(index), **export.render_exports(index)}


def test_recommendations_export_validates_against_published_schema() -> None:
    data = json.loads(_exports()[export.RECOMMENDATIONS])
    schema = Schemas(REPO / "schema").documents["eksport-anbefalinger.schema.json"]
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(data)] == []
    assert [a["id"] for a in data["anbefalinger"]] == [
        "1-1-plan",
        "1-2-koordinator-bor-tilbys",
        "1-2-koordinator-kan-lede",
    ]
    assert data["veileder"]["kilde_lisens"]["navn"].startswith("Norsk lisens for offentlige data")
    plan = data["anbefalinger"][0]
    assert plan["url"] == "anbefalinger/1-1-plan.html"
    assert plan["hjemmel"][0] == {
        "nøkkel": "lkf-6",
        "lov": "forskrift om ledelse og kvalitetsforbedring i helse- og omsorgstjenesten",
        "paragraf": "§ 6",
        "tittel": "Plikten til å planlegge",
        "url": "https://lovdata.no/forskrift/2016-10-28-1250/§6",
        "endret": "2016-01-01",
        "endret_kilde": "Fiktiv kilde brukt i testdata",
    }
    assert [(r["nøkkel"], r["år"]) for r in plan["referanser"]] == [("mini-veileder", 2017), ("mini-rundskriv", None)]
    assert data["anbefalinger"][1]["referanser"] == []
    assert data["anbefalinger"][1]["til_revisjon"] == [
        {"nøkkel": "hol-7-2", "endret": "2022-08-01", "kilde": "Fiktiv kilde brukt i testdata"}
    ]
    kinds = [(a["art"], a["styrke"], a["merke"]) for a in data["anbefalinger"]]
    assert kinds == [
        ("anbefaling", "skal", "Skal"),
        ("anbefaling", "bør", "Bør"),
        ("eksempel", None, "Eksempel (denne utgaven)"),
    ]


def test_export_is_deterministic() -> None:
    assert _exports() == _exports()


def test_self_assessment_csv_reads_back_with_semicolons() -> None:
    raw = _exports()[export.SELF_ASSESSMENT]
    assert isinstance(raw, bytes) and raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:7] == ["ID", "Kapittel", "Seksjon", "Tittel", "Hva slags utsagn", "Styrke", "Til revisjon"]
    assert rows[0][-4:] == [
        "Status hos oss (Innført / Delvis innført / Ikke innført / Ikke relevant)",
        "Ansvarlig",
        "Tiltak",
        "Frist",
    ]
    assert len(rows) == 1 + 3
    assert rows[3][3] == "Koordinatoren kan lede teammøtene"
    # The kind of statement and the review flag have their own columns, so a sheet never passes off
    # this edition's example as the guideline's «kan» or hides that a cited provision has changed.
    assert [r[4:7] for r in rows[1:]] == [
        ["Veilederens anbefaling", "skal", "Nei"],
        ["Veilederens anbefaling", "bør", "Ja"],
        ["Eksempel fra denne utgaven", "", "Nei"],
    ]
    assert all(len(r) == len(rows[0]) for r in rows)
