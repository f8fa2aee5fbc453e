"""CQO qualification rules: the shipped default, every requirement at its boundary, bad rulesets."""

from __future__ import annotations

from decimal import Decimal
from importlib import resources
from typing import Any

import pytest

from zs_quality.api import check_cqo
from zs_quality.dates import Date
from zs_quality.errors import InputError, RulesetError
from zs_quality.model.enterprise import Enterprise, Sector
from zs_quality.model.roles import Appointment, Education, Person, QualityRole
from zs_quality.model.size import SizeTier
from zs_quality.policy.qualification import (
    default_qualification_rules,
    qualification_rules_from_toml,
)
from zs_quality.policy.towns import default_towns
from zs_quality.registries.training import TrainingRecord
from zs_quality.rules.qualification import Requirement
from zs_quality.testing.codes import example_uscc

RULES = default_qualification_rules()


code = example_uscc


def firm(
    employees: int | None = 400, revenue: int = 8000, sector: Sector = Sector.MANUFACTURING
) -> Enterprise:
    return Enterprise(
        uscc=code(1),
        name="示例",
        sector=sector,
        employees=employees,
        revenue=revenue,
        total_assets=5000,
    )


def cqo(
    education: Education = Education.BACHELOR,
    years: str = "5",
    start: str = "2022-01-01",
    end: str | None = None,
    by: str | None = "法定代表人",
) -> Appointment:
    return Appointment(
        role=QualityRole.CHIEF_QUALITY_OFFICER,
        person=Person(name="李明", education=education, quality_work_years=Decimal(years)),
        enterprise=code(1),
        appointed_on=start,
        ended_on=end,
        appointed_by=by,
    )


def trained(on: str, person: str = "李明") -> TrainingRecord:
    return TrainingRecord(enterprise=code(1), person=person, completed_on=on)


def results(check: Any) -> dict[Requirement, bool]:
    return {r.requirement: r.met for r in check.results}


def test_the_default_cites_its_sources_and_marks_assumed_values() -> None:
    large = RULES.group_for(SizeTier.LARGE)
    small = RULES.group_for(SizeTier.MICRO)
    assert (large.min_education, large.min_quality_work_years) == (Education.BACHELOR, 5)
    assert (small.min_education, small.min_quality_work_years) == (Education.SECONDARY, 3)
    assert "training_valid_years" in large.assumed
    assert "漳州" in RULES.reference(large)
    assert RULES.group_for(None) is large  # unknown size: the strictest group (assumed)
    assert RULES.when_size_unknown_assumed


def test_a_qualified_cqo_of_a_medium_enterprise() -> None:
    check = check_cqo(firm(), cqo(), [trained("2022-01-10")], RULES, "2024-06-30")
    assert check.size is SizeTier.MEDIUM
    assert check.group == "large_medium"
    assert check.qualified, [r.reason_en for r in check.findings]
    assert set(results(check)) == set(Requirement)
    training = next(r for r in check.results if r.requirement is Requirement.TRAINING)
    assert training.assumed
    assert "2025-01-10" in training.reason_zh


@pytest.mark.parametrize(
    ("education", "years", "employees", "failed"),
    [
        (Education.BACHELOR, "5", 400, set()),
        (Education.COLLEGE, "5", 400, {Requirement.EDUCATION}),
        (Education.BACHELOR, "4.9", 400, {Requirement.QUALITY_WORK_YEARS}),
        (Education.SECONDARY, "3", 299, set()),  # small: secondary and 3 years suffice
        (Education.SECONDARY, "2.99", 299, {Requirement.QUALITY_WORK_YEARS}),
        (Education.SECONDARY, "3", 300, {Requirement.EDUCATION, Requirement.QUALITY_WORK_YEARS}),
    ],
)
def test_education_and_years_at_the_size_boundary(
    education: Education, years: str, employees: int, failed: set[Requirement]
) -> None:
    check = check_cqo(
        firm(employees=employees),
        cqo(education, years),
        [trained("2024-01-01")],
        RULES,
        "2024-06-30",
    )
    assert {r.requirement for r in check.findings} == failed


def test_training_stays_valid_three_years_counted_by_the_civil_code() -> None:
    records = [trained("2021-06-30")]
    assert results(check_cqo(firm(), cqo(), records, RULES, "2024-06-30"))[Requirement.TRAINING]
    late = check_cqo(firm(), cqo(), records, RULES, "2024-07-01")
    assert not results(late)[Requirement.TRAINING]
    assert "2024-06-30" in late.findings[0].reason_en


def test_training_must_be_the_cqos_own_and_not_in_the_future() -> None:
    others = [trained("2024-01-01", person="陈芳"), trained("2024-07-01")]
    check = check_cqo(firm(), cqo(), others, RULES, "2024-06-30")
    assert {r.requirement for r in check.findings} == {Requirement.TRAINING}


def test_who_appointed() -> None:
    for by, met in (
        ("法定代表人", True),
        ("legal_representative", True),
        ("总经理", False),
        (None, False),
    ):
        check = check_cqo(firm(), cqo(by=by), [trained("2024-01-01")], RULES, "2024-06-30")
        assert results(check)[Requirement.APPOINTED_BY] is met


@pytest.mark.parametrize(
    ("appointment", "words"),
    [
        (None, "no CQO in office"),
        (cqo(start="2022-01-01", end="2024-06-29"), "left on 2024-06-29"),
        (cqo(start="2024-07-01"), "appointed from 2024-07-01"),
    ],
)
def test_no_current_cqo_is_a_finding(appointment: Appointment | None, words: str) -> None:
    check = check_cqo(firm(), appointment, [], RULES, "2024-06-30")
    assert not check.qualified
    assert [r.requirement for r in check.findings] == [Requirement.CURRENT_CQO]
    assert words in check.findings[0].reason_en


def test_an_appointment_ending_on_the_date_still_holds() -> None:
    check = check_cqo(firm(), cqo(end="2024-06-30"), [trained("2024-01-01")], RULES, "2024-06-30")
    assert check.qualified


def test_unknown_size_uses_the_strictest_group() -> None:
    check = check_cqo(
        firm(employees=None),
        cqo(Education.COLLEGE, "3"),
        [trained("2024-01-01")],
        RULES,
        "2024-06-30",
    )
    assert check.size is None
    assert check.group == "large_medium"
    assert "size not classified" in check.size_reason_en


def test_wrong_role_or_enterprise_is_an_input_error() -> None:
    director = Appointment(
        role=QualityRole.QUALITY_SAFETY_DIRECTOR,
        person=Person(name="李明", education=Education.BACHELOR),
        enterprise=code(1),
        appointed_on=Date(2022, 1, 1),
    )
    with pytest.raises(InputError, match="not a CQO appointment"):
        check_cqo(firm(), director, [], RULES, "2024-06-30")
    other = Appointment(
        role=QualityRole.CHIEF_QUALITY_OFFICER,
        person=Person(name="李明", education=Education.BACHELOR),
        enterprise=code(2),
        appointed_on=Date(2022, 1, 1),
    )
    with pytest.raises(InputError) as info:
        check_cqo(firm(), other, [], RULES, "2024-06-30")
    assert info.value.path == "enterprise"


def _default_text() -> str:
    return resources.files("zs_quality.data").joinpath("cqo_qualification.toml").read_text("utf-8")


def test_the_default_text_round_trips() -> None:
    parsed = qualification_rules_from_toml(_default_text(), file="x.toml")
    assert parsed.groups == RULES.groups
    assert parsed.file == "x.toml"


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        (
            'min_education = "bachelor"',
            'min_education = "phd"',
            "groups[large_medium].min_education",
        ),
        (
            "training_valid_years = 3\nappointed_by",
            "training_valid_years = 0\nappointed_by",
            "groups[large_medium].training_valid_years",
        ),
        ('sizes = ["small", "micro"]', 'sizes = ["small"]', "groups"),
        (
            'sizes = ["small", "micro"]',
            'sizes = ["small", "micro", "large"]',
            "groups[small_micro].sizes",
        ),
        ('sources = ["zhangzhou_2025"]', 'sources = ["nowhere"]', "groups[large_medium].sources"),
        (
            'assumed = ["training_valid_years"]\n\n',
            'assumed = ["colour"]\n\n',
            "groups[large_medium].assumed",
        ),
        ("schema = 1", "schema = 1\ncolour = 1", "colour"),
        (
            'label = "大中型企业（参照漳州市规定）"',
            'label = "大中型企业（参照漳州市规定）"\nmax_age = 60',
            "groups[large_medium].max_age",
        ),
        ("schema = 1", "schema = 2", "schema"),
        ("schema = 1", 'schema = 1\nfile = "other.toml"', "file"),
    ],
)
def test_bad_rulesets_name_the_file_and_key(old: str, new: str, path: str) -> None:
    text = _default_text()
    assert old in text
    with pytest.raises(RulesetError) as info:
        qualification_rules_from_toml(text.replace(old, new, 1), file="mine.toml")
    assert info.value.file == "mine.toml"
    assert path in [p.path for p in info.value.problems]


def test_malformed_toml_is_a_ruleset_error() -> None:
    with pytest.raises(RulesetError) as info:
        qualification_rules_from_toml("schema = ", file="mine.toml")
    assert info.value.file == "mine.toml"


def test_the_default_rules_say_they_are_not_zhongshans() -> None:
    # The values come from a Fujian city's rules: the title, every group's label and every
    # reference say so, and no source is cited for a rule it does not contain.
    rules = default_qualification_rules()
    assert "非中山市规定" in rules.title
    assert all("参照漳州市规定" in group.label for group in rules.groups)
    assert [s.reference for s in rules.sources] == [
        "《漳州市企业首席质量官管理办法（试行）》（福建省漳州市，2025）"
    ]


def test_the_town_list_cites_the_2021_announcement() -> None:
    towns = default_towns()
    assert towns.reference == "《中山市人民政府关于中山市部分行政区划变更的公告》（2021年7月19日）"
    assert len(towns.towns) == 23
    kinds = [t.kind for t in towns.towns]
    assert (kinds.count("sub_district"), kinds.count("town")) == (8, 15)
    # 东升镇 was merged into 小榄镇 by that announcement.
    assert towns.key("东升镇") == "小榄镇"
