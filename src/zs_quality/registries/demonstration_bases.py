"""The registry of CQO-system demonstration bases (首席质量官制度示范基地).

The CQO Association began cultivating two demonstration bases, 华盛家具集团 and 好来化工
(中市监函〔2024〕179号, part four), and holding the honour is a proposed integrity-score bonus item
(part three). A base is nominated, cultivated, accepted, awarded, and the award may be revoked:
that lifecycle is assumed (this library's reading), since the reply says only that the association
started cultivating two bases and the association has published no rules for the honour.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from zs_quality.dates import as_date
from zs_quality.model.enterprise import to_uscc
from zs_quality.model.evidence import DemonstrationBase, HonourLevel
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.uscc import USCC
from zs_quality.registries.lifecycle import Lifecycle, RegistryEntry

__all__ = [
    "BaseState",
    "DemonstrationBaseEntry",
    "demonstration_base_evidence",
    "demonstration_bases_on",
]


class BaseState(LabelledEnum):
    """The states of a demonstration base."""

    NOMINATED = "nominated", "推荐"
    CULTIVATING = "cultivating", "培育"
    ACCEPTED = "accepted", "验收通过"
    AWARDED = "awarded", "授牌"
    REVOKED = "revoked", "撤销"


DEMONSTRATION_BASE_LIFECYCLE: Lifecycle[BaseState] = Lifecycle(
    name_zh="首席质量官制度示范基地",
    name_en="demonstration base",
    states=BaseState,
    initial=frozenset({BaseState.NOMINATED}),
    moves={
        BaseState.NOMINATED: frozenset({BaseState.CULTIVATING}),
        BaseState.CULTIVATING: frozenset({BaseState.ACCEPTED}),
        BaseState.ACCEPTED: frozenset({BaseState.AWARDED}),
        BaseState.AWARDED: frozenset({BaseState.REVOKED}),
    },
)


@attrs.frozen(kw_only=True)
class DemonstrationBaseEntry(RegistryEntry[BaseState]):
    """One enterprise's path to the honour; ``level`` and ``issuer`` are those of the award."""

    LIFECYCLE = DEMONSTRATION_BASE_LIFECYCLE
    enterprise: USCC = attrs.field(converter=to_uscc)
    title: str = "首席质量官制度示范基地"
    level: HonourLevel = HonourLevel.ASSOCIATION
    issuer: str | None = None


def demonstration_base_evidence(
    entry: DemonstrationBaseEntry, on: _dt.date | str
) -> DemonstrationBase | None:
    """The honour as an evidence record when the base holds it on ``on``; else ``None``.

    The record's date is the award date (the date on the award document, from which an
    integrity-score item's validity runs), its level and issuer those of the entry.
    """
    step = entry.last_step_on(as_date(on))
    if step is None or step.state is not BaseState.AWARDED:
        return None
    return DemonstrationBase(
        id=entry.id,
        date=step.on,
        title=entry.title,
        document_no=step.document_no,
        issuer=entry.issuer,
        level=entry.level,
    )


def demonstration_bases_on(
    entries: Iterable[DemonstrationBaseEntry], enterprise: USCC | str, on: _dt.date | str
) -> tuple[DemonstrationBase, ...]:
    """Every honour ``enterprise`` holds on ``on``, as evidence records, oldest award first."""
    code = to_uscc(enterprise)
    held = (demonstration_base_evidence(e, on) for e in entries if e.enterprise == code)
    return tuple(sorted((h for h in held if h is not None), key=lambda h: (h.date, h.id)))
