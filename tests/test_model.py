"""The domain model: validation on construction, towns, roles, evidence."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from zs_quality import (
    USCC,
    Appointment,
    ConstructionCategory,
    CQOCertification,
    Education,
    Enterprise,
    HonourLevel,
    InputError,
    Person,
    QualityRole,
    USCCError,
    parse_date,
)
from zs_quality.policy.towns import default_towns

CODE = "91350100M000100Y43"


def test_enterprise_is_frozen_and_converts_its_inputs() -> None:
    e = Enterprise(uscc=" 91350100m000100y43 ", name="华盛", revenue=12, total_assets="3.5")
    assert e.uscc == USCC(CODE)
    assert e.revenue == Decimal(12)
    assert e.total_assets == Decimal("3.5")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        e.name = "x"  # type: ignore[misc]


def test_enterprise_rejects_bad_values() -> None:
    with pytest.raises(USCCError):
        Enterprise(uscc="91350100M000100Y44", name="x")
    with pytest.raises(InputError, match="non-empty"):
        Enterprise(uscc=CODE, name="  ")
    with pytest.raises(InputError) as info:
        Enterprise(uscc=CODE, name="x", employees=-1)
    assert info.value.path == "employees"
    with pytest.raises(InputError, match="not a number"):
        Enterprise(uscc=CODE, name="x", revenue="lots")


def test_twenty_three_towns_with_aliases() -> None:
    gazetteer = default_towns()
    towns = gazetteer.towns
    assert len(towns) == 23
    assert sum(t.kind == "sub_district" for t in towns) == 8
    resolve = gazetteer.resolve
    assert resolve("小榄") is resolve("小榄镇") is resolve("东升镇")
    assert resolve("火炬开发区").name == "中山港街道"  # type: ignore[union-attr]
    assert resolve(" Xiaolan ").name == "小榄镇"  # type: ignore[union-attr]
    assert resolve("深圳") is None


def test_unknown_towns_are_allowed_but_flagged() -> None:
    towns = default_towns()
    assert towns.known(Enterprise(uscc=CODE, name="x", town="古镇").town)
    flagged = Enterprise(uscc=CODE, name="x", town="不存在镇")
    assert not towns.known(flagged.town)
    assert towns.resolve(flagged.town) is None


def test_categories_have_chinese_labels() -> None:
    assert len(ConstructionCategory) == 21
    assert ConstructionCategory.CONSTRUCTION_CONTRACTOR.label == "施工企业"
    assert ConstructionCategory("ready_mixed_concrete").label == "预拌混凝土企业"


def test_education_is_ordered() -> None:
    assert Education.MASTER.at_least(Education.BACHELOR)
    assert not Education.COLLEGE.at_least(Education.BACHELOR)
    assert Education.DOCTORATE.rank > Education.SECONDARY.rank


def person() -> Person:
    return Person(name="黄工", education=Education.BACHELOR, quality_work_years=5)


def test_appointment_holds_inclusively() -> None:
    a = Appointment(
        role=QualityRole.CHIEF_QUALITY_OFFICER,
        person=person(),
        enterprise=CODE,
        appointed_on="2024-01-10",
        ended_on="2024-06-30",
    )
    assert not a.holds_on(parse_date("2024-01-09"))
    assert a.holds_on(parse_date("2024-01-10"))
    assert a.holds_on(parse_date("2024-06-30"))
    assert not a.holds_on(parse_date("2024-07-01"))


def test_appointment_cannot_end_before_it_starts() -> None:
    with pytest.raises(InputError) as info:
        Appointment(
            role=QualityRole.QUALITY_SAFETY_OFFICER,
            person=person(),
            enterprise=CODE,
            appointed_on="2024-01-10",
            ended_on="2024-01-09",
        )
    assert info.value.path == "ended_on"


def test_certification_validity_cannot_precede_issue() -> None:
    with pytest.raises(InputError):
        CQOCertification(id="c", date="2024-05-01", valid_until="2024-04-30")
    cert = CQOCertification(id="c", date="2024-05-01", valid_until="2027-05-01", cqo_led=True)
    assert cert.kind.value == "cqo_certification"


def test_levels_are_ordered() -> None:
    ranks = [level.rank for level in HonourLevel]
    assert ranks == sorted(ranks)
    assert HonourLevel.NATIONAL.rank > HonourLevel.PROVINCIAL.rank > HonourLevel.MUNICIPAL.rank


def test_the_town_key_is_canonical_for_known_towns_and_as_given_otherwise() -> None:
    key = default_towns().key
    assert key("东升镇") == "小榄镇"
    assert key(" 不存在镇 ") == "不存在镇"
    assert key("  ") == "unknown"
    assert key(None) == "unknown"
