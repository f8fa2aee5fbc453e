"""Dated policy values: size standards, the above-size threshold and CQO qualification rules
apply over their own periods, and the functions that use them take the day."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zs_quality import Enterprise, InputError, RulesetError, Sector, SizeTier
from zs_quality.api import above_designated_size, check_cqo, classify_size, coverage
from zs_quality.dates import Date
from zs_quality.model.roles import Appointment, Education, Person, QualityRole
from zs_quality.policy.qualification import (
    default_qualification_rules,
    qualification_rules_from_toml,
)
from zs_quality.policy.sizes import default_size_standards, parse_size_standards
from zs_quality.policy.toml import packaged_text
from zs_quality.rules import size as size_rules
from zs_quality.rules.grouping import refuse_text

CODE = "91350100M000100Y43"

# Two versions of a made-up standard and two thresholds, one after the other.
TWO_VERSIONS = """
schema = 1

[[standards]]
id = "old"
title = "旧标准"
reference = "测试〔2010〕1号"
effective_from = 2010-01-01
effective_until = 2019-12-31
[standards.industry]
label = "工业"
sectors = ["manufacturing"]
indicators = ["employees"]
large = { employees = 500 }
medium = { employees = 100 }
small = { employees = 10 }

[[standards]]
id = "new"
title = "新标准"
reference = "测试〔2020〕1号"
effective_from = 2020-01-01
[standards.industry]
label = "工业"
sectors = ["manufacturing"]
indicators = ["employees"]
large = { employees = 1000 }
medium = { employees = 300 }
small = { employees = 20 }

[[above_designated_size]]
reference = "测试〔2010〕2号"
label = "旧规上标准"
label_en = "old threshold"
sectors = ["manufacturing"]
revenue = 500
effective_from = 2010-01-01
effective_until = 2019-12-31

[[above_designated_size]]
reference = "测试〔2020〕2号"
label = "新规上标准"
label_en = "new threshold"
sectors = ["manufacturing"]
revenue = 2000
effective_from = 2020-01-01
"""
STANDARDS = parse_size_standards(TWO_VERSIONS, source="two.toml")


def factory(**kw: object) -> Enterprise:
    fields: dict[str, object] = {"employees": 400, "revenue": 1000} | kw
    return Enterprise(uscc=CODE, name="工厂", sector=Sector.MANUFACTURING, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "tier", "reference"),
    [
        ("2010-01-01", SizeTier.MEDIUM, "测试〔2010〕1号"),  # first day of the old version
        ("2019-12-31", SizeTier.MEDIUM, "测试〔2010〕1号"),  # its last day, inclusive
        ("2020-01-01", SizeTier.MEDIUM, "测试〔2020〕1号"),  # 400 >= 300 under the new one too
    ],
)
def test_the_version_in_force_on_the_day_classifies(
    day: str, tier: SizeTier, reference: str
) -> None:
    found = classify_size(factory(), day, standards=STANDARDS)
    assert (found.tier, found.reference) == (tier, reference)


def test_a_version_change_moves_an_enterprise_between_tiers() -> None:
    big = factory(employees=600)
    assert classify_size(big, "2019-12-31", standards=STANDARDS).tier is SizeTier.LARGE
    assert classify_size(big, "2020-01-01", standards=STANDARDS).tier is SizeTier.MEDIUM


def test_no_standard_in_force_is_an_input_error_naming_the_day() -> None:
    with pytest.raises(InputError) as info:
        classify_size(factory(), "2009-12-31", standards=STANDARDS)
    assert (info.value.path, info.value.message) == (
        "as_of",
        "no size standard is in force on 2009-12-31",
    )


def test_the_shipped_standard_applies_from_its_issue_day() -> None:
    shipped = default_size_standards()
    assert shipped.standard_on(Date(2017, 12, 28)).reference == "国统字〔2017〕213号"
    with pytest.raises(InputError, match="no size standard is in force on 2017-12-27"):
        shipped.standard_on(Date(2017, 12, 27))
    assert "effective_from" in shipped.standards[0].assumed


def test_a_report_says_why_no_tier_was_found_on_a_day_before_every_standard() -> None:
    found = size_rules.size_finding(factory(), STANDARDS, Date(2009, 12, 31))
    assert (found.tier, found.reason_zh, found.reason_en) == (
        None,
        "规模无法划分：2009-12-31无有效的规模划分标准",
        "size not classified: no size standard is in force on 2009-12-31",
    )


@pytest.mark.parametrize(
    ("day", "above", "reason_en"),
    [
        ("2019-12-31", True, "revenue 1000 >= 500 (old threshold)"),
        ("2020-01-01", False, "revenue 1000 < 2000 (new threshold)"),
    ],
)
def test_the_threshold_in_force_on_the_day_decides(day: str, above: bool, reason_en: str) -> None:
    status = above_designated_size(factory(), day, standards=STANDARDS)
    assert (status.above, status.derived, status.reason_en) == (above, True, reason_en)


def test_no_threshold_in_force_is_an_input_error_naming_the_day() -> None:
    with pytest.raises(InputError) as info:
        above_designated_size(factory(), "2009-12-31", standards=STANDARDS)
    assert (info.value.path, info.value.message) == (
        "as_of",
        "no above-size threshold is in force on 2009-12-31",
    )


def test_a_threshold_for_another_sector_is_not_applied() -> None:
    assert STANDARDS.above_size_on(Date(2021, 1, 1), Sector.CONSTRUCTION) is None
    assert STANDARDS.above_size_on(Date(2009, 12, 31), Sector.MANUFACTURING) is None
    found = STANDARDS.above_size_on(Date(2021, 1, 1), Sector.MANUFACTURING)
    assert found is not None
    assert found.revenue == Decimal(2000)


def test_the_shipped_threshold_applies_from_2011() -> None:
    assert above_designated_size(factory(revenue=2000), "2011-01-01").above
    with pytest.raises(InputError, match="2010-12-31"):
        above_designated_size(factory(), "2010-12-31")


def test_overlapping_versions_are_refused() -> None:
    text = TWO_VERSIONS.replace("effective_until = 2019-12-31", "effective_until = 2020-01-01", 1)
    with pytest.raises(RulesetError, match=r"standards\[1\]\.effective_from: 2020-01-01 overlaps"):
        parse_size_standards(text, source="x.toml")


# --- Qualification rules over their period --------------------------------------------------------


def appointment() -> Appointment:
    return Appointment(
        role=QualityRole.CHIEF_QUALITY_OFFICER,
        person=Person(name="李明", education=Education.MASTER, quality_work_years=Decimal(9)),
        enterprise=CODE,
        appointed_on="2019-01-01",
        appointed_by="法定代表人",
    )


def test_the_qualification_rules_apply_from_their_first_day() -> None:
    rules = default_qualification_rules()
    assert rules.effective_from == Date(2022, 1, 1)
    assert "effective_from" in rules.assumed
    check_cqo(factory(), appointment(), [], rules, "2022-01-01")
    with pytest.raises(InputError) as info:
        check_cqo(factory(), appointment(), [], rules, "2021-12-31")
    assert (info.value.path, info.value.message) == (
        "as_of",
        f"the qualification rules {rules.title!r} apply from 2022-01-01 to open end, "
        "not on 2021-12-31",
    )


def test_qualification_rules_with_an_end_apply_through_it() -> None:
    text = packaged_text("zs_quality.data", "cqo_qualification.toml").replace(
        "effective_from = 2022-01-01", "effective_from = 2022-01-01\neffective_until = 2023-12-31"
    )
    rules = qualification_rules_from_toml(text, file="q.toml")
    assert rules.in_force_on(Date(2023, 12, 31))
    assert not rules.in_force_on(Date(2024, 1, 1))
    assert not rules.in_force_on(Date(2021, 12, 31))
    check_cqo(factory(), appointment(), [], rules, "2023-12-31")
    with pytest.raises(InputError, match="apply from 2022-01-01 to 2023-12-31, not on 2024-01-01"):
        check_cqo(factory(), appointment(), [], rules, "2024-01-01")


def test_an_end_before_the_start_is_refused() -> None:
    text = packaged_text("zs_quality.data", "cqo_qualification.toml").replace(
        "effective_from = 2022-01-01", "effective_from = 2022-01-01\neffective_until = 2021-01-01"
    )
    with pytest.raises(RulesetError, match="effective_until: 2021-01-01 is before effective_from"):
        qualification_rules_from_toml(text, file="q.toml")


# --- Coverage rows know their town; population functions name what they refuse -------------------


def test_a_coverage_row_carries_its_town_key_and_whether_the_list_knows_it() -> None:
    rows = coverage(
        [
            Enterprise(uscc=CODE, name="a", town="东升"),
            Enterprise(uscc="91442000MA4UNN6R9A", name="b", town=" 不存在镇 "),
            Enterprise(uscc="9144030071526726XG", name="c"),
        ],
        [],
        "2024-06-30",
    ).enterprises
    assert [(r.town, r.town_known) for r in rows] == [
        ("小榄镇", True),
        ("不存在镇", False),
        ("unknown", False),
    ]


def test_refusing_text_names_the_argument_and_what_was_given() -> None:
    with pytest.raises(TypeError) as info:
        refuse_text("population.jsonl", "population")
    assert str(info.value) == (
        "population must be an iterable of models, not str 'population.jsonl'; read a file with "
        "the functions of zs_quality.batch or zs_quality.io first"
    )
    with pytest.raises(TypeError, match=r"^enterprises must be an iterable of models, not bytes"):
        coverage(b"x", [], "2024-06-30")  # type: ignore[arg-type]
    long = "x" * 39 + "yz"  # the message shows the first 40 characters
    with pytest.raises(TypeError, match=f"not str '{'x' * 39}y';"):
        refuse_text(long, "population")
    refuse_text([], "population")  # a list is fine
