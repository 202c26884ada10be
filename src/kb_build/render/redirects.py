"""Pages at earlier recommendation URLs that send the reader on to the current page.

A recommendation's URL is a promise: it is bookmarked, printed and put in procedures. When an
id changes, the old id stays in ``tidligere_id`` and its URL gets a small page of its own: a
meta refresh and a canonical link for browsers and search engines, and a plain link for
everyone else. It is a file, not server configuration, so it works from a folder (file://)
and on any static host.
"""

from __future__ import annotations

from kb_build.render import paths
from kb_build.render.html import Markup
from kb_build.resolve import SiteIndex

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
<h1>Anbefalingen har fått ny adresse</h1>
<p><a href="{href}">{title}</a></p>
</main>
</body>
</html>
""")


def redirect_pages(index: SiteIndex) -> dict[str, str]:
    """Return one redirect page per earlier id, keyed by the old page's path in the site."""
    pages: dict[str, str] = {}
    for rec in index.recommendations:
        target = paths.recommendation(rec)
        for old_id in rec.tidligere_id:
            old = paths.url(paths.recommendation(old_id))
            pages[old] = str(_PAGE.format(href=paths.href(old, target), title=rec.tittel))
    return pages
