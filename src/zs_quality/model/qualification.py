"""Qualification rules for a chief quality officer (首席质量官任职条件) as dated data.

A :class:`QualificationRules` holds one group of requirements per enterprise size tier, the
published documents it was built from, and the period it applies to. The rules are policy data,
loaded at the edge (:mod:`zs_quality.policy.qualification`) and given to
:func:`zs_quality.rules.qualification.check_cqo`.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from zs_quality.dates import Date
from zs_quality.model.roles import Education
from zs_quality.model.size import SizeTier

__all__ = ["QualificationGroup", "QualificationRules", "QualificationSource"]


@attrs.frozen(kw_only=True)
class QualificationSource:
    """A published document the rules were built from."""

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
    """A qualification ruleset: one group per size tier, the sources it cites, and the period it
    applies to (``effective_from`` through ``effective_until``, inclusive; open ended when
    ``None``)."""

    schema: int
    title: str
    effective_from: Date
    effective_until: Date | None = None
    when_size_unknown: SizeTier
    when_size_unknown_assumed: bool = False
    sources: tuple[QualificationSource, ...]
    groups: tuple[QualificationGroup, ...]
    assumed: tuple[str, ...] = ()
    file: str = ""

    def in_force_on(self, day: Date) -> bool:
        """Whether ``day`` falls in the period these rules apply to."""
        return self.effective_from <= day and (
            self.effective_until is None or day <= self.effective_until
        )

    def group_for(self, size: SizeTier | None) -> QualificationGroup:
        """The group whose sizes include ``size`` (``when_size_unknown`` when ``None``)."""
        tier = self.when_size_unknown if size is None else size
        return next(g for g in self.groups if tier in g.sizes)

    def reference(self, group: QualificationGroup) -> str:
        """The references of the group's sources, joined."""
        by_id = {s.id: s.reference for s in self.sources}
        return "；".join(by_id[s] for s in group.sources)
