"""Size-standard files: tier bounds and the above-size threshold, each version dated.

The shipped file is ``zs_quality/data/size_standards.toml``; a file of the same shape can be given
instead (:func:`load_size_standards`). Each ``[[standards]]`` version has its document
(``reference``), its period (``effective_from``, optional ``effective_until``) and the bounds of
large, medium and small for ``industry`` and ``construction``; each
``[[above_designated_size]]`` threshold has its document, period and revenue.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Any, ClassVar

import attrs

from zs_quality.dates import Date
from zs_quality.errors import Problem
from zs_quality.model.enterprise import Sector
from zs_quality.model.size import (
    INDICATORS,
    AboveSizeThreshold,
    SectorBounds,
    SizeStandard,
    SizeStandards,
    SizeTier,
)
from zs_quality.policy.decode import NotEmpty, Positive, Supported, decode_toml
from zs_quality.policy.toml import packaged_text, read_text

__all__ = ["SCHEMA", "default_size_standards", "load_size_standards", "parse_size_standards"]

SCHEMA = 1
"""The size-standard file format this version of the library reads."""

_PACKAGE, _FILE = "zs_quality.data", "size_standards.toml"
Bounds = Mapping[str, Annotated[Decimal, Positive()]]
_TIERS = (SizeTier.LARGE, SizeTier.MEDIUM, SizeTier.SMALL)


def _periods_overlap(versions: list[Any], what: str) -> Iterator[Problem]:
    ordered = sorted(enumerate(versions), key=lambda p: p[1].effective_from)
    for (_, before), (index, after) in itertools.pairwise(ordered):
        if before.effective_until is None or before.effective_until >= after.effective_from:
            yield Problem(
                f"{what}[{index}].effective_from",
                f"{after.effective_from} overlaps the version in force from {before.effective_from}",
            )


@attrs.frozen(kw_only=True)
class BasisTable:
    """``[standards.industry]`` or ``[standards.construction]``: the bounds of each tier."""

    label: str
    sectors: Annotated[tuple[Sector, ...], NotEmpty("must name at least one sector")]
    indicators: Annotated[tuple[str, ...], NotEmpty("must name at least one indicator")]
    large: Bounds
    medium: Bounds
    small: Bounds

    @staticmethod
    def check(values: Mapping[str, Any], _table: Mapping[str, Any]) -> Iterator[Problem]:
        indicators = values.get("indicators", ())
        for name in indicators:
            if name not in INDICATORS:
                yield Problem("indicators", f"{name!r} is not one of: {', '.join(INDICATORS)}")
        for tier in _TIERS:
            bounds = values.get(tier.value)
            if bounds is not None and set(bounds) != set(indicators):
                yield Problem(tier.value, f"must bound exactly the indicators {list(indicators)}")


@attrs.frozen(kw_only=True)
class StandardTable:
    """A ``[[standards]]`` version."""

    LABEL: ClassVar[str] = "id"

    id: str
    title: str
    reference: str
    effective_from: Date
    effective_until: Date | None = None
    assumed: tuple[str, ...] = ()
    industry: BasisTable | None = None
    construction: BasisTable | None = None

    @staticmethod
    def build(values: Mapping[str, Any]) -> SizeStandard:
        bases = []
        for basis in ("industry", "construction"):
            table: BasisTable | None = values.get(basis)
            if table is not None:
                bounds = {t: getattr(table, t.value) for t in _TIERS}
                bases.append(
                    SectorBounds(
                        basis=basis,
                        label=table.label,
                        sectors=table.sectors,
                        indicators=table.indicators,
                        bounds=bounds,
                    )
                )
        fields = {k: v for k, v in values.items() if k not in ("industry", "construction")}
        return SizeStandard(**fields, bases=tuple(bases))


@attrs.frozen(kw_only=True)
class ThresholdTable:
    """An ``[[above_designated_size]]`` threshold."""

    MODEL: ClassVar[type] = AboveSizeThreshold

    reference: str
    label: str
    label_en: str
    sectors: Annotated[tuple[Sector, ...], NotEmpty("must name at least one sector")]
    revenue: Annotated[Decimal, Positive()]
    effective_from: Date
    effective_until: Date | None = None
    assumed: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class SizeStandardsFile:
    """A size-standard file."""

    schema: Annotated[int, Supported(SCHEMA)]
    standards: Annotated[tuple[StandardTable, ...], NotEmpty("must list at least one version")]
    above_designated_size: tuple[ThresholdTable, ...] = ()

    @staticmethod
    def check(values: Mapping[str, Any], _table: Mapping[str, Any]) -> Iterator[Problem]:
        yield from _periods_overlap(list(values.get("standards", ())), "standards")

    @staticmethod
    def build(values: Mapping[str, Any]) -> SizeStandards:
        return SizeStandards(
            standards=values["standards"], above_size=values.get("above_designated_size", ())
        )


def parse_size_standards(text: str, *, source: str) -> SizeStandards:
    """Size standards from TOML ``text``; any fault raises a
    :class:`~zs_quality.errors.RulesetError` naming ``source`` and each bad key."""
    standards = decode_toml(text, SizeStandardsFile, SizeStandards, source=source)
    return attrs.evolve(standards, source=source)


def load_size_standards(path: str | Path) -> SizeStandards:
    """Size standards from the TOML file at ``path``."""
    return parse_size_standards(read_text(path), source=str(path))


@cache
def default_size_standards() -> SizeStandards:
    """The shipped size standards (``zs_quality/data/size_standards.toml``)."""
    return parse_size_standards(packaged_text(_PACKAGE, _FILE), source=f"zs_quality/data/{_FILE}")
