"""Small example data files shipped with the package, used by the demo, the docs and the tests."""

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
