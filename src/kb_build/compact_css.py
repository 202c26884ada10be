"""A stylesheet without its comments and needless whitespace, for the copy a site ships.

The stylesheets in the repository stay commented and readable; the browser gets fewer bytes
before its first paint. Deterministic, and no rule changes: strings (``content: " · "``) are
kept as written, and whitespace is only dropped where CSS gives it no meaning.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r"""(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
    r"""|(?P<comment>/\*.*?(?:\*/|\Z))"""
    r"""|(?P<space>\s+)"""
    r"""|(?P<punct>[{};:,>~!)])"""
    r"""|(?P<word>[^"'{};:,>~!)\s/]+|/)""",
    re.DOTALL,
)
_TIGHT = frozenset("{};,>~")
"""Whitespace on either side of these means nothing. Not ``+`` (``calc(1px + 2px)``), not ``(``
(``and (max-width: …)``), and ``:`` only inside declarations (``a :hover`` is not ``a:hover``)."""
_TIGHT_IN_DECLARATIONS = _TIGHT | {":", "!"}


def compact_css(source: str) -> str:
    """``source`` with comments removed and whitespace reduced to the single spaces CSS needs."""
    out: list[str] = []
    space = False
    blocks: list[bool] = []  # per open brace: does it hold declarations (not rules, as @media does)?
    prelude_at = False  # the current prelude starts with an at-keyword
    for match in _TOKEN.finditer(source):
        kind, text = match.lastgroup, match.group()
        if kind == "comment":
            continue  # separates nothing: «.a/**/.b» is «.a.b»
        if kind == "space":
            space = bool(out)
            continue
        in_declarations = bool(blocks) and blocks[-1]
        tight = _TIGHT_IN_DECLARATIONS if in_declarations else _TIGHT
        if space and out and out[-1] not in tight and text not in tight and text != ")":
            out.append(" ")
        space = False
        if text == "}" and out and out[-1] == ";":
            out.pop()  # the last declaration needs no semicolon
        out.append(text)
        if text == "{":
            blocks.append(not prelude_at or not _holds_rules(out))
            prelude_at = False
        elif text == "}":
            if blocks:
                blocks.pop()
            prelude_at = False
        elif text == ";" and not in_declarations:
            prelude_at = False  # after @import …; a new prelude starts
        elif kind == "word" and text.startswith("@") and not in_declarations:
            prelude_at = True
    return "".join(out)


def _holds_rules(out: list[str]) -> bool:
    """Whether the at-rule whose ``{`` was just written holds rules (@media, @supports) rather than declarations (@page)."""
    for token in reversed(out):
        if token.startswith("@"):
            return token.lower() in ("@media", "@supports", "@layer", "@container", "@document")
    return False
