"""CI files: the GitHub workflows and the pre-commit config are valid."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO

BIN = Path(sys.executable).parent


def test_github_workflows_validate_against_the_workflow_schema() -> None:
    workflows = sorted(str(p) for p in (REPO / ".github" / "workflows").glob("*.yml"))
    assert len(workflows) == 2
    done = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *workflows],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_pre_commit_config_is_valid() -> None:
    done = subprocess.run(
        [str(BIN / "pre-commit"), "validate-config", str(REPO / ".pre-commit-config.yaml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_pull_request_workflow_runs_strict_check_tests_build_and_diff() -> None:
    text = (REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8")
    for step in (
        "kb-build check --strict",
        "make test",
        "kb-build build --strict",
        "kb-build diff",
        "GITHUB_STEP_SUMMARY",
    ):
        assert step in text
