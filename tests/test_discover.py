"""Finding the sources: every file of every kind, in path order, and nothing that is not a source."""

from __future__ import annotations

from pathlib import Path

from kb_build.discover import discover


def test_sources_come_in_path_order_with_subfolders_before_their_neighbours(project: Path) -> None:
    recs = project / "recommendations"
    for rel in ("a/b/dyp.yaml", "a-b/strek.yaml", "a/flat.yaml", ".yaml", "a/notat.txt", "a/c.yaml/inni.yaml"):
        (recs / rel).parent.mkdir(parents=True, exist_ok=True)
        (recs / rel).write_text("id: x\n", "utf-8")
    (recs / "gammel.yml").write_text("id: x\n", "utf-8")
    sources, problems = discover(project)
    found = [s.rel for s in sources if s.kind == "anbefaling"]
    assert found == sorted(found)
    new = [rel for rel in found if not rel.startswith("recommendations/kapittel-")]
    assert new == [
        "recommendations/a-b/strek.yaml",
        "recommendations/a/b/dyp.yaml",
        "recommendations/a/c.yaml/inni.yaml",
        "recommendations/a/flat.yaml",
    ]
    assert [p.format() for p in problems] == ["recommendations/gammel.yml:1:1: $: bruk filendelsen .yaml, ikke .yml"]


def test_a_linked_file_and_folder_are_reported_once_and_not_entered(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "utenfor"
    (outside / "mappe").mkdir(parents=True)
    (outside / "mappe/skjult.yaml").write_text("id: x\n", "utf-8")
    recs = project / "recommendations/kapittel-01"
    (recs / "lenket-mappe").symlink_to(outside / "mappe")
    (recs / "brutt.yaml").symlink_to(outside / "finnes-ikke.yaml")
    sources, problems = discover(project)
    assert not any("skjult" in s.rel or "brutt" in s.rel for s in sources)
    assert [p.format().split(";")[0] for p in problems] == [
        "recommendations/kapittel-01/brutt.yaml:1:1: $: filen er en symbolsk lenke",
        "recommendations/kapittel-01/lenket-mappe:1:1: $: mappen er en symbolsk lenke",
    ]
