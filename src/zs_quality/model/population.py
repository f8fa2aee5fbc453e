"""Members of a population as read from a file: a submission with its position, or a line that
could not be read as one.

The readers at the edge (:mod:`zs_quality.io.population`) decode files into these; the population
functions of :mod:`zs_quality.rules` take them beside plain models, so that each result and each
rejection keeps the line it came from.
"""

from __future__ import annotations

import attrs

from zs_quality.model.submission import Submission

__all__ = ["Numbered", "Unread"]


@attrs.frozen
class Numbered:
    """A submission and its 1-based ``position`` in the input (its line, for files), and its
    ``path`` there: ``[3]`` for the fourth element of a JSON array, ``""`` otherwise."""

    position: int
    submission: Submission
    path: str = ""


@attrs.frozen
class Unread:
    """An input member that is not a submission: its ``position`` and why (the error as text,
    naming file, line and field)."""

    position: int
    error: str
