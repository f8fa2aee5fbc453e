"""Enterprise size tiers (大中小微型) and above-designated-size status (规模以上).

The thresholds are data: ``zs_quality/data/size_2017.toml`` transcribes the statistical rules
《统计上大中小微型企业划分办法（2017）》 (国统字〔2017〕213号) for industry and construction.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import attrs

from zs_quality.data import read_toml
from zs_quality.errors import InputError
from zs_quality.model.enterprise import Enterprise, Sector
from zs_quality.model.labels import LabelledEnum

__all__ = [
    "AboveSizeStatus",
    "SizeClassification",
    "SizeTier",
    "above_designated_size",
    "classify_size",
]

_SOURCE = "size_2017.toml"
_INDICATOR_LABELS = {
    "employees": ("从业人员", "employees"),
    "revenue": ("营业收入（万元）", "revenue (10,000 CNY)"),
    "total_assets": ("资产总额（万元）", "total assets (10,000 CNY)"),
}
_TIERS = ("large", "medium", "small")


class SizeTier(LabelledEnum):
    """A size tier of the 2017 statistical rules, largest first."""

    LARGE = "large", "大型"
    MEDIUM = "medium", "中型"
    SMALL = "small", "小型"
    MICRO = "micro", "微型"


@attrs.frozen
class SizeClassification:
    """The tier an enterprise falls in, with the rule that put it there."""

    tier: SizeTier
    basis: str
    reason_zh: str
    reason_en: str
    reference: str

    @property
    def large_or_medium(self) -> bool:
        """Whether the tier is large or medium (大中型)."""
        return self.tier in (SizeTier.LARGE, SizeTier.MEDIUM)


@attrs.frozen
class AboveSizeStatus:
    """Whether an enterprise is above designated size (规模以上), and why."""

    above: bool
    derived: bool
    reason_zh: str
    reason_en: str


@cache
def _table() -> dict[str, object]:
    return read_toml(_SOURCE)


def _basis(sector: Sector | None) -> str:
    if sector is Sector.MANUFACTURING:
        return "industry"
    if sector is Sector.CONSTRUCTION:
        return "construction"
    raise InputError(
        f"no size thresholds for sector {sector.value if sector else 'None'!s}; "
        "the shipped 2017 rules cover manufacturing (industry) and construction",
        path="sector",
    )


def _value(enterprise: Enterprise, indicator: str) -> Decimal:
    value = getattr(enterprise, indicator)
    if value is None:
        raise InputError(
            f"needed to classify the enterprise's size but not given ({_INDICATOR_LABELS[indicator][1]})",
            path=indicator,
        )
    return Decimal(value)


def classify_size(enterprise: Enterprise) -> SizeClassification:
    """The size tier of ``enterprise`` by the 2017 statistical rules.

    A tier is reached when every indicator of the sector is at or above the tier's lower bound
    (bounds inclusive); otherwise the enterprise falls to the next tier, and micro is what remains.
    Industry (manufacturing) uses employees and revenue, construction revenue and total assets.
    """
    table = _table()
    basis = _basis(enterprise.sector)
    rules = table[basis]
    assert isinstance(rules, dict)
    reference = str(table["reference"])
    values = {name: _value(enterprise, name) for name in rules["indicators"]}
    for tier_name in _TIERS:
        bounds: dict[str, int] = rules[tier_name]
        if all(values[k] >= bound for k, bound in bounds.items()):
            tier = SizeTier(tier_name)
            zh = "、".join(f"{_INDICATOR_LABELS[k][0]}{values[k]} ≥ {b}" for k, b in bounds.items())
            en = " and ".join(
                f"{_INDICATOR_LABELS[k][1]} {values[k]} >= {b}" for k, b in bounds.items()
            )
            return SizeClassification(
                tier,
                basis,
                f"{rules['label']}{tier.label}：{zh}（{reference}）",
                f"{basis} {tier.value}: {en} ({reference})",
                reference,
            )
    small: dict[str, int] = rules["small"]
    below = [k for k, b in small.items() if values[k] < b]
    zh = "、".join(f"{_INDICATOR_LABELS[k][0]}{values[k]} < {small[k]}" for k in below)
    en = " or ".join(f"{_INDICATOR_LABELS[k][1]} {values[k]} < {small[k]}" for k in below)
    return SizeClassification(
        SizeTier.MICRO,
        basis,
        f"{rules['label']}微型：{zh}（{reference}）",
        f"{basis} micro: {en} ({reference})",
        reference,
    )


def above_designated_size(enterprise: Enterprise) -> AboveSizeStatus:
    """Whether ``enterprise`` is above designated size (规模以上).

    An explicit ``above_designated_size`` on the enterprise wins (the statistics bureau's list is
    authoritative). Otherwise, for manufacturing, the 2017 rules apply: annual main-business
    revenue at or above the threshold (2000, in 10,000 CNY). Other sectors are not derived: they
    count as not above designated size, and the reason says so.
    """
    if enterprise.above_designated_size is not None:
        flag = enterprise.above_designated_size
        return AboveSizeStatus(
            flag,
            False,
            f"登记为{'规模以上' if flag else '规模以下'}",
            f"declared {'above' if flag else 'not above'} designated size",
        )
    if enterprise.sector is not Sector.MANUFACTURING:
        return AboveSizeStatus(
            False,
            True,
            "未登记规上状态，且规上标准仅对工业适用",
            "not declared; the derived rule covers industry only",
        )
    rule = _table()["above_designated_size"]
    assert isinstance(rule, dict)
    threshold = Decimal(rule["industry"]["revenue"])
    revenue = _value(enterprise, "revenue")
    above = revenue >= threshold
    sign = "≥" if above else "<"
    return AboveSizeStatus(
        above,
        True,
        f"营业收入{revenue}万元 {sign} {threshold}万元（规模以上工业企业标准）",
        f"revenue {revenue} {'>=' if above else '<'} {threshold} (industrial above-size threshold)",
    )
