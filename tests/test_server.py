"""The HTTP service, over real HTTP: each endpoint answers as the command line does, refusals are
problem details with field paths, limits hold, and no request reaches a file."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from browser_support import dump_dom
from server_support import SCENARIO_RULESETS, cli_json, running_server
from zs_quality.examples import example_path
from zs_quality.limits import MAX_POINTS, MAX_SWEEP_VALUES, MIN_BIN_WIDTH
from zs_quality.policy.criteria import criteria_text
from zs_quality.policy.toml import parse_toml
from zs_quality.rulesets import embedded_source, load_ruleset
from zs_quality.schemas import load_schema, schema_names

BASE = "zhongshan-construction-good-behaviour@2024"
REFORM = "zhongshan-construction-good-behaviour@2024-cqo"
CRITERIA = "gd-quality-engineering"
POPULATION = example_path("population.jsonl")
REGISTRY = example_path("cqo_registry.jsonl")
CODE = "91350100M000100Y43"
IMPACT = ("impact", "--baseline", BASE, "--reform", REFORM, "--as-of", "2025-06-30")
PATHS = {
    "/health",
    "/rulesets",
    "/rulesets/{ref}",
    "/rulesets/check",
    "/integrity/score",
    "/uscc/{code}",
    "/titles/assess",
    "/titles/compare",
    "/cqo/coverage",
    "/impact",
}


def lines(path: Path) -> list[Any]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def assert_problem(answer: httpx.Response, status: int, kind: str, *paths: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = answer.json()
    assert Draft202012Validator(load_schema("problem-details")).is_valid(problem)
    assert problem["type"] == f"urn:zs-quality:problem:{kind}"
    assert problem["status"] == status
    assert [p["path"] for p in problem["problems"]] == list(paths), problem
    return problem


@pytest.fixture
def client(service: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=service, timeout=60) as session:
        yield session


# --- Service documents ------------------------------------------------------------------------


def test_health(client: httpx.Client) -> None:
    answer = client.get("/health")
    assert answer.status_code == 200
    assert answer.json() | {"version": "-"} == {
        "status": "ok",
        "version": "-",
        "rulesets": 4,
        "criteria": 1,
    }


def test_the_openapi_document_describes_every_endpoint_with_the_shipped_schemas(
    client: httpx.Client,
) -> None:
    document = client.get("/openapi.json").json()
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) == PATHS
    schemas = document["components"]["schemas"]
    assert set(schema_names()) <= set(schemas)
    # Every reference resolves inside the document.
    refs = set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(document)))
    assert refs <= set(schemas)
    # The shipped schema's own fields, as shipped, its references placed in the document.
    shipped = json.dumps(load_schema("submission")["$defs"]["IntegrityRecord"])
    assert schemas["IntegrityRecord"] == json.loads(
        shipped.replace("#/$defs/", "#/components/schemas/")
    )
    # Input and output forms of one class differ (required fields, decimals as text).
    assert "Candidate.input" in schemas
    assert "Candidate.output" in schemas
    score = document["paths"]["/integrity/score"]["post"]
    assert {"200", "400", "413", "422", "default"} <= set(score["responses"])
    assert score["responses"]["422"]["content"]["application/problem+json"]["schema"] == {
        "$ref": "#/components/schemas/problem-details"
    }


def test_the_docs_page_works_offline(client: httpx.Client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert urls
    assert not [u for u in urls if "//" in u], "every asset is served by the service itself"
    for url in urls:
        asset = client.get("/" + url)
        assert asset.status_code == 200, url
        assert len(asset.content) > 100
    assert 'url: "openapi.json"' in page.text


def test_unknown_paths_and_methods_are_problem_details(client: httpx.Client) -> None:
    assert_problem(client.get("/nowhere"), 404, "not-found", "")
    assert_problem(client.delete("/health"), 405, "method-not-allowed", "")
    assert_problem(client.get("/docs/static/../../../../etc/passwd"), 404, "not-found", "")


# --- Rulesets -------------------------------------------------------------------------------


def test_rulesets_lists_the_embedded_and_the_loaded(client: httpx.Client) -> None:
    listed = {r["ref"]: r["origin"] for r in client.get("/rulesets").json()}
    assert listed == {
        BASE: "embedded",
        REFORM: "embedded",
        "scenario-rules@2020": "ruleset_dir",
        "scenario-rules@2024": "ruleset_dir",
    }


def test_a_ruleset_is_shown_resolved_with_its_toml(client: httpx.Client) -> None:
    shown = client.get(f"/rulesets/{REFORM}").json()
    reform = load_ruleset(REFORM)
    assert shown["toml"] == embedded_source(reform)
    assert [i["code"] for i in shown["items"]] == list(reform.items)
    assert shown["status"] == "proposed"
    assert Draft202012Validator(load_schema("ruleset-detail")).is_valid(shown)
    # ID alone is the latest version in force, as on the command line.
    assert client.get("/rulesets/scenario-rules").json()["version"] == "2024"
    assert_problem(client.get("/rulesets/scenario-rules@1999"), 404, "not-found", "")


def test_checking_a_ruleset(client: httpx.Client) -> None:
    text = (SCENARIO_RULESETS / "scenario-rules-2024.toml").read_text("utf-8")
    good = client.post("/rulesets/check", content=text.encode()).json()
    assert good == {
        "valid": True,
        "ref": "scenario-rules@2024",
        "status": "in_force",
        "items": 2,
        "assumed": [],
        "problems": [],
    }
    # An amendment finds its base among the rulesets the service serves.
    amendment = embedded_source(load_ruleset(REFORM))
    checked = client.post("/rulesets/check", content=amendment.encode()).json()
    assert checked["valid"] is True
    # The items with an assumed value, as `ruleset check` lists them (JJL-*: their categories).
    assert checked["assumed"] == [
        "JCQO-001",
        "JCQO-002",
        "JJL-001",
        "JJL-002",
        "JJL-003",
        "JJL-004",
    ]
    bad = text.replace("points = 15", 'points = "15"').replace("validity_years = 5", "")
    refused = client.post("/rulesets/check", content=bad.encode()).json()
    assert refused["valid"] is False
    assert [p["path"] for p in refused["problems"]] == [
        "items[S-001].points",
        "items[S-001].validity_years",
    ]
    broken = client.post("/rulesets/check", content=b"[ruleset\nid = 1").json()
    assert broken["valid"] is False
    assert "not valid TOML" in broken["problems"][0]["message"]


def test_checking_a_ruleset_never_reads_a_file(client: httpx.Client, tmp_path: Path) -> None:
    # A base a client names by extends_file exists on the server's disk and is a valid ruleset;
    # the service looks for an amendment's base only among the rulesets it serves.
    base = (SCENARIO_RULESETS / "scenario-rules-2024.toml").read_text("utf-8")
    base = base.replace('id = "scenario-rules"', 'id = "elsewhere"')
    assert 'id = "elsewhere"' in base
    (tmp_path / "elsewhere-2024.toml").write_text(base, "utf-8")
    amendment = (
        'schema = 1\n[ruleset]\nid = "elsewhere"\nversion = "2025"\ntitle = "t"\n'
        'jurisdiction = "j"\nreference = "r"\nstatus = "proposed"\n'
        'effective_from = 2025-01-01\nextends = "2024"\n'
    )
    for extends_file in (str(tmp_path / "elsewhere-2024.toml"), "elsewhere-2024.toml"):
        text = amendment + f"extends_file = {json.dumps(extends_file)}\n"
        checked = client.post("/rulesets/check", content=text.encode()).json()
        assert checked["valid"] is False, checked
        assert [p["path"] for p in checked["problems"]] == ["ruleset.extends"]
        assert "not found" in checked["problems"][0]["message"]
    # The same amendment read as a file beside its base does find it (the test is not vacuous).
    (tmp_path / "amendment.toml").write_text(amendment, "utf-8")
    assert str(load_ruleset(tmp_path / "amendment.toml").ref) == "elsewhere@2025"


# --- Integrity scores -------------------------------------------------------------------------


def _score(client: httpx.Client, body: Any, **query: Any) -> httpx.Response:
    params = {"ruleset": REFORM, "as_of": "2025-06-30"} | query
    return client.post("/integrity/score", params=params, json=body)


def test_scoring_answers_as_the_cli(
    client: httpx.Client, capsys: pytest.CaptureFixture[str]
) -> None:
    population = lines(POPULATION)
    _, expected = cli_json(
        capsys, "score", "--ruleset", REFORM, "--as-of", "2025-06-30", str(POPULATION)
    )
    assert _score(client, population).json() == expected
    one = _score(client, population[0])
    assert one.status_code == 200
    assert one.json() == expected[0]


def test_a_list_keeps_its_order_and_says_which_elements_were_rejected(
    client: httpx.Client,
) -> None:
    good = lines(POPULATION)[:2]
    bad = json.loads(json.dumps(good[0]))
    bad["records"][0]["document_date"] = "2024-13-01"
    answers = _score(client, [good[0], bad, "text", good[1]]).json()
    assert [a.get("index") for a in answers] == [None, 1, 2, None]
    assert answers[1]["problems"] == [
        {"path": "records[0].document_date", "message": "'2024-13-01' is not a date (no such day)"}
    ]
    assert answers[2]["problems"] == [
        {"path": "", "message": "expected an object, got a string 'text'"}
    ]
    assert answers[3]["uscc"] == good[1]["enterprise"]["uscc"]
    assert _score(client, []).json() == []


def test_an_enterprise_listed_twice_is_rejected_the_second_time(
    client: httpx.Client, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # As the command line rejects it (one enterprise, one score), element by element.
    good = lines(POPULATION)[:2]
    body = [good[0], good[1], good[0]]
    answers = _score(client, body).json()
    assert [a.get("index") for a in answers] == [None, None, 2]
    [problem] = answers[2]["problems"]
    assert problem["path"] == "enterprise.uscc"
    assert "is listed twice" in problem["message"]
    file = tmp_path / "twice.jsonl"  # one element a line: positions are line numbers
    file.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in body), "utf-8")
    query = {"baseline": BASE, "reform": REFORM, "as_of": "2025-06-30"}
    _, expected = cli_json(capsys, *IMPACT, str(file))
    answer = client.post("/impact", params=query, json=body).json()
    assert [r["position"] for r in answer["rejected"]] == [3]
    assert "is listed twice" in answer["rejected"][0]["error"]
    # The command line's error names the file it read; otherwise the answers are the same.
    assert {k: v for k, v in answer.items() if k != "rejected"} == {
        k: v for k, v in expected.items() if k != "rejected"
    }
    assert [r["position"] for r in expected["rejected"]] == [3]


def test_a_single_bad_submission_is_422_with_every_problem(client: httpx.Client) -> None:
    body = {"enterprise": {"uscc": CODE[:-1] + "4", "name": "x"}, "records": [{}], "x": 1}
    assert_problem(
        _score(client, body),
        422,
        "invalid-body",
        "enterprise.uscc",
        "records[0].id",
        "records[0].item",
        "records[0].document_date",
        "records[0].submitted_on",
        "x",
    )


@pytest.mark.parametrize(
    ("query", "paths", "message"),
    [
        ({"as_of": "2025-02-30"}, ["as_of"], "'2025-02-30' is not a date (no such day)"),
        ({"as_of": "30/06/2025"}, ["as_of"], "'30/06/2025' is not a date (expected YYYY-MM-DD)"),
        ({"ruleset": "no-such-rules@1"}, ["ruleset"], "no ruleset 'no-such-rules@1'"),
        (
            {"ruleset": ["scenario-rules@2024", BASE]},
            ["ruleset", "ruleset"],
            "versions of different ids",
        ),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(
    client: httpx.Client, query: dict[str, Any], paths: list[str], message: str
) -> None:
    problem = assert_problem(
        _score(client, lines(POPULATION)[0], **query), 400, "invalid-parameter", *paths
    )
    assert message in problem["problems"][0]["message"]


def test_a_missing_parameter_is_named(client: httpx.Client) -> None:
    answer = client.post("/integrity/score", params={"as_of": "2025-06-30"}, json={})
    assert_problem(answer, 400, "invalid-parameter", "ruleset")


def test_a_reference_is_never_a_path(client: httpx.Client) -> None:
    # A real ruleset file, named by its path, is an unknown reference: nothing is read.
    path = str((SCENARIO_RULESETS / "scenario-rules-2024.toml").resolve())
    for ref in (path, "../scenarios/rulesets/scenario-rules-2024.toml", "/etc/passwd"):
        assert_problem(_score(client, {}, ruleset=ref), 400, "invalid-parameter", "ruleset")
        assert client.get("/rulesets/" + ref.replace("/", "%2F")).status_code == 404
    answer = client.post(
        "/titles/assess",
        params={"level": "engineer", "as_of": "2024-07-01", "criteria": path},
        json={},
    )
    assert_problem(answer, 400, "invalid-parameter", "criteria")


@pytest.mark.parametrize(
    ("body", "headers", "message"),
    [
        (b"{", {}, "not valid JSON"),
        (b"", {}, "not valid JSON"),
        (b'{"a": NaN}', {}, "NaN is not a number JSON allows"),
        (b"\xff\xfe{}", {}, "the file is UTF-16"),
        (b'{"a": \xff}', {}, "cannot be read as utf-8: byte 0xff"),
        (b"{}", {"content-type": "application/json; charset=klingon"}, "unknown encoding"),
        (b"{}", {"content-type": "application/json; charset=utf-16"}, "is not supported"),
        (b"[" * 100_000, {}, "at most 32 levels are read"),
        (b"1" + b"0" * 5000, {}, "is too large"),
        (b'{"a": 1, "a": 2}', {}, "the key 'a' is given twice"),
    ],
)
def test_an_unreadable_body_is_400(
    client: httpx.Client, body: bytes, headers: dict[str, str], message: str
) -> None:
    answer = client.post(
        "/integrity/score",
        params={"ruleset": BASE, "as_of": "2025-06-30"},
        content=body,
        headers=headers,
    )
    problem = assert_problem(answer, 400, "unreadable-body", "")
    assert message in problem["detail"]


def test_a_body_in_gbk_or_with_a_byte_order_mark_is_read(client: httpx.Client) -> None:
    submission = lines(POPULATION)[0]
    text = json.dumps(submission, ensure_ascii=False)
    expected = _score(client, submission).json()
    for body, charset in ((text.encode("gbk"), "gbk"), (b"\xef\xbb\xbf" + text.encode(), "utf-8")):
        answer = client.post(
            "/integrity/score",
            params={"ruleset": REFORM, "as_of": "2025-06-30"},
            content=body,
            headers={"content-type": f"application/json; charset={charset}"},
        )
        assert answer.json() == expected


# --- Codes, titles, coverage, impact --------------------------------------------------------


@pytest.mark.parametrize("code", [" 91350100m000100y43", "91350100M000100Y4Z", "x", "中文"])
def test_codes_are_checked_as_by_the_cli(
    client: httpx.Client, capsys: pytest.CaptureFixture[str], code: str
) -> None:
    _, expected = cli_json(capsys, "uscc", code)
    assert client.get("/uscc/" + httpx.URL(code).raw_path.decode()).json() == expected


@pytest.fixture
def candidate(tmp_path: Path) -> tuple[Path, Any]:
    data = load_schema("candidate")["examples"][0]
    path = tmp_path / "candidate.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path, data


@pytest.mark.parametrize("level", ["technician", "engineer", "professorate_senior_engineer"])
def test_assessing_answers_as_the_cli(
    client: httpx.Client,
    capsys: pytest.CaptureFixture[str],
    candidate: tuple[Path, Any],
    level: str,
) -> None:
    path, data = candidate
    args = ("titles", "assess", "--level", level, "--as-of", "2024-07-01", str(path))
    _, expected = cli_json(capsys, *args)
    query = {"level": level, "as_of": "2024-07-01"}
    assert client.post("/titles/assess", params=query, json=data).json() == expected
    assert (
        client.post("/titles/assess", params=query | {"criteria": CRITERIA}, json=data).json()
        == expected
    )


def test_assess_refusals(client: httpx.Client, candidate: tuple[Path, Any]) -> None:
    _, data = candidate
    query = {"level": "chief", "as_of": "2024-07-01"}
    problem = assert_problem(
        client.post("/titles/assess", params=query, json=data), 400, "invalid-parameter", "level"
    )
    assert "'chief' is not one of: technician" in problem["detail"]
    query = {"level": "engineer", "as_of": "2024-07-01", "criteria": "nope"}
    assert_problem(
        client.post("/titles/assess", params=query, json=data), 400, "invalid-parameter", "criteria"
    )
    bad = data | {"evidence": [{"id": "a", "kind": "prize", "date": "2024-01-01"}]}
    query = {"level": "engineer", "as_of": "2024-07-01"}
    assert_problem(
        client.post("/titles/assess", params=query, json=bad),
        422,
        "invalid-body",
        "evidence[0].kind",
    )


def _lower_criteria(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    text = criteria_text(CRITERIA).replace("at_least = 3", "at_least = 2", 1)
    text = text.replace(f'id = "{CRITERIA}"', 'id = "zs-local"').replace(
        'authority = "provincial"', 'authority = "municipal"'
    )
    path = tmp_path / "local.toml"
    path.write_text(text, "utf-8")
    data = parse_toml(text, file="local")
    # The TOML file's tables as JSON: dates as text.
    return path, json.loads(json.dumps(data, default=str))


def test_comparing_answers_as_the_cli(
    client: httpx.Client, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, document = _lower_criteria(tmp_path)
    status, expected = cli_json(capsys, "titles", "compare", str(path), CRITERIA)
    assert status == 1
    answer = client.post("/titles/compare", json={"local": document, "provincial": CRITERIA})
    assert answer.status_code == 200
    assert answer.json() == expected
    _, same = cli_json(capsys, "titles", "compare", CRITERIA, CRITERIA)
    assert (
        client.post(
            "/titles/compare", json={"local": CRITERIA, "provincial": f"{CRITERIA}@2019"}
        ).json()
        == same
    )


def test_compare_refusals(client: httpx.Client, tmp_path: Path) -> None:
    _, document = _lower_criteria(tmp_path)
    document["levels"][0]["level"] = "chief"
    body = {"local": document, "provincial": "nope", "third": 1}
    problem = assert_problem(
        client.post("/titles/compare", json=body),
        422,
        "invalid-body",
        "third",
        "local.levels[chief].level",
        "provincial",
    )
    assert "no criteria set 'nope'" in problem["problems"][2]["message"]
    assert_problem(client.post("/titles/compare", json=[1]), 422, "invalid-body", "")


def test_coverage_answers_as_the_cli(
    client: httpx.Client, capsys: pytest.CaptureFixture[str]
) -> None:
    _, expected = cli_json(capsys, "cqo", "coverage", "--as-of", "2024-06-30", str(REGISTRY))
    registry = lines(REGISTRY)
    assert (
        client.post("/cqo/coverage", params={"as_of": "2024-06-30"}, json=registry).json()
        == expected
    )


def test_coverage_lists_bad_elements_by_index(client: httpx.Client) -> None:
    registry = lines(REGISTRY)[:3]
    bad = registry[1] | {"employees": -1}
    answer = client.post(
        "/cqo/coverage",
        params={"as_of": "2024-06-30"},
        json=[registry[0], bad, registry[0], registry[2]],
    ).json()
    assert answer["errors"] == [
        {
            "file": None,
            "line": None,
            "index": 1,
            "problems": [{"path": "employees", "message": "-1 is negative"}],
        },
        {
            "file": None,
            "line": None,
            "index": 2,
            "problems": [
                {
                    "path": "uscc",
                    "message": f"enterprise {registry[0]['uscc']} is listed twice (first at "
                    "line 1): a population lists each enterprise once",
                }
            ],
        },
    ]
    assert len(answer["enterprises"]) == 2
    assert_problem(
        client.post("/cqo/coverage", params={"as_of": "2024-06-30"}, json={}),
        422,
        "invalid-body",
        "",
    )


def test_impact_and_sweep_answer_as_the_cli(
    client: httpx.Client, capsys: pytest.CaptureFixture[str]
) -> None:
    population = lines(POPULATION)
    query = {"baseline": BASE, "reform": REFORM, "as_of": "2025-06-30"}
    _, expected = cli_json(capsys, *IMPACT, "--bin-width", "5", str(POPULATION))
    assert (
        client.post("/impact", params=query | {"bin_width": "5"}, json=population).json()
        == expected
    )
    _, expected = cli_json(capsys, *IMPACT, "--sweep", "JCQO-001=5,10,20", str(POPULATION))
    assert (
        client.post("/impact", params=query | {"sweep": "JCQO-001=5,10,20"}, json=population).json()
        == expected
    )


def test_impact_refusals(client: httpx.Client) -> None:
    query = {"baseline": BASE, "reform": REFORM, "as_of": "2025-06-30"}
    for extra, path in (
        ({"sweep": "JCQO-001"}, "sweep"),
        ({"sweep": "NOPE=1"}, "sweep"),
        ({"bin_width": "-1"}, "bin_width"),
        # The command line's bounds (zs_quality.limits), through the same parsers.
        ({"bin_width": str(MIN_BIN_WIDTH / 10)}, "bin_width"),
        ({"bin_width": "1e999999999"}, "bin_width"),
        ({"sweep": "JCQO-001=" + ",".join(["1"] * (MAX_SWEEP_VALUES + 1))}, "sweep"),
        ({"sweep": f"JCQO-001={MAX_POINTS * 10}"}, "sweep"),
        ({"reform": "x@1"}, "reform"),
    ):
        assert_problem(
            client.post("/impact", params=query | extra, json=[]), 400, "invalid-parameter", path
        )


# --- Limits and concurrency -------------------------------------------------------------------


def test_a_body_over_the_limit_is_413_announced_or_streamed() -> None:
    body = json.dumps(lines(POPULATION)).encode()
    assert len(body) > 4096
    params = {"ruleset": BASE, "as_of": "2025-06-30"}
    with running_server("--max-body-size", "4KiB") as base, httpx.Client(base_url=base) as client:
        assert_problem(
            client.post("/integrity/score", params=params, content=body), 413, "body-too-large", ""
        )

        def chunks() -> Iterator[bytes]:  # no Content-Length: the size is counted as it streams
            for start in range(0, len(body), 1000):
                yield body[start : start + 1000]

        streamed = client.post("/integrity/score", params=params, content=chunks())
        assert_problem(streamed, 413, "body-too-large", "")
        small = json.dumps(lines(POPULATION)[0]).encode()
        assert client.post("/integrity/score", params=params, content=small).status_code == 200


def test_concurrent_clients_get_the_cli_answers(capsys: pytest.CaptureFixture[str]) -> None:
    population = lines(POPULATION)
    _, scored = cli_json(
        capsys, "score", "--ruleset", REFORM, "--as-of", "2025-06-30", str(POPULATION)
    )
    _, covered = cli_json(capsys, "cqo", "coverage", "--as-of", "2024-06-30", str(REGISTRY))
    registry = lines(REGISTRY)
    jobs: list[tuple[str, dict[str, Any], Any, Any]] = []
    for index, submission in enumerate(population):
        jobs.append(
            (
                "/integrity/score",
                {"ruleset": REFORM, "as_of": "2025-06-30"},
                submission,
                scored[index],
            )
        )
        jobs.append(("/cqo/coverage", {"as_of": "2024-06-30"}, registry, covered))
    with (
        running_server("--workers", "2") as base,
        httpx.Client(base_url=base, timeout=60) as client,
    ):

        def call(job: tuple[str, dict[str, Any], Any, Any]) -> bool:
            path, params, body, expected = job
            return bool(client.post(path, params=params, json=body).json() == expected)

        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(call, jobs * 4))
    assert len(results) == 4 * len(jobs)
    assert all(results)


def test_the_integrators_guide_covers_every_endpoint_and_refusal(client: httpx.Client) -> None:
    from zs_quality.server.problems import KINDS

    page = (Path(__file__).parent.parent / "docs" / "service.md").read_text("utf-8")
    for path, item in client.get("/openapi.json").json()["paths"].items():
        for method in item:
            assert f"`{method.upper()} {path}" in page, (method, path)
        assert f"http://127.0.0.1:8000{path.split('{')[0]}" in page, path
    for kind in KINDS:
        assert f"| {kind.status} | `{kind.name}` |" in page, kind.name


def test_the_docs_page_renders_in_chromium_with_every_other_host_unreachable(
    service: str, tmp_path: Path
) -> None:
    dom = dump_dom(
        f"{service}/docs",
        tmp_path,
        # An air-gapped network: no name resolves but the service's address.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--virtual-time-budget=20000",
    )
    shown = set(re.findall(r'class="opblock-summary-path" data-path="([^"]+)"', dom))
    assert shown == PATHS
