"""The command line: entry points, --help everywhere, the uscc command."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version

import pytest

from zs_quality import __version__
from zs_quality.cli import build_parser, main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_the_installed_version_is_the_one_the_package_states() -> None:
    # pyproject.toml takes the version from zs_quality/__init__.py; a stale install would differ.
    assert version("zs_quality") == __version__


def _commands() -> list[list[str]]:
    """Every command path, e.g. ["uscc"], ["score"], ["ruleset", "check"]."""
    found: list[list[str]] = []

    def walk(parser: object, prefix: list[str]) -> None:
        subs = getattr(parser, "_subparsers", None)
        if subs is None:
            found.append(prefix)
            return
        for action in subs._group_actions:
            for name, child in action.choices.items():
                walk(child, [*prefix, name])

    walk(build_parser(), [])
    return found


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([*command, "--help"])
    assert info.value.code == 0
    assert "usage: zs-quality" in capsys.readouterr().out


def test_uscc_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["uscc", " 91350100m000100y43"]) == 0
    line = json.loads(capsys.readouterr().out)
    assert line == {
        "input": " 91350100m000100y43",
        "valid": True,
        "normalized": "91350100M000100Y43",
        "error": None,
        "rule": None,
        "warnings": [],
    }


# Positions 9-17 "MA5000101" break the GB 11714 check digit (it should be "2"); the check
# character of GB 32100 is right.
_BAD_ORGANISATION_CODE = "91442000MA5000101J"


def test_uscc_command_warns_of_an_organisation_code_check_digit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["uscc", _BAD_ORGANISATION_CODE]) == 0
    line = json.loads(capsys.readouterr().out)
    assert line["valid"] is True
    assert line["warnings"] == [
        "position 17: the organisation-code (GB 11714) check digit is '1', expected '2'"
    ]


def test_uscc_command_strict_refuses_an_organisation_code_check_digit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["uscc", "--strict", _BAD_ORGANISATION_CODE, "91350100M000100Y43"]) == 1
    bad, good = (json.loads(x) for x in capsys.readouterr().out.splitlines())
    assert (bad["valid"], bad["rule"], good["valid"]) == (False, "organisation_code", True)


def test_uscc_command_exits_1_when_any_is_invalid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["uscc", "91350100M000100Y43", "91350100M000100Y4Z"]) == 1
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["valid"] for x in lines] == [True, False]
    assert lines[1]["error"] == "position 18: check character is 'Z', expected '3'"
    assert lines[1]["rule"] == "check"


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "zs_quality", "uscc", "91350100M000100Y43"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["valid"] is True
