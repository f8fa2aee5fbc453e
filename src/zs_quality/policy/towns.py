"""Town-list files: Zhongshan's towns and sub-districts (镇街) with their aliases.

The shipped list is ``zs_quality/data/towns.toml``: its ``title`` and ``reference`` (the document
that fixed the divisions), then one ``[[towns]]`` table a town, with an ``id``, the official
``name``, its ``kind`` (``town`` or ``sub_district``) and ``aliases``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Annotated, Any, ClassVar

import attrs

from zs_quality.errors import Problem
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.towns import Gazetteer, Town
from zs_quality.policy.decode import NotEmpty, Supported, decode_toml
from zs_quality.policy.toml import packaged_text, read_text

__all__ = ["SCHEMA", "TownKind", "default_towns", "load_towns", "parse_towns"]

SCHEMA = 1
"""The town-list file format this version of the library reads."""

_PACKAGE, _FILE = "zs_quality.data", "towns.toml"


class TownKind(LabelledEnum):
    """A town-level division's kind."""

    TOWN = "town", "镇"
    SUB_DISTRICT = "sub_district", "街道"


@attrs.frozen(kw_only=True)
class TownTable:
    """A ``[[towns]]`` table."""

    LABEL: ClassVar[str] = "id"

    id: str
    name: str
    kind: TownKind
    aliases: tuple[str, ...] = ()

    @staticmethod
    def build(values: Mapping[str, Any]) -> Town:
        return Town(**{**values, "kind": values["kind"].value})


@attrs.frozen(kw_only=True)
class TownsFile:
    """A town-list file."""

    schema: Annotated[int, Supported(SCHEMA)]
    title: str | None = None
    reference: str | None = None
    towns: Annotated[tuple[TownTable, ...], NotEmpty("must list at least one town")]

    @staticmethod
    def check(values: Mapping[str, Any], _table: Mapping[str, Any]) -> Iterator[Problem]:
        owner: dict[str, str] = {}
        for town in values.get("towns", ()):
            for key in (town.id, town.name, *town.aliases):
                folded = key.strip().lower()
                if owner.setdefault(folded, town.id) != town.id:
                    yield Problem(
                        f"towns[{town.id}]", f"{key!r} already names towns[{owner[folded]}]"
                    )

    @staticmethod
    def build(values: Mapping[str, Any]) -> Gazetteer:
        return Gazetteer(values["towns"], reference=values.get("reference") or "")


def parse_towns(text: str, *, source: str) -> Gazetteer:
    """A gazetteer from town-list TOML ``text``; faults raise a
    :class:`~zs_quality.errors.RulesetError` naming ``source`` and each bad key."""
    towns = decode_toml(text, TownsFile, Gazetteer, source=source)
    return attrs.evolve(towns, source=source)


def load_towns(path: str | Path) -> Gazetteer:
    """A gazetteer from the town-list file at ``path``."""
    return parse_towns(read_text(path), source=str(path))


@cache
def default_towns() -> Gazetteer:
    """The shipped list of Zhongshan's towns and sub-districts (``zs_quality/data/towns.toml``)."""
    return parse_towns(packaged_text(_PACKAGE, _FILE), source=f"zs_quality/data/{_FILE}")
