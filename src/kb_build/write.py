"""Where the site is written: a scratch folder beside ``site/``, swapped in only when complete."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staging(site_dir: Path) -> Iterator[tuple[Path, Path]]:
    """Yield an empty docs folder and a new site folder beside ``site_dir``; clean up after.

    The generated pages never touch the disk as Markdown: mkdocs gets them in memory. It still
    wants a docs folder, so it gets an empty one.
    """
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    (scratch / "docs").mkdir()
    try:
        yield scratch / "docs", scratch / "site"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def publish(new_site: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` with ``new_site`` by renaming, so readers never see a half site."""
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        site_dir.rename(old)
    new_site.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
