"""Front matter of generated pages: what mkdocs and the theme read before a page's Markdown.

A script that only one kind of page uses is named in that page's front matter (``kb_scripts``)
and loaded by the theme's main.html on that page alone, after Material's bundle and assets/kb.js,
once the page has painted. Every other page is spared the request.
"""

from __future__ import annotations

CLIPBOARD = "assets/clipboard.js"
DECISION = "assets/decision.js"
FILTERS = "assets/kb-filters.js"
CHECKLIST = "assets/kb-checklist.js"
COURSE = "assets/kb-course.js"


def front_matter(*, search: bool = True, scripts: tuple[str, ...] = ()) -> str:
    """YAML front matter: ``search=False`` keeps the page out of Material's index; ``scripts`` are loaded on it."""
    lines = [] if search else ["search:", "  exclude: true"]
    if scripts:
        lines += ["kb_scripts:", *(f"  - {script}" for script in scripts)]
    return "---\n" + "\n".join(lines) + "\n---\n" if lines else ""
