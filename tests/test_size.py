"""Size tiers and above-designated-size status by the 2017 statistical rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zs_quality import (
    Enterprise,
    InputError,
    Sector,
    SizeTier,
    above_designated_size,
    classify_size,
)

CODE = "91350100M000100Y43"


def make(sector: Sector, **kw: object) -> Enterprise:
    return Enterprise(uscc=CODE, name="测试企业", sector=sector, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("employees", "revenue", "tier"),
    [
        (1000, 40000, SizeTier.LARGE),  # both lower bounds met, inclusive
        (999, 40000, SizeTier.MEDIUM),  # one indicator short drops a tier
        (1000, Decimal("39999.99"), SizeTier.MEDIUM),
        (5000, 2000, SizeTier.MEDIUM),  # must meet every bound: huge staff, medium revenue
        (300, 2000, SizeTier.MEDIUM),
        (299, 2000, SizeTier.SMALL),
        (300, Decimal("1999.9"), SizeTier.SMALL),
        (20, 300, SizeTier.SMALL),
        (19, 300, SizeTier.MICRO),  # micro: one indicator below the small bound is enough
        (20, 299, SizeTier.MICRO),
        (0, 0, SizeTier.MICRO),
    ],
)
def test_industry_tiers(employees: int, revenue: Decimal | int, tier: SizeTier) -> None:
    result = classify_size(make(Sector.MANUFACTURING, employees=employees, revenue=revenue))
    assert result.tier is tier
    assert result.basis == "industry"
    assert "国统字〔2017〕213号" in result.reason_zh


@pytest.mark.parametrize(
    ("revenue", "assets", "tier"),
    [
        (80000, 80000, SizeTier.LARGE),
        (80000, 79999, SizeTier.MEDIUM),
        (6000, 5000, SizeTier.MEDIUM),
        (5999, 5000, SizeTier.SMALL),
        (6000, 4999, SizeTier.SMALL),
        (300, 300, SizeTier.SMALL),
        (299, 300, SizeTier.MICRO),
        (300, 299, SizeTier.MICRO),
    ],
)
def test_construction_tiers(revenue: int, assets: int, tier: SizeTier) -> None:
    result = classify_size(make(Sector.CONSTRUCTION, revenue=revenue, total_assets=assets))
    assert result.tier is tier
    assert result.large_or_medium == (tier in (SizeTier.LARGE, SizeTier.MEDIUM))


def test_reasons_name_the_failing_indicator() -> None:
    result = classify_size(make(Sector.MANUFACTURING, employees=19, revenue=500))
    assert "从业人员19 < 20" in result.reason_zh
    assert "employees 19 < 20" in result.reason_en


def test_missing_indicator_is_an_input_error_naming_it() -> None:
    with pytest.raises(InputError) as info:
        classify_size(make(Sector.CONSTRUCTION, revenue=500))
    assert info.value.path == "total_assets"


def test_other_sectors_have_no_thresholds() -> None:
    with pytest.raises(InputError) as info:
        classify_size(make(Sector.OTHER, employees=5, revenue=5))
    assert info.value.path == "sector"


@pytest.mark.parametrize(("revenue", "above"), [(2000, True), (Decimal("1999.99"), False)])
def test_above_designated_size_is_derived_from_revenue(revenue: Decimal | int, above: bool) -> None:
    status = above_designated_size(make(Sector.MANUFACTURING, revenue=revenue))
    assert status.above is above
    assert status.derived


def test_declared_status_wins() -> None:
    status = above_designated_size(
        make(Sector.MANUFACTURING, revenue=100, above_designated_size=True)
    )
    assert status.above
    assert not status.derived


def test_non_manufacturing_is_not_derived_as_above_size() -> None:
    status = above_designated_size(make(Sector.CONSTRUCTION, revenue=999999))
    assert not status.above
    assert "industry only" in status.reason_en
