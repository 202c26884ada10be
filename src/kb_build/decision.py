"""Decision support as data: rules that say what becomes relevant, and their evaluation.

The guideline sets no score or cut-off, so a rule never says «eligible»; it says which
recommendations and rights become relevant to consider. The browser evaluates the same
rules in ``theme/assets/decision.js``; a shared file of test cases keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Condition:
    """When a rule applies; every condition that is set must hold."""

    kriterier_minst: int | None = None
    kriterier_noen: tuple[str, ...] = ()
    kriterier_alle: tuple[str, ...] = ()
    kriterier_hoyst: int | None = None
    tilstander_minst: int | None = None
    tilstander_hoyst: int | None = None
    forhold_noen: tuple[str, ...] = ()
    aldersgruppe: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Condition:
        """Build from the ``nar`` mapping of a rule."""
        return cls(
            kriterier_minst=d.get("kriterier_minst"),
            kriterier_noen=tuple(d.get("kriterier_noen", ())),
            kriterier_alle=tuple(d.get("kriterier_alle", ())),
            kriterier_hoyst=d.get("kriterier_hoyst"),
            tilstander_minst=d.get("tilstander_minst"),
            tilstander_hoyst=d.get("tilstander_hoyst"),
            forhold_noen=tuple(d.get("forhold_noen", ())),
            aldersgruppe=tuple(d.get("aldersgruppe", ())),
        )


@dataclass(frozen=True)
class Rule:
    """What becomes relevant when the condition holds."""

    id: str
    tittel: str
    nar: Condition
    forklaring: str
    anbefalinger: tuple[str, ...]
    hjemler: tuple[str, ...]
    svakt_signal: bool = False


@dataclass(frozen=True)
class Group:
    """The heading and explanation of one group of choices in the form."""

    tittel: str
    forklaring: str


@dataclass(frozen=True)
class DecisionRules:
    """The whole rule set with its texts."""

    innledning: str
    forbehold: str
    ingen_treff: str
    aldersgrupper: tuple[tuple[str, str], ...]
    regler: tuple[Rule, ...]
    source: str
    tittel: str = "Beslutningsstøtte"
    """The tool's name: its heading, menu entry and front-page link."""
    grupper: dict[str, Group] = field(default_factory=dict)
    """Form groups by name (``aldersgruppe``, ``kriterier``, ``tilstander``, ``forhold``)."""

    @classmethod
    def from_data(cls, d: dict[str, Any], source: str) -> DecisionRules:
        """Build from a validated ``content/beslutningsstotte.yaml``."""
        return cls(
            tittel=d.get("tittel", "Beslutningsstøtte"),
            innledning=d["innledning"],
            forbehold=d["forbehold"],
            ingen_treff=d["ingen_treff"],
            aldersgrupper=tuple((a["id"], a["navn"]) for a in d["aldersgrupper"]),
            regler=tuple(
                Rule(
                    id=r["id"],
                    tittel=r["tittel"],
                    nar=Condition.from_data(r["nar"]),
                    forklaring=r["forklaring"],
                    anbefalinger=tuple(r["anbefalinger"]),
                    hjemler=tuple(r["hjemler"]),
                    svakt_signal=r.get("svakt_signal", False),
                )
                for r in d["regler"]
            ),
            source=source,
            grupper={name: Group(g["tittel"], g["forklaring"]) for name, g in d.get("grupper", {}).items()},
        )


@dataclass(frozen=True)
class Answers:
    """What the user ticked."""

    kriterier: frozenset[str] = frozenset()
    tilstander: frozenset[str] = frozenset()
    forhold: frozenset[str] = frozenset()
    aldersgruppe: str | None = None

    @classmethod
    def of(
        cls,
        kriterier: Iterable[str] = (),
        tilstander: Iterable[str] = (),
        forhold: Iterable[str] = (),
        aldersgruppe: str | None = None,
    ) -> Answers:
        """Build answers from plain lists."""
        return cls(frozenset(kriterier), frozenset(tilstander), frozenset(forhold), aldersgruppe)


def applies(cond: Condition, a: Answers) -> bool:
    """Tell whether every condition that is set holds for the answers."""
    checks = (
        cond.kriterier_minst is None or len(a.kriterier) >= cond.kriterier_minst,
        not cond.kriterier_noen or bool(a.kriterier & set(cond.kriterier_noen)),
        set(cond.kriterier_alle) <= a.kriterier,
        cond.kriterier_hoyst is None or len(a.kriterier) <= cond.kriterier_hoyst,
        cond.tilstander_minst is None or len(a.tilstander) >= cond.tilstander_minst,
        cond.tilstander_hoyst is None or len(a.tilstander) <= cond.tilstander_hoyst,
        not cond.forhold_noen or bool(a.forhold & set(cond.forhold_noen)),
        not cond.aldersgruppe or a.aldersgruppe in cond.aldersgruppe,
    )
    return all(checks)


def evaluate(rules: DecisionRules, answers: Answers) -> list[Rule]:
    """Return the rules that apply, in the order they are written."""
    return [rule for rule in rules.regler if applies(rule.nar, answers)]


def condition_ids(cond: Condition) -> dict[str, tuple[str, ...]]:
    """The ids a condition refers to, by where they must exist."""
    return {
        "kriterier": cond.kriterier_noen + cond.kriterier_alle,
        "forhold": cond.forhold_noen,
        "aldersgruppe": cond.aldersgruppe,
    }
