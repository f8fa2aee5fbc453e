"""The named JSON Schemas: every document the library reads or writes as JSON, and its model."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import attrs

from zs_quality.io.answers import (
    CodeCheck,
    CoverageDocument,
    Health,
    ProblemDetails,
    RejectedElement,
    RulesetCheck,
    RulesetDetail,
    RulesetSummary,
)
from zs_quality.io.registry import RegistryLine
from zs_quality.model.submission import Submission
from zs_quality.model.titles import Candidate
from zs_quality.policy.criteria import CriteriaFile
from zs_quality.policy.rulesets import RulesetFile
from zs_quality.rules.criteria_comparison import CriteriaComparison
from zs_quality.rules.impact import Impact, Sweep
from zs_quality.rules.integrity import IntegrityResult
from zs_quality.rules.titles import TitleAssessment
from zs_quality.schemas.generator import Direction

__all__ = ["CATALOGUE", "SchemaSpec", "spec"]


@attrs.frozen(kw_only=True)
class SchemaSpec:
    """A named schema: the type it describes, which way, and its words; ``example`` names an
    example document shipped in ``zs_quality/schemas/examples``."""

    name: str
    root: Any
    direction: Direction
    title: str
    description: str
    example: str | None = None

    def examples(self) -> list[Any]:
        """The example documents (none for most outputs: the tests make those)."""
        if self.example is None:
            return []
        text = resources.files(__package__).joinpath("examples", self.example).read_text("utf-8")
        return [json.loads(text)]


_IN = Direction.INPUT
_OUT = Direction.OUTPUT
_POLICY = Direction.POLICY

CATALOGUE: tuple[SchemaSpec, ...] = (
    SchemaSpec(
        name="submission",
        root=Submission,
        direction=_IN,
        title="Integrity-score submission (诚信加分申报)",
        description=(
            "An enterprise and the good-behaviour records (良好行为记录) it files, as read by "
            "`zs-quality score`, `zs-quality impact` and the service's /integrity/score and "
            "/impact. `enterprise.category` is required to score."
        ),
        example="submission.json",
    ),
    SchemaSpec(
        name="registry-line",
        root=RegistryLine,
        direction=_IN,
        title="Enterprise registry line (企业名录)",
        description=(
            "One enterprise of the regulator's registry with its CQO (首席质量官), if any, as "
            "read by `zs-quality cqo coverage` (a line of JSON Lines) and the service's "
            "/cqo/coverage (an element of the array). Amounts are in 10,000 CNY (万元)."
        ),
        example="registry-line.json",
    ),
    SchemaSpec(
        name="candidate",
        root=Candidate,
        direction=_IN,
        title="Title-evaluation candidate (职称申报人)",
        description=(
            "A person applying for a title level, with their evidence records, as read by "
            "`zs-quality titles assess` and the service's /titles/assess."
        ),
        example="candidate.json",
    ),
    SchemaSpec(
        name="ruleset-file",
        root=RulesetFile,
        direction=_POLICY,
        title="Ruleset file (记分标准)",
        description=(
            "A ruleset file's tables written as JSON (the file is TOML; dates as YYYY-MM-DD "
            "text): bonus items with their points, caps, validity and categories. Checked by "
            "`zs-quality ruleset check` and the service's /rulesets/check."
        ),
        example="ruleset-file.json",
    ),
    SchemaSpec(
        name="criteria-file",
        root=CriteriaFile,
        direction=_POLICY,
        title="Title-evaluation criteria file (职称评价条件)",
        description=(
            "A criteria file's tables written as JSON (the file is TOML; dates as YYYY-MM-DD "
            "text): levels, groups of conditions and what evidence each accepts. Read by "
            "`zs-quality titles` and, as JSON, by the service's /titles/compare."
        ),
        example="criteria-file.json",
    ),
    SchemaSpec(
        name="integrity-result",
        root=IntegrityResult,
        direction=_OUT,
        title="Integrity-score result (诚信加分结果)",
        description="An enterprise's bonus total on a day and every record's outcome and reason.",
    ),
    SchemaSpec(
        name="rejected-element",
        root=RejectedElement,
        direction=_OUT,
        title="Rejected element of a list",
        description="An element of a request's list that could not be processed, and why.",
    ),
    SchemaSpec(
        name="title-assessment",
        root=TitleAssessment,
        direction=_OUT,
        title="Title assessment (职称评价)",
        description="Whether a candidate may apply for a level on a day, and what is missing.",
    ),
    SchemaSpec(
        name="criteria-comparison",
        root=CriteriaComparison,
        direction=_OUT,
        title="Criteria comparison (不低于省级标准)",
        description=(
            "Whether a local criteria set is lower than the provincial one at any level "
            "(粤人社规〔2020〕33号), with each violation and a counterexample."
        ),
    ),
    SchemaSpec(
        name="coverage",
        root=CoverageDocument,
        direction=_OUT,
        title="CQO coverage (首席质量官覆盖情况)",
        description="CQO coverage of a registry on a day, by size, sector and town.",
    ),
    SchemaSpec(
        name="impact",
        root=Impact,
        direction=_OUT,
        title="Impact of a proposed ruleset (拟议记分标准影响分析)",
        description="Who gains under the reform, by how much, and how rankings move.",
    ),
    SchemaSpec(
        name="sweep",
        root=Sweep,
        direction=_OUT,
        title="Parameter sweep of one item",
        description="The impact's headline figures for each candidate point value of one item.",
    ),
    SchemaSpec(
        name="code-check",
        root=CodeCheck,
        direction=_OUT,
        title="Credit-code check (统一社会信用代码校验)",
        description="A code checked against GB 32100-2015.",
    ),
    SchemaSpec(
        name="ruleset-summary",
        root=RulesetSummary,
        direction=_OUT,
        title="Ruleset (list entry)",
        description="A ruleset version the service can score with.",
    ),
    SchemaSpec(
        name="ruleset-detail",
        root=RulesetDetail,
        direction=_OUT,
        title="Ruleset (记分标准)",
        description="A ruleset version with its items resolved and its TOML text.",
    ),
    SchemaSpec(
        name="ruleset-check",
        root=RulesetCheck,
        direction=_OUT,
        title="Ruleset file check",
        description="Whether a ruleset file is valid, and every fault when it is not.",
    ),
    SchemaSpec(
        name="problem-details",
        root=ProblemDetails,
        direction=_OUT,
        title="Problem details (RFC 9457)",
        description="Why the service refused a request, with every problem and its field path.",
    ),
    SchemaSpec(
        name="health",
        root=Health,
        direction=_OUT,
        title="Service health",
        description="The service is up.",
    ),
)
"""Every named schema, inputs first."""

_BY_NAME = {s.name: s for s in CATALOGUE}


def spec(name: str) -> SchemaSpec:
    """The catalogue entry ``name``; an unknown name raises :class:`KeyError`."""
    return _BY_NAME[name]
