"""Reading TOML: the one module of the library that parses it.

Policy files (rulesets, criteria, qualification rules, size standards, towns) and scenario files
are TOML. :func:`parse_toml` turns a syntax error into a
:class:`~zs_quality.errors.RulesetError` naming the file and the line TOML gives, reads floats as
exact decimals, and refuses what no policy holds (numbers beyond the input limits, ``nan`` and
``inf``, nesting deeper than :data:`~zs_quality.limits.MAX_DEPTH`); :func:`read_toml_file` reads a
file first, as every file is read (:mod:`zs_quality.reading`: UTF-8 with or without BOM, or the
encoding named), and :func:`read_packaged` a file shipped in the package.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from zs_quality import reading
from zs_quality.errors import InputError, RulesetError, join_path
from zs_quality.limits import MAX_DEPTH, MAX_MAGNITUDE_DIGITS
from zs_quality.model.numbers import number_from_text, whole_number
from zs_quality.reading import DEFAULT_ENCODING

__all__ = ["packaged_text", "parse_toml", "read_packaged", "read_text", "read_toml_file"]

_AT_LINE = re.compile(r"at line (\d+)")


def _toml_number(text: str) -> Decimal:
    # TOML floats are read as exact decimals, bounded like every number read (zs_quality.limits).
    if text.lstrip("+-") in ("inf", "nan"):
        raise InputError(f"{text} is not a finite number")
    return number_from_text(text.replace("_", ""))


def _check_limits(value: Any, path: str, depth: int) -> None:
    """Refuse integers beyond the input limits and nesting deeper than MAX_DEPTH, naming the key."""
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        try:
            whole_number(value)
        except InputError as exc:
            raise RulesetError(exc.message, path=path) from None
        return
    if isinstance(value, dict | list):
        if depth >= MAX_DEPTH:
            raise RulesetError(f"nested deeper than {MAX_DEPTH} levels", path=path)
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            where = f"{path}[{key}]" if isinstance(key, int) else join_path(path, key)
            _check_limits(item, where, depth + 1)


def parse_toml(text: str, *, file: str) -> dict[str, Any]:
    """Parse TOML text; a syntax error is a :class:`RulesetError` naming the file and line.

    Floats are read as exact :class:`Decimal`; numbers beyond the input limits, infinities, NaN
    and nesting deeper than :data:`~zs_quality.limits.MAX_DEPTH` are refused.
    """
    try:
        data = tomllib.loads(text, parse_float=_toml_number)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's message ends "(at line L, column C)"; lift the line into the error.
        found = _AT_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        raise RulesetError(f"not valid TOML: {exc}", file=file, line=line) from None
    except InputError as exc:  # a number refused by _toml_number
        raise RulesetError(exc.message, file=file) from None
    except ValueError:  # tomllib converting an integer of thousands of digits
        raise RulesetError(
            f"a number is too large (numbers must be below 10^{MAX_MAGNITUDE_DIGITS})", file=file
        ) from None
    except RecursionError:
        raise RulesetError(f"nested deeper than {MAX_DEPTH} levels", file=file) from None
    try:
        _check_limits(data, "", 0)
    except RulesetError as exc:
        raise exc.located(file=file) from None
    return data


def read_text(path: str | Path, *, encoding: str = DEFAULT_ENCODING) -> str:
    """The text of the policy file at ``path``, read as ``encoding`` (UTF-8 with or without a BOM
    by default; see :mod:`zs_quality.reading`); an unreadable or undecodable file is a
    :class:`RulesetError` naming it (and, for a bad byte, its line and byte offset)."""
    return reading.read_text(path, encoding=encoding, error=RulesetError)


def read_toml_file(path: str | Path, *, encoding: str = DEFAULT_ENCODING) -> dict[str, Any]:
    """Read and parse the TOML file at ``path``."""
    return parse_toml(read_text(path, encoding=encoding), file=str(path))


def packaged_text(package: str, name: str) -> str:
    """The text of the file ``name`` (a path inside ``package``) shipped in the package."""
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def read_packaged(package: str, name: str) -> dict[str, Any]:
    """Parse the TOML file ``name`` shipped in ``package``; errors name it as
    ``package/name``."""
    return parse_toml(packaged_text(package, name), file=f"{package}/{name}")
