"""Filing windows as the sources state them: per item (JJL one year, JHNT none), and deadlines that
fall on rest days moved by Civil Code art. 203, each case one day either side."""

from __future__ import annotations

import attrs
import pytest

from integrity_support import CODE, rec, ruleset, ruleset_text, submission
from zs_quality import ConstructionCategory, Enterprise
from zs_quality.dates import Date, parse_date
from zs_quality.errors import RulesetError
from zs_quality.model.submission import Submission
from zs_quality.rest_days import RestDay, RestDaySet
from zs_quality.rules.integrity import IntegrityRule, Outcome, score_integrity
from zs_quality.rulesets import load_ruleset, parse_ruleset

SHIPPED = load_ruleset("zhongshan-construction-good-behaviour@2024")


def _one(item: str, document: str, submitted: str, category: str = "supervision") -> Outcome:
    enterprise = Enterprise(uscc=CODE, name="中山示例企业", category=ConstructionCategory(category))
    result = score_integrity(
        Submission(enterprise=enterprise, records=[rec("r", item, document, submitted)]),
        SHIPPED,
        "2025-01-01",
    )
    return result.records[0].outcome


# --- Per-item windows: the JJL rows one year, the JHNT rows none ------------------------------


def test_a_jjl_record_filed_after_its_year_is_late() -> None:
    # JJL-001: 2024-03-04 + 1 year = 2025-03-04, a Tuesday (a working day).
    assert _one("JJL-001", "2024-03-04", "2025-03-04") is Outcome.COUNTED
    assert _one("JJL-001", "2024-03-04", "2025-03-05") is Outcome.LATE_SUBMISSION


@pytest.mark.parametrize("submitted", ["2024-03-04", "2025-03-05", "2025-05-04", "2027-03-04"])
def test_a_jhnt_record_filed_any_time_after_its_document_counts(submitted: str) -> None:
    # The JHNT rows' note is "/": no filing window, so even 14 months (or 3 years) on is in time.
    outcome = _one("JHNT-001", "2024-03-04", submitted, "ready_mixed_concrete")
    assert outcome is not Outcome.LATE_SUBMISSION


def test_the_jhnt_reason_says_the_item_has_no_window() -> None:
    enterprise = Enterprise(
        uscc=CODE, name="中山示例混凝土公司", category=ConstructionCategory.READY_MIXED_CONCRETE
    )
    result = score_integrity(
        Submission(
            enterprise=enterprise, records=[rec("r", "JHNT-003", "2024-03-04", "2025-05-04")]
        ),
        SHIPPED,
        "2025-06-30",
    )
    record = result.records[0]
    assert (record.outcome, record.filing_deadline) == (Outcome.COUNTED, None)
    assert "本项未设申报期限" in record.reason_zh
    assert "no filing window" in record.reason_en


ITEMS_WITH_WINDOWS = """
[[items]]
code = "OWN"
categories = ["supervision"]
level = "national"
description = "本项两年"
points = 10
validity_years = 3
submission_window_years = 2

[[items]]
code = "NONE"
categories = ["supervision"]
level = "national"
description = "不设期限"
points = 10
validity_years = 3
no_submission_window = true

[[items]]
code = "DEFAULT"
categories = ["supervision"]
level = "national"
description = "默认期限"
points = 10
validity_years = 3
"""


def test_each_item_takes_its_own_window_none_or_the_default() -> None:
    rules = ruleset(items=ITEMS_WITH_WINDOWS)
    assert rules.submission_window_years == 1
    records = [
        rec("own-in", "OWN", "2022-03-01", "2024-03-01"),
        rec("own-late", "OWN", "2022-03-01", "2024-03-02"),
        rec("none", "NONE", "2022-03-01", "2024-03-02"),
        rec("default-in", "DEFAULT", "2023-03-01", "2024-03-01"),
        rec("default-late", "DEFAULT", "2023-03-01", "2024-03-02"),
    ]
    result = score_integrity(submission(*records), rules, "2024-06-30")
    outcomes = {r.id: r.outcome for r in result.records}
    assert outcomes == {
        "own-in": Outcome.COUNTED,
        "own-late": Outcome.LATE_SUBMISSION,
        "none": Outcome.COUNTED,
        "default-in": Outcome.COUNTED,
        "default-late": Outcome.LATE_SUBMISSION,
    }
    reasons = {r.id: r.reason_zh for r in result.records}
    assert "申报期限为落款日期起2年（本项规定）" in reasons["own-in"]
    assert "落款日期起2年内（本项规定，截至2024-03-01）" in reasons["own-late"]
    assert "本项未设申报期限" in reasons["none"]
    assert "申报期限为落款日期起1年（记分标准默认）" in reasons["default-in"]
    assert "落款日期起1年内（记分标准默认，截至2024-03-01）" in reasons["default-late"]
    late = next(r for r in result.records if r.id == "default-late")
    assert "the ruleset's default window" in late.reason_en
    assert late.rule is IntegrityRule.SUBMISSION_WINDOW


def test_an_item_cannot_have_both_a_window_and_none() -> None:
    both = ITEMS_WITH_WINDOWS.replace(
        "no_submission_window = true", "no_submission_window = true\nsubmission_window_years = 1"
    )
    with pytest.raises(RulesetError, match=r"items\[NONE\]\.no_submission_window"):
        ruleset(items=both)


# --- Civil Code art. 203 in scoring: the shipped rulesets move deadlines ------------------------

# (document date, nominal deadline, the last day after the move) for JJL-001's one-year window.
MOVES = [
    # A Sunday moves to the Monday.
    ("2024-06-15", "2025-06-15", "2025-06-16"),
    # The 2025 National Day rest runs 10-01..10-08.
    ("2024-10-01", "2025-10-01", "2025-10-09"),
    # 2025-09-28 is a Sunday made a working day: no move.
    ("2024-09-28", "2025-09-28", "2025-09-28"),
    # The 2026 Spring Festival rest starts 02-15 (a Sunday) and runs to 02-23.
    ("2025-02-15", "2026-02-15", "2026-02-24"),
]


@pytest.mark.parametrize(("document", "nominal", "last"), MOVES)
def test_a_deadline_on_a_rest_day_moves_one_day_either_side(
    document: str, nominal: str, last: str
) -> None:
    before = parse_date(nominal).subtract(days=1).isoformat()
    after = parse_date(last).add(days=1).isoformat()
    for submitted in (before, nominal, last):
        assert _one("JJL-001", document, submitted) is not Outcome.LATE_SUBMISSION, submitted
    assert _one("JJL-001", document, after) is Outcome.LATE_SUBMISSION


def test_the_day_before_a_rest_does_not_move() -> None:
    # 2025-09-30 is a Tuesday, the day before the National Day rest: it is the deadline.
    assert _one("JJL-001", "2024-09-30", "2025-09-30") is not Outcome.LATE_SUBMISSION
    assert _one("JJL-001", "2024-09-30", "2025-10-01") is Outcome.LATE_SUBMISSION


def test_the_reason_says_when_and_why_a_deadline_moved() -> None:
    enterprise = Enterprise(
        uscc=CODE, name="中山示例监理公司", category=ConstructionCategory.SUPERVISION
    )
    result = score_integrity(
        Submission(
            enterprise=enterprise,
            records=[
                rec("in-the-extra-days", "JJL-004", "2024-10-01", "2025-10-09"),
                rec("late", "JJL-004", "2024-10-02", "2025-10-10"),
                rec("in-time", "JJL-004", "2024-10-03", "2025-09-30"),
            ],
        ),
        SHIPPED,
        "2025-10-31",
    )
    extra, late, in_time = result.records
    assert extra.filing_deadline == Date(2025, 10, 9)
    assert "截止日2025-10-01为法定节假日（国庆节假期），依民法典第二百零三条顺延至2025-10-09" in (
        extra.reason_zh
    )
    assert "moved to 2025-10-09 (Civil Code art. 203)" in extra.reason_en
    assert late.outcome is Outcome.LATE_SUBMISSION
    assert "截至2025-10-09；截止日2025-10-02为法定节假日（国庆节假期）" in late.reason_zh
    # Filed before the nominal deadline: the move did not matter, and the reason does not dwell
    # on it.
    assert in_time.filing_deadline == Date(2025, 10, 9)
    assert "顺延" not in in_time.reason_zh


def test_validity_periods_never_move() -> None:
    # JJL-003 is valid one year: from 2024-10-01 through 2025-10-01, a holiday; not to 10-09.
    enterprise = Enterprise(
        uscc=CODE, name="中山示例监理公司", category=ConstructionCategory.SUPERVISION
    )
    result = score_integrity(
        Submission(
            enterprise=enterprise, records=[rec("r", "JJL-003", "2024-10-01", "2024-10-08")]
        ),
        SHIPPED,
        "2025-10-02",
    )
    record = result.records[0]
    assert record.valid_until == Date(2025, 10, 1)
    assert record.outcome is Outcome.EXPIRED


def test_a_ruleset_without_the_setting_does_not_move_deadlines() -> None:
    rules = ruleset()  # no rest_day_extension: off
    assert rules.rest_days is None
    result = score_integrity(
        submission(rec("r", "A", "2024-10-01", "2025-10-02")), rules, "2025-10-31"
    )
    assert result.records[0].outcome is Outcome.LATE_SUBMISSION


def test_an_amendment_keeps_its_bases_setting() -> None:
    proposal = load_ruleset("zhongshan-construction-good-behaviour@2024-cqo")
    assert proposal.rest_days == SHIPPED.rest_days
    assert proposal.rest_days is not None


def test_a_year_the_calendar_does_not_cover_is_stated_in_a_late_records_reason() -> None:
    # A calendar of one's own that knows 2030 only: a 2031 deadline is not moved, and the reason
    # of a late record says the calendar could not tell.
    calendar = RestDaySet.of([], Date(2030, 1, 1), Date(2030, 12, 31), source="示例日历")
    rules = attrs.evolve(ruleset(start="2029-01-01"), rest_days=calendar)
    result = score_integrity(
        submission(
            rec("late", "A", "2030-03-01", "2031-03-03"),
            rec("in-time", "A", "2030-03-01", "2031-03-01"),
        ),
        rules,
        "2031-06-30",
    )
    late, in_time = result.records
    assert late.outcome is Outcome.LATE_SUBMISSION
    assert "不在节假日安排（示例日历）范围内，未作顺延" in late.reason_zh
    assert "could not be checked for rest days" in late.reason_en
    assert in_time.outcome is Outcome.COUNTED
    assert "示例日历" not in in_time.reason_zh


@attrs.define  # mutable, so unhashable: a calendar one keeps up to date
class _EditableCalendar:
    rest: set[Date]
    source: str = "可编辑日历"

    def covers(self, day: Date) -> bool:
        return day.year == 2030

    def rest_day(self, day: Date) -> RestDay | None:
        return RestDay("休息日", "a rest day") if day in self.rest else None


def test_a_calendar_that_cannot_be_hashed_is_asked_every_time() -> None:
    # Filing windows are cached by document date and calendar; a calendar that cannot be hashed
    # may change (rest_days.RestDayCalendar says so), so each scoring asks it again.
    calendar = _EditableCalendar(set())
    rules = attrs.evolve(ruleset(start="2029-01-01"), rest_days=calendar)
    late = submission(rec("r", "A", "2029-03-01", "2030-03-04"))  # nominal deadline 2030-03-01
    assert score_integrity(late, rules, "2030-06-30").records[0].outcome is Outcome.LATE_SUBMISSION
    calendar.rest |= {Date(2030, 3, 1), Date(2030, 3, 2), Date(2030, 3, 3)}
    moved = score_integrity(late, rules, "2030-06-30").records[0]
    assert (moved.outcome, moved.filing_deadline) == (Outcome.COUNTED, Date(2030, 3, 4))
    assert "截止日2030-03-01为休息日，依民法典第二百零三条顺延至2030-03-04" in moved.reason_zh


def test_assumed_keys_and_readings_must_name_something() -> None:
    items = ITEMS_WITH_WINDOWS.replace(
        'description = "本项两年"',
        'description = "本项两年"\nassumed_keys = ["categories", "colour"]',
    )
    with pytest.raises(RulesetError) as info:
        ruleset(items=items)
    assert [p.path for p in info.value.problems] == ["items[OWN].assumed_keys[1]"]
    readings = ruleset_text(items=ITEMS_WITH_WINDOWS) + (
        '\n[ruleset.readings]\nannual_cap = "按落款年度"\nweather = "晴"\n'
    )
    with pytest.raises(RulesetError) as bad:
        parse_ruleset(readings, source="readings.toml")
    assert [p.path for p in bad.value.problems] == ["ruleset.readings.weather"]
