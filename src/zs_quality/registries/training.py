"""Training (培训): sessions and classes held for CQOs and quality staff, and who completed them.

Zhongshan trained over 4000 enterprises' CQOs free of charge, and since 2023 the CQO Association
has held 8 town sessions (场) for CQOs, quality-safety directors (质量安全总监) and quality-safety
officers (质量安全员), run 20-odd quality-management talent classes (期), and counted 1,000-odd
person-times (人次) of enterprise quality staff (中市监函〔2024〕179号, part two). The reply counts
sessions and classes apart, so each :class:`TrainingSession` says which :class:`TrainingForm` it
is. A session's ``kind`` is the role it trains for (:class:`~zs_quality.model.roles.QualityRole`),
or none for quality-management staff in general. :func:`training_totals` gives the reply's
figures for any period: sessions, classes, person-times and enterprises trained.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator

import attrs

from zs_quality.dates import Date, as_date
from zs_quality.errors import InputError
from zs_quality.model.checks import non_empty, non_negative
from zs_quality.model.enterprise import to_uscc
from zs_quality.model.identity import identity_text
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.roles import QualityRole
from zs_quality.model.uscc import USCC

__all__ = [
    "Attendee",
    "TrainingForm",
    "TrainingRecord",
    "TrainingSession",
    "TrainingTotals",
    "training_totals",
]


class TrainingForm(LabelledEnum):
    """How a training was held, and so how it is counted (培训形式).

    A session (场) is one sitting, such as a town session; a class (期) is one intake of a course,
    which may run over several days. The reply counts the two apart ("8场", "20余期").
    """

    SESSION = "session", "场次培训"
    CLASS = "class", "培训班"


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


def _headcount_matches(instance: TrainingSession, _attribute: object, value: int | None) -> None:
    if value is not None and instance.attendees and value != len(instance.attendees):
        raise InputError(
            f"headcount {value} differs from the {len(instance.attendees)} attendees listed",
            path="headcount",
        )


@attrs.frozen(kw_only=True)
class TrainingSession:
    """One training session (场) or class (期): when, where, for which role, who attended.

    ``kind`` is the role trained for, ``None`` for quality-management staff in general (质量管理人员).
    ``attendees`` lists who came; when the organiser kept only a count, ``headcount`` gives the
    person-times (人次) instead, and the session adds nothing to the count of enterprises.
    """

    id: str = attrs.field(converter=identity_text, validator=non_empty)
    date: Date = attrs.field(converter=as_date)
    town: str | None = None
    form: TrainingForm = TrainingForm.SESSION
    kind: QualityRole | None = None
    title: str | None = None
    attendees: tuple[Attendee, ...] = attrs.field(
        default=(), converter=tuple, validator=_distinct_attendees
    )
    headcount: int | None = attrs.field(default=None, validator=[non_negative, _headcount_matches])

    @property
    def person_times(self) -> int:
        """Person-times (人次): one per attendee listed, else the recorded headcount."""
        return len(self.attendees) if self.attendees else (self.headcount or 0)

    def records(self) -> Iterator[TrainingRecord]:
        """A training record for each attendee, completed on the session's date; none for a
        session for quality staff in general, which trains for no one role."""
        if self.kind is None:
            return
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
    """Training figures for a period: sessions (场), classes (期), person-times (人次) and distinct
    enterprises. ``unlisted`` counts the sessions and classes known only by a headcount, whose
    enterprises cannot be counted: ``enterprises`` is then a lower bound."""

    start: Date
    end: Date
    kind: QualityRole | None
    form: TrainingForm | None
    sessions: int
    classes: int
    person_times: int
    enterprises: int
    unlisted: int
    reason_zh: str
    reason_en: str


def _held(
    sessions: Iterable[TrainingSession],
    first: Date,
    last: Date,
    kind: QualityRole | None,
    form: TrainingForm | None,
) -> list[TrainingSession]:
    return [
        s
        for s in sessions
        if first <= s.date <= last
        and (kind is None or s.kind is kind)
        and (form is None or s.form is form)
    ]


def _scope(kind: QualityRole | None, form: TrainingForm | None) -> tuple[str, str]:
    chosen = [x for x in (kind, form) if x is not None]
    return "、".join(x.label for x in chosen) or "全部", ", ".join(x.value for x in chosen) or "all"


def training_totals(
    sessions: Iterable[TrainingSession],
    start: _dt.date | str,
    end: _dt.date | str,
    *,
    kind: QualityRole | None = None,
    form: TrainingForm | None = None,
) -> TrainingTotals:
    """Totals over the sessions and classes held from ``start`` through ``end`` (both inclusive),
    of one ``kind`` and one ``form``, or of every kind and form when ``None``.

    A person-time (人次) is one attendee of one session or class (or one unit of a recorded
    headcount); an enterprise counts once however many sessions and people it sent.
    """
    first, last = as_date(start), as_date(end)
    if last < first:
        raise InputError(f"the period ends on {last}, before it starts on {first}", path="end")
    held = _held(sessions, first, last, kind, form)
    sittings = sum(1 for s in held if s.form is TrainingForm.SESSION)
    classes = len(held) - sittings
    person_times = sum(s.person_times for s in held)
    enterprises = len({a.enterprise for s in held for a in s.attendees})
    unlisted = sum(1 for s in held if not s.attendees and s.headcount)
    what_zh, what_en = _scope(kind, form)
    lower_zh = f"；其中{unlisted}场（期）仅有人数记录，企业数为下限" if unlisted else ""
    lower_en = (
        f"; {unlisted} known by headcount only, so the enterprise count is a lower bound"
        if unlisted
        else ""
    )
    return TrainingTotals(
        start=first,
        end=last,
        kind=kind,
        form=form,
        sessions=sittings,
        classes=classes,
        person_times=person_times,
        enterprises=enterprises,
        unlisted=unlisted,
        reason_zh=(
            f"{first}至{last}（{what_zh}）：培训{sittings}场、培训班{classes}期，{person_times}人次，"
            f"覆盖{enterprises}家企业（同一企业只计一次）{lower_zh}"
        ),
        reason_en=(
            f"{first} to {last} ({what_en}): {sittings} sessions, {classes} classes, "
            f"{person_times} person-times, {enterprises} enterprises (each counted once)"
            f"{lower_en}"
        ),
    )
