"""CQO coverage (首席质量官覆盖情况) of an enterprise registry on a day.

Zhongshan reached full coverage of its 4915 above-designated-size manufacturers (规上制造业企业)
with the CQO system (中市监函〔2024〕179号, part one), and Guangdong aims at every large and medium
manufacturer by the end of 2025 (粤市监〔2023〕35号). :func:`coverage` recomputes such figures from
records for any date, with the size standards and the town list given as data.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

import attrs

from zs_quality.dates import Date, as_date
from zs_quality.errors import InputError
from zs_quality.model.enterprise import Enterprise, Sector
from zs_quality.model.roles import Appointment, QualityRole
from zs_quality.model.size import SizeStandards, SizeTier
from zs_quality.model.towns import Gazetteer
from zs_quality.registries.training import TrainingRecord
from zs_quality.rules.grouping import UNKNOWN, group_by, ordered_keys, refuse_text
from zs_quality.rules.size import above_designated_size, size_finding
from zs_quality.uscc_index import USCCIndex, repeated_uscc

__all__ = [
    "RATE_PLACES",
    "CoverageFigure",
    "CoverageReport",
    "EnterpriseCoverage",
    "coverage",
    "coverage_rate",
]

_CQO = QualityRole.CHIEF_QUALITY_OFFICER

RATE_PLACES = 4
"""Coverage rates are exact decimals rounded half up to this many places (0.9876 = 98.76 %)."""


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
    """One enterprise on the coverage date: its town (the key reports group by, and whether the
    town list knows it), size, above-size status and CQO."""

    enterprise: Enterprise
    town: str
    town_known: bool
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
    groups = group_by(rows, key)
    return {k: _figure(groups[k], *what(k), day) for k in ordered_keys(groups, order)}


def _above(enterprise: Enterprise, sizes: SizeStandards, day: Date) -> tuple[bool | None, str, str]:
    try:
        status = above_designated_size(enterprise, sizes, day)
    except InputError as exc:
        return None, f"规上状态无法判断：{exc.message}", f"above-size status unknown: {exc.message}"
    return status.above, status.reason_zh, status.reason_en


def _trained(cqo: Appointment, trainings: list[TrainingRecord], day: Date) -> bool:
    return any(
        t.kind is _CQO
        and t.enterprise == cqo.enterprise
        and t.person.strip() == cqo.person.name.strip()
        and t.completed_on <= day
        for t in trainings
    )


def _cqo_reason(cqo: Appointment | None, cqos: list[Appointment], day: Date) -> tuple[str, str]:
    if cqo is not None:
        return (
            f"{cqo.person.name}自{cqo.appointed_on}起任首席质量官",
            f"{cqo.person.name} is CQO since {cqo.appointed_on}",
        )
    if not cqos:
        return "无首席质量官任命记录", "no CQO appointment on record"
    last = max(cqos, key=lambda a: a.appointed_on)
    if last.appointed_on > day:
        return (
            f"首席质量官{last.person.name}自{last.appointed_on}起任职，{day}尚未到任",
            f"CQO {last.person.name} appointed from {last.appointed_on}, after {day}",
        )
    return (
        f"首席质量官{last.person.name}已于{last.ended_on}离任",
        f"CQO {last.person.name} left on {last.ended_on}",
    )


@attrs.frozen(kw_only=True)
class _Context:
    """What every row of one coverage report is judged with."""

    day: Date
    sizes: SizeStandards
    towns: Gazetteer
    trainings: list[TrainingRecord]


def _enterprise_row(
    enterprise: Enterprise, cqos: list[Appointment], context: _Context
) -> EnterpriseCoverage:
    day = context.day
    size = size_finding(enterprise, context.sizes, day)
    above, above_zh, above_en = _above(enterprise, context.sizes, day)
    current = [a for a in cqos if a.holds_on(day)]
    cqo = max(current, key=lambda a: a.appointed_on) if current else None
    zh, en = _cqo_reason(cqo, cqos, day)
    return EnterpriseCoverage(
        enterprise=enterprise,
        town=context.towns.key(enterprise.town),
        town_known=context.towns.known(enterprise.town),
        size=size.tier,
        size_reason_zh=size.reason_zh,
        size_reason_en=size.reason_en,
        above_designated_size=above,
        above_reason_zh=above_zh,
        above_reason_en=above_en,
        covered=cqo is not None,
        cqo=cqo,
        trained=cqo is not None and _trained(cqo, context.trainings, day),
        reason_zh=zh,
        reason_en=en,
    )


def _listed_once(enterprises: Iterable[Enterprise]) -> list[Enterprise]:
    listed = list(enterprises)
    seen = USCCIndex()
    for index, enterprise in enumerate(listed):
        first = seen.first(enterprise.uscc, index + 1)
        if first is not None:
            raise repeated_uscc(enterprise.uscc, first, path=f"enterprises[{index}].uscc")
    return listed


def _size_key(row: EnterpriseCoverage) -> str:
    return row.size.value if row.size is not None else UNKNOWN


def _size_words(key: str) -> tuple[str, str]:
    if key in SizeTier.__members__.values():
        return f"{SizeTier(key).label}企业", f"{key} enterprises"
    return "规模未划分企业", "enterprises of unknown size"


def _sector_key(row: EnterpriseCoverage) -> str:
    return row.enterprise.sector.value if row.enterprise.sector is not None else UNKNOWN


def _sector_words(key: str) -> tuple[str, str]:
    if key in Sector.__members__.values():
        return f"{Sector(key).label}企业", f"{key} enterprises"
    return "行业未填写企业", "enterprises of unknown sector"


def _town_words(key: str) -> tuple[str, str]:
    if key == UNKNOWN:
        return "镇街未填写企业", "enterprises with no town"
    return f"{key}企业", f"enterprises in {key}"


def coverage(
    enterprises: Iterable[Enterprise],
    appointments: Iterable[Appointment],
    as_of: _dt.date | str,
    *,
    trainings: Iterable[TrainingRecord] = (),
    sizes: SizeStandards,
    towns: Gazetteer,
) -> CoverageReport:
    """CQO coverage of ``enterprises`` on ``as_of``.

    An enterprise is covered when one of its CQO appointments has ``appointed_on <= as_of`` and no
    ``ended_on`` before ``as_of`` (an appointment ending on ``as_of`` still covers that day).
    Size tiers and above-size status follow the size standards of ``sizes`` in force on ``as_of``
    unless the enterprise declares its status; an enterprise whose figures do not allow a
    classification is counted under ``unknown`` and left out of the two headline groups. Towns
    are grouped by their name in ``towns`` (the text as written when unknown). Appointments to
    other roles, and to enterprises not listed, are ignored. An enterprise listed twice is an
    :class:`InputError`; a ``str`` or ``bytes`` where a list is expected is a :class:`TypeError`.
    """
    refuse_text(enterprises, "enterprises")
    refuse_text(appointments, "appointments")
    day = as_date(as_of)
    listed = _listed_once(enterprises)
    cqos = group_by((a for a in appointments if a.role is _CQO), lambda a: str(a.enterprise))
    context = _Context(day=day, sizes=sizes, towns=towns, trainings=list(trainings))
    rows = tuple(_enterprise_row(e, cqos.get(str(e.uscc), []), context) for e in listed)
    manufacturing = [r for r in rows if r.manufacturing]
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
        by_size=_group(rows, _size_key, _size_words, day, (t.value for t in SizeTier)),
        by_sector=_group(rows, _sector_key, _sector_words, day, (s.value for s in Sector)),
        by_town=_group(rows, lambda r: r.town, _town_words, day, towns.names),
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
