"""``zs-quality score``: integrity-score bonuses for submissions in a JSON or JSON Lines file."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from zs_quality.batch import (
    BatchCounts,
    Rejected,
    jsonl_line,
    rejected_data,
    result_data,
    score_file,
)
from zs_quality.cli.args import add_encoding, calendar_date, capped_jobs, jobs_count
from zs_quality.cli.progress import Progress
from zs_quality.cli.streams import (
    GuardedStream,
    Terminated,
    gate,
    open_output,
    refuse_same_file,
)
from zs_quality.cli.table import printable, render_table
from zs_quality.dates import Date, is_long_term
from zs_quality.errors import ZsQualityError
from zs_quality.io.jsonio import dumps
from zs_quality.parallel import WorkerError
from zs_quality.rules.integrity import IntegrityResult
from zs_quality.rulesets import load_history

FORMATS = ("json", "jsonl", "csv", "table")
CSV_COLUMNS = (
    "uscc",
    "as_of",
    "ruleset_id",
    "ruleset_version",
    "total",
    "record_id",
    "item",
    "outcome",
    "awarded",
    "effective_from",
    "valid_until",
    "filing_deadline",
    "rule",
    "reason_zh",
    "reason_en",
)


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
    parser.add_argument("--format", choices=FORMATS, default="json")
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


def _csv_rows(result: IntegrityResult) -> Iterator[list[str]]:
    head = [
        str(result.uscc),
        result.as_of.isoformat(),
        result.ruleset.id,
        result.ruleset.version,
        str(result.total),
    ]
    if not result.records:
        # An enterprise with no records is scored too (total 0): one row, record columns empty.
        yield head + [""] * (len(CSV_COLUMNS) - len(head))
        return
    for r in result.records:
        yield [
            *head,
            r.id,
            r.item,
            r.outcome.value,
            str(r.awarded),
            r.effective_from.isoformat() if r.effective_from else "",
            r.valid_until.isoformat() if r.valid_until else "",
            r.filing_deadline.isoformat() if r.filing_deadline else "",
            r.rule,
            r.reason_zh,
            r.reason_en,
        ]


def _until(day: Date | None) -> str:
    if day is None:
        return "-"
    return "长期有效" if is_long_term(day) else day.isoformat()


def table_text(result: IntegrityResult) -> str:
    """A person-readable block for one result (Chinese labels)."""
    rows = [
        [
            r.id,
            r.item,
            r.outcome.label,
            str(r.awarded),
            _until(r.valid_until),
            r.reason_zh,
        ]
        for r in result.records
    ]
    header = (
        f"企业 {result.uscc}  评价日 {result.as_of}  记分标准 {printable(str(result.ruleset))}  "
        f"加分合计 {result.total}"
    )
    body = render_table(["记录", "加分项目", "结果", "得分", "有效期至", "原因"], rows, right=(3,))
    return f"{header}\n{body}\n"


def _json_text(result: IntegrityResult) -> str:
    return dumps(result_data(result), indent=2)


def _csv_block(result: IntegrityResult) -> list[list[str]]:
    return list(_csv_rows(result))


# Each format's rendering of one result: module-level, so that worker processes can run it.
RENDER: dict[str, Callable[[IntegrityResult], Any]] = {
    "json": _json_text,
    "jsonl": jsonl_line,
    "csv": _csv_block,
    "table": table_text,
}

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

    def __init__(self, fmt: str, out: IO[str]) -> None:
        self.fmt = fmt
        self.out = out
        self.buffer = _Block()
        self.count = 0
        # `json` prints a lone result as an object and several as an array, so the first result
        # waits until a second one (or the end) says which.
        self.first: str | None = None
        self.csv = csv.writer(self.buffer, lineterminator="\n") if fmt == "csv" else None
        if self.csv is not None:
            self.csv.writerow(CSV_COLUMNS)

    def write(self, rendered: Any) -> None:
        """Write one result as rendered by ``RENDER[fmt]``."""
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


def report_rejected(rejected: Rejected, errors: IO[str] | GuardedStream | None) -> None:
    """Say on stderr (and in the error file, when given) why a submission was rejected."""
    print(f"zs-quality: rejected: {printable(str(rejected.error))}", file=sys.stderr)
    if errors is not None:
        errors.write(dumps(rejected_data(rejected)) + "\n")


def _write_all(
    outcomes: Iterable[Any],
    writer: _Writer,
    errors: GuardedStream | None,
    progress: Progress,
    counts: BatchCounts,
) -> None:
    """Write each outcome (a rendered result, or a rejection to stderr and ``errors``)."""
    for outcome in outcomes:
        gate.hold()  # counted and written together, or neither (Ctrl-C waits for both)
        counts.add(outcome)
        if isinstance(outcome, Rejected):
            writer.flush()
            progress.clear()
            report_rejected(outcome, errors)
        else:
            writer.write(outcome)
        gate.release()
        progress.update(counts)
        if isinstance(writer.out, GuardedStream) and writer.out.broken:
            return  # the reader of our output is gone (| head): stop quietly


def run(args: argparse.Namespace) -> int:
    refuse_same_file([args.input], {"--errors": args.errors} if args.errors else {})
    rules = load_history(args.ruleset)
    jobs = capped_jobs(args.jobs)
    counts = BatchCounts()
    writer = _Writer(args.format, sys.stdout)
    progress = Progress.on(sys.stderr)
    errors = open_output(args.errors, "--errors file") if args.errors else None
    outcomes = score_file(
        args.input, rules, args.as_of, RENDER[args.format], jobs=jobs, encoding=args.encoding
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
