"""A valid new recommendation file for an editor to fill in."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date

from kb_build.resolve import TITLE_STRENGTH, SiteIndex
from kb_build.schemas import Schemas
from kb_build.validate import validate
from kb_build.yamlio import Loaded, load_bytes

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e"})


def slug(text: str, limit: int = 50) -> str:
    """A readable ASCII id part: «Koordinatoren må…» -> «koordinatoren-ma»."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(_FOLD)).strip("-")
    return words[:limit].rstrip("-") or "ny-anbefaling"


def new_recommendation(
    index: SiteIndex,
    schemas: Schemas,
    chapter: int,
    section: str | None,
    title: str,
    today: date,
    legal: Sequence[str] = (),
) -> tuple[str, str]:
    """Return (path, YAML text) for a new recommendation that passes ``kb-build check --strict``.

    Raises :class:`ValueError` with a plain message, before anything is written, when the title
    or the legal keys would make a file that the check rejects.
    """
    ch = index.chapter_by_number.get(chapter)
    if ch is None:
        raise ValueError(f"kapittel {chapter} finnes ikke")
    sections = [s.nummer for s in ch.seksjoner]
    section = section or sections[0]
    if section not in sections:
        raise ValueError(f"seksjon {section} finnes ikke i kapittel {chapter} ({', '.join(sections)})")
    verb = TITLE_STRENGTH.search(title)
    strength = verb.group(1).lower() if verb else "kan"
    unknown = [key for key in legal if key not in index.legal]
    if unknown:
        raise ValueError(f"ukjent hjemmel «{unknown[0]}»; bruk en nøkkel fra content/hjemler.yaml")
    if strength in ("skal", "må") and not legal:
        raise ValueError(
            f"en {strength}-anbefaling må ha hjemmel: oppgi --hjemmel NØKKEL fra content/hjemler.yaml "
            f"(for eksempel {next(iter(sorted(index.legal)), 'hol-7-2')})"
        )
    # A heading with skal, må or bør is the guideline's own; anything else starts as this edition's example.
    kind = f"art: anbefaling\nstyrke: {strength}" if strength != "kan" else "art: eksempel"
    rec_id = f"{section.replace('.', '-')}-{slug(title)}"
    role = index.guideline.malgrupper[0].id
    day = today.isoformat()
    text = f"""\
# Ny anbefaling. Fyll ut feltene og kjør «kb-build check». Se Feltreferanse for redaktører.
id: {rec_id}
tittel: {json.dumps(title, ensure_ascii=False)}
{kind}
kapittel: {chapter}
seksjon: "{section}"
sammendrag: Skriv én setning som forklarer anbefalingen med egne ord.
tekst: |
  Forklar hva anbefalingen innebærer, med egne ord.
praktisk: |
  - Første konkrete steg.
  - Neste steg.
begrunnelse: |
  Forklar hvorfor anbefalingen er viktig, og hva den bygger på.
hjemmel: {json.dumps(list(dict.fromkeys(legal)))}
målgruppe:
  - {role}
fase: []
relatert: []
status: utkast
sist_vurdert: "{day}"
sist_endret: "{day}"
endringer:
  - dato: "{day}"
    beskrivelse: Ny anbefaling opprettet.
"""
    if rec_id in index.by_id:
        raise ValueError(f"ID-en {rec_id} er allerede brukt; velg en annen tittel")
    rel = f"recommendations/kapittel-{chapter:02d}/{rec_id}.yaml"
    loaded = load_bytes(text.encode("utf-8"), rel)
    problems = [loaded] if not isinstance(loaded, Loaded) else validate(loaded, "anbefaling", schemas)
    if problems:
        first = problems[0]
        raise ValueError(
            f"--tittel kan ikke brukes: {first.message}" if first.json_path == "$.tittel" else first.message
        )
    return rel, text
