"""Lifecycles (生命周期) shared by the registries: states, legal moves and dated histories.

A registry entry (a typical case, a group standard, a demonstration base, a certification) keeps
its whole history as dated :class:`Transition` records instead of a single current state, so its
state can be read on any date: :meth:`RegistryEntry.state_on`. Each entry class names its
:class:`Lifecycle`, which says where a history may start and which moves are legal; a history that
breaks it is refused with a :class:`~zs_quality.errors.TransitionError` naming both states.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any, ClassVar, Generic, Self, TypeVar

import attrs

from zs_quality.dates import Date, as_date
from zs_quality.errors import InputError, TransitionError
from zs_quality.model.checks import non_empty
from zs_quality.model.identity import identity_text
from zs_quality.model.labels import LabelledEnum

__all__ = [
    "Lifecycle",
    "RegistryEntry",
    "Transition",
    "count_by_state",
    "count_reached",
]

S = TypeVar("S", bound=LabelledEnum)


@attrs.frozen(kw_only=True)
class Transition(Generic[S]):
    """One dated step of a history: the entry entered ``state`` on ``on``.

    ``document_no`` is the number of the document that made the step (文号), when there is one.
    """

    state: S
    on: Date = attrs.field(converter=as_date)
    document_no: str | None = attrs.field(default=None, converter=identity_text)
    note: str = ""


def _describe(state: LabelledEnum) -> str:
    return f"{state.value} ({state.label})"


@attrs.frozen(kw_only=True, eq=False)
class Lifecycle(Generic[S]):
    """The states of one kind of registry entry and the moves between them.

    ``initial`` are the states a history may start in; ``moves`` maps each state to the states it
    may move to next (a state missing from ``moves`` is final).
    """

    name_zh: str
    name_en: str
    states: type[S]
    initial: frozenset[S]
    moves: Mapping[S, frozenset[S]]

    @property
    def all_states(self) -> tuple[S, ...]:
        """Every state, in the order the states are declared."""
        return tuple(self.states)

    def allows(self, source: S, target: S) -> bool:
        """Whether an entry in ``source`` may move to ``target``."""
        return target in self.moves.get(source, frozenset())

    def _targets(self, source: S) -> str:
        targets = [s for s in self.states if self.allows(source, s)]
        return ", ".join(_describe(s) for s in targets) if targets else "none (final state)"

    def check(self, history: Sequence[Transition[S]]) -> None:
        """Refuse a history that is empty, out of date order, or makes an illegal move.

        Dates must not go backwards; two steps on the same day are allowed (a standard may be
        registered and its drafting started on one day).
        """
        if not history:
            raise InputError("a history needs at least one transition", path="history")
        for index, step in enumerate(history):
            if not isinstance(step.state, self.states):
                raise InputError(
                    f"{step.state!r} is not a state of a {self.name_en}",
                    path=f"history[{index}].state",
                )
        first = history[0].state
        if first not in self.initial:
            starts = ", ".join(_describe(s) for s in self.states if s in self.initial)
            raise TransitionError(
                f"a {self.name_en} ({self.name_zh}) starts in {starts}, not in {_describe(first)}",
                path="history[0].state",
            )
        for index, (before, after) in enumerate(pairwise(history), start=1):
            if after.on < before.on:
                raise InputError(
                    f"dated {after.on}, before the previous step on {before.on}",
                    path=f"history[{index}].on",
                )
            if not self.allows(before.state, after.state):
                raise TransitionError(
                    f"a {self.name_en} ({self.name_zh}) cannot move from "
                    f"{_describe(before.state)} to {_describe(after.state)} "
                    f"(from {before.state.value} it may move to: {self._targets(before.state)})",
                    path=f"history[{index}].state",
                )


def _as_history(steps: Iterable[Transition[Any]]) -> tuple[Transition[Any], ...]:
    return tuple(steps)


@attrs.frozen(kw_only=True)
class RegistryEntry(Generic[S]):
    """An entry of a registry: an ``id`` and its dated history, checked against ``LIFECYCLE``."""

    LIFECYCLE: ClassVar[Lifecycle[Any]]

    id: str = attrs.field(converter=identity_text, validator=non_empty)
    history: tuple[Transition[S], ...] = attrs.field(converter=_as_history)

    def __attrs_post_init__(self) -> None:
        type(self).LIFECYCLE.check(self.history)

    @property
    def state(self) -> S:
        """The state after the last recorded step."""
        return self.history[-1].state

    def last_step_on(self, day: _dt.date | str) -> Transition[S] | None:
        """The last step taken on or before ``day``; ``None`` when the history starts later."""
        when = as_date(day)
        last: Transition[S] | None = None
        for step in self.history:
            if step.on > when:
                break
            last = step
        return last

    def state_on(self, day: _dt.date | str) -> S | None:
        """The state on ``day`` (a step counts from its own date), ``None`` before the first."""
        step = self.last_step_on(day)
        return None if step is None else step.state

    def entered_on(self, state: S, day: _dt.date | str | None = None) -> Date | None:
        """The last date on or before ``day`` (any date when ``None``) the entry entered ``state``."""
        when = None if day is None else as_date(day)
        dates = [s.on for s in self.history if s.state == state and (when is None or s.on <= when)]
        return dates[-1] if dates else None

    def advance(
        self, state: S, on: _dt.date | str, *, document_no: str | None = None, note: str = ""
    ) -> Self:
        """A copy with one more step; an illegal move raises :class:`TransitionError`."""
        step: Transition[S] = Transition(
            state=state, on=as_date(on), document_no=document_no, note=note
        )
        return attrs.evolve(self, history=(*self.history, step))


def _lifecycle_of(entries: Sequence[RegistryEntry[S]]) -> Lifecycle[Any] | None:
    lifecycles = {id(type(e).LIFECYCLE): type(e).LIFECYCLE for e in entries}
    if len(lifecycles) > 1:
        raise InputError("entries of different registries cannot be counted together")
    return next(iter(lifecycles.values()), None)


def _counts(entries: Sequence[RegistryEntry[S]], hits: Iterable[S]) -> dict[S, int]:
    lifecycle = _lifecycle_of(entries)
    counts: dict[S, int] = {}
    if lifecycle is not None:
        counts = dict.fromkeys(lifecycle.all_states, 0)
    for state in hits:
        counts[state] = counts.get(state, 0) + 1
    return counts


def count_by_state(entries: Iterable[RegistryEntry[S]], on: _dt.date | str) -> dict[S, int]:
    """How many entries are in each state on ``on`` (entries not yet started are left out).

    Every state of the lifecycle is a key, zero included, in the lifecycle's order.
    """
    listed = list(entries)
    day = as_date(on)
    return _counts(listed, (s for s in (e.state_on(day) for e in listed) if s is not None))


def count_reached(entries: Iterable[RegistryEntry[S]], on: _dt.date | str) -> dict[S, int]:
    """How many entries had entered each state at some time on or before ``on``.

    This is how cumulative statements are made: "6 group standards registered, 5 published"
    (中市监函〔2024〕179号, part two) counts standards that ever reached 立项 and 发布, whatever
    state they are in now.
    """
    listed = list(entries)
    day = as_date(on)
    reached = (state for e in listed for state in {s.state for s in e.history if s.on <= day})
    return _counts(listed, reached)
