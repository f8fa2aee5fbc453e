"""``zs-quality score``: integrity-score bonuses for submissions in a JSON or JSON Lines file."""

from __future__ import annotations

import argparse
import csv
import functools
import sys
from collections.abc import Callable, Iterable
from typing import IO, Any, Protocol

from zs_quality.batch import (
    BatchCounts,
    Joined,
    Piece,
    Rejected,
    jsonl_line,
    rejected_data,
    result_data,
    score_chunks,
)
from zs_quality.cli.args import add_encoding, calendar_date, capped_jobs, jobs_count
from zs_quality.cli.clerk import LANGS, Lang, csv_headers, csv_rows, table_text, workbook_rows
from zs_quality.cli.progress import Progress
from zs_quality.cli.streams import (
    GuardedStream,
    Terminated,
    gate,
    open_output,
    refuse_same_file,
    writes_utf8,
)
from zs_quality.cli.table import printable
from zs_quality.errors import InputError, ZsQualityError
from zs_quality.io.jsonio import dumps
from zs_quality.parallel import WorkerError
from zs_quality.rules.integrity import IntegrityResult
from zs_quality.rulesets import load_history

FORMATS = ("json", "jsonl", "csv", "table", "xlsx")
CLERK_FORMATS = ("csv", "table", "xlsx")
"""The formats for people: headers in --lang, each enterprise's name beside its code."""


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "score",
        help="score integrity-score bonuses (诚信加分) of submissions",
        description=(
            "Score each submission in INPUT (a JSON file with one submission or an array, a JSON "
            "Lines file, or - for standard input) on the --as-of date. Bad submissions are "
            "reported on stderr with their line number and the rest are scored. Exit 0 when all "
            "were scored, 1 when any was rejected, 2 for usage or ruleset errors."
        ),
    )
    parser.add_argument(
        "--ruleset",
        action="append",
        required=True,
        metavar="PATH_OR_ID",
        help="a ruleset file or embedded ID[@VERSION]; repeat for several versions of one id",
    )
    parser.add_argument("--as-of", required=True, type=calendar_date, metavar="YYYY-MM-DD")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="json",
        help=(
            "json (default) or jsonl for programs; csv (UTF-8 with a byte-order mark, for Excel), "
            "table (for the terminal) or xlsx (an Excel workbook, needs --output) for people"
        ),
    )
    parser.add_argument(
        "--lang",
        choices=LANGS,
        help=(
            "the language of the headers of csv, table and xlsx: zh (default) or en; json and "
            "jsonl keep their English keys"
        ),
    )
    parser.add_argument(
        "--output", metavar="FILE", help="write the results to FILE instead of standard output"
    )
    parser.add_argument(
        "--errors", metavar="FILE", help="also write rejected submissions to FILE as JSON Lines"
    )
    parser.add_argument(
        "--jobs",
        type=jobs_count,
        default=1,
        metavar="N",
        help=(
            "score in N worker processes (results stay in input order); default 1, at most the "
            "number of CPUs"
        ),
    )
    add_encoding(parser, "INPUT")
    parser.add_argument("input", metavar="INPUT", help="JSON or JSON Lines file, or -")
    parser.set_defaults(func=run)


def _json_text(result: IntegrityResult) -> str:
    return dumps(result_data(result), indent=2)


# Each format's rendering of one result: module-level, so that worker processes can run it.
RENDER: dict[str, Callable[[IntegrityResult], Any]] = {
    "json": _json_text,
    "jsonl": jsonl_line,
}


def renderer(fmt: str, lang: Lang) -> Callable[..., Any]:
    """The rendering of one result in ``fmt``. A clerk format's takes the enterprise too (and
    the language, bound with functools.partial, which pickles for the worker processes)."""
    if fmt == "csv":
        return csv_rows  # the same values in both languages: only the header changes
    if fmt == "table":
        return functools.partial(table_text, lang=lang)
    if fmt == "xlsx":
        return functools.partial(workbook_rows, lang=lang)
    return RENDER[fmt]


_FLUSH_AT = 1 << 16


class _Block:
    """Text collected in memory until :meth:`drain`: a list of parts, because ``io.StringIO``
    re-encodes every non-ASCII string it is given (most results hold Chinese reasons)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> int:
        self.parts.append(text)
        self.size += len(text)
        return len(text)

    def drain(self) -> str:
        text = "".join(self.parts)
        self.parts.clear()
        self.size = 0
        return text


class _Writer:
    """Writes rendered results in one format, streaming, in blocks of about 64 KiB (one write a
    result would cost a system call each when Python runs unbuffered)."""

    def __init__(
        self, fmt: str, out: IO[str] | GuardedStream, lang: Lang = "zh", *, owned: bool = False
    ) -> None:
        self.fmt = fmt
        self.out = out
        self.owned = owned  # an --output file, closed with the writer
        self.buffer = _Block()
        self.count = 0
        # `json` prints a lone result as an object and several as an array, so the first result
        # waits until a second one (or the end) says which.
        self.first: str | None = None
        self.csv = None
        if fmt == "csv":
            # For Excel: a byte-order mark (without it Excel reads UTF-8 as the locale's code page
            # and garbles Chinese) and RFC 4180 line ends; a field holding a comma, a quote or a
            # line end is quoted (csv.QUOTE_MINIMAL), which Excel reads back as one cell.
            self.buffer.write("\ufeff")
            self.csv = csv.writer(self.buffer, lineterminator="\r\n")
            self.csv.writerow(csv_headers(lang))

    def write(self, rendered: Any) -> None:
        """Write one result as rendered by ``RENDER[fmt]``, or a worker's :class:`Joined`
        results (``jsonl`` only) in one write."""
        if isinstance(rendered, Joined):
            self.flush()
            if isinstance(self.out, GuardedStream):
                self.out.write_utf8(rendered.data)
            else:
                self.out.write(rendered.data.decode("utf-8"))
            self.count += rendered.count
            return
        if self.fmt == "jsonl":
            self.buffer.write(rendered)
        elif self.fmt == "json":
            if self.count == 0:
                self.first = rendered
            else:
                if self.first is not None:
                    self.buffer.write("[\n" + self.first)
                    self.first = None
                self.buffer.write(",\n" + rendered)
        elif self.csv is not None:
            self.csv.writerows(rendered)
        else:
            self.buffer.write(("\n" if self.count else "") + rendered)
        self.count += 1
        if self.buffer.size >= _FLUSH_AT:
            self.flush()

    def flush(self) -> None:
        self.out.write(self.buffer.drain())

    def close(self) -> None:
        if self.fmt == "json":
            if self.first is not None:
                self.buffer.write(self.first + "\n")
            else:
                self.buffer.write("\n]\n" if self.count else "[]\n")
        self.flush()
        if self.owned:
            self.out.close()


def report_rejected(rejected: Rejected, errors: IO[str] | GuardedStream | None) -> None:
    """Say on stderr (and in the error file, when given) why a submission was rejected."""
    print(f"zs-quality: rejected: {printable(str(rejected.error))}", file=sys.stderr)
    if errors is not None:
        errors.write(dumps(rejected_data(rejected)) + "\n")


class ResultWriter(Protocol):
    """What writes rendered results: :class:`_Writer` for text, the workbook for xlsx."""

    @property
    def out(self) -> IO[str] | GuardedStream | None: ...

    def write(self, rendered: Any) -> None: ...

    def flush(self) -> None: ...

    def close(self) -> None: ...


def _write_all(
    chunks: Iterable[list[Piece[Any]]],
    writer: ResultWriter,
    errors: GuardedStream | None,
    progress: Progress,
    counts: BatchCounts,
) -> None:
    """Write each chunk's outcomes: rendered results, and rejections to stderr and ``errors``."""
    for pieces in chunks:
        gate.hold()  # a chunk counted and written together, or neither (Ctrl-C waits for both)
        for piece in pieces:
            _write_piece(piece, writer, errors, progress, counts)
            if _gone(writer):
                break
        gate.release()
        progress.update(counts)
        if _gone(writer):
            return  # the reader of our output is gone (| head): stop quietly


def _write_piece(
    piece: Piece[Any],
    writer: ResultWriter,
    errors: GuardedStream | None,
    progress: Progress,
    counts: BatchCounts,
) -> None:
    if isinstance(piece, Rejected):
        counts.add(piece)
        writer.flush()
        progress.clear()
        report_rejected(piece, errors)
    elif isinstance(piece, Joined):
        counts.add_scored(piece.count)
        writer.write(piece)
    else:
        counts.add_scored(len(piece))
        for rendered in piece:
            writer.write(rendered)


def _gone(writer: ResultWriter) -> bool:
    return isinstance(writer.out, GuardedStream) and writer.out.broken


def _language(args: argparse.Namespace) -> Lang:
    """The header language, after the checks of the options that go with the format."""
    if args.lang is not None and args.format not in CLERK_FORMATS:
        raise InputError(
            f"--lang applies to csv, table and xlsx; {args.format} keeps its English keys"
        )
    if args.format == "xlsx" and args.output is None:
        # A workbook is binary: never to a terminal, and a file is what a clerk opens anyway.
        raise InputError("--format xlsx writes a workbook: name its file with --output FILE")
    lang: Lang = args.lang or "zh"
    return lang


def _utf8(out: IO[str] | GuardedStream) -> None:
    """Make ``out`` write UTF-8 whatever the locale (the byte-order mark of a CSV says UTF-8)."""
    reconfigure = getattr(out, "reconfigure", None)
    if not writes_utf8(out, errors=None) and reconfigure is not None:
        reconfigure(encoding="utf-8")


def _writer(args: argparse.Namespace, lang: Lang) -> ResultWriter:
    if args.format == "xlsx":
        from zs_quality.cli.workbook import WorkbookWriter  # XlsxWriter only when asked for

        return WorkbookWriter(args.output, lang)
    if args.output is not None:
        return _Writer(args.format, open_output(args.output, "--output file"), lang, owned=True)
    if args.format == "csv":
        _utf8(sys.stdout)
    return _Writer(args.format, sys.stdout, lang)


def run(args: argparse.Namespace) -> int:
    lang = _language(args)
    outputs = {"--output": args.output} if args.output else {}
    if args.errors:
        outputs["--errors"] = args.errors
    refuse_same_file([args.input], outputs, stdout=args.output is None)
    rules = load_history(args.ruleset)
    jobs = capped_jobs(args.jobs)
    counts = BatchCounts()
    writer = _writer(args, lang)
    progress = Progress.on(sys.stderr)
    errors = open_output(args.errors, "--errors file") if args.errors else None
    outcomes = score_chunks(
        args.input,
        rules,
        args.as_of,
        renderer(args.format, lang),
        jobs=jobs,
        encoding=args.encoding,
        named=args.format in CLERK_FORMATS,
        # A worker's JSON Lines go out as it encoded them, when the output writes UTF-8 alike.
        joined=args.format == "jsonl" and writes_utf8(writer.out),
    )
    stopped: BaseException | None = None
    try:
        _write_all(outcomes, writer, errors, progress, counts)
    except (KeyboardInterrupt, Terminated) as exc:
        stopped = exc  # keep what was scored: flushed below, with the counts so far
    except (ZsQualityError, WorkerError):
        writer.close()  # what was scored before the failure is kept
        raise
    finally:
        outcomes.close()  # stops the worker processes at once
        progress.clear()
        if errors is not None:
            errors.close()
    writer.close()
    if stopped is not None or counts.rejected or counts.read > 1:
        print(
            f"zs-quality: read {counts.read}, scored {counts.scored}, rejected {counts.rejected}"
            + (" (stopped early)" if stopped is not None else ""),
            file=sys.stderr,
        )
    if stopped is not None:
        raise stopped
    return 1 if counts.rejected else 0
