"""Fail when a function of src/ is above the cyclomatic-complexity ceiling (CONTRIBUTING.md).

Reads `radon cc --json` output on standard input; prints every block above the ceiling and the
highest complexity found.
"""

import json
import sys

CEILING = 15

blocks = [
    (block["complexity"], f"{path}:{block['lineno']} {block['name']}")
    for path, found in json.load(sys.stdin).items()
    for block in found
    if isinstance(block, dict) and "complexity" in block
]
over = sorted(b for b in blocks if b[0] > CEILING)
for complexity, where in over:
    print(f"complexity {complexity} > {CEILING}: {where}")
print(f"highest cyclomatic complexity: {max(c for c, _ in blocks)} (ceiling {CEILING})")
sys.exit(1 if over else 0)
