"""Quality-safety duty records (质量安全责任记录): daily control, weekly inspection, monthly scheduling.

SAMR's 2023 rules on enterprises' quality-safety responsibility require producers in scope to
appoint a quality-safety director (质量安全总监) and quality-safety officers (质量安全员) and to run
daily control, weekly inspection and monthly scheduling (日管控、周排查、月调度). The cadence is in
the names: a daily-control record for every day, a weekly-inspection record for every ISO week
(Monday to Sunday), a monthly-scheduling record for every calendar month.
:func:`check_duty_records` lists the days, weeks and months with no record;
:func:`check_duty_roles` checks that both roles are filled.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from zs_quality.dates import LONG_TERM, Date, as_date
from zs_quality.errors import InputError
from zs_quality.model.enterprise import to_uscc
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.roles import Appointment, QualityRole
from zs_quality.model.uscc import USCC

__all__ = [
    "DUTY_REFERENCE",
    "DutyGaps",
    "DutyKind",
    "DutyPeriod",
    "DutyRecord",
    "RoleCheck",
    "check_duty_records",
    "check_duty_roles",
]

DUTY_REFERENCE = "市场监管总局2023年企业落实质量安全主体责任规定（日管控、周排查、月调度）"
"""The rule the duty checks cite (domain notes §6)."""

_REQUIRED_ROLES = (QualityRole.QUALITY_SAFETY_DIRECTOR, QualityRole.QUALITY_SAFETY_OFFICER)


class DutyKind(LabelledEnum):
    """The kinds of duty record, each with its own cadence."""

    DAILY_CONTROL = "daily_control", "日管控"
    WEEKLY_INSPECTION = "weekly_inspection", "周排查"
    MONTHLY_SCHEDULING = "monthly_scheduling", "月调度"


@attrs.frozen(kw_only=True)
class DutyRecord:
    """One duty record of an enterprise: its kind, the day it covers, who made it."""

    enterprise: USCC = attrs.field(converter=to_uscc)
    kind: DutyKind
    date: Date = attrs.field(converter=as_date)
    by: str | None = None
    note: str = ""


@attrs.frozen(kw_only=True)
class DutyPeriod:
    """A day, an ISO week (``2025-W01``) or a calendar month (``2025-01``), first to last day."""

    label: str
    start: Date
    end: Date


@attrs.frozen(kw_only=True)
class DutyGaps:
    """The periods from ``start`` through ``end`` that have no record of their kind."""

    start: Date
    end: Date
    missing_days: tuple[Date, ...]
    missing_weeks: tuple[DutyPeriod, ...]
    missing_months: tuple[DutyPeriod, ...]
    reason_zh: str
    reason_en: str
    reference: str = DUTY_REFERENCE

    @property
    def complete(self) -> bool:
        """Whether no day, week or month is missing."""
        return not (self.missing_days or self.missing_weeks or self.missing_months)


def _days(first: Date, last: Date) -> list[Date]:
    return [first.add(days=n) for n in range((last - first).days + 1)]


def _week(day: Date) -> DutyPeriod:
    year, week, weekday = day.isocalendar()
    monday = day.subtract(days=weekday - 1)
    # The week of 9999-12-31 (a Friday) ends with the calendar, two days short.
    sunday = LONG_TERM if (LONG_TERM - monday).days < 6 else monday.add(days=6)
    return DutyPeriod(label=f"{year}-W{week:02d}", start=monday, end=sunday)


def _month(day: Date) -> DutyPeriod:
    first = day.start_of("month")
    return DutyPeriod(label=f"{day.year}-{day.month:02d}", start=first, end=first.end_of("month"))


def check_duty_records(
    records: Iterable[DutyRecord], start: _dt.date | str, end: _dt.date | str
) -> DutyGaps:
    """The days, ISO weeks and months from ``start`` through ``end`` with no duty record.

    Every day of the range needs a daily-control record. Every ISO week and calendar month that
    overlaps the range needs a weekly-inspection or monthly-scheduling record dated anywhere in
    that week or month, even outside the range: a week that starts in December is satisfied by an
    inspection on 30 December. So a range that ends mid-week or mid-month checks that week or
    month too; end the range on a Sunday or a month's last day to judge only finished periods.
    The records must all be one enterprise's.
    """
    first, last = as_date(start), as_date(end)
    if last < first:
        raise InputError(f"the range ends on {last}, before it starts on {first}", path="to")
    listed = list(records)
    enterprises = {r.enterprise for r in listed}
    if len(enterprises) > 1:
        codes = ", ".join(sorted(str(e) for e in enterprises))
        raise InputError(f"records of several enterprises ({codes}); check one at a time")
    dated: dict[DutyKind, set[Date]] = {kind: set() for kind in DutyKind}
    for record in listed:
        dated[record.kind].add(record.date)
    days = _days(first, last)
    weeks = list({_week(d).label: _week(d) for d in days}.values())
    months = list({_month(d).label: _month(d) for d in days}.values())

    def unrecorded(periods: list[DutyPeriod], kind: DutyKind) -> tuple[DutyPeriod, ...]:
        return tuple(p for p in periods if not any(p.start <= d <= p.end for d in dated[kind]))

    missing_days = tuple(d for d in days if d not in dated[DutyKind.DAILY_CONTROL])
    missing_weeks = unrecorded(weeks, DutyKind.WEEKLY_INSPECTION)
    missing_months = unrecorded(months, DutyKind.MONTHLY_SCHEDULING)
    return DutyGaps(
        start=first,
        end=last,
        missing_days=missing_days,
        missing_weeks=missing_weeks,
        missing_months=missing_months,
        reason_zh=(
            f"{first}至{last}：日管控缺{len(missing_days)}/{len(days)}天，"
            f"周排查缺{len(missing_weeks)}/{len(weeks)}周，"
            f"月调度缺{len(missing_months)}/{len(months)}月（{DUTY_REFERENCE}）"
        ),
        reason_en=(
            f"{first} to {last}: daily control missing on {len(missing_days)} of {len(days)} days, "
            f"weekly inspection in {len(missing_weeks)} of {len(weeks)} ISO weeks, "
            f"monthly scheduling in {len(missing_months)} of {len(months)} months"
        ),
    )


@attrs.frozen(kw_only=True)
class RoleCheck:
    """Whether a required quality-safety role is filled on a date, and by whom."""

    role: QualityRole
    met: bool
    holders: tuple[str, ...]
    reason_zh: str
    reason_en: str
    reference: str = DUTY_REFERENCE


def check_duty_roles(
    enterprise: USCC | str, appointments: Iterable[Appointment], as_of: _dt.date | str
) -> tuple[RoleCheck, ...]:
    """For a producer in scope: is a quality-safety director and an officer in office on
    ``as_of``? One result per role; appointments of other enterprises are ignored."""
    code, day = to_uscc(enterprise), as_date(as_of)
    current = [a for a in appointments if a.enterprise == code and a.holds_on(day)]
    checks = []
    for role in _REQUIRED_ROLES:
        holders = tuple(a.person.name for a in current if a.role is role)
        if holders:
            zh, en = f"{role.label}：{'、'.join(holders)}", f"{role.value}: {', '.join(holders)}"
        else:
            zh, en = f"{day}未配备{role.label}", f"no {role.value} in office on {day}"
        checks.append(
            RoleCheck(role=role, met=bool(holders), holders=holders, reason_zh=zh, reason_en=en)
        )
    return tuple(checks)
