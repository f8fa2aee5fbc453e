"""Loading rulesets: the shipped data, amendments, and every malformed case named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrity_support import ITEMS, ruleset, ruleset_text
from zs_quality import RulesetError, UnknownReferenceError
from zs_quality.model.enterprise import ConstructionCategory
from zs_quality.rulesets import (
    RulesetHistory,
    RulesetStatus,
    embedded_rulesets,
    embedded_source,
    load_history,
    load_ruleset,
    parse_ruleset,
)

BASE_ID = "zhongshan-construction-good-behaviour"


def test_the_2024_rows_known_from_the_platform() -> None:
    rules = load_ruleset(f"{BASE_ID}@2024")
    assert rules.status is RulesetStatus.IN_FORCE
    assert rules.submission_window_years == 1
    table = {
        code: (str(i.points), None if i.annual_cap is None else str(i.annual_cap), i.validity_years)
        for code, i in rules.items.items()
    }
    assert table == {
        "JJL-001": ("100", "100", 3),
        "JJL-002": ("50", "100", 2),
        "JJL-003": ("20", "100", 1),
        "JJL-004": ("30", "60", 3),
        "JHNT-001": ("50", None, 3),
        "JHNT-002": ("50", None, 3),
        "JHNT-003": ("30", None, 2),
        "JHNT-004": ("30", None, 2),
        "JHNT-005": ("20", None, 1),
        "JHNT-006": ("20", None, 1),
        "JHNT-007": ("50", None, 3),
    }
    assert rules.items["JJL-001"].categories == {ConstructionCategory.SUPERVISION}
    # Issuers and proof materials as the platform lists them (domain notes §2).
    assert rules.items["JJL-001"].issuers == ("国家住房城乡建设部", "中国建筑业协会")
    assert rules.items["JJL-003"].issuers == ("中山市住房城乡建设局", "中山市建筑业协会")
    assert rules.items["JHNT-002"].issuers == (
        "国家住房城乡建设部",
        "设奖机构经科技部门备案的国家一级学会(协会)",
    )
    assert rules.items["JHNT-006"].issuers == ("中山市人民政府",)
    assert all(item.issuers for item in rules.items.values())
    assert rules.items["JJL-001"].proof == "获奖通知文件及其官网链接、荣誉证书"
    assert rules.items["JHNT-005"].proof == "市住房城乡建设局文件"


def test_the_2024_windows_and_readings_are_the_platforms() -> None:
    rules = load_ruleset(f"{BASE_ID}@2024")
    windows = {code: rules.window_for(item).years for code, item in rules.items.items()}
    assert windows == {
        **{f"JJL-00{n}": 1 for n in range(1, 5)},
        **{f"JHNT-00{n}": None for n in range(1, 8)},
    }
    assert rules.rest_days is not None
    # The JJL rows' category is a reading of the code: assumed, and said so.
    assert rules.items["JJL-001"].assumed_keys == ("categories",)
    assert rules.items["JJL-001"].assumed
    assert not rules.items["JHNT-001"].assumed
    assert set(rules.readings) == {"annual_cap", "validity", "submission_window"}


def test_the_proposed_cqo_amendment_builds_on_2024_and_is_marked_assumed() -> None:
    rules = load_ruleset(f"{BASE_ID}@2024-cqo")
    assert rules.status is RulesetStatus.PROPOSED
    assert rules.extends == "2024"
    assert set(rules.items) == set(load_ruleset(f"{BASE_ID}@2024").items) | {"JCQO-001", "JCQO-002"}
    assert rules.items["JCQO-001"].assumed
    assert rules.items["JCQO-002"].assumed
    assert "中市监函〔2024〕179号" in rules.reference
    assert "ASSUMED" in embedded_source(rules)


def test_an_id_alone_means_the_latest_version_in_force() -> None:
    assert load_ruleset(BASE_ID).version == "2024"
    assert {str(r.ref) for r in embedded_rulesets()} >= {f"{BASE_ID}@2024", f"{BASE_ID}@2024-cqo"}


def test_unknown_embedded_reference() -> None:
    with pytest.raises(UnknownReferenceError, match="no embedded ruleset 'nope'") as info:
        load_ruleset("nope")
    assert isinstance(info.value, LookupError)
    assert not isinstance(info.value, RulesetError)
    with pytest.raises(UnknownReferenceError, match="2023"):
        load_ruleset(f"{BASE_ID}@2023")


def test_a_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(ruleset_text(), encoding="utf-8")
    rules = load_ruleset(path)
    assert rules.source == str(path)
    assert sorted(rules.items) == ["A", "G", "N", "P"]


def problems(text: str) -> dict[str, str]:
    with pytest.raises(RulesetError) as info:
        parse_ruleset(text, source="bad.toml")
    assert info.value.file == "bad.toml"
    assert str(info.value).startswith("bad.toml: ")
    return {p.path: p.message for p in info.value.problems}


ITEM = """
[[items]]
code = "{code}"
categories = {categories}
level = "national"
description = "x"
points = {points}
annual_cap = {cap}
validity_years = {validity}
{extra}
"""


def item(
    code: str = "X",
    categories: str = '["supervision"]',
    points: str = "10",
    cap: str = "20",
    validity: str = "1",
    extra: str = "",
) -> str:
    return ITEM.format(
        code=code, categories=categories, points=points, cap=cap, validity=validity, extra=extra
    )


@pytest.mark.parametrize(
    ("items", "path", "message"),
    [
        (item() + item(), "items[X].code", "duplicate code 'X' (also items[X])"),
        (item(cap="5"), "items[X].annual_cap", "annual cap 5 is below the item's points 10"),
        (item(points="0"), "items[X].points", "must be positive, got 0"),
        (item(points="-5", cap="1"), "items[X].points", "must be positive, got -5"),
        (item(validity="0"), "items[X].validity_years", "must be at least 1, got 0"),
        (
            item(extra='grades = { "一等奖" = 12 }'),
            "items[X].grades.一等奖",
            "grade points 12 are above the item's maximum 10",
        ),
        (
            item(categories='["supervision", "bakery"]'),
            "items[X].categories[1]",
            "'bakery' is not one of: survey",
        ),
        (item(extra='colour = "red"'), "items[X].colour", "unknown key"),
        (item(points='"10"'), "items[X].points", "expected a number, got a string '10'"),
        (item(categories="[]"), "items[X].categories", "must name at least one"),
    ],
)
def test_malformed_items_name_the_item_and_the_key(items: str, path: str, message: str) -> None:
    found = problems(ruleset_text(items=items))
    assert path in found, found
    assert found[path].startswith(message) or message in found[path]


def test_every_fault_is_reported_in_one_pass() -> None:
    found = problems(ruleset_text(items=item(code="A", cap="5") + item(code="B", validity="0")))
    assert set(found) == {"items[A].annual_cap", "items[B].validity_years"}


def test_an_item_without_a_code_is_named_by_its_index() -> None:
    text = ruleset_text(
        items='[[items]]\ncategories = ["supervision"]\nlevel = "national"\n'
        'description = "x"\npoints = 1\nvalidity_years = 1\n'
    )
    assert problems(text) == {"items[0].code": "required key is missing"}


@pytest.mark.parametrize(
    ("start", "until", "path", "message"),
    [
        ('"2024-13-01"', None, "ruleset.effective_from", "'2024-13-01' is not a date"),
        ("2024-01-01T08:00:00", None, "ruleset.effective_from", "expected a date, got a time"),
        ("2024-06-01", "2024-05-31", "ruleset.effective_until", "is before effective_from"),
        ("20240101", None, "ruleset.effective_from", "expected a date"),
    ],
)
def test_bad_dates(start: str, until: str | None, path: str, message: str) -> None:
    found = problems(ruleset_text(start=start, until=until))
    assert message in found[path]


def test_header_faults() -> None:
    text = (
        ruleset_text(status="draft")
        .replace("schema = 1", "schema = 2")
        .replace('title = "测试记分标准"', 'title = "测试记分标准"\nauthor = "x"')
    )
    found = problems(text)
    assert found["schema"] == "this library reads schema 1, not 2"
    assert found["ruleset.status"].startswith("'draft' is not one of: in_force, proposed, repealed")
    assert found["ruleset.author"] == "unknown key"


def test_unknown_root_key_and_missing_table() -> None:
    found = problems('schema = 1\nrules = "x"\n')
    assert found["rules"] == "unknown key"
    assert found["ruleset"] == "required key is missing"
    assert found["items"] == "required key is missing"


def test_toml_syntax_errors_name_the_line() -> None:
    with pytest.raises(RulesetError) as info:
        parse_ruleset("schema = 1\n[ruleset\n", source="bad.toml")
    assert info.value.line == 2
    assert "not valid TOML" in str(info.value)


AMENDMENT = """
schema = 1
[ruleset]
id = "test-rules"
version = "1-amended"
extends = "{base}"
remove = {remove}
title = "修订"
jurisdiction = "中山市"
reference = "测试〔2025〕1号"
status = "proposed"
effective_from = 2020-01-01

[[items]]
code = "A"
categories = ["supervision"]
level = "national"
description = "replaced"
points = 35
annual_cap = 70
validity_years = 3

[[items]]
code = "Z"
categories = ["supervision"]
level = "municipal"
description = "new"
points = 1
validity_years = 1
"""


def test_an_amendment_merges_with_its_base() -> None:
    rules = parse_ruleset(
        AMENDMENT.format(base="1", remove='["N"]'), source="amend.toml", bases=[ruleset()]
    )
    assert sorted(rules.items) == ["A", "G", "P", "Z"]
    assert rules.items["A"].points == 35  # replaced
    assert rules.submission_window_years == 1  # inherited from the base


def test_an_amendment_whose_base_is_missing() -> None:
    with pytest.raises(RulesetError) as info:
        parse_ruleset(
            AMENDMENT.format(base="0.9", remove="[]"), source="amend.toml", bases=[ruleset()]
        )
    assert info.value.file == "amend.toml"
    assert info.value.path == "ruleset.extends"
    assert "'0.9'" in info.value.message


def test_an_amendment_cannot_remove_what_its_base_lacks() -> None:
    with pytest.raises(RulesetError) as info:
        parse_ruleset(
            AMENDMENT.format(base="1", remove='["Q"]'), source="amend.toml", bases=[ruleset()]
        )
    assert info.value.path == "ruleset.remove"


def test_only_an_amendment_may_remove() -> None:
    text = ruleset_text().replace(
        "submission_window_years = 1", 'submission_window_years = 1\nremove = ["A"]'
    )
    assert "ruleset.remove" in problems(text)


def test_an_amendment_file_finds_its_base_beside_it(tmp_path: Path) -> None:
    (tmp_path / "test-rules-1.toml").write_text(ruleset_text(), encoding="utf-8")
    (tmp_path / "amend.toml").write_text(AMENDMENT.format(base="1", remove="[]"), encoding="utf-8")
    assert "Z" in load_ruleset(tmp_path / "amend.toml").items


def test_overlapping_versions_of_one_id_are_refused() -> None:
    with pytest.raises(RulesetError) as info:
        RulesetHistory.of(
            [
                ruleset(version="a", start="2024-01-01", until="2024-12-31"),
                ruleset(version="b", start="2024-12-31"),
            ]
        )
    assert "version b from 2024-12-31 overlaps version a" in str(info.value)
    with pytest.raises(RulesetError, match="overlaps"):
        RulesetHistory.of(
            [ruleset(version="a", start="2024-01-01"), ruleset(version="b", start="2025-01-01")]
        )


def test_a_proposed_version_is_evaluated_alone() -> None:
    with pytest.raises(RulesetError, match="proposed version is evaluated alone"):
        RulesetHistory.of(
            [
                ruleset(version="a", start="2024-01-01", until="2024-12-31"),
                ruleset(version="b", status="proposed", start="2025-01-01"),
            ]
        )


def test_load_history_of_one_is_the_ruleset_itself(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(
        ruleset_text(version="a", start="2024-01-01", until="2024-12-31"), "utf-8"
    )
    (tmp_path / "b.toml").write_text(
        ruleset_text(version="b", start="2025-01-01", items=ITEMS), "utf-8"
    )
    assert load_history([tmp_path / "a.toml"]).version == "a"  # type: ignore[union-attr]
    history = load_history([tmp_path / "b.toml", tmp_path / "a.toml"])
    assert isinstance(history, RulesetHistory)
    assert [v.version for v in history.versions] == ["a", "b"]
