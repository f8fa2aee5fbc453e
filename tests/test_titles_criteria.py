"""Criteria files: the embedded provincial set, and every fault named by file, level, group,
condition and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from titles_support import HEAD, criteria
from zs_quality.errors import RulesetError, UnknownReferenceError
from zs_quality.model.criteria import Authority, Match, Transcription
from zs_quality.model.evidence import (
    EvidenceKind,
    HonourLevel,
    Report,
    ReportActivity,
    Standard,
    StandardScope,
)
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


def test_the_engineer_technical_work_asks_one_or_two_items_by_activity() -> None:
    # 粤人社规〔2019〕55号, engineer (三), as source A gives it: one proficiency test, one
    # county-or-higher accident investigation, two of each other kind of technical work.
    engineer = load_criteria().level(TitleLevel.ENGINEER)
    assert engineer is not None
    work = next(c for c in engineer.groups[0].conditions if c.id == "technical_work")
    assert [(a.at_least, a.match.activities, a.match.min_level) for a in work.alternatives] == [
        (2, (ReportActivity.NEW_TECHNOLOGY,), None),
        (1, (ReportActivity.PROFICIENCY_TEST,), None),
        (2, (ReportActivity.INSPECTION_APPRAISAL,), None),
        (2, (ReportActivity.ENERGY_AUDIT,), None),
        (1, (ReportActivity.ACCIDENT_INVESTIGATION,), HonourLevel.COUNTY),
    ]
    quality_system = next(c for c in engineer.groups[0].conditions if c.id == "quality_system")
    assert quality_system.alternatives[0].match.roles is None  # 参加: any role


def test_the_shipped_levels_say_how_completely_they_are_transcribed() -> None:
    gd = load_criteria()
    status = {lc.level: lc.transcription for lc in gd.levels}
    assert status == {
        TitleLevel.TECHNICIAN: Transcription.UNTRANSCRIBED,
        TitleLevel.ASSISTANT_ENGINEER: Transcription.UNTRANSCRIBED,
        TitleLevel.ENGINEER: Transcription.PARTIAL,
        TitleLevel.SENIOR_ENGINEER: Transcription.UNTRANSCRIBED,
        TitleLevel.PROFESSORATE_SENIOR_ENGINEER: Transcription.PARTIAL,
    }
    professorate = gd.level(TitleLevel.PROFESSORATE_SENIOR_ENGINEER)
    assert professorate is not None
    assert {"业绩成果条件", "学术成果条件"} <= set(professorate.untranscribed_parts)
    engineer = gd.level(TitleLevel.ENGINEER)
    assert engineer is not None
    by_id = {g.id: g.transcription for g in engineer.groups}
    assert by_id == {"achievements": Transcription.PARTIAL, "academic": Transcription.UNTRANSCRIBED}
    for lc in gd.levels:
        assert lc.gaps(), lc.level  # no shipped level is complete
        for gap in lc.gaps():
            assert gap.transcription is not Transcription.COMPLETE


def test_every_shipped_condition_has_a_chinese_label_and_partial_levels_say_so() -> None:
    for lc in load_criteria().levels:
        assert lc.note, lc.level
        for group in lc.groups:
            assert any("\u4e00" <= ch <= "\u9fff" for ch in group.label)
            if group.transcription is not Transcription.COMPLETE:
                assert group.note, group.id
            for condition in group.conditions:
                assert any("\u4e00" <= ch <= "\u9fff" for ch in condition.label), condition.id
                assert condition.note, condition.id


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
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { activities = ["energy_audit"] }\n',
            "levels[engineer].groups[achievements].conditions[c].match.activities: needs kind = "
            "'report'",
        ),
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { kind = "project", activities = ["energy_audit"] }\n',
            "levels[engineer].groups[achievements].conditions[c].match.activities: project "
            "records have no activity",
        ),
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { kind = "report", activities = ["audit"] }\n',
            "levels[engineer].groups[achievements].conditions[c].match.activities[0]: 'audit' is "
            "not one of: new_technology, proficiency_test, inspection_appraisal, energy_audit, "
            "accident_investigation, system_building, demonstration",
        ),
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { kind = "report", min_level = "town" }\n',
            "levels[engineer].groups[achievements].conditions[c].match.min_level: 'town' is not "
            "one of: association, county, municipal, provincial, national, international",
        ),
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { kind = "patent" }\ntranscription = "half"\n',
            "levels[engineer].groups[achievements].conditions[c].transcription: 'half' is not one "
            "of: complete, partial, untranscribed",
        ),
        (
            GROUP + 'transcription = "partial"\n[[levels.groups.conditions]]\nid = "c"\n'
            'label = "x"\nat_least = 1\nmatch = { kind = "patent" }\n',
            "levels[engineer].groups[achievements].transcription: is partial in a level marked "
            "complete: mark the level partial",
        ),
        (
            GROUP + '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { kind = "patent" }\ntranscription = "untranscribed"\n',
            "levels[engineer].groups[achievements].conditions[c].transcription: is untranscribed "
            "in a level marked complete: mark the level partial",
        ),
        (
            GROUP + 'transcription = "untranscribed"\n[[levels.groups.conditions]]\nid = "c"\n'
            'label = "x"\nat_least = 1\nmatch = { kind = "patent" }\n',
            "levels[engineer].groups[achievements].conditions[c].transcription: is complete in an "
            "untranscribed group (a stand-in has no source text): mark it untranscribed",
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
            "levels[engineer].min_years_in_title.phd: 'phd' is not one of: doctorate",
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
        (
            'level = "engineer"\nrequires_title = "assistant_engineer"\n'
            'min_years_in_title = { bachelor = 4 }\ntranscription = "parcial"\n',
            "levels[engineer].transcription: 'parcial' is not one of: complete, partial, "
            "untranscribed",
        ),
        (
            'level = "engineer"\nrequires_title = "assistant_engineer"\n'
            'min_years_in_title = { bachelor = 4 }\nuntranscribed_parts = ["学术成果条件"]\n',
            "levels[engineer].untranscribed_parts: a complete level has no untranscribed parts",
        ),
        (
            'level = "engineer"\nrequires_title = "assistant_engineer"\n'
            'min_years_in_title = { bachelor = 4 }\ntranscription = "partial"\n'
            "untranscribed_parts = []\n",
            "levels[engineer].untranscribed_parts: must name at least one part, or be left out",
        ),
        (
            'level = "engineer"\nrequires_title = "assistant_engineer"\n'
            'min_years_in_title = { bachelor = 4 }\ntranscription = "partial"\n'
            'untranscribed_parts = ["学术成果条件", "学术成果条件"]\n',
            "levels[engineer].untranscribed_parts: lists an empty or repeated part",
        ),
        (
            'level = "engineer"\nrequires_title = "assistant_engineer"\n'
            'min_years_in_title = { bachelor = 4 }\ntranscription = "untranscribed"\n'
            '[[levels.groups]]\nid = "g"\nlabel = "x"\nat_least = 1\n'
            'transcription = "partial"\n'
            '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
            'match = { kind = "patent" }\ntranscription = "untranscribed"\n',
            "levels[engineer].groups[g].transcription: is partial in a level marked "
            "untranscribed: a stand-in level has no source text, mark it untranscribed",
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


def test_transcription_defaults_to_complete_so_existing_files_keep_loading() -> None:
    city = criteria(
        '[[levels.groups]]\nid = "g"\nlabel = "x"\nat_least = 1\n'
        '[[levels.groups.conditions]]\nid = "c"\nlabel = "x"\nat_least = 1\n'
        'match = { kind = "patent" }\n'
    )
    level = city.levels[0]
    assert level.transcription is Transcription.COMPLETE
    assert level.groups[0].transcription is Transcription.COMPLETE
    assert level.groups[0].conditions[0].transcription is Transcription.COMPLETE
    assert level.untranscribed_parts == ()
    assert level.gaps() == ()


def test_gaps_name_what_a_partial_level_leaves_out() -> None:
    level = criteria(
        'transcription = "partial"\nuntranscribed_parts = ["学术成果条件"]\n'
        '[[levels.groups]]\nid = "g"\nlabel = "业绩"\nat_least = 1\n'
        '[[levels.groups.conditions]]\nid = "c"\nlabel = "专利"\nat_least = 1\n'
        'match = { kind = "patent" }\ntranscription = "partial"\nnote = "cut off"\n'
        '[[levels.groups.conditions]]\nid = "d"\nlabel = "论文"\nat_least = 1\n'
        'match = { kind = "paper" }\n'
        '[[levels.groups]]\nid = "h"\nlabel = "学术"\nat_least = 1\n'
        'transcription = "untranscribed"\n'
        '[[levels.groups.conditions]]\nid = "e"\nlabel = "论文"\nat_least = 1\n'
        'match = { kind = "paper" }\ntranscription = "untranscribed"\n'
    ).levels[0]
    assert [(g.where, g.transcription.value, g.label, g.note) for g in level.gaps()] == [
        ("untranscribed_parts", "untranscribed", "学术成果条件", None),
        ("g.c", "partial", "专利", "cut off"),
        ("h", "untranscribed", "学术", None),  # a stand-in group once, without its conditions
    ]
    # A partial level with nothing more specific to name names itself; a stand-in level names
    # only itself.
    bare = criteria('transcription = "partial"\nnote = "why"\n').levels[0]
    assert [(g.where, g.label, g.note) for g in bare.gaps()] == [
        ("level", "工程师的申报条件", "why")
    ]
    whole = criteria('transcription = "untranscribed"\n').levels[0]
    assert [(g.where, g.transcription.value) for g in whole.gaps()] == [("level", "untranscribed")]


def test_activities_and_the_county_level_read_the_report() -> None:
    on = {"id": "r", "date": "2022-01-01"}
    investigation = Match(
        kind=EvidenceKind.REPORT,
        activities=(ReportActivity.ACCIDENT_INVESTIGATION,),
        min_level=HonourLevel.COUNTY,
    )
    kind = ReportActivity.ACCIDENT_INVESTIGATION
    assert investigation.accepts(Report(**on, activity=kind, level=HonourLevel.COUNTY))
    assert investigation.accepts(Report(**on, activity=kind, level=HonourLevel.MUNICIPAL))
    assert not investigation.accepts(Report(**on, activity=kind, level=HonourLevel.ASSOCIATION))
    assert not investigation.accepts(Report(**on, activity=kind))  # level unknown
    assert not investigation.accepts(
        Report(**on, activity=ReportActivity.ENERGY_AUDIT, level=HonourLevel.NATIONAL)
    )
    assert not investigation.accepts(Report(**on, level=HonourLevel.NATIONAL))  # no activity
    assert HonourLevel.ASSOCIATION.rank < HonourLevel.COUNTY.rank < HonourLevel.MUNICIPAL.rank
