"""Calendar dates in China and the Civil Code's period arithmetic.

Every date in zs_quality is a calendar date (:class:`pendulum.Date`) as it is on a wall calendar
in China (Asia/Shanghai). There are no times of day and no naive datetimes in the public API.

Every rule that counts a period in years or months calls :func:`end_of_period`, the one place that
implements the Civil Code of the PRC (《中华人民共和国民法典》), arts. 201-202.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re

import pendulum

from zs_quality.errors import InputError, shown
from zs_quality.limits import LAST_DAY

__all__ = [
    "CHINA",
    "LONG_TERM",
    "Date",
    "as_date",
    "as_optional_date",
    "end_of_period",
    "is_long_term",
    "iso_date",
    "parse_date",
    "today",
]

Date = pendulum.Date
"""The date type of the public API (a :class:`datetime.date` subclass)."""

CHINA = pendulum.timezone("Asia/Shanghai")
"""China Standard Time, the zone in which every date of the policy is read."""

LONG_TERM = Date(*LAST_DAY)
"""9999-12-31, the last day of the calendar the library keeps, and the usual "long-term"
(长期) placeholder of Chinese registers: a period that would end later ends here, and means
*valid until further notice* (长期有效). See :func:`end_of_period`."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def today() -> Date:
    """Today's date on a calendar in China (Asia/Shanghai), whatever the machine's zone."""
    return pendulum.now(CHINA).date()


def parse_date(text: str) -> Date:
    """Parse an ISO calendar date ``YYYY-MM-DD``; anything else raises :class:`InputError`."""
    if not isinstance(text, str):
        raise InputError(f"{shown(text)} is not a date (expected YYYY-MM-DD)")
    return _parse_iso(text)


# Batches read the same few thousand dates millions of times and a pendulum Date is slow to make;
# dates are immutable, so each text is parsed once (failures raise and are not cached).
@functools.lru_cache(maxsize=16384)
def _parse_iso(text: str) -> Date:
    if not _ISO_DATE.fullmatch(text):
        raise InputError(f"{shown(text)} is not a date (expected YYYY-MM-DD)")
    try:
        return Date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{shown(text)} is not a date (no such day)") from None


def as_date(value: _dt.date | str) -> Date:
    """Turn a :class:`datetime.date` or an ISO string into a :class:`pendulum.Date`.

    A :class:`datetime.datetime` is refused: a moment is not a calendar date, and taking its date
    part would silently depend on the zone it was made in.
    """
    # The common cases first, by exact type: a pendulum DateTime is also a Date subclass.
    if type(value) is Date:
        return value
    if type(value) is str:
        return _parse_iso(value)
    if isinstance(value, _dt.datetime):
        raise InputError(f"{value!r} is a datetime; pass a calendar date")
    if isinstance(value, Date):
        return value
    if isinstance(value, _dt.date):
        return Date(value.year, value.month, value.day)
    if isinstance(value, str):
        return parse_date(value)
    raise InputError(f"{shown(value)} is not a date (expected YYYY-MM-DD)")


def as_optional_date(value: _dt.date | str | None) -> Date | None:
    """Like :func:`as_date`, but ``None`` stays ``None``."""
    return None if value is None else as_date(value)


def end_of_period(start: _dt.date, *, years: int = 0, months: int = 0) -> Date:
    """The last day of a period of ``years`` and ``months`` that starts on ``start``.

    Civil Code art. 201: a period counted in years or months does not count its starting day, so
    it begins the next day; art. 202: it ends on the day of the last month that corresponds to
    the starting day, or on that month's last day when there is no such day. Hence one year from
    2024-05-01 ends on 2025-05-01, and one year from 2024-02-29 ends on 2025-02-28.

    Art. 203 (a last day on a rest day moves to the day after the rest) is applied on top of this,
    to filing deadlines only, by :func:`zs_quality.rest_days.extend_over_rest_days`.

    A period that would end after 9999-12-31 ends on :data:`LONG_TERM` (9999-12-31), which
    :func:`is_long_term` recognises: valid until further notice (长期有效).
    """
    if years < 0 or months < 0:
        raise InputError(f"a period cannot be negative (years={years}, months={months})")
    return _period_end(start if type(start) is Date else as_date(start), years, months)


# A batch's reasons and lines write the same few thousand dates again and again, and
# ``isoformat`` costs more than a look-up; a date is immutable.
@functools.lru_cache(maxsize=16384)
def iso_date(day: _dt.date) -> str:
    """The ISO text of a calendar date, ``YYYY-MM-DD`` (``day.isoformat()``, remembered)."""
    return day.isoformat()


def is_long_term(day: _dt.date | None) -> bool:
    """Whether ``day`` is :data:`LONG_TERM`: a period ending then runs until further notice."""
    return day is not None and day == LONG_TERM


# Pendulum's date arithmetic costs microseconds and batches ask for the same few thousand periods.
@functools.lru_cache(maxsize=16384)
def _period_end(start: Date, years: int, months: int) -> Date:
    # Whole months past the start; past the calendar's last month the period has no end on it.
    total = (start.year - 1) * 12 + start.month - 1 + years * 12 + months
    if total > (LAST_DAY[0] - 1) * 12 + LAST_DAY[1] - 1:
        return LONG_TERM
    return start.add(years=years, months=months)
