"""The property run: schemathesis draws requests from the service's own OpenAPI document, valid
and invalid, and every answer must be no 5xx, a documented status and media type, and valid
against the schema the document gives for it.

The normal run draws a small budget per operation (:data:`BUDGET`); the fuzz run draws the fuzz
profile's 10,000 per operation: ``pytest -m fuzz --hypothesis-profile=fuzz
tests/test_server_properties.py``. The totals (requests, statuses, 5xx) are printed at the end of
the session.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.fuzz

# Examples per operation: the fuzz profile's budget when it is loaded, else a small one.
BUDGET = max(settings.default.max_examples, 1000) if settings.default.max_examples > 100 else 25

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

ANSWERS: Counter[tuple[str, int]] = Counter()
"""How often each operation answered each status (printed at the end of the session)."""


@schemathesis.serializer("application/toml")
def _toml(_context: Any, value: Any) -> bytes:
    # /rulesets/check takes a TOML file as text.
    return value.encode("utf-8") if isinstance(value, str) else str(value).encode("utf-8")


OPERATIONS_UNDER_TEST = [
    ("GET", "/health"),
    ("GET", "/rulesets"),
    ("GET", "/rulesets/{ref}"),
    ("POST", "/rulesets/check"),
    ("POST", "/integrity/score"),
    ("GET", "/uscc/{code}"),
    ("POST", "/titles/assess"),
    ("POST", "/titles/compare"),
    ("POST", "/cqo/coverage"),
    ("POST", "/impact"),
]


@pytest.fixture(scope="session")
def service_schema(service: str) -> Any:
    return schemathesis.openapi.from_url(f"{service}/openapi.json")


def test_every_operation_is_under_test(service_schema: Any) -> None:
    found = {(op.ok().method.upper(), op.ok().path) for op in service_schema.get_all_operations()}
    assert found == set(OPERATIONS_UNDER_TEST)


# An operation whose only inputs are free text (a path of any characters) has no invalid request
# to draw: it is drawn in the positive mode only.
NO_INVALID_FORM = {
    ("GET", "/health"),
    ("GET", "/rulesets"),
    ("GET", "/rulesets/{ref}"),
    ("GET", "/uscc/{code}"),
}
RUNS = [
    (method, path, mode)
    for method, path in OPERATIONS_UNDER_TEST
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode is GenerationMode.POSITIVE or (method, path) not in NO_INVALID_FORM
]


@pytest.mark.parametrize(("method", "path", "mode"), RUNS)
def test_no_answer_is_a_server_error_and_every_answer_fits_its_schema(
    service_schema: Any, method: str, path: str, mode: GenerationMode
) -> None:
    operation = service_schema[path][method]

    @settings(
        max_examples=BUDGET,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        response = case.call(timeout=60)
        ANSWERS[f"{method} {path}", response.status_code] += 1
        case.validate_response(response, checks=CHECKS)
        assert response.status_code < 500

    run()
