"""Hostile text in the sources never reaches a page as something a browser would run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb_build.cli import main

HOSTILE = {
    "tekst": 'Før <script>alert(\'x\')</script> etter <img src=x onerror=alert(1)> og <a href="#" onclick="alert(2)">a</a>',
    "praktisk": "- [klikk](javascript:alert(3))\n- [data](data:text/html;base64,PHNjcmlwdD4=)\n- [tab](java\tscript:alert(4))\n"
    '- <iframe src="javascript:alert(5)"></iframe>',
    "begrunnelse": "![bilde](https://eksempel.invalid/sporing.png) og <svg onload=alert(6)>",
}
TITLE = "Kommunen skal ha en plan { onclick=alert(7) } &lt;/title&gt;&lt;script&gt;alert(8)&lt;/script&gt;"


def _yaml_block(text: str) -> str:
    return "|\n" + "".join(f"  {line}\n" for line in text.splitlines())


def test_hostile_markdown_and_titles_are_neutralised(project: Path) -> None:
    rec = project / "recommendations/kapittel-01/1-1-plan.yaml"
    text = rec.read_text(encoding="utf-8")
    text = text.replace("tittel: Kommunen skal ha en plan", f'tittel: "{TITLE}"')
    text = text.replace(
        "sammendrag: Kommunen lager en plan for oppfølgingen.",
        "sammendrag: \"&lt;script&gt;alert('s') javascript:alert(9)\"",
    )
    for field, value in HOSTILE.items():
        text = re.sub(rf"^{field}: \|\n(  .*\n)+", f"{field}: {_yaml_block(value)}", text, flags=re.M)
    rec.write_text(text, encoding="utf-8")
    assert main(["--root", str(project), "build"]) == 0

    for page in (project / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script>alert|<iframe|<svg onload", html), page
        assert not re.search(r"<[a-z]+[^>]*\s(onerror|onclick|onload|onmouseover)\s*=", html, re.I), page
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*(javascript|data|vbscript):""", html, re.I), page
        assert not re.search(r"<img[^>]+src=[\"']?https?:", html), f"remote image would load in {page}"
    rendered = (project / "site/anbefalinger/1-1-plan.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in rendered  # shown as text, not run
    assert "{ onclick=alert(7) }" in rendered  # attribute syntax stays text in the heading
    title = re.search(r"<title>(.*?)</title>", rendered, re.S)
    assert title and "<" not in title.group(1) and "&amp;lt;/title&amp;gt;" in title.group(1)


def test_angle_brackets_in_titles_are_rejected(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rec = project / "recommendations/kapittel-01/1-1-plan.yaml"
    text = rec.read_text(encoding="utf-8").replace(
        "tittel: Kommunen skal ha en plan", 'tittel: "Kommunen skal ha en plan</title><script>x()</script>"'
    )
    rec.write_text(text, encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    assert (
        "$.tittel: «Kommunen skal ha en plan</title><script>x()</script>» har ikke riktig form"
        in capsys.readouterr().out
    )
