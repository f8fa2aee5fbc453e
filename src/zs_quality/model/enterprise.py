"""Enterprises (企业): identity, place, sector, construction category and size indicators."""

from __future__ import annotations

from decimal import Decimal

import attrs

from zs_quality.model.checks import non_empty, non_negative
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.numbers import to_optional_decimal
from zs_quality.model.uscc import USCC

__all__ = ["ConstructionCategory", "Enterprise", "Sector", "to_uscc"]


class Sector(LabelledEnum):
    """The broad sector (行业门类) an enterprise is classified in for size and coverage."""

    MANUFACTURING = "manufacturing", "制造业"
    CONSTRUCTION = "construction", "建筑业"
    OTHER = "other", "其他"


class ConstructionCategory(LabelledEnum):
    """The enterprise categories (企业类别) of Zhongshan's construction integrity platform."""

    SURVEY = "survey", "勘察企业"
    DESIGN = "design", "设计企业"
    DRAWING_REVIEW = "drawing_review", "施工图审查机构"
    COST_CONSULTING = "cost_consulting", "造价咨询机构"
    SUPERVISION = "supervision", "监理企业"
    CONSTRUCTION_CONTRACTOR = "construction_contractor", "施工企业"
    TENDERING_AGENCY = "tendering_agency", "招标代理机构"
    LANDSCAPING = "landscaping", "园林"
    READY_MIXED_CONCRETE = "ready_mixed_concrete", "预拌混凝土企业"
    QUALITY_TESTING = "quality_testing", "质量检测机构"
    OTHER = "other", "其他"
    HOUSING_SAFETY_APPRAISAL = "housing_safety_appraisal", "房屋安全鉴定单位"
    HOISTING_INSTALLATION = "hoisting_installation", "起重机械安装企业"
    HOISTING_SAFETY_TESTING = "hoisting_safety_testing", "起重机械和安全防护用品检测机构"
    TERMITE_CONTROL = "termite_control", "白蚁防治"
    GUARANTEE = "guarantee", "担保机构"
    HOISTING_EQUIPMENT_OWNER = "hoisting_equipment_owner", "起重设备产权单位"
    ENGINEERING_CONSULTING = "engineering_consulting", "工程咨询机构"
    FIRE_TESTING = "fire_testing", "消防检测机构"
    TENDERER = "tenderer", "招标人"
    CIVIL_AIR_DEFENCE_TESTING = "civil_air_defence_testing", "人防检测机构"


def to_uscc(value: USCC | str) -> USCC:
    """A :class:`USCC` from a code object or from text typed by a person."""
    return value if isinstance(value, USCC) else USCC.parse(value)


@attrs.frozen(kw_only=True)
class Enterprise:
    """An enterprise (企业) as the regulator and the housing bureau know it.

    ``revenue`` is the annual main-business revenue (营业收入) and ``total_assets`` the total assets
    (资产总额), both in 10,000 CNY (万元). ``above_designated_size`` (规模以上) overrides the status
    derived from revenue when the statistics bureau's list says otherwise. ``town`` is free text;
    a :class:`~zs_quality.model.towns.Gazetteer` says which Zhongshan town or sub-district it
    names.
    """

    uscc: USCC = attrs.field(converter=to_uscc)
    name: str = attrs.field(validator=non_empty)
    town: str | None = None
    sector: Sector | None = None
    category: ConstructionCategory | None = None
    employees: int | None = attrs.field(default=None, validator=non_negative)
    revenue: Decimal | None = attrs.field(
        default=None, converter=to_optional_decimal, validator=non_negative
    )
    total_assets: Decimal | None = attrs.field(
        default=None, converter=to_optional_decimal, validator=non_negative
    )
    above_designated_size: bool | None = None
