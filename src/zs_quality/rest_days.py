"""Rest days (休息日) and Civil Code art. 203: a deadline that falls on a rest day moves on.

《中华人民共和国民法典》 art. 203: when the last day of a period is a statutory rest day (法定休假日),
the day after the rest ends becomes the last day. In Chinese practice a rest day is a Saturday or
Sunday that the State Council's annual holiday schedule (国务院办公厅关于部分节假日安排的通知) does
not turn into a working day (调休上班), or a day of a holiday in that schedule.

A :class:`RestDayCalendar` answers which days are rest days, and for which days it knows; the
shipped one, the State Council's schedules, is loaded at the edge
(:func:`zs_quality.policy.rest_days.state_council_schedule`), and :class:`RestDaySet` is a fixed
list of one's own. :func:`extend_over_rest_days` applies art. 203 to one deadline and says why it
moved, or that it could not tell. Validity periods never move: only filing deadlines go through
here.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Protocol

import attrs

from zs_quality.dates import Date

__all__ = [
    "FilingDeadline",
    "RestDay",
    "RestDayCalendar",
    "RestDaySet",
    "extend_over_rest_days",
    "weekend",
]

# A rest that runs to the last day dates can hold has no day after it to move to.
_LAST_DAY = Date(9999, 12, 31)
_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@attrs.frozen
class RestDay:
    """Why a day is a rest day, in words: ``法定节假日（国庆节假期）``, ``休息日（星期日）``."""

    label_zh: str
    label_en: str


class RestDayCalendar(Protocol):
    """A calendar of rest days: pass your own to :func:`extend_over_rest_days` (and to scoring)
    to use another schedule, or :class:`RestDaySet` for a fixed list.

    Scoring remembers the filing deadlines a calendar gave: a calendar must not change once it
    has been used, unless it cannot be hashed (a mutable attrs class), which is asked every
    time."""

    @property
    def source(self) -> str:
        """What the calendar is, for reasons and citations."""
        ...

    def covers(self, day: Date) -> bool:
        """Whether the calendar knows the status of ``day``."""
        ...

    def rest_day(self, day: Date) -> RestDay | None:
        """Why ``day`` is a rest day, or ``None`` for a working day (only for covered days)."""
        ...


def weekend(day: _dt.date) -> RestDay | None:
    """A Saturday or Sunday as a rest day (by the calendar alone), ``None`` for a weekday."""
    weekday = day.weekday()
    if weekday < 5:
        return None
    return RestDay(f"休息日（{_WEEKDAYS_ZH[weekday]}）", f"a rest day ({_WEEKDAYS_EN[weekday]})")


@attrs.frozen
class RestDaySet:
    """A fixed calendar: the listed ``rest`` days and every Saturday and Sunday not listed in
    ``working`` are rest days, from ``first`` through ``last``. For tests and for schedules the
    package does not carry."""

    rest: frozenset[Date]
    first: Date
    last: Date
    working: frozenset[Date] = frozenset()
    source: str = "fixed rest-day list"

    @classmethod
    def of(
        cls,
        rest: Iterable[Date],
        first: Date,
        last: Date,
        *,
        working: Iterable[Date] = (),
        source: str = "fixed rest-day list",
    ) -> RestDaySet:
        """A calendar from lists of dates (see the class)."""
        return cls(frozenset(rest), first, last, frozenset(working), source)

    def covers(self, day: Date) -> bool:
        """Whether ``day`` is from ``first`` through ``last``."""
        return self.first <= day <= self.last

    def rest_day(self, day: Date) -> RestDay | None:
        """A listed rest day, or a weekend day not listed as working."""
        if day in self.rest:
            return RestDay("休息日", "a rest day")
        return None if day in self.working else weekend(day)


@attrs.frozen
class FilingDeadline:
    """A filing deadline after Civil Code art. 203.

    ``nominal`` is the period's end by arts. 201-202, ``last_day`` the deadline after moving past
    a rest (the same day when it did not move). ``covered`` is false when the calendar did not know
    a day it had to look at: the deadline was then left where it was, and the reason says so.
    """

    nominal: Date
    last_day: Date
    covered: bool
    reason_zh: str = ""
    reason_en: str = ""

    @property
    def moved(self) -> bool:
        """Whether art. 203 moved the deadline."""
        return self.last_day != self.nominal


def extend_over_rest_days(nominal: Date, calendar: RestDayCalendar) -> FilingDeadline:
    """Move a deadline that falls on a rest day to the first working day after the rest ends
    (Civil Code art. 203), or leave it, saying that ``calendar`` does not cover the days."""
    day = nominal
    first_rest: RestDay | None = None
    while True:
        if not calendar.covers(day) or (day == _LAST_DAY and calendar.rest_day(day) is not None):
            return FilingDeadline(
                nominal=nominal,
                last_day=nominal,
                covered=False,
                reason_zh=f"截止日{nominal}所涉日期不在节假日安排（{calendar.source}）范围内，未作顺延",
                reason_en=(
                    f"the deadline {nominal} could not be checked for rest days "
                    f"({calendar.source} does not cover {day}); not moved"
                ),
            )
        rest = calendar.rest_day(day)
        if rest is None:
            break
        first_rest = first_rest or rest
        day = day.add(days=1)
    if first_rest is None:
        return FilingDeadline(nominal=nominal, last_day=nominal, covered=True)
    return FilingDeadline(
        nominal=nominal,
        last_day=day,
        covered=True,
        reason_zh=f"截止日{nominal}为{first_rest.label_zh}，依民法典第二百零三条顺延至{day}",
        reason_en=(
            f"the deadline {nominal} is {first_rest.label_en}; moved to {day} (Civil Code art. 203)"
        ),
    )
