"""Decision rules: the shared cases against the Python evaluator, and rule semantics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO
from kb_build.decision import Answers, Condition, applies, evaluate
from kb_build.yamlio import Loaded, load_file

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "decision_cases.yaml").read_text("utf-8"))[
    "cases"
]


def answers_of(svar: dict[str, Any]) -> Answers:
    return Answers.of(
        svar.get("kriterier", ()), svar.get("tilstander", ()), svar.get("forhold", ()), svar.get("aldersgruppe")
    )


@pytest.fixture(scope="module")
def real_rules() -> Any:
    from kb_build.decision import DecisionRules

    loaded = load_file(REPO / "content/beslutningsstotte.yaml", "content/beslutningsstotte.yaml")
    assert isinstance(loaded, Loaded)
    return DecisionRules.from_data(loaded.data, loaded.path)


@pytest.mark.parametrize("case", CASES, ids=[c["navn"] for c in CASES])
def test_shared_case_python(case: dict[str, Any], real_rules: Any) -> None:
    assert [r.id for r in evaluate(real_rules, answers_of(case["svar"]))] == case["forventet"]


def test_every_rule_is_exercised_by_some_case(real_rules: Any) -> None:
    hit = {rid for c in CASES for rid in c["forventet"]}
    assert {r.id for r in real_rules.regler} <= hit


def test_all_conditions_must_hold() -> None:
    cond = Condition(kriterier_alle=("a", "b"), aldersgruppe=("barn",))
    assert applies(cond, Answers.of(["a", "b"], aldersgruppe="barn"))
    assert not applies(cond, Answers.of(["a", "b"], aldersgruppe="voksen"))
    assert not applies(cond, Answers.of(["a"], aldersgruppe="barn"))
    assert not applies(Condition(tilstander_minst=2), Answers.of(tilstander=["x"]))
    assert applies(Condition(forhold_noen=("bolig",)), Answers.of(forhold=["bolig", "fritid"]))
