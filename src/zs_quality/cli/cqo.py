"""``zs-quality cqo coverage``: CQO coverage (首席质量官覆盖情况) of an enterprise registry on a date."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import Any

from zs_quality.api import coverage
from zs_quality.cli.args import add_encoding, calendar_date
from zs_quality.cli.streams import refuse_same_file
from zs_quality.cli.table import printable, width
from zs_quality.errors import InputError
from zs_quality.io.answers import report_json
from zs_quality.io.jsonio import dumps
from zs_quality.io.registry import read_registry
from zs_quality.model.enterprise import Sector
from zs_quality.model.size import SizeTier
from zs_quality.rules.coverage import CoverageFigure, CoverageReport

__all__ = ["add_parser", "report_table", "run"]


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "cqo",
        help="chief quality officer (首席质量官) system: coverage",
        description="Chief quality officer (首席质量官) system reports.",
    )
    commands = parser.add_subparsers(title="cqo commands", metavar="COMMAND", required=True)
    cov = commands.add_parser(
        "coverage",
        help="CQO coverage of an enterprise registry on a date",
        description=(
            "Read REGISTRY (JSON Lines, one enterprise a line, '-' for standard input) and report "
            "CQO coverage on --as-of: above-designated-size and large/medium manufacturers, by "
            "size, sector and town, trained CQOs, and the uncovered enterprises. Rates are exact "
            "decimals rounded half up to 4 places. A bad line is reported with its line number "
            "and the rest are counted; exit 1 when any line was bad."
        ),
    )
    cov.add_argument(
        "--as-of", required=True, type=calendar_date, metavar="DATE", help="the date (YYYY-MM-DD)"
    )
    cov.add_argument(
        "--format",
        choices=("json", "table"),
        default="json",
        help="json (default, one document) or table (for people)",
    )
    add_encoding(cov, "REGISTRY")
    cov.add_argument("registry", metavar="REGISTRY.jsonl", help="the registry file")
    cov.set_defaults(func=run)


def _rate(figure: CoverageFigure) -> str:
    return "-" if figure.rate is None else str(figure.rate)


def _pad(text: str, columns: int) -> str:
    # CJK characters take two columns on a terminal; pad by display width, not by length.
    return text + " " * max(columns - width(text), 0)


def _line(label: str, figure: CoverageFigure) -> str:
    shown = printable(label)
    return f"  {_pad(shown, 40)} {figure.total:>7} {figure.covered:>8} {_rate(figure):>7}"


def _labelled(key: str, labels: Mapping[str, str]) -> str:
    return f"{key} {labels[key]}" if key in labels else key


def report_table(report: CoverageReport, errors: tuple[InputError, ...] = ()) -> str:
    """A plain-text table of ``report`` for people."""
    sizes = {t.value: t.label for t in SizeTier}
    sectors = {s.value: s.label for s in Sector}
    header = f"  {'':<40} {'total':>7} {'covered':>8} {'rate':>7}"
    out = [
        f"CQO coverage on {report.as_of} (首席质量官覆盖情况)",
        header,
        _line("above-size manufacturing 规上制造业", report.above_designated_manufacturing),
        _line("large/medium manufacturing 大中型制造业", report.large_medium_manufacturing),
        _line("CQOs trained 已培训首席质量官", report.trained_cqos),
        "",
        "By size 按规模",
        header,
        *(_line(_labelled(k, sizes), f) for k, f in report.by_size.items()),
        "",
        "By sector 按行业",
        header,
        *(_line(_labelled(k, sectors), f) for k, f in report.by_sector.items()),
        "",
        "By town 按镇街",
        header,
        *(_line(k, f) for k, f in report.by_town.items()),
        "",
        f"Uncovered 未覆盖企业: {len(report.uncovered)}",
    ]
    for row in report.uncovered:
        size = row.size.value if row.size is not None else "unknown"
        above = {True: "above-size", False: "below-size", None: "above-size unknown"}[
            row.above_designated_size
        ]
        out.append(
            printable(
                f"  {row.enterprise.uscc}  {row.enterprise.name}  {row.enterprise.town or '-'}  "
                f"{size}, {above}: {row.reason_zh}"
            )
        )
    if errors:
        out += ["", f"Bad lines 无法读取的行: {len(errors)}"]
        out += [f"  {printable(str(e))}" for e in errors]
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    refuse_same_file([args.registry], {})
    registry = read_registry(args.registry, encoding=args.encoding)
    report = coverage(
        registry.enterprises, registry.appointments, args.as_of, trainings=registry.trainings
    )
    for error in registry.errors:
        print(f"zs-quality: {printable(str(error))}", file=sys.stderr)
    if args.format == "table":
        sys.stdout.write(report_table(report, registry.errors))
    else:
        sys.stdout.write(dumps(report_json(report, registry.errors), indent=2) + "\n")
    return 1 if registry.errors else 0
