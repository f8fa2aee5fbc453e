"""A seeded synthetic population for batch tests: the benchmark's generator, loaded by path."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from zs_quality.batch import Rejected

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def generator() -> ModuleType:
    """``benchmarks/generate.py`` as a module."""
    spec = importlib.util.spec_from_file_location("zs_bench_generate", BENCHMARKS / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def population(count: int, seed: int = 11) -> list[str]:
    """``count`` JSON Lines (some of them bad submissions), the same for the same seed."""
    return list(generator().submissions(count, seed))


def parses(line: str) -> bool:
    """Whether ``line`` is JSON (some lines of the population are not)."""
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def comparable(outcomes: Iterable[Any]) -> list[Any]:
    """Outcomes to compare: a rejection by its position and message (errors compare by identity)."""
    return [
        (o.position, str(o.error), o.error.problems_data()) if isinstance(o, Rejected) else o
        for o in outcomes
    ]
