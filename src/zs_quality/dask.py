"""Scoring on Dask: a :class:`dask.bag.Bag` of submissions in, a bag of outcomes out.

For populations beyond one machine, or already in a Dask cluster. Install the ``dask`` extra
(``pip install 'zs_quality[dask]'``). Each partition is scored by :func:`zs_quality.batch.score_lines`,
so the results are those of the single-process path::

    import dask.bag as db
    from zs_quality.dask import count_outcomes, score_bag

    lines = db.read_text("submissions-*.jsonl")
    outcomes = score_bag(lines, load_history(["zhongshan-construction-good-behaviour"]), "2025-06-30")
    counts = count_outcomes(outcomes).compute()
    outcomes.filter(is_result).map(jsonl_line).to_textfiles("scored-*.jsonl")

Elements may be JSON text lines (as :func:`dask.bag.read_text` yields them; blank lines are
skipped), JSON-ready mappings or :class:`~zs_quality.model.submission.Submission` models. A
:class:`~zs_quality.batch.Rejected` names its position as the 1-based element number within its
partition, and the partition as its file (``partition 3``). An enterprise listed twice in one
partition is rejected the second time, as in every batch; a bag has no order across partitions,
so :func:`repeated_codes` lists the codes scored in more than one.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import dask.bag

from zs_quality.batch import GROUP, BatchCounts, Rejected, score_lines
from zs_quality.dates import Date, as_date
from zs_quality.io.jsonio import Line
from zs_quality.model.ruleset import Ruleset, RulesetHistory
from zs_quality.rules.integrity import IntegrityResult
from zs_quality.uscc_index import USCCIndex

__all__ = ["count_outcomes", "is_result", "repeated_codes", "score_bag", "total_points"]

_bags: Any = dask.bag  # untyped: calls through Any keep mypy --strict quiet


def _lines(items: Iterable[Any]) -> Iterable[Line]:
    for number, item in enumerate(items, start=1):
        if isinstance(item, str):
            if item.strip():
                yield Line(number, text=item)
        else:
            yield Line(number, item)


def _score_partition(
    items: Iterable[Any], index: Iterable[int], rules: Ruleset | RulesetHistory, as_of: Date
) -> list[IntegrityResult | Rejected]:
    file = f"partition {next(iter(index))}"
    lines = _lines(items)
    return list(score_lines(lines, rules, as_of, file=file, seen=USCCIndex(), group=GROUP))


def score_bag(bag: dask.bag.Bag, rules: Ruleset | RulesetHistory, as_of: Date | str) -> Any:
    """A bag of :class:`~zs_quality.rules.integrity.IntegrityResult` or
    :class:`~zs_quality.batch.Rejected`, one for each submission of ``bag``, partition by
    partition in the same order. Lazy, like every bag: nothing runs until it is computed."""
    day = as_date(as_of)  # a bad date fails here, before any task is sent
    source: Any = bag  # dask.bag is untyped
    indices = _bags.from_sequence(range(source.npartitions), npartitions=source.npartitions)
    return source.map_partitions(_score_partition, indices, rules, day)


def is_result(outcome: IntegrityResult | Rejected) -> bool:
    """Whether an outcome is a result (for ``filter``)."""
    return not isinstance(outcome, Rejected)


def _count(outcomes: Iterable[IntegrityResult | Rejected]) -> BatchCounts:
    counts = BatchCounts()
    for outcome in outcomes:
        counts.add(outcome)
    return counts


def _sum_counts(parts: Iterable[BatchCounts]) -> BatchCounts:
    total = BatchCounts()
    for part in parts:
        total.read += part.read
        total.scored += part.scored
        total.rejected += part.rejected
    return total


def count_outcomes(outcomes: dask.bag.Bag) -> Any:
    """A delayed :class:`~zs_quality.batch.BatchCounts` of a bag from :func:`score_bag`."""
    bag: Any = outcomes
    return bag.reduction(_count, _sum_counts)


def _partition_total(outcomes: Iterable[IntegrityResult | Rejected]) -> Decimal:
    return sum((o.total for o in outcomes if isinstance(o, IntegrityResult)), Decimal(0))


def _sum_decimals(parts: Iterable[Decimal]) -> Decimal:
    return sum(parts, Decimal(0))


def _code(result: IntegrityResult) -> str:
    return result.uscc.value


def _repeated(pair: tuple[str, int]) -> bool:
    return pair[1] > 1


def _first(pair: tuple[str, int]) -> str:
    return pair[0]


def repeated_codes(outcomes: dask.bag.Bag) -> Any:
    """A bag of the codes scored more than once in a bag from :func:`score_bag` (in different
    partitions: a repeat within one is already rejected). Empty for a population that lists each
    enterprise once."""
    bag: Any = outcomes
    return bag.filter(is_result).map(_code).frequencies().filter(_repeated).map(_first)


def total_points(outcomes: dask.bag.Bag) -> Any:
    """A delayed :class:`~decimal.Decimal`: the sum of every scored enterprise's total (exact)."""
    bag: Any = outcomes
    return bag.reduction(_partition_total, _sum_decimals)
