"""The what-if comparison as one self-contained HTML page (影响分析报告): inline CSS and inline SVG,
nothing fetched from the network, Chinese labels with English beside.

Every figure the page shows carries a ``data-figure`` attribute (and the chart marks carry
``data-`` attributes) so that a program reading the page finds the numbers without parsing prose.
Every text that comes from input, enterprise names above all, is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape

from zs_quality.rules.impact import GroupImpact, Impact, RankMove, Sweep, SweepPoint
from zs_quality.rules.statistics import Histogram

__all__ = ["impact_html", "sweep_html"]

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.en { color: #666; font-size: 0.85em; }
svg text { font-size: 12px; fill: #222; }
.up { fill: #2a7f3f; } .down { fill: #b03a2e; } .bar { fill: #3b6ea8; }
.note { color: #555; font-size: 0.9em; }
"""


_NUMERIC = ' class="n"'


def _text(value: object) -> str:
    return escape(str(value))


def _number(value: Decimal | int | None) -> str:
    return "-" if value is None else str(value)


def _label(zh: str, en: str) -> str:
    return f'{escape(zh)} <span class="en">{escape(en)}</span>'


def _page(title_zh: str, title_en: str, body: Iterable[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title_zh)} {escape(title_en)}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            f"<h1>{_label(title_zh, title_en)}</h1>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _table(headers: Sequence[tuple[str, str, bool]], rows: Iterable[Sequence[str]]) -> str:
    """A table; ``headers`` are (Chinese, English, numeric) and cells are already HTML."""
    head = "".join(
        f"<th{_NUMERIC if numeric else ''}>{_label(zh, en)}</th>" for zh, en, numeric in headers
    )
    lines = [f"<table><thead><tr>{head}</tr></thead><tbody>"]
    for row in rows:
        cells = "".join(
            f"<td{_NUMERIC if numeric else ''}>{cell}</td>"
            for (_, _, numeric), cell in zip(headers, row, strict=True)
        )
        lines.append(f"<tr>{cells}</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _figure(name: str, value: Decimal | int | None) -> str:
    return f'<span data-figure="{escape(name)}">{_number(value)}</span>'


def _summary(impact: Impact) -> str:
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
    return _table(
        [("指标", "figure", False), ("数值", "value", True)],
        ([_label(zh, en), _figure(key, value)] for zh, en, key, value in rows),
    )


def _histogram_svg(histogram: Histogram) -> str:
    if not histogram.buckets:
        return '<p class="note">无数据 <span class="en">no deltas</span></p>'
    bar, gap, height, top, bottom, left = 48, 8, 160, 20, 40, 10
    tallest = max(b.count for b in histogram.buckets) or 1
    width = left * 2 + len(histogram.buckets) * (bar + gap)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="histogram" role="img" '
        f'width="{width}" height="{top + height + bottom}" '
        f'viewBox="0 0 {width} {top + height + bottom}">',
        "<title>加分变化分布 distribution of deltas</title>",
    ]
    for index, bucket in enumerate(histogram.buckets):
        x = left + index * (bar + gap)
        h = height * bucket.count / tallest
        y = top + height - h
        parts.append(
            f'<rect class="bar" x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" '
            f'data-lower="{bucket.lower}" data-upper="{bucket.upper}" data-count="{bucket.count}">'
            f"<title>[{bucket.lower}, {bucket.upper}): {bucket.count}</title></rect>"
        )
        parts.append(
            f'<text x="{x + bar / 2}" y="{y - 4:.1f}" text-anchor="middle">{bucket.count}</text>'
        )
        parts.append(
            f'<text x="{x + bar / 2}" y="{top + height + 16}" text-anchor="middle">'
            f"[{bucket.lower}, {bucket.upper})</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _rank_svg(moves: Sequence[RankMove]) -> str:
    if not moves:
        return '<p class="note">无排名变化 <span class="en">no rank changes</span></p>'
    row, name_width, half, top = 24, 260, 150, 10
    largest = max(abs(m.move) for m in moves)
    centre = name_width + half
    width = name_width + 2 * half + 40
    height = top * 2 + row * len(moves)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="rank-moves" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        "<title>类别内排名变化 rank moves within category</title>",
        f'<line x1="{centre}" y1="0" x2="{centre}" y2="{height}" stroke="#888"/>',
    ]
    for index, move in enumerate(moves):
        y = top + index * row
        length = half * abs(move.move) / largest
        x = centre if move.move > 0 else centre - length
        kind = "up" if move.move > 0 else "down"
        parts.append(
            f'<text x="{name_width - 8}" y="{y + 16}" text-anchor="end">{_text(move.name)}</text>'
        )
        parts.append(
            f'<rect class="{kind}" x="{x:.1f}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" '
            f'data-uscc="{_text(move.uscc)}" data-move="{move.move}">'
            f"<title>{_text(move.name)}: {move.baseline_rank} → {move.reform_rank}</title></rect>"
        )
        # The figure goes on the other side of the axis, clear of the bar and of the names.
        label_x, anchor = (centre - 6, "end") if move.move > 0 else (centre + 6, "start")
        parts.append(
            f'<text x="{label_x}" y="{y + 16}" text-anchor="{anchor}">'
            f"{move.move:+d}（{move.baseline_rank}→{move.reform_rank}）</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


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
_EFFECT_HEADERS = [(zh, en, True) for _, zh, en in _EFFECT]


def _effect_cells(figures: GroupImpact | SweepPoint, attribute: str, key: str) -> list[str]:
    return [
        f'<span {attribute}="{_text(key)}:{name}">{_number(getattr(figures, name))}</span>'
        for name, _, _ in _EFFECT
    ]


def _groups(groups: Sequence[GroupImpact], kind: str, head: tuple[str, str]) -> str:
    return _table(
        [(head[0], head[1], False), *_EFFECT_HEADERS],
        (
            [
                f'<span data-{kind}="{_text(g.key)}">{_text(g.label)}</span>',
                *_effect_cells(g, f"data-{kind}-figure", g.key),
            ]
            for g in groups
        ),
    )


def _heading(zh: str, en: str) -> str:
    return f"<h2>{_label(zh, en)}</h2>"


def _context(impact_or_sweep: Impact | Sweep) -> str:
    return _table(
        [("项目", "", False), ("内容", "", False)],
        [
            [_label("评价日", "as of"), f'<span id="as-of">{impact_or_sweep.as_of}</span>'],
            [
                _label("基准", "baseline"),
                f'<span id="baseline">{_text(impact_or_sweep.baseline)}</span>',
            ],
            [_label("拟议", "reform"), f'<span id="reform">{_text(impact_or_sweep.reform)}</span>'],
        ],
    )


def impact_html(impact: Impact) -> str:
    """The comparison as a complete HTML document."""
    body = [
        _context(impact),
        f'<p class="note">{_text(impact.reason_zh)}<br>'
        f'<span class="en">{_text(impact.reason_en)}</span></p>',
        _heading("概览", "summary"),
        _summary(impact),
        _heading("加分变化分布", "distribution of deltas"),
        f'<p class="note">组距 bucket width {impact.histogram.width}；'
        "每组含下限、不含上限 each bucket includes its lower edge and excludes its upper edge</p>",
        _histogram_svg(impact.histogram),
        _heading("类别内排名变化（最大者）", "largest rank moves within category"),
        '<p class="note">排名变化 = 基准排名 − 拟议排名，正数为上升 '
        "rank move = baseline rank − reform rank, positive = up</p>",
        _rank_svg(impact.rank_moves.largest),
        _heading("按企业类别", "by category"),
        _groups(impact.by_category, "category", ("企业类别", "category")),
        _heading("按镇街", "by town"),
        _groups(impact.by_town, "town", ("镇街", "town")),
    ]
    one_sided = [
        ("仅基准计分", "scored only under the baseline", impact.only_in_baseline),
        ("仅拟议计分", "scored only under the reform", impact.only_in_reform),
    ]
    for zh, en, rows in one_sided:
        if rows:
            body.append(_heading(zh, en))
            body.append(
                _table(
                    [
                        ("位置", "line", True),
                        ("统一社会信用代码", "USCC", False),
                        ("企业名称", "name", False),
                        ("总分", "total", True),
                        ("另一标准不予计分原因", "why the other rejected it", False),
                    ],
                    (
                        [
                            str(r.position),
                            _text(r.uscc),
                            _text(r.name),
                            str(r.total),
                            _text(r.error),
                        ]
                        for r in rows
                    ),
                )
            )
    if impact.rejected:
        body.append(_heading("均未计分", "rejected under both"))
        body.append(
            _table(
                [("位置", "line", True), ("原因", "error", False)],
                ([str(r.position), _text(r.error)] for r in impact.rejected),
            )
        )
    body.append(_heading("逐企业", "per enterprise"))
    body.append(
        _table(
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
            (
                [
                    f'<span data-uscc="{_text(e.uscc)}">{_text(e.uscc)}</span>',
                    _text(e.name),
                    _text(e.category.label),
                    _text(e.town),
                    str(e.baseline_total),
                    str(e.reform_total),
                    f'<span data-delta="{_text(e.uscc)}">{e.delta}</span>',
                    str(e.baseline_rank),
                    str(e.reform_rank),
                    f"{e.rank_move:+d}" if e.rank_move else "0",
                ]
                for e in impact.per_enterprise
            ),
        )
    )
    return _page("拟议记分标准影响分析", "what-if analysis of a proposed ruleset", body)


def _sweep_svg(sweep: Sweep) -> str:
    if not sweep.points:
        return ""
    bar, gap, height, top, bottom, left = 56, 12, 160, 20, 40, 10
    tallest = max(abs(p.total_delta) for p in sweep.points) or Decimal(1)
    width = left * 2 + len(sweep.points) * (bar + gap)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="sweep" role="img" width="{width}" '
        f'height="{top + height + bottom}" viewBox="0 0 {width} {top + height + bottom}">',
        "<title>加分变化合计随分值变化 total delta by value</title>",
    ]
    for index, point in enumerate(sweep.points):
        x = left + index * (bar + gap)
        h = float(height * abs(point.total_delta) / tallest)
        y = top + height - h
        parts.append(
            f'<rect class="bar" x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" '
            f'data-value="{point.value}" data-total-delta="{point.total_delta}"/>'
        )
        parts.append(
            f'<text x="{x + bar / 2}" y="{y - 4:.1f}" text-anchor="middle">{point.total_delta}</text>'
        )
        parts.append(
            f'<text x="{x + bar / 2}" y="{top + height + 16}" text-anchor="middle">'
            f"{point.value}分</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def sweep_html(sweep: Sweep) -> str:
    """A parameter sweep as a complete HTML document."""
    body = [
        _context(sweep),
        f'<p>{_label("调整项目", "item swept")}：<span id="item">{_text(sweep.item)}</span></p>',
        _heading("加分变化合计", "total delta by value"),
        _sweep_svg(sweep),
        _heading("各分值的影响", "effect of each value"),
        _table(
            [("分值", "points", True), *_EFFECT_HEADERS],
            (
                [
                    f'<span data-sweep="{p.value}:value">{p.value}</span>',
                    *_effect_cells(p, "data-sweep", str(p.value)),
                ]
                for p in sweep.points
            ),
        ),
    ]
    return _page("拟议加分项目分值测算", "parameter sweep of a proposed item", body)
