"""``zs-quality schema``: print the JSON Schema of a document the library reads or writes."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zs_quality.schemas import CATALOGUE, schema_text


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of an input or output document",
        description=(
            "Print the JSON Schema (draft 2020-12) of the document NAME, as shipped in the "
            "package; --list names every schema with its direction and title."
        ),
    )
    choice = parser.add_mutually_exclusive_group(required=True)
    choice.add_argument("name", nargs="?", metavar="NAME", choices=[s.name for s in CATALOGUE])
    choice.add_argument("--list", action="store_true", help="list the schemas")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        width = max(len(s.name) for s in CATALOGUE)
        for entry in CATALOGUE:
            sys.stdout.write(f"{entry.name:<{width}}  {entry.direction.value:<6}  {entry.title}\n")
        return 0
    sys.stdout.write(schema_text(args.name))
    return 0
