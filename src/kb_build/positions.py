"""Map a JSON path inside a document back to a line and column in its YAML source."""

from __future__ import annotations

from collections.abc import Sequence

import yaml


def json_path(parts: Sequence[str | int]) -> str:
    """Format a path like ``$.hjemmel[0]`` from its parts."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def find_node(root: yaml.Node, parts: Sequence[str | int]) -> yaml.Node:
    """Return the deepest node that exists along ``parts`` (the value node, not its key)."""
    node = root
    for part in parts:
        child = _child(node, part)
        if child is None:
            break
        node = child
    return node


def find_key_node(root: yaml.Node, parts: Sequence[str | int], key: str) -> yaml.Node:
    """Return the key node ``key`` of the mapping at ``parts``, or that mapping itself."""
    mapping = find_node(root, parts)
    if isinstance(mapping, yaml.MappingNode):
        for key_node, _ in mapping.value:
            if key_node.value == key:
                found: yaml.Node = key_node
                return found
    return mapping


def line_col(node: yaml.Node) -> tuple[int, int]:
    """Return the 1-based line and column where ``node`` starts."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key_node, value_node in node.value:
            if key_node.value == part:
                found: yaml.Node = value_node
                return found
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        child: yaml.Node = node.value[part]
        return child
    return None
