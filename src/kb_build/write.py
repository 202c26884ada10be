"""The only stage that writes: generated docs into a scratch folder, and the site swap."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path


def write_tree(files: Mapping[str, str | bytes], dest: Path) -> None:
    """Write ``files`` (relative path -> content) below ``dest``, in sorted order."""
    for rel in sorted(files):
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        content = files[rel]
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")


@contextmanager
def staging(site_dir: Path) -> Iterator[tuple[Path, Path]]:
    """Yield a scratch docs folder and a new site folder beside ``site_dir``; clean up after."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
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
