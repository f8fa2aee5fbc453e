"""``zs-quality test PATH...``: run scenario files (policy cases written as data)."""

from __future__ import annotations

import argparse
from typing import Any

from zs_quality.cli.args import add_encoding
from zs_quality.cli.table import printable
from zs_quality.testing.scenarios import format_result, run_paths

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "test",
        help="run scenario files: policy cases with their expected results",
        description=(
            "Run every case of the scenario files named (a folder: its test_*.toml files, "
            "recursively). Each failing case is printed with its file and name, and each "
            "mismatching field as 'expected X, got Y'. Exit 0 when every case passes, 1 when "
            "any fails, 2 when a scenario file is malformed."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a scenario file or a folder")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="also list the cases that pass"
    )
    add_encoding(parser, "the scenario files and the data files they name")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    results = run_paths(args.paths, encoding=args.encoding)
    failed = [r for r in results if not r.passed]
    for result in results:
        if not result.passed:
            print("\n".join(map(printable, format_result(result).split("\n"))))
        elif args.verbose:
            print(printable(f"ok   {result.file}: {result.name}"))
    print(f"{len(results)} cases: {len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0
