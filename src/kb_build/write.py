"""Where the site is written: a scratch folder beside ``site/``, swapped in only when complete.

kb-build only ever replaces or removes folders it made itself: every site it builds holds a
marker file, and every scratch folder holds one with the id of the process using it. A folder
without the marker is someone's files, so it is refused, never deleted.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kb_build.errors import ConfigError

SITE_MARKER = ".kb-build-site"
"""Written into every site kb-build builds; only a folder holding it may be replaced."""

SCRATCH_MARKER = ".kb-build-scratch"
"""Written into every scratch folder, holding the id of the process that uses it."""

SOURCE_FOLDERS = ("content", "recommendations", "schema", "src", "tests", ".git")
"""Folders of the project that hold its sources; output never goes in or over them."""

_MARKER_TEXT = "Denne mappen er bygget av kb-build og erstattes ved neste bygging.\n"


def check_site_dir(site_dir: Path, root: Path) -> None:
    """Raise :class:`ConfigError` unless kb-build may replace ``site_dir`` (both absolute)."""
    if site_dir == root or root.is_relative_to(site_dir):
        raise ConfigError(f"{site_dir} er prosjektmappen eller ligger over den; velg en egen mappe for nettstedet")
    for name in SOURCE_FOLDERS:
        if site_dir.is_relative_to(root / name):
            raise ConfigError(f"{site_dir} ligger i kildemappen {name}/; velg en egen mappe for nettstedet")
    if site_dir.is_symlink() or (site_dir.exists() and not site_dir.is_dir()):
        raise ConfigError(f"{site_dir} er ikke en mappe; velg en egen mappe for nettstedet")
    if site_dir.is_dir() and not (site_dir / SITE_MARKER).is_file() and any(site_dir.iterdir()):
        raise ConfigError(
            f"{site_dir} har filer som kb-build ikke har laget, og blir ikke overskrevet; "
            "velg en tom eller ny mappe (er det et nettsted fra en eldre kb-build, slett det selv)"
        )


def os_error_message(exc: OSError) -> str:
    """Say in one plain line why a file could not be written, and that the old site is intact."""
    where = exc.filename or "nettstedsmappen"
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        reason = f"disken er full (kunne ikke skrive {where}); frigjør plass og bygg på nytt"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = f"har ikke lov til å skrive i {where} (skrivebeskyttet eller låst); sjekk rettighetene"
    elif exc.errno in (errno.ENOTDIR, errno.EEXIST):
        reason = f"{where} ligger under en fil, ikke en mappe; velg en annen mappe for nettstedet"
    else:
        reason = f"kunne ikke skrive {where} ({exc.strerror or exc})"
    return f"{reason}. Det forrige nettstedet er ikke endret."


@contextmanager
def staging(site_dir: Path, root: Path) -> Iterator[tuple[Path, Path]]:
    """Yield an empty docs folder and a new site folder beside ``site_dir``; clean up after.

    The generated pages never touch the disk as Markdown: mkdocs gets them in memory. It still
    wants a docs folder, so it gets an empty one. A write that fails for lack of space or
    rights becomes a :class:`ConfigError` with one plain line.
    """
    check_site_dir(site_dir, root)
    scratch: Path | None = None
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_scratch(site_dir)
        scratch = Path(tempfile.mkdtemp(prefix=_scratch_prefix(site_dir), dir=site_dir.parent))
        (scratch / SCRATCH_MARKER).write_text(str(os.getpid()), encoding="utf-8")
        (scratch / "docs").mkdir()
        yield scratch / "docs", scratch / "site"
    except OSError as exc:
        raise ConfigError(os_error_message(exc)) from exc
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def publish(new_site: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` with ``new_site`` by renaming, so readers never see a half site."""
    (new_site / SITE_MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}-old")
        if old.exists() and not (old / SITE_MARKER).is_file():
            raise ConfigError(f"{old} finnes og er ikke laget av kb-build; flytt eller slett den selv")
        shutil.rmtree(old, ignore_errors=True)
    try:
        with _ctrl_c_deferred():  # between the two renames there is no site at all
            if old is not None:
                site_dir.rename(old)
            try:
                new_site.rename(site_dir)
            except OSError:
                if old is not None:
                    old.rename(site_dir)  # put the previous site back
                raise
    finally:
        if old is not None and site_dir.is_dir():
            shutil.rmtree(old, ignore_errors=True)


@contextmanager
def _ctrl_c_deferred() -> Iterator[None]:
    """Hold back Ctrl+C until the block is done, then raise it (only the main thread gets signals)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[object] = []
    previous = signal.signal(signal.SIGINT, lambda *_: pressed.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


def _scratch_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-build-"


def _remove_stale_scratch(site_dir: Path) -> None:
    """Remove scratch folders left by a build that was killed; only ours, and only dead ones."""
    for folder in sorted(site_dir.parent.glob(_scratch_prefix(site_dir) + "*")):
        marker = folder / SCRATCH_MARKER
        try:
            pid = int(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # not a folder kb-build made: leave it alone
        if not _alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a folder of this process from an earlier build in the same run (serve)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
