"""An earlier recommendation URL keeps working: a small page there sends the reader on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb_build.cli import main


def test_earlier_id_gets_a_redirect_page(mini_site: Path) -> None:
    page = (mini_site / "anbefalinger/1-2-koordinator-tidlig.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=1-2-koordinator-bor-tilbys.html">' in page
    assert '<link rel="canonical" href="1-2-koordinator-bor-tilbys.html">' in page
    assert '<a href="1-2-koordinator-bor-tilbys.html">Koordinator bør tilbys tidlig</a>' in page
    assert '<meta name="robots" content="noindex">' in page
    assert (mini_site / "anbefalinger/1-2-koordinator-bor-tilbys.html").is_file()
    assert not re.search(r"(?:href|url)=(?:https?:)?//", page), "relative, so it works from file:// and any host"


def test_redirect_page_is_not_in_search_or_sitemap(mini_site: Path) -> None:
    assert "1-2-koordinator-tidlig" not in (mini_site / "search/search_index.json").read_text(encoding="utf-8")
    assert "1-2-koordinator-tidlig" not in (mini_site / "sitemap.xml").read_text(encoding="utf-8")


def test_title_is_escaped_in_the_redirect_page(project: Path, tmp_path: Path) -> None:
    rec = project / "recommendations/kapittel-01/1-2-koordinator-bor-tilbys.yaml"
    rec.write_text(
        rec.read_text(encoding="utf-8").replace(
            "tittel: Koordinator bør tilbys tidlig", 'tittel: "Koordinator bør tilbys «tidlig» & \\"raskt\\""'
        ),
        encoding="utf-8",
    )
    assert main(["--root", str(project), "build", "--site-dir", str(tmp_path / "s")]) == 0
    page = (tmp_path / "s/anbefalinger/1-2-koordinator-tidlig.html").read_text(encoding="utf-8")
    assert "Koordinator bør tilbys «tidlig» &amp; &#34;raskt&#34;</a>" in page


def test_reference_to_an_earlier_id_names_the_new_one(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rec = project / "recommendations/kapittel-01/1-2-koordinator-kan-lede.yaml"
    text = rec.read_text(encoding="utf-8").replace("id: 1-2-koordinator-kan-lede", "id: 1-2-koordinator-leder-moter")
    rec.unlink()
    (rec.parent / "1-2-koordinator-leder-moter.yaml").write_text(
        text + "tidligere_id:\n  - 1-2-koordinator-kan-lede\n", encoding="utf-8"
    )
    result = main(["--root", str(project), "check"])
    out = capsys.readouterr().out
    assert result == 1
    assert (
        "recommendations/kapittel-01/1-1-plan.yaml:25:5: $.relatert[0]: «1-2-koordinator-kan-lede» er en tidligere ID; "
        "bruk den nye ID-en «1-2-koordinator-leder-moter»"
    ) in out


def _move(project: Path, entries: str) -> None:
    guideline = project / "content/veileder.yaml"
    guideline.write_text(guideline.read_text(encoding="utf-8") + "flyttede_sider:\n" + entries, encoding="utf-8")


def test_a_moved_page_gets_a_redirect_page(project: Path, tmp_path: Path) -> None:
    _move(project, "  - fra: verktoy/gammelt-navn.html\n    til: sjekklister/leder.html\n")
    assert main(["--root", str(project), "build", "--site-dir", str(tmp_path / "s")]) == 0
    page = (tmp_path / "s/verktoy/gammelt-navn.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../sjekklister/leder.html">' in page
    assert "<h1>Siden har fått ny adresse</h1>" in page
    assert "gammelt-navn" not in (tmp_path / "s/search/search_index.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (
            "  - fra: verktoy/gammelt-navn.html\n    til: verktoy/finnes-ikke.html\n",
            "content/veileder.yaml: flyttede_sider: verktoy/finnes-ikke.html er ikke en side som bygges; "
            "skriv adressen siden har nå",
        ),
        (
            "  - fra: sjekklister/leder.html\n    til: sjekklister/index.html\n",
            "content/veileder.yaml: flyttede_sider: sjekklister/leder.html er fortsatt en side på nettstedet; "
            "fjern den fra listen",
        ),
    ],
)
def test_a_moved_page_must_lead_to_a_page_and_not_hide_one(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], entries: str, message: str
) -> None:
    assert main(["--root", str(project), "build", "--site-dir", str(tmp_path / "s")]) == 0
    before = (tmp_path / "s/index.html").read_bytes()
    capsys.readouterr()
    _move(project, entries)
    assert main(["--root", str(project), "build", "--site-dir", str(tmp_path / "s")]) == 1
    captured = capsys.readouterr()
    assert message in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err
    assert (tmp_path / "s/index.html").read_bytes() == before, "a refused build leaves the previous site as it was"


def test_a_moved_page_address_has_a_form(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _move(project, "  - fra: ../utenfor.html\n    til: sjekklister/leder.html\n")
    assert main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out
    assert "content/veileder.yaml:" in out and "$.flyttede_sider[0].fra: «../utenfor.html» har ikke riktig form" in out
