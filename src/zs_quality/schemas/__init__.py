"""JSON Schemas of every document the library reads or writes as JSON, shipped in the package.

Each schema is generated from the attrs models (:mod:`zs_quality.schemas.generator`) and shipped
as ``zs_quality/schemas/json/NAME.json``, so that other systems can validate their data without
Python: ``zs-quality schema NAME`` prints one, ``zs-quality schema --list`` names them all. The
HTTP service's OpenAPI document is built from the same files. After a model changes,
``python -m zs_quality.schemas`` writes them anew (a test fails until it is run).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from zs_quality.errors import InputError
from zs_quality.io.jsonio import dumps
from zs_quality.schemas.catalogue import CATALOGUE, SchemaSpec, spec
from zs_quality.schemas.generator import DIALECT, Direction, generate

__all__ = [
    "CATALOGUE",
    "DIALECT",
    "Direction",
    "SchemaSpec",
    "generate_schema",
    "load_schema",
    "schema_names",
    "schema_text",
    "write_schemas",
]

_FOLDER = "json"


def schema_names() -> list[str]:
    """The names of every shipped schema, inputs first."""
    return [s.name for s in CATALOGUE]


def _spec(name: str) -> SchemaSpec:
    try:
        return spec(name)
    except KeyError:
        raise InputError(
            f"no schema {name!r} (one of: {', '.join(schema_names())})", path="name"
        ) from None


def generate_schema(name: str) -> dict[str, Any]:
    """The schema ``name`` generated afresh from the models."""
    entry = _spec(name)
    return generate(
        entry.root,
        entry.direction,
        title=entry.title,
        description=entry.description,
        examples=entry.examples(),
    )


def _dump(schema: dict[str, Any]) -> str:
    return dumps(schema, indent=2) + "\n"


def schema_text(name: str) -> str:
    """The text of the shipped schema ``name`` (what ``zs-quality schema NAME`` prints)."""
    _spec(name)
    return resources.files(__package__).joinpath(_FOLDER, f"{name}.json").read_text("utf-8")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The shipped schema ``name``, parsed (cached: do not change it)."""
    data: dict[str, Any] = json.loads(schema_text(name))
    return data


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema, generated afresh, into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in schema_names():
        path = folder / f"{name}.json"
        path.write_text(_dump(generate_schema(name)), encoding="utf-8")
        written.append(path)
    return written
