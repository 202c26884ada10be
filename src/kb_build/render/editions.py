"""The editions page, the feed entries for editions, and the banner facts an earlier edition shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kb_build.compare import FieldChange, Piece, RecChange
from kb_build.model import Edition
from kb_build.render import paths
from kb_build.render.common import heading
from kb_build.render.feed import FeedEntry
from kb_build.render.front import PAGE as FRONT_PAGE
from kb_build.render.html import Markup, block, esc, html_heading, norwegian_date
from kb_build.resolve import SiteIndex

PAGE = "utgaver/index.md"
DIFF_PAGE = "utgaver/endringer-i-utkastet.md"
STATUS = {"gjeldende": "Gjeldende", "tidligere": "Tidligere", "høringsutkast": "Høringsutkast"}


DRAFT_FOLDER = "horing/"


def folder(edition: Edition) -> str:
    """Where an earlier edition's or the consultation draft's whole site is published."""
    return DRAFT_FOLDER if edition.status == "høringsutkast" else f"utgaver/{edition.versjon}/"


def published(index: SiteIndex) -> tuple[Edition, ...]:
    """The editions built from their git ref, each published in its own folder: earlier ones and the draft."""
    return tuple(e for e in index.editions if e.status != "gjeldende")


def current(index: SiteIndex) -> Edition | None:
    """The edition the site shows at its ordinary URLs."""
    return next((e for e in index.editions if e.status == "gjeldende"), None)


def render_page(index: SiteIndex, *, with_diff: bool = False, since: bool = False) -> str:
    """«Tidligere utgaver»: the current edition first, then every earlier one with its link."""
    now = current(index)
    parts = [heading(1, "Tidligere utgaver")]
    if now is not None:
        parts.append(
            block(
                Markup(
                    "<p>Du leser utgave {}, publisert {}."
                    "{} Tidligere utgaver ligger her uendret, så lenker til dem fortsetter å virke. "
                    "Hver side i en tidligere utgave viser hvor du finner den samme siden i gjeldende utgave.</p>{}"
                ).format(
                    now.versjon,
                    norwegian_date(now.dato),
                    _about(now),
                    Markup('<p><a href="{}">Se hva som er endret i utgave {}</a>.</p>').format(
                        paths.href(PAGE, EDITION_DIFF_PAGE), now.versjon
                    )
                    if since
                    else "",
                )
            )
        )
    earlier = [e for e in published(index) if e.status == "tidligere"]
    if not earlier:
        parts.append(block(Markup("<p>Det finnes ingen tidligere utgaver.</p>")))
    else:
        rows = Markup("").join(
            Markup('<tr><td><a href="{}">Utgave {}</a></td><td>{}</td><td>{}</td></tr>').format(
                paths.href(PAGE, folder(e) + "index.html"), e.versjon, norwegian_date(e.dato), e.beskrivelse or ""
            )
            for e in earlier
        )
        parts.append(
            block(
                Markup(
                    "<table><caption>Tidligere utgaver, nyeste først</caption>"
                    '<thead><tr><th scope="col">Utgave</th><th scope="col">Publisert</th>'
                    '<th scope="col">Hva var nytt</th></tr></thead><tbody>{}</tbody></table>'
                ).format(rows)
            )
        )
    drafts = [e for e in index.editions if e.status == "høringsutkast"]
    for draft in drafts:
        link = Markup('<a href="{}">Les høringsutkastet</a>').format(paths.href(PAGE, folder(draft) + "index.html"))
        if with_diff:
            link += Markup(' eller <a href="{}">se hva som endres</a>').format(paths.href(PAGE, DIFF_PAGE))
        parts.append(
            block(
                Markup("<p>Utgave {} er på høring til og med {}.{} {}.</p>").format(
                    draft.versjon, norwegian_date(draft.frist or draft.dato), _about(draft), link
                )
            )
        )
    return "".join(parts)


def render_diff(index: SiteIndex, draft: Edition, changes: tuple[RecChange, ...]) -> str:
    """What the draft changes, recommendation by recommendation, with word-level diffs.

    Removed words are struck through and added words underlined, and each run also says in
    words what happened to it («fjernet:», «lagt til:»), so no change is shown by colour alone.
    """
    now = current(index)
    parts = [
        heading(1, "Endringer i høringsutkastet"),
        block(
            Markup(
                "<p>Utkastet til utgave {}, på høring til og med {}, sammenlignet med gjeldende utgave {}. {}</p>{}"
            ).format(
                draft.versjon,
                norwegian_date(draft.frist or draft.dato),
                now.versjon if now else "",
                _LEGEND,
                _counts(changes),
            )
        ),
    ]
    sides = _Sides(DIFF_PAGE, folder(draft), "i utkastet", "", "i gjeldende utgave", "Fjernes i utkastet.")
    for change in changes:
        parts.append(heading(2, f"{change.seksjon} {change.tittel}", f"a-{change.id}"))
        parts.append(block(_change(change, sides)))
    return "".join(parts)


EDITION_DIFF_PAGE = "utgaver/endringer-i-denne-utgaven.md"
_LEGEND = "Tekst som er fjernet er gjennomstreket, og ny tekst er understreket; begge er også merket med ord."


def render_edition_diff(index: SiteIndex, previous: Edition, changes: tuple[RecChange, ...]) -> str:
    """What the current edition changed since the previous one, recommendation by recommendation."""
    now = current(index)
    versjon = now.versjon if now else ""
    parts = [
        heading(1, f"Endringer i utgave {versjon}"),
        block(
            Markup(
                "<p>Utgave {} sammenlignet med utgave {} fra "
                "{}: styrke, hjemmel, status og tekst i hver anbefaling som er "
                "endret. {}</p>{}"
            ).format(versjon, previous.versjon, norwegian_date(previous.dato), _LEGEND, _counts(changes))
        ),
    ]
    sides = _Sides(
        EDITION_DIFF_PAGE, "", f"i utgave {versjon}", folder(previous), f"i utgave {previous.versjon}", "Fjernet."
    )
    for change in changes:
        parts.append(heading(2, f"{change.seksjon} {change.tittel}", f"a-{change.id}"))
        parts.append(block(_change(change, sides)))
    return "".join(parts)


def render_rec_changes(index: SiteIndex, previous: Edition, change: RecChange) -> str:
    """The end of a recommendation's page: what changed in it since the previous edition."""
    now = current(index)
    page = paths.recommendation(change.id)
    title = (
        f"Endret siden utgave {previous.versjon}"
        if change.kind == "endret"
        else f"Ny i utgave {now.versjon if now else ''}"
    )
    whole = Markup('<a href="{}">alle endringer i utgaven</a>').format(paths.href(page, EDITION_DIFF_PAGE))
    if change.kind == "ny":
        body = Markup("<p>Anbefalingen fantes ikke i utgave {}. Se også {}.</p>").format(previous.versjon, whole)
    else:
        old = paths.href(page, folder(previous) + paths.url(page))
        rows = Markup("").join(Markup("<dt>{}</dt><dd>{}</dd>").format(f.label, _field(f)) for f in change.fields)
        body = Markup(
            '<p>Slik er anbefalingen endret siden <a href="{}">utgave {}</a> fra {}. '
            '{} Se også {}.</p><dl class="kb-diff-fields">{}</dl>'
        ).format(old, previous.versjon, norwegian_date(previous.dato), _LEGEND, whole, rows)
    return block(html_heading(2, title, "endret-siden-forrige-utgave") + body)


def _counts(changes: tuple[RecChange, ...]) -> Markup:
    count = {kind: sum(1 for c in changes if c.kind == kind) for kind in ("ny", "endret", "fjernet")}
    return Markup("<p>{} nye, {} endrede og {} fjernede anbefalinger.</p>").format(
        count["ny"], count["endret"], count["fjernet"]
    )


@dataclass(frozen=True)
class _Sides:
    """The page a diff is on, and the two editions it compares: folder and how to name it in a link."""

    page: str
    newer: str
    newer_name: str
    older: str
    older_name: str
    removed: str


def _change(change: RecChange, sides: _Sides) -> Markup:
    rec = paths.url(paths.recommendation(change.id))
    newer = Markup('<a href="{}">{}</a>').format(paths.href(sides.page, sides.newer + rec), sides.newer_name)
    older = Markup('<a href="{}">{}</a>').format(paths.href(sides.page, sides.older + rec), sides.older_name)
    if change.kind == "ny":
        return Markup("<p><strong>Ny anbefaling.</strong> Les den {}.</p>").format(newer)
    if change.kind == "fjernet":
        return Markup("<p><strong>{}</strong> Les den {}.</p>").format(sides.removed, older)
    rows = Markup("").join(Markup("<dt>{}</dt><dd>{}</dd>").format(f.label, _field(f)) for f in change.fields)
    return Markup('<p><strong>Endret.</strong> Les den {} eller {}.</p><dl class="kb-diff-fields">{}</dl>').format(
        newer, older, rows
    )


def _field(change: FieldChange) -> Markup:
    # A space between a removal and the addition that replaces it, so the two never read as one word.
    pieces = Markup("").join(_piece(p) for p in change.pieces)
    return Markup('<p class="kb-diff">{}</p>').format(pieces.replace(Markup("</del><ins>"), Markup("</del> <ins>")))


def _piece(piece: Piece) -> Markup:
    if piece.kind == "lik":
        return esc(piece.text)
    tag, said = ("del", "fjernet") if piece.kind == "fjernet" else ("ins", "lagt til")
    return Markup(
        '<{0}><span class="kb-visually-hidden">[{1}: </span>{2}<span class="kb-visually-hidden">]</span></{0}>'
    ).format(tag, said, piece.text)


def _about(edition: Edition) -> Markup:
    return Markup(" {}").format(edition.beskrivelse) if edition.beskrivelse else Markup("")


def records(index: SiteIndex) -> list[dict[str, Any]]:
    """The editions as open data, with where each can be read (``None``: not published here)."""
    return [
        {
            "versjon": e.versjon,
            "dato": e.dato,
            "status": e.status,
            "frist": e.frist,
            "beskrivelse": e.beskrivelse,
            "url": "index.html" if e.status == "gjeldende" else folder(e) + "index.html",
        }
        for e in index.editions
    ]


def feed_entries(index: SiteIndex) -> list[FeedEntry]:
    """One feed entry per edition: when it was published, or sent on consultation."""
    entries = []
    for e in index.editions:
        title = {
            "gjeldende": f"Utgave {e.versjon} er publisert",
            "tidligere": f"Utgave {e.versjon} ble publisert",
            "høringsutkast": f"Utgave {e.versjon} er sendt på høring",
        }[e.status]
        summary = e.beskrivelse or f"{STATUS[e.status]} utgave av {index.guideline.tittel}."
        if e.status == "høringsutkast" and e.frist:
            summary += f" Høringsfrist {norwegian_date(e.frist)}."
        page = {"gjeldende": FRONT_PAGE, "tidligere": PAGE}.get(e.status, folder(e) + "index.html")
        entries.append(FeedEntry(key=f"utgave/{e.versjon}", title=title, summary=summary, dato=e.dato, page=page))
    return entries


def banner(index: SiteIndex, edition: Edition) -> dict[str, Any]:
    """What the pages of an earlier edition or the draft need for their banner (the theme renders it).

    ``rot`` leads from the edition's root folder back to the site's root. The banner does not
    depend on which pages the current edition has, so a cached edition stays valid when pages are
    added; a page with no namesake there is given another link when the edition is copied in.
    """
    now = current(index)
    return {
        "status": edition.status,
        "versjon": edition.versjon,
        "dato": norwegian_date(edition.dato),
        "frist": norwegian_date(edition.frist) if edition.frist else "",
        "gjeldende": now.versjon if now else "",
        "rot": "../" * folder(edition).count("/"),
        "sporsmal": [{"id": q.id, "tittel": q.navn} for q in edition.sporsmal],
    }


SAME_PAGE = '<span class="kb-edition-same">'
"""Opens the theme's link to the same page in the current edition (see ``no_namesake``)."""


def no_namesake(html: str, to_root: str) -> str:
    """Replace the link to the same page in the current edition by a link to its front page."""
    start = html.find(SAME_PAGE)
    if start < 0:
        return html
    end = html.index("</span>", start) + len("</span>")
    return (
        html[:start]
        + f'Siden finnes ikke i gjeldende utgave. <a href="{esc(to_root)}index.html">Gå til gjeldende utgave</a>.'
        + html[end:]
    )
