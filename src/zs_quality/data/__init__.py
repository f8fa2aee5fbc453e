"""Reference data shipped inside the package, and the one reader for it."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from zs_quality.errors import RulesetError

__all__ = ["read_toml"]


@cache
def read_toml(name: str) -> dict[str, Any]:
    """Read the packaged TOML file ``zs_quality/data/<name>`` (cached: the files never change)."""
    ref = resources.files(__package__).joinpath(name)
    try:
        return tomllib.loads(ref.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RulesetError(str(exc), file=f"zs_quality/data/{name}") from None
