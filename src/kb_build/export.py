"""Open data: the recommendations, checklists, stories and rules as JSON, and self-assessment CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from kb_build.model import Recommendation
from kb_build.render import editions, paths
from kb_build.render.common import KIND_EXPLANATIONS
from kb_build.render.html import KIND_NAMES, LABEL_NAMES, inline_markdown
from kb_build.render.reuse import per_recommendation
from kb_build.resolve import SiteIndex

RECOMMENDATIONS = "data/anbefalinger.json"
CHECKLISTS = "data/sjekklister.json"
STORIES = "data/historier.json"
RULES = "data/beslutningsregler.json"
SELF_ASSESSMENT = "data/egenvurdering.csv"
SELF_ASSESSMENT_STATUSES = ("Innført", "Delvis innført", "Ikke innført", "Ikke relevant")


def self_assessment_file(chapter: int | None = None) -> str:
    """The self-assessment CSV for the whole guideline, or for one chapter."""
    return SELF_ASSESSMENT if chapter is None else f"data/egenvurdering-kapittel-{chapter}.csv"


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _dump_list(head: dict[str, Any], key: str, items: list[str]) -> str:
    """What :func:`_dump` writes for ``head`` with ``key`` last, holding the items already dumped by :func:`_item_json`."""
    text = _dump({**head, key: []})
    if not items:
        return text
    assert text.endswith("[]\n}\n")  # the shape _dump gives a list that ends the object
    parts = [text[: -len("[]\n}\n")] + "[\n"]
    for item in items:
        parts += (item, ",\n")
    parts[-1] = "\n  ]\n}\n"
    return "".join(parts)  # one copy of a text that is megabytes at a few thousand items


def _item_json(item: object) -> str:
    """One item of a list at the second level of a :func:`_dump`, as _dump would indent it there."""
    return "    " + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")


@per_recommendation
def _record_json(rec: Recommendation, index: SiteIndex) -> str:
    return _item_json(recommendation_record(rec, index))


def theme_data(index: SiteIndex) -> dict[str, Any]:
    """What the theme shows on every page: the export metadata and the site's words about itself."""
    words = index.guideline.nettsted
    return metadata(index) | {
        "kunngjoring": inline_markdown(words.kunngjoring) if words.kunngjoring else "",
        "forbehold": words.forbehold or "",
    }


def metadata(index: SiteIndex) -> dict[str, Any]:
    """Source, licence and revision facts carried by every export."""
    g = index.guideline
    return {
        "tittel": g.tittel,
        "type": g.type,
        "utgiver": g.utgiver,
        "forst_publisert": g.forst_publisert,
        "sist_faglig_endret": g.sist_faglig_endret,
        **({"offisiell_url": g.offisiell_url} if g.offisiell_url else {}),
        **({"revisjon": g.revisjon.strip()} if g.revisjon else {}),
        "kilde_lisens": {"navn": g.lisens_navn, "url": g.lisens_url, "kreditering": g.kreditering},
        **({"denne_utgaven": g.nettsted.om_utgaven} if g.nettsted.om_utgaven else {}),
        "styrker": {k: {"navn": v[0], "forklaring": v[1]} for k, v in g.styrker.items()},
        "arter": {
            "anbefaling": {"navn": KIND_NAMES["anbefaling"], "forklaring": "Veilederens egen anbefaling, med styrke."},
            **{k: {"navn": KIND_NAMES[k], "forklaring": v[1]} for k, v in KIND_EXPLANATIONS.items()},
        },
        **({"utgaver": editions.records(index)} if index.editions else {}),
    }


def recommendation_record(rec: Recommendation, index: SiteIndex) -> dict[str, Any]:
    """One recommendation as open data."""
    flags = index.review_flags.get(rec.id, ())
    return {
        "id": rec.id,
        "tittel": rec.tittel,
        "art": rec.art,
        "styrke": rec.styrke,
        "merke": LABEL_NAMES[rec.label],
        "kapittel": rec.kapittel,
        "seksjon": rec.seksjon,
        "sammendrag": rec.sammendrag,
        "tekst": rec.tekst,
        "praktisk": rec.praktisk,
        "begrunnelse": rec.begrunnelse,
        "faglig_grunnlag": rec.faglig_grunnlag,
        "hjemmel": [
            {
                "nøkkel": src.key,
                "lov": src.lov,
                "paragraf": src.paragraf,
                "tittel": src.tittel,
                "url": src.url,
                "endret": src.endret,
                "endret_kilde": src.kilde,
            }
            for src in (index.legal[k] for k in rec.hjemmel)
        ],
        "referanser": [
            {
                "nøkkel": ref.key,
                "tittel": ref.tittel,
                "utgiver": ref.utgiver,
                "år": ref.ar,
                "url": ref.url,
                "type": ref.type,
            }
            for ref in (index.references[k] for k in rec.referanser)
        ],
        "målgruppe": list(rec.malgruppe),
        "fase": list(rec.fase),
        "relatert": list(rec.relatert),
        "status": rec.status,
        "sist_vurdert": rec.sist_vurdert,
        "sist_endret": rec.sist_endret,
        "til_revisjon": [{"nøkkel": s.key, "endret": s.endret, "kilde": s.kilde} for s in flags],
        "endringer": [{"dato": c.dato, "beskrivelse": c.beskrivelse} for c in rec.endringer],
        "url": paths.url(paths.recommendation(rec)),
    }


def recommendations_json(index: SiteIndex) -> str:
    """The open-data file of the recommendations (:data:`RECOMMENDATIONS`), the largest of them."""
    return _dump_list(
        {"veileder": metadata(index)}, "anbefalinger", [_record_json(r, index) for r in index.recommendations]
    )


def render_exports(index: SiteIndex) -> dict[str, str | bytes]:
    """The other open-data files, keyed by their path in the site: one per kind of content the guideline has."""
    meta = metadata(index)
    files: dict[str, str | bytes] = {SELF_ASSESSMENT: self_assessment_csv(index, None)}
    for chapter in index.chapters:
        if any(r.kapittel == chapter.nummer for r in index.recommendations):
            files[self_assessment_file(chapter.nummer)] = self_assessment_csv(index, chapter.nummer)
    if index.checklists:
        files[CHECKLISTS] = _dump(
            {
                "veileder": meta,
                "sjekklister": [
                    {
                        "id": c.id,
                        "tittel": c.tittel,
                        "type": c.type,
                        "rolle": c.rolle,
                        "url": paths.url(paths.checklist(c)),
                        "punkter": [
                            {
                                "id": p.id,
                                "tekst": p.tekst,
                                "anbefaling": p.anbefaling,
                                "art": index.by_id[p.anbefaling].art,
                                "styrke": index.by_id[p.anbefaling].styrke,
                            }
                            for p in c.punkter
                        ],
                    }
                    for c in index.checklists
                ],
            }
        )
    if index.stories:
        files[STORIES] = _dump(
            {
                "veileder": meta,
                "historier": [
                    {
                        "id": s.id,
                        "tittel": s.tittel,
                        "oppdiktet": True,
                        "sammendrag": s.sammendrag,
                        "tema": list(s.tema),
                        "kriterier": list(s.kriterier),
                        "tilstander": list(s.tilstander),
                        "anbefalinger": list(s.anbefalinger),
                        "roller": list(s.roller),
                        "varighet_minutter": s.varighet_minutter,
                        "url": paths.url(paths.story(s)),
                    }
                    for s in index.stories
                ],
            }
        )
    if index.rules is not None:
        files[RULES] = _dump(
            {
                "veileder": meta,
                "regler": [
                    {
                        "id": r.id,
                        "tittel": r.tittel,
                        "nar": {
                            k: list(v) if isinstance(v, tuple) else v
                            for k, v in vars(r.nar).items()
                            if v not in (None, ())
                        },
                        "forklaring": r.forklaring,
                        "anbefalinger": list(r.anbefalinger),
                        "hjemler": list(r.hjemler),
                    }
                    for r in index.rules.regler
                ],
            }
        )
    return files


def self_assessment_csv(index: SiteIndex, chapter: int | None) -> bytes:
    """A sheet a municipality fills in: UTF-8 with BOM and «;», so Norwegian Excel opens it right."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            "ID",
            "Kapittel",
            "Seksjon",
            "Tittel",
            "Hva slags utsagn",
            "Styrke",
            "Til revisjon",
            "Hjemmel",
            "Lenke",
            f"Status hos oss ({' / '.join(SELF_ASSESSMENT_STATUSES)})",
            "Ansvarlig",
            "Tiltak",
            "Frist",
        ]
    )
    rows = [_self_assessment_row(rec, index) for rec in index.recommendations if chapter in (None, rec.kapittel)]
    return ("\ufeff" + out.getvalue() + "".join(rows)).encode("utf-8")


@per_recommendation
def _self_assessment_row(rec: Recommendation, index: SiteIndex) -> str:
    """One recommendation's row of the self-assessment sheet, as the sheet's writer writes it."""
    out = io.StringIO()
    legal = ", ".join(index.legal[k].label for k in rec.hjemmel)
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow(
        [
            rec.id,
            rec.kapittel,
            rec.seksjon,
            rec.tittel,
            KIND_NAMES[rec.art],
            rec.styrke or "",
            "Ja" if rec.id in index.review_flags else "Nei",
            legal,
            _published(index, paths.url(paths.recommendation(rec))),
            "",
            "",
            "",
            "",
        ]
    )
    return out.getvalue()


def _published(index: SiteIndex, url: str) -> str:
    """A site URL, absolute when the site's address is known, so a link in a spreadsheet opens."""
    base = index.guideline.nettadresse
    return f"{base.rstrip('/')}/{url}" if base else url
