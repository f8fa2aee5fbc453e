"""Civil Code art. 203: deadlines on rest days move to the next working day, by the State
Council's schedules (domain notes §3), one day either side of each case."""

from __future__ import annotations

import pytest

from zs_quality.dates import Date, parse_date
from zs_quality.policy.rest_days import state_council_schedule
from zs_quality.rest_days import (
    RestDaySet,
    extend_over_rest_days,
)

SCHEDULE = state_council_schedule()


def _moved(nominal: str) -> str:
    deadline = extend_over_rest_days(parse_date(nominal), SCHEDULE)
    assert deadline.covered
    return deadline.last_day.isoformat()


@pytest.mark.parametrize(
    ("nominal", "last_day"),
    [
        # A Sunday: to Monday. The Saturday before moves too; the Monday after stays.
        ("2025-06-13", "2025-06-13"),
        ("2025-06-14", "2025-06-16"),
        ("2025-06-15", "2025-06-16"),
        ("2025-06-16", "2025-06-16"),
        # The 2025 National Day rest runs 10-01..10-08: every day of it moves to 10-09.
        ("2025-09-30", "2025-09-30"),
        ("2025-10-01", "2025-10-09"),
        ("2025-10-02", "2025-10-09"),
        ("2025-10-08", "2025-10-09"),
        ("2025-10-09", "2025-10-09"),
        # 2025-09-28 is a Sunday made a working day (调休上班): no move; the Saturday before it
        # is an ordinary rest day.
        ("2025-09-27", "2025-09-28"),
        ("2025-09-28", "2025-09-28"),
        ("2025-09-29", "2025-09-29"),
        # The 2026 Spring Festival rest runs 02-15..02-23; 02-14, a Saturday, is a working day.
        ("2026-02-14", "2026-02-14"),
        ("2026-02-15", "2026-02-24"),
        ("2026-02-16", "2026-02-24"),
        ("2026-02-23", "2026-02-24"),
        ("2026-02-24", "2026-02-24"),
        # 2024: Spring Festival 02-10..02-17 with Sunday 02-18 working; National Day 10-01..10-07
        # with Saturday 10-12 working.
        ("2024-02-09", "2024-02-09"),
        ("2024-02-10", "2024-02-18"),
        ("2024-02-17", "2024-02-18"),
        ("2024-10-07", "2024-10-08"),
        ("2024-10-12", "2024-10-12"),
    ],
)
def test_deadlines_move_past_rest_days(nominal: str, last_day: str) -> None:
    assert _moved(nominal) == last_day


def test_the_reason_names_the_rest_and_the_article() -> None:
    deadline = extend_over_rest_days(Date(2025, 10, 1), SCHEDULE)
    assert deadline.moved
    assert deadline.reason_zh == (
        "截止日2025-10-01为法定节假日（国庆节假期），依民法典第二百零三条顺延至2025-10-09"
    )
    assert deadline.reason_en == (
        "the deadline 2025-10-01 is a statutory holiday (National Day break); "
        "moved to 2025-10-09 (Civil Code art. 203)"
    )
    sunday = extend_over_rest_days(Date(2025, 6, 15), SCHEDULE)
    assert (
        sunday.reason_zh
        == "截止日2025-06-15为休息日（星期日），依民法典第二百零三条顺延至2025-06-16"
    )
    in_lieu = extend_over_rest_days(Date(2025, 10, 8), SCHEDULE)
    assert in_lieu.reason_zh.startswith("截止日2025-10-08为调休休息日（国庆节假期）")


def test_a_working_day_does_not_move_and_says_nothing() -> None:
    deadline = extend_over_rest_days(Date(2025, 9, 28), SCHEDULE)
    assert (deadline.moved, deadline.covered, deadline.reason_zh) == (False, True, "")


def test_the_shipped_schedule_covers_the_years_the_rules_use() -> None:
    # A downgrade of chinese-calendar (or a release that lost years) fails here, not in a batch.
    assert SCHEDULE.first_year <= 2004
    assert SCHEDULE.last_year >= 2026
    assert SCHEDULE.covers(Date(2026, 12, 28))
    assert "chinese-calendar" in SCHEDULE.source


def test_a_year_the_schedule_does_not_have_is_stated_never_guessed() -> None:
    after = Date(SCHEDULE.last_year + 1, 10, 1)
    deadline = extend_over_rest_days(after, SCHEDULE)
    assert (deadline.covered, deadline.last_day) == (False, after)
    assert "不在节假日安排" in deadline.reason_zh
    assert "未作顺延" in deadline.reason_zh
    with pytest.raises(ValueError, match="outside"):
        SCHEDULE.rest_day(after)


def test_the_last_days_of_the_last_year_wait_for_the_next_notice() -> None:
    # A later notice has often made 29-31 December part of the New Year break.
    last = SCHEDULE.last_year
    assert not SCHEDULE.covers(Date(last, 12, 29))
    assert not extend_over_rest_days(Date(last, 12, 31), SCHEDULE).covered


def test_a_rest_that_runs_out_of_the_calendar_is_not_guessed() -> None:
    calendar = RestDaySet.of(
        [Date(2030, 1, 9), Date(2030, 1, 10)], Date(2030, 1, 1), Date(2030, 1, 10)
    )
    deadline = extend_over_rest_days(Date(2030, 1, 9), calendar)
    assert (deadline.covered, deadline.last_day) == (False, Date(2030, 1, 9))


def test_a_fixed_calendar_of_ones_own() -> None:
    calendar = RestDaySet.of(
        [Date(2030, 1, 2)],
        Date(2030, 1, 1),
        Date(2030, 12, 31),
        working=[Date(2030, 1, 5)],
        source="示例日历",
    )
    assert extend_over_rest_days(Date(2030, 1, 2), calendar).last_day == Date(2030, 1, 3)
    # 2030-01-05 is a Saturday listed as working; 01-06 a Sunday.
    assert extend_over_rest_days(Date(2030, 1, 5), calendar).last_day == Date(2030, 1, 5)
    assert extend_over_rest_days(Date(2030, 1, 6), calendar).last_day == Date(2030, 1, 7)


def test_a_rest_on_the_last_representable_day_is_not_moved_past_it() -> None:
    calendar = RestDaySet.of([Date(9999, 12, 31)], Date(9999, 1, 1), Date(9999, 12, 31))
    deadline = extend_over_rest_days(Date(9999, 12, 31), calendar)
    assert (deadline.covered, deadline.last_day) == (False, Date(9999, 12, 31))
