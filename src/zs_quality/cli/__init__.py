"""The ``zs-quality`` command line: a thin edge over the library, for people and other languages.

Exit status: 0 when everything asked was done and valid, 1 when some input was invalid or
rejected (and the rest was processed), 2 for a usage error or a bad policy-data file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from zs_quality import __version__
from zs_quality.cli import cqo, demo, impact, ruleset, score, test, titles, uscc
from zs_quality.errors import ZsQualityError

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

# Each command module has ``add_parser(subparsers)``, which sets ``func`` on its parser.
_COMMANDS = (demo, score, ruleset, uscc, cqo, titles, impact, test)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="zs-quality",
        description="Zhongshan chief-quality-officer (首席质量官) policy rules.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for command in _COMMANDS:
        command.add_parser(subparsers)
    return parser


def report_error(error: ZsQualityError) -> None:
    """Print an error on stderr: one line, or a heading and one line per problem."""
    if len(error.problems) == 1:
        print(f"zs-quality: error: {error}", file=sys.stderr)
        return
    print(
        f"zs-quality: error: {error.where() or 'input'}: {len(error.problems)} problems",
        file=sys.stderr,
    )
    for problem in error.problems:
        print(f"  {problem}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.func(args)
    except ZsQualityError as exc:
        report_error(exc)
        return EXIT_USAGE
    except BrokenPipeError:  # pragma: no cover - output piped into head and closed
        sys.stderr.close()
        return EXIT_OK
    return status
