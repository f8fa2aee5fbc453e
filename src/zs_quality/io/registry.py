"""The regulator's enterprise registry (企业名录) in JSON Lines, read into models.

Each line is one enterprise with its CQO, if any::

    {"uscc", "name", "town", "sector", "employees", "revenue", "total_assets",
     "above_designated_size"?, "cqo"?: {"name", "education", "quality_work_years",
     "appointed_on", "ended_on"?, "trained_on"?}}

Amounts are in 10,000 CNY (万元); ``employees``, ``revenue`` and ``total_assets`` may be ``null``
when unknown. A line becomes an :class:`~zs_quality.model.enterprise.Enterprise`, a CQO
:class:`~zs_quality.model.roles.Appointment` and, with ``trained_on``, a
:class:`~zs_quality.registries.training.TrainingRecord`. A bad line is kept as an
:class:`~zs_quality.errors.InputError` with its line number, and the other lines are read.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from zs_quality.convert import structure
from zs_quality.dates import Date
from zs_quality.errors import InputError, ZsQualityError, join_path
from zs_quality.io.jsonio import Line, read_json_or_lines
from zs_quality.model.enterprise import Enterprise, Sector
from zs_quality.model.roles import Appointment, Education, Person, QualityRole
from zs_quality.model.uscc import USCC
from zs_quality.reading import DEFAULT_ENCODING, display_name
from zs_quality.registries.training import TrainingRecord
from zs_quality.uscc_index import USCCIndex, repeated_uscc

__all__ = [
    "CQOLine",
    "EnterpriseRegistry",
    "RegistryLine",
    "RegistryRow",
    "parse_registry",
    "read_registry",
]


@attrs.frozen(kw_only=True)
class CQOLine:
    """The ``cqo`` object of a registry line."""

    name: str
    education: Education
    quality_work_years: Decimal
    appointed_on: Date
    ended_on: Date | None = None
    trained_on: Date | None = None


@attrs.frozen(kw_only=True)
class RegistryLine:
    """One registry line as written (the keys of the JSON object)."""

    uscc: USCC
    name: str
    town: str | None
    sector: Sector
    employees: int | None
    revenue: Decimal | None
    total_assets: Decimal | None
    above_designated_size: bool | None = None
    cqo: CQOLine | None = None


@attrs.frozen(kw_only=True)
class RegistryRow:
    """The models one line stands for, and its line number."""

    line: int
    enterprise: Enterprise
    appointment: Appointment | None
    training: TrainingRecord | None


@attrs.frozen(kw_only=True)
class EnterpriseRegistry:
    """A registry file read: the good lines' models and the bad lines' errors."""

    entries: tuple[RegistryRow, ...]
    errors: tuple[InputError, ...]

    @property
    def enterprises(self) -> tuple[Enterprise, ...]:
        """Every enterprise of a good line."""
        return tuple(e.enterprise for e in self.entries)

    @property
    def appointments(self) -> tuple[Appointment, ...]:
        """Every CQO appointment of a good line."""
        return tuple(e.appointment for e in self.entries if e.appointment is not None)

    @property
    def trainings(self) -> tuple[TrainingRecord, ...]:
        """Every CQO training of a good line."""
        return tuple(e.training for e in self.entries if e.training is not None)


def _models(data: object, file: str, number: int, path: str) -> RegistryRow:
    raw = structure(data, RegistryLine, file=file, line=number, path=path)
    try:
        enterprise = Enterprise(
            uscc=raw.uscc,
            name=raw.name,
            town=raw.town,
            sector=raw.sector,
            employees=raw.employees,
            revenue=raw.revenue,
            total_assets=raw.total_assets,
            above_designated_size=raw.above_designated_size,
        )
    except ZsQualityError as exc:
        raise InputError(exc.problems, path=path, file=file, line=number) from None
    if raw.cqo is None:
        return RegistryRow(line=number, enterprise=enterprise, appointment=None, training=None)
    cqo = raw.cqo
    try:
        appointment = Appointment(
            role=QualityRole.CHIEF_QUALITY_OFFICER,
            person=Person(
                name=cqo.name, education=cqo.education, quality_work_years=cqo.quality_work_years
            ),
            enterprise=raw.uscc,
            appointed_on=cqo.appointed_on,
            ended_on=cqo.ended_on,
        )
        training = (
            None
            if cqo.trained_on is None
            else TrainingRecord(enterprise=raw.uscc, person=cqo.name, completed_on=cqo.trained_on)
        )
    except ZsQualityError as exc:
        where = join_path(path, "cqo")
        raise InputError(exc.problems, path=where, file=file, line=number) from None
    return RegistryRow(
        line=number, enterprise=enterprise, appointment=appointment, training=training
    )


def parse_registry(lines: Iterable[Line], *, file: str) -> EnterpriseRegistry:
    """Turn read lines into an :class:`EnterpriseRegistry`; a bad line becomes an error with its number.

    A code listed on an earlier good line makes a later line bad ("listed twice").
    """
    entries: list[RegistryRow] = []
    errors: list[InputError] = []
    seen = USCCIndex()
    for line in lines:
        if line.error is not None:
            errors.append(line.error)
            continue
        try:
            entry = _models(line.data, file, line.number, line.path)
        except InputError as exc:
            errors.append(exc)
            continue
        code = entry.enterprise.uscc
        first = seen.first(code, line.number)
        if first is not None:
            where = join_path(line.path, "uscc")
            errors.append(repeated_uscc(code, first, file=file, line=line.number, path=where))
            continue
        entries.append(entry)
    return EnterpriseRegistry(entries=tuple(entries), errors=tuple(errors))


def read_registry(path: str, *, encoding: str = DEFAULT_ENCODING) -> EnterpriseRegistry:
    """Read a registry file (JSON Lines, a JSON array, or ``-`` for standard input), decoded as
    ``encoding``."""
    lines = read_json_or_lines(path, encoding=encoding)
    return parse_registry(lines, file=display_name(path))
