"""Golden outputs of the command line: every command on the example data and the scenario files.

Each case runs ``python -m zs_quality ARGS`` from the repository root and records its standard
output, standard error and exit status in ``tests/golden/<name>.out``; ``tests/test_golden.py``
compares them byte for byte, so a refactoring that changes what a user sees fails. After an
intended change of output, regenerate and review the diff::

    python tests/golden/commands.py        # rewrite every file
    python tests/golden/commands.py NAME   # only the cases whose name contains NAME

A case that writes a workbook names its file ``{workbook}``: the command writes it to a temporary
folder and the record holds what openpyxl reads back (sheets, frozen panes, filters, column widths
and every cell's value), not the bytes, whose zip entries and creation time vary.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPO = b"<repo>"
GOLDEN = Path(__file__).resolve().parent
INPUTS = "tests/golden/inputs"
EXAMPLES = "src/zs_quality/examples"
SCENARIOS = "tests/scenarios"
RULES = "src/zs_quality/rulesets"
B2024 = "zhongshan-construction-good-behaviour@2024"
CQO = "zhongshan-construction-good-behaviour@2024-cqo"
POPULATION = f"{EXAMPLES}/population.jsonl"
REGISTRY = f"{EXAMPLES}/cqo_registry.jsonl"
GD = "src/zs_quality/data/criteria/gd-quality-engineering.toml"
IMPACT = ["impact", "--baseline", B2024, "--reform", CQO, "--as-of", "2025-06-30"]
SWEEP = [*IMPACT, "--sweep", "JCQO-001=5,10.5,20"]

CASES: dict[str, list[str]] = {
    "demo-table": ["demo"],
    "demo-json": ["demo", "--format", "json"],
    "demo-2024": ["demo", "--as-of", "2024-12-31"],
    "uscc": ["uscc", " 91350100m000100y43", "91442000MA501K7X0G", "91350100M000100Y4Z", "1"],
    "ruleset-list": ["ruleset", "list"],
    "ruleset-show-2024": ["ruleset", "show", B2024],
    "ruleset-show-cqo": ["ruleset", "show", CQO],
    "ruleset-show-latest": ["ruleset", "show", "zhongshan-construction-good-behaviour"],
    "ruleset-show-unknown": ["ruleset", "show", "nope@1"],
    "ruleset-check-embedded": [
        "ruleset",
        "check",
        f"{RULES}/zhongshan-construction-good-behaviour-2024.toml",
    ],
    "ruleset-check-embedded-cqo": [
        "ruleset",
        "check",
        f"{RULES}/zhongshan-construction-good-behaviour-2024-cqo.toml",
    ],
    "ruleset-check-scenario-2020": [
        "ruleset",
        "check",
        f"{SCENARIOS}/rulesets/scenario-rules-2020.toml",
    ],
    "ruleset-check-scenario-2024": [
        "ruleset",
        "check",
        f"{SCENARIOS}/rulesets/scenario-rules-2024.toml",
    ],
    "ruleset-check-bad": ["ruleset", "check", f"{INPUTS}/bad-ruleset.toml"],
    "ruleset-check-syntax": ["ruleset", "check", f"{INPUTS}/bad-syntax.toml"],
    "ruleset-check-missing": ["ruleset", "check", f"{INPUTS}/no-such-file.toml"],
    "score-json": ["score", "--ruleset", CQO, "--as-of", "2025-06-30", POPULATION],
    "score-jsonl": [
        "score",
        "--ruleset",
        CQO,
        "--as-of",
        "2025-06-30",
        "--format",
        "jsonl",
        POPULATION,
    ],
    "score-csv": [
        "score",
        "--ruleset",
        CQO,
        "--as-of",
        "2025-06-30",
        "--format",
        "csv",
        POPULATION,
    ],
    "score-table": [
        "score",
        "--ruleset",
        B2024,
        "--as-of",
        "2025-06-30",
        "--format",
        "table",
        POPULATION,
    ],
    "score-csv-en": [
        "score",
        "--ruleset",
        CQO,
        "--as-of",
        "2025-06-30",
        "--format",
        "csv",
        "--lang",
        "en",
        POPULATION,
    ],
    # Records that earned points but are outside their validity period on the evaluation day.
    "score-table-expired": [
        "score",
        "--ruleset",
        B2024,
        "--as-of",
        "2026-06-30",
        "--format",
        "table",
        POPULATION,
    ],
    "score-table-not-yet-effective": [
        "score",
        "--ruleset",
        B2024,
        "--as-of",
        "2024-06-01",
        "--format",
        "table",
        "--lang",
        "en",
        POPULATION,
    ],
    "score-xlsx": [
        "score",
        "--ruleset",
        CQO,
        "--as-of",
        "2026-06-30",
        "--format",
        "xlsx",
        "--output",
        "{workbook}",
        POPULATION,
    ],
    "score-jobs": [
        "score",
        "--ruleset",
        CQO,
        "--as-of",
        "2025-06-30",
        "--jobs",
        "2",
        "--format",
        "jsonl",
        POPULATION,
    ],
    "score-mixed": [
        "score",
        "--ruleset",
        CQO,
        "--as-of",
        "2025-06-30",
        "--format",
        "jsonl",
        f"{INPUTS}/mixed.jsonl",
    ],
    "score-mixed-table": [
        "score",
        "--ruleset",
        CQO,
        "--as-of",
        "2025-06-30",
        "--format",
        "table",
        f"{INPUTS}/mixed.jsonl",
    ],
    "score-history": [
        "score",
        "--ruleset",
        f"{SCENARIOS}/rulesets/scenario-rules-2020.toml",
        "--ruleset",
        f"{SCENARIOS}/rulesets/scenario-rules-2024.toml",
        "--as-of",
        "2024-06-30",
        f"{SCENARIOS}/data/no-category.json",
    ],
    "score-unknown-ruleset": ["score", "--ruleset", "nope", "--as-of", "2025-06-30", POPULATION],
    "score-bad-ruleset": [
        "score",
        "--ruleset",
        f"{INPUTS}/bad-ruleset.toml",
        "--as-of",
        "2025-06-30",
        POPULATION,
    ],
    "cqo-coverage-json": ["cqo", "coverage", "--as-of", "2025-06-30", REGISTRY],
    "cqo-coverage-table": [
        "cqo",
        "coverage",
        "--as-of",
        "2025-06-30",
        "--format",
        "table",
        REGISTRY,
    ],
    "cqo-coverage-2024": [
        "cqo",
        "coverage",
        "--as-of",
        "2024-06-29",
        "--format",
        "table",
        REGISTRY,
    ],
    "cqo-coverage-scenario": [
        "cqo",
        "coverage",
        "--as-of",
        "2024-12-31",
        f"{SCENARIOS}/data/rounding-registry.jsonl",
    ],
    "cqo-coverage-bad": [
        "cqo",
        "coverage",
        "--as-of",
        "2025-06-30",
        f"{INPUTS}/bad-registry.jsonl",
    ],
    "titles-show-list": ["titles", "show"],
    "titles-show": ["titles", "show", "gd-quality-engineering"],
    "titles-show-unknown": ["titles", "show", "nope"],
    "titles-check": ["titles", "check", GD, f"{INPUTS}/zhongshan.toml"],
    "titles-check-bad": [
        "titles",
        "check",
        f"{INPUTS}/bad-criteria.toml",
        f"{INPUTS}/bad-syntax.toml",
    ],
    "titles-assess-json": [
        "titles",
        "assess",
        "--level",
        "engineer",
        "--as-of",
        "2024-07-01",
        f"{INPUTS}/wang.json",
    ],
    "titles-assess-table": [
        "titles",
        "assess",
        "--level",
        "engineer",
        "--as-of",
        "2024-07-01",
        "--format",
        "table",
        f"{INPUTS}/wang.json",
    ],
    "titles-assess-eligible": [
        "titles",
        "assess",
        "--level",
        "engineer",
        "--as-of",
        "2024-07-01",
        "--format",
        "table",
        f"{INPUTS}/chen.json",
    ],
    "titles-assess-local": [
        "titles",
        "assess",
        "--level",
        "engineer",
        "--as-of",
        "2023-07-01",
        "--criteria",
        f"{INPUTS}/zhongshan.toml",
        f"{INPUTS}/wang.json",
    ],
    "titles-assess-senior": [
        "titles",
        "assess",
        "--level",
        "senior_engineer",
        "--as-of",
        "2024-07-01",
        "--format",
        "table",
        f"{INPUTS}/chen.json",
    ],
    "titles-assess-technician": [
        "titles",
        "assess",
        "--level",
        "technician",
        "--as-of",
        "2024-07-01",
        f"{INPUTS}/chen.json",
    ],
    "titles-assess-bad": [
        "titles",
        "assess",
        "--level",
        "engineer",
        "--as-of",
        "2024-07-01",
        f"{INPUTS}/bad-candidate.json",
    ],
    "titles-assess-unknown-criteria": [
        "titles",
        "assess",
        "--level",
        "engineer",
        "--as-of",
        "2024-07-01",
        "--criteria",
        "nope",
        f"{INPUTS}/wang.json",
    ],
    "titles-compare-json": [
        "titles",
        "compare",
        f"{INPUTS}/zhongshan.toml",
        "gd-quality-engineering",
    ],
    "titles-compare-table": [
        "titles",
        "compare",
        "--format",
        "table",
        f"{INPUTS}/zhongshan.toml",
        "gd-quality-engineering",
    ],
    "titles-compare-same": ["titles", "compare", "--format", "table", "gd-quality-engineering", GD],
    "titles-compare-complete": [
        "titles",
        "compare",
        "--format",
        "table",
        f"{INPUTS}/city-lower.toml",
        f"{INPUTS}/province-complete.toml",
    ],
    "impact-json": [*IMPACT, POPULATION],
    "impact-table": [*IMPACT, "--format", "table", POPULATION],
    "impact-html": [*IMPACT, "--format", "html", POPULATION],
    "impact-bins": [*IMPACT, "--bin-width", "2.5", "--format", "table", POPULATION],
    "impact-mixed": [*IMPACT, "--format", "table", f"{INPUTS}/mixed.jsonl"],
    "impact-sweep-json": [*SWEEP, POPULATION],
    "impact-sweep-table": [*SWEEP, "--format", "table", POPULATION],
    "impact-sweep-html": [*SWEEP, "--format", "html", POPULATION],
    "impact-sweep-unknown-item": [*IMPACT, "--sweep", "NOPE-1=1,2", POPULATION],
    "test-scenarios": ["test", SCENARIOS],
    "test-scenarios-verbose": ["test", "-v", SCENARIOS],
    "schema-list": ["schema", "--list"],
    "schema-submission": ["schema", "submission"],
    "schema-ruleset-file": ["schema", "ruleset-file"],
    "schema-unknown": ["schema", "nope"],
    # serve stops before it listens (exit 2) on a bad folder or option; a listening service is
    # not deterministic output and is tested over HTTP (tests/test_server.py).
    "serve-bad-policy": ["serve", "--ruleset-dir", INPUTS, "--port", "1"],
    "serve-not-a-folder": ["serve", "--ruleset-dir", POPULATION, "--port", "1"],
    "serve-bad-size": ["serve", "--max-body-size", "lots", "--port", "1"],
}


def _cell(value: object) -> object:
    # openpyxl reads a date cell as a datetime at midnight: the record shows the date.
    return value.date().isoformat() if isinstance(value, datetime.datetime) else value


def workbook_text(path: Path) -> bytes:
    """What openpyxl reads back from a workbook: each sheet's layout, then a JSON line a row."""
    import openpyxl  # the test extra

    lines = []
    for sheet in openpyxl.load_workbook(path).worksheets:
        widths = [
            f"{d.min}-{d.max}:{d.width:g}"
            for d in sheet.column_dimensions.values()
            if d.customWidth
        ]
        lines.append(
            f"## {sheet.title}  frozen {sheet.freeze_panes}  filter {sheet.auto_filter.ref}  "
            f"widths {' '.join(widths)}"
        )
        for row in sheet.iter_rows(values_only=True):
            lines.append(json.dumps([_cell(v) for v in row], ensure_ascii=False))
    return "\n".join(lines).encode() + b"\n"


def run(args: list[str]) -> bytes:
    """The golden record of one command: its stdout, stderr and exit status (and the workbook it
    wrote, read back, when it writes one)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "COLUMNS"))}
    env["PYTHONIOENCODING"] = "utf-8"
    env["COLUMNS"] = "100"
    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / "out.xlsx"
        done = subprocess.run(
            [sys.executable, "-m", "zs_quality", *(a.format(workbook=workbook) for a in args)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=300,
            check=False,
        )
        written = b"--- workbook\n" + workbook_text(workbook) if workbook.exists() else b""
    record = b"".join(
        [
            b"$ zs-quality " + " ".join(args).encode() + b"\n",
            b"--- exit status\n" + str(done.returncode).encode() + b"\n",
            b"--- stdout\n" + done.stdout,
            b"--- stderr\n" + done.stderr,
            written,
        ]
    )
    # The demo names the installed example file by its absolute path, which depends on where the
    # checkout is: the record holds <repo> in its place.
    return record.replace(str(ROOT).encode(), REPO)


def path_of(name: str) -> Path:
    return GOLDEN / f"{name}.out"


def main(argv: list[str]) -> int:
    names = [n for n in CASES if not argv or any(a in n for a in argv)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for name, output in zip(names, pool.map(lambda n: run(CASES[n]), names), strict=True):
            path_of(name).write_bytes(output)
            print(f"wrote {path_of(name).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
