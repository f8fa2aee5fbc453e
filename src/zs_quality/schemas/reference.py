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


def _bounds(schema: dict[str, Any]) -> str:
    """The bounds of a number in words (``, at least 1, at most 100``)."""
    words = {"minimum": "at least", "exclusiveMinimum": "above", "maximum": "at most"}
    return "".join(f", {word} {schema[key]}" for key, word in words.items() if key in schema)


class _Reader:
    """Words for the parts of one schema document."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.defs: dict[str, dict[str, Any]] = document.get("$defs", {})

    def type_words(self, schema: dict[str, Any]) -> str:
        schema, nullable = _nullable(schema)
        words = self._words(schema)
        return f"{words}, or null" if nullable else words

    def _named(self, name: str) -> str:
        target = self.defs[name]
        if "enum" in target:
            return f"one of `{name}`"
        if "oneOf" in target:
            return f"`{name}`: an object of one of the kinds below, by `kind`"
        return f"object `{name}`"

    def _words(self, schema: dict[str, Any]) -> str:
        name = _def_name(schema)
        if name is not None:
            return self._named(name)
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
        text = words.get(str(kind), str(kind)) + _bounds(schema)
        if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
            keys = schema.get("propertyNames")
            text += f": keys {self._words(keys)}" if keys else ": keys text"
            text += f", values {self._words(schema['additionalProperties'])}"
        return text

    def values(self, schema: dict[str, Any]) -> str:
        """The allowed values of an enumeration field (or of an object's keys), each with its
        Chinese label."""
        schema, _ = _nullable(schema)
        while schema.get("type") == "array":
            schema = schema["items"]
        schema = schema.get("propertyNames", schema)
        name = _def_name(schema)
        target = self.defs.get(name or "", {})
        if "enum" not in target:
            return ""
        return "<br>".join(_labelled(target))

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


def _row(reader: _Reader, field: str, schema: dict[str, Any], required: bool, example: str) -> str:
    parts = reader.referenced(schema)
    cells = (
        f"`{field}`",
        reader.type_words(schema),
        "yes" if required else "no",
        reader.values(schema),
        "see " + ", ".join(f"`{r}`" for r in parts) if parts else example,
    )
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _part(
    reader: _Reader, part: str, instances: list[dict[str, Any]], heading: str
) -> tuple[list[str], list[tuple[str, list[dict[str, Any]]]]]:
    """The table of one object definition, and the parts its fields are made of, each with the
    example instances found under the field."""
    body = reader.defs[part]
    kind = body["properties"].get("kind", {}).get("const")
    if kind is not None:
        instances = [i for i in instances if i.get("kind") == kind]
    out = [f"{heading} `{part}`", ""]
    if body.get("description"):
        out += [body["description"], ""]
    out += ["| field | type | required | allowed values | example |", "|---|---|---|---|---|"]
    required = set(body.get("required", []))
    inner: list[tuple[str, list[dict[str, Any]]]] = []
    for field, schema in body["properties"].items():
        out.append(_row(reader, field, schema, field in required, _example(instances, field)))
        found = [e for i in instances if field in i for e in _elements(i[field])]
        inner += [(ref, found) for ref in reader.referenced(schema)]
    return [*out, ""], inner


def _values_section(reader: _Reader, heading: str) -> list[str]:
    enums = sorted(n for n in reader.defs if "enum" in reader.defs[n])
    if not enums:
        return []
    out = [f"{heading} Values", ""]
    for name in enums:
        target = reader.defs[name]
        pairs = ", ".join(_labelled(target))
        out.append(f"- `{name}`: {target.get('description', '')} {pairs}".replace("  ", " "))
    return [*out, ""]


def reference_markdown(name: str, *, level: int = 3) -> str:
    """The field tables of the input schema ``name``, headings at ``level``: the document's
    object first, then each part in the order its fields name it, then the enumerations."""
    document = load_schema(name)
    reader = _Reader(document)
    root = _def_name(document)
    assert root is not None, "an input schema is an object"
    heading = "#" * level
    queue = [(root, list(_elements(document.get("examples", []))))]
    done: set[str] = set()
    out: list[str] = []
    while queue:
        part, instances = queue.pop(0)
        if part not in done:
            done.add(part)
            lines, inner = _part(reader, part, instances, heading)
            out += lines
            queue += inner
    return "\n".join(out + _values_section(reader, heading))


def input_reference(*, level: int = 2) -> str:
    """The reference of every input schema and policy file schema, one section each."""
    parts = []
    for entry in CATALOGUE:
        if entry.direction is not Direction.OUTPUT:
            parts += [
                f"{'#' * level} {entry.title}",
                "",
                f"Schema `{entry.name}` (`zs-quality schema {entry.name}`). {entry.description}",
                "",
                reference_markdown(entry.name, level=level + 1),
            ]
    return "\n".join(parts)


def _labelled(target: dict[str, Any]) -> list[str]:
    """Each value of an enumeration's schema with its Chinese label (``x-enum-descriptions``)."""
    labels = target.get("x-enum-descriptions", [""] * len(target["enum"]))
    return [f"`{v}` {label}".rstrip() for v, label in zip(target["enum"], labels, strict=True)]
