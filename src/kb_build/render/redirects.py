"""Pages at earlier URLs that send the reader on to the current page.

A published URL is a promise: it is bookmarked, printed and put in procedures. When a
recommendation's id changes, the old id stays in ``tidligere_id``; when any other page moves, the
guideline lists it in ``flyttede_sider``. Each old URL gets a small page of its own: a meta
refresh and a canonical link for browsers and search engines, and a plain link for everyone else.
It is a file, not server configuration, so it works from a folder (file://) and on any static host.
"""

from __future__ import annotations

from collections.abc import Collection

from kb_build.errors import BuildError
from kb_build.render import paths
from kb_build.render.html import Markup
from kb_build.resolve import SiteIndex

SOURCE = "content/veileder.yaml"
"""Where moved pages are listed, named in messages."""

_PAGE = Markup("""\
<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={href}">
<link rel="canonical" href="{href}">
<title>Flyttet: {title}</title>
</head>
<body>
<main>
<h1>{heading}</h1>
<p><a href="{href}">{text}</a></p>
</main>
</body>
</html>
""")


def redirect_pages(index: SiteIndex, built: Collection[str]) -> dict[str, str]:
    """Return one redirect page per earlier id and per moved page, keyed by the old page's path in the site.

    ``built`` holds the docs paths of the pages that are built: a moved page must lead to one of
    them, and must not have the address of one.
    """
    pages: dict[str, str] = {}
    for rec in index.recommendations:
        target = paths.recommendation(rec)
        for old_id in rec.tidligere_id:
            old = paths.url(paths.recommendation(old_id))
            pages[old] = str(
                _PAGE.format(
                    href=paths.href(old, target),
                    title=rec.tittel,
                    text=rec.tittel,
                    heading="Anbefalingen har fått ny adresse",
                )
            )
    published = {paths.url(page): page for page in built}
    for old, new in index.guideline.flyttede_sider:
        if new not in published:
            raise BuildError(f"{SOURCE}: flyttede_sider: {new} er ikke en side som bygges; skriv adressen siden har nå")
        if old in published or old in pages:
            raise BuildError(f"{SOURCE}: flyttede_sider: {old} er fortsatt en side på nettstedet; fjern den fra listen")
        pages[old] = str(
            _PAGE.format(
                href=paths.href(old, published[new]),
                title=index.guideline.tittel,
                text=f"Gå til siden på den nye adressen ({new})",
                heading="Siden har fått ny adresse",
            )
        )
    return pages
