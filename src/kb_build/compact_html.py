"""A page without the indentation its templates leave between tags, for the copy a site ships.

mkdocs-material's templates and ours are indented for their readers; the browser gets about a
fifth fewer bytes of HTML before it can paint. Only whitespace that contains a line break is
touched, outside elements whose whitespace shows (``pre``, ``textarea``, ``code``, ``kbd``, and the
word diffs that kb.css sets in ``white-space: pre-line``) or is not HTML (``script``, ``style``).
Whitespace between two tags becomes one line break; in text, the spaces and tabs around each line
break go and the line breaks stay. Attribute values are left as they are. Deterministic; what a
reader sees does not change.
"""

from __future__ import annotations

import re

_KEPT = re.compile(
    r"<(pre|textarea|script|style|code|kbd)\b.*?</\1\s*>|<p class=\"kb-diff\">.*?</p>", re.DOTALL | re.IGNORECASE
)
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_INDENTED_BREAKS = re.compile(r"[ \t\f\r]*\n[ \t\f\r\n]*")


def compact_html(html: str) -> str:
    """``html`` with the spaces and tabs around its line breaks removed where they cannot show."""
    out: list[str] = []
    done = 0
    for kept in _KEPT.finditer(html):
        out.append(_compact_text(html[done : kept.start()]))
        out.append(kept.group())
        done = kept.end()
    out.append(_compact_text(html[done:]))
    return "".join(out)


def _compact_text(part: str) -> str:
    """The text between tags of ``part`` compacted; its tags (and their attribute values) as they were."""
    out: list[str] = []
    done = 0
    for tag in _TAG.finditer(part):
        out.append(_INDENTED_BREAKS.sub(_breaks, part[done : tag.start()]))
        out.append(tag.group())
        done = tag.end()
    out.append(_INDENTED_BREAKS.sub(_breaks, part[done:]))
    return "".join(out)


def _breaks(run: re.Match[str]) -> str:
    """One line break for whitespace that is all of the text between two tags, else as many as there were."""
    whole = run.string[run.start() - 1 : run.start()] in ("", ">") and run.string[run.end() : run.end() + 1] in (
        "",
        "<",
    )
    return "\n" if whole else "\n" * run.group().count("\n")
