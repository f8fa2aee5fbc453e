"""The hypothesis plugin: registers zs_quality's strategies for ``st.from_type``.

Hypothesis calls :func:`register` when it is imported, through the entry point group
``hypothesis`` declared in ``pyproject.toml``; then ``st.from_type(Enterprise)`` and the like draw
valid objects in any project that installs ``zs_quality[test]``. The module imports nothing at
load time (beyond the ``zs_quality`` package itself) and works without hypothesis until
:func:`register` is called; the strategies are built lazily, the first time a test asks for one.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["register"]


def _lazy(name: str, *args: object) -> SearchStrategy[Any]:
    """The strategy ``strategies.<name>(*args)``, imported only when first drawn from."""
    from hypothesis import strategies as st

    def build() -> SearchStrategy[Any]:
        strategies = importlib.import_module("zs_quality.testing.strategies")
        made: SearchStrategy[Any] = getattr(strategies, name)(*args)
        return made

    return st.deferred(build)


def register() -> None:
    """Register a strategy for each public model with hypothesis."""
    from hypothesis import strategies as st

    from zs_quality.model import evidence as ev
    from zs_quality.model.criteria import Criteria
    from zs_quality.model.enterprise import Enterprise
    from zs_quality.model.roles import Appointment, Person
    from zs_quality.model.ruleset import Ruleset
    from zs_quality.model.submission import Submission
    from zs_quality.model.titles import Candidate
    from zs_quality.model.uscc import USCC
    from zs_quality.registries.training import TrainingRecord

    models: dict[type, str] = {
        USCC: "usccs",
        Enterprise: "enterprises",
        Person: "people",
        Appointment: "appointments",
        TrainingRecord: "training_records",
        Submission: "submissions",
        Ruleset: "rulesets",
        Candidate: "candidates",
        Criteria: "criteria_sets",
    }
    for model, name in models.items():
        st.register_type_strategy(model, _lazy(name))
    # Evidence is a union of these classes, so from_type(Evidence) draws every kind.
    for kind in ev.EVIDENCE_TYPES:
        st.register_type_strategy(kind, _lazy("evidence", kind.KIND))
