"""``zs-quality titles``: title evaluation (职称评价) and "not lower than provincial" checks.

* ``titles assess --level LEVEL --as-of DATE [--criteria PATH_OR_ID] CANDIDATE.json``: may the
  candidate apply, and what is missing; exit 0 whether eligible or not, 2 on bad input.
* ``titles compare LOCAL PROVINCIAL``: exit 0 when LOCAL is proven not lower, 1 when it is lower
  or the verdict is unknown (a partial transcription, or a search too large to finish).
* ``titles check PATH...``: validate criteria files; ``titles show [ID]``: print an embedded one.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zs_quality.cli.args import add_encoding, calendar_date
from zs_quality.cli.streams import refuse_same_file
from zs_quality.cli.table import printable
from zs_quality.convert import structure, unstructure
from zs_quality.errors import ZsQualityError
from zs_quality.io.jsonio import dumps, read_one
from zs_quality.model.criteria import Transcription, TranscriptionGap
from zs_quality.model.titles import Candidate, TitleLevel
from zs_quality.policy.criteria import (
    DEFAULT_CRITERIA,
    criteria_text,
    embedded_criteria,
    load_criteria,
)
from zs_quality.reading import display_name
from zs_quality.rules.criteria_comparison import (
    ComparisonVerdict,
    CriteriaComparison,
    compare_criteria,
)
from zs_quality.rules.title_wording import describe_transcription
from zs_quality.rules.titles import TitleAssessment, assess_title

_FORMATS = ("json", "table")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "titles",
        help="title evaluation (职称评价) and criteria comparison",
        description="Title evaluation under criteria sets such as 粤人社规〔2019〕55号.",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    assess = commands.add_parser(
        "assess",
        help="may a candidate apply for a level, and what is missing",
        description=(
            "Assess CANDIDATE (a JSON file, or - for standard input) for LEVEL on DATE. Prints "
            '{"eligible", "level", "groups", "missing", ...} or a table. Exit 0 whether eligible '
            "or not, 2 on bad input."
        ),
    )
    assess.add_argument("--level", required=True, choices=[t.value for t in TitleLevel])
    assess.add_argument("--as-of", required=True, metavar="YYYY-MM-DD", type=calendar_date)
    assess.add_argument(
        "--criteria",
        default=DEFAULT_CRITERIA,
        metavar="PATH_OR_ID",
        help=f"a criteria TOML file or an embedded id (default: {DEFAULT_CRITERIA})",
    )
    assess.add_argument("--format", choices=_FORMATS, default="json")
    add_encoding(assess, "CANDIDATE.json")
    assess.add_argument("candidate", metavar="CANDIDATE.json")
    assess.set_defaults(func=run_assess)

    compare = commands.add_parser(
        "compare",
        help="is a local criteria set lower than the provincial one",
        description=(
            "Decide whether every candidate eligible under LOCAL at some level is eligible under "
            "PROVINCIAL at that level (粤人社规〔2020〕33号). Exit 0 when LOCAL is proven not "
            "lower, 1 when it is lower (each violation named, with a counterexample candidate "
            "where found) or the verdict is unknown (a level either file does not transcribe "
            "completely), 2 on a bad file."
        ),
    )
    compare.add_argument("local", metavar="LOCAL", help="a criteria TOML file or an embedded id")
    compare.add_argument("provincial", metavar="PROVINCIAL", help="the same, for the province")
    compare.add_argument("--format", choices=_FORMATS, default="json")
    add_encoding(compare, "LOCAL and PROVINCIAL when they are files")
    compare.set_defaults(func=run_compare)

    check = commands.add_parser(
        "check",
        help="validate criteria files",
        description="Load each criteria file; print every fault. Exit 0 when all are valid, 2 not.",
    )
    add_encoding(check, "the criteria files")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.set_defaults(func=run_check)

    show = commands.add_parser(
        "show",
        help="print an embedded criteria file",
        description="Print the embedded criteria file ID as TOML; without ID, list the ids.",
    )
    show.add_argument("id", nargs="?", metavar="ID")
    show.set_defaults(func=run_show)


def _read_candidate(path: str, encoding: str) -> Candidate:
    record = read_one(path, encoding=encoding)
    name = display_name(path)
    return structure(record.data, Candidate, file=name, line=record.number, path=record.path)


def run_assess(args: argparse.Namespace) -> int:
    refuse_same_file([args.candidate], {})
    criteria = load_criteria(args.criteria)
    candidate = _read_candidate(args.candidate, args.encoding)
    result = assess_title(candidate, criteria, args.level, args.as_of)
    out = (
        dumps(unstructure(result), indent=2) if args.format == "json" else assessment_table(result)
    )
    sys.stdout.write(out + "\n")
    return 0


def run_compare(args: argparse.Namespace) -> int:
    local = load_criteria(args.local, encoding=args.encoding)
    result = compare_criteria(local, load_criteria(args.provincial, encoding=args.encoding))
    out = (
        dumps(unstructure(result), indent=2) if args.format == "json" else comparison_table(result)
    )
    sys.stdout.write(out + "\n")
    return 1 if result.lower else 0


def run_check(args: argparse.Namespace) -> int:
    status = 0
    for path in args.paths:
        try:
            criteria = load_criteria(path, encoding=args.encoding)
        except ZsQualityError as exc:
            sys.stdout.write(f"{printable(str(exc))}\n")
            status = 2
        else:
            levels = ", ".join(lc.level.value for lc in criteria.levels)
            summary = f"{path}: ok ({criteria.id} {criteria.version}; levels: {levels})"
            sys.stdout.write(f"{printable(summary)}\n")
    return status


def run_show(args: argparse.Namespace) -> int:
    if args.id is None:
        sys.stdout.write("\n".join(embedded_criteria()) + "\n")
        return 0
    sys.stdout.write(criteria_text(args.id))
    return 0


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def _compact(data: Any) -> Any:
    """JSON data without null or empty values, for reading (defaults fill them back in)."""
    if isinstance(data, dict):
        return {k: _compact(v) for k, v in data.items() if v not in (None, "", [])}
    if isinstance(data, list):
        return [_compact(v) for v in data]
    return data


def _transcription_lines(result: TitleAssessment) -> list[str]:
    """The sentence a verdict at a level not completely transcribed carries, and the gaps."""
    if result.transcription is Transcription.COMPLETE:
        return []
    zh, en = describe_transcription(result.transcription)
    lines = [
        f"  转录 transcription: {result.transcription.label} {result.transcription.value}。{zh}",
        f"    {en}",
        "  未转录 not transcribed:",
    ]
    for gap in result.untranscribed:
        lines.append(f"    - {gap.where} ({gap.transcription.value}): {gap.label}")
    return lines


def assessment_table(result: TitleAssessment) -> str:
    """The assessment for a person at a terminal (Chinese first, English beside)."""
    lines = [
        f"{result.level.label} {result.level.value}：{result.verdict.label} "
        f"{result.verdict.english}",
        f"  依据 criteria: {result.criteria.reference} ({result.criteria.id} "
        f"{result.criteria.version}); 评价日 as of {result.as_of}",
        *_transcription_lines(result),
        f"[{_mark(result.years.met)}] 资格与年限 years: {result.years.reason_zh}",
        f"    {result.years.reason_en}",
    ]
    for group in result.groups:
        lines.append(
            f"[{_mark(group.met)}] {group.label} ({group.id}): {group.met_count}/{group.at_least}"
        )
        for condition in group.conditions:
            ids = ", ".join(condition.evidence) or "-"
            lines.append(f"    [{_mark(condition.met)}] {condition.id}: {condition.label}")
            lines.append(f"        {'证据 evidence' if condition.met else '可计入 towards'}: {ids}")
    if result.missing:
        lines.append("还缺 missing:")
        for item in result.missing:
            lines += [f"  - {item.zh}", f"    {item.en}"]
    if result.excluded:
        lines.append("未计入 not counted:")
        for excluded in result.excluded:
            lines.append(f"  - {excluded.id}: {excluded.reason_zh} / {excluded.reason_en}")
    return "\n".join(map(printable, lines))


_VERDICT_WORDS = {
    ComparisonVerdict.LOWER: ("✗", "低于 lower", "低于省级 LOWER"),
    ComparisonVerdict.NOT_LOWER: ("✓", "不低于 not lower", "不低于省级 not lower"),
    ComparisonVerdict.UNKNOWN: ("?", "无法判断 unknown", "无法判断 UNKNOWN"),
}


def _gap_lines(title: str, gaps: tuple[TranscriptionGap, ...]) -> list[str]:
    lines = [f"    {title}:"] if gaps else []
    return lines + [f"      - {g.where} ({g.transcription.value}): {g.label}" for g in gaps]


def comparison_table(result: CriteriaComparison) -> str:
    """The comparison for a person at a terminal."""
    lines = [
        f"{result.local.id} {result.local.version} 对比 vs "
        f"{result.provincial.id} {result.provincial.version}: {_VERDICT_WORDS[result.verdict][2]}"
    ]
    for level in result.levels:
        mark, state, _ = _VERDICT_WORDS[level.verdict]
        lines += [
            f"[{mark}] {level.level.label} {level.level.value}: {state}",
            f"    {level.reason_zh}",
            f"    {level.reason_en}",
        ]
        if level.provincial_untranscribed == level.local_untranscribed:
            lines += _gap_lines(
                "省级与本地均未完整转录 provincial and local not transcribed",
                level.provincial_untranscribed,
            )
        else:
            lines += _gap_lines(
                "省级未完整转录 provincial not transcribed", level.provincial_untranscribed
            )
            lines += _gap_lines("本地未完整转录 local not transcribed", level.local_untranscribed)
        for v in level.violations:
            lines += [f"    - {v.where}: {v.zh}", f"      {v.en}"]
        if level.counterexample is not None:
            what = (
                "反例 counterexample"
                if level.proven
                else "参考反例（仅对已转录部分） indicative counterexample (transcribed parts only)"
            )
            lines.append(f"    {what} (as of {level.counterexample.as_of}):")
            lines.append("    " + dumps(_compact(unstructure(level.counterexample.candidate))))
    return "\n".join(map(printable, lines))
