"""Statistics of a distribution of score deltas: competition ranks, nearest-rank quantiles, the
top group's size and equal-width histograms (the definitions are in :mod:`zs_quality.rules.impact`).

All exact: Decimal arithmetic, no floats. A histogram whose given width would make more than
:data:`MAX_GIVEN_BUCKETS` buckets is an :class:`~zs_quality.errors.InputError`, not an attempt to
allocate them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

import attrs

from zs_quality.errors import InputError
from zs_quality.limits import MAX_GIVEN_BUCKETS

__all__ = [
    "MAX_BUCKETS",
    "MAX_GIVEN_BUCKETS",
    "MEAN_PLACES",
    "TOP_PERCENT",
    "Bucket",
    "Histogram",
    "Quantiles",
    "competition_ranks",
    "histogram",
    "mean",
    "nearest_rank_quantiles",
    "top_size",
]

MEAN_PLACES = 4
"""Decimal places of mean deltas (rounded half up)."""

MAX_BUCKETS = 10
"""The most buckets a histogram with a width chosen from the data has."""


TOP_PERCENT = 10
"""The share of a category, in percent, that makes up its top group."""


@attrs.frozen(kw_only=True)
class Quantiles:
    """Nearest-rank quantiles of the deltas; all ``None`` when nothing was compared."""

    method: str = "nearest-rank"
    min: Decimal | None
    p10: Decimal | None
    p25: Decimal | None
    median: Decimal | None
    p75: Decimal | None
    p90: Decimal | None
    max: Decimal | None


@attrs.frozen
class Bucket:
    """Deltas ``d`` with ``lower <= d < upper``."""

    lower: Decimal
    upper: Decimal
    count: int


@attrs.frozen(kw_only=True)
class Histogram:
    """Equal-width buckets, each closed below and open above; ``edges`` lists every bucket edge
    in order (one more than there are buckets; none when there are no deltas)."""

    width: Decimal
    closed: str = "lower"
    edges: tuple[Decimal, ...]
    buckets: tuple[Bucket, ...]


def competition_ranks(totals: Sequence[Decimal]) -> list[int]:
    """Competition ranks ("1224"), highest total first: 1 + how many totals are strictly higher."""
    first: dict[Decimal, int] = {}
    for place, total in enumerate(sorted(totals, reverse=True), start=1):
        first.setdefault(total, place)
    return [first[total] for total in totals]


def top_size(enterprises: int) -> int:
    """The rank a category's top 10 % reaches: ``ceil(enterprises / 10)``."""
    return (enterprises * TOP_PERCENT + 99) // 100


def mean(total: Decimal, count: int) -> Decimal | None:
    """``total / count`` rounded half up to :data:`MEAN_PLACES` places; ``None`` for no count."""
    if count == 0:
        return None
    return (total / count).quantize(Decimal(1).scaleb(-MEAN_PLACES), rounding=ROUND_HALF_UP)


def nearest_rank_quantiles(values: Iterable[Decimal]) -> Quantiles:
    """Minimum, 10th, 25th, 50th, 75th, 90th percentile and maximum by the nearest-rank method."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return Quantiles(min=None, p10=None, p25=None, median=None, p75=None, p90=None, max=None)

    def at(percent: int) -> Decimal:
        return ordered[max(1, (percent * n + 99) // 100) - 1]

    return Quantiles(
        min=ordered[0], p10=at(10), p25=at(25), median=at(50), p75=at(75), p90=at(90), max=at(100)
    )


def _floor_index(value: Decimal, width: Decimal) -> int:
    return int((value / width).to_integral_value(rounding=ROUND_FLOOR))


def _nice_width(low: Decimal, high: Decimal) -> Decimal:
    span = high - low
    exponent = span.adjusted() - 1 if span else 0
    while True:
        for multiple in (1, 2, 5):
            width = (
                Decimal(multiple * 10**exponent)
                if exponent >= 0
                else Decimal(multiple).scaleb(exponent)
            )
            if _floor_index(high, width) - _floor_index(low, width) + 1 <= MAX_BUCKETS:
                return width
        exponent += 1


def _bucket_span(low: Decimal, high: Decimal, width: Decimal) -> tuple[int, int]:
    """The index of the first bucket and how many buckets cover ``low`` to ``high``."""
    try:
        start = _floor_index(low, width)
        count = _floor_index(high, width) - start + 1
    except ArithmeticError:  # a quotient beyond Decimal's exponent range
        count = MAX_GIVEN_BUCKETS + 1
    if count > MAX_GIVEN_BUCKETS:
        raise InputError(
            f"a bucket width of {width} makes more than {MAX_GIVEN_BUCKETS} buckets from {low} to "
            f"{high}; give a wider one",
            path="bin_width",
        )
    return start, count


def histogram(values: Iterable[Decimal], width: Decimal | None = None) -> Histogram:
    """Count ``values`` in equal-width buckets ``[lower, upper)`` (see the module docstring)."""
    if width is not None and width <= 0:
        raise InputError(f"the bucket width must be positive, not {width}", path="bin_width")
    deltas = list(values)
    if not deltas:
        return Histogram(width=width or Decimal(1), edges=(), buckets=())
    low, high = min(deltas), max(deltas)
    step = width if width is not None else _nice_width(low, high)
    start, count = _bucket_span(low, high, step)
    counts = [0] * count
    for delta in deltas:
        counts[_floor_index(delta, step) - start] += 1
    edges = tuple(Decimal(start + i) * step for i in range(len(counts) + 1))
    buckets = tuple(Bucket(edges[i], edges[i + 1], count) for i, count in enumerate(counts))
    return Histogram(width=step, edges=edges, buckets=buckets)
