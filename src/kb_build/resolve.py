"""Build the whole site index before anything is rendered, and cross-check references."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from kb_build.decision import DecisionRules, Rule, condition_ids
from kb_build.errors import Problem, Severity, SourcePos
from kb_build.kinds import KINDS
from kb_build.model import (
    LABELS,
    STRENGTHS,
    Abbreviation,
    AccessibilityStatement,
    Chapter,
    Checklist,
    ChecklistItem,
    Edition,
    Guideline,
    LegalSource,
    Recommendation,
    Reference,
    Role,
    Story,
    TargetGroup,
)
from kb_build.positions import find_node, json_path, line_col
from kb_build.yamlio import Loaded

TITLE_STRENGTH = re.compile(r"\b(skal|må|bør|kan)\b", re.IGNORECASE)
"""The first strength word in a title is its verb (for example «må … skal meldes» is må)."""

TITLE_VERBS_FOR_KIND: dict[str, tuple[str, ...]] = {"lovkrav": ("skal", "må"), "eksempel": ("kan",)}
"""Strength words a legal duty or an example may use in its title without reading as the guideline's."""

KIND_RULE = {
    "lovkrav": "skriv hva loven krever, uten «bør» eller «kan»",
    "eksempel": "et eksempel fra denne utgaven bruker «kan» eller ikke noe styrkeord",
}


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
    references: Mapping[str, Reference] = field(default_factory=dict)
    """The documents recommendations cite, by key (content/referanser.yaml)."""
    roles: tuple[Role, ...] = ()
    """Readers' roles, each with its own page, in the order of ``content/roller.yaml``."""
    roles_source: str = ""
    abbreviations: tuple[Abbreviation, ...] = ()
    """Abbreviations readers use; search finds what each stands for."""
    sources: Mapping[str, bytes] = field(default_factory=dict)
    """The recommendation files as written, published beside their pages."""
    editions: tuple[Edition, ...] = ()
    """The editions declared in ``content/utgaver.yaml``, newest first; empty when there is one edition."""

    @cached_property
    def by_id(self) -> dict[str, Recommendation]:
        """Recommendations by id."""
        return {r.id: r for r in self.recommendations}

    @cached_property
    def renamed_to(self) -> dict[str, str]:
        """The current id for each earlier id (``tidligere_id``); the first recommendation to claim it wins."""
        current: dict[str, str] = {}
        for rec in self.recommendations:
            for old in rec.tidligere_id:
                current.setdefault(old, rec.id)
        return current

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
    """Order by chapter and section, then by label (legal duty, strongest first, examples last), then by id."""
    return tuple(sorted(recs, key=lambda r: (r.section_key, LABELS.index(r.label), r.id)))


class _Reporter:
    """Collect problems, finding each one's line and column in its source."""

    def __init__(self, docs: Iterable[Loaded]) -> None:
        self.docs = {d.path: d for d in docs}
        self.problems: list[Problem] = []
        self.broken_ids: set[str] = set()
        """Ids of recommendation files that have errors of their own."""
        self.broken_kinds: set[str] = set()
        """Other kinds of source (such as the reference registry) that have errors of their own."""
        self.broken_chapters: set[int | None] = set()
        """Numbers of chapter files that have errors of their own (None: a file with no number)."""

    def chapter_broken(self, number: int) -> bool:
        """Tell whether a missing chapter is explained by a chapter file already reported."""
        return number in self.broken_chapters or None in self.broken_chapters

    def unknown_rec(self, index: SiteIndex, rec_id: str) -> bool:
        """Tell whether a reference points nowhere (and not to a file already reported)."""
        return rec_id not in index.by_id and rec_id not in self.broken_ids

    def add(self, path: str, parts: list[str | int], message: str, severity: Severity = Severity.ERROR) -> None:
        line, col = line_col(find_node(self.docs[path].node, parts))
        self.problems.append(Problem(SourcePos(path, line, col), json_path(parts), message, severity))


def resolve(
    docs: Mapping[str, list[Loaded]],
    failed_recommendations: Iterable[str] = (),
    failed_chapters: Iterable[int | None] = (),
    failed_kinds: Iterable[str] = (),
) -> tuple[SiteIndex | None, list[Problem]]:
    """Turn valid documents into a :class:`SiteIndex`, reporting every broken reference.

    ``failed_recommendations`` are paths of recommendation files whose own errors are
    already reported; references to their ids (the file names) are not reported again.
    ``failed_chapters`` are the numbers of chapter files with errors of their own, so their
    recommendations do not each report a missing section.
    ``failed_kinds`` are the other kinds of source with errors of their own: keys that
    point into a broken registry are not reported a second time.
    """
    report = _Reporter(doc for group in docs.values() for doc in group)
    report.broken_kinds.update(failed_kinds)
    report.broken_ids.update(_stem(p) for p in failed_recommendations)
    report.broken_chapters.update(failed_chapters)
    singles = {kind.name: docs.get(kind.name, []) for kind in KINDS if kind.required and not kind.per_item}
    if not all(singles.values()):
        return None, report.problems  # their own problems are already reported
    if any(not docs.get(needed) for kind in KINDS if docs.get(kind.name) for needed in kind.requires):
        return None, report.problems  # discover reported the missing file; its data is needed below
    guideline = Guideline.from_data(singles["veileder"][0].data)
    legal = {
        key: LegalSource(
            key=key,
            endret=v.get("endret"),
            endret_ved=v.get("endret_ved"),
            kilde=v.get("kilde"),
            paragraf=v.get("paragraf"),
            **{k: v[k] for k in ("lov", "tittel", "beskrivelse", "url")},
        )
        for key, v in singles["hjemler"][0].data["hjemler"].items()
    }
    references = {
        key: Reference(key=key, ar=v.get("år"), **{k: v[k] for k in ("tittel", "utgiver", "url", "type")})
        for doc in docs.get("referanser", [])
        for key, v in doc.data["referanser"].items()
    }
    target = next((TargetGroup.from_data(d.data) for d in docs.get("malgruppe", [])), TargetGroup.empty())

    items = {
        kind.name: _unique(report, docs.get(kind.name, []), kind.key, kind.model)
        for kind in KINDS
        if kind.model is not None and kind.key is not None
    }
    chapters, recs = items["kapittel"], items["anbefaling"]
    stories, checklists = items["historie"], items["sjekkliste"]

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
        references=references,
        roles=tuple(Role.from_data(r) for d in docs.get("roller", []) for r in d.data["roller"]),
        roles_source=next((d.path for d in docs.get("roller", [])), ""),
        editions=_editions(report, docs.get("utgaver", [])),
        abbreviations=next((Abbreviation.list_from_data(d.data) for d in docs.get("forkortelser", [])), ()),
    )
    _check_chapters(report, index)
    _check_recommendations(report, index)
    _check_earlier_ids(report, index)
    _check_stories(report, index)
    _check_checklists(report, index)
    _check_rules(report, index)
    _check_roles(report, index)
    _check_abbreviations(report, docs.get("forkortelser", []))
    return index, report.problems


def _editions(report: _Reporter, docs: list[Loaded]) -> tuple[Edition, ...]:
    """The declared editions; exactly one is current, and versions are unique."""
    if not docs:
        return ()
    doc = docs[0]
    entries = doc.data["utgaver"]
    editions = tuple(
        Edition.from_data(e, line_col(find_node(doc.node, ["utgaver", n]))[0]) for n, e in enumerate(entries)
    )
    current = [n for n, e in enumerate(editions) if e.status == "gjeldende"]
    if len(current) != 1:
        where: list[str | int] = ["utgaver", current[1]] if current else ["utgaver"]
        report.add(doc.path, where, f"nøyaktig én utgave skal ha status gjeldende, fant {len(current)}")
    drafts = [n for n, e in enumerate(editions) if e.status == "høringsutkast"]
    if len(drafts) > 1:
        report.add(doc.path, ["utgaver", drafts[1], "status"], "bare én utgave kan være på høring om gangen")
    seen: set[str] = set()
    for n, e in enumerate(editions):
        if e.versjon in seen:
            report.add(doc.path, ["utgaver", n, "versjon"], f"versjon «{e.versjon}» står mer enn én gang")
        seen.add(e.versjon)
    return editions


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
            report.broken_ids.add(_stem(doc.path))
            continue
        seen[value] = doc
        if key == "id" and _stem(doc.path) != value:
            report.add(doc.path, [key], f"filnavnet må være ID-en: gi filen navnet {value}.yaml")
        items.append(build(doc.data, doc.path))
    return items


def _stem(rel: str) -> str:
    """``PurePosixPath(rel).stem`` without building a path (thousands per run): the name up to its last suffix."""
    name = rel.rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


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
    today = date.today().isoformat()
    for rec in index.recommendations:
        src = rec.source
        if not rec.seksjon.startswith(f"{rec.kapittel}."):
            report.add(src, ["seksjon"], f"seksjon {rec.seksjon} hører ikke til kapittel {rec.kapittel}")
        elif rec.seksjon not in sections and not (
            rec.kapittel not in index.chapter_by_number and report.chapter_broken(rec.kapittel)
        ):
            report.add(src, ["seksjon"], f"seksjon {rec.seksjon} finnes ikke i kapittel {rec.kapittel}")
        folder = _CHAPTER_FOLDER.fullmatch(src.rpartition("/")[0].rpartition("/")[2])  # the folder's name
        if folder and int(folder[1]) != rec.kapittel:
            report.add(
                src,
                ["kapittel"],
                f"filen ligger i mappen {folder[0]}, men kapittel er {rec.kapittel}; "
                f"flytt den til kapittel-{rec.kapittel:02d}/",
                Severity.WARNING,
            )
        for parts, day in _dates(rec):
            if day > today:
                report.add(src, parts, f"datoen {day} er fram i tid; bruk datoen da det faktisk skjedde")
        verb = TITLE_STRENGTH.search(rec.tittel)
        if verb and rec.art == "anbefaling" and verb.group(1).lower() != rec.styrke:
            report.add(src, ["styrke"], f"tittelen sier «{verb.group(1)}», men styrke er «{rec.styrke}»")
        elif verb and verb.group(1).lower() not in TITLE_VERBS_FOR_KIND.get(rec.art, STRENGTHS):
            report.add(src, ["tittel"], f"et {rec.art} kan ikke si «{verb.group(1)}» i tittelen: {KIND_RULE[rec.art]}")
        if rec.art == "lovkrav" and not rec.hjemmel:
            report.add(src, ["hjemmel"], "et lovkrav må vise til minst én lovbestemmelse i hjemmel")
        for i, key in enumerate(rec.hjemmel):
            if key not in index.legal:
                report.add(src, ["hjemmel", i], f"ukjent hjemmel «{key}»; den må finnes i content/hjemler.yaml")
        for i, key in enumerate(rec.referanser):
            if key not in index.references and "referanser" not in report.broken_kinds:
                report.add(src, ["referanser", i], f"ukjent referanse «{key}»; den må finnes i content/referanser.yaml")
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
                report.add(src, ["relatert", i], _missing_rec(index, other))
        dates = [c.dato for c in rec.endringer]
        if dates != sorted(dates):
            report.add(src, ["endringer"], "endringene må stå med eldste først")
        if rec.sist_endret != max(dates):
            report.add(src, ["sist_endret"], f"sist_endret må være datoen for nyeste endring ({max(dates)})")


_CHAPTER_FOLDER = re.compile(r"kapittel-0*([0-9]+)")
"""The folder a recommendation of a chapter is filed in, as ``kb-build new`` makes it."""


def _dates(rec: Recommendation) -> list[tuple[list[str | int], str]]:
    found: list[tuple[list[str | int], str]] = [
        (["sist_vurdert"], rec.sist_vurdert),
        (["sist_endret"], rec.sist_endret),
    ]
    found.extend((["endringer", i, "dato"], c.dato) for i, c in enumerate(rec.endringer))
    return found


def _missing_rec(index: SiteIndex, rec_id: str) -> str:
    """Say that a referenced recommendation does not exist, or which id replaced it."""
    new = index.renamed_to.get(rec_id)
    if new is not None:
        return f"«{rec_id}» er en tidligere ID; bruk den nye ID-en «{new}»"
    return f"fant ingen anbefaling med ID «{rec_id}»"


def _check_earlier_ids(report: _Reporter, index: SiteIndex) -> None:
    """An earlier id gets a redirect page, so it must not be a current id or another's earlier id."""
    owner: dict[str, str] = {}
    for rec in index.recommendations:
        for i, old in enumerate(rec.tidligere_id):
            if old in index.by_id:
                report.add(rec.source, ["tidligere_id", i], f"«{old}» er ID-en til en anbefaling som finnes nå")
            elif old in owner:
                report.add(rec.source, ["tidligere_id", i], f"«{old}» står allerede som tidligere ID i {owner[old]}")
            else:
                owner[old] = rec.source


def _check_stories(report: _Reporter, index: SiteIndex) -> None:
    t = index.target
    criteria = {k.id for k in t.kriterier}
    conditions = {k.id for k in (*t.tilstander, *t.andre_forhold)}
    roles = {r.id for r in index.guideline.malgrupper}
    themes = {t.id for t in index.guideline.temaer}
    for story in index.stories:
        for i, theme in enumerate(story.tema):
            if themes and theme not in themes:
                report.add(
                    story.source,
                    ["tema", i],
                    f"ukjent tema «{theme}»; gi det et navn under temaer i content/veileder.yaml",
                )
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
                report.add(checklist.source, ["punkter", i, "anbefaling"], _missing_rec(index, item.anbefaling))


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
                report.add(src, [*at, "anbefalinger", j], _missing_rec(index, rec_id))
        for j, key in enumerate(rule.hjemler):
            if key not in index.legal:
                report.add(src, [*at, "hjemler", j], f"ukjent hjemmel «{key}»; den må finnes i content/hjemler.yaml")
        _check_rule_strength(report, index, rule, at)


_SAME_STRENGTH = {"skal": "må"}
"""The guideline gives «skal» and «må» the same meaning, so a rule may use either for both."""


def _check_rule_strength(report: _Reporter, index: SiteIndex, rule: Rule, at: list[str | int]) -> None:
    """A rule's texts use only the strength words of the recommendations it links to."""
    if index.rules is None or any(r not in index.by_id for r in rule.anbefalinger):
        return  # unknown ids are reported above
    linked = {s for s in (index.by_id[r].styrke for r in rule.anbefalinger) if s}  # lovkrav and examples have none
    allowed = {_SAME_STRENGTH.get(s, s) for s in linked}
    for field_name in ("tittel", "forklaring"):
        text = getattr(rule, field_name)
        for word in sorted({w.lower() for w in TITLE_STRENGTH.findall(text)}):
            if _SAME_STRENGTH.get(word, word) not in allowed:
                have = (
                    f"har styrke {' og '.join(f'«{s}»' for s in sorted(linked))}"
                    if linked
                    else "har ingen styrke fra veilederen (de er lovkrav eller eksempler)"
                )
                report.add(
                    index.rules.source,
                    [*at, field_name],
                    f"teksten sier «{word}», men anbefalingene regelen viser til, {have}; "
                    "bruk deres styrkeord eller skriv uten",
                )


def _check_roles(report: _Reporter, index: SiteIndex) -> None:
    audiences = {t.id for t in index.guideline.malgrupper}
    seen: set[str] = set()
    for i, role in enumerate(index.roles):
        at: list[str | int] = ["roller", i]
        if role.id in seen:
            report.add(index.roles_source, [*at, "id"], f"rolle-ID-en «{role.id}» er brukt før i listen")
        seen.add(role.id)
        for j, audience in enumerate(role.malgrupper):
            if audience not in audiences:
                report.add(
                    index.roles_source,
                    [*at, "malgrupper", j],
                    f"ukjent målgruppe «{audience}»; bruk en av: {', '.join(sorted(audiences))}",
                )
        for j, key in enumerate(role.hjemler):
            if key not in index.legal:
                report.add(
                    index.roles_source,
                    [*at, "hjemler", j],
                    f"ukjent hjemmel «{key}»; den må finnes i content/hjemler.yaml",
                )
