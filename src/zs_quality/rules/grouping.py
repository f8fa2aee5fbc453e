"""Breakdowns shared by the population reports (coverage, impact): grouping and key order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from zs_quality.model.towns import UNKNOWN_TOWN

__all__ = ["UNKNOWN", "group_by", "ordered_keys", "refuse_text"]

T = TypeVar("T")

UNKNOWN = UNKNOWN_TOWN
"""The key of the rows a breakdown cannot place (no size, no sector, no town)."""


def group_by(rows: Iterable[T], key: Callable[[T], str]) -> dict[str, list[T]]:
    """``rows`` grouped by ``key``, each group in input order."""
    groups: dict[str, list[T]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def ordered_keys(keys: Iterable[str], order: Iterable[str]) -> list[str]:
    """Known keys in their official ``order``, then other keys alphabetically, ``unknown`` last."""
    rank = {name: index for index, name in enumerate(order)}
    return sorted(keys, key=lambda k: (k == UNKNOWN, k not in rank, rank.get(k, 0), k))


def refuse_text(population: object, name: str) -> None:
    """A population function takes an iterable of models: refuse a ``str`` or ``bytes`` (a path
    passed by mistake would otherwise be read character by character)."""
    if isinstance(population, str | bytes | bytearray):
        raise TypeError(
            f"{name} must be an iterable of models, not {type(population).__name__} "
            f"{population[:40]!r}; read a file with the functions of zs_quality.batch or "
            "zs_quality.io first"
        )
