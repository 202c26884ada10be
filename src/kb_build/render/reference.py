"""The field reference for editors, generated from the schemas so it never drifts from them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kb_build.kinds import KINDS
from kb_build.render.common import heading
from kb_build.render.html import Markup, block

PAGE = "feltreferanse.md"


def render(schemas: Mapping[str, dict[str, Any]]) -> str:
    """One table per kind of source: field, required, what it is, allowed values."""
    defs = _definitions(schemas)
    parts = [
        heading(1, "Feltreferanse for redaktører"),
        block(
            Markup(
                "<p>Alle feltene i kildefilene, hentet direkte fra JSON-skjemaene i <code>schema/</code>. "
                "Feltene med stjerne (*) må fylles ut.</p>"
            )
        ),
    ]
    for kind in KINDS:
        schema = schemas[kind.schema]
        parts.append(heading(2, schema.get("title", kind.name), kind.name))
        parts.append(
            block(
                Markup("<p>{}</p><p>Fil: <code>{}</code></p>{}").format(
                    schema.get("description", ""), kind.pattern, _table(schema, defs)
                )
            )
        )
    return "".join(parts)


def _definitions(schemas: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every ``$defs`` entry, addressable as ``file.json#/$defs/name``."""
    out = {}
    for file_name, doc in schemas.items():
        for def_name, sub in doc.get("$defs", {}).items():
            out[f"{file_name}#/$defs/{def_name}"] = sub
            out[f"#/$defs/{def_name}@{file_name}"] = sub
    return out


def _resolve(prop: dict[str, Any], defs: dict[str, dict[str, Any]], file_name: str) -> dict[str, Any]:
    ref = prop.get("$ref")
    if not ref:
        return prop
    target = defs.get(ref) or defs.get(f"{ref}@{file_name}") or {}
    return {
        **_resolve(target, defs, ref.split("#")[0] or file_name),
        **{k: v for k, v in prop.items() if k != "$ref"},
    }


def _table(schema: dict[str, Any], defs: dict[str, dict[str, Any]]) -> Markup:
    file_name = schema["$id"].rsplit("/", 1)[-1]
    required = set(schema.get("required", []))
    rows: list[Markup] = []
    for name, raw in schema.get("properties", {}).items():
        prop = _resolve(raw, defs, file_name)
        allowed = ", ".join(map(str, prop["enum"])) if "enum" in prop else _type_name(prop)
        rows.append(
            Markup("<tr><td><code>{}</code>{}</td><td><strong>{}</strong> {}</td><td>{}</td></tr>").format(
                name, " *" if name in required else "", prop.get("title", ""), prop.get("description", ""), allowed
            )
        )
    return Markup(
        '<table class="kb-table"><thead><tr><th scope="col">Felt</th><th scope="col">Betydning</th>'
        '<th scope="col">Verdier</th></tr></thead><tbody>{}</tbody></table>'
    ).format(Markup("").join(rows))


def _type_name(prop: dict[str, Any]) -> str:
    names = {"string": "tekst", "integer": "heltall", "boolean": "true/false", "array": "liste", "object": "oppslag"}
    kind = prop.get("type")
    if prop.get("format") == "date":
        return "dato (ÅÅÅÅ-MM-DD)"
    if isinstance(kind, str):
        return names.get(kind, kind)
    return "se beskrivelsen"
