"""Invariants of the rules, checked on inputs drawn by zs_quality.testing.strategies.

Each property is one the rule issues state: a record gets exactly one outcome, the annual cap
holds, periods end by the Civil Code, results do not depend on input order, size tiers are
monotonic, coverage figures add up, and a code's check character catches every single error.
"""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zs_quality import USCC, Enterprise, USCCError, classify_size
from zs_quality.api import coverage
from zs_quality.dates import Date, end_of_period
from zs_quality.model.enterprise import Sector
from zs_quality.model.roles import Appointment, QualityRole
from zs_quality.model.size import SizeTier
from zs_quality.model.submission import Submission
from zs_quality.model.uscc import CHARSET
from zs_quality.rules.integrity import Outcome, filing_deadline, score_integrity
from zs_quality.testing import strategies as zs

TIER_RANK = {SizeTier.MICRO: 0, SizeTier.SMALL: 1, SizeTier.MEDIUM: 2, SizeTier.LARGE: 3}


def cases() -> st.SearchStrategy[zs.IntegrityCase]:
    """Cases under the embedded rulesets and under drawn ones."""
    drawn = zs.rulesets(max_items=4).flatmap(lambda rules: zs.integrity_cases(rules))
    return zs.integrity_cases() | drawn


@settings(max_examples=60)
@given(cases())
def test_each_record_gets_one_result_and_the_total_is_the_counted_sum(
    case: zs.IntegrityCase,
) -> None:
    result = score_integrity(case.submission, case.rules, case.as_of)
    assert [r.id for r in result.records] == [r.id for r in case.submission.records]
    assert result.total == sum(
        (r.awarded for r in result.records if r.outcome is Outcome.COUNTED), Decimal(0)
    )
    assert result.as_of == case.as_of
    assert result.uscc == case.submission.enterprise.uscc


@settings(max_examples=60)
@given(cases())
def test_awards_respect_points_caps_and_periods(case: zs.IntegrityCase) -> None:
    result = score_integrity(case.submission, case.rules, case.as_of)
    day = case.as_of
    per_year: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for record, r in zip(case.submission.records, result.records, strict=True):
        item = case.rules.items.get(record.item)
        if r.outcome in (Outcome.COUNTED, Outcome.EXPIRED, Outcome.NOT_YET_EFFECTIVE):
            assert item is not None
            points = item.points_for(record.grade)
            assert points is not None
            assert 0 < r.awarded <= points
            assert r.valid_until == end_of_period(record.document_date, years=item.validity_years)
            deadline = filing_deadline(record.document_date, item, case.rules)
            if deadline is None:
                assert r.filing_deadline is None
                assert record.document_date <= record.submitted_on
            else:
                assert r.filing_deadline == deadline.last_day
                assert deadline.last_day >= deadline.nominal
                assert record.document_date <= record.submitted_on <= r.filing_deadline
            assert record.status.value == "approved"
            assert case.submission.enterprise.category in item.categories
            per_year[(item.code, record.document_date.year)] += r.awarded
        else:
            assert r.awarded == 0
        if r.outcome is Outcome.COUNTED:
            assert r.valid_until is not None
            assert record.document_date <= day <= r.valid_until
        elif r.outcome is Outcome.EXPIRED:
            assert r.valid_until is not None
            assert day > r.valid_until
        elif r.outcome is Outcome.NOT_YET_EFFECTIVE:
            assert day < record.document_date
        elif r.outcome is Outcome.LATE_SUBMISSION:
            assert r.filing_deadline is not None
            assert record.submitted_on > r.filing_deadline
        elif r.outcome is Outcome.INVALID and record.submitted_on >= record.document_date:
            assert item is not None
            assert item.points_for(record.grade) is None
        elif r.outcome is Outcome.NOT_APPROVED:
            assert record.status.value != "approved"
        elif r.outcome is Outcome.WRONG_CATEGORY:
            assert item is not None
            assert case.submission.enterprise.category not in item.categories
    for (code, _year), total in per_year.items():
        cap = case.rules.items[code].annual_cap
        assert cap is None or total <= cap


@settings(max_examples=100)
@given(cases(), st.randoms(use_true_random=False))
def test_integrity_results_do_not_depend_on_record_order(
    case: zs.IntegrityCase, shuffle: random.Random
) -> None:
    records = list(case.submission.records)
    shuffle.shuffle(records)
    shuffled = Submission(enterprise=case.submission.enterprise, records=tuple(records))
    a = score_integrity(case.submission, case.rules, case.as_of)
    b = score_integrity(shuffled, case.rules, case.as_of)
    assert a.total == b.total
    assert {r.id: r for r in a.records} == {r.id: r for r in b.records}


@given(
    zs.enterprises(sector=Sector.MANUFACTURING) | zs.enterprises(sector=Sector.CONSTRUCTION),
    st.sampled_from(["employees", "revenue", "total_assets"]),
    st.integers(min_value=1, max_value=100_000),
)
def test_a_larger_indicator_never_lowers_the_tier(
    enterprise: Enterprise, indicator: str, more: int
) -> None:
    value = getattr(enterprise, indicator)
    if value is None:
        return
    bigger = attrs.evolve(enterprise, **{indicator: value + more})
    assert TIER_RANK[classify_size(bigger).tier] >= TIER_RANK[classify_size(enterprise).tier]


@st.composite
def registries(draw: st.DrawFn) -> tuple[list[Enterprise], list[Appointment]]:
    enterprises = draw(
        st.lists(zs.enterprises(), max_size=12, unique_by=lambda e: e.uscc)  # one line a code
    )
    appointments = [
        draw(zs.appointments(enterprise=e.uscc, role=QualityRole.CHIEF_QUALITY_OFFICER))
        for e in enterprises
        if draw(st.booleans())
    ]
    return enterprises, appointments


@settings(max_examples=100)
@given(registries(), zs.dates(), st.randoms(use_true_random=False))
def test_coverage_figures_add_up_and_do_not_depend_on_order(
    registry: tuple[list[Enterprise], list[Appointment]], day: Date, shuffle: random.Random
) -> None:
    enterprises, appointments = registry
    report = coverage(enterprises, appointments, day)
    assert sum(f.total for f in report.by_size.values()) == len(enterprises)
    assert sum(f.total for f in report.by_sector.values()) == len(enterprises)
    assert sum(f.total for f in report.by_town.values()) == len(enterprises)
    for figure in [report.above_designated_manufacturing, *report.by_size.values()]:
        assert 0 <= figure.covered <= figure.total
        expected = (
            None
            if figure.total == 0
            else (Decimal(figure.covered) / figure.total).quantize(
                Decimal("0.0001"), rounding=ROUND_HALF_UP
            )
        )
        assert figure.rate == expected
    held = {a.enterprise for a in appointments if a.holds_on(day)}
    assert {r.enterprise.uscc for r in report.enterprises if r.covered} == held & {
        e.uscc for e in enterprises
    }
    assert [r.enterprise for r in report.uncovered] == [
        e for e in enterprises if e.uscc not in held
    ]
    shuffle.shuffle(enterprises)
    shuffle.shuffle(appointments)
    again = coverage(enterprises, appointments, day)
    for name in ("above_designated_manufacturing", "large_medium_manufacturing", "trained_cqos"):
        assert getattr(again, name) == getattr(report, name)
    assert dict(again.by_size) == dict(report.by_size)
    assert dict(again.by_town) == dict(report.by_town)


@given(zs.uscc_texts(), st.integers(min_value=0, max_value=17), st.sampled_from(CHARSET))
def test_every_single_character_error_in_a_code_is_caught(
    text: str, position: int, char: str
) -> None:
    if text[position] == char:
        return
    wrong = text[:position] + char + text[position + 1 :]
    with pytest.raises(USCCError) as caught:
        USCC.parse(wrong)
    assert caught.value.rule in ("registration", "division", "check")


@given(zs.uscc_texts())
def test_a_code_is_read_whatever_its_case_and_surrounding_spaces(text: str) -> None:
    assert USCC.parse(f"  {text.lower()}\t") == USCC.parse(text) == USCC(text)
