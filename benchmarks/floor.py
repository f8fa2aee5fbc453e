"""The tight floor: integrity scoring as one plain-Python loop over JSON dicts, no models.

It implements the semantics of ``zs_quality.rules.integrity`` (outcome precedence, Civil Code
period ends, art. 203 rest-day moves, annual caps by item and document year in (document date,
submission date, id) order, duplicates by item and document number) and the input checks of the
library's reader and models (a key given twice, bounded exact numbers, identity text in NFKC, the
structure and check character of every code, each enterprise once), and writes the same JSON
Lines as ``zs-quality score --format jsonl``, explanations included. It is what a careful
programmer would write for one ruleset version with the best tools and no library at all: orjson
for reading (and the exact, slower decoder only for a line that needs it), each line written
straight as text with the C encoder's string escape (orjson writes compact JSON only, and
respacing its output costs as much as json.dumps), every period end and rest-day move computed
once per distinct date, and so the texts made from them: the dates' ISO text, the filing
window's and the validity period's words (the library keeps them alike). It is the benchmark's
yardstick: the library is measured against it and must give byte-identical output and the same
rejects.

Usage: ``python benchmarks/floor.py RULESET.toml AS_OF INPUT.jsonl OUT.jsonl ERRORS.jsonl``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import sys
import tomllib
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

import chinese_calendar
import orjson

ZERO = Decimal(0)
NEWLINE = orjson.OPT_APPEND_NEWLINE
MAX_RECORD_BYTES = 8 * 1024 * 1024
MAGNITUDE = 10**15
PLACES = Decimal(1).scaleb(-12)
LAST_DAY = dt.date(9999, 12, 31)
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUE = {c: i for i, c in enumerate(CHARSET)}
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
CATEGORY_LABELS = {
    "survey": "勘察企业",
    "design": "设计企业",
    "drawing_review": "施工图审查机构",
    "cost_consulting": "造价咨询机构",
    "supervision": "监理企业",
    "construction_contractor": "施工企业",
    "tendering_agency": "招标代理机构",
    "landscaping": "园林",
    "ready_mixed_concrete": "预拌混凝土企业",
    "quality_testing": "质量检测机构",
    "other": "其他",
    "housing_safety_appraisal": "房屋安全鉴定单位",
    "hoisting_installation": "起重机械安装企业",
    "hoisting_safety_testing": "起重机械和安全防护用品检测机构",
    "termite_control": "白蚁防治",
    "guarantee": "担保机构",
    "hoisting_equipment_owner": "起重设备产权单位",
    "engineering_consulting": "工程咨询机构",
    "fire_testing": "消防检测机构",
    "tenderer": "招标人",
    "civil_air_defence_testing": "人防检测机构",
}
STATUS_LABELS = {"approved": "审核通过", "pending": "待审核", "rejected": "不予通过"}
SECTORS = {"manufacturing", "construction", "other"}
ENTERPRISE_KEYS = {
    "uscc",
    "name",
    "town",
    "sector",
    "category",
    "employees",
    "revenue",
    "total_assets",
    "above_designated_size",
}
SUBMISSION_KEYS = frozenset({"enterprise", "records"})
RECORD_KEYS = {
    "id",
    "item",
    "document_date",
    "submitted_on",
    "grade",
    "document_no",
    "issuer",
    "status",
}


class Bad(Exception):
    """A submission the library would reject."""


# --- Reading: orjson, and the exact decoder only for a line that needs it --------------------


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise Bad("a key is given twice in one object")
    return obj


def _integer(text: str) -> int:
    if len(text) - text.startswith("-") > 15:
        raise Bad(f"number too large: {text[:20]}")
    return int(text)


def _decimal(text: str) -> Decimal:
    if len(text) > 64:
        raise Bad("number too long")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise Bad(f"not a number: {text!r}") from None
    if value and value.adjusted() >= 15:
        raise Bad(f"number too large: {text}")
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent < -12 and (value.adjusted() < -12 or value.quantize(PLACES) != value):
        raise Bad(f"too many decimal places: {text}")
    return value


def _constant(name: str) -> Any:
    raise Bad(f"{name} is not a JSON number")


def exact_loads(line: bytes) -> Any:
    """The exact reading: a key given twice refused, numbers as bounded Decimal, no lone
    surrogates. Only for a line orjson cannot settle alone."""
    data = json.loads(
        line,
        object_pairs_hook=_pairs,
        parse_float=_decimal,
        parse_int=_integer,
        parse_constant=_constant,
    )
    if b"\\ud" in line.lower():
        try:
            json.dumps(data, ensure_ascii=False, default=str).encode()
        except UnicodeEncodeError:
            raise Bad("half of a surrogate pair") from None
    return data


def settled(data: Any, line: bytes) -> bool:
    """Whether orjson's reading of ``line`` is the exact one: no number holds a fraction (orjson
    reads it as a float), and no key was given twice (which orjson silently resolves). Every key
    is followed by a colon, and a colon can stand nowhere else but in a string: when the line
    holds as many colons as the objects read hold pairs, every key was read."""
    if type(data) is not dict or b"\\" in line:
        return False
    enterprise, records = data.get("enterprise"), data.get("records")
    if type(enterprise) is not dict or type(records) is not list:
        return False
    pairs = len(data) + len(enterprise)
    for record in records:
        if type(record) is not dict:
            return False
        pairs += len(record)
    if line.count(b":") != pairs:
        return False
    return not any(type(v) is float for v in enterprise.values())


# --- Writing: straight to text, spaced like json.dumps ----------------------------------------
# orjson writes compact JSON only; respacing its output (the text between strings) costs as much
# as json.dumps itself, so each line is written as text, each string by the C encoder's own
# escape (json.encoder.encode_basestring).

QUOTE = json.encoder.encode_basestring
ENCODE = json.JSONEncoder(ensure_ascii=False).encode
LINE_BREAKS = re.compile("[\x85\u2028\u2029]")


# --- Checks ----------------------------------------------------------------------------------


def period_end(start: dt.date, years: int) -> dt.date:
    """Civil Code arts. 201-202: the corresponding day ``years`` on, or that month's last day;
    past 9999-12-31, 9999-12-31 (long-term)."""
    year = start.year + years
    if year > 9999:
        return LAST_DAY
    last = calendar.monthrange(year, start.month)[1]
    return start.replace(year=year, day=min(start.day, last))


WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SCHEDULE_YEARS = sorted({d.year for d in chinese_calendar.holidays})
SCHEDULE_FIRST = dt.date(SCHEDULE_YEARS[0], 1, 1)
SCHEDULE_LAST = dt.date(SCHEDULE_YEARS[-1], 12, 28)
SCHEDULE_SOURCE = (
    f"国务院办公厅节假日安排{SCHEDULE_YEARS[0]}-{SCHEDULE_YEARS[-1]}年"
    f"（chinese-calendar {chinese_calendar.__version__}）"
)
SOURCE_ZH = {"item": "本项规定", "ruleset": "记分标准默认"}
SOURCE_EN = {"item": "the item's own", "ruleset": "the ruleset's default"}


def rest_label(when: dt.date) -> tuple[str, str] | None:
    """Why ``when`` is a rest day by the State Council's schedule, or None for a working day."""
    resting, name = chinese_calendar.get_holiday_detail(when)
    if not resting:
        return None
    weekday = when.weekday()
    if name is None:
        return f"休息日（{WEEKDAYS_ZH[weekday]}）", f"a rest day ({WEEKDAYS_EN[weekday]})"
    chinese = chinese_calendar.Holiday(name).chinese
    if chinese_calendar.is_in_lieu(when):
        zh, en = "调休休息日", "a rest day moved by the holiday schedule"
    elif weekday >= 5:
        zh, en = "休息日", "a rest day"
    else:
        zh, en = "法定节假日", "a statutory holiday"
    return f"{zh}（{chinese}假期）", f"{en} ({name} break)"


def extend(nominal: dt.date) -> tuple[dt.date, str, str]:
    """Civil Code art. 203: the deadline moved past a rest, and the words that say so."""
    when, first = nominal, None
    while True:
        if not SCHEDULE_FIRST <= when <= SCHEDULE_LAST:
            return (
                nominal,
                f"截止日{nominal}所涉日期不在节假日安排（{SCHEDULE_SOURCE}）范围内，未作顺延",
                f"the deadline {nominal} could not be checked for rest days ({SCHEDULE_SOURCE} "
                f"does not cover {when}); not moved",
            )
        label = rest_label(when)
        if label is None:
            break
        first = first or label
        when += dt.timedelta(days=1)
    if first is None:
        return nominal, "", ""
    return (
        when,
        f"截止日{nominal}为{first[0]}，依民法典第二百零三条顺延至{when}",
        f"the deadline {nominal} is {first[1]}; moved to {when} (Civil Code art. 203)",
    )


DAYS: dict[str, dt.date] = {}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
TEXTS: dict[dt.date, str] = {}


def iso_text(when: dt.date) -> str:
    """The ISO text of a date, made once per distinct date (formatting a date costs more than a
    look-up, and the lines write a few thousand dates over and over)."""
    found = TEXTS.get(when)
    if found is None:
        found = TEXTS[when] = when.isoformat()
    return found


def day(value: Any) -> dt.date:
    """A date from its ISO text; each distinct text parsed once."""
    found = DAYS.get(value) if type(value) is str else None
    if found is not None:
        return found
    if type(value) is not str or not ISO_DATE.fullmatch(value):
        raise Bad(f"not a date: {value!r}")
    try:
        found = DAYS[value] = dt.date.fromisoformat(value)
    except ValueError:
        raise Bad(f"no such day: {value!r}") from None
    return found


def identity(value: str) -> str:
    """NFKC, invisible format characters removed, trimmed (zs_quality.model.identity)."""
    if value.isascii():
        return value.strip()
    normal = unicodedata.normalize("NFKC", value)
    if not normal.isprintable():
        visible = "".join(c for c in normal if unicodedata.category(c) != "Cf")
        normal = unicodedata.normalize("NFKC", visible)
    return normal.strip()


def text(value: Any, *, empty: bool = True) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise Bad(f"not text: {value!r}")
    return value


def optional_text(value: Any) -> str | None:
    return None if value is None else text(value)


def number(value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise Bad("not a number")
    if isinstance(value, str):
        parsed = _decimal(value.strip())
    elif isinstance(value, int):
        if not -MAGNITUDE < value < MAGNITUDE:
            raise Bad("number too large")
        parsed = Decimal(value)
    else:
        parsed = value
    if not parsed.is_finite() or parsed < 0:
        raise Bad(f"not a non-negative number: {value!r}")


# GB 32100-2015: registration authority (position 1) and the categories it registers (2); the
# province codes of GB/T 2260 that begin positions 3-8 (100000: a national registration).
PAIRS = (
    *(f"1{c}" for c in "1239"), "21", "29", *(f"3{c}" for c in "123459"), "41", "49",
    *(f"5{c}" for c in "1239"), *(f"6{c}" for c in "129"), *(f"7{c}" for c in "129"),
    "81", "89", *(f"9{c}" for c in "123"), "A1", "A9", *(f"N{c}" for c in "1239"), "Y1",
)  # fmt: skip
PROVINCES = (
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
)  # fmt: skip
VALID_CODE = re.compile(
    f"(?:{'|'.join(PAIRS)})(?:(?:{'|'.join(PROVINCES)})[0-9]{{4}}|100000)[{CHARSET}]{{10}}"
)


def check_uscc(value: Any) -> str:
    code = (text(value) if value.isascii() else identity(value)).strip().upper()
    if not VALID_CODE.fullmatch(code):
        raise Bad(f"bad code {value!r}")
    total = sum(map(int.__mul__, map(VALUE.__getitem__, code[:17]), WEIGHTS))
    if code[17] != CHARSET[(31 - total % 31) % 31]:
        raise Bad(f"bad check character {value!r}")
    return code


def check_enterprise(data: Any) -> tuple[str, str]:
    if not isinstance(data, dict) or not data.keys() <= ENTERPRISE_KEYS:
        raise Bad("bad enterprise")
    code = check_uscc(text(data["uscc"]))
    text(data["name"], empty=False)
    optional_text(data.get("town"))
    if data.get("sector") is not None and data["sector"] not in SECTORS:
        raise Bad("bad sector")
    category = data.get("category")
    if category not in CATEGORY_LABELS:
        raise Bad("bad or missing category")
    if len(data) > 5:  # the size indicators, rarely given
        employees = data.get("employees")
        if employees is not None and (type(employees) is not int or not 0 <= employees < MAGNITUDE):
            raise Bad("bad employees")
        number(data.get("revenue"))
        number(data.get("total_assets"))
        size = data.get("above_designated_size")
        if size is not None and not isinstance(size, bool):
            raise Bad("bad above_designated_size")
    return code, category


def check_record(data: Any) -> tuple[str, str, dt.date, dt.date, Any, Any, str]:
    if not isinstance(data, dict) or not data.keys() <= RECORD_KEYS:
        raise Bad("bad record")
    status = data.get("status", "approved")
    if status not in STATUS_LABELS:
        raise Bad("bad status")
    optional_text(data.get("issuer"))
    number_ = optional_text(data.get("document_no"))
    return (
        text(identity(text(data["id"])), empty=False),
        text(data["item"], empty=False),
        day(data["document_date"]),
        day(data["submitted_on"]),
        optional_text(data.get("grade")),
        None if number_ is None else identity(number_),
        status,
    )


def load_ruleset(path: str) -> dict[str, Any]:
    with open(path, "rb") as file:
        data = tomllib.load(file)
    head = data["ruleset"]
    ref = f"{head['id']}@{head['version']}"
    items = {}
    for item in data["items"]:
        cap = item.get("annual_cap")
        items[item["code"]] = {
            "code": item["code"],
            "label": f"{item['code']}「{item['description']}」",
            "categories": set(item["categories"]),
            "allowed_zh": "、".join(sorted(CATEGORY_LABELS[c] for c in item["categories"])),
            "allowed_en": ", ".join(sorted(item["categories"])),
            "points": Decimal(str(item["points"])),
            "cap": None if cap is None else Decimal(str(cap)),
            "years": item["validity_years"],
            "grades": {g: Decimal(str(p)) for g, p in item.get("grades", {}).items()},
            "window": None
            if item.get("no_submission_window")
            else item.get("submission_window_years", head["submission_window_years"]),
            "window_source": "ruleset"
            if "submission_window_years" not in item and not item.get("no_submission_window")
            else "item",
        }
    until = head.get("effective_until")
    return {
        "ref": ref,
        "ref_json": ENCODE({"id": head["id"], "version": head["version"]}),
        "from": head["effective_from"],
        "until": until,
        "rest_days": head.get("rest_day_extension", False),
        "items": items,
        # Period ends, deadlines and the words that state them, by the dates and years they are
        # made from: a population has a few thousand dates.
        "ends": {},
        "deadlines": {},
        "windows": {},
        "periods": {},
    }


def date_json(day: str | None) -> str:
    return "null" if day is None else f'"{day}"'


def record_json(
    rid: str,
    item: str,
    outcome: str,
    awarded: str,
    dates: tuple[str | None, str | None, str | None],
    ruleset: str,
    rule: str,
    zh: str,
    en: str,
) -> str:
    """One record's result as JSON text, as json.dumps writes it: the texts a submission
    brings (id, item, reasons) escaped by the C encoder, the rest plain ASCII."""
    start, end, deadline = dates
    return (
        f'{{"id": {QUOTE(rid)}, "item": {QUOTE(item)}, "outcome": "{outcome}", '
        f'"awarded": "{awarded}", "effective_from": {date_json(start)}, '
        f'"valid_until": {date_json(end)}, "filing_deadline": {date_json(deadline)}, '
        f'"ruleset": {ruleset}, "rule": "{rule}", "reason_zh": {QUOTE(zh)}, '
        f'"reason_en": {QUOTE(en)}}}'
    )


def rejected(rid, item, outcome, rule, zh, en, ruleset="null", deadline=None):  # type: ignore[no-untyped-def]
    return record_json(rid, item, outcome, "0", (None, None, deadline), ruleset, rule, zh, en)


def score(data: Any, rs: dict[str, Any], as_of: dt.date) -> tuple[str, str]:
    """The enterprise's code and its result as a line of JSON."""
    if not isinstance(data, dict) or data.keys() != SUBMISSION_KEYS:
        raise Bad("bad submission")
    code, category = check_enterprise(data["enterprise"])
    if not isinstance(data["records"], list):
        raise Bad("records is not a list")
    records = [check_record(r) for r in data["records"]]
    if len({r[0] for r in records}) != len(records):
        raise Bad("duplicate record id")

    ref, ref_data, items = rs["ref"], rs["ref_json"], rs["items"]
    ends, deadlines, windows, periods = rs["ends"], rs["deadlines"], rs["windows"], rs["periods"]
    as_of_text = iso_text(as_of)
    start, until = rs["from"], rs["until"]
    results: list[Any] = [None] * len(records)
    eligible = []
    for index, (rid, code_, doc, sub, grade, number_, status) in enumerate(records):
        if sub < doc:
            submitted, dated = iso_text(sub), iso_text(doc)
            results[index] = rejected(
                rid,
                code_,
                "invalid",
                "dates",
                f"申报日期{submitted}早于文件落款日期{dated}",
                f"submitted on {submitted}, before the document date {dated}",
            )
            continue
        if sub < start or (until is not None and sub > until):
            submitted = iso_text(sub)
            results[index] = rejected(
                rid,
                code_,
                "unknown_item",
                "ruleset_in_force",
                f"申报日期{submitted}无有效的记分标准版本",
                f"no version of the ruleset was in force on the submission date {submitted}",
            )
            continue
        item = items.get(code_)
        if item is None:
            results[index] = rejected(
                rid,
                code_,
                "unknown_item",
                "item",
                f"记分标准{ref}中没有加分项目{code_}",
                f"{ref} has no item {code_}",
                ref_data,
            )
            continue
        points = item["points"] if grade is None else item["grades"].get(grade)
        if points is None:
            grades = item["grades"]
            results[index] = rejected(
                rid,
                code_,
                "invalid",
                "grade",
                f"{item['label']}未设等次「{grade}」（已设：{'、'.join(grades) or '无'}）（{ref}）",
                f"{code_} defines no grade {grade!r} (defined: {', '.join(grades) or 'none'}) "
                f"({ref})",
                ref_data,
            )
            continue
        if category not in item["categories"]:
            results[index] = rejected(
                rid,
                code_,
                "wrong_category",
                "category",
                f"{item['label']}适用于{item['allowed_zh']}，不适用于{CATEGORY_LABELS[category]}"
                f"（{ref}）",
                f"{code_} applies to {item['allowed_en']}, not to {category} ({ref})",
                ref_data,
            )
            continue
        if status != "approved":
            results[index] = rejected(
                rid,
                code_,
                "not_approved",
                "status",
                f"{item['label']}记录状态为{STATUS_LABELS[status]}，未审核通过（{ref}）",
                f"{code_} record is {status}, not approved ({ref})",
                ref_data,
            )
            continue
        window = item["window"]
        if window is None:
            eligible.append(
                (
                    doc,
                    sub,
                    rid,
                    index,
                    item,
                    points,
                    None,
                    number_,
                    "本项未设申报期限",
                    "no filing window",
                )
            )
            continue
        nominal = ends.get((doc, window))
        if nominal is None:
            nominal = ends[doc, window] = period_end(doc, window)
        moved = deadlines.get(nominal)
        if moved is None:
            moved = deadlines[nominal] = extend(nominal) if rs["rest_days"] else (nominal, "", "")
        deadline, moved_zh, moved_en = moved
        source = item["window_source"]
        if sub > deadline:
            note_zh = f"；{moved_zh}" if moved_zh else ""
            note_en = f"; {moved_en}" if moved_en else ""
            last_day, submitted = iso_text(deadline), iso_text(sub)
            results[index] = rejected(
                rid,
                code_,
                "late_submission",
                "submission_window",
                f"{item['label']}应于文件落款日期起{window}年内（{SOURCE_ZH[source]}，"
                f"截至{last_day}{note_zh}）申报，实际{submitted}申报，逾期无效（{ref}）",
                f"{code_} had to be filed within {window} year(s) of the document date "
                f"({SOURCE_EN[source]} window), by {last_day}{note_en}; filed {submitted} ({ref})",
                ref_data,
                last_day,
            )
            continue
        words = windows.get((window, source, deadline))
        if words is None:
            words = windows[window, source, deadline] = (
                f"申报期限为落款日期起{window}年（{SOURCE_ZH[source]}），截至{deadline}",
                f"filing window {window} year(s) from the document date ({SOURCE_EN[source]}), "
                f"by {deadline}",
            )
        window_zh, window_en = words
        if deadline != nominal and sub > nominal:
            window_zh, window_en = f"{window_zh}（{moved_zh}）", f"{window_en} ({moved_en})"
        eligible.append(
            (doc, sub, rid, index, item, points, deadline, number_, window_zh, window_en)
        )

    eligible.sort(key=lambda e: (e[0], e[1], e[2]))
    documents: dict[tuple[str, str], str] = {}
    so_far: dict[tuple[str, int], Decimal] = {}
    total = ZERO
    for doc, _sub, rid, index, item, points, deadline, number_, window_zh, window_en in eligible:
        deadline_text = None if deadline is None else iso_text(deadline)
        code_ = item["code"]
        if number_ is not None:
            key = (code_, number_)
            first = documents.get(key)
            if first is not None:
                results[index] = rejected(
                    rid,
                    code_,
                    "duplicate",
                    "duplicate",
                    f"{item['label']}文号{number_}已由记录{first}申报；{window_zh}（{ref}）",
                    f"{code_} document {number_} was already filed as record {first}; "
                    f"{window_en} ({ref})",
                    ref_data,
                    deadline_text,
                )
                continue
            documents[key] = rid
        cap = item["cap"]
        group = (code_, doc.year)
        before = so_far.get(group, ZERO)
        award = points if cap is None else max(ZERO, min(points, cap - before))
        so_far[group] = before + award
        valid_until = ends.get((doc, item["years"]))
        if valid_until is None:
            valid_until = ends[doc, item["years"]] = period_end(doc, item["years"])
        cap_zh = cap_en = ""
        if cap is not None and award < points:
            # str() first: an f-string formats a Decimal through its __format__, several times
            # slower.
            cap_text, before_text = str(cap), str(before)
            cap_zh = f"；{doc.year}年度封顶{cap_text}分，此前已计{before_text}分"
            cap_en = (
                f"; the {doc.year} annual cap is {cap_text} and {before_text} was already awarded"
            )
        if award == 0:
            outcome, rule = "capped", "annual_cap"
            zh = f"{item['label']}不计分{cap_zh}"
            en = f"{code_} earns nothing{cap_en}"
            award = ZERO
        else:
            period = periods.get((doc, valid_until))
            if period is None:
                if valid_until == LAST_DAY:  # past the calendar's last day: until further notice
                    period = (f"有效期自{doc}起长期有效", f"valid from {doc} until further notice")
                else:
                    period = (f"有效期{doc}至{valid_until}", f"valid {doc} to {valid_until}")
                periods[doc, valid_until] = period
            period_zh, period_en = period
            award_text = str(award)
            earned_zh = f"{item['label']}得{award_text}分{cap_zh}，{period_zh}，评价日{as_of_text}"
            earned_en = f"{code_} earns {award_text} points{cap_en}, {period_en}; "
            if as_of < doc:
                outcome, zh, en = (
                    "not_yet_effective",
                    f"{earned_zh}尚未生效",
                    f"{earned_en}not yet effective on {as_of_text}",
                )
            elif as_of > valid_until:
                outcome, zh = "expired", f"{earned_zh}已过期"
                en = f"{earned_en}expired by {as_of_text}"
            else:
                outcome, zh = "counted", f"{earned_zh}计入"
                en = f"{earned_en}counted on {as_of_text}"
                total += award
            rule = "annual_cap" if cap_zh and outcome == "counted" else "validity"
        results[index] = record_json(
            rid,
            code_,
            outcome,
            str(award),
            (iso_text(doc), iso_text(valid_until), deadline_text),
            ref_data,
            rule,
            f"{zh}；{window_zh}（{ref}）",
            f"{en}; {window_en} ({ref})",
        )
    line = (
        f'{{"uscc": "{code}", "as_of": "{as_of_text}", "ruleset": {ref_data}, '
        f'"total": "{total!s}", "records": [{", ".join(results)}], '
        f'"trace": "zs_quality.integrity/1"}}\n'
    )
    return code, line


def main() -> None:
    ruleset_path, as_of_text, source, out_path, errors_path = sys.argv[1:6]
    rs = load_ruleset(ruleset_path)
    as_of = dt.date.fromisoformat(as_of_text)
    read = scored = bad = 0
    seen: dict[str, int] = {}  # each enterprise once: the line each code was first seen on
    # Read in 1 MiB blocks, as the CLI reads, and written in 64 KiB (larger were no faster): with
    # the default 8 KiB buffers a line of output (about 2.7 KB) fills the buffer every third line,
    # and the system calls cost 0.2 s of CPU per 100,000 enterprises (docs/performance.md, "The
    # floor was not tight").
    with (
        open(source, "rb", buffering=1 << 20) as lines,
        open(out_path, "wb", buffering=1 << 16) as out,
        open(errors_path, "wb") as errors,
    ):
        for number_, line in enumerate(lines, start=1):
            if line[:3] == b"\xef\xbb\xbf":  # a byte-order mark (the file's, or a concatenated one)
                line = line[3:]
            if not line.strip():
                continue
            read += 1
            try:
                if len(line) > MAX_RECORD_BYTES:
                    raise Bad("line too long")
                try:
                    data = orjson.loads(line)
                except orjson.JSONDecodeError:
                    data = exact_loads(line)
                else:
                    if not settled(data, line):
                        data = exact_loads(line)
                code, result = score(data, rs, as_of)
                first = seen.setdefault(code, number_)
                if first != number_:
                    raise Bad(f"enterprise {code} is listed twice (first at line {first})")
            except (Bad, ValueError, KeyError, TypeError, AttributeError) as exc:
                bad += 1
                errors.write(orjson.dumps({"line": number_, "error": str(exc)}, option=NEWLINE))
                continue
            scored += 1
            # The three characters some readers take for line ends are escaped.
            if "\x85" in result or "\u2028" in result or "\u2029" in result:
                result = LINE_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", result)
            out.write(result.encode())
    print(f"floor: read {read}, scored {scored}, rejected {bad}", file=sys.stderr)


if __name__ == "__main__":
    main()
