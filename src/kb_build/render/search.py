"""Search entries for recommendation pages, written from the data instead of parsed from HTML.

Material's search plugin would parse every rendered page again to find its sections. For the
recommendation pages, which are most of the site, we know the sections already, so the build
writes their entries directly (and the pages opt out of the plugin's own indexing). The text
carries the id and the legal references, so «§ 7-2» and ids are searchable.
"""

from __future__ import annotations

from kb_build.render import paths
from kb_build.render.common import search_label
from kb_build.render.html import esc, markdown
from kb_build.resolve import SiteIndex

EXCLUDE = "---\nsearch:\n  exclude: true\n---\n"
"""Front matter that keeps Material's search plugin from indexing a page a second time."""

SearchEntry = dict[str, str | float]

BOOST = 2.0
"""Recommendations are what readers look for; rank them above chapter text that mentions the same words."""


def entries(index: SiteIndex) -> list[SearchEntry]:
    """One entry per recommendation page and per section on it, in site order."""
    out: list[SearchEntry] = []
    g = index.guideline
    for rec in index.recommendations:
        url = paths.url(paths.recommendation(rec))
        chapter = index.chapter_by_number[rec.kapittel]
        lead = (
            f"<p>{esc(search_label(rec, index))} · kapittel {rec.kapittel} "
            f"{esc(chapter.kort_tittel)} · {esc(rec.id)}</p>"
        )
        out.append({"location": url, "title": rec.tittel, "text": lead + markdown(rec.tekst), "boost": BOOST})
        out.append({"location": f"{url}#praktisk", "title": "Praktisk", "text": markdown(rec.praktisk)})
        out.append({"location": f"{url}#begrunnelse", "title": "Begrunnelse", "text": markdown(rec.begrunnelse)})
        legal = "".join(f"<p>{esc(index.legal[k].label)} {esc(index.legal[k].tittel)}</p>" for k in rec.hjemmel)
        if legal:
            cited = "; ".join(f"{index.legal[k].label} ({index.legal[k].tittel})" for k in rec.hjemmel)
            out.append({"location": f"{url}#hjemmel", "title": f"Hjemmel: {cited}", "text": legal})
        roles = ", ".join(g.role_name(r) for r in rec.malgruppe)
        out.append({"location": f"{url}#gjelder-for", "title": "Gjelder for", "text": f"<p>{esc(roles)}</p>"})
    return out
