"""The limits on input, in one place: every value read from outside is checked against these
before it is converted, so that no file can make the library hang, exhaust memory or crash.

None of these numbers comes from a policy document: they are this project's choice, set far above
anything a real submission, registry line, candidate or policy file needs, and far below what
would hurt. ``docs/errors.md`` lists them for users; an input beyond one is refused with a message
that names the limit.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "MAX_DECIMAL_PLACES",
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "MAX_GIVEN_BUCKETS",
    "MAX_MAGNITUDE",
    "MAX_MAGNITUDE_DIGITS",
    "MAX_NUMBER_CHARS",
    "MAX_POINTS",
    "MAX_RECORD_BYTES",
    "MAX_REQUEST_BODY",
    "MAX_SWEEP_VALUES",
    "MAX_YEARS",
    "MIN_BIN_WIDTH",
]

MAX_RECORD_BYTES = 8 * 1024 * 1024
"""The longest record, in bytes as stored: one line of JSON Lines, one element of a JSON array or
one JSON document (8 MiB; a submission with ten thousand records takes about 2 MiB). A longer
line is refused without being read into memory."""

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""The largest file read whole: a policy file (TOML), a candidate, or a JSON document spread over
several lines (64 MiB). JSON Lines and JSON arrays are streamed and have no size limit."""

MAX_REQUEST_BODY = 16 * 1024 * 1024
"""The largest request body ``zs-quality serve`` reads by default (16 MiB; ``--max-body-size``
sets another); a larger one is answered with 413."""

MAX_DEPTH = 32
"""The deepest nesting of objects and arrays (tables and arrays in TOML) a record may have; the
deepest record the library defines nests four levels."""

MAX_MAGNITUDE_DIGITS = 15
"""Numbers must be smaller than ten to this power in absolute value."""

MAX_MAGNITUDE = Decimal(10) ** MAX_MAGNITUDE_DIGITS
"""Every number read must be smaller than this (10^15) in absolute value: larger than any count
of people, any amount in 10,000 CNY, any number of points."""

MAX_DECIMAL_PLACES = 12
"""Digits after the decimal point a number may have (after trailing zeros are dropped). With
:data:`MAX_MAGNITUDE`, every number fits in 27 digits, so sums stay exact in Python's default
28-digit decimal context."""

MAX_NUMBER_CHARS = 64
"""A number written with more characters than this is refused before it is converted."""

LAST_DAY = (9999, 12, 31)
"""The last calendar day the library represents (year, month, day): the usual "long-term"
placeholder 9999-12-31. A period that would end later ends here, read as *until further notice*
(长期有效)."""

FIRST_DAY = (1, 1, 1)
"""The first calendar day the library represents (year, month, day)."""

MAX_YEARS = 100
"""The most years a policy file may give a period or a count of years: an item's
``validity_years``, a ruleset's ``submission_window_years``, a qualification group's
``training_valid_years``, a criteria level's ``min_years_in_title`` and
``min_years_since_graduation``. Real policies count a few years; a count in the thousands is a
typing mistake whose periods could not be computed as calendar dates (the last is 9999-12-31), so
``ruleset check`` and ``titles check`` refuse it, naming the key."""

MAX_POINTS = Decimal(10) ** 9
"""The most points a swept item may be worth (``impact --sweep``, ``sweep_item``): a bonus
table's points are in the tens; a larger value is a typing mistake, and far larger ones overflow
Decimal arithmetic in the totals."""

MAX_GIVEN_BUCKETS = 10_000
"""The most buckets a histogram with a given width may have (a width that would make more is an
error: it is a mistake, and the buckets would not fit in memory)."""

MAX_SWEEP_VALUES = 100
"""The most candidate values one ``impact --sweep`` may list (each is a full comparison)."""

MIN_BIN_WIDTH = Decimal("0.01")
"""The narrowest histogram bucket ``impact --bin-width`` accepts, in points."""
