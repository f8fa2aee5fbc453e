"""``zs-quality demo``: the example population under the 2024 rules and the proposed CQO items."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from typing import Any

from zs_quality.cli.args import calendar_date
from zs_quality.cli.table import render_table
from zs_quality.convert import structure
from zs_quality.dates import parse_date
from zs_quality.examples import example_path
from zs_quality.io.jsonio import dumps, read_json_or_lines
from zs_quality.model.submission import Submission
from zs_quality.rules.integrity import score_integrity
from zs_quality.rulesets import load_ruleset

BASELINE = "zhongshan-construction-good-behaviour@2024"
PROPOSAL = "zhongshan-construction-good-behaviour@2024-cqo"
DEFAULT_AS_OF = "2025-06-30"


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="score the shipped example population (2024 rules vs. proposed CQO items)",
        description=(
            "Score the example population of Zhongshan construction enterprises shipped in the "
            f"package under {BASELINE} and under {PROPOSAL} (the 2024 rules plus the proposed, "
            "assumed CQO bonus items), and print each enterprise's totals side by side."
        ),
    )
    parser.add_argument(
        "--as-of",
        type=calendar_date,
        default=parse_date(DEFAULT_AS_OF),
        metavar="YYYY-MM-DD",
        help=f"evaluation date (default {DEFAULT_AS_OF})",
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    baseline, proposal = load_ruleset(BASELINE), load_ruleset(PROPOSAL)
    path = example_path("population.jsonl")
    rows: list[dict[str, Any]] = []
    for line in read_json_or_lines(str(path)):
        submission = structure(line.data, Submission, file=str(path), line=line.number)
        before = score_integrity(submission, baseline, args.as_of)
        after = score_integrity(submission, proposal, args.as_of)
        enterprise = submission.enterprise
        assert enterprise.category is not None
        rows.append(
            {
                "uscc": str(enterprise.uscc),
                "name": enterprise.name,
                "category": enterprise.category.value,
                "category_label": enterprise.category.label,
                "town": enterprise.town,
                "baseline_total": before.total,
                "reform_total": after.total,
                "delta": after.total - before.total,
            }
        )
    if args.format == "json":
        print(
            dumps(
                {
                    "as_of": args.as_of.isoformat(),
                    "baseline": BASELINE,
                    "reform": PROPOSAL,
                    "enterprises": rows,
                },
                indent=2,
            )
        )
        return 0
    print(f"诚信加分示例（评价日 {args.as_of}）  example population, as of {args.as_of}")
    print(f"基准 baseline: {BASELINE}   拟议 proposal: {PROPOSAL}\n")
    table = [
        [
            r["uscc"],
            r["name"],
            r["category_label"],
            str(r["baseline_total"]),
            str(r["reform_total"]),
            _signed(r["delta"]),
        ]
        for r in rows
    ]
    print(
        render_table(
            ["统一社会信用代码", "企业名称", "类别", "2024版", "含CQO拟议项目", "变化"],
            table,
            right=(3, 4, 5),
        )
    )
    gained = sum(1 for r in rows if r["delta"] > 0)
    print(
        f"\n{len(rows)} 家企业，{gained} 家因首席质量官拟议加分项目而增加得分。"
        f"\n{len(rows)} enterprises; {gained} gain from the proposed CQO items."
        "\n注意：CQO 加分项目的代码、分值、封顶和有效期为假设值（未公布）。"
        "\nNote: the CQO items' codes, points, caps and validity are assumed (not published)."
        f"\nDetails: zs-quality score --ruleset {PROPOSAL} --as-of {args.as_of} --format table {path}",
        file=sys.stdout,
    )
    return 0


def _signed(value: Decimal) -> str:
    return f"+{value}" if value > 0 else str(value)
