"""Typed, immutable views of the validated sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

STRENGTHS: tuple[str, ...] = ("skal", "må", "bør", "kan")
"""Strength words from strongest to weakest; also the display order."""


@dataclass(frozen=True)
class Term:
    """An entry in a fixed vocabulary, such as a role or a phase."""

    id: str
    navn: str
    beskrivelse: str


@dataclass(frozen=True)
class Guideline:
    """Metadata about the source guideline and its vocabularies."""

    tittel: str
    type: str
    utgiver: str
    forst_publisert: str
    sist_faglig_endret: str
    offisiell_url: str
    revisjon: str
    lisens_navn: str
    lisens_url: str
    kreditering: str
    redigeringslenke: str | None
    styrker: dict[str, tuple[str, str]]
    malgrupper: tuple[Term, ...]
    faser: tuple[Term, ...]

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Guideline:
        """Build from a validated ``content/veileder.yaml``."""
        return cls(
            tittel=d["tittel"],
            type=d["type"],
            utgiver=d["utgiver"],
            forst_publisert=d["forst_publisert"],
            sist_faglig_endret=d["sist_faglig_endret"],
            offisiell_url=d["offisiell_url"],
            revisjon=d["revisjon"],
            lisens_navn=d["lisens"]["navn"],
            lisens_url=d["lisens"]["url"],
            kreditering=d["lisens"]["kreditering"],
            redigeringslenke=d.get("redigeringslenke"),
            styrker={k: (v["navn"], v["forklaring"]) for k, v in d["styrker"].items()},
            malgrupper=tuple(Term(**t) for t in d["malgrupper"]),
            faser=tuple(Term(**t) for t in d["faser"]),
        )

    def role_name(self, role_id: str) -> str:
        """Return the display name of a role id."""
        return next(t.navn for t in self.malgrupper if t.id == role_id)

    def phase_name(self, phase_id: str) -> str:
        """Return the display name of a phase id."""
        return next(t.navn for t in self.faser if t.id == phase_id)


@dataclass(frozen=True)
class LegalSource:
    """One provision of law or regulation, linked to Lovdata."""

    key: str
    lov: str
    paragraf: str
    tittel: str
    beskrivelse: str
    url: str
    endret: str | None
    endret_ved: str | None

    @property
    def label(self) -> str:
        """Law and paragraph, as readers cite it: «helse- og omsorgstjenesteloven § 7-2»."""
        return f"{self.lov} {self.paragraf}"


@dataclass(frozen=True)
class TargetItem:
    """A criterion, condition or other circumstance in the target-group definition."""

    id: str
    navn: str
    forklaring: str


@dataclass(frozen=True)
class TargetGroup:
    """The target group: multimorbidity conditions, other circumstances and seven criteria."""

    beskrivelse: str
    tilstander: tuple[TargetItem, ...]
    andre_forhold: tuple[TargetItem, ...]
    kriterier: tuple[TargetItem, ...]

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> TargetGroup:
        """Build from a validated ``content/malgruppe.yaml``."""
        return cls(
            beskrivelse=d["beskrivelse"],
            tilstander=tuple(TargetItem(**t) for t in d["tilstander"]),
            andre_forhold=tuple(TargetItem(**t) for t in d["andre_forhold"]),
            kriterier=tuple(TargetItem(**t) for t in d["kriterier"]),
        )


@dataclass(frozen=True)
class Section:
    """A section of a chapter, in official order."""

    nummer: str
    tittel: str
    tekst: str


@dataclass(frozen=True)
class Chapter:
    """A chapter with its introduction and sections."""

    nummer: int
    id: str
    tittel: str
    kort_tittel: str
    ingress: str
    seksjoner: tuple[Section, ...]
    source: str
    vis_styrker: bool = False

    @classmethod
    def from_data(cls, d: dict[str, Any], source: str) -> Chapter:
        """Build from a validated chapter file."""
        return cls(
            nummer=d["nummer"],
            id=d["id"],
            tittel=d["tittel"],
            kort_tittel=d.get("kort_tittel", d["tittel"]),
            ingress=d["ingress"],
            seksjoner=tuple(Section(**s) for s in d["seksjoner"]),
            source=source,
            vis_styrker=d.get("vis_styrker", False),
        )


@dataclass(frozen=True)
class Change:
    """A dated change to a recommendation in this edition."""

    dato: str
    beskrivelse: str


@dataclass(frozen=True)
class Recommendation:
    """One recommendation with its strength, texts, legal basis and history."""

    id: str
    tittel: str
    offisiell: bool
    styrke: str
    kapittel: int
    seksjon: str
    sammendrag: str
    tekst: str
    praktisk: str
    begrunnelse: str
    faglig_grunnlag: str | None
    hjemmel: tuple[str, ...]
    malgruppe: tuple[str, ...]
    fase: tuple[str, ...]
    relatert: tuple[str, ...]
    status: str
    sist_vurdert: str
    sist_endret: str
    endringer: tuple[Change, ...]
    source: str

    @classmethod
    def from_data(cls, d: dict[str, Any], source: str) -> Recommendation:
        """Build from a validated recommendation file."""
        return cls(
            id=d["id"],
            tittel=d["tittel"],
            offisiell=d["offisiell"],
            styrke=d["styrke"],
            kapittel=d["kapittel"],
            seksjon=d["seksjon"],
            sammendrag=d["sammendrag"],
            tekst=d["tekst"],
            praktisk=d["praktisk"],
            begrunnelse=d["begrunnelse"],
            faglig_grunnlag=d.get("faglig_grunnlag"),
            hjemmel=tuple(d["hjemmel"]),
            malgruppe=tuple(d["målgruppe"]),
            fase=tuple(d["fase"]),
            relatert=tuple(d["relatert"]),
            status=d["status"],
            sist_vurdert=d["sist_vurdert"],
            sist_endret=d["sist_endret"],
            endringer=tuple(Change(**c) for c in d["endringer"]),
            source=source,
        )

    @property
    def section_key(self) -> tuple[int, int]:
        """Sort key for the section number ("6.10" after "6.9")."""
        major, minor = self.seksjon.split(".")
        return int(major), int(minor)


@dataclass(frozen=True)
class TimelineEvent:
    """One event in a patient story."""

    tid: str
    hendelse: str
    utfall: str


@dataclass(frozen=True)
class Question:
    """A discussion question with a suggested answer for the trainer."""

    sporsmal: str
    forslag: str


@dataclass(frozen=True)
class Story:
    """A fictional patient or user story for training."""

    id: str
    tittel: str
    navn: str
    alder: int
    aldersgruppe: str
    tema: tuple[str, ...]
    sammendrag: str
    bakgrunn: str
    tidslinje: tuple[TimelineEvent, ...]
    kriterier: tuple[str, ...]
    tilstander: tuple[str, ...]
    anbefalinger: tuple[str, ...]
    sporsmal: tuple[Question, ...]
    trekk_fram: str
    misforstaelser: str
    varighet_minutter: int
    roller: tuple[str, ...]
    source: str

    @classmethod
    def from_data(cls, d: dict[str, Any], source: str) -> Story:
        """Build from a validated story file."""
        return cls(
            id=d["id"],
            tittel=d["tittel"],
            navn=d["person"]["navn"],
            alder=d["person"]["alder"],
            aldersgruppe=d["person"]["aldersgruppe"],
            tema=tuple(d["tema"]),
            sammendrag=d["sammendrag"],
            bakgrunn=d["bakgrunn"],
            tidslinje=tuple(TimelineEvent(**e) for e in d["tidslinje"]),
            kriterier=tuple(d["kriterier"]),
            tilstander=tuple(d["tilstander"]),
            anbefalinger=tuple(d["anbefalinger"]),
            sporsmal=tuple(Question(**q) for q in d["sporsmal"]),
            trekk_fram=d["kursleder"]["trekk_fram"],
            misforstaelser=d["kursleder"]["misforstaelser"],
            varighet_minutter=d["varighet_minutter"],
            roller=tuple(d["roller"]),
            source=source,
        )


@dataclass(frozen=True)
class ChecklistItem:
    """A checkable action that rests on one recommendation."""

    id: str
    tekst: str
    anbefaling: str


@dataclass(frozen=True)
class Checklist:
    """A checklist for a role or a process step."""

    id: str
    tittel: str
    type: str
    rolle: str | None
    rekkefolge: int
    ingress: str
    punkter: tuple[ChecklistItem, ...]
    source: str

    @classmethod
    def from_data(cls, d: dict[str, Any], source: str) -> Checklist:
        """Build from a validated checklist file."""
        return cls(
            id=d["id"],
            tittel=d["tittel"],
            type=d["type"],
            rolle=d.get("rolle"),
            rekkefolge=d.get("rekkefolge", 999),
            ingress=d["ingress"],
            punkter=tuple(ChecklistItem(**p) for p in d["punkter"]),
            source=source,
        )


@dataclass(frozen=True)
class Deviation:
    """A known accessibility deviation; also an allow-list entry for the axe-core tests."""

    regel: str
    wcag: str
    gjelder: str
    beskrivelse: str
    plan: str


@dataclass(frozen=True)
class AccessibilityStatement:
    """The basis of the accessibility statement."""

    standard: str
    sist_vurdert: str
    testing: str
    kontakt: str
    avvik: tuple[Deviation, ...]

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> AccessibilityStatement:
        """Build from a validated ``content/tilgjengelighet.yaml``."""
        return cls(
            standard=d["standard"],
            sist_vurdert=d["sist_vurdert"],
            testing=d["testing"],
            kontakt=d["kontakt"],
            avvik=tuple(Deviation(**a) for a in d["avvik"]),
        )


@dataclass(frozen=True)
class Abbreviation:
    """An abbreviation readers use, what it stands for, and other written forms of that."""

    forkortelse: str
    betyr: str
    andre_former: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """Every written form of what the abbreviation stands for, the main one first."""
        return (self.betyr, *self.andre_former)

    @classmethod
    def list_from_data(cls, d: dict[str, Any]) -> tuple[Abbreviation, ...]:
        """Build from a validated ``content/forkortelser.yaml``, in file order."""
        return tuple(cls(a["forkortelse"], a["betyr"], tuple(a.get("andre_former", ()))) for a in d["forkortelser"])
