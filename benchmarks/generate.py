"""Seeded synthetic populations of integrity-score submissions, as JSON Lines.

The mix follows the platform's shape: mostly supervision and ready-mixed-concrete enterprises with
a few records each (0 to 12, about 4 on average), documents dated over the 21 months before the
evaluation day (with a few after it), filings usually within weeks of the document date. A share of every kind of case the rules decide
is mixed in: late filings, records over an annual cap, expired and not-yet-effective awards,
duplicated document numbers, pending reviews, unknown items, wrong categories, undefined grades,
filings dated before their document, and submissions that cannot be read at all (bad codes,
missing names, impossible dates, unknown keys, broken JSON).

Usage: ``python benchmarks/generate.py ENTERPRISES OUT.jsonl [--seed N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator
from typing import Any, TextIO

from zs_quality.model.uscc import CHARSET, check_character, organisation_check_digit

# (category, share of enterprises, items it files for).
CATEGORIES = (
    ("supervision", 0.72, ("JJL-001", "JJL-002", "JJL-003", "JJL-003", "JJL-004", "JJL-004")),
    ("ready_mixed_concrete", 0.23, ("JHNT-001", "JHNT-003", "JHNT-005", "JHNT-005")),
    ("design", 0.05, ("JJL-003",)),
)
TOWNS = ("石岐街道", "东区街道", "火炬开发区", "小榄镇", "古镇镇", "坦洲镇", "三乡镇", "黄圃镇")
FIRST_DAY = dt.date(2023, 10, 1)
SPAN_DAYS = (dt.date(2025, 7, 31) - FIRST_DAY).days


def uscc(serial: int) -> str:
    """A valid code (GB 32100-2015) for a serial number: 91, Zhongshan's 442000, an organisation
    code of 8 characters and its GB 11714 check digit, and the check character."""
    digits = []
    for _ in range(8):
        serial, rest = divmod(serial, 31)
        digits.append(CHARSET[rest])
    organisation = "".join(reversed(digits))
    body = "91442000" + organisation + organisation_check_digit(organisation)
    return body + check_character(body)


def _record(rng: random.Random, index: int, items: tuple[str, ...], numbers: list[str]) -> Any:
    document = FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS))
    roll = rng.random()
    if roll < 0.06:
        delay = rng.randrange(366, 500)  # late
    elif roll < 0.08:
        delay = -rng.randrange(1, 30)  # filed before the document date: invalid
    else:
        delay = rng.randrange(0, 90)
    item = rng.choice(items)
    if rng.random() < 0.02:
        item = "JCQO-001"  # not an item of the 2024 version
    if rng.random() < 0.3 and numbers:
        number = rng.choice(numbers)  # the same document filed again (duplicate if same item)
    else:
        number = f"中建协〔{document.year}〕{rng.randrange(1, 400)}号"
        numbers.append(number)
    record: dict[str, Any] = {
        "id": f"r{index}",
        "item": item,
        "document_date": document.isoformat(),
        "submitted_on": (document + dt.timedelta(days=delay)).isoformat(),
        "document_no": number if rng.random() < 0.95 else None,
        "status": "approved" if rng.random() < 0.9 else rng.choice(("pending", "rejected")),
    }
    if rng.random() < 0.01:
        record["grade"] = "一等奖"  # no shipped item defines grades: invalid
    if rng.random() < 0.2:
        record["issuer"] = "中山市住房和城乡建设局"
    return record


def _corrupt(rng: random.Random, data: dict[str, Any]) -> str:
    """A submission the library must reject, as the line it would find in a file."""
    kind = rng.randrange(5)
    enterprise = data["enterprise"]
    if kind == 0:
        enterprise["uscc"] = enterprise["uscc"][:17] + (
            "0" if enterprise["uscc"][17] != "0" else "1"
        )
    elif kind == 1:
        del enterprise["name"]
    elif kind == 2 and data["records"]:
        data["records"][0]["document_date"] = "2024-02-30"
    elif kind == 3:
        data["remark"] = "unknown key"
    else:
        return json.dumps(data, ensure_ascii=False)[:-7]  # a truncated line
    return json.dumps(data, ensure_ascii=False)


def submissions(count: int, seed: int) -> Iterator[str]:
    """``count`` JSON Lines, one submission each, the same for the same seed."""
    rng = random.Random(seed)
    weights = [share for _, share, _ in CATEGORIES]
    for serial in range(count):
        category, _, items = rng.choices(CATEGORIES, weights)[0]
        numbers: list[str] = []
        size = min(12, int(rng.expovariate(1 / 4.6)))
        data = {
            "enterprise": {
                "uscc": uscc(serial),
                "name": f"中山示例建设企业{serial}有限公司",
                "category": category,
                "town": rng.choice(TOWNS),
                "sector": "construction",
            },
            "records": [_record(rng, i, items, numbers) for i in range(1, size + 1)],
        }
        if rng.random() < 0.005:
            yield _corrupt(rng, data)
        else:
            yield json.dumps(data, ensure_ascii=False)


def write(count: int, seed: int, out: TextIO) -> None:
    """Write ``count`` submissions to ``out``."""
    for line in submissions(count, seed):
        out.write(line + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("enterprises", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8") as out:
        write(args.enterprises, args.seed, out)


if __name__ == "__main__":
    main()
