"""Typed, immutable views of the validated sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

STRENGTHS: tuple[str, ...] = ("skal", "må", "bør", "kan")
"""Strength words from strongest to weakest; also the display order."""

KINDS: tuple[str, ...] = ("anbefaling", "lovkrav", "eksempel")
"""Kinds of statement: the guideline's own recommendation (with a strength word), a duty the
law states where the guideline's heading gives no strength, and an example this edition added."""

LABELS: tuple[str, ...] = ("lovkrav", *STRENGTHS, "eksempel")
"""What a statement is labelled on every page, list, print and export; also the display order."""


@dataclass(frozen=True)
class Term:
    """An entry in a fixed vocabulary, such as a role or a phase."""

    id: str
    navn: str
    beskrivelse: str


@dataclass(frozen=True)
class SiteWords:
    """How the site speaks of itself (``nettsted`` in ``content/veileder.yaml``); what is missing is not shown."""

    kunngjoring: str | None = None
    """Markdown for the notice at the top of every page."""
    ingress: str | None = None
    """Markdown for the front page's lead: what the guideline is and whom it is for."""
    forbehold: str | None = None
    """What this edition is and is not: in the footer, on the front page and the source page."""
    om_utgaven: str | None = None
    """One sentence about the edition, carried by every open-data file."""
    hentet_fra: tuple[str, ...] = ()
    """What is taken from the official guideline."""
    skrevet_for: tuple[str, ...] = ()
    """What is written for this edition."""
    lisens: str | None = None
    """Markdown: the licence of this edition's own texts, data and code."""
    lisens_kort: str | None = None
    """The licence of this edition's own texts and data in one sentence."""

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> SiteWords:
        """Build from the validated ``nettsted`` block."""
        return cls(
            **{k: d.get(k) for k in ("kunngjoring", "ingress", "forbehold", "om_utgaven", "lisens", "lisens_kort")},
            hentet_fra=tuple(d.get("hentet_fra", ())),
            skrevet_for=tuple(d.get("skrevet_for", ())),
        )


@dataclass(frozen=True)
class Guideline:
    """Metadata about the source guideline and its vocabularies."""

    tittel: str
    type: str
    utgiver: str
    forst_publisert: str
    sist_faglig_endret: str
    offisiell_url: str | None
    """The guideline at its publisher, when it lives somewhere else too."""
    revisjon: str | None
    """Markdown: what is under revision and why; no notice without it."""
    lisens_navn: str
    lisens_url: str
    kreditering: str
    redigeringslenke: str | None
    styrker: dict[str, tuple[str, str]]
    malgrupper: tuple[Term, ...]
    faser: tuple[Term, ...]
    temaer: tuple[Term, ...] = ()
    """Display names of the story themes (``tema`` in stories); a theme without one shows its id."""
    nettsted: SiteWords = SiteWords()
    """How the site speaks of itself."""
    flyttede_sider: tuple[tuple[str, str], ...] = ()
    """Pages that have a new address, as (old URL, new URL) from the site root; the old one redirects."""
    nettadresse: str | None = None
    """Where the site is published (mkdocs' ``site_url``), set by the build; makes exported links absolute."""

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Guideline:
        """Build from a validated ``content/veileder.yaml``."""
        return cls(
            tittel=d["tittel"],
            type=d["type"],
            utgiver=d["utgiver"],
            forst_publisert=d["forst_publisert"],
            sist_faglig_endret=d["sist_faglig_endret"],
            offisiell_url=d.get("offisiell_url"),
            revisjon=d.get("revisjon"),
            lisens_navn=d["lisens"]["navn"],
            lisens_url=d["lisens"]["url"],
            kreditering=d["lisens"]["kreditering"],
            redigeringslenke=d.get("redigeringslenke"),
            styrker={k: (v["navn"], v["forklaring"]) for k, v in d["styrker"].items()},
            malgrupper=tuple(Term(**t) for t in d["malgrupper"]),
            faser=tuple(Term(**t) for t in d["faser"]),
            temaer=tuple(Term(t["id"], t["navn"], "") for t in d.get("temaer", ())),
            nettsted=SiteWords.from_data(d.get("nettsted", {})),
            flyttede_sider=tuple((m["fra"], m["til"]) for m in d.get("flyttede_sider", ())),
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
    paragraf: str | None
    tittel: str
    beskrivelse: str
    url: str
    endret: str | None
    endret_ved: str | None
    kilde: str | None = None
    """Where the date in ``endret`` was checked."""

    @property
    def label(self) -> str:
        """Law and paragraph, as readers cite it: «helse- og omsorgstjenesteloven § 7-2»."""
        return f"{self.lov} {self.paragraf}" if self.paragraf else self.lov


@dataclass(frozen=True)
class Reference:
    """A document a recommendation builds on: guideline, white paper, bill, international guideline."""

    key: str
    tittel: str
    utgiver: str
    url: str
    type: str
    ar: int | None = None

    @property
    def citation(self) -> str:
        """Publisher, title and year, as a reference list shows it."""
        year = f" ({self.ar})" if self.ar is not None else ""
        return f"{self.utgiver}: {self.tittel}{year}"


@dataclass(frozen=True)
class TargetItem:
    """A criterion, condition or other circumstance in the target-group definition."""

    id: str
    navn: str
    forklaring: str


@dataclass(frozen=True)
class TargetGroup:
    """The target group: long-term conditions, other circumstances and the criteria."""

    beskrivelse: str
    tilstander: tuple[TargetItem, ...]
    andre_forhold: tuple[TargetItem, ...]
    kriterier: tuple[TargetItem, ...]
    kriterier_overskrift: str = "Kriterier"
    """What the criteria are criteria for, as the stories show it."""

    @classmethod
    def empty(cls) -> TargetGroup:
        """No target group: a guideline without stories and decision aid need not describe one."""
        return cls(beskrivelse="", tilstander=(), andre_forhold=(), kriterier=())

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> TargetGroup:
        """Build from a validated ``content/malgruppe.yaml``."""
        return cls(
            beskrivelse=d["beskrivelse"],
            tilstander=tuple(TargetItem(**t) for t in d["tilstander"]),
            andre_forhold=tuple(TargetItem(**t) for t in d["andre_forhold"]),
            kriterier=tuple(TargetItem(**t) for t in d["kriterier"]),
            kriterier_overskrift=d.get("kriterier_overskrift", "Kriterier"),
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
    """One statement: the guideline's recommendation, a legal duty or an example; texts, legal basis, history."""

    id: str
    tittel: str
    art: str
    styrke: str | None
    """The guideline's strength word; only the guideline's own recommendations have one."""
    kapittel: int
    seksjon: str
    sammendrag: str
    tekst: str
    praktisk: str
    begrunnelse: str
    faglig_grunnlag: str | None
    hjemmel: tuple[str, ...]
    referanser: tuple[str, ...]
    malgruppe: tuple[str, ...]
    fase: tuple[str, ...]
    relatert: tuple[str, ...]
    status: str
    sist_vurdert: str
    sist_endret: str
    endringer: tuple[Change, ...]
    source: str
    tidligere_id: tuple[str, ...] = ()
    """Earlier ids; each old URL gets a page that sends the reader on to this one."""

    @classmethod
    def from_data(cls, d: dict[str, Any], source: str) -> Recommendation:
        """Build from a validated recommendation file."""
        return cls(
            id=d["id"],
            tittel=d["tittel"],
            art=d["art"],
            styrke=d.get("styrke"),
            kapittel=d["kapittel"],
            seksjon=d["seksjon"],
            sammendrag=d["sammendrag"],
            tekst=d["tekst"],
            praktisk=d["praktisk"],
            begrunnelse=d["begrunnelse"],
            faglig_grunnlag=d.get("faglig_grunnlag"),
            hjemmel=tuple(d["hjemmel"]),
            referanser=tuple(d.get("referanser", ())),
            malgruppe=tuple(d["målgruppe"]),
            fase=tuple(d["fase"]),
            relatert=tuple(d["relatert"]),
            status=d["status"],
            sist_vurdert=d["sist_vurdert"],
            sist_endret=d["sist_endret"],
            endringer=tuple(Change(**c) for c in d["endringer"]),
            source=source,
            tidligere_id=tuple(d.get("tidligere_id", ())),
        )

    @property
    def label(self) -> str:
        """The strength word for the guideline's recommendations, else the kind («lovkrav», «eksempel»)."""
        return self.styrke if self.art == "anbefaling" and self.styrke else self.art

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
class Role:
    """A reader's role with its own page: legal duties, checklists, recommendations and stories."""

    id: str
    navn: str
    ingress: str
    malgrupper: tuple[str, ...]
    hjemler: tuple[str, ...]
    merknad: str | None

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Role:
        """Build from one entry of a validated ``content/roller.yaml``."""
        return cls(
            id=d["id"],
            navn=d["navn"],
            ingress=d["ingress"],
            malgrupper=tuple(d["malgrupper"]),
            hjemler=tuple(d["hjemler"]),
            merknad=d.get("merknad"),
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
class FeedbackContact:
    """Where readers report accessibility problems: an e-mail address, a web address, or both."""

    epost: str | None = None
    nettadresse: str | None = None


@dataclass(frozen=True)
class AccessibilityStatement:
    """The basis of the accessibility statement."""

    standard: str
    sist_vurdert: str
    testing: str
    kontakt: str
    avvik: tuple[Deviation, ...]
    tilbakemelding: FeedbackContact | None = None
    """None when the publisher has given no address of its own."""

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> AccessibilityStatement:
        """Build from a validated ``content/tilgjengelighet.yaml``."""
        return cls(
            standard=d["standard"],
            sist_vurdert=d["sist_vurdert"],
            testing=d["testing"],
            kontakt=d["kontakt"],
            avvik=tuple(Deviation(**a) for a in d["avvik"]),
            tilbakemelding=FeedbackContact(**d["tilbakemelding"]) if "tilbakemelding" in d else None,
        )


@dataclass(frozen=True)
class Edition:
    """One edition of the guideline, from ``content/utgaver.yaml``."""

    versjon: str
    dato: str
    status: str
    """``gjeldende`` (the content as it stands), ``tidligere`` or ``høringsutkast``."""
    ref: str | None
    """The git ref an earlier edition or a draft is built from."""
    frist: str | None
    beskrivelse: str | None
    line: int
    """Where the edition is declared in its source, for problems found while building it."""
    sporsmal: tuple[Term, ...] = ()
    """A draft's general questions (id, question), which consultation responses refer to."""

    @classmethod
    def from_data(cls, d: dict[str, Any], line: int) -> Edition:
        """Build from one validated entry of ``utgaver``."""
        return cls(
            versjon=d["versjon"],
            dato=d["dato"],
            status=d["status"],
            ref=d.get("ref"),
            frist=d.get("frist"),
            beskrivelse=d.get("beskrivelse"),
            line=line,
            sporsmal=tuple(Term(q["id"], q["tittel"], "") for q in d.get("sporsmal", [])),
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
