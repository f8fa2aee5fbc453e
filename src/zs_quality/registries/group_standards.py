"""The registry of the CQO Association's group standards (团体标准).

By end-2023 the Zhongshan CQO Association had 6 group standards registered (立项) and 5 published
(中市监函〔2024〕179号, part two). A standard is registered, drafted, published, comes into force,
and may be withdrawn (废止) at any stage.
"""

from __future__ import annotations

import attrs

from zs_quality.model.labels import LabelledEnum
from zs_quality.registries.lifecycle import Lifecycle, RegistryEntry

__all__ = ["GroupStandardEntry", "StandardState"]


class StandardState(LabelledEnum):
    """The states of a group standard."""

    REGISTERED = "registered", "立项"
    DRAFTING = "drafting", "起草"
    PUBLISHED = "published", "发布"
    IN_FORCE = "in_force", "实施"
    WITHDRAWN = "withdrawn", "废止/撤销"


GROUP_STANDARD_LIFECYCLE: Lifecycle[StandardState] = Lifecycle(
    name_zh="团体标准",
    name_en="group standard",
    states=StandardState,
    initial=frozenset({StandardState.REGISTERED}),
    moves={
        StandardState.REGISTERED: frozenset({StandardState.DRAFTING, StandardState.WITHDRAWN}),
        StandardState.DRAFTING: frozenset({StandardState.PUBLISHED, StandardState.WITHDRAWN}),
        StandardState.PUBLISHED: frozenset({StandardState.IN_FORCE, StandardState.WITHDRAWN}),
        StandardState.IN_FORCE: frozenset({StandardState.WITHDRAWN}),
    },
)


@attrs.frozen(kw_only=True)
class GroupStandardEntry(RegistryEntry[StandardState]):
    """One group standard: its title, its number once it has one (e.g. ``T/ZSCQO 001-2023``)."""

    LIFECYCLE = GROUP_STANDARD_LIFECYCLE
    title: str = ""
    code: str | None = None
