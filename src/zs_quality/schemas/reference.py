"""The field reference of an input schema, as Markdown: every field of every part, its type,
whether it is required, its allowed values with their Chinese labels, and an example.

The docs page *Input reference* is this text for every input (built when the docs are built), so
it never drifts from the schemas; the examples are the values of the schema's example document.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from zs_quality.schemas import CATALOGUE, Direction, load_schema

__all__ = ["input_reference", "reference_markdown"]

_DEFS = "#/$defs/"


def _def_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.removeprefix(_DEFS) if isinstance(ref, str) else None


def _nullable(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    options = schema.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        other = next(o for o in options if o != {"type": "null"})
        return other | {k: v for k, v in schema.items() if k != "anyOf"}, True
    return schema, False


class _Reader:
    """Words for the parts of one schema document."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.defs: dict[str, dict[str, Any]] = document.get("$defs", {})

    def type_words(self, schema: dict[str, Any]) -> str:
        schema, nullable = _nullable(schema)
        words = self._words(schema)
        return f"{words}, or null" if nullable else words

    def _words(self, schema: dict[str, Any]) -> str:
        name = _def_name(schema)
        if name is not None:
            target = self.defs[name]
            if "enum" in target:
                return f"one of `{name}`"
            if "oneOf" in target:
                return f"`{name}`: an object of one of the kinds below, by `kind`"
            return f"object `{name}`"
        if "const" in schema:
            return f"always `{json.dumps(schema['const'], ensure_ascii=False)}`"
        if "anyOf" in schema:
            return 'decimal: a number, or the number as text (`"12.5"`)'
        kind = schema.get("type")
        if kind == "array":
            return f"list of {self._words(schema['items'])}"
        if kind == "string" and schema.get("format") == "date":
            return "date `YYYY-MM-DD`"
        if kind == "string" and "统一社会信用代码" in schema.get("description", ""):
            return "unified social credit code (18 characters)"
        if kind == "string" and schema.get("minLength"):
            return "text, not empty"
        words = {"string": "text", "integer": "whole number", "boolean": "true or false"}
        text = words.get(str(kind), str(kind))
        if "minimum" in schema:
            text += f", at least {schema['minimum']}"
        if "exclusiveMinimum" in schema:
            text += f", above {schema['exclusiveMinimum']}"
        return text

    def values(self, schema: dict[str, Any]) -> str:
        """The allowed values of an enumeration field, each with its Chinese label."""
        schema, _ = _nullable(schema)
        while schema.get("type") == "array":
            schema = schema["items"]
        name = _def_name(schema)
        target = self.defs.get(name or "", {})
        if "enum" not in target:
            return ""
        labels = target.get("x-enum-descriptions", [""] * len(target["enum"]))
        return "<br>".join(
            f"`{v}` {label}".rstrip() for v, label in zip(target["enum"], labels, strict=True)
        )

    def referenced(self, schema: dict[str, Any]) -> list[str]:
        """The object definitions a field's value is made of (enumerations left out)."""
        schema, _ = _nullable(schema)
        while schema.get("type") == "array":
            schema = schema["items"]
        name = _def_name(schema)
        if name is None or "enum" in self.defs[name]:
            return []
        union = self.defs[name].get("oneOf")
        if union is not None:
            return [n for n in (_def_name(o) for o in union) if n is not None]
        return [name]


def _elements(value: Any) -> Iterator[Any]:
    if isinstance(value, list):
        for item in value:
            yield from _elements(item)
    elif isinstance(value, dict):
        yield value


def _example(instances: list[dict[str, Any]], key: str) -> str:
    for instance in instances:
        if key in instance:
            return "`" + json.dumps(instance[key], ensure_ascii=False) + "`"
    return ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def reference_markdown(name: str, *, level: int = 3) -> str:
    """The field tables of the input schema ``name``, headings at ``level``."""
    document = load_schema(name)
    reader = _Reader(document)
    examples = document.get("examples", [])
    root = _def_name(document)
    assert root is not None, "an input schema is an object"
    queue: list[tuple[str, list[dict[str, Any]]]] = [(root, list(_elements(examples)))]
    done: set[str] = set()
    out: list[str] = []
    while queue:
        part, instances = queue.pop(0)
        if part in done:
            continue
        done.add(part)
        body = reader.defs[part]
        kind = body["properties"].get("kind", {}).get("const")
        if kind is not None:
            instances = [i for i in instances if i.get("kind") == kind]
        out += [f"{'#' * level} `{part}`", ""]
        if body.get("description"):
            out += [body["description"], ""]
        out += [
            "| field | type | required | allowed values | example |",
            "|---|---|---|---|---|",
        ]
        required = set(body.get("required", []))
        for field, schema in body["properties"].items():
            out.append(
                "| "
                + " | ".join(
                    _cell(cell)
                    for cell in (
                        f"`{field}`",
                        reader.type_words(schema),
                        "yes" if field in required else "no",
                        reader.values(schema),
                        _example(instances, field)
                        if not reader.referenced(schema)
                        else "see " + ", ".join(f"`{r}`" for r in reader.referenced(schema)),
                    )
                )
                + " |"
            )
            inner = [e for i in instances if field in i for e in _elements(i[field])]
            queue += [(ref, inner) for ref in reader.referenced(schema)]
        out.append("")
    enums = sorted(n for n in reader.defs if "enum" in reader.defs[n])
    if enums:
        out += [f"{'#' * level} Values", ""]
        for enum_name in enums:
            target = reader.defs[enum_name]
            labels = target.get("x-enum-descriptions", [""] * len(target["enum"]))
            pairs = ", ".join(
                f"`{v}` {label}".rstrip() for v, label in zip(target["enum"], labels, strict=True)
            )
            out += [f"- `{enum_name}`: {target.get('description', '')} {pairs}".replace("  ", " ")]
        out.append("")
    return "\n".join(out)


def input_reference(*, level: int = 2) -> str:
    """The reference of every input schema, one section each."""
    parts = []
    for entry in CATALOGUE:
        if entry.direction is Direction.INPUT:
            parts += [
                f"{'#' * level} {entry.title}",
                "",
                f"Schema `{entry.name}` (`zs-quality schema {entry.name}`). {entry.description}",
                "",
                reference_markdown(entry.name, level=level + 1),
            ]
    return "\n".join(parts)
