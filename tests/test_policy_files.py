"""Policy files (issue 11): a load reads only the files its chain needs, chains cannot loop, every
year count is bounded, unknown ids are lookup errors, population functions refuse text, and the
impact figures refuse absurd widths and values."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from impact_support import AS_OF, BASELINE, POPULATION, REFORM
from integrity_support import ruleset_text
from zs_quality import (
    InputError,
    RulesetError,
    UnknownReferenceError,
    ZsQualityError,
    compare_rulesets,
    coverage,
    load_criteria,
    load_ruleset,
    sweep_item,
)
from zs_quality.cli import main
from zs_quality.examples import example_path
from zs_quality.io.population import read_population
from zs_quality.policy import rulesets as ruleset_files
from zs_quality.policy.criteria import criteria_text
from zs_quality.policy.decode import MAX_YEARS
from zs_quality.policy.qualification import qualification_rules_from_toml
from zs_quality.policy.towns import default_towns
from zs_quality.rules import coverage as coverage_rules
from zs_quality.rules import impact as impact_rules
from zs_quality.rules.statistics import MAX_GIVEN_BUCKETS, histogram

AMENDMENT = """
schema = 1
[ruleset]
id = "test-rules"
version = "{version}"
extends = "{base}"
{extra}
title = "修订"
jurisdiction = "中山市"
reference = "测试〔2024〕2号"
status = "proposed"
effective_from = 2024-01-01

[[items]]
code = "Z"
categories = ["supervision"]
level = "municipal"
description = "新增"
points = 5
validity_years = 1
"""


def amendment(version: str = "2", base: str = "1", extra: str = "") -> str:
    return AMENDMENT.format(version=version, base=base, extra=extra)


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    real = ruleset_files.read_text

    def spy(path: str | Path, **options: Any) -> str:
        read.append(Path(path).name)
        return real(path, **options)

    monkeypatch.setattr(ruleset_files, "read_text", spy)
    return read


# --- A load reads only its chain ------------------------------------------------------------------


def test_a_load_reads_the_file_and_its_base_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "test-rules-1.toml").write_text(ruleset_text(), encoding="utf-8")
    (tmp_path / "amend.toml").write_text(amendment(), encoding="utf-8")
    (tmp_path / "broken.toml").write_text("schema = [", encoding="utf-8")
    (tmp_path / "huge.toml").write_text("# x\n" * 2_000_000, encoding="utf-8")
    read = _reads(monkeypatch)
    rules = load_ruleset(tmp_path / "amend.toml")
    assert set(rules.items) == {"A", "P", "G", "N", "Z"}
    assert read == ["amend.toml", "test-rules-1.toml"]


def test_a_plain_file_reads_no_sibling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "rules.toml").write_text(ruleset_text(), encoding="utf-8")
    (tmp_path / "broken.toml").write_text("schema = [", encoding="utf-8")
    read = _reads(monkeypatch)
    load_ruleset(tmp_path / "rules.toml")
    assert read == ["rules.toml"]


def test_an_amendment_names_its_base_file(tmp_path: Path) -> None:
    (tmp_path / "bases").mkdir()
    (tmp_path / "bases" / "v1.toml").write_text(ruleset_text(), encoding="utf-8")
    text = amendment(extra='extends_file = "bases/v1.toml"')
    (tmp_path / "amend.toml").write_text(text, encoding="utf-8")
    assert "Z" in load_ruleset(tmp_path / "amend.toml").items


def test_a_base_file_holding_another_version_is_refused(tmp_path: Path) -> None:
    (tmp_path / "other.toml").write_text(ruleset_text(version="7"), encoding="utf-8")
    text = amendment(extra='extends_file = "other.toml"')
    (tmp_path / "amend.toml").write_text(text, encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        load_ruleset(tmp_path / "amend.toml")
    assert info.value.path == "ruleset.extends_file"
    assert "holds test-rules@7, not test-rules@1" in info.value.message


def test_a_missing_base_names_where_it_was_looked_for(tmp_path: Path) -> None:
    (tmp_path / "amend.toml").write_text(amendment(), encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        load_ruleset(tmp_path / "amend.toml")
    assert info.value.path == "ruleset.extends"
    assert "test-rules-1.toml beside the file" in info.value.message


def test_a_version_that_extends_itself_is_refused(tmp_path: Path) -> None:
    # Before: it silently extended the shipped ruleset of that version.
    text = amendment(version="2024", base="2024").replace(
        'id = "test-rules"', 'id = "zhongshan-construction-good-behaviour"'
    )
    (tmp_path / "self.toml").write_text(text, encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        load_ruleset(tmp_path / "self.toml")
    assert (info.value.path, info.value.message) == (
        "ruleset.extends",
        "version '2024' cannot extend itself",
    )


def test_a_circular_chain_is_an_error_naming_the_chain(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(
        amendment(version="2", base="3", extra='extends_file = "b.toml"'), encoding="utf-8"
    )
    (tmp_path / "b.toml").write_text(
        amendment(version="3", base="2", extra='extends_file = "a.toml"'), encoding="utf-8"
    )
    with pytest.raises(RulesetError) as info:
        load_ruleset(tmp_path / "a.toml")
    message = info.value.message
    assert message.startswith("the extends chain comes back to test-rules@2: ")
    assert "test-rules@2 (" in message
    assert " -> test-rules@3 (" in message


def test_extends_file_without_extends_is_refused() -> None:
    text = ruleset_text().replace(
        "submission_window_years = 1", 'extends_file = "x.toml"\nsubmission_window_years = 1'
    )
    with pytest.raises(RulesetError) as info:
        ruleset_files.parse_ruleset(text, source="x.toml")
    assert info.value.path == "ruleset.extends_file"


# --- Year counts are bounded ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("validity_years = 3", "validity_years = 100000", "items[A].validity_years"),
        (
            "submission_window_years = 1",
            "submission_window_years = 100000",
            "ruleset.submission_window_years",
        ),
    ],
)
def test_ruleset_check_refuses_a_year_count_beyond_the_maximum(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, path: str
) -> None:
    text = ruleset_text()
    assert old in text
    file = tmp_path / "rules.toml"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["ruleset", "check", str(file)]) == 2
    assert f"{path}: must be at most {MAX_YEARS} years, got 100000" in capsys.readouterr().err


def test_the_maximum_itself_is_accepted() -> None:
    text = ruleset_text().replace("validity_years = 3", f"validity_years = {MAX_YEARS}", 1)
    assert ruleset_files.parse_ruleset(text, source="x.toml").items["A"].validity_years == MAX_YEARS


def test_titles_check_refuses_a_year_count_beyond_the_maximum(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = criteria_text("gd-quality-engineering")
    old = "min_years_in_title = { master = 2, bachelor = 4, college = 4 }"
    assert old in text
    file = tmp_path / "local.toml"
    file.write_text(text.replace(old, old.replace("bachelor = 4", "bachelor = 100000")), "utf-8")
    assert main(["titles", "check", str(file)]) == 2
    out = capsys.readouterr().out
    assert "levels[engineer].min_years_in_title.bachelor: must be at most 100 years" in out


def test_qualification_rules_refuse_a_training_validity_beyond_the_maximum() -> None:
    text = (
        example_path("population.jsonl").parent.parent / "data" / "cqo_qualification.toml"
    ).read_text("utf-8")
    with pytest.raises(RulesetError) as info:
        qualification_rules_from_toml(
            text.replace("training_valid_years = 3", "training_valid_years = 100000", 1),
            file="q.toml",
        )
    assert info.value.path == "groups[large_medium].training_valid_years"


# --- Unknown ids are lookup errors ------------------------------------------------------------------


def test_unknown_ids_are_lookup_errors_not_malformed_files() -> None:
    for load in (lambda: load_ruleset("nope@1"), lambda: load_criteria("nope")):
        with pytest.raises(UnknownReferenceError) as info:
            load()
        assert isinstance(info.value, LookupError)
        assert isinstance(info.value, ZsQualityError)
        assert not isinstance(info.value, RulesetError)


def test_the_cli_exits_2_for_an_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ruleset", "show", "nope"]) == 2
    assert "no embedded ruleset 'nope'" in capsys.readouterr().err


# --- Population functions take iterables of models --------------------------------------------------


@pytest.mark.parametrize("text", ["pop.jsonl", b"pop.jsonl"])
def test_population_functions_refuse_text(text: str | bytes) -> None:
    with pytest.raises(TypeError, match=r"not (str|bytes)"):
        compare_rulesets(text, BASELINE, REFORM, AS_OF)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"not (str|bytes)"):
        sweep_item(text, BASELINE, REFORM, "A", [Decimal(1)], AS_OF)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"not (str|bytes)"):
        coverage(text, [], AS_OF)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"not (str|bytes)"):
        list(read_population(text))  # type: ignore[arg-type]
    towns = default_towns()
    with pytest.raises(TypeError, match=r"not (str|bytes)"):
        impact_rules.compare_rulesets(text, BASELINE, REFORM, AS_OF, towns=towns)  # type: ignore[arg-type]


def test_the_core_takes_models_and_names_what_it_got() -> None:
    with pytest.raises(TypeError, match="is a dict, not a Submission"):
        impact_rules.compare_rulesets(
            [dict(POPULATION[0])], BASELINE, REFORM, AS_OF, towns=default_towns()
        )


def test_coverage_refuses_text_for_appointments() -> None:
    with pytest.raises(TypeError, match="appointments must be an iterable"):
        coverage_rules.coverage([], "x", AS_OF, sizes=None, towns=None)  # type: ignore[arg-type]


# --- Guards of the impact figures -------------------------------------------------------------------


def test_a_width_making_too_many_buckets_is_an_input_error() -> None:
    # The boundary: 0 to 99.99 in cents is exactly the most buckets; to 100, one more.
    most = [Decimal(0), Decimal("99.99")]
    assert len(histogram(most, Decimal("0.01")).buckets) == MAX_GIVEN_BUCKETS
    values = [Decimal(0), Decimal(100)]
    with pytest.raises(InputError, match="more than"):
        histogram(values, Decimal("0.01"))
    with pytest.raises(InputError) as info:
        histogram(values, Decimal("1e-9"))
    assert info.value.path == "bin_width"
    assert f"more than {MAX_GIVEN_BUCKETS} buckets" in info.value.message
    with pytest.raises(InputError, match="more than"):
        histogram(values, Decimal("1e-999999"))


def test_the_cli_reports_an_absurd_bin_width(capsys: pytest.CaptureFixture[str]) -> None:
    population = str(example_path("population.jsonl"))
    args = ["impact", "--baseline", "zhongshan-construction-good-behaviour@2024"]
    args += ["--reform", "zhongshan-construction-good-behaviour@2024-cqo", "--as-of", "2025-06-30"]
    # The command refuses it as a usage error before reading (zs_quality.limits.MIN_BIN_WIDTH);
    # the library's own guard on the bucket count is tested above.
    with pytest.raises(SystemExit) as info:
        main([*args, "--bin-width", "1e-9", population])
    assert info.value.code == 2
    assert "--bin-width: must be at least 0.01 points" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["1e999999", "1000000001"])
def test_sweep_values_beyond_the_maximum_are_input_errors(value: str) -> None:
    with pytest.raises(InputError) as info:
        sweep_item(POPULATION, BASELINE, REFORM, "A", [Decimal(value)], AS_OF)
    assert info.value.path == "sweep"
    assert f"at most {impact_rules.MAX_POINTS}" in info.value.message


def test_the_maximum_sweep_value_is_computed() -> None:
    sweep = sweep_item(POPULATION, BASELINE, REFORM, "A", [impact_rules.MAX_POINTS], AS_OF)
    assert sweep.points[0].value == impact_rules.MAX_POINTS
