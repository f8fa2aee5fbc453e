"""Professional titles (职称) and a candidate for title evaluation (职称评价).

A :class:`Candidate` is a person who applies for a title level: their education, the title they
hold now, and their evidence records (:mod:`zs_quality.model.evidence`). Evidence that the
enterprise's CQO led (``cqo_led``) may serve in that CQO's own title evaluation
(中市监函〔2024〕179号, part three).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from zs_quality.dates import Date, as_date, as_optional_date
from zs_quality.errors import InputError, Problem
from zs_quality.model.checks import non_empty
from zs_quality.model.evidence import Evidence
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.roles import Education

__all__ = ["Candidate", "HeldTitle", "TitleLevel"]


class TitleLevel(LabelledEnum):
    """A level of the engineering title series (工程系列职称), lowest first."""

    TECHNICIAN = "technician", "技术员"
    ASSISTANT_ENGINEER = "assistant_engineer", "助理工程师"
    ENGINEER = "engineer", "工程师"
    SENIOR_ENGINEER = "senior_engineer", "高级工程师"
    PROFESSORATE_SENIOR_ENGINEER = "professorate_senior_engineer", "正高级工程师"

    @property
    def rank(self) -> int:
        """Higher is a higher title: technician 0 ... professorate senior engineer 4."""
        return list(TitleLevel).index(self)


@attrs.frozen(kw_only=True)
class HeldTitle:
    """The title a person holds now (现职称) and the day it was obtained (取得时间)."""

    level: TitleLevel
    obtained_on: Date = attrs.field(converter=as_date)


def _unique_ids(
    _instance: object, _attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    seen: dict[str, int] = {}
    problems = []
    for index, item in enumerate(value):
        if item.id in seen:
            problems.append(
                Problem(
                    f"evidence[{index}].id",
                    f"{item.id!r} is used again (first at evidence[{seen[item.id]}])",
                )
            )
        seen.setdefault(item.id, index)
    if problems:
        raise InputError(problems)


def _evidence(items: Iterable[Evidence]) -> tuple[Evidence, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Candidate:
    """A person applying for a title level (申报人).

    ``current_title`` is ``None`` for a person with no title yet; ``graduated_on`` is needed only
    for the entry levels, whose years are counted from graduation. Evidence ids must be unique.
    """

    name: str = attrs.field(validator=non_empty)
    education: Education
    current_title: HeldTitle | None = None
    graduated_on: Date | None = attrs.field(default=None, converter=as_optional_date)
    evidence: tuple[Evidence, ...] = attrs.field(
        default=(), converter=_evidence, validator=_unique_ids
    )
