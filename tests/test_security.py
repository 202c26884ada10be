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
        # The theme's own SVG favicon is written into the head as a data: address (theme/main.html); nothing else is.
        html = re.sub(
            r'<link rel="icon" href="data:image/svg\+xml,[^"<>]*">', "", page.read_text(encoding="utf-8"), count=1
        )
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


QUOTED = "\"onmouseover=\"alert(1)\" 'onfocus='alert(2)' & x"
"""A title that would add event handlers if it reached an attribute unescaped."""

TITLED = (
    "content/veileder.yaml",
    "content/kapitler/kapittel-01.yaml",
    "content/historier/aina.yaml",
    "content/sjekklister/leder.yaml",
    "content/beslutningsstotte.yaml",
    "recommendations/kapittel-01/1-1-plan.yaml",
    "recommendations/kapittel-01/1-2-koordinator-bor-tilbys.yaml",
)


def test_quotes_in_every_kind_of_title_stay_text(project: Path) -> None:
    for name in TITLED:
        source = project / name
        text = source.read_text(encoding="utf-8")
        title = re.search(r"^tittel: (.*)$", text, re.M)
        assert title, name
        hostile = (title.group(1) + " " + QUOTED).replace("\\", "\\\\").replace('"', '\\"')
        source.write_text(text.replace(title.group(0), f'tittel: "{hostile}"', 1), encoding="utf-8")
    assert main(["--root", str(project), "build"]) == 0

    pages = {
        p.relative_to(project / "site").as_posix(): p.read_text(encoding="utf-8")
        for p in (project / "site").rglob("*.html")
    }
    for path, html in pages.items():
        # A quote that closes an attribute early starts a new attribute, even without a space.
        assert not re.search(r"""<[a-z][^>]*[\s"'](onmouseover|onfocus)\s*=""", html, re.I), path
    shown = [
        path for path, html in pages.items() if re.search(r"(&#34;|&quot;)onmouseover=(&#34;|&quot;)alert\(1\)", html)
    ]
    # Every kind's own page shows its hostile title as text.
    for page in (
        "anbefalinger/1-1-plan.html",
        "historier/aina.html",
        "sjekklister/leder.html",
        "verktoy/beslutningsstotte.html",
    ):
        assert page in shown, page
    assert any(path.startswith(("kapitler/", "kapittel")) for path in shown), shown
