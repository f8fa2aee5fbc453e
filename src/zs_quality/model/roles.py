"""Quality roles in an enterprise and the people appointed to them."""

from __future__ import annotations

from decimal import Decimal

import attrs

from zs_quality.dates import Date, as_date, as_optional_date
from zs_quality.errors import InputError
from zs_quality.model.checks import non_empty, non_negative
from zs_quality.model.enterprise import to_uscc
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.numbers import to_decimal
from zs_quality.model.uscc import USCC

__all__ = ["Appointment", "Education", "Person", "QualityRole"]


class QualityRole(LabelledEnum):
    """A quality role an enterprise appoints a person to."""

    CHIEF_QUALITY_OFFICER = "chief_quality_officer", "首席质量官"
    QUALITY_SAFETY_DIRECTOR = "quality_safety_director", "质量安全总监"
    QUALITY_SAFETY_OFFICER = "quality_safety_officer", "质量安全员"


class Education(LabelledEnum):
    """Highest education completed (学历), comparable: ``Education.MASTER.rank > BACHELOR.rank``."""

    DOCTORATE = "doctorate", "博士研究生"
    MASTER = "master", "硕士研究生"
    BACHELOR = "bachelor", "本科"
    COLLEGE = "college", "大专"
    SECONDARY = "secondary", "中专/技校"

    @property
    def rank(self) -> int:
        """Higher is more education: secondary 1, college 2, bachelor 3, master 4, doctorate 5."""
        return len(Education) - list(Education).index(self)

    def at_least(self, other: Education) -> bool:
        """Whether this education is ``other`` or above."""
        return self.rank >= other.rank


@attrs.frozen(kw_only=True)
class Person:
    """A person who may hold a quality role: education (学历) and years of quality work."""

    name: str = attrs.field(validator=non_empty)
    education: Education
    quality_work_years: Decimal = attrs.field(
        default=Decimal(0), converter=to_decimal, validator=non_negative
    )


def _ended_after_start(instance: Appointment, _attribute: object, value: Date | None) -> None:
    if value is not None and value < instance.appointed_on:
        raise InputError(
            f"ended on {value}, before it was appointed on {instance.appointed_on}",
            path="ended_on",
        )


@attrs.frozen(kw_only=True)
class Appointment:
    """The appointment (任命) of a person to a quality role in an enterprise.

    The appointment holds from ``appointed_on`` through ``ended_on`` (both inclusive); with no
    ``ended_on`` it still holds. ``appointed_by`` records who appointed, e.g. the legal
    representative (法定代表人).
    """

    role: QualityRole
    person: Person
    enterprise: USCC = attrs.field(converter=to_uscc)
    appointed_on: Date = attrs.field(converter=as_date)
    ended_on: Date | None = attrs.field(
        default=None, converter=as_optional_date, validator=_ended_after_start
    )
    appointed_by: str | None = None

    def holds_on(self, day: Date) -> bool:
        """Whether the appointment is in force on ``day`` (appointed on or before, not yet ended)."""
        return self.appointed_on <= day and (self.ended_on is None or self.ended_on >= day)
