"""Enterprise size tiers (大中小微型) and above-designated-size status (规模以上).

The thresholds are dated data (:class:`~zs_quality.model.size.SizeStandards`): the functions take
them and the day, and apply the version in force on that day. The shipped versions transcribe
《统计上大中小微型企业划分办法（2017）》 (国统字〔2017〕213号) for industry and construction, and the
statistics bureau's above-size threshold for industry (国统字〔2010〕87号).
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from zs_quality.dates import Date
from zs_quality.errors import InputError
from zs_quality.model.enterprise import Enterprise
from zs_quality.model.size import SectorBounds, SizeStandards, SizeTier

__all__ = [
    "AboveSizeStatus",
    "SizeClassification",
    "SizeFinding",
    "above_designated_size",
    "classify_size",
    "size_finding",
]

_INDICATOR_LABELS = {
    "employees": ("从业人员", "employees"),
    "revenue": ("营业收入（万元）", "revenue (10,000 CNY)"),
    "total_assets": ("资产总额（万元）", "total assets (10,000 CNY)"),
}
_TIERS = (SizeTier.LARGE, SizeTier.MEDIUM, SizeTier.SMALL)


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


def _value(enterprise: Enterprise, indicator: str) -> Decimal:
    value = getattr(enterprise, indicator)
    if value is None:
        raise InputError(
            f"needed to classify the enterprise's size but not given ({_INDICATOR_LABELS[indicator][1]})",
            path=indicator,
        )
    return Decimal(value)


def _reached(
    bounds: SectorBounds, reference: str, tier: SizeTier, values: dict[str, Decimal]
) -> SizeClassification:
    limits = bounds.bounds[tier]
    zh = "、".join(f"{_INDICATOR_LABELS[k][0]}{values[k]} ≥ {b}" for k, b in limits.items())
    en = " and ".join(f"{_INDICATOR_LABELS[k][1]} {values[k]} >= {b}" for k, b in limits.items())
    return SizeClassification(
        tier,
        bounds.basis,
        f"{bounds.label}{tier.label}：{zh}（{reference}）",
        f"{bounds.basis} {tier.value}: {en} ({reference})",
        reference,
    )


def _micro(bounds: SectorBounds, reference: str, values: dict[str, Decimal]) -> SizeClassification:
    small = bounds.bounds[SizeTier.SMALL]
    below = [k for k, b in small.items() if values[k] < b]
    zh = "、".join(f"{_INDICATOR_LABELS[k][0]}{values[k]} < {small[k]}" for k in below)
    en = " or ".join(f"{_INDICATOR_LABELS[k][1]} {values[k]} < {small[k]}" for k in below)
    return SizeClassification(
        SizeTier.MICRO,
        bounds.basis,
        f"{bounds.label}{SizeTier.MICRO.label}：{zh}（{reference}）",
        f"{bounds.basis} micro: {en} ({reference})",
        reference,
    )


def classify_size(
    enterprise: Enterprise, standards: SizeStandards, as_of: Date
) -> SizeClassification:
    """The size tier of ``enterprise`` by the size standard in force on ``as_of``.

    A tier is reached when every indicator of the sector is at or above the tier's lower bound
    (bounds inclusive); otherwise the enterprise falls to the next tier, and micro is what remains.
    Under the 2017 rules industry (manufacturing) uses employees and revenue, construction revenue
    and total assets. A sector the standard does not cover, a missing indicator, or a day no
    standard is in force on is an :class:`InputError` naming the field.
    """
    standard = standards.standard_on(as_of)
    bounds = standard.basis_for(enterprise.sector)
    if bounds is None:
        sector = enterprise.sector.value if enterprise.sector else "None"
        raise InputError(
            f"no size thresholds for sector {sector}; {standard.title} ({standard.reference}) "
            f"covers {standard.coverage}",
            path="sector",
        )
    values = {name: _value(enterprise, name) for name in bounds.indicators}
    for tier in _TIERS:
        if all(values[k] >= bound for k, bound in bounds.bounds[tier].items()):
            return _reached(bounds, standard.reference, tier, values)
    return _micro(bounds, standard.reference, values)


def above_designated_size(
    enterprise: Enterprise, standards: SizeStandards, as_of: Date
) -> AboveSizeStatus:
    """Whether ``enterprise`` is above designated size (规模以上) on ``as_of``.

    An explicit ``above_designated_size`` on the enterprise wins (the statistics bureau's list is
    authoritative). Otherwise, for a sector with a threshold (industry: annual main-business
    revenue of 2000, in 10,000 CNY, since 2011), the threshold in force on ``as_of`` applies.
    Other sectors are not derived: they count as not above designated size, and the reason says
    so. A covered sector with no threshold in force on ``as_of`` is an :class:`InputError`.
    """
    if enterprise.above_designated_size is not None:
        flag = enterprise.above_designated_size
        return AboveSizeStatus(
            flag,
            False,
            f"登记为{'规模以上' if flag else '规模以下'}",
            f"declared {'above' if flag else 'not above'} designated size",
        )
    if not any(enterprise.sector in t.sectors for t in standards.above_size):
        return AboveSizeStatus(
            False,
            True,
            "未登记规上状态，且规上标准仅对工业适用",
            "not declared; the derived rule covers industry only",
        )
    rule = standards.above_size_on(as_of, enterprise.sector)
    if rule is None:
        raise InputError(f"no above-size threshold is in force on {as_of}", path="as_of")
    revenue = _value(enterprise, "revenue")
    above = revenue >= rule.revenue
    sign = "≥" if above else "<"
    return AboveSizeStatus(
        above,
        True,
        f"营业收入{revenue}万元 {sign} {rule.revenue}万元（{rule.label}）",
        f"revenue {revenue} {'>=' if above else '<'} {rule.revenue} ({rule.label_en})",
    )


_MISSING_ZH = {
    "employees": "缺少从业人员数",
    "revenue": "缺少营业收入",
    "total_assets": "缺少资产总额",
}


@attrs.frozen
class SizeFinding:
    """An enterprise's size tier for a report, or why it has none (``tier`` is ``None``)."""

    tier: SizeTier | None
    reason_zh: str
    reason_en: str


def size_finding(enterprise: Enterprise, standards: SizeStandards, as_of: Date) -> SizeFinding:
    """The tier of ``enterprise`` on ``as_of``, or the reason it cannot be classified (a missing
    indicator, a sector the standard does not cover, no standard in force), never an error."""
    try:
        found = classify_size(enterprise, standards, as_of)
    except InputError as exc:
        if exc.path in _MISSING_ZH:
            missing = _MISSING_ZH[exc.path]
        elif exc.path == "as_of":
            missing = f"{as_of}无有效的规模划分标准"
        else:
            standard = standards.standard_on(as_of)
            missing = f"所属行业不在{standard.title}（{standard.reference}）的划分范围内"
        return SizeFinding(None, f"规模无法划分：{missing}", f"size not classified: {exc.message}")
    return SizeFinding(found.tier, found.reason_zh, found.reason_en)
