"""The ``zs-quality`` command line: a thin edge over the library, for people and other languages.

Exit status: 0 when everything asked was done and valid, 1 when some input was invalid or
rejected (and the rest was processed), 2 for a usage error or a bad policy-data file; faults of
the environment have statuses of their own (:mod:`zs_quality.cli.streams`, ``docs/errors.md``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from zs_quality import __version__
from zs_quality.cli import cqo, demo, impact, ruleset, schema, score, serve, test, titles, uscc
from zs_quality.cli.streams import (
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_READ,
    EXIT_TERMINATED,
    EXIT_USAGE,
    EXIT_WORKER,
    Fault,
    GuardedStream,
    Terminated,
    signals_as_exceptions,
)

# The statuses are defined, and documented, with the faults in zs_quality.cli.streams.
from zs_quality.cli.table import printable
from zs_quality.errors import ZsQualityError
from zs_quality.parallel import WorkerError

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "build_parser", "main", "report_error"]

# Each command module has ``add_parser(subparsers)``, which sets ``func`` on its parser.
_COMMANDS = (demo, score, ruleset, uscc, cqo, titles, impact, test, schema, serve)


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
    """Print an error on stderr: one line, or a heading and one line per problem (control
    characters escaped: the text may come from the input)."""
    if len(error.problems) == 1:
        print(f"zs-quality: error: {printable(str(error))}", file=sys.stderr)
        return
    where = printable(error.where()) or "input"
    print(f"zs-quality: error: {where}: {len(error.problems)} problems", file=sys.stderr)
    for problem in error.problems:
        print(f"  {printable(str(problem))}", file=sys.stderr)


def _say(message: str) -> None:
    print(f"zs-quality: {printable(message)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    saved_out, saved_err = sys.stdout, sys.stderr
    # A closed standard error (2>&-) must not turn messages into crashes, nor send them to stdout.
    err = GuardedStream(saved_err or open(os.devnull, "w"), "standard error", quiet=True)  # noqa: SIM115
    out: GuardedStream | None = None
    sys.stderr = err
    try:
        args = build_parser().parse_args(argv)
        if saved_out is None:
            _say("error: cannot write standard output: it is closed")
            return EXIT_OUTPUT
        out = GuardedStream(saved_out, "standard output")
        sys.stdout = out
        return _run(args)
    finally:
        sys.stdout, sys.stderr = saved_out, saved_err
        for stream in (out, err):
            if stream is not None:
                stream.restore()


def _run(args: argparse.Namespace) -> int:
    try:
        with signals_as_exceptions():
            status: int = args.func(args)
            sys.stdout.flush()
    except ZsQualityError as exc:
        report_error(exc)
        return EXIT_USAGE
    except Fault as fault:
        _say(f"error: {fault.message}")
        return fault.status
    except WorkerError as exc:
        _say(f"error: {exc}")
        return EXIT_WORKER
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except Terminated:
        _say("terminated")
        return EXIT_TERMINATED
    except OSError as exc:  # reading failed: a read error, a closed standard input
        _say(f"error: cannot read the input: {exc.strerror or exc}")
        return EXIT_READ
    return status
