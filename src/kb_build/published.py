"""Every URL a project's site publishes, computed from its sources in a folder or at a git ref.

An earlier edition is the same pipeline run on another ref: its sources are unpacked into a
scratch folder, checked against today's schemas (the code reading them is today's) and rendered
in memory; nothing is built. Content that today's pipeline cannot read gives None, never a crash.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from kb_build.build import check
from kb_build.config import make_config
from kb_build.errors import KbError

SKIPPED = ("kilde/",)
"""Copies of the source files, linked from each page; readers do not keep these addresses."""


def urls_in(root: Path) -> set[str] | None:
    """The site URLs of the project in ``root``, or None if its content is too broken to render."""
    from kb_build.render.paths import url
    from kb_build.render.redirects import redirect_pages
    from kb_build.render.site import render_site

    try:
        result = check(make_config(root))
        if result.index is None:
            return None
        # A broken cross-reference is reported by `check`; rendering around it is not worth it here.
        files = render_site(result.index, result.schemas.documents).files
        pages = set(files) | set(redirect_pages(result.index, files))
    except (KbError, LookupError, ValueError, TypeError):
        return None
    return {url(page) for page in pages if not page.startswith(SKIPPED)}


def urls_at(root: Path, ref: str) -> set[str] | None:
    """The site URLs of the project as it was at git ``ref``, or None if that cannot be known."""
    try:
        tar = subprocess.run(
            ["git", "-C", str(root), "archive", "--format=tar", ref], capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    with tempfile.TemporaryDirectory(prefix="kb-build-diff-") as scratch:
        with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
            # Symbolic links are never sources (discover refuses them); a linked schema folder is copied below.
            members = [m for m in archive.getmembers() if not m.issym()]
            archive.extractall(scratch, members=members, filter="data")
        shutil.rmtree(Path(scratch) / "schema", ignore_errors=True)
        shutil.copytree(root / "schema", Path(scratch) / "schema")
        return urls_in(Path(scratch))
