"""Exact reasons and flags of the rules, pinned.

A reason is policy output that a person reads (every computed figure explains itself), so a
wrong word, sign or bound in it is a wrong rule. These pins were added to kill the mutants that
the behavioural tests let survive (docs/testing.md, mutation results).
"""

from __future__ import annotations

from decimal import Decimal
from importlib import resources

import attrs
import pytest

from zs_quality import (
    Appointment,
    Education,
    Enterprise,
    InputError,
    Person,
    QualityRole,
    RulesetError,
    Sector,
    SizeTier,
    above_designated_size,
    classify_size,
)
from zs_quality.api import check_cqo, coverage
from zs_quality.dates import Date
from zs_quality.model.evidence import Award, HonourLevel
from zs_quality.model.numbers import to_decimal
from zs_quality.policy.qualification import (
    default_qualification_rules,
    qualification_rules_from_toml,
)
from zs_quality.registries.training import TrainingRecord
from zs_quality.rules.qualification import CQOCheck

CODE = "91350100M000100Y43"
REF = "国统字〔2017〕213号"


def firm(**fields: object) -> Enterprise:
    return Enterprise(uscc=CODE, name="测试企业", **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "above", "derived", "zh", "en"),
    [
        (
            {"sector": Sector.MANUFACTURING, "revenue": 100, "above_designated_size": True},
            True,
            False,
            "登记为规模以上",
            "declared above designated size",
        ),
        (
            {"sector": Sector.MANUFACTURING, "revenue": 9000, "above_designated_size": False},
            False,
            False,
            "登记为规模以下",
            "declared not above designated size",
        ),
        (
            {"sector": Sector.CONSTRUCTION, "revenue": 9999},
            False,
            True,
            "未登记规上状态，且规上标准仅对工业适用",
            "not declared; the derived rule covers industry only",
        ),
        (
            {"sector": Sector.MANUFACTURING, "revenue": 2000},
            True,
            True,
            "营业收入2000万元 ≥ 2000万元（规模以上工业企业标准）",
            "revenue 2000 >= 2000 (industrial above-size threshold)",
        ),
        (
            {"sector": Sector.MANUFACTURING, "revenue": Decimal("1999.99")},
            False,
            True,
            "营业收入1999.99万元 < 2000万元（规模以上工业企业标准）",
            "revenue 1999.99 < 2000 (industrial above-size threshold)",
        ),
    ],
)
def test_above_designated_size_status_and_reason(
    fields: dict[str, object], above: bool, derived: bool, zh: str, en: str
) -> None:
    status = above_designated_size(firm(**fields))
    assert (status.above, status.derived, status.reason_zh, status.reason_en) == (
        above,
        derived,
        zh,
        en,
    )


def test_above_size_needs_a_manufacturers_revenue() -> None:
    with pytest.raises(InputError) as caught:
        above_designated_size(firm(sector=Sector.MANUFACTURING))
    assert (caught.value.path, caught.value.message) == (
        "revenue",
        "needed to classify the enterprise's size but not given (revenue (10,000 CNY))",
    )


@pytest.mark.parametrize(
    ("sector", "shown"), [(None, "None"), (Sector.OTHER, "other")], ids=["none", "other"]
)
def test_a_sector_without_size_rules_is_named(sector: Sector | None, shown: str) -> None:
    with pytest.raises(InputError) as caught:
        classify_size(firm(sector=sector, employees=10, revenue=10))
    assert caught.value.path == "sector"
    assert caught.value.message == (
        f"no size thresholds for sector {shown}; 统计上大中小微型企业划分办法（2017） "
        "(国统字〔2017〕213号) covers manufacturing (industry) and construction"
    )


@pytest.mark.parametrize(
    ("fields", "zh", "en"),
    [
        (
            {"sector": Sector.MANUFACTURING, "employees": 1000, "revenue": 40000},
            f"工业大型：从业人员1000 ≥ 1000、营业收入（万元）40000 ≥ 40000（{REF}）",
            f"industry large: employees 1000 >= 1000 and revenue (10,000 CNY) 40000 >= 40000 ({REF})",
        ),
        (
            {"sector": Sector.MANUFACTURING, "employees": 300, "revenue": Decimal("1999.99")},
            f"工业小型：从业人员300 ≥ 20、营业收入（万元）1999.99 ≥ 300（{REF}）",
            f"industry small: employees 300 >= 20 and revenue (10,000 CNY) 1999.99 >= 300 ({REF})",
        ),
        (
            {"sector": Sector.MANUFACTURING, "employees": 19, "revenue": 299},
            f"工业微型：从业人员19 < 20、营业收入（万元）299 < 300（{REF}）",
            f"industry micro: employees 19 < 20 or revenue (10,000 CNY) 299 < 300 ({REF})",
        ),
        (
            {"sector": Sector.CONSTRUCTION, "revenue": 6000, "total_assets": 4999},
            f"建筑业小型：营业收入（万元）6000 ≥ 300、资产总额（万元）4999 ≥ 300（{REF}）",
            "construction small: revenue (10,000 CNY) 6000 >= 300 and total assets "
            f"(10,000 CNY) 4999 >= 300 ({REF})",
        ),
        (
            {"sector": Sector.CONSTRUCTION, "revenue": 300, "total_assets": 299},
            f"建筑业微型：资产总额（万元）299 < 300（{REF}）",
            f"construction micro: total assets (10,000 CNY) 299 < 300 ({REF})",
        ),
    ],
)
def test_size_reasons(fields: dict[str, object], zh: str, en: str) -> None:
    found = classify_size(firm(**fields))
    assert (found.reason_zh, found.reason_en, found.reference) == (zh, en, REF)
    assert found.basis == (
        "industry" if fields["sector"] is Sector.MANUFACTURING else "construction"
    )


# --- CQO qualification and coverage ---------------------------------------------------------

ZHANGZHOU = "《漳州市企业首席质量官管理办法（试行）》（福建省漳州市，2025）"
QUALIFICATION = default_qualification_rules()


def _cqo(**fields: object) -> Appointment:
    person = Person(name="李明", education=Education.BACHELOR, quality_work_years=5)
    values: dict[str, object] = {
        "role": QualityRole.CHIEF_QUALITY_OFFICER,
        "person": person,
        "enterprise": CODE,
        "appointed_on": "2024-01-01",
    }
    return Appointment(**(values | fields))  # type: ignore[arg-type]


MEDIUM = firm(sector=Sector.MANUFACTURING, employees=300, revenue=2000)
TRAINED = TrainingRecord(enterprise=CODE, person="李明", completed_on="2021-06-30")


def _rows(check: CQOCheck) -> list[tuple[str, bool, bool, str, str, str]]:
    return [
        (r.requirement.value, r.met, r.assumed, r.reason_zh, r.reason_en, r.reference)
        for r in check.results
    ]


def test_a_qualified_cqo_and_every_reason() -> None:
    check = check_cqo(
        MEDIUM, _cqo(appointed_by="法定代表人"), [TRAINED], QUALIFICATION, "2024-06-30"
    )
    assert (check.enterprise, check.as_of, check.size, check.group) == (
        MEDIUM.uscc,
        Date(2024, 6, 30),
        SizeTier.MEDIUM,
        "large_medium",
    )
    assert check.size_reason_en.startswith("industry medium: employees 300 >= 300")
    assert check.size_reason_zh.startswith("工业中型：从业人员300 ≥ 300")
    assert check.appointment == _cqo(appointed_by="法定代表人")
    assert _rows(check) == [
        (
            "current_cqo",
            True,
            False,
            "李明自2024-01-01起任首席质量官",
            "李明 is CQO since 2024-01-01",
            ZHANGZHOU,
        ),
        (
            "appointed_by",
            True,
            False,
            "任命主体：法定代表人（要求：法定代表人）",
            "appointed by: 法定代表人 (required: 法定代表人)",
            ZHANGZHOU,
        ),
        (
            "education",
            True,
            False,
            "学历本科，大中型企业（参照漳州市规定）要求本科及以上",
            "education bachelor; large_medium requires bachelor or above",
            ZHANGZHOU,
        ),
        (
            "quality_work_years",
            True,
            False,
            "质量工作5年，大中型企业（参照漳州市规定）要求5年及以上",
            "5 years of quality work; large_medium requires 5 or more",
            ZHANGZHOU,
        ),
        (
            "training",
            True,
            True,
            "李明于2021-06-30完成首席质量官培训，有效期3年至2024-06-30",
            "李明 trained on 2021-06-30, valid 3 years through 2024-06-30",
            ZHANGZHOU,
        ),
    ]


def test_findings_and_their_reasons() -> None:
    check = check_cqo(MEDIUM, _cqo(), [TRAINED], QUALIFICATION, "2024-07-01")
    rows = {r[0]: r for r in _rows(check)}
    assert rows["appointed_by"][1:5] == (
        False,
        False,
        "任命主体：未记录（要求：法定代表人）",
        "appointed by: not recorded (required: 法定代表人)",
    )
    assert rows["training"][1:5] == (
        False,
        True,
        "李明最近一次培训为2021-06-30，有效期3年已于2024-06-30届满",
        "李明 last trained on 2021-06-30; valid 3 years, lapsed after 2024-06-30",
    )
    untrained = check_cqo(MEDIUM, _cqo(), [], QUALIFICATION, "2024-06-30")
    assert _rows(untrained)[-1][1:5] == (
        False,
        True,
        "李明在2024-06-30前无首席质量官培训记录（要求：培训合格，有效期3年）",
        "李明 has no CQO training on or before 2024-06-30 (required; valid 3 years)",
    )


@pytest.mark.parametrize(
    ("appointment", "day", "zh", "en"),
    [
        (None, "2023-06-30", "2023-06-30无在任首席质量官", "no CQO in office on 2023-06-30"),
        (
            {},
            "2023-12-31",
            "首席质量官李明自2024-01-01起任职，2023-12-31尚未到任",
            "CQO 李明 is appointed from 2024-01-01, after 2023-12-31",
        ),
        (
            {"ended_on": "2024-03-01"},
            "2024-03-02",
            "首席质量官李明已于2024-03-01离任，2024-03-02无在任首席质量官",
            "CQO 李明 left on 2024-03-01; no CQO in office on 2024-03-02",
        ),
    ],
)
def test_no_current_cqo(appointment: dict[str, object] | None, day: str, zh: str, en: str) -> None:
    given = None if appointment is None else _cqo(**appointment)
    check = check_cqo(MEDIUM, given, [], QUALIFICATION, day)
    assert _rows(check) == [("current_cqo", False, False, zh, en, ZHANGZHOU)]


def test_a_non_cqo_appointment_is_refused_at_its_role() -> None:
    with pytest.raises(InputError) as caught:
        check_cqo(
            MEDIUM, _cqo(role=QualityRole.QUALITY_SAFETY_OFFICER), [], QUALIFICATION, "2024-06-30"
        )
    assert (caught.value.path, caught.value.message) == (
        "role",
        "a quality_safety_officer appointment is not a CQO appointment",
    )


def test_assumed_follows_the_groups_assumed_fields() -> None:
    group = attrs.evolve(
        QUALIFICATION.groups[0], assumed=("min_education", "appointed_by", "min_quality_work_years")
    )
    rules = attrs.evolve(QUALIFICATION, groups=(group, *QUALIFICATION.groups[1:]))
    check = check_cqo(MEDIUM, _cqo(), [TRAINED], rules, "2024-06-30")
    assert {r[0]: r[2] for r in _rows(check)} == {
        "current_cqo": False,
        "appointed_by": True,
        "education": True,
        "quality_work_years": True,
        "training": False,
    }
    # The small-and-micro group cites Zhangzhou only: Hubei's opinion has no secondary route.
    assert rules.reference(QUALIFICATION.groups[1]) == ZHANGZHOU


def _qualification_text() -> str:
    return resources.files("zs_quality.data").joinpath("cqo_qualification.toml").read_text("utf-8")


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        (
            "training_valid_years = 3",
            "training_valid_years = 0",
            "groups[large_medium].training_valid_years",
            "must be at least 1, got 0",
        ),
        (
            "min_quality_work_years = 5",
            "min_quality_work_years = -1",
            "groups[large_medium].min_quality_work_years",
            "must be at least 0, got -1",
        ),
        (
            'sources = ["zhangzhou_2025"]',
            "sources = []",
            "groups[large_medium].sources",
            "a group must cite at least one source",
        ),
        ('sizes = ["small", "micro"]', 'sizes = ["small"]', "groups", "no group for sizes: micro"),
        (
            'sizes = ["small", "micro"]',
            'sizes = ["small", "micro", "large"]',
            "groups[small_micro].sizes",
            "size large is already in group 'large_medium'",
        ),
        (
            'sizes = ["large", "medium"]',
            'sizes = ["large"]',
            "groups",
            "no group for sizes: medium",
        ),
        ("title =", 'file = "x.toml"\ntitle =', "file", "unknown key"),
    ],
)
def test_qualification_rule_faults_are_named(old: str, new: str, path: str, message: str) -> None:
    with pytest.raises(RulesetError) as caught:
        qualification_rules_from_toml(_qualification_text().replace(old, new, 1), file="q.toml")
    assert (caught.value.file, caught.value.path, caught.value.message) == ("q.toml", path, message)


def test_qualification_rule_bounds_are_inclusive() -> None:
    text = _qualification_text().replace("training_valid_years = 3", "training_valid_years = 1", 1)
    text = text.replace("min_quality_work_years = 5", "min_quality_work_years = 0", 1)
    group = qualification_rules_from_toml(text, file="q.toml").groups[0]
    assert (group.training_valid_years, group.min_quality_work_years) == (1, 0)


def test_a_toml_syntax_error_keeps_tomllibs_words() -> None:
    with pytest.raises(RulesetError) as caught:
        qualification_rules_from_toml("schema = [", file="q.toml")
    assert "Invalid value" in caught.value.message  # tomllib's words, not lost


def test_coverage_figure_reasons() -> None:
    empty = coverage([], [], "2024-06-30").above_designated_manufacturing
    assert (empty.rate, empty.reason_zh, empty.reason_en) == (
        None,
        "2024-06-30：规上制造业企业0家，其中0家有在任首席质量官"
        "（任命日期不晚于2024-06-30且未在2024-06-30前离任），覆盖率无（总数为0）",
        "2024-06-30: 0 above-designated-size manufacturers, 0 with a CQO in office (appointed on "
        "or before 2024-06-30, not ended before it); rate none (total 0)",
    )
    report = coverage([MEDIUM], [_cqo()], "2024-06-30")
    full = report.above_designated_manufacturing
    assert (full.rate, full.reason_zh, full.reason_en) == (
        Decimal(1),
        "2024-06-30：规上制造业企业1家，其中1家有在任首席质量官"
        "（任命日期不晚于2024-06-30且未在2024-06-30前离任），覆盖率1.0000",
        "2024-06-30: 1 above-designated-size manufacturers, 1 with a CQO in office (appointed on "
        "or before 2024-06-30, not ended before it); rate 1.0000",
    )
    assert (report.trained_cqos.reason_zh, report.trained_cqos.reason_en) == (
        "2024-06-30：在任首席质量官1名，其中0名在2024-06-30前参加过首席质量官培训",
        "2024-06-30: 1 CQOs in office, 0 trained as CQO on or before 2024-06-30",
    )


def test_training_on_the_evaluation_day_counts() -> None:
    trained_today = TrainingRecord(enterprise=CODE, person="李明", completed_on="2024-06-30")
    check = check_cqo(MEDIUM, _cqo(), [trained_today], QUALIFICATION, "2024-06-30")
    assert _rows(check)[-1][1] is True


def test_training_not_required_and_its_assumed_flag() -> None:
    group = attrs.evolve(
        QUALIFICATION.groups[0], training_required=False, assumed=("training_required",)
    )
    rules = attrs.evolve(QUALIFICATION, groups=(group, *QUALIFICATION.groups[1:]))
    check = check_cqo(MEDIUM, _cqo(), [], rules, "2024-06-30")
    assert _rows(check)[-1] == (
        "training",
        True,
        True,
        "本规则不要求任职培训",
        "no training is required by these rules",
        ZHANGZHOU,
    )


def _appointed(code: str, name: str, **dates: str) -> Appointment:
    person = Person(name=name, education=Education.BACHELOR)
    return Appointment(
        role=QualityRole.CHIEF_QUALITY_OFFICER, person=person, enterprise=code, **dates
    )


def test_coverage_rows_groups_and_their_order() -> None:
    codes = ["91442000700000001A", "914420007000000282", "91442000700000036W"]
    enterprises = [
        firm(town="小榄", sector=Sector.MANUFACTURING, employees=300, revenue=2000),
        Enterprise(
            uscc=codes[0],
            name="b",
            town="石岐街道",
            sector=Sector.CONSTRUCTION,
            revenue=1,
            total_assets=1,
        ),
        Enterprise(uscc=codes[1], name="c", town="某某镇"),
        Enterprise(uscc=codes[2], name="d", sector=Sector.OTHER),
    ]
    appointments = [
        _appointed(CODE, "李明", appointed_on="2020-01-01"),
        _appointed(CODE, "王芳", appointed_on="2023-01-01"),
        _appointed(codes[0], "李明", appointed_on="2025-01-01"),
        _appointed(codes[1], "李明", appointed_on="2020-01-01", ended_on="2021-01-01"),
    ]
    report = coverage(enterprises, appointments, "2024-06-30")
    assert [
        (r.cqo.person.name if r.cqo else None, r.reason_zh, r.reason_en) for r in report.enterprises
    ] == [
        ("王芳", "王芳自2023-01-01起任首席质量官", "王芳 is CQO since 2023-01-01"),
        (
            None,
            "首席质量官李明自2025-01-01起任职，2024-06-30尚未到任",
            "CQO 李明 appointed from 2025-01-01, after 2024-06-30",
        ),
        (None, "首席质量官李明已于2021-01-01离任", "CQO 李明 left on 2021-01-01"),
        (None, "无首席质量官任命记录", "no CQO appointment on record"),
    ]
    # Known keys in their official order, other keys alphabetically, unknown last.
    assert list(report.by_town) == ["石岐街道", "小榄镇", "某某镇", "unknown"]
    assert list(report.by_size) == ["medium", "micro", "unknown"]
    assert list(report.by_sector) == ["manufacturing", "construction", "other", "unknown"]
    words = {
        "medium": ("2024-06-30：中型企业1家，其中1家", "2024-06-30: 1 medium enterprises, 1 with"),
        "unknown": (
            "2024-06-30：规模未划分企业2家，其中0家",
            "2024-06-30: 2 enterprises of unknown size, 0 with",
        ),
    }
    for key, (zh, en) in words.items():
        figure = report.by_size[key]
        assert figure.reason_zh.startswith(zh)
        assert figure.reason_en.startswith(en)
    assert report.by_sector["unknown"].reason_zh.startswith("2024-06-30：行业未填写企业1家")
    assert report.by_sector["unknown"].reason_en.startswith(
        "2024-06-30: 1 enterprises of unknown sector, 0"
    )
    medium = report.large_medium_manufacturing
    assert medium.reason_zh.startswith("2024-06-30：大中型制造业企业1家，其中1家")
    assert medium.reason_en.startswith("2024-06-30: 1 large and medium manufacturers, 1 with")
    first = report.enterprises[0]
    assert (first.above_reason_zh, first.above_reason_en) == (
        "营业收入2000万元 ≥ 2000万元（规模以上工业企业标准）",
        "revenue 2000 >= 2000 (industrial above-size threshold)",
    )
    assert report.by_sector["other"].reason_en.startswith("2024-06-30: 1 other enterprises")
    assert report.by_town["小榄镇"].reason_en.startswith("2024-06-30: 1 enterprises in 小榄镇, 1")


# --- Model validators -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [(True, "true"), (None, "null"), (object(), "<object object")],
    ids=["bool", "none", "object"],
)
def test_to_decimal_refuses_what_is_not_a_number(value: object, shown: str) -> None:
    with pytest.raises(InputError) as caught:
        to_decimal(value)
    assert caught.value.message.startswith(shown)
    assert caught.value.message.endswith(" is not a number")


@pytest.mark.parametrize("value", ["12", True, 1.5], ids=["text", "bool", "float"])
def test_a_count_must_be_a_number(value: object) -> None:
    with pytest.raises(InputError) as caught:
        firm(employees=value)
    shown = {True: "true"}.get(value, repr(value))  # type: ignore[call-overload]
    assert (caught.value.path, caught.value.message) == ("employees", f"{shown} is not a number")


@pytest.mark.parametrize("rank", [0, -1])
def test_a_rank_must_be_positive(rank: int) -> None:
    with pytest.raises(InputError) as caught:
        Award(id="a", date="2024-01-01", level=HonourLevel.NATIONAL, rank=rank)
    assert (caught.value.path, caught.value.message) == ("rank", f"{rank} is not positive")
    assert Award(id="a", date="2024-01-01", level=HonourLevel.NATIONAL, rank=1).rank == 1


@pytest.mark.parametrize(
    ("fields", "zh", "en"),
    [
        (
            {"sector": Sector.MANUFACTURING, "employees": 10},
            "规模无法划分：缺少营业收入",
            "needed to classify the enterprise's size but not given (revenue (10,000 CNY))",
        ),
        (
            {"sector": Sector.CONSTRUCTION, "revenue": 10},
            "规模无法划分：缺少资产总额",
            "needed to classify the enterprise's size but not given (total assets (10,000 CNY))",
        ),
        (
            {"sector": Sector.MANUFACTURING, "revenue": 10},
            "规模无法划分：缺少从业人员数",
            "needed to classify the enterprise's size but not given (employees)",
        ),
        (
            {},
            "规模无法划分：所属行业不在统计上大中小微型企业划分办法（2017）（国统字〔2017〕213号）"
            "的划分范围内",
            "no size thresholds for sector None; 统计上大中小微型企业划分办法（2017） "
            "(国统字〔2017〕213号) covers manufacturing (industry) and construction",
        ),
    ],
)
def test_why_a_size_is_unknown(fields: dict[str, object], zh: str, en: str) -> None:
    [row] = coverage([firm(**fields)], [], "2024-06-30").enterprises
    assert (row.size, row.size_reason_zh, row.size_reason_en) == (
        None,
        zh,
        f"size not classified: {en}",
    )


def test_an_enterprise_listed_twice_names_both_places() -> None:
    other = Enterprise(uscc="91442000700000001A", name="y")
    with pytest.raises(InputError) as caught:
        coverage([firm(), other, firm()], [], "2024-06-30")
    assert (caught.value.path, caught.value.message) == (
        "enterprises[2].uscc",
        f"enterprise {CODE} is listed twice (first at position 1): a population lists each "
        "enterprise once",
    )


def test_every_size_without_a_group_is_named() -> None:
    text = _qualification_text().replace('sizes = ["large", "medium"]', 'sizes = ["large"]', 1)
    text = text.replace('sizes = ["small", "micro"]', 'sizes = ["small"]', 1)
    with pytest.raises(RulesetError, match=r"no group for sizes: medium, micro$"):
        qualification_rules_from_toml(text, file="q.toml")


def test_a_rank_must_be_a_number() -> None:
    with pytest.raises(InputError) as caught:
        Award(id="a", date="2024-01-01", level=HonourLevel.NATIONAL, rank="1")
    assert (caught.value.path, caught.value.message) == ("rank", "'1' is not a number")


def test_an_uncovered_enterprise_is_explained_by_its_latest_appointment() -> None:
    appointments = [
        _appointed(CODE, "李明", appointed_on="2020-01-01", ended_on="2021-01-01"),
        _appointed(CODE, "王芳", appointed_on="2025-01-01"),
        _appointed(CODE, "陈刚", appointed_on="2019-01-01", ended_on="2019-06-01"),
    ]
    [row] = coverage([MEDIUM], appointments, "2024-06-30").enterprises
    assert (row.covered, row.reason_en) == (
        False,
        "CQO 王芳 appointed from 2025-01-01, after 2024-06-30",
    )
