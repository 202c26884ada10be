"""A valid new recommendation file for an editor to fill in."""

from __future__ import annotations

import json
import re
from datetime import date

from kb_build.resolve import TITLE_STRENGTH, SiteIndex

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e"})


def slug(text: str, limit: int = 50) -> str:
    """A readable ASCII id part: «Koordinatoren må…» -> «koordinatoren-ma»."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(_FOLD)).strip("-")
    return words[:limit].rstrip("-") or "ny-anbefaling"


def new_recommendation(index: SiteIndex, chapter: int, section: str | None, title: str, today: date) -> tuple[str, str]:
    """Return (path, YAML text) for a new recommendation that passes ``kb-build check``."""
    ch = index.chapter_by_number.get(chapter)
    if ch is None:
        raise ValueError(f"kapittel {chapter} finnes ikke")
    sections = [s.nummer for s in ch.seksjoner]
    section = section or sections[0]
    if section not in sections:
        raise ValueError(f"seksjon {section} finnes ikke i kapittel {chapter} ({', '.join(sections)})")
    verb = TITLE_STRENGTH.search(title)
    strength = verb.group(1).lower() if verb else "kan"
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
hjemmel: []
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
    return f"recommendations/kapittel-{chapter:02d}/{rec_id}.yaml", text
