"""The service's endpoints: each reads its request, calls the library, and answers with the JSON the
command line prints (built by the same functions).

Handlers that compute run in a worker thread (``sync_to_thread``), so a long comparison does not
hold up ``/health``. Each carries its OpenAPI documentation in ``opt["doc"]``
(:mod:`zs_quality.server.openapi`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from litestar import Request, Response, get, post
from litestar.datastructures import State
from litestar.params import PathParameter, QueryParameter, RawBody

from zs_quality import __version__
from zs_quality.api import compare_rulesets, coverage, sweep_item
from zs_quality.batch import Rejected, result_data, score_many, score_one
from zs_quality.convert import structure, unstructure
from zs_quality.dates import Date, parse_date
from zs_quality.errors import InputError, Problem, RulesetError, ZsQualityError, join_path
from zs_quality.io import arguments
from zs_quality.io.answers import (
    Health,
    code_check,
    coverage_document,
    element_error,
    rejected_element,
    ruleset_check,
    ruleset_detail,
    ruleset_summary,
)
from zs_quality.io.jsonio import Line, dumps
from zs_quality.io.registry import parse_registry
from zs_quality.model.criteria import Criteria
from zs_quality.model.titles import Candidate, TitleLevel
from zs_quality.policy.criteria import DEFAULT_CRITERIA, criteria_from_data
from zs_quality.rules.criteria_comparison import compare_criteria
from zs_quality.rules.titles import assess_title
from zs_quality.rulesets import parse_ruleset
from zs_quality.server.bodies import body_text, json_body, model, parameter
from zs_quality.server.library import PolicyLibrary
from zs_quality.server.openapi import Doc, component, list_of, one_or_list, reference
from zs_quality.server.problems import INVALID_BODY, INVALID_PARAMETER, NOT_FOUND, ProblemError

__all__ = ["ROUTES"]

JSON = "application/json"

AsOf = Annotated[
    str,
    QueryParameter(
        description="the evaluation day, YYYY-MM-DD (a calendar date in China)", format="date"
    ),
]


def _answer(data: Any) -> Response[bytes]:
    return Response(content=dumps(data).encode("utf-8"), media_type=JSON, status_code=200)


def _library(state: State) -> PolicyLibrary:
    library: PolicyLibrary = state.library
    return library


def _day(text: str) -> Date:
    return parameter("as_of", text, parse_date)


@get(
    "/health",
    sync_to_thread=False,
    summary="Health",
    description="The service is up: its version and how many rulesets and criteria sets it serves.",
    tags=["service"],
    opt={"doc": Doc(ok=component("health"), errors=())},
)
def health(state: State) -> Response[bytes]:
    library = _library(state)
    return _answer(
        unstructure(
            Health(
                status="ok",
                version=__version__,
                rulesets=len(library.rulesets),
                criteria=len(library.criteria),
            )
        )
    )


@get(
    "/rulesets",
    sync_to_thread=False,
    summary="List the rulesets",
    description="Every ruleset version the service scores with: the embedded ones and those "
    "read from --ruleset-dir at start-up.",
    tags=["rulesets"],
    opt={"doc": Doc(ok=list_of(component("ruleset-summary")), errors=())},
)
def list_rulesets(state: State) -> Response[bytes]:
    entries = _library(state).rulesets
    return _answer([unstructure(ruleset_summary(e.ruleset, e.origin)) for e in entries])


@get(
    "/rulesets/{ref:str}",
    sync_to_thread=False,
    summary="Show a ruleset",
    description="One ruleset version, items resolved, with its TOML text. `ref` is ID@VERSION, "
    "or ID for the latest version in force.",
    tags=["rulesets"],
    opt={"doc": Doc(ok=component("ruleset-detail"), errors=(404,))},
)
def show_ruleset(
    state: State, ref: Annotated[str, PathParameter(description="ID@VERSION or ID")]
) -> Response[bytes]:
    try:
        entry = _library(state).ruleset_entry(ref)
    except InputError as exc:
        raise ProblemError(NOT_FOUND, exc.message) from None
    return _answer(unstructure(ruleset_detail(entry.ruleset, entry.origin, entry.toml)))


@post(
    "/rulesets/check",
    status_code=200,
    sync_to_thread=True,
    summary="Check a ruleset file",
    description="Validate a ruleset TOML file (an amendment's base is looked up among the "
    "rulesets the service serves). A file with faults is an answer, `valid` false with every "
    "fault, not a refusal.",
    tags=["rulesets"],
    opt={
        "doc": Doc(
            ok=component("ruleset-check"),
            body={"type": "string", "description": "a ruleset file (TOML)"},
            body_type="application/toml",
            errors=(400, 413),
        )
    },
)
def check_ruleset(state: State, request: Request[Any, Any, Any], body: RawBody) -> Response[bytes]:
    text = body_text(body, request.headers.get("content-type"))
    bases = [e.ruleset for e in _library(state).rulesets]
    try:
        ruleset = parse_ruleset(text, source="request body", bases=bases)
    except RulesetError as exc:
        return _answer(unstructure(ruleset_check(None, exc)))
    return _answer(unstructure(ruleset_check(ruleset)))


@post(
    "/integrity/score",
    status_code=200,
    sync_to_thread=True,
    summary="Score integrity-score bonuses",
    description="Score one submission (the answer is its result) or a list (the answer is a "
    "list in the same order, each element a result or, for a submission that could not be "
    "scored, its index and problems). Name several versions of one ruleset id with "
    "`ruleset` repeated: each record is judged by the version in force on its filing day.",
    tags=["integrity"],
    opt={
        "doc": Doc(
            ok=one_or_list(
                component("integrity-result"),
                {"anyOf": [component("integrity-result"), component("rejected-element")]},
            ),
            body=one_or_list(component("submission"), component("submission")),
            errors=(400, 413, 422),
        )
    },
)
def score(
    state: State,
    request: Request[Any, Any, Any],
    body: RawBody,
    ruleset: Annotated[
        list[str],
        QueryParameter(description="a ruleset ID@VERSION or ID; repeat for several versions"),
    ],
    as_of: AsOf,
) -> Response[bytes]:
    day = _day(as_of)
    rules = parameter("ruleset", "", lambda _: _library(state).history(ruleset))
    data = json_body(body, request.headers.get("content-type"))
    if isinstance(data, list):
        answers = []
        for outcome in score_many(data, rules, day):
            if isinstance(outcome, Rejected):
                answers.append(unstructure(rejected_element(outcome.position - 1, outcome.error)))
            else:
                answers.append(result_data(outcome))
        return _answer(answers)
    outcome = score_one(data, rules, day, position=1)
    if isinstance(outcome, Rejected):
        raise ProblemError.of(INVALID_BODY, InputError(outcome.error.problems))
    return _answer(result_data(outcome))


@get(
    "/uscc/{code:str}",
    sync_to_thread=False,
    summary="Check a credit code",
    description="Check a unified social credit code (统一社会信用代码) against GB 32100-2015. "
    "An invalid code is an answer (`valid` false, the first rule that failed), not a refusal.",
    tags=["enterprises"],
    opt={"doc": Doc(ok=component("code-check"), errors=())},
)
def check_code(
    code: Annotated[str, PathParameter(description="the code; spaces and case are forgiven")],
) -> Response[bytes]:
    return _answer(unstructure(code_check(code)))


@post(
    "/titles/assess",
    status_code=200,
    sync_to_thread=True,
    summary="Assess a title application",
    description="May the candidate apply for `level` on `as_of` under the criteria set, and "
    "what is missing (职称评价).",
    tags=["titles"],
    opt={
        "doc": Doc(
            ok=component("title-assessment"), body=component("candidate"), errors=(400, 413, 422)
        )
    },
)
def assess(
    state: State,
    request: Request[Any, Any, Any],
    body: RawBody,
    level: Annotated[
        str,
        QueryParameter(
            description="the title level applied for", enum=[t.value for t in TitleLevel]
        ),
    ],
    as_of: AsOf,
    criteria: Annotated[
        str,
        QueryParameter(description="a criteria set ID or ID@VERSION"),
    ] = DEFAULT_CRITERIA,
) -> Response[bytes]:
    day = _day(as_of)
    title = parameter("level", level, lambda text: structure(text, TitleLevel))
    chosen = parameter("criteria", criteria, _library(state).criteria_set)
    candidate = model(json_body(body, request.headers.get("content-type")), Candidate)
    return _answer(unstructure(assess_title(candidate, chosen, title, day)))


_SIDES = ("local", "provincial")


def _side(library: PolicyLibrary, document: Mapping[str, Any], key: str) -> Criteria:
    value = document.get(key)
    if value is None:
        raise InputError("required: a criteria set id, or a criteria document", path=key)
    if isinstance(value, str):
        try:
            return library.criteria_set(value)
        except InputError as exc:
            raise InputError(exc.message, path=key) from None
    if isinstance(value, Mapping):
        try:
            return criteria_from_data(value, source=key)
        except RulesetError as exc:
            raise InputError(
                [Problem(join_path(key, p.path), p.message) for p in exc.problems]
            ) from None
    raise InputError(
        "expected a criteria set id (text) or a criteria document (an object)", path=key
    )


@post(
    "/titles/compare",
    status_code=200,
    sync_to_thread=True,
    summary="Compare criteria sets",
    description="Is the local criteria set lower than the provincial one at any level "
    "(粤人社规〔2020〕33号)? Each side is a criteria set id, or a criteria document (the TOML "
    "file's tables as JSON, dates as YYYY-MM-DD text).",
    tags=["titles"],
    opt={
        "doc": Doc(
            ok=component("criteria-comparison"),
            body={
                "type": "object",
                "properties": {
                    side: {
                        "description": "a criteria set id (ID or ID@VERSION), or a criteria "
                        "document",
                        "anyOf": [reference("criteria"), component("criteria-file")],
                    }
                    for side in _SIDES
                },
                "required": list(_SIDES),
                "additionalProperties": False,
            },
            errors=(400, 413, 422),
        )
    },
)
def compare(state: State, request: Request[Any, Any, Any], body: RawBody) -> Response[bytes]:
    data = json_body(body, request.headers.get("content-type"))
    if not isinstance(data, Mapping):
        raise ProblemError(INVALID_BODY, "expected an object with local and provincial")
    problems = [Problem(key, "unknown key") for key in data if key not in _SIDES]
    sides: list[Criteria] = []
    for key in _SIDES:
        try:
            sides.append(_side(_library(state), data, key))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise ProblemError.of(INVALID_BODY, InputError(problems))
    local, provincial = sides
    return _answer(unstructure(compare_criteria(local, provincial)))


def _list(data: Any, what: str) -> list[Any]:
    if not isinstance(data, list):
        raise ProblemError(INVALID_BODY, f"expected a list of {what}")
    return data


@post(
    "/cqo/coverage",
    status_code=200,
    sync_to_thread=True,
    summary="CQO coverage of a registry",
    description="CQO coverage (首席质量官覆盖情况) on `as_of` of the enterprises in the body (a "
    "list of registry lines). A line that cannot be read is listed in `errors` with its "
    "index and problems; the others are counted.",
    tags=["cqo"],
    opt={
        "doc": Doc(
            ok=component("coverage"),
            body=list_of(component("registry-line")),
            errors=(400, 413, 422),
        )
    },
)
def cqo_coverage(request: Request[Any, Any, Any], body: RawBody, as_of: AsOf) -> Response[bytes]:
    day = _day(as_of)
    rows = _list(json_body(body, request.headers.get("content-type")), "registry lines")
    # Lines are numbered from 1 as in a file; an element's index is its number less one.
    registry = parse_registry(
        (Line(number, data) for number, data in enumerate(rows, start=1)), file="request body"
    )
    report = coverage(
        registry.enterprises, registry.appointments, day, trainings=registry.trainings
    )
    errors = (element_error(e) for e in registry.errors)
    return _answer(unstructure(coverage_document(report, errors)))


@post(
    "/impact",
    status_code=200,
    sync_to_thread=True,
    summary="Impact of a proposed ruleset",
    description="Score every submission of the body (a list) under `baseline` and `reform` on "
    "`as_of` and report who gains, by how much, and how rankings move (拟议记分标准影响分析). "
    "With `sweep=ITEM=V1,V2,...` the answer is a sweep: the comparison for each candidate "
    "point value of one reform item.",
    tags=["integrity"],
    opt={
        "doc": Doc(
            ok={"oneOf": [component("impact"), component("sweep")]},
            body=list_of(component("submission")),
            errors=(400, 413, 422),
        )
    },
)
def impact(
    state: State,
    request: Request[Any, Any, Any],
    body: RawBody,
    baseline: Annotated[str, QueryParameter(description="the ruleset in force, ID@VERSION")],
    reform: Annotated[str, QueryParameter(description="the proposed ruleset, ID@VERSION")],
    as_of: AsOf,
    sweep: Annotated[
        str | None, QueryParameter(description="ITEM=V1,V2,...: candidate points of one item")
    ] = None,
    bin_width: Annotated[
        str | None, QueryParameter(description="the histogram's bucket width, in points")
    ] = None,
) -> Response[bytes]:
    day = _day(as_of)
    library = _library(state)
    base = parameter("baseline", baseline, lambda ref: library.ruleset_entry(ref).ruleset)
    new = parameter("reform", reform, lambda ref: library.ruleset_entry(ref).ruleset)
    values = None if sweep is None else parameter("sweep", sweep, arguments.sweep_values)
    width = None if bin_width is None else parameter("bin_width", bin_width, arguments.bin_width)
    population = _list(json_body(body, request.headers.get("content-type")), "submissions")
    try:
        if values is not None:
            item, points = values
            result: Any = sweep_item(population, base, new, item, points, day)
        else:
            result = compare_rulesets(population, base, new, day, bin_width=width)
    except ZsQualityError as exc:  # an item the reform lacks, a width too fine for the deltas
        raise ProblemError.of(INVALID_PARAMETER, exc) from None
    return _answer(unstructure(result))


ROUTES = (
    health,
    list_rulesets,
    show_ruleset,
    check_ruleset,
    score,
    check_code,
    assess,
    compare,
    cqo_coverage,
    impact,
)
"""Every endpoint of the service (the OpenAPI document and the docs page are added by the app)."""
