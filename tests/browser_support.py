"""Headless Chromium for tests that look at a page as a person's browser shows it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def dump_dom(url: str, tmp_path: Path, *flags: str) -> str:
    """The DOM of ``url`` after its scripts ran; skips the test when Chromium is missing."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    result = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            *flags,
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout
