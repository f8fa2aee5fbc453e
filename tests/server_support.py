"""A real ``zs-quality serve`` on a free port of 127.0.0.1, for tests that talk HTTP to it."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from zs_quality.cli import main

SCENARIO_RULESETS = Path(__file__).parent / "scenarios" / "rulesets"
STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def running_server(*options: str) -> Iterator[str]:
    """Start ``zs-quality serve`` with ``options`` and yield its base URL; stop it after.

    The port is found free just before the start; should another process take it in between,
    the server fails to start and the next free port is tried (three times at most)."""
    for _ in range(3):
        port = _free_port()
        command = [sys.executable, "-m", "zs_quality", "serve", "--host", "127.0.0.1"]
        command += ["--port", str(port), "--log-level", "warning", *options]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            if _wait_until_up(process, base):
                yield base
                return
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:  # pragma: no cover - a server that will not stop
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()
    raise RuntimeError("the server did not start")


def _wait_until_up(process: subprocess.Popen[bytes], base: str) -> bool:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    return False


def cli_json(capsys: Any, *args: str) -> tuple[int, Any]:
    """Run the command line in-process and parse what it printed as JSON."""
    status = main(list(args))
    out = capsys.readouterr().out
    return status, json.loads(out)
