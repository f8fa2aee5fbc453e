"""Title evaluation in plain words: what a match or a condition asks, in Chinese and English.

``describe_match(match, 2)`` gives ``("2项发明专利", "2 invention patents")``; the assessment
(:mod:`zs_quality.rules.titles`) uses these words for each condition and each shortfall.
"""

from __future__ import annotations

from collections.abc import Sequence

from zs_quality.model.criteria import Alternative, Match, Transcription
from zs_quality.model.evidence import ContributionRole, EvidenceKind, ReportActivity

__all__ = ["describe_alternatives", "describe_match", "describe_transcription"]

_TRANSCRIPTION_WORDS = {
    Transcription.COMPLETE: (
        "本级别条件完整转录自所依据的文件。",
        "This level's conditions are transcribed completely from the document.",
    ),
    Transcription.PARTIAL: (
        "本级别条件只转录了一部分：结论只依据已转录的条件，文件的其余部分可能更严或更宽，"
        "请对照原文核实下列未转录部分。",
        "This level's conditions are only partly transcribed: the verdict rests on the "
        "transcribed conditions alone, and the rest of the document may be stricter or looser; "
        "check the parts listed below against the document.",
    ),
    Transcription.UNTRANSCRIBED: (
        "本级别未找到所依据文件的原文，所用条件为假定的替代条件：结论不代表文件的规定，"
        "请对照原文核实。",
        "No text of the document was found for this level: its conditions are assumed stand-ins, "
        "so the verdict does not represent the document; check it against the document.",
    ),
}

_NOUNS: dict[EvidenceKind | None, tuple[str, str, str]] = {
    None: ("evidence item", "evidence items", "项成果"),
    EvidenceKind.AWARD: ("award", "awards", "奖项"),
    EvidenceKind.STANDARD: ("standard", "standards", "标准"),
    EvidenceKind.PATENT: ("patent", "patents", "专利"),
    EvidenceKind.PROJECT: ("project", "projects", "项目"),
    EvidenceKind.PAPER: ("paper or book", "papers or books", "论文或著作"),
    EvidenceKind.REPORT: ("technical report", "technical reports", "技术报告"),
    EvidenceKind.TYPICAL_CASE: (
        "typical-case selection",
        "typical-case selections",
        "典型案例入选",
    ),
    EvidenceKind.CQO_CERTIFICATION: (
        "CQO-system certification",
        "CQO-system certifications",
        "首席质量官制度体系认证",
    ),
    EvidenceKind.DEMONSTRATION_BASE: (
        "demonstration-base honour",
        "demonstration-base honours",
        "首席质量官制度示范基地荣誉",
    ),
}
_PERSON = {
    EvidenceKind.STANDARD: "drafter",
    EvidenceKind.PATENT: "inventor",
    EvidenceKind.PAPER: "author",
}
_ACTIVITY_EN = {
    ReportActivity.NEW_TECHNOLOGY: "new-technology",
    ReportActivity.PROFICIENCY_TEST: "proficiency-testing or inter-laboratory-comparison",
    ReportActivity.INSPECTION_APPRAISAL: "inspection or appraisal",
    ReportActivity.ENERGY_AUDIT: "energy-metering audit",
    ReportActivity.ACCIDENT_INVESTIGATION: "accident-investigation",
    ReportActivity.SYSTEM_BUILDING: "standard- or quality-system",
    ReportActivity.DEMONSTRATION: "demonstration-project",
}
_ROLE_EN = {
    ContributionRole.LEAD: "lead",
    ContributionRole.MAIN: "main contributor",
    ContributionRole.PARTICIPANT: "participant",
}


def _or_list(words: Sequence[str], conjunction: str = "or") -> str:
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _zh_list(words: Sequence[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else f"{'、'.join(words[:-1])}或{words[-1]}"


def _before(match: Match) -> tuple[list[str], str]:
    """The words before the noun: level, scopes, types (English words, Chinese text)."""
    en: list[str] = []
    zh = ""
    if match.min_level is not None:
        en.append(f"{match.min_level.value}-level or higher")
        zh += f"{match.min_level.label}以上"
    if match.scopes is not None:
        en.append(_or_list([s.value.replace("_", " ") for s in match.scopes]))
        zh += _zh_list([s.label.removesuffix("标准") for s in match.scopes])
    if match.types is not None:
        en.append(_or_list([t.value.replace("_", " ") for t in match.types]))
        zh += _zh_list([t.label.removesuffix("专利") for t in match.types])
    if match.activities is not None:
        en.append(_or_list([_ACTIVITY_EN[a] for a in match.activities]))
        zh += "（" + "；或".join(a.label for a in match.activities) + "）"
    return en, zh


def _after(match: Match) -> tuple[list[str], list[str]]:
    """The words after the noun: roles and rank (English, Chinese)."""
    en: list[str] = []
    zh: list[str] = []
    if match.roles is not None:
        en.append("as " + _or_list([_ROLE_EN[r] for r in match.roles]))
        zh.append(_zh_list([r.label for r in match.roles]))
    if match.max_rank is not None:
        person = _PERSON.get(match.kind, "contributor") if match.kind else "contributor"
        en.append(
            f"ranked in the top {match.max_rank}"
            if match.roles is not None
            else f"as a top-{match.max_rank} {person}"
        )
        zh.append(f"排名前{match.max_rank}")
    return en, zh


def describe_match(match: Match, count: int, *, more: bool = False) -> tuple[str, str]:
    """``count`` items of ``match`` in Chinese and English: ``("2项发明专利", "2 invention patents")``.

    With ``more``, the words say how many more are needed (``"1 more ..."``).
    """
    singular, plural, noun_zh = _NOUNS[match.kind]
    before_en, before_zh = _before(match)
    after_en, after_zh = _after(match)
    words = " ".join([*before_en, plural if count > 1 else singular])
    en = f"{count} {'more ' if more else ''}{words}{' ' + ', '.join(after_en) if after_en else ''}"
    zh = f"{count}项{before_zh}{noun_zh}{'（' + '，'.join(after_zh) + '）' if after_zh else ''}"
    return zh, en


def describe_alternatives(
    alternatives: Sequence[Alternative], counts: Sequence[int] | None = None, *, more: bool = False
) -> tuple[str, str]:
    """What a condition needs: each alternative joined by "or" (或); ``counts`` override at_least."""
    parts = [
        describe_match(alt.match, alt.at_least if counts is None else counts[i], more=more)
        for i, alt in enumerate(alternatives)
    ]
    return "；或".join(p[0] for p in parts), ", or ".join(p[1] for p in parts)


def describe_transcription(transcription: Transcription) -> tuple[str, str]:
    """What a verdict at a level transcribed as ``transcription`` rests on (Chinese, English)."""
    return _TRANSCRIPTION_WORDS[transcription]
