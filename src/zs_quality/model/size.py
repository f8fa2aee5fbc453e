"""Enterprise size standards as dated data: tiers (大中小微型) and the above-designated-size
threshold (规模以上).

A :class:`SizeStandard` is one version of the statistical rules (e.g. 《统计上大中小微型企业划分
办法（2017）》, 国统字〔2017〕213号), in force over a period; an :class:`AboveSizeThreshold` is the
revenue at which an industrial enterprise is above designated size, in force over its own period.
:class:`SizeStandards` holds the versions of both, and answers which one is in force on a day, as
OpenFisca dates its parameters. The values are loaded at the edge
(:func:`zs_quality.policy.sizes.default_size_standards`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from zs_quality.dates import Date
from zs_quality.errors import InputError
from zs_quality.model.enterprise import Sector
from zs_quality.model.labels import LabelledEnum

__all__ = [
    "INDICATORS",
    "AboveSizeThreshold",
    "SectorBounds",
    "SizeStandard",
    "SizeStandards",
    "SizeTier",
]

INDICATORS = ("employees", "revenue", "total_assets")
"""The size indicators an enterprise may report, by attribute name."""


class SizeTier(LabelledEnum):
    """A size tier of the statistical rules, largest first."""

    LARGE = "large", "大型"
    MEDIUM = "medium", "中型"
    SMALL = "small", "小型"
    MICRO = "micro", "微型"


@attrs.frozen(kw_only=True)
class SectorBounds:
    """The lower bounds of each tier for the sectors of one basis (工业 industry, 建筑业 ...).

    ``bounds`` maps large, medium and small to the lower bound of each indicator (inclusive); micro
    is what remains.
    """

    basis: str
    label: str
    sectors: tuple[Sector, ...]
    indicators: tuple[str, ...]
    bounds: Mapping[SizeTier, Mapping[str, Decimal]]


def _in_force(start: Date, until: Date | None, day: Date) -> bool:
    return start <= day and (until is None or day <= until)


@attrs.frozen(kw_only=True)
class SizeStandard:
    """One version of the size rules, in force from ``effective_from`` through
    ``effective_until`` (inclusive; open ended when ``None``)."""

    id: str
    title: str
    reference: str
    effective_from: Date
    effective_until: Date | None = None
    bases: tuple[SectorBounds, ...]
    assumed: tuple[str, ...] = ()

    def in_force_on(self, day: Date) -> bool:
        """Whether ``day`` falls in this version's period."""
        return _in_force(self.effective_from, self.effective_until, day)

    def basis_for(self, sector: Sector | None) -> SectorBounds | None:
        """The bounds that apply to ``sector``, ``None`` when this standard has none."""
        return next((b for b in self.bases if sector in b.sectors), None)

    @property
    def coverage(self) -> str:
        """The sectors this standard classifies, for messages: ``manufacturing (industry) ...``."""
        return " and ".join(
            s.value if s.value == b.basis else f"{s.value} ({b.basis})"
            for b in self.bases
            for s in b.sectors
        )


@attrs.frozen(kw_only=True)
class AboveSizeThreshold:
    """The annual main-business revenue (10,000 CNY) at or above which an enterprise of
    ``sectors`` is above designated size, in force over its period."""

    reference: str
    label: str
    label_en: str
    sectors: tuple[Sector, ...]
    revenue: Decimal
    effective_from: Date
    effective_until: Date | None = None
    assumed: tuple[str, ...] = ()

    def in_force_on(self, day: Date) -> bool:
        """Whether ``day`` falls in this threshold's period."""
        return _in_force(self.effective_from, self.effective_until, day)


@attrs.frozen(kw_only=True)
class SizeStandards:
    """The dated versions of the size rules and of the above-size threshold."""

    standards: tuple[SizeStandard, ...]
    above_size: tuple[AboveSizeThreshold, ...]
    source: str = ""

    def standard_on(self, day: Date) -> SizeStandard:
        """The size standard in force on ``day``; an :class:`InputError` when none is."""
        found = next((s for s in self.standards if s.in_force_on(day)), None)
        if found is None:
            raise InputError(f"no size standard is in force on {day}", path="as_of")
        return found

    def above_size_on(self, day: Date, sector: Sector | None) -> AboveSizeThreshold | None:
        """The above-size threshold for ``sector`` in force on ``day``, ``None`` when none is."""
        return next(
            (t for t in self.above_size if sector in t.sectors and t.in_force_on(day)), None
        )
