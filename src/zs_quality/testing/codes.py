"""Example codes for tests and example data: valid in every respect, numbered.

A test that needs a few distinct enterprises needs codes a reader can tell apart and that pass
every check the library makes, strict ones included (GB 32100-2015 and the GB 11714 digit of
positions 9-17), as a real code would. This module needs no hypothesis.
"""

from __future__ import annotations

from zs_quality.model.uscc import USCC, check_character, organisation_check_digit

__all__ = ["MAX_SERIAL", "example_uscc"]

MAX_SERIAL = 999_999
"""The largest serial :func:`example_uscc` numbers (six digits)."""


def example_uscc(serial: int, *, division: str = "442000") -> USCC:
    """The example code numbered ``serial``: ``91`` (工商, 企业), ``division`` (Zhongshan's
    442000 by default), an organisation code of ``MA`` and the serial in six digits, its GB 11714
    check digit, and the check character: ``example_uscc(1)`` is ``91442000MA0000015B``."""
    if not 0 <= serial <= MAX_SERIAL:
        raise ValueError(f"serial must be 0 to {MAX_SERIAL}, got {serial}")
    organisation = f"MA{serial:06d}"
    body = f"91{division}{organisation}{organisation_check_digit(organisation)}"
    return USCC.parse(body + check_character(body), strict=True)
