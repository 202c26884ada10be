"""Fuzzing the loader and validator: any input gives data or clean problems, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI
from kb_build.errors import Problem
from kb_build.schemas import Schemas
from kb_build.validate import validate
from kb_build.yamlio import MAX_BYTES, MAX_DEPTH, Loaded, load_bytes

SCHEMAS = Schemas(MINI / "schema")
VALID = (MINI / "recommendations/kapittel-01/1-1-plan.yaml").read_bytes()
TRAPS = [
    b"a: 1\na: 2\n",
    b"status: no\n",
    b"dato: 2018-01-30\n",
    b"\tid: x\n",
    b"a: &a [*a]\n",
    b"a: &x [1]\nb: *x\n",
    b"a: !!python/object/apply:os.system [ls]\n",
    b"- 1\n",
    b"",
    b"\xff\xfe",
    b"a: [" * 3000,
    b"x: " + b"y" * 2_000_000,
    b"id: 1-1-plan\nid: 1-1-plan\n",
    b"<<: {a: 1}\n",
    b"tittel: <script>alert(1)</script>\n",
    b"a: {b: {c: {d: [1, 2, {e: .inf}]}}}\n",
    b"? [a]\n: b\n",
]


def _check(raw: bytes) -> None:
    result = load_bytes(raw, "fuzz.yaml")
    if isinstance(result, Problem):
        assert result.pos.path == "fuzz.yaml" and result.pos.line >= 1 and result.message
        return
    assert isinstance(result, Loaded) and isinstance(result.data, dict)
    for problem in validate(result, "anbefaling", SCHEMAS):
        assert problem.format().startswith("fuzz.yaml:")


def test_known_yaml_traps() -> None:
    for raw in TRAPS:
        _check(raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(raw: bytes) -> None:
    _check(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#%@`\t\n ,?ab01æø")), max_size=300))
def test_yaml_like_text(text: str) -> None:
    _check(text.encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(VALID) - 1), st.binary(min_size=1, max_size=8))
def test_mutated_valid_file(position: int, insert: bytes) -> None:
    _check(VALID[:position] + insert + VALID[position:])


def test_unreadable_path_is_a_problem(tmp_path: Path) -> None:
    from kb_build.yamlio import load_file

    result = load_file(tmp_path / "missing.yaml", "missing.yaml")
    assert isinstance(result, Problem) and "kan ikke lese filen" in result.message


_CLOSERS = {"{a: ": "}", "[": "]", "{a: [": "]}", "[{b: ": "}]"}


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 1200),
    st.sampled_from(["- ", "a:", *_CLOSERS]),
    st.sampled_from(["relatert", "hjemmel", "endringer", "ny"]),
)
def test_deep_nesting_is_a_problem_not_a_crash(depth: int, opener: str, field: str) -> None:
    """Nesting as deep as YAML allows, in flow and block style, in place of a real field of a valid file."""
    if opener in _CLOSERS:
        value = " [" + opener * depth + "1" + _CLOSERS[opener] * depth + "]\n"
    else:  # block style: each level one step further in
        value = "".join(f"\n{'  ' * (i + 1)}{opener}" for i in range(depth)) + " x\n"
    lines = VALID.decode("utf-8").splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if line.startswith(f"{field}:")), len(lines))
    end = next((j for j in range(at + 1, len(lines)) if not lines[j].startswith((" ", "-"))), len(lines))
    raw = "".join([*lines[:at], f"{field}:{value}", *lines[end:]]).encode("utf-8")
    _check(raw)
    if depth > 25 and len(raw) <= MAX_BYTES:
        result = load_bytes(raw, "fuzz.yaml")
        assert isinstance(result, Problem) and "nøstet for dypt" in result.message, result


@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_a_text_at_the_depth_limit_loads_and_one_level_deeper_does_not(opener: str) -> None:
    """Texts take a shortcut through the loader; the limit must still hold to the level."""
    closer = "]" if opener == "[" else "}"
    for depth, allowed in ((MAX_DEPTH - 1, True), (MAX_DEPTH, False)):
        result = load_bytes(f"x: {opener * depth}tekst{closer * depth}\n".encode(), "dyp.yaml")
        assert isinstance(result, Loaded) == allowed, (depth, result)


@pytest.mark.parametrize("raw", [b"a: [&x t, *x]\n", b"a: &x t\nb: *x\n", b"a: [t, &x u, [*x]]\n"])
def test_an_alias_of_a_text_is_refused(raw: bytes) -> None:
    result = load_bytes(raw, "alias.yaml")
    assert isinstance(result, Problem) and "aliaser" in result.message
