"""Shared fixtures: a small guideline project of our own, copied fresh for each test."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kb_build.build import CheckResult, build, check
from kb_build.config import make_config

TESTS = Path(__file__).parent
REPO = TESTS.parent
MINI = TESTS / "fixtures" / "mini"
EXAMPLES = sorted(p.parent for p in (REPO / "examples").glob("*/mkdocs.yml"))
"""Every other guideline under examples/, each a project folder of its own."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files from current output")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser/ as a browser test, so `make test-fast` can leave them out."""
    browser_dir = TESTS / "browser"
    for item in items:
        if browser_dir in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def copy_project(source: Path, dest: Path) -> Path:
    """Copy a fixture project, turning its links to the repo's schema and mkdocs.yml into files."""
    shutil.copytree(source, dest, symlinks=False)
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the mini guideline."""
    return copy_project(MINI, tmp_path / "project")


def run_check(root: Path, *, strict: bool = False) -> CheckResult:
    """Check a project and return the result."""
    return check(make_config(root, strict=strict))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guideline, built once per test session, strictly (warnings and broken links fail)."""
    site = tmp_path_factory.mktemp("real") / "site"
    build(make_config(REPO, site, strict=True))
    return site


@pytest.fixture(scope="session")
def example_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """Every guideline under examples/ (project folder -> site), built strictly once per test session."""
    sites = {}
    for root in EXAMPLES:
        site = tmp_path_factory.mktemp(root.name) / "site"
        build(make_config(root, site, strict=True))
        sites[root] = site
    return sites


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini fixture guideline, built once per test session."""
    root = copy_project(MINI, tmp_path_factory.mktemp("mini") / "project")
    build(make_config(root))
    return root / "site"


@contextmanager
def serving(root: Path) -> Iterator[Callable[[str, bytes], bytes]]:
    """Run ``kb-build serve`` for ``root`` on a free port.

    Yields ``wait(page, text)``: it waits (up to a minute) until ``page`` is served and holds ``text``,
    and returns the page; it fails if serve stops or the minute passes.
    """
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "kb_build.cli", "--root", str(root), "serve", "--addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )

    def wait(page: str, text: bytes) -> bytes:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}", timeout=2) as response:
                    body: bytes = response.read()
                if text in body:
                    return body
            except OSError:
                pass
            assert time.monotonic() < deadline and proc.poll() is None, f"serve did not show {text!r} on {page}"
            time.sleep(0.3)

    try:
        yield wait
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
