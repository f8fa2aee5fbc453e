"""The what-if comparison as one self-contained HTML page (影响分析报告): inline CSS and inline SVG,
nothing fetched from the network, Chinese labels with English beside.

The pages are Jinja2 templates (``zs_quality/io/templates/``) rendered with autoescaping on: this
module passes data (numbers, text, :class:`Span` and :class:`Label` cells, chart geometry), never
markup, so every text that comes from input, enterprise names above all, is escaped by the
engine. Every figure the page shows carries a ``data-figure`` attribute (and the chart marks
carry ``data-`` attributes) so that a program reading the page finds the numbers without parsing
prose.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from html import escape
from typing import TYPE_CHECKING, Any

import attrs
import markupsafe

from zs_quality.rules.impact import GroupImpact, Impact, OneSided, RankMove, Sweep, SweepPoint
from zs_quality.rules.statistics import Histogram

if TYPE_CHECKING:
    import jinja2

__all__ = ["Label", "Span", "impact_html", "sweep_html"]

Header = tuple[str, str, bool]
Table = tuple[list[Header], list[list[Any]]]


@attrs.frozen
class Span:
    """A cell's text marked for programs: ``<span attribute="key">text</span>``."""

    attribute: str
    key: object
    text: object


@attrs.frozen
class Label:
    """A cell in Chinese with English beside."""

    zh: str
    en: str


def _escaped(value: object) -> object:
    # Every expression's value is escaped as the standard library's html.escape does (quotes as
    # &quot; and &#x27;), which the reports have always written; markup made by a macro is kept.
    return value if isinstance(value, markupsafe.Markup) else markupsafe.Markup(escape(str(value)))


@cache
def _environment() -> jinja2.Environment:
    # Imported here: every command imports this module, and only the HTML report needs the engine.
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("zs_quality.io", "templates"),
        autoescape=True,
        finalize=_escaped,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def _number(value: Decimal | int | None) -> str:
    return "-" if value is None else str(value)


def _summary(impact: Impact) -> Table:
    moves = impact.rank_moves
    q = impact.quantiles
    rows: list[tuple[str, str, str, Decimal | int | None]] = [
        ("读入", "read", "read", impact.read),
        ("比较企业数", "enterprises compared", "enterprises", impact.enterprises),
        ("总分变化企业数", "enterprises whose total changes", "changed", impact.changed),
        ("总分不变企业数", "unchanged", "unchanged", impact.unchanged),
        ("加分变化合计", "total delta", "total_delta", impact.total_delta),
        ("平均变化", "mean delta", "mean_delta", impact.mean_delta),
        (
            "仅基准计分",
            "scored only under the baseline",
            "only_in_baseline",
            len(impact.only_in_baseline),
        ),
        (
            "仅拟议计分",
            "scored only under the reform",
            "only_in_reform",
            len(impact.only_in_reform),
        ),
        ("均未计分", "rejected under both", "rejected", len(impact.rejected)),
        ("类别内排名变化", "rank changes within category", "rank_changed", moves.changed),
        ("排名上升", "moved up", "rank_up", moves.up),
        ("排名下降", "moved down", "rank_down", moves.down),
        ("进入类别前10%", "enter the category's top 10%", "entering_top10", moves.entering_top10),
        ("退出类别前10%", "leave the category's top 10%", "leaving_top10", moves.leaving_top10),
        ("最小变化", "minimum delta", "q_min", q.min),
        ("第10百分位", "10th percentile", "q_p10", q.p10),
        ("第25百分位", "25th percentile", "q_p25", q.p25),
        ("中位数", "median", "q_median", q.median),
        ("第75百分位", "75th percentile", "q_p75", q.p75),
        ("第90百分位", "90th percentile", "q_p90", q.p90),
        ("最大变化", "maximum delta", "q_max", q.max),
    ]
    return (
        [("指标", "figure", False), ("数值", "value", True)],
        [[Label(zh, en), Span("data-figure", key, _number(v))] for zh, en, key, v in rows],
    )


# Bar charts: bars of ``bar`` px with ``gap`` between, ``_PLOT`` px high under a ``_TOP`` margin,
# labels above each bar and below the axis.
_PLOT, _TOP, _BOTTOM, _LEFT = 160, 20, 40, 10


def _bar(
    index: int, size: int | Decimal, largest: int | Decimal, bar: int, gap: int
) -> dict[str, Any]:
    """The geometry of the ``index``-th bar, ``size / largest`` of the plot's height."""
    x = _LEFT + index * (bar + gap)
    h = float(_PLOT * size / largest)
    y = _TOP + _PLOT - h
    return {
        "x": x,
        "y": f"{y:.1f}",
        "bar": bar,
        "h": f"{h:.1f}",
        "middle": x + bar / 2,
        "above": f"{y - 4:.1f}",
        "below": _TOP + _PLOT + 16,
    }


def _chart(bars: list[dict[str, Any]], bar: int, gap: int) -> dict[str, Any]:
    width = _LEFT * 2 + len(bars) * (bar + gap)
    return {"width": width, "height": _TOP + _PLOT + _BOTTOM, "bars": bars}


def _histogram_chart(histogram: Histogram) -> dict[str, Any] | None:
    if not histogram.buckets:
        return None
    bar, gap = 48, 8
    tallest = max(b.count for b in histogram.buckets) or 1
    bars = [
        _bar(index, bucket.count, tallest, bar, gap)
        | {"lower": bucket.lower, "upper": bucket.upper, "count": bucket.count}
        for index, bucket in enumerate(histogram.buckets)
    ]
    return _chart(bars, bar, gap)


def _rank_chart(moves: Sequence[RankMove]) -> dict[str, Any] | None:
    if not moves:
        return None
    row, name_width, half, top = 24, 260, 150, 10
    largest = max(abs(m.move) for m in moves)
    centre = name_width + half
    rows = []
    for index, move in enumerate(moves):
        y = top + index * row
        length = half * abs(move.move) / largest
        # The figure goes on the other side of the axis, clear of the bar and of the names.
        label_x, anchor = (centre - 6, "end") if move.move > 0 else (centre + 6, "start")
        rows.append(
            {
                "move": move,
                "kind": "up" if move.move > 0 else "down",
                "x": f"{(centre if move.move > 0 else centre - length):.1f}",
                "length": f"{length:.1f}",
                "text_y": y + 16,
                "bar_y": y + 4,
                "label_x": label_x,
                "anchor": anchor,
                "shown": f"{move.move:+d}",
            }
        )
    return {
        "width": name_width + 2 * half + 40,
        "height": top * 2 + row * len(moves),
        "centre": centre,
        "name_x": name_width - 8,
        "bar_height": row - 8,
        "rows": rows,
    }


# The figures a category, a town and a sweep value share: (attribute, Chinese, English).
_EFFECT = (
    ("enterprises", "企业数", "enterprises"),
    ("changed", "变化企业数", "changed"),
    ("total_delta", "变化合计", "total delta"),
    ("mean_delta", "平均变化", "mean delta"),
    ("rank_changed", "排名变化", "rank changed"),
    ("entering_top10", "进入前10%", "enter top 10%"),
    ("leaving_top10", "退出前10%", "leave top 10%"),
)
_EFFECT_HEADERS: list[Header] = [(zh, en, True) for _, zh, en in _EFFECT]


def _effect_cells(figures: GroupImpact | SweepPoint, attribute: str, key: str) -> list[Span]:
    return [
        Span(attribute, f"{key}:{name}", _number(getattr(figures, name))) for name, _, _ in _EFFECT
    ]


def _groups(groups: Sequence[GroupImpact], kind: str, head: tuple[str, str]) -> Table:
    return (
        [(head[0], head[1], False), *_EFFECT_HEADERS],
        [
            [Span(f"data-{kind}", g.key, g.label), *_effect_cells(g, f"data-{kind}-figure", g.key)]
            for g in groups
        ],
    )


def _context(report: Impact | Sweep) -> Table:
    return (
        [("项目", "", False), ("内容", "", False)],
        [
            [Label("评价日", "as of"), Span("id", "as-of", report.as_of)],
            [Label("基准", "baseline"), Span("id", "baseline", report.baseline)],
            [Label("拟议", "reform"), Span("id", "reform", report.reform)],
        ],
    )


def _one_sided(rows: Sequence[OneSided]) -> Table:
    return (
        [
            ("位置", "line", True),
            ("统一社会信用代码", "USCC", False),
            ("企业名称", "name", False),
            ("总分", "total", True),
            ("另一标准不予计分原因", "why the other rejected it", False),
        ],
        [[r.position, r.uscc, r.name, r.total, r.error] for r in rows],
    )


def _per_enterprise(impact: Impact) -> Table:
    return (
        [
            ("统一社会信用代码", "USCC", False),
            ("企业名称", "name", False),
            ("企业类别", "category", False),
            ("镇街", "town", False),
            ("基准总分", "baseline", True),
            ("拟议总分", "reform", True),
            ("变化", "delta", True),
            ("基准排名", "baseline rank", True),
            ("拟议排名", "reform rank", True),
            ("排名变化", "rank move", True),
        ],
        [
            [
                Span("data-uscc", e.uscc, e.uscc),
                e.name,
                e.category.label,
                e.town,
                e.baseline_total,
                e.reform_total,
                Span("data-delta", e.uscc, e.delta),
                e.baseline_rank,
                e.reform_rank,
                f"{e.rank_move:+d}" if e.rank_move else "0",
            ]
            for e in impact.per_enterprise
        ],
    )


def impact_html(impact: Impact) -> str:
    """The comparison as a complete HTML document."""
    one_sided = [
        (zh, en, _one_sided(rows))
        for zh, en, rows in (
            ("仅基准计分", "scored only under the baseline", impact.only_in_baseline),
            ("仅拟议计分", "scored only under the reform", impact.only_in_reform),
        )
        if rows
    ]
    rejected: Table | None = (
        (
            [("位置", "line", True), ("原因", "error", False)],
            [[r.position, r.error] for r in impact.rejected],
        )
        if impact.rejected
        else None
    )
    return (
        _environment()
        .get_template("impact.html")
        .render(
            title_zh="拟议记分标准影响分析",
            title_en="what-if analysis of a proposed ruleset",
            impact=impact,
            context=_context(impact),
            summary=_summary(impact),
            histogram=_histogram_chart(impact.histogram),
            ranks=_rank_chart(impact.rank_moves.largest),
            by_category=_groups(impact.by_category, "category", ("企业类别", "category")),
            by_town=_groups(impact.by_town, "town", ("镇街", "town")),
            one_sided=one_sided,
            rejected=rejected,
            per_enterprise=_per_enterprise(impact),
        )
    )


def _sweep_chart(sweep: Sweep) -> dict[str, Any] | None:
    if not sweep.points:
        return None
    bar, gap = 56, 12
    tallest = max(abs(p.total_delta) for p in sweep.points) or Decimal(1)
    bars = [
        _bar(index, abs(point.total_delta), tallest, bar, gap) | {"point": point}
        for index, point in enumerate(sweep.points)
    ]
    return _chart(bars, bar, gap)


def sweep_html(sweep: Sweep) -> str:
    """A parameter sweep as a complete HTML document."""
    effects: Table = (
        [("分值", "points", True), *_EFFECT_HEADERS],
        [
            [
                Span("data-sweep", f"{p.value}:value", p.value),
                *_effect_cells(p, "data-sweep", str(p.value)),
            ]
            for p in sweep.points
        ],
    )
    return (
        _environment()
        .get_template("sweep.html")
        .render(
            title_zh="拟议加分项目分值测算",
            title_en="parameter sweep of a proposed item",
            sweep=sweep,
            context=_context(sweep),
            chart=_sweep_chart(sweep),
            effects=effects,
        )
    )
