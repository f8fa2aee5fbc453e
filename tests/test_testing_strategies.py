"""The strategies of zs_quality.testing draw what they promise: valid objects, and the faults
the invalid strategies name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zs_quality import (
    USCC,
    Appointment,
    Enterprise,
    InputError,
    Person,
    Sector,
    SizeTier,
    USCCError,
    classify_size,
    structure,
)
from zs_quality.dates import Date
from zs_quality.model.criteria import Criteria
from zs_quality.model.evidence import EVIDENCE_TYPES, CQOCertification, Evidence, EvidenceKind
from zs_quality.model.submission import Submission
from zs_quality.model.titles import Candidate
from zs_quality.model.uscc import check_character
from zs_quality.registries.training import TrainingRecord
from zs_quality.rules.integrity import Outcome, score_integrity
from zs_quality.rules.titles import assess_title, highest_eligible_level
from zs_quality.rulesets import Ruleset, parse_ruleset
from zs_quality.testing import invalid
from zs_quality.testing import strategies as zs
from zs_quality.testing.strategies import LATEST


@given(zs.uscc_texts())
def test_uscc_texts_are_valid_codes(text: str) -> None:
    assert str(USCC.parse(text)) == text
    assert text[-1] == check_character(text[:17])
    assert text[2:8].isdigit()


@pytest.mark.parametrize("sector", [Sector.MANUFACTURING, Sector.CONSTRUCTION])
@pytest.mark.parametrize("tier", list(SizeTier))
def test_enterprises_of_a_tier_are_classified_in_that_tier(sector: Sector, tier: SizeTier) -> None:
    @settings(max_examples=60)
    @given(zs.enterprises(sector=sector, tier=tier))
    def check(enterprise: Enterprise) -> None:
        assert enterprise.sector is sector
        assert classify_size(enterprise).tier is tier

    check()


def test_enterprises_are_drawn_at_each_side_of_every_bound() -> None:
    # By construction, not by the luck of a search: the values the strategy samples on purpose
    # hold each bound, one below and one above (hypothesis's own choice of examples depends on
    # the constants of the modules loaded, so counting what 600 examples reached is not stable).
    bounds = {
        "employees": [20, 300, 1000],
        "revenue": [300, 2000, 6000, 40000, 80000],
        "total_assets": [300, 5000, 80000],
    }
    for indicator, values in bounds.items():
        edges = zs.bound_edges(indicator, 0, 200_000)
        for bound in values:
            assert {bound - 1, bound, bound + 1} <= set(edges), (indicator, bound)
    assert zs.bound_edges("revenue", 300, 1999) == [300, 301, 1999]  # 299 is below the range


@settings(max_examples=100)
@given(zs.enterprises(sector=Sector.MANUFACTURING) | zs.enterprises(sector=Sector.CONSTRUCTION))
def test_drawn_indicators_are_never_negative(enterprise: Enterprise) -> None:
    for indicator in ("employees", "revenue", "total_assets"):
        value = getattr(enterprise, indicator)
        assert value is None or value >= 0


def test_a_tier_needs_a_sector_with_size_rules() -> None:
    with pytest.raises(ValueError, match="no size rules"):
        zs.enterprises(sector=Sector.OTHER, tier=SizeTier.SMALL)


@given(zs.appointments())
def test_appointments_never_end_before_they_start(appointment: Appointment) -> None:
    assert appointment.ended_on is None or appointment.ended_on >= appointment.appointed_on


@pytest.mark.parametrize("kind", list(EvidenceKind))
def test_evidence_of_each_kind(kind: EvidenceKind) -> None:
    @settings(max_examples=20)
    @given(zs.evidence(kind))
    def check(record: Evidence) -> None:
        assert record.kind is kind

    check()


@given(zs.rulesets())
def test_rulesets_are_consistent(ruleset: Ruleset) -> None:
    assert ruleset.items
    for item in ruleset.items.values():
        assert item.categories
        assert item.points > 0
        assert item.annual_cap is None or item.annual_cap >= item.points
        assert all(0 < p <= item.points for p in item.grades.values())
    assert ruleset.effective_until is None or ruleset.effective_until >= ruleset.effective_from


@given(zs.ruleset_texts())
def test_ruleset_texts_parse_to_the_same_ruleset_twice(text: str) -> None:
    assert parse_ruleset(text, source="a") == parse_ruleset(text, source="a")


# Two items alike but for their category, each with a filing window, an annual cap and a one-year
# validity: whichever category a case draws, every outcome is reachable, so each aim must be hit.
_EVERY_OUTCOME_RULES = parse_ruleset(
    """
schema = 1
[ruleset]
id = "every-outcome"
version = "1"
title = "每种结果"
jurisdiction = "中山市"
reference = "测试"
status = "in_force"
effective_from = 2024-01-01
submission_window_years = 1

[[items]]
code = "A"
categories = ["supervision"]
level = "national"
description = "甲"
points = 30
annual_cap = 60
validity_years = 1

[[items]]
code = "B"
categories = ["design"]
level = "national"
description = "乙"
points = 30
annual_cap = 60
validity_years = 1
""",
    source="every-outcome.toml",
)


@pytest.mark.parametrize("outcome", list(Outcome))
def test_integrity_cases_reach_every_outcome(outcome: Outcome) -> None:
    # By construction, not by what a search happens to reach: with rules where every outcome is
    # reachable and a day far enough from the rules' start, a record aimed at an outcome gets it.
    @settings(max_examples=25)
    @given(
        zs.integrity_cases(
            _EVERY_OUTCOME_RULES, as_of=Date(2030, 6, 30), aims=[outcome], min_records=1
        )
    )
    def score(case: zs.IntegrityCase) -> None:
        result = score_integrity(case.submission, case.rules, case.as_of)
        assert outcome in {r.outcome for r in result.records}

    score()


@settings(max_examples=50)
@given(zs.integrity_cases(aims=[Outcome.COUNTED, Outcome.NOT_APPROVED, Outcome.LATE_SUBMISSION]))
def test_most_aims_are_hit(case: zs.IntegrityCase) -> None:
    """Aims that no other record can disturb are always hit (a cap can only cut ``counted``),
    but ``late_submission`` only where an item of the category has a filing window: with none (the
    2024 ready-mixed-concrete rows), the record is drawn in time instead."""
    result = score_integrity(case.submission, case.rules, case.as_of)
    category = case.submission.enterprise.category
    windowed = any(
        category in item.categories and case.rules.window_for(item).years is not None
        for item in case.rules.items.values()
    )
    for aim, record in zip(case.aims, result.records, strict=True):
        if aim is Outcome.LATE_SUBMISSION and not windowed:
            assert record.outcome is not Outcome.LATE_SUBMISSION
        elif aim is not Outcome.COUNTED:
            assert record.outcome is aim


REGISTERED: list[tuple[type, Callable[[Any], bool]]] = [
    (USCC, lambda x: isinstance(x, USCC)),
    (Enterprise, lambda x: isinstance(x, Enterprise)),
    (Person, lambda x: isinstance(x, Person)),
    (Appointment, lambda x: isinstance(x, Appointment)),
    (TrainingRecord, lambda x: isinstance(x, TrainingRecord)),
    (Submission, lambda x: isinstance(x, Submission)),
    (Ruleset, lambda x: isinstance(x, Ruleset)),
    (Candidate, lambda x: isinstance(x, Candidate)),
    (Criteria, lambda x: isinstance(x, Criteria)),
    *((kind, lambda x, k=kind: isinstance(x, k)) for kind in EVIDENCE_TYPES),
]


@pytest.mark.parametrize(("model", "check"), REGISTERED, ids=lambda v: getattr(v, "__name__", ""))
def test_every_model_is_registered_with_hypothesis(
    model: type, check: Callable[[Any], bool]
) -> None:
    @settings(max_examples=10)
    @given(st.from_type(model))
    def draw(value: object) -> None:
        assert check(value)

    draw()


# --- Invalid inputs ---------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", invalid.NON_PROVINCES)
def test_every_foreign_division_is_refused(prefix: str) -> None:
    # Regression: prefix 10 with 0000 made the national division 100000, a valid code.
    bad = invalid.foreign_division("91350100M000100Y43", prefix)
    with pytest.raises(USCCError) as caught:
        USCC.parse(bad.text)
    assert (caught.value.rule, caught.value.position) == ("division", 3)


@pytest.mark.parametrize("rule", [*invalid.USCC_RULES, None])
def test_bad_uscc_texts_break_the_rule_they_name(rule: str | None) -> None:
    @settings(max_examples=50)
    @given(invalid.bad_uscc_texts(rule))
    def check(bad: invalid.BadUSCC) -> None:
        assert rule is None or bad.rule == rule
        with pytest.raises(USCCError) as caught:
            USCC.parse(bad.text)
        assert (caught.value.rule, caught.value.position) == (bad.rule, bad.position)

    check()


@settings(max_examples=50)
@given(invalid.bad_uscc_texts(invalid.STRICT_RULE))
def test_bad_uscc_texts_of_the_strict_rule_pass_unless_strict(bad: invalid.BadUSCC) -> None:
    assert (bad.rule, bad.position) == ("organisation_code", 17)
    assert len(USCC.parse(bad.text).warnings) == 1
    with pytest.raises(USCCError) as caught:
        USCC.parse(bad.text, strict=True)
    assert (caught.value.rule, caught.value.position) == (bad.rule, bad.position)


def test_bad_uscc_texts_refuse_an_unknown_rule() -> None:
    with pytest.raises(ValueError, match="rule must be one of"):
        invalid.bad_uscc_texts("checksum")


@settings(max_examples=200)
@given(invalid.malformed_submissions())
def test_malformed_submissions_are_refused_at_their_path(bad: invalid.Malformed) -> None:
    # Exactly the path: a prefix of the path the error names would not tell a tester where.
    with pytest.raises(InputError) as caught:
        structure(bad.data, bad.model)
    assert bad.path in [p.path for p in caught.value.problems], (bad.fault, caught.value.problems)


def test_a_list_where_records_go_is_named_at_its_first_element() -> None:
    # Regression: Malformed.path "records" was a prefix of the error's "records[0]".
    data = {"enterprise": {"uscc": "91350100M000100Y43", "name": "x", "category": "supervision"}}
    with pytest.raises(InputError) as caught:
        structure(data | {"records": ["x"]}, Submission)
    assert [p.path for p in caught.value.problems] == ["records[0]"]


@given(invalid.dates_out_of_order())
def test_dates_out_of_order_are_refused(bad: invalid.Malformed) -> None:
    assert bad.model in (Appointment, CQOCertification)
    with pytest.raises(InputError) as caught:
        structure(bad.data, bad.model)
    assert bad.path in [p.path for p in caught.value.problems]


@settings(max_examples=50)
@given(zs.candidates(), zs.criteria_sets(), zs.dates())
def test_every_level_of_a_drawn_criteria_set_can_be_assessed(
    candidate: Candidate, criteria: Criteria, day: Date
) -> None:
    for level in criteria.levels:
        assessment = assess_title(candidate, criteria, level.level, day)
        assert assessment.eligible == (not assessment.missing)
    best = highest_eligible_level(candidate, criteria, day)
    assert best is None or assess_title(candidate, criteria, best, day).eligible


@given(
    invalid.dates_out_of_order(min_value=LATEST.subtract(days=1), max_value=LATEST),
)
def test_dates_out_of_order_leave_room_at_the_end_of_the_range(bad: invalid.Malformed) -> None:
    # Regression: an early date drawn on the last day of the range left no later day to draw. A
    # two-day range forces the early date onto the range's second-to-last day every time.
    early = bad.data.get("ended_on", bad.data.get("valid_until"))
    assert early == LATEST.subtract(days=1).isoformat()
    assert bad.path in ("ended_on", "valid_until")
