"""``zs-quality uscc CODE...``: check unified social credit codes (统一社会信用代码)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zs_quality.convert import unstructure
from zs_quality.io.answers import code_check
from zs_quality.io.jsonio import dumps


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "uscc",
        help="check unified social credit codes (GB 32100-2015)",
        description=(
            "Check each CODE against GB 32100-2015 and print one JSON object per line: "
            '{"input", "valid", "normalized", "error", "rule", "warnings"}. A GB 11714 '
            "organisation-code check digit (position 17) that does not hold is a warning, or an "
            "error with --strict. Exit 0 when all are valid, 1 otherwise."
        ),
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse a code whose organisation-code check digit (GB 11714) does not hold",
    )
    parser.add_argument(
        "codes", nargs="+", metavar="CODE", help="a code; spaces and case are forgiven"
    )
    parser.set_defaults(func=run)


def check(text: str, *, strict: bool = False) -> dict[str, Any]:
    """The JSON report for one code (:class:`~zs_quality.io.answers.CodeCheck`): valid or not,
    the first rule that failed, and warnings."""
    data: dict[str, Any] = unstructure(code_check(text, strict=strict))
    return data


def run(args: argparse.Namespace) -> int:
    reports = [check(text, strict=args.strict) for text in args.codes]
    for report in reports:
        sys.stdout.write(dumps(report) + "\n")
    return 0 if all(r["valid"] for r in reports) else 1
