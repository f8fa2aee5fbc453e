"""The chief quality officer (首席质量官, CQO): qualification checks and coverage.

Zhongshan reached full coverage of its 4915 above-designated-size manufacturers (规上制造业企业)
with the CQO system (中市监函〔2024〕179号, part one), and Guangdong aims at every large and medium
manufacturer by the end of 2025 (粤市监〔2023〕35号). :func:`coverage` recomputes such figures
from records for any date; :func:`check_cqo` checks one enterprise's CQO against the qualification
rules (``data/cqo_qualification.toml``, loaded by :func:`default_qualification_rules`).
"""

from __future__ import annotations

import datetime as _dt
import tomllib
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

import attrs

from zs_quality.convert import structure
from zs_quality.data import read_toml
from zs_quality.dates import Date, as_date, end_of_period
from zs_quality.errors import InputError, RulesetError
from zs_quality.model.enterprise import Enterprise, Sector
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.roles import Appointment, Education, QualityRole
from zs_quality.model.towns import known_towns
from zs_quality.model.uscc import USCC
from zs_quality.registries.training import TrainingRecord
from zs_quality.rules.size import SizeTier, above_designated_size, classify_size

__all__ = [
    "RATE_PLACES",
    "CQOCheck",
    "CoverageFigure",
    "CoverageReport",
    "EnterpriseCoverage",
    "QualificationGroup",
    "QualificationRules",
    "QualificationSource",
    "Requirement",
    "RequirementResult",
    "check_cqo",
    "coverage",
    "coverage_rate",
    "default_qualification_rules",
    "qualification_rules_from_toml",
]

_DEFAULT_FILE = "cqo_qualification.toml"
_CQO = QualityRole.CHIEF_QUALITY_OFFICER

RATE_PLACES = 4
"""Coverage rates are exact decimals rounded half up to this many places (0.9876 = 98.76 %)."""


# --- Qualification rules (data) ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class QualificationSource:
    """A published document the default rules were built from."""

    id: str
    reference: str
    summary: str = ""


@attrs.frozen(kw_only=True)
class QualificationGroup:
    """The requirements for the CQO of an enterprise in one of ``sizes``.

    ``training_valid_years`` is how long a training certificate stays valid, counted by the Civil
    Code (arts. 201-202); ``appointed_by`` lists the accepted ways of writing who must appoint.
    ``assumed`` names the fields no public source fixed.
    """

    id: str
    label: str
    sizes: tuple[SizeTier, ...]
    min_education: Education
    min_quality_work_years: Decimal
    training_required: bool
    training_valid_years: int
    appointed_by: tuple[str, ...] = ()
    sources: tuple[str, ...]
    assumed: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class QualificationRules:
    """A qualification ruleset: one group per size tier, with the sources it cites."""

    schema: int
    title: str
    when_size_unknown: SizeTier
    when_size_unknown_assumed: bool = False
    sources: tuple[QualificationSource, ...]
    groups: tuple[QualificationGroup, ...]
    file: str = ""

    def group_for(self, size: SizeTier | None) -> QualificationGroup:
        """The group whose sizes include ``size`` (``when_size_unknown`` when ``None``)."""
        tier = self.when_size_unknown if size is None else size
        return next(g for g in self.groups if tier in g.sizes)

    def reference(self, group: QualificationGroup) -> str:
        """The references of the group's sources, joined."""
        by_id = {s.id: s.reference for s in self.sources}
        return "；".join(by_id[s] for s in group.sources)


_GROUP_FIELDS = {a.name for a in attrs.fields(QualificationGroup)}


def _validate_rules(rules: QualificationRules) -> None:
    if rules.schema != 1:
        raise RulesetError(f"schema {rules.schema} is not supported (expected 1)", path="schema")
    source_ids = [s.id for s in rules.sources]
    seen_tiers: dict[SizeTier, str] = {}
    for index, group in enumerate(rules.groups):
        where = f"groups[{index}]"
        for name in group.sources:
            if name not in source_ids:
                raise RulesetError(f"no source with id {name!r}", path=f"{where}.sources")
        if not group.sources:
            raise RulesetError("a group must cite at least one source", path=f"{where}.sources")
        for name in group.assumed:
            if name not in _GROUP_FIELDS:
                raise RulesetError(f"{name!r} is not a field of a group", path=f"{where}.assumed")
        if group.training_valid_years <= 0:
            raise RulesetError(
                "must be a positive number of years", path=f"{where}.training_valid_years"
            )
        if group.min_quality_work_years < 0:
            raise RulesetError("must not be negative", path=f"{where}.min_quality_work_years")
        for tier in group.sizes:
            if tier in seen_tiers:
                raise RulesetError(
                    f"size {tier.value} is already in group {seen_tiers[tier]!r}",
                    path=f"{where}.sizes",
                )
            seen_tiers[tier] = group.id
    missing = [t.value for t in SizeTier if t not in seen_tiers]
    if missing:
        raise RulesetError(f"no group for sizes: {', '.join(missing)}", path="groups")


def _rules_from_data(data: Mapping[str, Any], file: str) -> QualificationRules:
    try:
        rules = structure(dict(data), QualificationRules)
    except InputError as exc:
        raise RulesetError(exc.problems, file=file) from None
    rules = attrs.evolve(rules, file=file)
    try:
        _validate_rules(rules)
    except RulesetError as exc:
        raise exc.located(file=file) from None
    return rules


def qualification_rules_from_toml(text: str, *, file: str) -> QualificationRules:
    """Qualification rules from the TOML ``text`` of ``file``; any fault raises
    :class:`RulesetError` naming the file and the key path (unknown keys included)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesetError(str(exc), file=file) from None
    if "file" in data:
        raise RulesetError("unknown key", path="file", file=file)
    return _rules_from_data(data, file)


@cache
def default_qualification_rules() -> QualificationRules:
    """The shipped default (``zs_quality/data/cqo_qualification.toml``)."""
    data = read_toml(_DEFAULT_FILE)
    if "file" in data:
        raise RulesetError("unknown key", path="file", file=f"zs_quality/data/{_DEFAULT_FILE}")
    return _rules_from_data(data, f"zs_quality/data/{_DEFAULT_FILE}")


# --- Size, shared by the check and by coverage ------------------------------------------------


_MISSING_ZH = {
    "employees": "缺少从业人员数",
    "revenue": "缺少营业收入",
    "total_assets": "缺少资产总额",
}


@attrs.frozen
class _Size:
    tier: SizeTier | None
    reason_zh: str
    reason_en: str


def _size_of(enterprise: Enterprise) -> _Size:
    try:
        found = classify_size(enterprise)
    except InputError as exc:
        missing = _MISSING_ZH.get(exc.path, "所属行业无2017年划分标准")
        return _Size(None, f"规模无法划分：{missing}", f"size not classified: {exc.message}")
    return _Size(found.tier, found.reason_zh, found.reason_en)


# --- The qualification check ------------------------------------------------------------------


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


def check_cqo(
    enterprise: Enterprise,
    appointment: Appointment | None,
    trainings: Iterable[TrainingRecord],
    rules: QualificationRules,
    as_of: _dt.date | str,
) -> CQOCheck:
    """Check ``enterprise``'s CQO ``appointment`` against ``rules`` on ``as_of``.

    The size tier (2017 statistical rules) picks the rules' group; an enterprise whose size cannot
    be classified gets the rules' ``when_size_unknown`` group. An appointment that does not hold on
    ``as_of`` (or none at all) is the finding "no current CQO". ``trainings`` are searched for a
    CQO training of the appointed person at this enterprise, on or before ``as_of``, still valid.
    """
    day = as_date(as_of)
    size = _size_of(enterprise)
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


# --- Coverage ---------------------------------------------------------------------------------


def coverage_rate(covered: int, total: int) -> Decimal | None:
    """``covered / total`` as an exact decimal rounded half up to :data:`RATE_PLACES` places;
    ``None`` when ``total`` is zero (a rate of nothing is not 0 %)."""
    if total == 0:
        return None
    return (Decimal(covered) / Decimal(total)).quantize(
        Decimal(1).scaleb(-RATE_PLACES), rounding=ROUND_HALF_UP
    )


@attrs.frozen(kw_only=True)
class CoverageFigure:
    """How many enterprises of a group there are, how many are covered, and the rate."""

    total: int
    covered: int
    rate: Decimal | None
    reason_zh: str
    reason_en: str


@attrs.frozen(kw_only=True)
class EnterpriseCoverage:
    """One enterprise on the coverage date: its size, above-size status and CQO."""

    enterprise: Enterprise
    size: SizeTier | None
    size_reason_zh: str
    size_reason_en: str
    above_designated_size: bool | None
    above_reason_zh: str
    above_reason_en: str
    covered: bool
    cqo: Appointment | None
    trained: bool
    reason_zh: str
    reason_en: str

    @property
    def manufacturing(self) -> bool:
        """Whether the enterprise is a manufacturer (制造业)."""
        return self.enterprise.sector is Sector.MANUFACTURING


@attrs.frozen(kw_only=True, eq=False)
class CoverageReport:
    """CQO coverage on ``as_of``: headline figures, breakdowns and every enterprise.

    ``by_size`` is keyed by size tier (``unknown`` when not classified), ``by_sector`` by sector,
    ``by_town`` by the town's shipped name (the text as written when unknown, ``unknown`` when
    missing). ``trained_cqos`` counts covered enterprises whose CQO has a CQO training on or
    before ``as_of``.
    """

    as_of: Date
    above_designated_manufacturing: CoverageFigure
    large_medium_manufacturing: CoverageFigure
    by_size: Mapping[str, CoverageFigure]
    by_sector: Mapping[str, CoverageFigure]
    by_town: Mapping[str, CoverageFigure]
    trained_cqos: CoverageFigure
    enterprises: tuple[EnterpriseCoverage, ...]

    @property
    def uncovered(self) -> tuple[EnterpriseCoverage, ...]:
        """The enterprises with no CQO in office on ``as_of``, in input order."""
        return tuple(e for e in self.enterprises if not e.covered)


UNKNOWN = "unknown"


def _figure(
    rows: Iterable[EnterpriseCoverage], what_zh: str, what_en: str, day: Date
) -> CoverageFigure:
    members = list(rows)
    covered = sum(1 for r in members if r.covered)
    rate = coverage_rate(covered, len(members))
    shown = "无（总数为0）" if rate is None else str(rate)
    return CoverageFigure(
        total=len(members),
        covered=covered,
        rate=rate,
        reason_zh=(
            f"{day}：{what_zh}{len(members)}家，其中{covered}家有在任首席质量官"
            f"（任命日期不晚于{day}且未在{day}前离任），覆盖率{shown}"
        ),
        reason_en=(
            f"{day}: {len(members)} {what_en}, {covered} with a CQO in office (appointed on or "
            f"before {day}, not ended before it); rate {'none (total 0)' if rate is None else rate}"
        ),
    )


def _group(
    rows: Iterable[EnterpriseCoverage],
    key: Callable[[EnterpriseCoverage], str],
    what: Callable[[str], tuple[str, str]],
    day: Date,
    order: Iterable[str],
) -> dict[str, CoverageFigure]:
    groups: dict[str, list[EnterpriseCoverage]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    rank = {name: index for index, name in enumerate(order)}
    # Known keys in their official order, then other keys alphabetically, ``unknown`` last.
    keys = sorted(groups, key=lambda k: (k == UNKNOWN, k not in rank, rank.get(k, 0), k))
    return {k: _figure(groups[k], *what(k), day) for k in keys}


def town_key(enterprise: Enterprise) -> str:
    """The town an enterprise is grouped under in reports, ``unknown`` when not given."""
    return enterprise.town_name or UNKNOWN


def _above(enterprise: Enterprise) -> tuple[bool | None, str, str]:
    try:
        status = above_designated_size(enterprise)
    except InputError as exc:
        return None, f"规上状态无法判断：{exc.message}", f"above-size status unknown: {exc.message}"
    return status.above, status.reason_zh, status.reason_en


def _enterprise_row(
    enterprise: Enterprise,
    cqos: list[Appointment],
    trainings: list[TrainingRecord],
    day: Date,
) -> EnterpriseCoverage:
    size = _size_of(enterprise)
    above, above_zh, above_en = _above(enterprise)
    current = [a for a in cqos if a.holds_on(day)]
    cqo = max(current, key=lambda a: a.appointed_on) if current else None
    trained = cqo is not None and any(
        t.kind is _CQO
        and t.enterprise == enterprise.uscc
        and t.person.strip() == cqo.person.name.strip()
        and t.completed_on <= day
        for t in trainings
    )
    if cqo is not None:
        zh = f"{cqo.person.name}自{cqo.appointed_on}起任首席质量官"
        en = f"{cqo.person.name} is CQO since {cqo.appointed_on}"
    elif not cqos:
        zh, en = "无首席质量官任命记录", "no CQO appointment on record"
    else:
        last = max(cqos, key=lambda a: a.appointed_on)
        if last.appointed_on > day:
            zh = f"首席质量官{last.person.name}自{last.appointed_on}起任职，{day}尚未到任"
            en = f"CQO {last.person.name} appointed from {last.appointed_on}, after {day}"
        else:
            zh = f"首席质量官{last.person.name}已于{last.ended_on}离任"
            en = f"CQO {last.person.name} left on {last.ended_on}"
    return EnterpriseCoverage(
        enterprise=enterprise,
        size=size.tier,
        size_reason_zh=size.reason_zh,
        size_reason_en=size.reason_en,
        above_designated_size=above,
        above_reason_zh=above_zh,
        above_reason_en=above_en,
        covered=cqo is not None,
        cqo=cqo,
        trained=trained,
        reason_zh=zh,
        reason_en=en,
    )


def coverage(
    enterprises: Iterable[Enterprise],
    appointments: Iterable[Appointment],
    as_of: _dt.date | str,
    *,
    trainings: Iterable[TrainingRecord] = (),
) -> CoverageReport:
    """CQO coverage of ``enterprises`` on ``as_of``.

    An enterprise is covered when one of its CQO appointments has ``appointed_on <= as_of`` and no
    ``ended_on`` before ``as_of`` (an appointment ending on ``as_of`` still covers that day).
    Size tiers and above-size status follow the 2017 statistical rules unless the enterprise
    declares its status; an enterprise whose figures do not allow a classification is counted
    under ``unknown`` and left out of the two headline groups. Appointments to other roles, and
    to enterprises not listed, are ignored. An enterprise listed twice is an :class:`InputError`.
    """
    day = as_date(as_of)
    listed = list(enterprises)
    seen: dict[USCC, int] = {}
    for index, enterprise in enumerate(listed):
        if enterprise.uscc in seen:
            raise InputError(
                f"{enterprise.uscc} is listed twice (first at enterprises[{seen[enterprise.uscc]}])",
                path=f"enterprises[{index}]",
            )
        seen[enterprise.uscc] = index
    cqos: dict[USCC, list[Appointment]] = {}
    for appointment in appointments:
        if appointment.role is _CQO:
            cqos.setdefault(appointment.enterprise, []).append(appointment)
    training_list = list(trainings)
    rows = tuple(_enterprise_row(e, cqos.get(e.uscc, []), training_list, day) for e in listed)
    manufacturing = [r for r in rows if r.manufacturing]
    tiers = {t.value: t for t in SizeTier}
    sectors = {s.value: s for s in Sector}
    return CoverageReport(
        as_of=day,
        above_designated_manufacturing=_figure(
            (r for r in manufacturing if r.above_designated_size),
            "规上制造业企业",
            "above-designated-size manufacturers",
            day,
        ),
        large_medium_manufacturing=_figure(
            (r for r in manufacturing if r.size in (SizeTier.LARGE, SizeTier.MEDIUM)),
            "大中型制造业企业",
            "large and medium manufacturers",
            day,
        ),
        by_size=_group(
            rows,
            lambda r: r.size.value if r.size is not None else UNKNOWN,
            lambda k: (
                (f"{tiers[k].label}企业", f"{k} enterprises")
                if k in tiers
                else ("规模未划分企业", "enterprises of unknown size")
            ),
            day,
            tiers,
        ),
        by_sector=_group(
            rows,
            lambda r: r.enterprise.sector.value if r.enterprise.sector is not None else UNKNOWN,
            lambda k: (
                (f"{sectors[k].label}企业", f"{k} enterprises")
                if k in sectors
                else ("行业未填写企业", "enterprises of unknown sector")
            ),
            day,
            sectors,
        ),
        by_town=_group(
            rows,
            lambda r: town_key(r.enterprise),
            lambda k: (
                ("镇街未填写企业", "enterprises with no town")
                if k == UNKNOWN
                else (f"{k}企业", f"enterprises in {k}")
            ),
            day,
            (t.name for t in known_towns()),
        ),
        trained_cqos=_trained_figure(rows, day),
        enterprises=rows,
    )


def _trained_figure(rows: tuple[EnterpriseCoverage, ...], day: Date) -> CoverageFigure:
    covered = [r for r in rows if r.covered]
    trained = sum(1 for r in covered if r.trained)
    rate = coverage_rate(trained, len(covered))
    return CoverageFigure(
        total=len(covered),
        covered=trained,
        rate=rate,
        reason_zh=(
            f"{day}：在任首席质量官{len(covered)}名，其中{trained}名在{day}前参加过首席质量官培训"
        ),
        reason_en=(
            f"{day}: {len(covered)} CQOs in office, {trained} trained as CQO on or before {day}"
        ),
    )
