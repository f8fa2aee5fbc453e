"""Parsing the text of options and query parameters that are more than a date.

The command line and the HTTP service take the same texts (``--bin-width 0.5`` and
``?bin_width=0.5``, ``--sweep JCQO-001=5,10`` and ``?sweep=JCQO-001=5,10``), within the same
bounds (:mod:`zs_quality.limits`), and report the same faults: each parser raises
:class:`~zs_quality.errors.InputError`, which the command line turns into a usage error and the
service into a 400 answer naming the parameter.
"""

from __future__ import annotations

from decimal import Decimal

from zs_quality.errors import InputError
from zs_quality.limits import MAX_POINTS, MAX_SWEEP_VALUES, MIN_BIN_WIDTH
from zs_quality.model.numbers import to_decimal

__all__ = ["bin_width", "positive_decimal", "sweep_values"]


def positive_decimal(text: str) -> Decimal:
    """A number of points above zero, exact and within the input limits."""
    value = to_decimal(text)
    if value <= 0:
        raise InputError(f"must be a positive number: {text!r}")
    return value


def bin_width(text: str) -> Decimal:
    """A histogram bucket width: a positive number of points, at least
    :data:`~zs_quality.limits.MIN_BIN_WIDTH` (a narrower one would make more buckets than a
    report can show)."""
    value = positive_decimal(text)
    if value < MIN_BIN_WIDTH:
        raise InputError(f"must be at least {MIN_BIN_WIDTH} points: {text!r}")
    return value


def sweep_values(text: str) -> tuple[str, tuple[Decimal, ...]]:
    """``ITEM=V1,V2,...``: an item code and the candidate point values to try for it, at most
    :data:`~zs_quality.limits.MAX_SWEEP_VALUES` (each scores the whole population again), each
    positive and at most :data:`~zs_quality.limits.MAX_POINTS`."""
    item, sep, values = text.partition("=")
    if not sep or not item.strip() or not values.strip():
        raise InputError(f"expected ITEM=V1,V2,... not {text!r}")
    listed = values.split(",")
    if len(listed) > MAX_SWEEP_VALUES:
        raise InputError(
            f"at most {MAX_SWEEP_VALUES} values (each is a full comparison), got {len(listed)}"
        )
    points = tuple(positive_decimal(v) for v in listed)
    too_many = [str(p) for p in points if p > MAX_POINTS]
    if too_many:
        raise InputError(f"must be at most {MAX_POINTS} points: {too_many[0]}")
    return item.strip(), points
