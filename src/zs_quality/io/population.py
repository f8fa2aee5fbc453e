"""Decoding a population for the population functions: JSON data and lines read from files
become submissions with their positions, or unread members with the reason.

The rules take models (:mod:`zs_quality.rules.impact`); this edge turns what a file or a caller
holds (a :class:`~zs_quality.model.submission.Submission`, JSON-ready data, or a
:class:`~zs_quality.io.jsonio.Line` with its line number and parse error) into
:class:`~zs_quality.model.population.Numbered` and
:class:`~zs_quality.model.population.Unread` members, in input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from zs_quality.convert import structure
from zs_quality.errors import ZsQualityError
from zs_quality.io.jsonio import Line
from zs_quality.model.population import Numbered, Unread
from zs_quality.model.submission import Submission

__all__ = ["PopulationItem", "read_population"]

PopulationItem = Submission | Mapping[str, Any] | Line
"""What a population may hold: a model, JSON-ready data, or a line read from a file (which keeps
its line number, and its parse error when it has one)."""


def read_population(
    population: Iterable[PopulationItem], *, file: str | None = None, start: int = 1
) -> Iterator[Numbered | Unread]:
    """Each member as a submission with its position (its line for a :class:`Line`, else its
    place, counted from ``start``), or as :class:`Unread` with the error naming ``file``, line
    and field. A ``str`` or ``bytes`` where an iterable of members is expected is a
    :class:`TypeError`."""
    if isinstance(population, str | bytes | bytearray):  # checked now, not at the first member
        raise TypeError(
            f"population must be an iterable of submissions, not {type(population).__name__}; "
            "read a file with zs_quality.io.jsonio.read_json_or_lines"
        )
    return _members(population, file, start)


def _members(
    population: Iterable[PopulationItem], file: str | None, start: int
) -> Iterator[Numbered | Unread]:
    for index, member in enumerate(population, start=start):
        position, data, path = (
            (member.number, member.data, member.path)
            if isinstance(member, Line)
            else (index, member, "")
        )
        if isinstance(member, Line) and member.error is not None:
            yield Unread(position, str(member.error))
            continue
        if isinstance(data, Submission):
            yield Numbered(position, data, path)
            continue
        try:
            yield Numbered(position, structure(data, Submission, file=file, line=position), path)
        except ZsQualityError as exc:
            yield Unread(position, str(exc.located(file=file, line=position, path=path)))
