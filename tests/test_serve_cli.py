"""``zs-quality serve`` before it listens: options, bad policy data, a missing extra."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

from zs_quality.cli import main
from zs_quality.cli.serve import body_size
from zs_quality.errors import InputError, RulesetError
from zs_quality.io.answers import Origin
from zs_quality.server import PolicyLibrary, ServiceConfig

RULES = Path(__file__).parent / "scenarios" / "rulesets"


@pytest.mark.parametrize(
    ("text", "size"),
    [("1", 1), ("1048576", 1048576), ("512K", 512 * 1024), ("16MiB", 16 << 20), ("2 kib", 2048)],
)
def test_body_sizes(text: str, size: int) -> None:
    assert body_size(text) == size


@pytest.mark.parametrize("text", ["0", "-1", "1.5M", "16GB", "", "MiB"])
def test_bad_body_sizes(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="expected a size"):
        body_size(text)


def test_a_bad_policy_file_stops_the_service_before_it_listens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.toml").write_text('schema = 1\n[ruleset]\nid = "x"\n', "utf-8")
    assert main(["serve", "--ruleset-dir", str(tmp_path), "--port", "1"]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'bad.toml'}" in err
    assert "ruleset.version: required key is missing" in err


def test_a_file_of_neither_kind_or_a_repeated_reference_is_refused(tmp_path: Path) -> None:
    (tmp_path / "other.toml").write_text("schema = 1\n[towns]\n", "utf-8")
    with pytest.raises(RulesetError, match="neither a ruleset file"):
        PolicyLibrary.load(tmp_path)
    (tmp_path / "other.toml").unlink()
    text = (RULES / "scenario-rules-2024.toml").read_text("utf-8")
    (tmp_path / "a.toml").write_text(text, "utf-8")
    (tmp_path / "b.toml").write_text(text, "utf-8")
    with pytest.raises(RulesetError, match="scenario-rules@2024 is already known"):
        PolicyLibrary.load(tmp_path)
    with pytest.raises(RulesetError, match="not a folder"):
        PolicyLibrary.load(tmp_path / "a.toml")


def test_references_resolve_as_on_the_command_line() -> None:
    library = PolicyLibrary.load(RULES)
    assert {e.ref: e.origin for e in library.rulesets}["scenario-rules@2020"] is Origin.RULESET_DIR
    assert library.ruleset_entry("scenario-rules").ruleset.version == "2024"
    assert library.criteria_set("gd-quality-engineering@2019").id == "gd-quality-engineering"
    with pytest.raises(InputError, match="known: "):
        library.criteria_set("gd-quality-engineering@1999")
    history = library.history(["scenario-rules@2020", "scenario-rules@2024"])
    assert [v.version for v in history.versions] == ["2020", "2024"]  # type: ignore[union-attr]


def test_without_the_extra_serve_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    assert main(["serve"]) == 2
    assert "pip install 'zs_quality[server]'" in capsys.readouterr().err


def test_worker_options_travel_as_json() -> None:
    config = ServiceConfig(ruleset_dir=RULES, max_body=1234)
    assert ServiceConfig.from_json(config.to_json()) == config
    assert ServiceConfig.from_json(ServiceConfig().to_json()) == ServiceConfig()
