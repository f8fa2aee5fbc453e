"""Hypothesis settings profiles and the ``fuzz`` marker.

Hypothesis's ``default`` profile keeps the everyday run fast; ``ci`` (chosen when ``CI`` is set)
drops the per-example deadline; ``fuzz`` is the long run of the fuzz tests
(``pytest -m fuzz --hypothesis-profile=fuzz``, see docs/testing.md). ``HYPOTHESIS_PROFILE``
picks a profile too.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# CI shares its machine with whatever else runs: no per-example deadline there, so a slow moment
# cannot fail a property that holds.
settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
if "HYPOTHESIS_PROFILE" in os.environ:
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
elif os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "fuzz: property tests on arbitrary input; run long with the fuzz profile"
    )
