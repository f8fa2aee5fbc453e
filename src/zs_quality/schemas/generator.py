"""JSON Schemas (draft 2020-12) generated from the attrs models, as the converter reads and writes them.

The schema of a class follows its attrs fields and their type hints, with the rules of the one
converter (:mod:`zs_quality.convert`) and the constraints of the models' own validators:

* a class is an object with exactly its fields (unknown keys are an error); on **input** a field
  with a default may be left out, on **output** every field is always written;
* dates are ``YYYY-MM-DD`` text; decimals (points, money, rates) are written as text such as
  ``"12.5"`` and read from text or a JSON number; a credit code is text, read with surrounding
  spaces and lower case forgiven;
* an enumeration lists its values (``enum``) with their Chinese labels beside them
  (``x-enum-descriptions``, in the same order);
* an evidence record names its kind in ``kind`` (a ``oneOf`` with a ``discriminator``);
* ``non_empty``, ``non_negative`` and ``positive`` validators become ``pattern``/``minLength``,
  ``minimum`` and ``exclusiveMinimum``; a policy file's ``Annotated`` constraints
  (:mod:`zs_quality.policy.decode`) state their own keywords (``json_schema()``).

A policy file's schema is generated from the very classes the policy decoder structures it as
(``RulesetFile``, ``CriteriaFile``), so a key added to a file is in its schema at once.

Rules no schema can state (a check character, dates in order, unique ids) are left to the
library, which names each fault with its field path. Every class and enumeration is a ``$defs``
entry named after it, so the schema of one document reads as a list of its parts.

Why a generator of our own: ``msgspec.json.schema`` refuses pendulum dates and a union of attrs
classes (evidence); Litestar's attrs plugin describes a credit code as an object, dates as ``{}``,
decimals as numbers, allows unknown keys and drops the labels; ``attrs-jsonschema`` (2017) is
unmaintained. None follows the converter's JSON forms, which is what the schemas must state.
"""

from __future__ import annotations

import enum
import inspect
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from zs_quality.dates import Date
from zs_quality.model.checks import non_empty, non_negative, positive
from zs_quality.model.evidence import EVIDENCE_TYPES
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.uscc import CHARSET, USCC

__all__ = ["DIALECT", "Direction", "generate"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of every generated schema (also OpenAPI 3.1's)."""


class Direction(enum.Enum):
    """What a schema describes: JSON the library reads (input), JSON it writes (output), or a
    policy file (TOML) written as JSON (policy: text is never empty, numbers are numbers, and a
    key that may be left out is never ``null``, since TOML has no null)."""

    INPUT = "input"
    OUTPUT = "output"
    POLICY = "policy"


# GB 32100-2015: 18 characters of the 31-character set, positions 3-8 digits. The check
# character is verified by the library, not the pattern.
_CODE_CHARS = CHARSET
_USCC_OUT = f"^[{_CODE_CHARS}]{{2}}[0-9]{{6}}[{_CODE_CHARS}]{{10}}$"
_LOWER = _CODE_CHARS[10:].lower()
_USCC_IN = f"^\\s*[{_CODE_CHARS}{_LOWER}]{{2}}[0-9]{{6}}[{_CODE_CHARS}{_LOWER}]{{10}}\\s*$"
# What str(Decimal) writes for a finite number, and what to_decimal reads from text.
_DECIMAL_OUT = r"^-?[0-9]+(\.[0-9]+)?(E[+-][0-9]+)?$"
_DECIMAL_IN = r"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _validator_keywords(validator: object) -> dict[str, Any]:
    keywords: dict[str, Any] = {}
    for check in getattr(validator, "_validators", (validator,)):
        inner = getattr(check, "validator", None)  # attrs.validators.optional(...)
        if inner is not None:
            keywords |= _validator_keywords(inner)
        elif check is non_empty:
            keywords |= {"minLength": 1, "pattern": r"\S"}
        elif check is non_negative:
            keywords["minimum"] = 0
        elif check is positive:
            keywords["exclusiveMinimum"] = 0
        elif isinstance(least := getattr(check, "min_length", None), int):  # attrs min_len
            keywords["minItems"] = least
    return keywords


def _first_paragraph(doc: str | None) -> str | None:
    if not doc:
        return None
    text = inspect.cleandoc(doc).split("\n\n", 1)[0]
    # Docstrings mark code reStructuredText's way; a schema reader sees Markdown's.
    return " ".join(text.split()).replace("``", "`")


def _is_evidence_union(members: tuple[Any, ...]) -> bool:
    return len(members) > 1 and set(members) <= set(EVIDENCE_TYPES)


class _Builder:
    """Builds one schema document, collecting the classes it meets in ``defs``."""

    def __init__(self, direction: Direction) -> None:
        self.direction = direction
        self.defs: dict[str, dict[str, Any]] = {}
        self._owners: dict[str, object] = {}

    @property
    def reading(self) -> bool:
        return self.direction is not Direction.OUTPUT

    @property
    def policy(self) -> bool:
        return self.direction is Direction.POLICY

    def ref(self, name: str, owner: object, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """A reference to the definition ``name``, built the first time it is met."""
        known = self._owners.get(name)
        if known is None:
            self._owners[name] = owner
            self.defs[name] = {}  # placeholder: a class may refer to itself
            self.defs[name] = build()
        elif known is not owner:
            raise TypeError(f"two types are both named {name!r}: {known!r} and {owner!r}")
        return {"$ref": f"#/$defs/{name}"}

    def schema(self, tp: Any) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if tp is Any:
            return {}
        if tp is type(None):
            return {"type": "null"}
        if origin is typing.Annotated:
            return self._annotated(tp)
        if origin is typing.Literal:
            return {"enum": list(args)} if len(args) > 1 else {"const": args[0]}
        if origin is typing.Union or origin is types.UnionType:
            return self._union(args)
        if origin is tuple:
            return self._tuple(args)
        if origin in (list, frozenset, set):
            return {"type": "array", "items": self.schema(args[0])}
        if origin in (dict, Mapping):
            return self._mapping(tp, args)
        if isinstance(tp, type):
            return self._class(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")

    def _annotated(self, tp: Any) -> dict[str, Any]:
        body = self.schema(tp.__origin__)
        for constraint in tp.__metadata__:
            stated: Callable[[], dict[str, Any]] | None = getattr(constraint, "json_schema", None)
            if stated is not None:
                body = body | stated()
        return body

    def _mapping(self, tp: Any, args: tuple[Any, ...]) -> dict[str, Any]:
        body: dict[str, Any] = {"type": "object", "additionalProperties": self.schema(args[1])}
        key = args[0]
        if isinstance(key, type) and issubclass(key, enum.Enum):
            body["propertyNames"] = self.schema(key)
        elif key is not str:
            raise TypeError(f"only text keys can be JSON object keys: {tp!r}")
        return body

    def _union(self, args: tuple[Any, ...]) -> dict[str, Any]:
        members = tuple(a for a in args if a is not type(None))
        if _is_evidence_union(members):
            core = self._evidence(members)
        elif len(members) == 1:
            core = self.schema(members[0])
        else:
            core = {"anyOf": [self.schema(m) for m in members]}
        # In a policy file an optional key is left out, never null (TOML has no null).
        if len(members) == len(args) or self.policy:
            return core
        return {"anyOf": [core, {"type": "null"}]}

    def _tuple(self, args: tuple[Any, ...]) -> dict[str, Any]:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.schema(args[0])}
        return {
            "type": "array",
            "prefixItems": [self.schema(a) for a in args],
            "minItems": len(args),
            "maxItems": len(args),
        }

    def _evidence(self, members: tuple[Any, ...]) -> dict[str, Any]:
        refs = [self.schema(m) for m in members]
        mapping = {str(m.KIND.value): ref["$ref"] for m, ref in zip(members, refs, strict=True)}
        return self.ref(
            "Evidence",
            "Evidence",
            lambda: {
                "description": "An evidence record; `kind` says which.",
                "oneOf": refs,
                "discriminator": {"propertyName": "kind", "mapping": mapping},
            },
        )

    def _class(self, cls: type) -> dict[str, Any]:
        scalar = self._scalar(cls)
        if scalar is not None:
            return scalar
        if issubclass(cls, enum.Enum):
            return self.ref(cls.__name__, cls, lambda: _enum(cls))
        if attrs.has(cls):
            return self.ref(cls.__name__, cls, lambda: self._object(cls))
        raise TypeError(f"no JSON Schema for {cls!r}")

    def _scalar(self, cls: type) -> dict[str, Any] | None:
        if cls is bool:
            return {"type": "boolean"}
        if cls is int:
            return {"type": "integer"}
        if cls is str:
            return (
                {"type": "string", "minLength": 1, "pattern": r"\S"}
                if self.policy
                else {"type": "string"}
            )
        if cls is Decimal:
            return self._decimal()
        if cls is Date:
            return {"type": "string", "format": "date", "pattern": _DATE}
        if cls is USCC:
            return {
                "type": "string",
                "pattern": _USCC_IN if self.reading else _USCC_OUT,
                "description": "a unified social credit code (统一社会信用代码, GB 32100-2015)"
                + ("; spaces around it and lower case are forgiven" if self.reading else ""),
            }
        return None

    def _decimal(self) -> dict[str, Any]:
        if self.policy:
            return {"type": "number", "description": "an exact number (never text)"}
        text = {"type": "string", "pattern": _DECIMAL_IN if self.reading else _DECIMAL_OUT}
        if not self.reading:
            return text | {"description": "an exact decimal number, as text"}
        return {
            "description": "an exact decimal number: a JSON number or text",
            "anyOf": [
                {"type": "number"},
                text,
            ],
        }

    def _object(self, cls: type) -> dict[str, Any]:
        attrs.resolve_types(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        kind = getattr(cls, "KIND", None) if cls in EVIDENCE_TYPES else None
        if kind is not None:
            properties["kind"] = {"const": str(kind.value)}
            required.append("kind")
        for field in attrs.fields(cls):
            schema = self.schema(field.type) | _validator_keywords(field.validator)
            properties[field.name] = schema
            if not self.reading or field.default is attrs.NOTHING:
                required.append(field.name)
        body: dict[str, Any] = {"type": "object"}
        description = _first_paragraph(cls.__doc__)
        if description:
            body["description"] = description
        body |= {"properties": properties, "required": required, "additionalProperties": False}
        return body


def _enum(cls: type[enum.Enum]) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "string", "enum": [str(m.value) for m in cls]}
    description = _first_paragraph(cls.__doc__)
    if description:
        body = {"description": description} | body
    if issubclass(cls, LabelledEnum):
        body["x-enum-descriptions"] = [m.label for m in cls]
    return body


def generate(
    root: Any,
    direction: Direction,
    *,
    title: str,
    description: str,
    examples: list[Any] | None = None,
) -> dict[str, Any]:
    """The JSON Schema document of ``root`` (a model class, or a type such as
    ``list[Submission]``) as the library reads it (``INPUT``) or writes it (``OUTPUT``)."""
    builder = _Builder(direction)
    body = builder.schema(root)
    document: dict[str, Any] = {"$schema": DIALECT, "title": title, "description": description}
    document |= body
    if examples:
        document["examples"] = examples
    if builder.defs:
        document["$defs"] = dict(sorted(builder.defs.items()))
    return document
