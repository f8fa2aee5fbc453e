"""Training (培训): sessions held for CQOs and quality-safety staff, and who completed them.

Zhongshan trained over 4000 enterprises' CQOs free of charge, and the CQO Association has run town
sessions for CQOs, quality-safety directors (质量安全总监) and quality-safety officers (质量安全员)
(中市监函〔2024〕179号, part two). A session's kind is the role it trains for
(:class:`~zs_quality.model.roles.QualityRole`). :func:`training_totals` gives the figures the
reply quotes for any period: sessions, person-times (人次) and enterprises trained.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator

import attrs

from zs_quality.dates import Date, as_date
from zs_quality.errors import InputError
from zs_quality.model.checks import non_empty
from zs_quality.model.enterprise import to_uscc
from zs_quality.model.roles import QualityRole
from zs_quality.model.uscc import USCC

__all__ = ["Attendee", "TrainingRecord", "TrainingSession", "TrainingTotals", "training_totals"]


@attrs.frozen(kw_only=True)
class TrainingRecord:
    """A person's completed training for a role: the certificate (培训合格证明) a rule checks."""

    enterprise: USCC = attrs.field(converter=to_uscc)
    person: str = attrs.field(validator=non_empty)
    kind: QualityRole = QualityRole.CHIEF_QUALITY_OFFICER
    completed_on: Date = attrs.field(converter=as_date)
    session: str | None = None


@attrs.frozen(kw_only=True)
class Attendee:
    """A person who attended a session, and the enterprise that sent them."""

    enterprise: USCC = attrs.field(converter=to_uscc)
    name: str = attrs.field(validator=non_empty)


def _distinct_attendees(_instance: object, _attribute: object, value: tuple[Attendee, ...]) -> None:
    seen: dict[tuple[USCC, str], int] = {}
    for index, attendee in enumerate(value):
        key = (attendee.enterprise, attendee.name.strip())
        if key in seen:
            raise InputError(
                f"{attendee.name} of {attendee.enterprise} is listed twice "
                f"(first at attendees[{seen[key]}])",
                path=f"attendees[{index}]",
            )
        seen[key] = index


@attrs.frozen(kw_only=True)
class TrainingSession:
    """One training session (培训班/场次): when, in which town, for which role, who attended."""

    id: str = attrs.field(validator=non_empty)
    date: Date = attrs.field(converter=as_date)
    town: str | None = None
    kind: QualityRole
    attendees: tuple[Attendee, ...] = attrs.field(converter=tuple, validator=_distinct_attendees)

    def records(self) -> Iterator[TrainingRecord]:
        """A training record for each attendee, completed on the session's date."""
        for attendee in self.attendees:
            yield TrainingRecord(
                enterprise=attendee.enterprise,
                person=attendee.name,
                kind=self.kind,
                completed_on=self.date,
                session=self.id,
            )


@attrs.frozen(kw_only=True)
class TrainingTotals:
    """Training figures for a period: sessions, person-times and distinct enterprises."""

    start: Date
    end: Date
    kind: QualityRole | None
    sessions: int
    person_times: int
    enterprises: int
    reason_zh: str
    reason_en: str


def training_totals(
    sessions: Iterable[TrainingSession],
    start: _dt.date | str,
    end: _dt.date | str,
    *,
    kind: QualityRole | None = None,
) -> TrainingTotals:
    """Totals over the sessions held from ``start`` through ``end`` (both inclusive), of one
    ``kind`` or of every kind.

    A person-time (人次) is one attendee of one session; an enterprise counts once however many
    sessions and people it sent.
    """
    first, last = as_date(start), as_date(end)
    if last < first:
        raise InputError(f"the period ends on {last}, before it starts on {first}", path="end")
    held = [s for s in sessions if first <= s.date <= last and (kind is None or s.kind is kind)]
    person_times = sum(len(s.attendees) for s in held)
    enterprises = len({a.enterprise for s in held for a in s.attendees})
    what_zh = kind.label if kind is not None else "全部类别"
    what_en = kind.value if kind is not None else "all kinds"
    return TrainingTotals(
        start=first,
        end=last,
        kind=kind,
        sessions=len(held),
        person_times=person_times,
        enterprises=enterprises,
        reason_zh=(
            f"{first}至{last}（{what_zh}）：培训{len(held)}场，{person_times}人次，"
            f"覆盖{enterprises}家企业（同一企业只计一次）"
        ),
        reason_en=(
            f"{first} to {last} ({what_en}): {len(held)} sessions, {person_times} person-times, "
            f"{enterprises} enterprises (each counted once)"
        ),
    )
