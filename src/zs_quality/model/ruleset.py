"""Rulesets of good-behaviour bonus items (良好行为记分标准) as frozen values.

A :class:`Ruleset` is one version of one ruleset id, with its items already resolved (an amendment
that ``extends`` a base version carries the base's items, less those it removes, plus its own).
A :class:`RulesetHistory` holds the versions of one id that are or were in force, so that each
record can be judged by the version in force on the day it was submitted.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from zs_quality.dates import Date
from zs_quality.errors import Problem, RulesetError
from zs_quality.model.enterprise import ConstructionCategory
from zs_quality.model.evidence import HonourLevel
from zs_quality.model.labels import LabelledEnum

__all__ = ["Item", "Ruleset", "RulesetHistory", "RulesetRef", "RulesetStatus"]


class RulesetStatus(LabelledEnum):
    """Where a ruleset version stands."""

    IN_FORCE = "in_force", "现行"
    PROPOSED = "proposed", "拟议"
    REPEALED = "repealed", "废止"


@attrs.frozen
class RulesetRef:
    """The id and version that identify a ruleset version, as cited in every result."""

    id: str
    version: str

    def __str__(self) -> str:
        return f"{self.id}@{self.version}"


@attrs.frozen(kw_only=True)
class Item:
    """A bonus item (加分项目) of a ruleset: one row of the platform's good-behaviour table.

    ``points`` is the item's maximum (分值), ``annual_cap`` the most its records may add up to in
    one calendar year (每年封顶分值; ``None`` when the table gives no cap), ``validity_years`` how
    long an award counts (使用有效期), and ``grades`` the points of each grade (等次) when the item
    is graded. ``assumed`` marks an item whose values no public document fixed.
    """

    code: str
    categories: frozenset[ConstructionCategory]
    level: HonourLevel
    description: str
    points: Decimal
    annual_cap: Decimal | None
    validity_years: int
    issuers: tuple[str, ...] = ()
    proof: str | None = None
    grades: Mapping[str, Decimal] = attrs.field(factory=dict)
    note: str | None = None
    assumed: bool = False

    def points_for(self, grade: str | None) -> Decimal | None:
        """The points a record earns: the item's maximum with no grade, else the grade's points;
        ``None`` for a grade the item does not define."""
        if grade is None:
            return self.points
        return self.grades.get(grade)


@attrs.frozen(kw_only=True)
class Ruleset:
    """One version of a ruleset, items resolved.

    The version is in force from ``effective_from`` through ``effective_until`` (inclusive; open
    ended when ``None``). A filing must reach the bureau within ``submission_window_years`` of the
    date on its proof document.
    """

    id: str
    version: str
    title: str
    jurisdiction: str
    reference: str
    status: RulesetStatus
    effective_from: Date
    effective_until: Date | None
    submission_window_years: int
    items: Mapping[str, Item]
    extends: str | None = None
    removed: tuple[str, ...] = ()
    note: str | None = None
    source: str | None = None

    # Cached: scoring asks for it for every record.
    @functools.cached_property
    def ref(self) -> RulesetRef:
        """The id and version of this ruleset."""
        return RulesetRef(self.id, self.version)

    def in_force_on(self, day: Date) -> bool:
        """Whether ``day`` falls in this version's effective period (both ends inclusive)."""
        return self.effective_from <= day and (
            self.effective_until is None or day <= self.effective_until
        )


@attrs.frozen
class RulesetHistory:
    """The versions of one ruleset id, ordered by ``effective_from``, with no overlaps.

    Versions with status ``proposed`` have never been in force and cannot join a history; a
    proposed version is evaluated alone, as if in force over its own effective period.
    """

    versions: tuple[Ruleset, ...]

    @classmethod
    def of(cls, rulesets: Iterable[Ruleset]) -> RulesetHistory:
        """A history from ``rulesets``; raises :class:`RulesetError` on mixed ids, a proposed
        version among others, or two versions whose effective periods overlap."""
        ordered = tuple(sorted(rulesets, key=lambda r: (r.effective_from, r.version)))
        if not ordered:
            raise RulesetError("no ruleset given")
        problems: list[Problem] = []
        ids = {r.id for r in ordered}
        if len(ids) > 1:
            problems.append(Problem("ruleset.id", f"versions of different ids: {sorted(ids)}"))
        if len(ordered) > 1:
            problems.extend(
                Problem(
                    f"{r.source or r.ref}: ruleset.status",
                    "a proposed version is evaluated alone, not in a history",
                )
                for r in ordered
                if r.status is RulesetStatus.PROPOSED
            )
        for before, after in itertools.pairwise(ordered):
            if before.effective_until is None or before.effective_until >= after.effective_from:
                problems.append(
                    Problem(
                        f"{after.source or after.ref}: ruleset.effective_from",
                        f"version {after.version} from {after.effective_from} overlaps version "
                        f"{before.version} ({before.effective_from} to "
                        f"{before.effective_until or 'open end'})",
                    )
                )
        if problems:
            raise RulesetError(problems)
        return cls(ordered)

    @property
    def id(self) -> str:
        """The ruleset id every version shares."""
        return self.versions[0].id

    def version_on(self, day: Date) -> Ruleset | None:
        """The version in force on ``day``, or ``None`` when none is."""
        for version in self.versions:
            if version.in_force_on(day):
                return version
        return None
