"""Review summary of recommendation changes between a git ref and the working tree.

Strength and legal-basis changes come first: they are what a reviewer must never miss.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kb_build.errors import ConfigError
from kb_build.yamlio import Loaded, load_bytes

FOLDER = "recommendations"


@dataclass(frozen=True)
class Changed:
    """One recommendation present on both sides whose content differs."""

    id: str
    tittel: str
    felt: list[str]
    styrke: tuple[str, str] | None = None
    hjemmel_lagt_til: list[str] = field(default_factory=list)
    hjemmel_fjernet: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Summary:
    """What changed in the recommendations."""

    base: str
    nye: list[dict[str, str]]
    fjernet: list[dict[str, str]]
    ny_id: list[dict[str, str]]
    endret: list[Changed]
    uleselige: list[str]
    brutt: list[dict[str, str]] = field(default_factory=list)
    """Published URLs that would stop working: no recommendation has that id or lists it in tidligere_id."""
    merknader: list[str] = field(default_factory=list)
    """What could not be compared, and why."""

    def to_json(self) -> str:
        """The summary as JSON, for tools."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)


def git(root: Path, *args: str) -> bytes:
    """Run git in ``root`` and return its output, or raise :class:`ConfigError`."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = (
            exc.stderr.decode("utf-8", "replace").strip() if isinstance(exc, subprocess.CalledProcessError) else exc
        )
        raise ConfigError(f"git {' '.join(args)} feilet" + (f": {detail}" if detail else "")) from exc
    return done.stdout


def default_base(root: Path) -> str:
    """The merge base with main, so a branch is compared with where it started."""
    return git(root, "merge-base", "HEAD", "main").decode().strip()


def _base_files(root: Path, ref: str) -> dict[str, bytes]:
    try:
        git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except ConfigError:
        raise ConfigError(f"fant ikke git-referansen «{ref}»; oppgi en gren, en tagg eller en commit") from None
    names = git(root, "ls-tree", "-r", "--name-only", ref, "--", FOLDER).decode("utf-8").splitlines()
    # ``REF:./path`` is relative to ``-C root``; ``REF:path`` would be relative to the repository's top.
    return {n: git(root, "show", f"{ref}:./{n}") for n in names if n.endswith(".yaml")}


def _work_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / FOLDER).rglob("*.yaml"))}


def _by_id(files: dict[str, bytes], unreadable: list[str], side: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path, raw in sorted(files.items()):
        loaded = load_bytes(raw, path)
        if isinstance(loaded, Loaded) and isinstance(loaded.data.get("id"), str):
            out[loaded.data["id"]] = {**loaded.data, "_path": path}
        else:
            unreadable.append(f"{path} ({side})")
    return out


def summarise(root: Path, base: str) -> Summary:
    """Compare the recommendations at ``base`` with those in the working tree."""
    unreadable: list[str] = []
    old = _by_id(_base_files(root, base), unreadable, base)
    new = _by_id(_work_files(root), unreadable, "arbeidskopi")
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    renamed = []
    for new_id in list(added):
        match = next((o for o in removed if _same(old[o], new[new_id])), None)
        if match:
            renamed.append({"fra": match, "til": new_id, "tittel": str(new[new_id].get("tittel", ""))})
            added.remove(new_id)
            removed.remove(match)
    kept = {*new, *(old_id for rec in new.values() for old_id in _earlier(rec))}
    successor = {r["fra"]: r["til"] for r in renamed}
    broken = [
        {"url": url(rec_id), "id": rec_id, "tittel": str(rec.get("tittel", "")), "ny_id": successor.get(rec_id, "")}
        for rec_id, rec in sorted(old.items())
        if rec_id not in kept
    ]
    broken += [
        {"url": url(old_id), "id": old_id, "tittel": str(rec.get("tittel", "")), "ny_id": successor.get(rec_id, "")}
        for rec_id, rec in sorted(old.items())
        for old_id in _earlier(rec)
        if old_id not in kept
    ]
    notes: list[str] = []
    broken += _other_pages(root, base, {b["url"] for b in broken}, notes)
    changed = [c for c in (_compare(old[i], new[i]) for i in sorted(set(old) & set(new))) if c is not None]
    return Summary(
        base=base,
        nye=[{"id": i, "tittel": str(new[i].get("tittel", "")), "styrke": _label(new[i])} for i in added],
        fjernet=[{"id": i, "tittel": str(old[i].get("tittel", ""))} for i in removed],
        ny_id=renamed,
        endret=changed,
        uleselige=unreadable,
        brutt=broken,
        merknader=notes,
    )


def _other_pages(root: Path, base: str, known: set[str], notes: list[str]) -> list[dict[str, str]]:
    """Published URLs other than recommendation pages (chapters, stories, data files) that disappear."""
    from kb_build.published import urls_at, urls_in

    before, after = urls_at(root, base), urls_in(root)
    if before is None or after is None:
        side = base if before is None else "arbeidskopien"
        notes.append(
            f"Innholdet i {side} kan ikke bygges med dagens kode og skjemaer, så bare anbefalingenes "
            "nettadresser er sammenlignet."
        )
        return []
    gone = sorted(u for u in before - after if u not in known and not u.startswith(PAGES))
    return [{"url": u, "id": "", "tittel": "", "ny_id": ""} for u in gone]


PAGES = "anbefalinger/"
"""Where recommendation pages are published; compared by id above, with titles and renames."""


def url(rec_id: str) -> str:
    """The published address of a recommendation, relative to the site root."""
    return f"{PAGES}{rec_id}.html"


def _earlier(rec: dict[str, Any]) -> list[str]:
    earlier = rec.get("tidligere_id")
    return [i for i in earlier if isinstance(i, str)] if isinstance(earlier, list) else []


def _same(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Tell whether a new id is the old recommendation renamed, even if its title changed too."""
    if old.get("id") in _earlier(new):
        return True
    return any(old.get(k) is not None and old.get(k) == new.get(k) for k in ("tittel", "sammendrag", "tekst"))


def _compare(a: dict[str, Any], b: dict[str, Any]) -> Changed | None:
    keys = [k for k in dict.fromkeys([*a, *b]) if a.get(k) != b.get(k)]
    if not keys:
        return None
    # The label a reader sees: the strength word, or the kind (lovkrav, eksempel) when there is none.
    strength = (_label(a), _label(b)) if {"styrke", "art"} & set(keys) else None
    old_legal, new_legal = list(a.get("hjemmel") or []), list(b.get("hjemmel") or [])
    return Changed(
        id=str(b["id"]),
        tittel=str(b.get("tittel", "")),
        felt=["fil" if k == "_path" else k for k in keys],
        styrke=strength,
        hjemmel_lagt_til=[k for k in new_legal if k not in old_legal],
        hjemmel_fjernet=[k for k in old_legal if k not in new_legal],
    )


def _label(rec: dict[str, Any]) -> str:
    return str(rec.get("styrke") or rec.get("art", ""))


def to_markdown(s: Summary) -> str:
    """A pull-request comment: the most consequential changes first."""
    lines = [f"## Endringer i anbefalinger (sammenlignet med `{s.base[:12]}`)", ""]
    if s.brutt:
        lines += [
            f"### ⛔ Nettadresser som slutter å virke ({len(s.brutt)})",
            "",
            "Bokmerker og lenker hit blir brutt. Skriv den gamle ID-en i `tidligere_id` på anbefalingen "
            "som tar over, så sender den gamle adressen leseren videre.",
            "",
            *(
                f"- `{b['url']}`"
                + (f": {b['tittel']}" if b["tittel"] else "")
                + (f" (tidligere_id: {b['id']} i `{b['ny_id']}`)" if b["ny_id"] else "")
                for b in s.brutt
            ),
            "",
        ]
    strength = [c for c in s.endret if c.styrke]
    legal = [c for c in s.endret if c.hjemmel_lagt_til or c.hjemmel_fjernet]
    other = [c for c in s.endret if c not in strength and c not in legal]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend([f"### {title} ({len(items)})", "", *items, ""])

    section(
        "⚠️ Styrke endret", [f"- `{c.id}`: **{c.styrke[0]} → {c.styrke[1]}** – {c.tittel}" for c in strength if c.styrke]
    )
    section(
        "⚠️ Hjemmel endret",
        [
            f"- `{c.id}`: "
            + ", ".join([*(f"+ {k}" for k in c.hjemmel_lagt_til), *(f"− {k}" for k in c.hjemmel_fjernet)])
            + f" – {c.tittel}"
            for c in legal
        ],
    )
    section("Nye anbefalinger", [f"- `{n['id']}` ({n['styrke']}): {n['tittel']}" for n in s.nye])
    section("Fjernede anbefalinger", [f"- `{r['id']}`: {r['tittel']}" for r in s.fjernet])
    section("Ny ID (nettadressen endres!)", [f"- `{r['fra']}` → `{r['til']}`: {r['tittel']}" for r in s.ny_id])
    section("Andre endringer", [f"- `{c.id}`: {', '.join(c.felt)}" for c in other])
    section("Filer som ikke kunne leses", [f"- `{u}`" for u in s.uleselige])
    section("Merknader", [f"- {n}" for n in s.merknader])
    if len(lines) == 2:
        lines.append("Ingen endringer i anbefalingene.")
    return "\n".join(lines).rstrip() + "\n"
