"""``zs-quality serve``: the rules over HTTP (needs the ``server`` extra)."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

from zs_quality.cli.args import jobs_count
from zs_quality.limits import MAX_REQUEST_BODY

__all__ = ["add_parser", "body_size", "run"]

_SIZE = re.compile(r"(\d+)\s*(k|kib|m|mib)?", re.IGNORECASE)
_UNITS = {None: 1, "k": 1024, "kib": 1024, "m": 1024 * 1024, "mib": 1024 * 1024}


def body_size(text: str) -> int:
    """argparse type for ``--max-body-size``: bytes, or KiB/MiB with a suffix (``512K``,
    ``16MiB``); at least 1 byte."""
    found = _SIZE.fullmatch(text.strip())
    if found is None or int(found.group(1)) < 1:
        raise argparse.ArgumentTypeError(
            f"expected a size such as 1048576, 512KiB or 16MiB: {text!r}"
        )
    unit = found.group(2)
    return int(found.group(1)) * _UNITS[None if unit is None else unit.lower()]


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the rules over HTTP (extra: zs_quality[server])",
        description=(
            "Serve the rules as a JSON HTTP API (OpenAPI document at /openapi.json, docs page at "
            "/docs). Rulesets and criteria files in --ruleset-dir are loaded at start-up and "
            "named in requests by ID@VERSION, beside the embedded ones. Needs "
            "pip install 'zs_quality[server]'. Exit 2 when a policy file is bad."
        ),
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    parser.add_argument(
        "--ruleset-dir",
        type=Path,
        metavar="DIR",
        help="load every ruleset and criteria file (*.toml) of DIR at start-up",
    )
    parser.add_argument(
        "--workers", type=jobs_count, default=1, metavar="N", help="worker processes (default 1)"
    )
    parser.add_argument(
        "--max-body-size",
        type=body_size,
        default=MAX_REQUEST_BODY,
        metavar="SIZE",
        help=f"refuse larger request bodies with 413 (default {MAX_REQUEST_BODY // 2**20}MiB)",
    )
    parser.add_argument(
        "--log-level",
        default="info",
        choices=("critical", "error", "warning", "info", "debug"),
        help="uvicorn's log level (default info)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from zs_quality.server.app import CONFIG_VARIABLE, ServiceConfig, create_app
    except ImportError as exc:
        print(
            f"zs-quality: error: serve needs the server extra ({exc.name} is missing): "
            "pip install 'zs_quality[server]'",
            file=sys.stderr,
        )
        return 2
    config = ServiceConfig(ruleset_dir=args.ruleset_dir, max_body=args.max_body_size)
    # Built here first, so a bad policy file stops the command before any worker starts.
    app = create_app(config)
    common: dict[str, Any] = {"host": args.host, "port": args.port, "log_level": args.log_level}
    if args.workers == 1:
        uvicorn.run(app, **common)
    else:
        os.environ[CONFIG_VARIABLE] = config.to_json()
        uvicorn.run(
            "zs_quality.server.app:app_from_environment",
            factory=True,
            workers=args.workers,
            **common,
        )
    return 0
