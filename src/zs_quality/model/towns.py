"""Zhongshan's towns and sub-districts (镇街) as data: a gazetteer with aliases.

The list itself is policy data (``zs_quality/data/towns.toml``), loaded at the edge by
:func:`zs_quality.policy.towns.default_towns`; the rules take a :class:`Gazetteer` as an argument.
"""

from __future__ import annotations

from functools import cached_property

import attrs

__all__ = ["UNKNOWN_TOWN", "Gazetteer", "Town"]

UNKNOWN_TOWN = "unknown"
"""The key reports group enterprises under when no town is given."""


@attrs.frozen(kw_only=True)
class Town:
    """A town (镇) or sub-district (街道) of Zhongshan, with the other names it goes by."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@attrs.frozen
class Gazetteer:
    """The known towns, in their official order, the document that fixed them (``reference``)
    and the file the list was read from (``source``)."""

    towns: tuple[Town, ...]
    source: str = ""
    reference: str = ""

    @cached_property
    def _index(self) -> dict[str, Town]:
        index: dict[str, Town] = {}
        for town in self.towns:
            for key in (town.id, town.name, *town.aliases):
                index[key.strip().lower()] = town
        return index

    @property
    def names(self) -> tuple[str, ...]:
        """The towns' names, in the list's order (the order reports use)."""
        return tuple(t.name for t in self.towns)

    def resolve(self, text: str | None) -> Town | None:
        """The town that ``text`` names (its name, id or an alias), ``None`` when unknown."""
        return None if text is None else self._index.get(text.strip().lower())

    def known(self, text: str | None) -> bool:
        """Whether ``text`` names a known town (unknown towns are accepted but flagged)."""
        return self.resolve(text) is not None

    def key(self, text: str | None) -> str:
        """The name reports group by: the canonical name of a known town (``小榄`` and ``东升镇``
        both give ``小榄镇``), the text as given for an unknown one, :data:`UNKNOWN_TOWN` when
        absent or blank."""
        match = self.resolve(text)
        if match is not None:
            return match.name
        return text.strip() if text and text.strip() else UNKNOWN_TOWN
