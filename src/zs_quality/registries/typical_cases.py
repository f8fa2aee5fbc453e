"""The registry of CQO typical cases (首席质量官质量变革创新实践典型案例).

Zhongshan collected 27 enterprises' cases and sent them to the provincial bureau; 榄菊 was selected
by SAMR (national) and 明阳 by the provincial bureau (中市监函〔2024〕179号, part one). A case is
collected, submitted to the province, then selected at a level or not selected.
"""

from __future__ import annotations

import datetime as _dt

import attrs

from zs_quality.dates import as_date
from zs_quality.model.enterprise import to_uscc
from zs_quality.model.evidence import HonourLevel, TypicalCase
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.uscc import USCC
from zs_quality.registries.lifecycle import Lifecycle, RegistryEntry

__all__ = ["CaseState", "TypicalCaseEntry", "typical_case_evidence"]


class CaseState(LabelledEnum):
    """The states of a typical case."""

    COLLECTED = "collected", "已征集"
    SUBMITTED = "submitted", "已报送省局"
    SELECTED_PROVINCIAL = "selected_provincial", "入选省级"
    SELECTED_NATIONAL = "selected_national", "入选国家级"
    NOT_SELECTED = "not_selected", "未入选"


_SELECTED_LEVEL = {
    CaseState.SELECTED_PROVINCIAL: HonourLevel.PROVINCIAL,
    CaseState.SELECTED_NATIONAL: HonourLevel.NATIONAL,
}

TYPICAL_CASE_LIFECYCLE: Lifecycle[CaseState] = Lifecycle(
    name_zh="首席质量官典型案例",
    name_en="typical case",
    states=CaseState,
    initial=frozenset({CaseState.COLLECTED}),
    moves={
        CaseState.COLLECTED: frozenset({CaseState.SUBMITTED}),
        # The province judges the submitted cases and recommends some on to SAMR, so a case
        # selected provincially may later be selected nationally (assumed; the reply does not
        # describe the recommendation step).
        CaseState.SUBMITTED: frozenset(
            {CaseState.SELECTED_PROVINCIAL, CaseState.SELECTED_NATIONAL, CaseState.NOT_SELECTED}
        ),
        CaseState.SELECTED_PROVINCIAL: frozenset({CaseState.SELECTED_NATIONAL}),
    },
)


@attrs.frozen(kw_only=True)
class TypicalCaseEntry(RegistryEntry[CaseState]):
    """One enterprise's typical case and its history."""

    LIFECYCLE = TYPICAL_CASE_LIFECYCLE
    enterprise: USCC = attrs.field(converter=to_uscc)
    title: str = ""


def typical_case_evidence(entry: TypicalCaseEntry, on: _dt.date | str) -> TypicalCase | None:
    """The selection as an evidence record, when the case is selected on ``on``; else ``None``.

    The record's date is the selection date and its level the highest level reached by then.
    """
    day = as_date(on)
    step = entry.last_step_on(day)
    if step is None or step.state not in _SELECTED_LEVEL:
        return None
    return TypicalCase(
        id=entry.id,
        date=step.on,
        title=entry.title,
        document_no=step.document_no,
        level=_SELECTED_LEVEL[step.state],
    )
