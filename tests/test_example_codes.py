"""Every code the project ships as an example is one a real enterprise could hold (issue 12).

A code-shaped token in the package, the docs, the tests or the benchmarks whose check character
holds must also pass the strict checks (the GB 11714 digit of positions 9-17): an example that
only the lenient parse accepts would teach users an impossible code. Tokens that are invalid on
purpose fail the lenient parse too and are not examples; the few that demonstrate the GB 11714
warning itself are listed here by file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zs_quality.errors import ZsQualityError
from zs_quality.model.uscc import CHARSET, USCC

ROOT = Path(__file__).resolve().parent.parent
PLACES = ("README.md", "docs", "src", "tests", "benchmarks")
SUFFIXES = {".md", ".py", ".toml", ".json", ".jsonl", ".csv", ".out", ".txt", ".rst", ".html"}
TOKEN = re.compile(rf"(?<![0-9A-Za-z])[{CHARSET}]{{18}}(?![0-9A-Za-z])")

# Codes that show the GB 11714 warning on purpose: the CLI guide's example of `warnings`, its
# test, and this file's own check that the scan finds one.
DEMONSTRATIONS = {
    "docs/cli.md": {"91442000MA5000101J"},
    "tests/test_cli.py": {"91442000MA5000101J"},
    "tests/test_example_codes.py": {"91442000MA5000101J"},
}


def _files() -> list[Path]:
    found: list[Path] = []
    for place in PLACES:
        path = ROOT / place
        candidates = [path] if path.is_file() else path.rglob("*")
        found += [p for p in candidates if p.suffix in SUFFIXES and "__pycache__" not in p.parts]
    return sorted(found)


def _warned(text: str) -> set[str]:
    warned = set()
    for token in set(TOKEN.findall(text)):
        try:
            code = USCC.parse(token)
        except ZsQualityError:
            continue  # invalid on purpose: not an example of a valid code
        if code.warnings:
            warned.add(token)
    return warned


def test_the_scan_reaches_the_shipped_examples() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in _files()}
    assert "src/zs_quality/examples/population.jsonl" in names
    assert "docs/cli.md" in names
    assert _warned("x 91442000MA5000101J y") == {"91442000MA5000101J"}


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_valid_example_code_passes_the_strict_checks(path: Path) -> None:
    name = path.relative_to(ROOT).as_posix()
    text = path.read_text(encoding="utf-8", errors="replace")
    assert _warned(text) <= DEMONSTRATIONS.get(name, set())
