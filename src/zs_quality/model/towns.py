"""Zhongshan's towns and sub-districts (镇街), from the shipped list with aliases."""

from __future__ import annotations

from functools import cache

import attrs

from zs_quality.data import read_toml

__all__ = ["Town", "known_towns", "resolve_town"]


@attrs.frozen
class Town:
    """A town (镇) or sub-district (街道) of Zhongshan, as listed in ``data/towns.toml``."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]


@cache
def known_towns() -> tuple[Town, ...]:
    """Every town and sub-district in the shipped list."""
    return tuple(
        Town(t["id"], t["name"], t["kind"], tuple(t.get("aliases", ())))
        for t in read_toml("towns.toml")["towns"]
    )


@cache
def _index() -> dict[str, Town]:
    index: dict[str, Town] = {}
    for town in known_towns():
        for key in (town.id, town.name, *town.aliases):
            index[key.strip().lower()] = town
    return index


def resolve_town(text: str) -> Town | None:
    """The town that ``text`` names (its name, id or an alias), or ``None`` when unknown."""
    return _index().get(text.strip().lower())
