"""Integrity-score submissions (诚信加分申报): an enterprise and its good-behaviour records."""

from __future__ import annotations

import attrs

from zs_quality.dates import Date, as_date
from zs_quality.errors import InputError
from zs_quality.model.checks import non_empty
from zs_quality.model.enterprise import Enterprise
from zs_quality.model.identity import identity_text
from zs_quality.model.labels import LabelledEnum

__all__ = ["IntegrityRecord", "RecordStatus", "Submission"]


class RecordStatus(LabelledEnum):
    """The bureau's review status of a record (审核状态)."""

    APPROVED = "approved", "审核通过"
    PENDING = "pending", "待审核"
    REJECTED = "rejected", "不予通过"


# Not kw_only: a batch makes one for every record, and a call by keyword costs about half as much
# again; convert._plain_record gives the fields by position.
@attrs.frozen
class IntegrityRecord:
    """One good-behaviour record (良好行为记录) an enterprise files for a bonus item.

    ``document_date`` is the date on the proof document (落款日期), from which both the filing
    window and the validity period are counted; ``submitted_on`` is the day it was filed.
    ``grade`` names the grade (等次) for graded items; ``document_no`` (文号) identifies the
    document, so that one document cannot be counted twice for the same item. ``id`` and
    ``document_no`` are normalised on construction (:mod:`zs_quality.model.identity`).
    """

    id: str = attrs.field(converter=identity_text, validator=non_empty)
    item: str = attrs.field(validator=non_empty)
    document_date: Date = attrs.field(converter=as_date)
    submitted_on: Date = attrs.field(converter=as_date)
    grade: str | None = None
    document_no: str | None = attrs.field(default=None, converter=identity_text)
    issuer: str | None = None
    status: RecordStatus = RecordStatus.APPROVED


def _category_given(_instance: object, _attribute: object, value: Enterprise) -> None:
    if value.category is None:
        raise InputError("required to score an integrity submission", path="enterprise.category")


def _unique_ids(_instance: object, _attribute: object, value: tuple[IntegrityRecord, ...]) -> None:
    if len({record.id for record in value}) == len(value):  # the common case, at C speed
        return
    first: dict[str, int] = {}
    for index, record in enumerate(value):
        if record.id in first:
            raise InputError(
                f"duplicate record id {record.id!r} (also records[{first[record.id]}])",
                path=f"records[{index}].id",
            )
        first[record.id] = index


@attrs.frozen(kw_only=True)
class Submission:
    """An enterprise's submission: who it is (with its platform category) and its records."""

    enterprise: Enterprise = attrs.field(validator=_category_given)
    records: tuple[IntegrityRecord, ...] = attrs.field(converter=tuple, validator=_unique_ids)
