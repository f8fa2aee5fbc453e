"""Civil Code arts. 201-202 period ends and calendar dates in China."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from zs_quality import InputError, end_of_period, parse_date, today
from zs_quality.dates import as_date


@pytest.mark.parametrize(
    ("start", "years", "months", "end"),
    [
        ("2024-05-01", 1, 0, "2025-05-01"),  # the corresponding day of the last month
        ("2024-02-29", 1, 0, "2025-02-28"),  # art. 202: no 29 February in 2025
        ("2024-02-29", 4, 0, "2028-02-29"),  # a leap year has the corresponding day
        ("2023-02-28", 1, 0, "2024-02-28"),
        ("2024-01-31", 0, 1, "2024-02-29"),  # last day of a shorter month
        ("2023-01-31", 0, 1, "2023-02-28"),
        ("2024-03-31", 0, 1, "2024-04-30"),
        ("2024-12-31", 0, 2, "2025-02-28"),
        ("2024-08-31", 1, 6, "2026-02-28"),
        ("2024-05-01", 0, 0, "2024-05-01"),
        ("2022-12-31", 3, 0, "2025-12-31"),
    ],
)
def test_end_of_period(start: str, years: int, months: int, end: str) -> None:
    assert end_of_period(parse_date(start), years=years, months=months) == parse_date(end)


def test_end_of_period_accepts_a_plain_date_and_returns_a_pendulum_date() -> None:
    result = end_of_period(dt.date(2024, 2, 29), years=1)
    assert isinstance(result, pendulum.Date)
    assert result == dt.date(2025, 2, 28)


def test_negative_periods_are_refused() -> None:
    with pytest.raises(InputError):
        end_of_period(parse_date("2024-01-01"), years=-1)


@pytest.mark.parametrize("text", ["2024-13-01", "2024-02-30", "2024-5-1", "20240501", "", "x"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(InputError, match="is not a date"):
        parse_date(text)


def test_datetimes_are_not_dates() -> None:
    with pytest.raises(InputError, match="datetime"):
        as_date(dt.datetime(2024, 1, 1, 12, 0))


def test_today_is_the_date_in_shanghai() -> None:
    expected = {pendulum.now("Asia/Shanghai").date(), pendulum.now("Asia/Shanghai").date()}
    assert today() in expected
