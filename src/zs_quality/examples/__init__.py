"""Small example data files shipped with the package, used by the demo, the docs and the tests.

- ``population.jsonl``: integrity-score submissions of 12 fictitious Zhongshan construction
  enterprises.
- ``cqo_registry.jsonl``: a registry of fictitious manufacturers and their CQOs.
- ``association_training.jsonl``: the CQO Association's training since 2023 as
  中市监函〔2024〕179号 reports it: 8 town sessions (场), 20-odd classes (期) and 1,000-odd
  person-times (人次). The reply gives only these totals; the dates, towns and headcounts of the
  single sessions are illustrative, chosen so that the totals match (21 classes for "20余期", 1,044
  class person-times for "1000多人次").
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["example_path"]


def example_path(name: str) -> Path:
    """The path of the shipped example file ``name`` (e.g. ``population.jsonl``)."""
    path = Path(str(resources.files(__package__).joinpath(name)))
    if not path.is_file():
        raise FileNotFoundError(f"no example file {name!r}")
    return path
