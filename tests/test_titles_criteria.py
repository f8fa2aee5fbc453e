"""Criteria files: the embedded provincial set, and every fault named by file, level, group,
condition and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from titles_support import HEAD, criteria
from zs_quality.errors import RulesetError, UnknownReferenceError
from zs_quality.model.criteria import Authority, Match
from zs_quality.model.evidence import EvidenceKind, Standard, StandardScope
from zs_quality.model.titles import TitleLevel
from zs_quality.policy.criteria import (
    DEFAULT_CRITERIA,
    criteria_text,
    embedded_criteria,
    load_criteria,
    parse_criteria,
)


def test_the_embedded_provincial_set_loads_with_every_level() -> None:
    gd = load_criteria()
    assert gd.id == DEFAULT_CRITERIA == "gd-quality-engineering"
    assert gd.authority is Authority.PROVINCIAL
    assert gd.reference == "粤人社规〔2019〕55号"
    assert [lc.level for lc in gd.levels] == list(TitleLevel)
    assert DEFAULT_CRITERIA in embedded_criteria()


def test_the_engineer_level_follows_the_provincial_shape() -> None:
    engineer = load_criteria().level(TitleLevel.ENGINEER)
    assert engineer is not None
    assert engineer.requires_title is TitleLevel.ASSISTANT_ENGINEER
    assert engineer.years == {"master": 2, "bachelor": 4, "college": 4}
    achievements = engineer.groups[0]
    assert achievements.at_least == 3
    assert [c.id for c in achievements.conditions] == [
        "award",
        "standards",
        "technical_work",
        "patents",
        "projects",
        "quality_system",
    ]
    patents = achievements.conditions[3]
    assert [(a.at_least, a.match.types) for a in patents.alternatives] == [
        (1, ("invention",)),
        (2, ("utility_model",)),
    ]


def test_every_shipped_condition_has_a_chinese_label_and_partial_levels_say_so() -> None:
    for lc in load_criteria().levels:
        assert lc.note, lc.level
        for group in lc.groups:
            assert any("\u4e00" <= ch <= "\u9fff" for ch in group.label)
            for condition in group.conditions:
                assert any("\u4e00" <= ch <= "\u9fff" for ch in condition.label), condition.id


def test_show_text_is_the_shipped_file() -> None:
    text = criteria_text(DEFAULT_CRITERIA)
    assert parse_criteria(text, source="x.toml") == load_criteria()


def _faults(toml: str) -> list[str]:
    with pytest.raises(RulesetError) as caught:
        parse_criteria(toml, source="city.toml")
    assert caught.value.file == "city.toml"
    return [str(p) for p in caught.value.problems]


GROUP = """
[[levels.groups]]
id = "achievements"
label = "业绩"
at_least = 1
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { kind = "patent", types = ["utility"] }\n',
            "levels[engineer].groups[achievements].conditions[c].match.types[0]: 'utility' is not "
            "one of: invention, utility_model, design",
        ),
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nany_of = [\n'
            '  { at_least = 1, match = { kind = "patent" } },\n'
            '  { at_least = 0, match = { kind = "patent" } },\n]\n',
            "levels[engineer].groups[achievements].conditions[c].any_of[1].at_least: must be at "
            "least 1, got 0",
        ),
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { kind = "standard", max_rank = 0 }\n',
            "levels[engineer].groups[achievements].conditions[c].match.max_rank: must be at least "
            "1, got 0",
        ),
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { scopes = ["group"] }\n',
            "levels[engineer].groups[achievements].conditions[c].match.scopes: needs kind = "
            "'standard'",
        ),
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { kind = "award", scopes = ["group"] }\n',
            "levels[engineer].groups[achievements].conditions[c].match.scopes: award records have "
            "no scope",
        ),
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { kind = "patent", colour = "red" }\n',
            "levels[engineer].groups[achievements].conditions[c].match.colour: unknown key",
        ),
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { kind = "patent" }\nany_of = []\n',
            "levels[engineer].groups[achievements].conditions[c].at_least: give either any_of, "
            "or at_least and match, not both",
        ),
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\n',
            "levels[engineer].groups[achievements].conditions[c].at_least: required key is missing",
        ),
        (
            '[[levels.groups]]\nid = "g"\nlabel = "x"\nat_least = 2\n'
            '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { kind = "patent" }\n',
            "levels[engineer].groups[g].at_least: 2 conditions needed but the group has 1",
        ),
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { kind = "patent" }\n'
            '[[levels.groups]]\nid = "other"\nlabel = "x"\nat_least = 1\n'
            '[[levels.groups.conditions]]\nid = "c"\nlabel = "y"\nat_least = 1\n'
            'match = { kind = "paper" }\n',
            "levels[engineer].groups[other].conditions[c]: condition id already used in group "
            "achievements",
        ),
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { kind = "patent" }\n'
            '[[levels.groups.conditions]]\nid = "c"\nlabel = "y"\nat_least = 1\n'
            'match = { kind = "paper" }\n',
            "levels[engineer].groups[achievements].conditions: condition c appears twice",
        ),
    ],
)
def test_faults_name_level_group_condition_and_key(body: str, expected: str) -> None:
    assert expected in _faults(
        HEAD + '[[levels]]\nlevel = "engineer"\nrequires_title = '
        '"assistant_engineer"\nmin_years_in_title = { bachelor = 4 }\n' + body
    )


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (
            'level = "engineer"\nmin_years_in_title = { bachelor = 4 }\n',
            "levels[engineer].min_years_in_title: use min_years_since_graduation when no "
            "requires_title is set",
        ),
        (
            'level = "engineer"\nrequires_title = "assistant_engineer"\n'
            "min_years_in_title = { bachelor = -1 }\n",
            "levels[engineer].min_years_in_title.bachelor: must be at least 0, got -1",
        ),
        (
            'level = "engineer"\nrequires_title = "assistant_engineer"\n'
            "min_years_in_title = { phd = 2 }\n",
            "levels[engineer].min_years_in_title.phd: 'phd' is not an education",
        ),
        (
            'level = "engineer"\nrequires_title = "engineer"\nmin_years_in_title = { bachelor = 4 }\n',
            "levels[engineer].requires_title: engineer is not below engineer",
        ),
        (
            'level = "engineer"\nrequires_title = "assistant_engineer"\nmin_years_in_title = {}\n',
            "levels[engineer].min_years_in_title: must accept at least one education",
        ),
        (
            'level = "chief"\nmin_years_since_graduation = { bachelor = 1 }\n',
            "levels[chief].level: 'chief' is not one of: technician",
        ),
        (
            'level = "engineer"\nrequires_title = "assistant_engineer"\n'
            "min_years_in_title = { bachelor = 4 }\nbogus = 1\n",
            "levels[engineer].bogus: unknown key",
        ),
    ],
)
def test_level_faults(level: str, expected: str) -> None:
    faults = _faults(HEAD + "[[levels]]\n" + level)
    assert any(f.startswith(expected) for f in faults), faults


def test_a_level_twice_and_header_faults_are_all_reported_at_once() -> None:
    text = (
        HEAD.replace('authority = "provincial"', 'authority = "city"').replace(
            "schema = 1", "schema = 2"
        )
        + '[[levels]]\nlevel = "technician"\nmin_years_since_graduation = { college = 0 }\n'
        + '[[levels]]\nlevel = "technician"\nmin_years_since_graduation = { college = 1 }\n'
    )
    faults = _faults(text)
    assert "schema: this library reads schema 1, not 2" in faults
    assert "criteria.authority: 'city' is not one of: provincial, municipal, employer" in faults


def test_a_duplicate_level_is_refused() -> None:
    faults = _faults(
        HEAD
        + '[[levels]]\nlevel = "technician"\nmin_years_since_graduation = { college = 0 }\n'
        + '[[levels]]\nlevel = "technician"\nmin_years_since_graduation = { college = 1 }\n'
    )
    assert faults == ["levels: level technician appears twice"]


def test_syntax_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(HEAD + "[[levels]\n", encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_criteria(path)
    assert caught.value.file == str(path)
    assert caught.value.line == 9  # the eight header lines, then the bad one


def test_a_missing_file_is_a_ruleset_error_and_an_unknown_id_a_lookup_error(
    tmp_path: Path,
) -> None:
    with pytest.raises(RulesetError, match="cannot read"):
        load_criteria(tmp_path / "none.toml")
    with pytest.raises(UnknownReferenceError, match="no embedded criteria 'nowhere'"):
        load_criteria("nowhere")


def test_a_file_loads_from_its_path(tmp_path: Path) -> None:
    path = tmp_path / "city.toml"
    path.write_text(criteria_text(DEFAULT_CRITERIA), encoding="utf-8")
    assert load_criteria(path) == load_criteria()


def test_match_keys_read_the_evidence_attributes() -> None:
    match = Match(kind=EvidenceKind.STANDARD, scopes=(StandardScope.GROUP,), max_rank=5)
    on = {"id": "s", "date": "2022-01-01"}
    assert match.accepts(Standard(**on, scope=StandardScope.GROUP, rank=5))
    assert not match.accepts(Standard(**on, scope=StandardScope.GROUP, rank=6))
    assert not match.accepts(Standard(**on, scope=StandardScope.GROUP))  # rank unknown
    assert not match.accepts(Standard(**on, scope=StandardScope.INDUSTRY, rank=1))


def test_small_criteria_helper_builds() -> None:
    assert criteria("").levels[0].groups == ()
