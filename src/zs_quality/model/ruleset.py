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
from zs_quality.rest_days import RestDayCalendar

__all__ = [
    "FilingWindow",
    "Item",
    "Ruleset",
    "RulesetHistory",
    "RulesetRef",
    "RulesetStatus",
    "WindowSource",
]


class RulesetStatus(LabelledEnum):
    """Where a ruleset version stands."""

    IN_FORCE = "in_force", "现行"
    PROPOSED = "proposed", "拟议"
    REPEALED = "repealed", "废止"


@attrs.frozen(cache_hash=True)  # a batch looks its JSON up for every record
class RulesetRef:
    """The id and version that identify a ruleset version, as cited in every result."""

    id: str
    version: str

    def __str__(self) -> str:
        return f"{self.id}@{self.version}"


class WindowSource(LabelledEnum):
    """Where an item's filing window (申报期限) is set: by the item's own row, or by the
    ruleset's default for items that set none."""

    ITEM = "item", "本项规定"
    RULESET = "ruleset", "记分标准默认"


@attrs.frozen
class FilingWindow:
    """How long after the date on its proof document a record may be filed: ``years`` (``None``
    when the item sets no window, so a record is never late), and where that was set."""

    years: int | None
    source: WindowSource


def _one_window(instance: Item, _attribute: object, value: bool) -> None:
    if value and instance.submission_window_years is not None:
        raise RulesetError(
            "an item either sets submission_window_years or has no_submission_window, not both",
            path="no_submission_window",
        )


@attrs.frozen(kw_only=True)
class Item:
    """A bonus item (加分项目) of a ruleset: one row of the platform's good-behaviour table.

    ``points`` is the item's maximum (分值), ``annual_cap`` the most its records may add up to in
    one calendar year (每年封顶分值; ``None`` when the table gives no cap), ``validity_years`` how
    long an award counts (使用有效期), and ``grades`` the points of each grade (等次) when the item
    is graded. ``assumed`` marks an item whose values no public document fixed: all of them, or
    those named in ``assumed_keys`` (``("categories",)``).

    ``submission_window_years`` is the item's own filing window and ``no_submission_window`` says
    the item has none (the platform's ready-mixed-concrete rows state no window); an item with
    neither takes the ruleset's default (:meth:`Ruleset.window_for`).
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
    assumed_keys: tuple[str, ...] = ()
    submission_window_years: int | None = None
    no_submission_window: bool = attrs.field(default=False, validator=_one_window)

    def points_for(self, grade: str | None) -> Decimal | None:
        """The points a record earns: the item's maximum with no grade, else the grade's points;
        ``None`` for a grade the item does not define."""
        if grade is None:
            return self.points
        return self.grades.get(grade)


# Scoring asks for the window of every record, and a ruleset has a handful of distinct ones: each
# is made once (a window is immutable).
@functools.lru_cache(maxsize=64)
def _window(no_window: bool, item_years: int | None, default_years: int) -> FilingWindow:
    if no_window:
        return FilingWindow(None, WindowSource.ITEM)
    if item_years is not None:
        return FilingWindow(item_years, WindowSource.ITEM)
    return FilingWindow(default_years, WindowSource.RULESET)


@attrs.frozen(kw_only=True)
class Ruleset:
    """One version of a ruleset, items resolved.

    The version is in force from ``effective_from`` through ``effective_until`` (inclusive; open
    ended when ``None``). ``submission_window_years`` is the default filing window of its items
    (:meth:`window_for`). ``rest_days`` is the calendar by which a filing deadline that falls on a
    rest day moves to the next working day (Civil Code art. 203), ``None`` when deadlines do not
    move. ``readings`` says, rule by rule (keys are integrity rule ids such as ``annual_cap``),
    where the ruleset's application of a rule is this library's reading of the source rather than
    its words.
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
    rest_days: RestDayCalendar | None = None
    readings: Mapping[str, str] = attrs.field(factory=dict)

    def window_for(self, item: Item) -> FilingWindow:
        """The filing window of ``item``: its own, none, or this ruleset's default."""
        return _window(
            item.no_submission_window, item.submission_window_years, self.submission_window_years
        )

    # Cached: scoring asks for it for every record.
    @functools.cached_property
    def ref(self) -> RulesetRef:
        """The id and version of this ruleset."""
        return RulesetRef(self.id, self.version)

    # Cached: every reason of a batch ends with it.
    @functools.cached_property
    def cited(self) -> str:
        """How a reason cites this version: ``id@version`` (``str(ref)``)."""
        return str(self.ref)

    def in_force_on(self, day: Date) -> bool:
        """Whether ``day`` falls in this version's effective period (both ends inclusive)."""
        return self.version_on(day) is not None

    def version_on(self, day: Date) -> Ruleset | None:
        """This version when ``day`` falls in its effective period (both ends inclusive), else
        ``None``: as :meth:`RulesetHistory.version_on` answers, so that scoring asks either
        alike (it asks for every record)."""
        in_force = self.effective_from <= day and (
            self.effective_until is None or day <= self.effective_until
        )
        return self if in_force else None


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

    # Cached: every result of a batch cites it.
    @functools.cached_property
    def ref(self) -> RulesetRef:
        """The ruleset a result scored under this history cites: its id, and its versions joined
        by ``+`` (``zhongshan-construction-good-behaviour@2020+2024``)."""
        return RulesetRef(self.id, "+".join(v.version for v in self.versions))

    def version_on(self, day: Date) -> Ruleset | None:
        """The version in force on ``day``, or ``None`` when none is."""
        return next((v for v in self.versions if v.version_on(day) is not None), None)
