"""Hypothesis settings profiles and the ``fuzz`` marker.

A test must pass on any machine, with any seed, however loaded the machine is:

* ``everyday`` (loaded unless another is asked for): hypothesis's default number of examples,
  no per-example deadline and no ``too_slow`` health check. Both are timings, and a timing on a
  shared two-core machine is luck; speed is measured by the benchmarks (``benchmarks/``), never
  by a test.
* ``ci`` (chosen when ``CI`` is set): only the deadline setting, kept for CI configurations that
  name it; it is the everyday profile.
* ``fuzz``: the long run of the fuzz tests, 10,000 examples a test
  (``pytest -m fuzz --hypothesis-profile=fuzz``, see docs/testing.md).

``HYPOTHESIS_PROFILE`` picks a profile too. No test filters its examples so hard that the
``filter_too_much`` health check could fail it: strategies build what they need.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("everyday", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", deadline=None, parent=settings.get_profile("everyday"))
settings.register_profile("fuzz", max_examples=10_000, parent=settings.get_profile("everyday"))
if "HYPOTHESIS_PROFILE" in os.environ:
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
elif os.environ.get("CI"):
    settings.load_profile("ci")
else:
    settings.load_profile("everyday")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "fuzz: property tests on arbitrary input; run long with the fuzz profile"
    )


@pytest.fixture(scope="session")
def service() -> Iterator[str]:
    """The base URL of a real ``zs-quality serve`` shared by the service tests, with the
    scenario files' rulesets loaded from ``--ruleset-dir``."""
    from server_support import SCENARIO_RULESETS, running_server

    with running_server("--ruleset-dir", str(SCENARIO_RULESETS)) as base:
        yield base


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the property run's totals, when it ran (tests/test_server_properties.py)."""
    import sys

    module = sys.modules.get("test_server_properties")
    answers = getattr(module, "ANSWERS", None)
    if not answers:
        return
    operations = sorted({operation for operation, _ in answers})
    errors = sum(n for (_, status), n in answers.items() if status >= 500)
    terminalreporter.write_sep("-", "service property run")
    terminalreporter.write_line(
        f"{sum(answers.values())} requests over {len(operations)} operations "
        f"(budget {module.BUDGET} examples a run); 5xx answers: {errors}"  # type: ignore[union-attr]
    )
    for operation in operations:
        statuses = sorted((s, n) for (o, s), n in answers.items() if o == operation)
        terminalreporter.write_line(
            f"  {operation}: " + ", ".join(f"{s} x{n}" for s, n in statuses)
        )
