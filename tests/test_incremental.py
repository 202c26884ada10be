"""The preview's incremental rebuild gives the same site as a full build, file for file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI, serving
from kb_build import editions
from kb_build.build import build
from kb_build.config import Config, make_config
from kb_build.errors import ContentError
from kb_build.incremental import Preview
from kb_build.resolve import SiteIndex
from test_editions import add_draft, make_repo

RECS = Path("recommendations/kapittel-01")
EDITED = RECS / "1-2-koordinator-kan-lede.yaml"
UNTOUCHED_SOURCE = "kilde/recommendations/kapittel-01/1-1-plan.yaml"


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _assert_same_as_full_build(project: Path, preview_site: Path, full_site: Path) -> None:
    build(make_config(project, full_site))
    preview, full = _tree(preview_site), _tree(full_site)
    assert sorted(preview) == sorted(full)
    assert [path for path in full if preview[path] != full[path]] == []


def _new_recommendation(project: Path, rec_id: str, related: str) -> None:
    text = (MINI / EDITED).read_text(encoding="utf-8")
    text = text.replace("id: 1-2-koordinator-kan-lede", f"id: {rec_id}")
    text = text.replace("tittel: Koordinatoren kan lede teammøtene", f"tittel: Teamet kan avtale {rec_id}")
    text = text.replace("relatert: []", f"relatert:\n  - {related}")
    (project / RECS / f"{rec_id}.yaml").write_text(text, encoding="utf-8")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _change(p: Path) -> None:
    _edit(p / EDITED, "kalle inn og lede møtene", "kalle inn, forberede og lede møtene")


def _back_link(p: Path) -> None:
    _edit(p / EDITED, "relatert: []", "relatert:\n  - 1-1-plan")


def _add(p: Path) -> None:
    _new_recommendation(p, "1-2-team-a", "1-1-plan")
    _new_recommendation(p, "1-2-team-b", "1-2-team-a")


def _delete(p: Path) -> None:
    _edit(p / RECS / "1-2-team-b.yaml", "  - 1-2-team-a", "  - 1-1-plan")
    (p / RECS / "1-2-team-a.yaml").unlink()


def _rename(p: Path) -> None:
    """Without a field for the earlier id, a rename is a new file and the old one deleted."""
    _new_recommendation(p, "1-2-team-c", "1-1-plan")
    (p / RECS / "1-2-team-b.yaml").unlink()


def _retitle(p: Path) -> None:
    """The title is shown on other recommendations, the chapter and the lists."""
    _edit(p / RECS / "1-1-plan.yaml", "tittel: ", "tittel: Nytt navn, ")


PEER = RECS / "1-2-koordinator-bor-tilbys.yaml"
"""Shares section 1.2 with EDITED: each is listed on the other's page."""


def _summary(p: Path) -> None:
    """Shown on lists, not on the pages of other recommendations: only its own fragments change."""
    _edit(p / PEER, "sammendrag: Tilby koordinator", "sammendrag: Tilby en koordinator")


def _peer_title(p: Path) -> None:
    """The other recommendation in the section names it."""
    _edit(p / PEER, "tittel: Koordinator bør tilbys tidlig", "tittel: Koordinator bør tilbys svært tidlig")


def _draft(p: Path) -> None:
    """An «Utkast» tag wherever it is listed, and in the filters."""
    _edit(p / PEER, "status: gjeldende", "status: utkast")


def _flagged(p: Path) -> None:
    """Citing a provision changed after its last review puts it «til revisjon» on the pages that list it."""
    _edit(p / RECS / "1-1-plan.yaml", "  - lkf-6\n", "  - lkf-6\n  - hol-7-2\n")


def _law(p: Path) -> None:
    """A provision's change date in the legal registry flags every recommendation citing it."""
    _edit(p / "content/hjemler.yaml", 'endret: "2016-01-01"', 'endret: "2019-01-01"')


def _law_text(p: Path) -> None:
    """Provisions are shown in full wherever a recommendation cites them."""
    _edit(p / "content/hjemler.yaml", "tittel: Individuell plan", "tittel: Individuell plan i kommunen")


def _flagged_law_text(p: Path) -> None:
    """A provision changed since review is also named in the notice of every recommendation it flags."""
    _edit(p / "content/hjemler.yaml", "tittel: Koordinator", "tittel: Koordinator i kommunen")


def _chapter(p: Path) -> None:
    _edit(p / "content/kapitler/kapittel-01.yaml", "kort_tittel: Første", "kort_tittel: Det første")


def _chapter_text(p: Path) -> None:
    """Shown on the chapter page, not with its recommendations."""
    _edit(
        p / "content/kapitler/kapittel-01.yaml",
        "Et lite kapittel for tester.",
        "Et lite kapittel for tester og prøver.",
    )


def _reference(p: Path) -> None:
    text = (p / "content/referanser.yaml").read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.strip().startswith("tittel: "))
    _edit(p / "content/referanser.yaml", old, old + " (revidert)")


def _story(p: Path) -> None:
    """The recommendations a story links to show its title."""
    _edit(p / "content/historier/aina.yaml", "tittel: Aina og de mange avtalene", "tittel: Aina og avtalene")


def _move(p: Path) -> None:
    """To another section: both sections' recommendations and the chapter change."""
    _edit(p / PEER, 'seksjon: "1.2"', 'seksjon: "1.1"')


EDITS: list[Callable[[Path], None]] = [
    _change,
    _back_link,
    _add,
    _delete,
    _rename,
    _retitle,
    _summary,
    _peer_title,
    _draft,
    _flagged,
    _law,
    _law_text,
    _flagged_law_text,
    _chapter,
    _chapter_text,
    _reference,
    _story,
    _move,
]


def test_each_edit_gives_the_same_site_as_a_full_build(project: Path, tmp_path: Path) -> None:
    preview_site, full_site = tmp_path / "preview", tmp_path / "full"
    preview = Preview(make_config(project))
    preview.build(preview_site)
    for edit in EDITS:
        edit(project)
        preview.build(preview_site)
        _assert_same_as_full_build(project, preview_site, full_site)


def test_a_change_rewrites_only_the_files_that_changed(project: Path, tmp_path: Path) -> None:
    preview_site = tmp_path / "preview"
    preview = Preview(make_config(project))
    preview.build(preview_site)
    page = preview_site / "anbefalinger/1-2-koordinator-kan-lede.html"
    before = page.read_bytes()
    untouched = (preview_site / UNTOUCHED_SOURCE).stat().st_mtime_ns
    _change(project)
    preview.build(preview_site)
    assert page.read_bytes() != before
    assert "forberede" in page.read_text(encoding="utf-8")
    assert (preview_site / UNTOUCHED_SOURCE).stat().st_mtime_ns == untouched


def test_after_a_failed_rebuild_the_next_one_is_complete(project: Path, tmp_path: Path) -> None:
    preview_site, full_site = tmp_path / "preview", tmp_path / "full"
    preview = Preview(make_config(project))
    preview.build(preview_site)
    original = (project / EDITED).read_text(encoding="utf-8")
    (project / EDITED).write_text(original.replace("art: eksempel", "art: [eksempel"), encoding="utf-8")
    with pytest.raises(ContentError):
        preview.build(preview_site)
    (project / EDITED).write_text(
        original.replace("Koordinatoren har oversikten.", "Hun har oversikten."), encoding="utf-8"
    )
    preview.build(preview_site)
    _assert_same_as_full_build(project, preview_site, full_site)


def test_serve_shows_a_saved_change(project: Path) -> None:
    page = "anbefalinger/1-2-koordinator-kan-lede.html"
    with serving(project) as wait:
        wait(page, b"")
        _change(project)
        wait(page, b"forberede")


def test_with_editions_each_commit_is_checked_once_and_the_site_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The previous edition and the draft come from git: the preview checks each once, not after every save."""
    repo = make_repo(tmp_path)
    add_draft(repo)
    checked: list[str] = []
    check_commit = editions._check_commit

    def counted(config: Config, commit: str) -> SiteIndex | None:
        checked.append(commit)
        return check_commit(config, commit)

    monkeypatch.setattr(editions, "_check_commit", counted)
    preview_site, full_site = tmp_path / "preview", tmp_path / "full"
    preview = Preview(make_config(repo))
    preview.build(preview_site)
    assert len(checked) == 2  # the previous edition and the draft
    for edit in (_change, _summary, _retitle):
        edit(repo)
        preview.build(preview_site)
    assert len(checked) == 2
    build(make_config(repo, full_site))
    preview_files, full = _tree(preview_site), _tree(full_site)
    earlier = tuple(f"{folder}/" for folder in ("utgaver/1.0", "horing"))  # published by `build` only
    assert sorted(preview_files) == sorted(p for p in full if not p.startswith(earlier))
    assert [path for path in preview_files if preview_files[path] != full[path]] == []


def test_a_change_is_rendered_without_a_new_mkdocs_build(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview renders changed pages with the first build's mkdocs objects: gathering the theme's
    files and templates again was most of a rebuild (it happened whenever a plugin was not known)."""
    import mkdocs.commands.build

    builds: list[object] = []
    real = mkdocs.commands.build.build

    def counted(*args: Any, **kwargs: Any) -> None:
        builds.append(args)
        real(*args, **kwargs)

    monkeypatch.setattr(mkdocs.commands.build, "build", counted)
    preview = Preview(make_config(project))
    preview.build(tmp_path / "preview")
    _change(project)
    preview.build(tmp_path / "preview")
    assert len(builds) == 1


def test_a_change_writes_again_only_its_piece_of_the_search_index(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index's pieces of unchanged recommendations are taken from the last build, and the index is still complete."""
    from kb_build.render import search

    monkeypatch.setattr(search, "PIECE", 1)  # a piece per recommendation
    preview_site, full_site = tmp_path / "preview", tmp_path / "full"
    preview = Preview(make_config(project))
    preview.build(preview_site)
    before = dict(preview._pieces)
    assert len(before) >= 3
    _change(project)
    preview.build(preview_site)
    made_again = [n for n, (_, piece) in preview._pieces.items() if piece is not before[n][1]]
    assert len(made_again) == 1
    assert b"forberede" in preview._pieces[made_again[0]][1]
    _assert_same_as_full_build(project, preview_site, full_site)


def test_a_change_converts_only_the_texts_it_changed(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Markdown the last rendering converted is taken from it: a save converts its own new text, not every page's."""
    from kb_build.render import html

    converted: list[str] = []
    convert = html._convert

    def counted(text: str) -> html.Markup:
        converted.append(text)
        return convert(text)

    monkeypatch.setattr(html, "_convert", counted)
    preview = Preview(make_config(project))
    preview.build(tmp_path / "preview")
    assert len(converted) > 20
    converted.clear()
    _change(project)
    preview.build(tmp_path / "preview")
    assert any("forberede" in text for text in converted)
    assert len(converted) <= 2  # and the notice in the theme's data, converted outside the pages' rendering
