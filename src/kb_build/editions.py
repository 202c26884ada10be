"""Earlier editions and the draft: the same pipeline run on another git ref, cached, published beside.

Each earlier edition in ``content/utgaver.yaml`` (under /utgaver/<versjon>/) and the consultation
draft (under /horing/) is taken from git (``git archive`` of its ref,
so the working tree is never touched), built with the normal pipeline into a cache folder, and
copied into the site. The cache key is the resolved commit, the banner the edition shows, and a
fingerprint of this generator: rebuilding a site with five editions builds none of them again
unless one of those changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kb_build.compare import RecChange, compare
from kb_build.config import Config, make_config
from kb_build.errors import BuildError, ConfigError, ContentError, KbError, Problem, SourcePos
from kb_build.model import Edition
from kb_build.render import editions as pages
from kb_build.resolve import SiteIndex

SOURCE = "content/utgaver.yaml"
CACHE = ".kb-cache/utgaver"
"""Built earlier editions, under the project root; safe to delete (the next build refills it)."""


@dataclass(frozen=True)
class BuiltEdition:
    """An edition's finished site, ready to be copied into its folder."""

    edition: Edition
    site: Path
    cached: bool
    """True when the site came from the cache and nothing was built."""


def build_earlier(config: Config, index: SiteIndex) -> list[BuiltEdition]:
    """Build (or take from the cache) every edition but the current one; all problems are raised together."""
    from kb_build.build import build  # the pipeline calls this module; import it only when needed

    built: list[BuiltEdition] = []
    problems: list[Problem] = []
    for n, edition in enumerate(index.editions):
        if edition not in pages.published(index):
            continue
        where = f"$.utgaver[{n}]"
        try:
            commit = _resolve(config.root, edition.ref or "")
            banner = pages.banner(index, edition)
            key = hashlib.sha256(json.dumps([commit, banner, _fingerprint()]).encode()).hexdigest()[:24]
            target = config.root / CACHE / key
            cached = (target / "site").is_dir()
            if not cached:
                _build_into(
                    config, commit, target, lambda root, site, b=banner: build(make_config(root, site), banner=b)
                )
            built.append(BuiltEdition(edition, target / "site", cached))
        except ContentError as exc:
            first = exc.problems[0].format() if exc.problems else ""
            more = f" (og {len(exc.problems) - 1} til)" if len(exc.problems) > 1 else ""
            problems.append(_problem(edition, where, f"utgave {edition.versjon} kan ikke bygges: {first}{more}"))
        except (KbError, OSError, tarfile.TarError) as exc:  # OSError: a full disk; TarError: a refused archive
            problems.append(_problem(edition, where, f"utgave {edition.versjon} kan ikke bygges: {exc}"))
    if problems:
        raise ContentError(problems)
    return built


def publish_into(site: Path, built: Iterable[BuiltEdition]) -> None:
    """Copy each built edition into the new site; pages the current edition lacks link to its front page."""
    current = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    for b in built:
        target = site / pages.folder(b.edition)
        try:
            shutil.copytree(b.site, target)
            for page in sorted(target.rglob("*.html")):
                rel = page.relative_to(target).as_posix()
                if rel not in current:
                    to_root = "../" * (rel.count("/") + pages.folder(b.edition).count("/"))
                    page.write_text(pages.no_namesake(page.read_text(encoding="utf-8"), to_root), encoding="utf-8")
        except OSError as exc:
            raise BuildError(f"utgave {b.edition.versjon} kan ikke kopieres inn i nettstedet: {exc}") from exc


def _problem(edition: Edition, where: str, message: str) -> Problem:
    return Problem(SourcePos(SOURCE, edition.line, 5), where, message)


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ConfigError(f"git kan ikke kjøres: {exc}") from exc
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise KbError(lines[-1] if lines else "git feilet")
    return done.stdout


def _resolve(root: Path, ref: str) -> str:
    """The commit a ref names now; a tag moved to another commit gives another cache entry."""
    try:
        _git(root, "rev-parse", "--git-dir")
    except KbError:
        raise KbError("prosjektet ligger ikke i et git-lager, og tidligere utgaver bygges fra git") from None
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").decode().strip()
    except KbError:
        raise KbError(f"fant ikke git-referansen «{ref}»") from None


def _build_into(config: Config, commit: str, target: Path, build: Any) -> None:
    """Extract the project as it was at ``commit`` and build it; ``target`` appears only when done.

    A schema the edition lacks (for a kind added to the generator since) is taken from the current
    project (see ``_extract``): the generator requires one per kind, and the edition has no such files.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".bygg-", dir=target.parent))
    try:
        _extract(config, commit, scratch / "kilde")
        build(scratch / "kilde", scratch / "site")
        (scratch / "ferdig").mkdir()
        shutil.move(scratch / "site", scratch / "ferdig" / "site")
        with contextlib.suppress(OSError):  # another build got there first, with the same content
            (scratch / "ferdig").rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _extract(config: Config, commit: str, dest: Path) -> None:
    """Write the project as it was at ``commit`` into ``dest``, adding schemas for kinds added since."""
    prefix = _git(config.root, "rev-parse", "--show-prefix").decode().strip()
    archive = _git(config.root, "archive", "--format=tar", f"{commit}:{prefix}" if prefix else commit)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    old_schemas = dest / "schema"
    for schema in sorted(config.schema_dir.glob("*.schema.json")):
        if old_schemas.is_dir() and not (old_schemas / schema.name).exists():
            shutil.copyfile(schema, old_schemas / schema.name)


def draft_changes(config: Config, index: SiteIndex) -> tuple[Edition, tuple[RecChange, ...]] | None:
    """The consultation draft and how its recommendations differ from the current ones.

    None when there is no draft, or when its content does not check: building it then reports why.
    """
    draft = next((e for e in index.editions if e.status == "høringsutkast"), None)
    other = draft_index(config, index)
    return (draft, compare(index, other)) if draft is not None and other is not None else None


def previous_changes(config: Config, index: SiteIndex) -> tuple[Edition, tuple[RecChange, ...]] | None:
    """The edition before the current one and how the current recommendations differ from it.

    None when there is no earlier edition, or when it does not check: building it then reports why.
    """
    previous = next((e for e in index.editions if e.status == "tidligere"), None)  # newest first
    other = _index_of(config, previous) if previous is not None else None
    return (previous, compare(other, index)) if previous is not None and other is not None else None


def draft_index(config: Config, index: SiteIndex) -> SiteIndex | None:
    """The resolved index of the consultation draft, or None when there is none or it does not check."""
    draft = next((e for e in index.editions if e.status == "høringsutkast"), None)
    return _index_of(config, draft) if draft is not None else None


_CHECKED: ContextVar[dict[str, SiteIndex | None] | None] = ContextVar("kb_checked_editions", default=None)


@contextlib.contextmanager
def keeping_checked(store: dict[str, SiteIndex | None]) -> Iterator[None]:
    """Keep the index of each edition checked here in ``store``, by commit, and use it again.

    The preview checks the same earlier edition and draft after every save; a commit does not
    change, so each is taken from git and checked once (the caller empties ``store`` when the
    schemas change, which an edition is checked with).
    """
    token = _CHECKED.set(store)
    try:
        yield
    finally:
        _CHECKED.reset(token)


def _index_of(config: Config, edition: Edition) -> SiteIndex | None:
    """The resolved index of an edition built from its git ref, or None when it cannot be checked."""
    try:
        commit = _resolve(config.root, edition.ref or "")
    except KbError:
        return None
    store = _CHECKED.get()
    if store is None:
        return _check_commit(config, commit)
    if commit not in store:
        store[commit] = _check_commit(config, commit)
    return store[commit]


def _check_commit(config: Config, commit: str) -> SiteIndex | None:
    from kb_build.build import check

    try:
        with tempfile.TemporaryDirectory(prefix="kb-utgave-") as tmp:
            _extract(config, commit, Path(tmp) / "kilde")
            result = check(make_config(Path(tmp) / "kilde"))
    except (KbError, OSError, tarfile.TarError):
        return None
    if result.index is None or result.failed(strict=False):
        return None
    return result.index


@cache
def _fingerprint() -> str:
    """A hash of this generator's code and theme: a new generator rebuilds cached editions."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".css", ".js", ".svg"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
