"""Scoring many submissions as a stream: results come out as submissions go in.

Nothing is dropped silently: every submission read yields either an
:class:`~zs_quality.rules.integrity.IntegrityResult` or a :class:`Rejected` carrying its position
and the error, and :class:`BatchCounts` keeps ``scored + rejected == read``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from zs_quality.convert import structure
from zs_quality.dates import Date, as_date
from zs_quality.errors import ZsQualityError
from zs_quality.model.submission import Submission
from zs_quality.rules.integrity import IntegrityResult, score_integrity
from zs_quality.rulesets.model import Ruleset, RulesetHistory

__all__ = ["BatchCounts", "Rejected", "score_many", "score_one"]


@attrs.frozen
class Rejected:
    """A submission that could not be scored: its 1-based ``position`` (the line number, for
    files) and the error that says why."""

    position: int
    error: ZsQualityError


@attrs.define
class BatchCounts:
    """Running counts of a batch; ``scored + rejected == read`` at every step."""

    read: int = 0
    scored: int = 0
    rejected: int = 0

    def add(self, outcome: IntegrityResult | Rejected) -> None:
        """Count one outcome."""
        self.read += 1
        if isinstance(outcome, Rejected):
            self.rejected += 1
        else:
            self.scored += 1


def score_one(
    submission: Submission | Mapping[str, Any],
    rules: Ruleset | RulesetHistory,
    as_of: Date,
    *,
    position: int,
    file: str | None = None,
) -> IntegrityResult | Rejected:
    """Score one submission (a model or JSON-ready data); a bad one becomes :class:`Rejected`."""
    try:
        model = (
            submission
            if isinstance(submission, Submission)
            else structure(submission, Submission, file=file, line=position)
        )
        return score_integrity(model, rules, as_of)
    except ZsQualityError as exc:
        return Rejected(position, exc.located(file=file, line=position))


def score_many(
    submissions: Iterable[Submission | Mapping[str, Any]],
    rules: Ruleset | RulesetHistory,
    as_of: Date | str,
    *,
    counts: BatchCounts | None = None,
) -> Iterator[IntegrityResult | Rejected]:
    """Score each submission lazily, in input order; positions are 1-based.

    Pass a :class:`BatchCounts` to have it kept up to date as results are consumed.
    """
    day = as_date(as_of)
    for position, submission in enumerate(submissions, start=1):
        outcome = score_one(submission, rules, day, position=position)
        if counts is not None:
            counts.add(outcome)
        yield outcome
