"""Quality-safety duty records: missing days, ISO weeks and months, across month and year ends."""

from __future__ import annotations

from datetime import date as _date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zs_quality.dates import Date
from zs_quality.errors import InputError
from zs_quality.model.roles import Appointment, Education, Person, QualityRole
from zs_quality.rules.duty import DutyKind, DutyRecord, check_duty_records, check_duty_roles
from zs_quality.testing.codes import example_uscc

code = example_uscc


def rec(kind: DutyKind, on: str, n: int = 1) -> DutyRecord:
    return DutyRecord(enterprise=code(n), kind=kind, date=on)


def days(first: str, last: str) -> list[Date]:
    start, end = Date.fromisoformat(first), Date.fromisoformat(last)
    return [start.add(days=i) for i in range((end - start).days + 1)]


def daily(first: str, last: str, skip: frozenset[str] = frozenset()) -> list[DutyRecord]:
    return [
        rec(DutyKind.DAILY_CONTROL, d.isoformat())
        for d in days(first, last)
        if d.isoformat() not in skip
    ]


def test_gaps_across_a_year_end() -> None:
    # 2024-12-30 (Mon) to 2025-01-05 (Sun) is ISO week 2025-W01, spanning two months and years.
    records = [
        *daily("2024-12-23", "2025-01-12", skip=frozenset({"2024-12-31", "2025-01-01"})),
        rec(DutyKind.WEEKLY_INSPECTION, "2024-12-27"),  # 2024-W52
        rec(DutyKind.WEEKLY_INSPECTION, "2024-12-31"),  # 2025-W01, recorded in December
        rec(DutyKind.MONTHLY_SCHEDULING, "2024-12-05"),
    ]
    gaps = check_duty_records(records, "2024-12-23", "2025-01-12")
    assert gaps.missing_days == (Date(2024, 12, 31), Date(2025, 1, 1))
    assert [w.label for w in gaps.missing_weeks] == ["2025-W02"]
    assert gaps.missing_weeks[0].start == Date(2025, 1, 6)
    assert gaps.missing_weeks[0].end == Date(2025, 1, 12)
    assert [m.label for m in gaps.missing_months] == ["2025-01"]
    assert gaps.missing_months[0].end == Date(2025, 1, 31)
    assert not gaps.complete
    assert "日管控缺2/21天" in gaps.reason_zh


def test_gaps_across_a_month_end_and_a_leap_day() -> None:
    records = [
        *daily("2024-02-26", "2024-03-03", skip=frozenset({"2024-02-29"})),
        rec(DutyKind.WEEKLY_INSPECTION, "2024-03-03"),  # Sunday of 2024-W09
        rec(DutyKind.MONTHLY_SCHEDULING, "2024-02-01"),
        rec(DutyKind.MONTHLY_SCHEDULING, "2024-03-31"),  # outside the range, inside March
    ]
    gaps = check_duty_records(records, "2024-02-26", "2024-03-03")
    assert gaps.missing_days == (Date(2024, 2, 29),)
    assert gaps.missing_weeks == ()
    assert gaps.missing_months == ()


def test_iso_week_53_and_a_range_of_one_day() -> None:
    gaps = check_duty_records([], "2020-12-31", "2020-12-31")
    assert gaps.missing_days == (Date(2020, 12, 31),)
    assert [w.label for w in gaps.missing_weeks] == ["2020-W53"]
    assert (gaps.missing_weeks[0].start, gaps.missing_weeks[0].end) == (
        Date(2020, 12, 28),
        Date(2021, 1, 3),
    )
    assert [m.label for m in gaps.missing_months] == ["2020-12"]


def test_a_record_just_outside_a_week_does_not_count() -> None:
    records = [rec(DutyKind.WEEKLY_INSPECTION, "2025-01-05")]  # Sunday of 2025-W01
    gaps = check_duty_records(records, "2025-01-06", "2025-01-12")
    assert [w.label for w in gaps.missing_weeks] == ["2025-W02"]


def test_a_complete_month() -> None:
    records = [
        *daily("2025-06-01", "2025-06-30"),
        *(
            rec(DutyKind.WEEKLY_INSPECTION, d)
            for d in (
                "2025-05-30",
                "2025-06-06",
                "2025-06-13",
                "2025-06-20",
                "2025-06-27",
                "2025-07-04",
            )
        ),
        rec(DutyKind.MONTHLY_SCHEDULING, "2025-06-30"),
    ]
    gaps = check_duty_records(records, "2025-06-01", "2025-06-30")
    assert gaps.complete, gaps.reason_en


def test_bad_ranges_and_mixed_enterprises_are_refused() -> None:
    with pytest.raises(InputError):
        check_duty_records([], "2025-01-02", "2025-01-01")
    with pytest.raises(InputError, match="several enterprises"):
        check_duty_records(
            [
                rec(DutyKind.DAILY_CONTROL, "2025-01-01", 1),
                rec(DutyKind.DAILY_CONTROL, "2025-01-01", 2),
            ],
            "2025-01-01",
            "2025-01-01",
        )


@given(
    st.dates(min_value=_date(2019, 1, 1), max_value=_date(2030, 12, 31)),
    st.integers(min_value=0, max_value=120),
    st.sets(st.integers(min_value=0, max_value=120)),
)
def test_missing_days_are_exactly_the_unrecorded_days(
    start: _date, length: int, recorded: set[int]
) -> None:
    first = Date(start.year, start.month, start.day)
    last = first.add(days=length)
    records = [rec(DutyKind.DAILY_CONTROL, first.add(days=n).isoformat()) for n in recorded]
    gaps = check_duty_records(records, first, last)
    expected = [first.add(days=n) for n in range(length + 1) if n not in recorded]
    assert list(gaps.missing_days) == expected
    # Every day of the range falls in exactly one listed week and month when none is recorded.
    assert len(gaps.missing_weeks) == len(
        {d.isocalendar()[:2] for d in days(first.isoformat(), last.isoformat())}
    )
    assert len(gaps.missing_months) == len(
        {(d.year, d.month) for d in days(first.isoformat(), last.isoformat())}
    )


def _appointment(role: QualityRole, name: str, start: str, end: str | None = None) -> Appointment:
    return Appointment(
        role=role,
        person=Person(name=name, education=Education.BACHELOR),
        enterprise=code(1),
        appointed_on=start,
        ended_on=end,
    )


def test_duty_roles_director_and_officer_required() -> None:
    appointments = [
        _appointment(QualityRole.QUALITY_SAFETY_DIRECTOR, "赵刚", "2024-01-01", "2024-12-31"),
        _appointment(QualityRole.QUALITY_SAFETY_OFFICER, "孙丽", "2024-03-01"),
    ]
    on_time = check_duty_roles(code(1), appointments, "2024-12-31")
    assert [(c.role, c.met, c.holders) for c in on_time] == [
        (QualityRole.QUALITY_SAFETY_DIRECTOR, True, ("赵刚",)),
        (QualityRole.QUALITY_SAFETY_OFFICER, True, ("孙丽",)),
    ]
    later = check_duty_roles(code(1), appointments, "2025-01-01")
    assert [c.met for c in later] == [False, True]
    assert "质量安全总监" in later[0].reason_zh
    assert [c.met for c in check_duty_roles(code(2), appointments, "2024-06-01")] == [False, False]


def test_errors_and_reasons_are_exact() -> None:
    """Pin the messages, paths and reported range (mutation testing found them unpinned)."""
    with pytest.raises(InputError) as reversed_range:
        check_duty_records([], "2025-01-02", "2025-01-01")
    assert reversed_range.value.path == "to"
    assert reversed_range.value.message == (
        "the range ends on 2025-01-01, before it starts on 2025-01-02"
    )
    with pytest.raises(InputError) as mixed:
        check_duty_records(
            [
                rec(DutyKind.DAILY_CONTROL, "2025-01-01", 2),
                rec(DutyKind.DAILY_CONTROL, "2025-01-01", 1),
            ],
            "2025-01-01",
            "2025-01-01",
        )
    assert mixed.value.message == (
        f"records of several enterprises ({code(1)}, {code(2)}); check one at a time"
    )
    gaps = check_duty_records(daily("2025-06-02", "2025-06-03"), "2025-06-02", "2025-06-03")
    assert (gaps.start, gaps.end) == (Date(2025, 6, 2), Date(2025, 6, 3))
    assert gaps.reason_en == (
        "2025-06-02 to 2025-06-03: daily control missing on 0 of 2 days, weekly inspection in "
        "1 of 1 ISO weeks, monthly scheduling in 1 of 1 months"
    )


def test_duty_role_reasons_list_every_holder() -> None:
    appointments = [
        _appointment(QualityRole.QUALITY_SAFETY_OFFICER, "孙丽", "2024-03-01"),
        _appointment(QualityRole.QUALITY_SAFETY_OFFICER, "周强", "2024-03-01"),
    ]
    officer = check_duty_roles(code(1), appointments, "2024-06-01")[1]
    assert officer.reason_zh == f"{QualityRole.QUALITY_SAFETY_OFFICER.label}：孙丽、周强"
    assert officer.reason_en == "quality_safety_officer: 孙丽, 周强"
