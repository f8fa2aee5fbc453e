"""argparse types shared by the commands."""

from __future__ import annotations

import argparse

from zs_quality.dates import Date, parse_date
from zs_quality.errors import InputError

__all__ = ["calendar_date"]


def calendar_date(text: str) -> Date:
    """argparse type for a date option such as ``--as-of``: ``YYYY-MM-DD``, a real day."""
    try:
        return parse_date(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None
