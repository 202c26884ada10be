"""Consultation responses: read the response files respondents download, merge them into one report.

A response file is CSV in UTF-8 with a BOM, ``;`` between fields, one comment per row; its
columns are the properties of ``schema/horingssvar.schema.json``, which is the one definition of
the format (the browser form writes it, this module reads it, CONTRIBUTING explains it). A bad
file or row becomes a :class:`Problem` with ``path:line:col``; the other files are still read.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from kb_build.config import Config
from kb_build.errors import ConfigError, Problem, SourcePos
from kb_build.messages import message_for
from kb_build.resolve import SiteIndex

SCHEMA = "horingssvar.schema.json"
REPORT_MD = "horingssvar.md"
REPORT_CSV = "horingssvar.csv"
COUNTS_CSV = "horingssvar-telling.csv"
MAX_BYTES = 10_000_000
"""A response file larger than this is refused: work stays bounded."""
GENERAL, CHAPTER = "generelt:", "kapittel:"


@dataclass(frozen=True, order=True)
class Response:
    """One comment from one respondent, with where it was read."""

    gjelder: str
    organisasjon: str
    organisasjonstype: str
    navn: str
    kommentartype: str
    kommentar: str
    dato: str
    fil: str
    linje: int


@dataclass(frozen=True)
class Collected:
    """Every valid comment from every file, the problems found, and how many files were read."""

    responses: tuple[Response, ...]
    problems: tuple[Problem, ...]
    files: int
    duplicates: int


def subjects(index: SiteIndex | None) -> dict[str, str]:
    """What a comment can be about, in the guideline's order: ``gjelder`` key -> readable title."""
    if index is None:
        return {}
    found = {f"{CHAPTER}{c.id}": f"Kapittel {c.nummer}: {c.tittel}" for c in index.chapters}
    found.update({r.id: f"{r.seksjon} {r.tittel}" for r in index.recommendations})
    order = {key: n for n, key in enumerate(_guideline_order(index))}
    ordered = dict(sorted(found.items(), key=lambda item: order.get(item[0], len(order))))
    questions = [q for e in index.editions if e.status == "høringsutkast" for q in e.sporsmal]
    return ordered | {f"{GENERAL}{q.id}": f"Generelt: {q.navn}" for q in questions}


def _guideline_order(index: SiteIndex) -> Iterable[str]:
    for ch in index.chapters:
        yield f"{CHAPTER}{ch.id}"
        yield from (r.id for r in index.recommendations if r.kapittel == ch.nummer)


def load_schema(schema_dir: Path) -> dict[str, Any]:
    """The response format, from the project's schema folder."""
    path = schema_dir / SCHEMA
    try:
        schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"svarformatet {path} kan ikke leses: {exc}") from exc
    return schema


def collect(paths: Sequence[Path], schema: dict[str, Any], known: dict[str, str]) -> Collected:
    """Read every response file; a problem in one never stops the others."""
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    columns = list(schema["properties"])
    responses: list[Response] = []
    problems: list[Problem] = []
    for path in paths:
        found, trouble = read_file(path, str(path), validator, columns, known)
        responses.extend(found)
        problems.extend(trouble)
    unique = sorted(responses, key=lambda r: (r.fil, r.linje))
    seen: set[tuple[object, ...]] = set()
    kept = []
    for r in unique:
        content = astuple(r)[:-2]  # the same comment sent twice counts once
        if content not in seen:
            seen.add(content)
            kept.append(r)
    return Collected(tuple(kept), tuple(sorted(problems)), len(paths), len(unique) - len(kept))


def read_file(
    path: Path, shown: str, validator: Draft202012Validator, columns: list[str], known: dict[str, str]
) -> tuple[list[Response], list[Problem]]:
    """Read one response file: its valid rows, and a problem for each bad row or for the file."""

    def problem(line: int, col: int, where: str, message: str) -> Problem:
        return Problem(SourcePos(shown, line, col), where, message)

    try:
        if path.stat().st_size > MAX_BYTES:
            return [], [problem(1, 1, "$", f"filen er for stor (høyst {MAX_BYTES // 1_000_000} MB)")]
        raw = path.read_bytes()
    except OSError as exc:
        return [], [problem(1, 1, "$", f"filen kan ikke leses ({exc.strerror or exc})")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [], [problem(line, 1, "$", "filen er ikke lagret som UTF-8; lagre den som «CSV UTF-8» og prøv igjen")]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    responses: list[Response] = []
    problems: list[Problem] = []
    try:
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            return [], [problem(1, 1, "$", f"filen er tom; første linje skal være {';'.join(columns)}")]
        header = [h.strip() for h in header]
        trouble = _header_problems(header, columns)
        if trouble:
            return [], [problem(1, col, "$", message) for col, message in trouble]
        end = reader.line_num
        for row in reader:
            line, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                problems.append(
                    problem(
                        line,
                        1,
                        "$",
                        f"raden har {len(row)} felt, men overskriften har {len(header)}; "
                        "står en tekst med semikolon uten anførselstegn rundt?",
                    )
                )
                continue
            record = {name: _clean(cell) for name, cell in zip(header, row, strict=True)}
            found = _row_problems(record, validator, known)
            if found:
                problems.extend(problem(line, header.index(name) + 1, name, msg) for name, msg in found)
                continue
            responses.append(Response(fil=shown, linje=line, **{k: record[k] for k in columns}))
    except csv.Error as exc:  # the rest of the file cannot be read reliably; keep what came before
        problems.append(problem(reader.line_num, 1, "$", f"ugyldig CSV, resten av filen er ikke lest: {exc}"))
    return responses, problems


def _clean(cell: str) -> str:
    return cell.replace("\r\n", "\n").strip()


def _header_problems(header: list[str], columns: list[str]) -> list[tuple[int, str]]:
    if len(header) == 1 and ("," in header[0] or "\t" in header[0]):
        return [(1, "feltene er ikke skilt med semikolon (;); lagre filen som CSV med semikolon")]
    found: list[tuple[int, str]] = []
    for col, name in enumerate(header, start=1):
        if header.index(name) != col - 1:
            found.append((col, f"kolonnen «{name}» står mer enn én gang"))
        elif name not in columns:
            close = difflib.get_close_matches(name, columns, n=1)
            hint = f"; mente du «{close[0]}»?" if close else f"; kolonnene er: {', '.join(columns)}"
            found.append((col, f"ukjent kolonne «{name}»{hint}"))
    found.extend((1, f"mangler kolonnen «{name}»") for name in columns if name not in header)
    return found


def _row_problems(
    record: dict[str, str], validator: Draft202012Validator, known: dict[str, str]
) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for error in sorted(validator.iter_errors(record), key=lambda e: list(map(str, e.path))):
        name = str(error.path[0]) if error.path else next(iter(record))
        found.setdefault(name, message_for(error))
    subject = record.get("gjelder", "")
    if "gjelder" not in found and subject not in known and _checkable(subject, known):
        close = difflib.get_close_matches(subject, list(known), n=1)
        what = {GENERAL: "generelt spørsmål", CHAPTER: "kapittel"}.get(subject.split(":")[0] + ":", "anbefaling")
        found["gjelder"] = f"ukjent {what} «{subject}»" + (f"; mente du «{close[0]}»?" if close else "")
    return list(found.items())


def _checkable(subject: str, known: dict[str, str]) -> bool:
    """General questions are checked when the consultation declares them; the rest when the project loads."""
    if subject.startswith(GENERAL):
        return any(key.startswith(GENERAL) for key in known)
    return bool(known)


def report_markdown(collected: Collected, known: dict[str, str]) -> str:
    """The report for the publisher: counts by type of organisation, then every comment by subject."""
    rs = collected.responses
    orgs = {r.organisasjon for r in rs}
    lines = [
        "# Samlede høringssvar",
        "",
        f"{_n(len(rs), 'kommentar', 'kommentarer')} fra {_n(len(orgs), 'organisasjon', 'organisasjoner')}, "
        f"lest fra {_n(collected.files, 'fil', 'filer')}.",
    ]
    if collected.problems:
        files = len({p.pos.path for p in collected.problems})
        lines.append(f"{len(collected.problems)} feil i {_n(files, 'fil', 'filer')}: rader med feil er ikke tatt med.")
    if collected.duplicates:
        lines.append(
            f"{_n(collected.duplicates, 'kommentar', 'kommentarer')} sto mer enn én gang og er tatt med én gang."
        )
    lines += [
        "",
        "## Organisasjoner etter type",
        "",
        "| Type organisasjon | Organisasjoner | Kommentarer |",
        "| --- | ---: | ---: |",
    ]
    for kind, (n_orgs, n_comments) in _by_org_type(rs).items():
        lines.append(f"| {_md(kind)} | {n_orgs} | {n_comments} |")
    lines += ["", "## Kommentarer etter hva de gjelder"]
    for subject, group in _by_subject(rs, known).items():
        by_type = Counter(r.organisasjonstype for r in group)
        kinds = Counter(r.kommentartype for r in group)
        lines += [
            "",
            f"### {_md(_title(subject, known))}",
            "",
            f"`{subject}` · {_n(len(group), 'kommentar', 'kommentarer')} fra "
            f"{_n(len({r.organisasjon for r in group}), 'organisasjon', 'organisasjoner')} "
            f"({_counts(by_type)}) · {_counts(kinds)}",
        ]
        for r in group:
            who = ", ".join(_md(x) for x in (r.kommentartype, r.dato, r.navn) if x)
            lines += ["", f"#### {_md(r.organisasjon)} ({_md(r.organisasjonstype)})", "", f"*{who}*", ""]
            lines += [f"> {_md(text)}" if text else ">" for text in r.kommentar.split("\n")]
    return "\n".join(lines) + "\n"


def report_csv(collected: Collected, known: dict[str, str]) -> str:
    """Every comment, grouped by what it is about, in the response format plus title and origin."""
    columns = ["gjelder", "tittel", *(f.name for f in fields(Response) if f.name != "gjelder")]
    rows = [
        [subject, _title(subject, known), *(str(getattr(r, c)) for c in columns[2:])]
        for subject, group in _by_subject(collected.responses, known).items()
        for r in group
    ]
    return _csv([columns, *rows])


def counts_csv(collected: Collected, known: dict[str, str]) -> str:
    """How many organisations of each type commented on each subject."""
    rows: list[list[str]] = [["gjelder", "tittel", "organisasjonstype", "organisasjoner", "kommentarer"]]
    for subject, group in _by_subject(collected.responses, known).items():
        for kind, (n_orgs, n_comments) in _by_org_type(group).items():
            rows.append([subject, _title(subject, known), kind, str(n_orgs), str(n_comments)])
    return _csv(rows)


def write_reports(collected: Collected, known: dict[str, str], out_dir: Path) -> list[Path]:
    """Write the three reports into ``out_dir``, each file replaced whole or not at all."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(f"--ut {out_dir} er en fil, ikke en mappe")
    reports = {
        REPORT_MD: report_markdown(collected, known),
        REPORT_CSV: report_csv(collected, known),
        COUNTS_CSV: counts_csv(collected, known),
    }
    written = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, text in reports.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=out_dir)
            try:
                with os.fdopen(fd, "w", encoding="utf-8-sig" if name.endswith(".csv") else "utf-8", newline="") as fh:
                    fh.write(text)
                Path(tmp).replace(out_dir / name)
            finally:
                Path(tmp).unlink(missing_ok=True)
            written.append(out_dir / name)
    except OSError as exc:  # a full disk or a folder we may not write to: say so, keep what was there
        raise ConfigError(f"kan ikke skrive rapporten i {out_dir}: {exc.strerror or exc}") from exc
    return written


def _by_subject(responses: Iterable[Response], known: dict[str, str]) -> dict[str, list[Response]]:
    """Comments by subject: the guideline's order first, then general questions, then the rest."""
    groups: dict[str, list[Response]] = defaultdict(list)
    for r in responses:
        groups[r.gjelder].append(r)
    order = {key: n for n, key in enumerate(known)}

    def rank(subject: str) -> tuple[int, int, str]:
        if subject in order:
            return (0, order[subject], subject)
        return (1 if subject.startswith(GENERAL) else 2, 0, subject)

    return {
        s: sorted(groups[s], key=lambda r: (r.organisasjon, r.dato, r.fil, r.linje)) for s in sorted(groups, key=rank)
    }


def _by_org_type(responses: Iterable[Response]) -> dict[str, tuple[int, int]]:
    orgs: dict[str, set[str]] = defaultdict(set)
    comments: Counter[str] = Counter()
    for r in responses:
        orgs[r.organisasjonstype].add(r.organisasjon)
        comments[r.organisasjonstype] += 1
    return {kind: (len(orgs[kind]), comments[kind]) for kind in sorted(orgs)}


def _title(subject: str, known: dict[str, str]) -> str:
    if subject in known:
        return known[subject]
    if subject.startswith(GENERAL):
        return f"Generelt: {subject.removeprefix(GENERAL)}"
    return subject


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{_md(k)}: {n}" for k, n in sorted(counter.items()))


_MD_INLINE = re.compile(r"([\\`*_\[\]|])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")


def _md(text: str) -> str:
    """Text from a response file, literal in Markdown: it may come from anyone, so no markup or HTML."""
    text = _MD_INLINE.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    # A backslash before a digit stays visible, so a list number is escaped at its dot instead.
    return _MD_LINE_START.sub(lambda m: m[1] + ("\\" + m[2] if m[2] else f"{m[3]}\\{m[4]}"), text)


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv(rows: list[list[str]]) -> str:
    """CSV for spreadsheets, with ``;``; a cell that a spreadsheet would run as a formula gets a ' first."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerows([["'" + c if c.startswith(_FORMULA_START) else c for c in row] for row in rows])
    return buf.getvalue()


def samle(config: Config, files: Sequence[Path], out_dir: Path) -> tuple[Collected, list[Path]]:
    """Merge ``files`` into reports in ``out_dir``; titles and ids come from the project when it checks.

    When a consultation draft is declared, what it adds (a new recommendation or chapter) is known too,
    and the draft's titles and order are used: the comments were written on the draft.
    """
    from kb_build.build import check
    from kb_build.editions import draft_index

    index = check(config).index
    known = subjects(index)
    draft = draft_index(config, index) if index is not None else None
    if draft is not None:  # respondents comment on the draft: its new recommendations and chapters count too
        drafted = subjects(draft)
        known = drafted | {k: v for k, v in known.items() if k not in drafted}
    collected = collect(files, load_schema(config.schema_dir), known)
    return collected, write_reports(collected, known, out_dir)
