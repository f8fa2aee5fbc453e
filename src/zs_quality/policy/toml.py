"""Reading TOML: the one module of the library that parses it.

Policy files (rulesets, criteria, qualification rules, size standards, towns) and scenario files
are TOML. :func:`parse_toml` turns a syntax error into a
:class:`~zs_quality.errors.RulesetError` naming the file and the line TOML gives;
:func:`read_toml_file` reads a file first, and :func:`read_packaged` a file shipped in the
package.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from zs_quality.errors import RulesetError

__all__ = ["packaged_text", "parse_toml", "read_packaged", "read_text", "read_toml_file"]

_AT_LINE = re.compile(r"at line (\d+)")


def parse_toml(text: str, *, file: str) -> dict[str, Any]:
    """Parse TOML text; a syntax error is a :class:`RulesetError` naming the file and line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's message ends "(at line L, column C)"; lift the line into the error.
        found = _AT_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        raise RulesetError(f"not valid TOML: {exc}", file=file, line=line) from None


def read_text(path: str | Path) -> str:
    """The UTF-8 text of the policy file at ``path``; an unreadable file is a
    :class:`RulesetError` naming it."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesetError(f"cannot read: {exc.strerror}", file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise RulesetError(f"not UTF-8 text: {exc.reason}", file=str(path)) from None


def read_toml_file(path: str | Path) -> dict[str, Any]:
    """Read and parse the TOML file at ``path``."""
    return parse_toml(read_text(path), file=str(path))


def packaged_text(package: str, name: str) -> str:
    """The text of the file ``name`` (a path inside ``package``) shipped in the package."""
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def read_packaged(package: str, name: str) -> dict[str, Any]:
    """Parse the TOML file ``name`` shipped in ``package``; errors name it as
    ``package/name``."""
    return parse_toml(packaged_text(package, name), file=f"{package}/{name}")
