"""The State Council's holiday schedules (国务院办公厅关于部分节假日安排的通知), as a rest-day
calendar for Civil Code art. 203 (:mod:`zs_quality.rest_days`).

The schedules come from the ``chinese-calendar`` package, which carries each year's notice and
raises for a year it does not have rather than guess. It was chosen over ``holidays`` (which
computes a silent guess for a year without a notice and does not say which years it carries) and
smaller packages that miss the 2019 and 2020 amendments or fetch their data at run time; a new
release follows each year's notice, so the dependency's floor is raised when one is out
(CONTRIBUTING.md).
"""

from __future__ import annotations

import datetime as _dt
from functools import cache, lru_cache

import attrs
import chinese_calendar

from zs_quality.dates import Date
from zs_quality.rest_days import RestDay, weekend

__all__ = ["StateCouncilSchedule", "state_council_schedule"]


@attrs.frozen(cache_hash=True)  # hashed for every filing deadline a batch looks up
class StateCouncilSchedule:
    """The State Council's published holiday schedules, from the ``chinese-calendar`` package.

    It covers 1 January of the first year it carries to 28 December of the last: a later notice has
    often moved 29-31 December into the next year's New Year break, so those days are not known
    until that notice is out.
    """

    first_year: int
    last_year: int
    version: str

    @property
    def source(self) -> str:
        """The schedules and the package version they come from."""
        return (
            f"国务院办公厅节假日安排{self.first_year}-{self.last_year}年"
            f"（chinese-calendar {self.version}）"
        )

    def covers(self, day: Date) -> bool:
        """Whether ``day`` falls from 1 January of the first year to 28 December of the last."""
        return _dt.date(self.first_year, 1, 1) <= day <= _dt.date(self.last_year, 12, 28)

    def rest_day(self, day: Date) -> RestDay | None:
        """Why ``day`` is a rest day by the schedule, or ``None`` for a working day."""
        if not self.covers(day):
            raise ValueError(f"{day} is outside {self.source}")
        return _rest_day(_dt.date(day.year, day.month, day.day))


# A batch asks about the same few hundred deadlines again and again.
@lru_cache(maxsize=4096)
def _rest_day(plain: _dt.date) -> RestDay | None:
    resting, name = chinese_calendar.get_holiday_detail(plain)
    if not resting:
        return None
    if name is None:
        return weekend(plain)
    holiday = chinese_calendar.Holiday(name)
    if chinese_calendar.is_in_lieu(plain):
        zh, en = "调休休息日", "a rest day moved by the holiday schedule"
    elif plain.weekday() >= 5:
        zh, en = "休息日", "a rest day"
    else:
        zh, en = "法定节假日", "a statutory holiday"
    return RestDay(f"{zh}（{holiday.chinese}假期）", f"{en} ({name} break)")


@cache
def state_council_schedule() -> StateCouncilSchedule:
    """The schedules of the installed ``chinese-calendar`` release."""
    years = {day.year for day in chinese_calendar.holidays}
    return StateCouncilSchedule(
        first_year=min(years),
        last_year=max(years),
        version=str(getattr(chinese_calendar, "__version__", "unknown")),
    )
