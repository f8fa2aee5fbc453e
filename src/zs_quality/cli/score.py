"""``zs-quality score``: integrity-score bonuses for submissions in a JSON or JSON Lines file."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator
from typing import IO, Any

from zs_quality.batch import BatchCounts, Rejected, score_one
from zs_quality.cli.table import render_table
from zs_quality.convert import unstructure
from zs_quality.dates import Date, parse_date
from zs_quality.errors import InputError, ZsQualityError
from zs_quality.io.jsonio import Line, dumps, read_json_or_lines
from zs_quality.rules.integrity import IntegrityResult
from zs_quality.rulesets import Ruleset, RulesetHistory, load_history

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


def as_of_date(text: str) -> Date:
    """argparse type for ``--as-of``."""
    try:
        return parse_date(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


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
    parser.add_argument("--as-of", required=True, type=as_of_date, metavar="YYYY-MM-DD")
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument(
        "--errors", metavar="FILE", help="also write rejected submissions to FILE as JSON Lines"
    )
    parser.add_argument("input", metavar="INPUT", help="JSON or JSON Lines file, or -")
    parser.set_defaults(func=run)


def result_data(result: IntegrityResult) -> dict[str, Any]:
    """The JSON form of one result."""
    data: dict[str, Any] = unstructure(result)
    return data


def _csv_rows(result: IntegrityResult) -> Iterator[list[str]]:
    head = [
        str(result.uscc),
        result.as_of.isoformat(),
        result.ruleset.id,
        result.ruleset.version,
        str(result.total),
    ]
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


def table_text(result: IntegrityResult) -> str:
    """A person-readable block for one result (Chinese labels)."""
    rows = [
        [
            r.id,
            r.item,
            r.outcome.label,
            str(r.awarded),
            r.valid_until.isoformat() if r.valid_until else "-",
            r.reason_zh,
        ]
        for r in result.records
    ]
    header = (
        f"企业 {result.uscc}  评价日 {result.as_of}  记分标准 {result.ruleset}  "
        f"加分合计 {result.total}"
    )
    body = render_table(["记录", "加分项目", "结果", "得分", "有效期至", "原因"], rows, right=(3,))
    return f"{header}\n{body}\n"


class _Writer:
    """Writes results in one format, streaming."""

    def __init__(self, fmt: str, out: IO[str]) -> None:
        self.fmt = fmt
        self.out = out
        self.count = 0
        # `json` prints a lone result as an object and several as an array, so the first result
        # waits until a second one (or the end) says which.
        self.first: IntegrityResult | None = None
        self.csv = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
        if self.csv is not None:
            self.csv.writerow(CSV_COLUMNS)

    def write(self, result: IntegrityResult) -> None:
        if self.fmt == "jsonl":
            self.out.write(dumps(result_data(result)) + "\n")
        elif self.fmt == "json":
            if self.count == 0:
                self.first = result
            else:
                if self.first is not None:
                    self.out.write("[\n" + dumps(result_data(self.first), indent=2))
                    self.first = None
                self.out.write(",\n" + dumps(result_data(result), indent=2))
        elif self.csv is not None:
            self.csv.writerows(_csv_rows(result))
        else:
            self.out.write(("\n" if self.count else "") + table_text(result))
        self.count += 1

    def close(self) -> None:
        if self.fmt != "json":
            return
        if self.first is not None:
            self.out.write(dumps(result_data(self.first), indent=2) + "\n")
        else:
            self.out.write("\n]\n" if self.count else "[]\n")


def report_rejected(rejected: Rejected, errors: IO[str] | None) -> None:
    """Say on stderr (and in the error file, when given) why a submission was rejected."""
    print(f"zs-quality: rejected: {rejected.error}", file=sys.stderr)
    if errors is not None:
        errors.write(dumps(_rejected_data(rejected)) + "\n")


def _rejected_data(rejected: Rejected) -> dict[str, Any]:
    error = rejected.error
    return {
        "line": rejected.position,
        "file": error.file,
        "error": str(error),
        "problems": [{"path": p.path, "message": p.message} for p in error.problems],
    }


def score_lines(
    lines: Iterator[Line], rules: Ruleset | RulesetHistory, as_of: Date, file: str
) -> Iterator[IntegrityResult | Rejected]:
    """Score each line read from a file; parse errors become :class:`Rejected` too."""
    for line in lines:
        if line.error is not None:
            yield Rejected(line.number, line.error)
        else:
            yield score_one(line.data, rules, as_of, position=line.number, file=file)


def run(args: argparse.Namespace) -> int:
    rules = load_history(args.ruleset)
    name = "<stdin>" if args.input == "-" else args.input
    counts = BatchCounts()
    writer = _Writer(args.format, sys.stdout)
    errors = open(args.errors, "w", encoding="utf-8") if args.errors else None  # noqa: SIM115
    try:
        for outcome in score_lines(read_json_or_lines(args.input), rules, args.as_of, name):
            counts.add(outcome)
            if isinstance(outcome, Rejected):
                report_rejected(outcome, errors)
            else:
                writer.write(outcome)
        writer.close()
    except ZsQualityError:
        writer.close()
        raise
    finally:
        if errors is not None:
            errors.close()
    if counts.rejected or counts.read > 1:
        print(
            f"zs-quality: read {counts.read}, scored {counts.scored}, rejected {counts.rejected}",
            file=sys.stderr,
        )
    return 1 if counts.rejected else 0
