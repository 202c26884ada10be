"""Turn jsonschema's validation errors into short messages in plain Norwegian."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jsonschema.exceptions import ValidationError

if TYPE_CHECKING:
    from kb_build.resolve import SiteIndex

_TYPE_NAMES = {
    "string": "tekst",
    "integer": "et heltall",
    "number": "et tall",
    "boolean": "true eller false",
    "array": "en liste",
    "object": "nøkler med verdier",
    "null": "ingen verdi",
}


def describe(value: Any) -> str:
    """Name a YAML value the way an editor would recognise it."""
    if value is None:
        return "ingen verdi"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"tallet {value}"
    if isinstance(value, str):
        return f"«{value}»" if len(value) <= 60 else f"«{value[:57]}…»"
    if isinstance(value, list):
        return "en liste"
    return "nøkler med verdier"


def message_for(error: ValidationError, raw: str | None = None, key: str | None = None) -> str:
    """Return a Norwegian message for ``error``, falling back to jsonschema's own text.

    ``raw`` is the value as written in the YAML file, when it is a plain scalar: ``6.10``
    loads as the number 6.1, and the hint must show what the editor wrote. ``key``: for an
    object with several unknown keys, the one this message is about (default: the first).
    """
    v = error.validator
    arg: Any = error.validator_value
    inst: Any = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if v == "not" and arg == {} and error.path:
        return f"feltet «{error.path[-1]}» er ikke tillatt her. {schema.get('description', '')}".strip()
    if v == "required":
        missing = [name for name in arg if isinstance(inst, dict) and name not in inst]
        return f"mangler det påkrevde feltet «{missing[0]}»" if missing else error.message
    if v == "additionalProperties" and isinstance(inst, dict):
        extra = extra_keys(error)
        name = key if key is not None else (extra[0] if extra else None)
        replaced = schema.get("x-erstattet", {})  # fields an older schema had, with what replaces them
        if name in replaced:
            return f"feltet «{name}» er erstattet; {replaced[name]}"
        hint = suggest(error, name)
        text = f"ukjent felt «{name}»" if name is not None else error.message
        allowed = ", ".join(sorted(schema.get("properties", {})))
        return text + (f"; mente du «{hint}»?" if hint else f"; tillatte felt er: {allowed}")
    if v == "enum":
        return f"{describe(inst)} er ikke en gyldig verdi; bruk en av: {', '.join(map(str, arg))}"
    if v == "const":
        return f"verdien må være {describe(arg)}"
    if v == "type":
        wanted = arg if isinstance(arg, str) else arg[0]
        if wanted == "string" and isinstance(inst, int | float | bool):
            written = raw if raw is not None else _yaml_text(inst)
            found = written if isinstance(inst, bool) else f"tallet {written}"
            return f'forventet tekst, fant {found}; skriv verdien i anførselstegn, for eksempel "{written}"'
        return f"forventet {_TYPE_NAMES.get(wanted, wanted)}, fant {describe(inst)}"
    if v == "format" and arg == "date":
        return f'{describe(inst)} er ikke en gyldig dato; skriv den som "ÅÅÅÅ-MM-DD"'
    if v == "format":
        return f"{describe(inst)} er ikke en gyldig verdi av typen {arg}"
    if v == "pattern":
        title, description = schema.get("title"), schema.get("description")
        rule = f"{title}: {description}" if title and description else description or title
        return f"{describe(inst)} har ikke riktig form" + (f". {rule}" if rule else "")  # never the regex itself
    if v == "minLength":
        return "teksten er tom" if arg <= 1 else f"teksten er for kort (minst {arg} tegn)"
    if v == "maxLength":
        return f"teksten er for lang ({len(inst)} tegn; høyst {arg})"
    if v == "minItems":
        return "listen kan ikke være tom" if arg == 1 else f"listen må ha minst {arg} elementer"
    if v == "maxItems":
        return f"listen kan ha høyst {arg} elementer"
    if v == "uniqueItems":
        return "listen har samme verdi flere ganger"
    if v == "minimum":
        return f"{describe(inst)} er for lite (minst {arg})"
    if v == "maximum":
        return f"{describe(inst)} er for stort (høyst {arg})"
    if v == "minProperties":
        return "må ha minst én oppføring"
    if v == "dependentRequired":
        pairs = [
            f"«{k}» krever også «{', '.join(missing)}»"
            for k, need in arg.items()
            if k in inst and (missing := [n for n in need if n not in inst])
        ]
        return "; ".join(pairs) or error.message
    return error.message


def extra_keys(error: ValidationError) -> list[str]:
    """Return the keys that an additionalProperties error complains about, in file order."""
    allowed = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
    instance: Any = error.instance
    return [key for key in instance if key not in allowed]


def suggest(error: ValidationError, key: str | None = None) -> str | None:
    """For an unknown key (``key``, or the first), the known key it most likely misspells («målgruppe»)."""
    extra = extra_keys(error) if isinstance(error.instance, dict) else []
    name = key if key is not None else (extra[0] if extra else None)
    known = list(error.schema.get("properties", {})) if isinstance(error.schema, dict) else []
    import difflib  # only for a file with an unknown key: `kb-build check` of valid files starts without it

    close = difflib.get_close_matches(name, known, n=1) if name is not None else []
    return close[0] if close else None


def _yaml_text(value: int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def review_summary(index: SiteIndex) -> str:
    """One line of information about recommendations whose legal basis changed after review."""
    flagged = index.review_flags
    if not flagged:
        return "Til revisjon: ingen anbefalinger viser til bestemmelser endret etter siste faglige vurdering."
    keys = sorted({src.label for sources in flagged.values() for src in sources})
    return (
        f"Til revisjon: {len(flagged)} {'anbefaling' if len(flagged) == 1 else 'anbefalinger'} viser til "
        "bestemmelser endret etter siste faglige "
        f"vurdering ({'; '.join(keys)}). Se til-revisjon.html."
    )
