"""``zs-quality impact``: what a proposed ruleset would change (拟议记分标准影响分析)."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from typing import Any

from zs_quality.api import compare_rulesets, sweep_item
from zs_quality.cli.args import (
    add_encoding,
    argparse_type,
    calendar_date,
    capped_jobs,
    jobs_count,
)
from zs_quality.cli.streams import refuse_same_file
from zs_quality.cli.table import printable, render_table
from zs_quality.convert import unstructure
from zs_quality.io import arguments
from zs_quality.io.jsonio import dumps, read_json_or_lines
from zs_quality.io.report_html import impact_html, sweep_html
from zs_quality.reading import display_name
from zs_quality.rules.impact import GroupImpact, Impact, Sweep, SweepPoint
from zs_quality.rulesets import load_ruleset

FORMATS = ("json", "table", "html")


def bin_width(text: str) -> Decimal:
    """argparse type for ``--bin-width`` (:func:`zs_quality.io.arguments.bin_width`)."""
    return argparse_type(arguments.bin_width, text)


def sweep_spec(text: str) -> tuple[str, tuple[Decimal, ...]]:
    """argparse type for ``--sweep ITEM=V1,V2,...``
    (:func:`zs_quality.io.arguments.sweep_values`)."""
    return argparse_type(arguments.sweep_values, text)


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "impact",
        help="what-if analysis of a proposed ruleset (拟议记分标准影响分析)",
        description=(
            "Score every submission in POPULATION (JSON Lines, JSON, or - for standard input) "
            "under --baseline and --reform on --as-of, and report who gains, by how much, and "
            "how the ranking within each category moves. With --sweep ITEM=V1,V2,... report "
            "the comparison for each candidate point value of one reform item instead. Exit 0 "
            "when every submission was scored under both, 1 when any was rejected under either, "
            "2 for usage or ruleset errors."
        ),
    )
    parser.add_argument("--baseline", required=True, metavar="ID_OR_PATH")
    parser.add_argument("--reform", required=True, metavar="ID_OR_PATH")
    parser.add_argument("--as-of", required=True, type=calendar_date, metavar="YYYY-MM-DD")
    parser.add_argument("--sweep", type=sweep_spec, metavar="ITEM=V1,V2,...")
    parser.add_argument(
        "--jobs",
        type=jobs_count,
        default=1,
        metavar="N",
        help="score a sweep in N worker processes (the figures are the same); default 1",
    )
    parser.add_argument(
        "--bin-width",
        type=bin_width,
        metavar="POINTS",
        help=(
            "histogram bucket width, at least 0.01 (default: 1, 2 or 5 times a power of ten, at "
            "most 10 buckets)"
        ),
    )
    parser.add_argument("--format", choices=FORMATS, default="json")
    add_encoding(parser, "POPULATION")
    parser.add_argument("population", metavar="POPULATION", help="JSON or JSON Lines file, or -")
    parser.set_defaults(func=run)


# The figures a category and a sweep value share: (attribute, column heading).
_EFFECT = (
    ("enterprises", "企业数"),
    ("changed", "变化数"),
    ("total_delta", "变化合计"),
    ("mean_delta", "平均变化"),
    ("rank_changed", "排名变化"),
    ("entering_top10", "进入前10%"),
    ("leaving_top10", "退出前10%"),
)
_EFFECT_HEADERS = [heading for _, heading in _EFFECT]


def _effect_row(figures: GroupImpact | SweepPoint) -> list[str]:
    return ["-" if (value := getattr(figures, name)) is None else str(value) for name, _ in _EFFECT]


def impact_table(impact: Impact) -> str:
    """The comparison for a person at a terminal (Chinese labels)."""
    q = impact.quantiles
    summary = render_table(
        ["指标", "数值"],
        [
            ["读入", str(impact.read)],
            ["比较企业数", str(impact.enterprises)],
            ["总分变化企业数", str(impact.changed)],
            ["加分变化合计", str(impact.total_delta)],
            ["平均变化", str(impact.mean_delta or "-")],
            ["仅基准计分", str(len(impact.only_in_baseline))],
            ["仅拟议计分", str(len(impact.only_in_reform))],
            ["均未计分", str(len(impact.rejected))],
            ["类别内排名变化", str(impact.rank_moves.changed)],
            ["进入类别前10%", str(impact.rank_moves.entering_top10)],
            ["退出类别前10%", str(impact.rank_moves.leaving_top10)],
            [
                "分位数(最近秩) 最小/P10/P25/中位/P75/P90/最大",
                "/".join(
                    "-" if v is None else str(v)
                    for v in (q.min, q.p10, q.p25, q.median, q.p75, q.p90, q.max)
                ),
            ],
        ],
        right=(1,),
    )
    buckets = render_table(
        ["区间(含下限,不含上限)", "企业数"],
        [[f"[{b.lower}, {b.upper})", str(b.count)] for b in impact.histogram.buckets],
        right=(1,),
    )
    categories = render_table(
        ["企业类别", *_EFFECT_HEADERS],
        [[g.label, *_effect_row(g)] for g in impact.by_category],
        right=tuple(range(1, len(_EFFECT) + 1)),
    )
    enterprises = render_table(
        ["统一社会信用代码", "企业名称", "基准", "拟议", "变化", "排名", "排名变化"],
        [
            [
                str(e.uscc),
                e.name,
                str(e.baseline_total),
                str(e.reform_total),
                str(e.delta),
                f"{e.baseline_rank}→{e.reform_rank}",
                f"{e.rank_move:+d}" if e.rank_move else "0",
            ]
            for e in impact.per_enterprise
        ],
        right=(2, 3, 4, 6),
    )
    heading = printable(f"基准 {impact.baseline}  拟议 {impact.reform}  评价日 {impact.as_of}")
    return f"{heading}\n\n{summary}\n\n{buckets}\n\n{categories}\n\n{enterprises}\n"


def sweep_table(sweep: Sweep) -> str:
    """A parameter sweep for a person at a terminal."""
    body = render_table(
        ["分值", *_EFFECT_HEADERS],
        [[str(p.value), *_effect_row(p)] for p in sweep.points],
        right=tuple(range(len(_EFFECT) + 1)),
    )
    heading = printable(
        f"基准 {sweep.baseline}  拟议 {sweep.reform}  调整项目 {sweep.item}  评价日 {sweep.as_of}"
    )
    return f"{heading}\n\n{body}\n"


def _json(report: Impact | Sweep) -> str:
    return dumps(unstructure(report), indent=2) + "\n"


def _report_rejections(impact: Impact) -> None:
    for row in impact.rejected:
        print(f"zs-quality: rejected: {printable(row.error)}", file=sys.stderr)
    for label, one_sided in (
        ("baseline", impact.only_in_baseline),
        ("reform", impact.only_in_reform),
    ):
        for entry in one_sided:
            print(
                f"zs-quality: scored only under the {label}: {printable(entry.error)}",
                file=sys.stderr,
            )


def run(args: argparse.Namespace) -> int:
    refuse_same_file([args.population], {})
    baseline = load_ruleset(args.baseline)
    reform = load_ruleset(args.reform)
    name = display_name(args.population)
    jobs = capped_jobs(args.jobs)  # as score caps it: no more workers than CPUs
    parallel = args.sweep is not None and jobs > 1
    # Worker processes parse the lines they score.
    lines = read_json_or_lines(args.population, encoding=args.encoding, parse=not parallel)
    if args.sweep is not None:
        item, values = args.sweep
        sweep = sweep_item(lines, baseline, reform, item, values, args.as_of, file=name, jobs=jobs)
        render = {"json": _json, "table": sweep_table, "html": sweep_html}[args.format]
        sys.stdout.write(render(sweep))
        failed = any(p.only_in_baseline or p.only_in_reform or p.rejected for p in sweep.points)
        return 1 if failed else 0
    impact = compare_rulesets(
        lines, baseline, reform, args.as_of, file=name, bin_width=args.bin_width
    )
    _report_rejections(impact)
    sys.stdout.write(
        {"json": _json, "table": impact_table, "html": impact_html}[args.format](impact)
    )
    return 1 if impact.rejected or impact.only_in_baseline or impact.only_in_reform else 0
