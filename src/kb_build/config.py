"""Where a project's sources live and how a run should behave."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from kb_build.errors import ConfigError


@dataclass(frozen=True)
class Config:
    """Settings for one kb-build run; paths are absolute."""

    root: Path
    """The project folder: holds mkdocs.yml, content/, recommendations/ and schema/."""

    site_dir: Path
    """Where the finished site is published; replaced only after a successful build."""

    strict: bool = False
    """Treat warnings as errors, as CI does on pull requests."""

    fail_on_review: bool = False
    """Fail when a recommendation is flagged for revision (a law changed after its review)."""

    edit_url: str | None = None
    """Base URL for "suggest a change" links; overrides ``redigeringslenke`` in veileder.yaml."""

    @property
    def schema_dir(self) -> Path:
        """The JSON Schemas, one per kind of source."""
        return self.root / "schema"

    @property
    def mkdocs_yml(self) -> Path:
        """The mkdocs configuration: theme, plugins and Markdown extensions."""
        return self.root / "mkdocs.yml"

    def rel(self, path: Path) -> str:
        """Show ``path`` relative to the project root, with forward slashes."""
        return path.relative_to(self.root).as_posix()


def make_config(
    root: Path,
    site_dir: Path | None = None,
    *,
    strict: bool = False,
    fail_on_review: bool = False,
    edit_url: str | None = None,
) -> Config:
    """Check the project layout and return a :class:`Config`, or raise :class:`ConfigError`."""
    root = root.resolve()
    missing = [name for name in ("mkdocs.yml", "content", "recommendations", "schema") if not (root / name).exists()]
    if missing:
        raise ConfigError(f"{root} er ikke en veiledermappe (mangler {', '.join(missing)}); oppgi mappen med --root")
    site = (site_dir if site_dir is not None else root / "site").resolve()  # checked by write.check_site_dir
    if edit_url is not None and not (edit_url.startswith("https://") and edit_url.endswith("/")):
        raise ConfigError(f"--edit-url {edit_url}: adressen må begynne med https:// og slutte med /")
    return Config(root=root, site_dir=site, strict=strict, fail_on_review=fail_on_review, edit_url=edit_url)


def site_url(mkdocs_yml: Path) -> str | None:
    """The ``site_url`` set in mkdocs.yml, or None; absolute links (as in the change feed) start with it.

    The file is composed, not constructed, so mkdocs' own tags (``!ENV``, ``!!python/name``) do not
    stop us; a ``site_url`` given by such a tag counts as not set.
    """
    try:
        node = yaml.compose(mkdocs_yml.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{mkdocs_yml.name} kan ikke leses: {exc}") from exc
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if key.value == "site_url" and isinstance(value, yaml.ScalarNode) and value.tag.endswith(":str"):
            return str(value.value) or None
    return None
