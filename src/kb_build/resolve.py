"""Build the whole site index before anything is rendered, and cross-check references."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any

from kb_build.decision import DecisionRules, condition_ids
from kb_build.errors import Problem, Severity, SourcePos
from kb_build.model import (
    STRENGTHS,
    Abbreviation,
    AccessibilityStatement,
    Chapter,
    Checklist,
    ChecklistItem,
    Guideline,
    LegalSource,
    Recommendation,
    Story,
    TargetGroup,
)
from kb_build.positions import find_node, json_path, line_col
from kb_build.yamlio import Loaded

TITLE_STRENGTH = re.compile(r"\b(skal|må|bør|kan)\b", re.IGNORECASE)
"""The first strength word in a title is its verb (for example «må … skal meldes» is må)."""


@dataclass(frozen=True)
class SiteIndex:
    """Everything the renderers need, consistent across all pages."""

    guideline: Guideline
    legal: Mapping[str, LegalSource]
    target: TargetGroup
    chapters: tuple[Chapter, ...]
    recommendations: tuple[Recommendation, ...]
    stories: tuple[Story, ...] = ()
    checklists: tuple[Checklist, ...] = ()
    rules: DecisionRules | None = None
    accessibility: AccessibilityStatement | None = None
    abbreviations: tuple[Abbreviation, ...] = ()
    """Abbreviations readers use; search finds what each stands for."""
    sources: Mapping[str, bytes] = field(default_factory=dict)
    """The recommendation files as written, published beside their pages."""

    @cached_property
    def by_id(self) -> dict[str, Recommendation]:
        """Recommendations by id."""
        return {r.id: r for r in self.recommendations}

    @cached_property
    def last_changed(self) -> date:
        """The newest change date in the content; stands in for the build date."""
        return date.fromisoformat(max((r.sist_endret for r in self.recommendations), default="2000-01-01"))

    @cached_property
    def chapter_by_number(self) -> dict[int, Chapter]:
        """Chapters by number."""
        return {c.nummer: c for c in self.chapters}

    @cached_property
    def in_section(self) -> dict[str, tuple[Recommendation, ...]]:
        """Recommendations per section number, strongest first."""
        groups: dict[str, list[Recommendation]] = defaultdict(list)
        for rec in self.recommendations:
            groups[rec.seksjon].append(rec)
        return {k: tuple(v) for k, v in groups.items()}

    @cached_property
    def related_to(self) -> dict[str, tuple[str, ...]]:
        """Related ids per recommendation: its own ``relatert``, then those that point to it (one pass)."""
        pointing: dict[str, list[str]] = defaultdict(list)
        for rec in self.recommendations:
            for target in rec.relatert:
                pointing[target].append(rec.id)
        return {
            rec.id: tuple(rec.relatert) + tuple(i for i in pointing[rec.id] if i not in rec.relatert)
            for rec in self.recommendations
        }

    @cached_property
    def stories_for(self) -> dict[str, tuple[Story, ...]]:
        """Back-links: the stories that illustrate each recommendation."""
        out: dict[str, list[Story]] = defaultdict(list)
        for story in self.stories:
            for rec_id in story.anbefalinger:
                out[rec_id].append(story)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def checklist_uses(self) -> dict[str, tuple[tuple[Checklist, ChecklistItem], ...]]:
        """Back-links: the checklist items that rest on each recommendation."""
        out: dict[str, list[tuple[Checklist, ChecklistItem]]] = defaultdict(list)
        for checklist in self.checklists:
            for item in checklist.punkter:
                out[item.anbefaling].append((checklist, item))
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def review_flags(self) -> dict[str, tuple[LegalSource, ...]]:
        """Recommendations citing a provision changed after their last professional review."""
        flags: dict[str, tuple[LegalSource, ...]] = {}
        for rec in self.recommendations:
            changed = tuple(
                self.legal[key]
                for key in rec.hjemmel
                if key in self.legal and (self.legal[key].endret or "") > rec.sist_vurdert
            )
            if changed:
                flags[rec.id] = changed
        return flags


def sort_recommendations(recs: Iterable[Recommendation]) -> tuple[Recommendation, ...]:
    """Order by chapter and section, strongest first, then by id: stable and meaningful."""
    return tuple(sorted(recs, key=lambda r: (r.section_key, STRENGTHS.index(r.styrke), r.id)))


class _Reporter:
    """Collect problems, finding each one's line and column in its source."""

    def __init__(self, docs: Iterable[Loaded]) -> None:
        self.docs = {d.path: d for d in docs}
        self.problems: list[Problem] = []
        self.broken_ids: set[str] = set()
        """Ids of recommendation files that have errors of their own."""

    def unknown_rec(self, index: SiteIndex, rec_id: str) -> bool:
        """Tell whether a reference points nowhere (and not to a file already reported)."""
        return rec_id not in index.by_id and rec_id not in self.broken_ids

    def add(self, path: str, parts: list[str | int], message: str, severity: Severity = Severity.ERROR) -> None:
        line, col = line_col(find_node(self.docs[path].node, parts))
        self.problems.append(Problem(SourcePos(path, line, col), json_path(parts), message, severity))


def resolve(
    docs: Mapping[str, list[Loaded]], failed_recommendations: Iterable[str] = ()
) -> tuple[SiteIndex | None, list[Problem]]:
    """Turn valid documents into a :class:`SiteIndex`, reporting every broken reference.

    ``failed_recommendations`` are paths of recommendation files whose own errors are
    already reported; references to their ids (the file names) are not reported again.
    """
    report = _Reporter(doc for group in docs.values() for doc in group)
    report.broken_ids.update(PurePosixPath(p).stem for p in failed_recommendations)
    singles = {kind: docs.get(kind, []) for kind in ("veileder", "hjemler", "malgruppe")}
    if not all(singles.values()):
        return None, report.problems  # their own problems are already reported
    guideline = Guideline.from_data(singles["veileder"][0].data)
    legal = {
        key: LegalSource(
            key=key,
            endret=v.get("endret"),
            endret_ved=v.get("endret_ved"),
            **{k: v[k] for k in ("lov", "paragraf", "tittel", "beskrivelse", "url")},
        )
        for key, v in singles["hjemler"][0].data["hjemler"].items()
    }
    target = TargetGroup.from_data(singles["malgruppe"][0].data)

    chapters = _unique(report, docs.get("kapittel", []), "nummer", Chapter.from_data)
    recs = _unique(report, docs.get("anbefaling", []), "id", Recommendation.from_data)
    stories = _unique(report, docs.get("historie", []), "id", Story.from_data)
    checklists = _unique(report, docs.get("sjekkliste", []), "id", Checklist.from_data)

    rules_docs = docs.get("beslutningsstotte", [])
    rules = DecisionRules.from_data(rules_docs[0].data, rules_docs[0].path) if rules_docs else None
    index = SiteIndex(
        guideline=guideline,
        legal=legal,
        target=target,
        chapters=tuple(sorted(chapters, key=lambda c: c.nummer)),
        recommendations=sort_recommendations(recs),
        stories=tuple(sorted(stories, key=lambda s: s.id)),
        checklists=tuple(sorted(checklists, key=lambda c: (c.rekkefolge, c.id))),
        rules=rules,
        sources={d.path: d.raw for d in docs.get("anbefaling", [])},
        accessibility=next((AccessibilityStatement.from_data(d.data) for d in docs.get("tilgjengelighet", [])), None),
        abbreviations=next((Abbreviation.list_from_data(d.data) for d in docs.get("forkortelser", [])), ()),
    )
    _check_chapters(report, index)
    _check_recommendations(report, index)
    _check_stories(report, index)
    _check_checklists(report, index)
    _check_rules(report, index)
    _check_abbreviations(report, docs.get("forkortelser", []))
    return index, report.problems


def _unique(report: _Reporter, group: list[Loaded], key: str, build: Callable[[dict[str, Any], str], Any]) -> list[Any]:
    """Build items, reporting duplicate keys and ids that differ from the file name."""
    seen: dict[Any, Loaded] = {}
    items = []
    for doc in group:
        value = doc.data[key]
        if value in seen:
            first = seen[value]
            line, _ = line_col(find_node(first.node, [key]))
            report.add(doc.path, [key], f"«{value}» er allerede brukt i {first.path}:{line}")
            report.broken_ids.add(PurePosixPath(doc.path).stem)
            continue
        seen[value] = doc
        if key == "id" and PurePosixPath(doc.path).stem != value:
            report.add(doc.path, [key], f"filnavnet må være ID-en: gi filen navnet {value}.yaml")
        items.append(build(doc.data, doc.path))
    return items


def _check_chapters(report: _Reporter, index: SiteIndex) -> None:
    for chapter in index.chapters:
        for i, section in enumerate(chapter.seksjoner):
            expected = f"{chapter.nummer}.{i + 1}"
            if section.nummer != expected:
                report.add(
                    chapter.source,
                    ["seksjoner", i, "nummer"],
                    f"seksjonene må være nummerert fortløpende: forventet «{expected}»",
                )


def _check_recommendations(report: _Reporter, index: SiteIndex) -> None:
    g = index.guideline
    roles = {t.id for t in g.malgrupper}
    phases = {t.id for t in g.faser}
    sections = {s.nummer for c in index.chapters for s in c.seksjoner}
    for rec in index.recommendations:
        src = rec.source
        if not rec.seksjon.startswith(f"{rec.kapittel}."):
            report.add(src, ["seksjon"], f"seksjon {rec.seksjon} hører ikke til kapittel {rec.kapittel}")
        elif rec.seksjon not in sections:
            report.add(src, ["seksjon"], f"seksjon {rec.seksjon} finnes ikke i kapittel {rec.kapittel}")
        verb = TITLE_STRENGTH.search(rec.tittel)
        if verb and verb.group(1).lower() != rec.styrke:
            report.add(src, ["styrke"], f"tittelen sier «{verb.group(1)}», men styrke er «{rec.styrke}»")
        if not rec.offisiell and rec.styrke != "kan":
            report.add(src, ["styrke"], "anbefalinger som ikke er offisielle overskrifter, må ha styrke «kan»")
        for i, key in enumerate(rec.hjemmel):
            if key not in index.legal:
                report.add(src, ["hjemmel", i], f"ukjent hjemmel «{key}»; den må finnes i content/hjemler.yaml")
        if rec.styrke in ("skal", "må") and not rec.hjemmel and not rec.faglig_grunnlag:
            report.add(
                src, ["hjemmel"], f"en {rec.styrke}-anbefaling bør ha hjemmel eller faglig_grunnlag", Severity.WARNING
            )
        for field_name, ids, known in (("målgruppe", rec.malgruppe, roles), ("fase", rec.fase, phases)):
            for i, value in enumerate(ids):
                if value not in known:
                    report.add(
                        src, [field_name, i], f"ukjent {field_name} «{value}»; bruk en av: {', '.join(sorted(known))}"
                    )
        for i, other in enumerate(rec.relatert):
            if other == rec.id:
                report.add(src, ["relatert", i], "en anbefaling kan ikke være relatert til seg selv")
            elif report.unknown_rec(index, other):
                report.add(src, ["relatert", i], f"fant ingen anbefaling med ID «{other}»")
        dates = [c.dato for c in rec.endringer]
        if dates != sorted(dates):
            report.add(src, ["endringer"], "endringene må stå med eldste først")
        if rec.sist_endret != max(dates):
            report.add(src, ["sist_endret"], f"sist_endret må være datoen for nyeste endring ({max(dates)})")


def _check_stories(report: _Reporter, index: SiteIndex) -> None:
    t = index.target
    criteria = {k.id for k in t.kriterier}
    conditions = {k.id for k in (*t.tilstander, *t.andre_forhold)}
    roles = {r.id for r in index.guideline.malgrupper}
    for story in index.stories:
        for field_name, ids, known, what in (
            ("kriterier", story.kriterier, criteria, "kriterium"),
            ("tilstander", story.tilstander, conditions, "tilstand eller forhold"),
            ("anbefalinger", story.anbefalinger, set(index.by_id) | report.broken_ids, "anbefaling"),
            ("roller", story.roller, roles, "rolle"),
        ):
            for i, value in enumerate(ids):
                if value not in known:
                    report.add(story.source, [field_name, i], f"ukjent {what} «{value}»")


def _check_abbreviations(report: _Reporter, docs: list[Loaded]) -> None:
    """An abbreviation stands for one thing: the same one twice (in any case) is an error."""
    for doc in docs:
        seen: dict[str, str] = {}
        for i, item in enumerate(doc.data["forkortelser"]):
            key = item["forkortelse"].casefold()
            if key in seen:
                message = f"forkortelsen «{item['forkortelse']}» står allerede i listen (som «{seen[key]}»)"
                report.add(doc.path, ["forkortelser", i, "forkortelse"], message)
            seen.setdefault(key, item["forkortelse"])


def _check_checklists(report: _Reporter, index: SiteIndex) -> None:
    roles = {r.id for r in index.guideline.malgrupper}
    for checklist in index.checklists:
        if checklist.rolle is not None and checklist.rolle not in roles:
            report.add(checklist.source, ["rolle"], f"ukjent rolle «{checklist.rolle}»")
        seen: set[str] = set()
        for i, item in enumerate(checklist.punkter):
            if item.id in seen:
                report.add(checklist.source, ["punkter", i, "id"], f"punkt-ID-en «{item.id}» er brukt før i listen")
            seen.add(item.id)
            if report.unknown_rec(index, item.anbefaling):
                report.add(
                    checklist.source, ["punkter", i, "anbefaling"], f"fant ingen anbefaling med ID «{item.anbefaling}»"
                )


def _check_rules(report: _Reporter, index: SiteIndex) -> None:
    if index.rules is None:
        return
    t = index.target
    known = {
        "kriterier": {k.id for k in t.kriterier},
        "forhold": {k.id for k in t.andre_forhold},
        "aldersgruppe": {a for a, _ in index.rules.aldersgrupper},
    }
    src = index.rules.source
    for i, rule in enumerate(index.rules.regler):
        at: list[str | int] = ["regler", i]
        for where, ids in condition_ids(rule.nar).items():
            for value in ids:
                if value not in known[where]:
                    report.add(src, [*at, "nar"], f"ukjent {where}-ID «{value}» i vilkåret")
        for j, rec_id in enumerate(rule.anbefalinger):
            if report.unknown_rec(index, rec_id):
                report.add(src, [*at, "anbefalinger", j], f"fant ingen anbefaling med ID «{rec_id}»")
        for j, key in enumerate(rule.hjemler):
            if key not in index.legal:
                report.add(src, [*at, "hjemler", j], f"ukjent hjemmel «{key}»; den må finnes i content/hjemler.yaml")
