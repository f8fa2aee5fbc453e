"""``python -m zs_quality.schemas``: write the shipped schema files anew from the models."""

from __future__ import annotations

from pathlib import Path

from zs_quality.schemas import write_schemas

if __name__ == "__main__":  # pragma: no cover - a maintenance command, run by hand
    for path in write_schemas(Path(__file__).parent / "json"):
        print(path)
