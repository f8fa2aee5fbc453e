"""Helpers shared by the title-evaluation tests: small criteria written as TOML, and candidates."""

from __future__ import annotations

import re
from typing import Any

import attrs

from zs_quality.convert import structure
from zs_quality.model.criteria import Criteria, Transcription
from zs_quality.model.titles import Candidate
from zs_quality.policy.criteria import parse_criteria

HEAD = """
schema = 1
[criteria]
id = "test"
version = "1"
jurisdiction = "测试"
authority = "provincial"
reference = "测试〔2024〕1号"
"""

ENGINEER = """
[[levels]]
level = "engineer"
requires_title = "assistant_engineer"
min_years_in_title = { master = 2, bachelor = 4, college = 4 }
"""


def criteria(body: str, *, head: str = HEAD, level: str = ENGINEER) -> Criteria:
    """A criteria set from TOML: the header, one engineer level, then ``body`` (its groups)."""
    return parse_criteria(head + level + body, source="test.toml")


def candidate(*evidence: dict[str, Any], **fields: Any) -> Candidate:
    """A bachelor holding assistant_engineer since 2020-07-01 with ``evidence`` dated 2022-01-01
    unless they say otherwise; ``fields`` override the rest."""
    data: dict[str, Any] = {
        "name": "测试",
        "education": "bachelor",
        "current_title": {"level": "assistant_engineer", "obtained_on": "2020-07-01"},
        "evidence": [
            {"id": f"e{i}", "date": "2022-01-01", **item} for i, item in enumerate(evidence, 1)
        ],
    }
    data.update(fields)
    return structure(data, Candidate)


def as_complete(c: Criteria) -> Criteria:
    """``c`` with every level, group and condition marked completely transcribed: the shipped
    shapes, for tests of what the comparison concludes between complete sets."""
    done = Transcription.COMPLETE
    return attrs.evolve(
        c,
        levels=tuple(
            attrs.evolve(
                lc,
                transcription=done,
                untranscribed_parts=(),
                groups=tuple(
                    attrs.evolve(
                        g,
                        transcription=done,
                        conditions=tuple(attrs.evolve(x, transcription=done) for x in g.conditions),
                    )
                    for g in lc.groups
                ),
            )
            for lc in c.levels
        ),
    )


_MARKS = re.compile(r'^(transcription = "[a-z]+"|untranscribed_parts = \[[^]]*\])\n', re.M)


def complete_text(text: str) -> str:
    """Criteria TOML ``text`` without its transcription marks (so: completely transcribed)."""
    return _MARKS.sub("", text)
