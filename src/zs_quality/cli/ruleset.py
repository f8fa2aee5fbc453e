"""``zs-quality ruleset``: check a ruleset file, list and show the embedded ones."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zs_quality.cli.args import add_encoding
from zs_quality.cli.table import printable, render_table
from zs_quality.rulesets import embedded_rulesets, embedded_source, load_ruleset


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "ruleset",
        help="check, list and show integrity-score rulesets",
        description="Validate ruleset files and look at the rulesets shipped in the package.",
    )
    commands = parser.add_subparsers(title="ruleset commands", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "check",
        help="validate a ruleset file",
        description=(
            "Validate a ruleset TOML file (and, for an amendment, its base). Print a summary and "
            "exit 0 when valid; print every fault with the file, item and key, and exit 2, when not."
        ),
    )
    add_encoding(check, "PATH")
    check.add_argument("path", metavar="PATH")
    check.set_defaults(func=run_check)

    show = commands.add_parser(
        "show",
        help="print an embedded ruleset's TOML",
        description="Print the TOML of an embedded ruleset, named ID or ID@VERSION.",
    )
    show.add_argument("ruleset", metavar="ID")
    show.set_defaults(func=run_show)

    listing = commands.add_parser(
        "list", help="list the embedded rulesets", description="List the embedded rulesets."
    )
    listing.set_defaults(func=run_list)


def run_check(args: argparse.Namespace) -> int:
    ruleset = load_ruleset(args.path, encoding=args.encoding)
    assumed = [
        f"{code} ({', '.join(item.assumed_keys) or 'all'})"
        for code, item in sorted(ruleset.items.items())
        if item.assumed
    ]
    summary = f"{args.path}: ok: {ruleset.ref} ({ruleset.status.value}), {len(ruleset.items)} items"
    print(printable(summary))
    if assumed:
        print(printable(f"assumed values in: {', '.join(assumed)}"))
    if ruleset.readings:
        print(f"readings of the source (not its words): {', '.join(sorted(ruleset.readings))}")
    windows: dict[str, list[str]] = {}
    for code, item in sorted(ruleset.items.items()):
        window = ruleset.window_for(item)
        years = "none" if window.years is None else f"{window.years} year(s)"
        windows.setdefault(f"{years} ({window.source.value})", []).append(code)
    lines = "; ".join(f"{k}: {', '.join(v)}" for k, v in windows.items())
    print(printable(f"filing windows: {lines}"))
    if ruleset.rest_days is not None:
        print("deadlines on rest days move to the next working day (Civil Code art. 203)")
    return 0


def run_show(args: argparse.Namespace) -> int:
    sys.stdout.write(embedded_source(load_ruleset(args.ruleset)))
    return 0


def run_list(args: argparse.Namespace) -> int:
    rows = [
        [
            str(r.ref),
            r.status.value,
            str(r.effective_from),
            str(r.effective_until or ""),
            str(len(r.items)),
            r.title,
        ]
        for r in embedded_rulesets()
    ]
    print(render_table(["ruleset", "status", "from", "until", "items", "title"], rows))
    return 0
