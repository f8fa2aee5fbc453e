"""Checking a chief quality officer (首席质量官, CQO) against qualification rules.

:func:`check_cqo` checks one enterprise's CQO on a day against the
:class:`~zs_quality.model.qualification.QualificationRules` in force on that day (the shipped
default is loaded at the edge by :func:`zs_quality.policy.qualification.default_qualification_rules`):
who appointed the CQO, education, years of quality work and a valid CQO training. The enterprise's
size tier, by the size standard in force on the day, picks the rules' group.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from zs_quality.dates import Date, as_date, end_of_period
from zs_quality.errors import InputError
from zs_quality.model.enterprise import Enterprise
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.qualification import QualificationGroup, QualificationRules
from zs_quality.model.roles import Appointment, QualityRole
from zs_quality.model.size import SizeStandards, SizeTier
from zs_quality.model.uscc import USCC
from zs_quality.registries.training import TrainingRecord
from zs_quality.rules.size import size_finding

__all__ = ["CQOCheck", "Requirement", "RequirementResult", "check_cqo"]

_CQO = QualityRole.CHIEF_QUALITY_OFFICER


class Requirement(LabelledEnum):
    """A requirement a CQO is checked against."""

    CURRENT_CQO = "current_cqo", "在任首席质量官"
    APPOINTED_BY = "appointed_by", "任命主体"
    EDUCATION = "education", "学历"
    QUALITY_WORK_YEARS = "quality_work_years", "质量工作年限"
    TRAINING = "training", "任职培训"


@attrs.frozen(kw_only=True)
class RequirementResult:
    """One requirement, met or not, with the reason and the rule it comes from."""

    requirement: Requirement
    met: bool
    reason_zh: str
    reason_en: str
    reference: str
    assumed: bool = False


@attrs.frozen(kw_only=True)
class CQOCheck:
    """An enterprise's CQO checked on ``as_of``: one result per requirement.

    With no CQO in office the only result is the unmet ``current_cqo`` requirement: a finding for
    the regulator, not an error.
    """

    enterprise: USCC
    as_of: Date
    size: SizeTier | None
    size_reason_zh: str
    size_reason_en: str
    group: str
    appointment: Appointment | None
    results: tuple[RequirementResult, ...]

    @property
    def qualified(self) -> bool:
        """Whether every requirement is met."""
        return all(r.met for r in self.results)

    @property
    def findings(self) -> tuple[RequirementResult, ...]:
        """The requirements not met."""
        return tuple(r for r in self.results if not r.met)


def _no_current_cqo(
    appointment: Appointment | None, day: Date, reference: str
) -> RequirementResult:
    if appointment is None:
        zh, en = f"{day}无在任首席质量官", f"no CQO in office on {day}"
    elif appointment.appointed_on > day:
        zh = f"首席质量官{appointment.person.name}自{appointment.appointed_on}起任职，{day}尚未到任"
        en = f"CQO {appointment.person.name} is appointed from {appointment.appointed_on}, after {day}"
    else:
        zh = f"首席质量官{appointment.person.name}已于{appointment.ended_on}离任，{day}无在任首席质量官"
        en = f"CQO {appointment.person.name} left on {appointment.ended_on}; no CQO in office on {day}"
    return RequirementResult(
        requirement=Requirement.CURRENT_CQO,
        met=False,
        reason_zh=zh,
        reason_en=en,
        reference=reference,
    )


def _training(
    group: QualificationGroup,
    appointment: Appointment,
    trainings: Iterable[TrainingRecord],
    day: Date,
    reference: str,
) -> RequirementResult:
    assumed = "training_valid_years" in group.assumed or "training_required" in group.assumed
    if not group.training_required:
        return RequirementResult(
            requirement=Requirement.TRAINING,
            met=True,
            reason_zh="本规则不要求任职培训",
            reason_en="no training is required by these rules",
            reference=reference,
            assumed=assumed,
        )
    name = appointment.person.name.strip()
    taken = sorted(
        t.completed_on
        for t in trainings
        if t.kind is _CQO
        and t.enterprise == appointment.enterprise
        and t.person.strip() == name
        and t.completed_on <= day
    )
    years = group.training_valid_years
    if not taken:
        zh = f"{name}在{day}前无首席质量官培训记录（要求：培训合格，有效期{years}年）"
        en = f"{name} has no CQO training on or before {day} (required; valid {years} years)"
        met = False
    else:
        last = taken[-1]
        valid_to = end_of_period(last, years=years)
        met = day <= valid_to
        if met:
            zh = f"{name}于{last}完成首席质量官培训，有效期{years}年至{valid_to}"
            en = f"{name} trained on {last}, valid {years} years through {valid_to}"
        else:
            zh = f"{name}最近一次培训为{last}，有效期{years}年已于{valid_to}届满"
            en = f"{name} last trained on {last}; valid {years} years, lapsed after {valid_to}"
    return RequirementResult(
        requirement=Requirement.TRAINING,
        met=met,
        reason_zh=zh,
        reason_en=en,
        reference=reference,
        assumed=assumed,
    )


def _in_force(rules: QualificationRules, day: Date) -> None:
    if not rules.in_force_on(day):
        until = rules.effective_until or "open end"
        raise InputError(
            f"the qualification rules {rules.title!r} apply from {rules.effective_from} to "
            f"{until}, not on {day}",
            path="as_of",
        )


def check_cqo(
    enterprise: Enterprise,
    appointment: Appointment | None,
    trainings: Iterable[TrainingRecord],
    rules: QualificationRules,
    as_of: _dt.date | str,
    *,
    sizes: SizeStandards,
) -> CQOCheck:
    """Check ``enterprise``'s CQO ``appointment`` against ``rules`` on ``as_of``.

    ``rules`` must apply on ``as_of`` (an :class:`InputError` otherwise). The size tier, by the
    size standard of ``sizes`` in force on ``as_of``, picks the rules' group; an enterprise whose
    size cannot be classified gets the rules' ``when_size_unknown`` group. An appointment that
    does not hold on ``as_of`` (or none at all) is the finding "no current CQO". ``trainings`` are
    searched for a CQO training of the appointed person at this enterprise, on or before
    ``as_of``, still valid.
    """
    day = as_date(as_of)
    _in_force(rules, day)
    size = size_finding(enterprise, sizes, day)
    group = rules.group_for(size.tier)
    reference = rules.reference(group)
    if appointment is not None:
        if appointment.role is not _CQO:
            raise InputError(
                f"a {appointment.role.value} appointment is not a CQO appointment", path="role"
            )
        if appointment.enterprise != enterprise.uscc:
            raise InputError(
                f"the appointment is for {appointment.enterprise}, not {enterprise.uscc}",
                path="enterprise",
            )

    def finish(results: Iterable[RequirementResult]) -> CQOCheck:
        return CQOCheck(
            enterprise=enterprise.uscc,
            as_of=day,
            size=size.tier,
            size_reason_zh=size.reason_zh,
            size_reason_en=size.reason_en,
            group=group.id,
            appointment=appointment,
            results=tuple(results),
        )

    if appointment is None or not appointment.holds_on(day):
        return finish([_no_current_cqo(appointment, day, reference)])
    person = appointment.person

    def result(
        requirement: Requirement, met: bool, zh: str, en: str, field: str
    ) -> RequirementResult:
        return RequirementResult(
            requirement=requirement,
            met=met,
            reason_zh=zh,
            reason_en=en,
            reference=reference,
            assumed=field in group.assumed,
        )

    results = [
        RequirementResult(
            requirement=Requirement.CURRENT_CQO,
            met=True,
            reason_zh=f"{person.name}自{appointment.appointed_on}起任首席质量官",
            reason_en=f"{person.name} is CQO since {appointment.appointed_on}",
            reference=reference,
        )
    ]
    if group.appointed_by:
        who = appointment.appointed_by
        accepted = {a.strip().lower() for a in group.appointed_by}
        met = who is not None and who.strip().lower() in accepted
        results.append(
            result(
                Requirement.APPOINTED_BY,
                met,
                f"任命主体：{who or '未记录'}（要求：{group.appointed_by[0]}）",
                f"appointed by: {who or 'not recorded'} (required: {group.appointed_by[0]})",
                "appointed_by",
            )
        )
    need = group.min_education
    results.append(
        result(
            Requirement.EDUCATION,
            person.education.at_least(need),
            f"学历{person.education.label}，{group.label}要求{need.label}及以上",
            f"education {person.education.value}; {group.id} requires {need.value} or above",
            "min_education",
        )
    )
    years = group.min_quality_work_years
    results.append(
        result(
            Requirement.QUALITY_WORK_YEARS,
            person.quality_work_years >= years,
            f"质量工作{person.quality_work_years}年，{group.label}要求{years}年及以上",
            f"{person.quality_work_years} years of quality work; {group.id} requires {years} or more",
            "min_quality_work_years",
        )
    )
    results.append(_training(group, appointment, trainings, day, reference))
    return finish(results)
