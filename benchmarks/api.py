"""The library API end to end: ``zs_quality.batch.score_jsonl`` from a JSON Lines file to another.

Usage: ``python benchmarks/api.py RULESET AS_OF INPUT.jsonl OUT.jsonl ERRORS.jsonl``.
"""

from __future__ import annotations

import sys

from zs_quality.batch import score_jsonl
from zs_quality.rulesets import load_history


def main() -> None:
    ruleset, as_of, source, out_path, errors_path = sys.argv[1:6]
    rules = load_history([ruleset])
    with (
        open(out_path, "w", encoding="utf-8") as out,
        open(errors_path, "w", encoding="utf-8") as errors,
    ):
        counts = score_jsonl(source, out, rules, as_of, errors=errors)
    print(
        f"api: read {counts.read}, scored {counts.scored}, rejected {counts.rejected}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
