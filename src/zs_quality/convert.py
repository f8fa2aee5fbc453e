"""The one converter between the models and JSON-ready data (dicts, lists, strings, numbers).

``converter`` is a :class:`cattrs.Converter` that knows every public model:

* dates are ISO strings ``YYYY-MM-DD``;
* :class:`~decimal.Decimal` values are written as strings (``"12.5"``) so that no JSON reader
  can round them, and read from strings, integers or JSON numbers;
* enumerations are written by value; evidence records carry their ``kind``;
* unknown keys are an error, never silently dropped.

Use :func:`structure` rather than ``converter.structure`` for input from outside: it turns every
failure into an :class:`~zs_quality.errors.InputError` that names the path of each bad field.
"""

from __future__ import annotations

import enum
import traceback
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn
from cattrs.strategies import configure_tagged_union

from zs_quality.dates import Date, as_date
from zs_quality.errors import (
    InputError,
    Problem,
    TransitionError,
    ZsQualityError,
    got,
    join_path,
    shown,
)
from zs_quality.limits import MAX_MAGNITUDE
from zs_quality.model.enterprise import ConstructionCategory, Enterprise, Sector
from zs_quality.model.evidence import EVIDENCE_TYPES, Evidence
from zs_quality.model.labels import LabelledEnum, choices
from zs_quality.model.numbers import to_decimal, whole_number
from zs_quality.model.submission import IntegrityRecord, RecordStatus, Submission
from zs_quality.model.uscc import USCC

__all__ = ["converter", "structure", "unstructure"]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

converter = cattrs.Converter(forbid_extra_keys=True)
"""The converter for every public model (see the module docs)."""


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise InputError(f"expected a string, got {got(value)}")
    return value


def _structure_int(value: object, _: type) -> int:
    if type(value) is int and -MAX_MAGNITUDE < value < MAX_MAGNITUDE:
        return value
    return whole_number(value)


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"expected true or false, got {got(value)}")
    return value


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        raise InputError(f"{shown(value)} is not one of: {choices(cls)}") from None


def _structure_uscc(value: object, _: type) -> USCC:
    if not isinstance(value, str):
        raise InputError(f"expected a code as a string, got {got(value)}")
    return USCC.parse(value)


def _mapping_only(cls: type) -> Callable[[Any, type], Any]:
    # A generic class arrives parametrized (``Transition[StandardState]``): resolve its origin.
    attrs.resolve_types(typing.get_origin(cls) or cls)
    inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True
    )

    def structure_mapping(value: Any, _: type) -> Any:
        if not isinstance(value, Mapping):
            raise InputError(f"expected an object, got {got(value)}")
        return inner(value, cls)

    return structure_mapping


def _is_tuple(tp: Any) -> bool:
    # Only ``tuple[X, ...]``: a fixed-shape tuple such as ``tuple[Education, int]`` keeps cattrs'
    # own hook, which structures each position with its own type.
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _sequence_only(tp: Any) -> Callable[[Any, type], Any]:
    inner: Callable[[Any, Any], Any] = homogenous_tuple_structure_factory(tp, converter)

    def structure_sequence(value: Any, _: type) -> Any:
        if not isinstance(value, list | tuple):
            raise InputError(f"expected an array, got {got(value)}")
        return inner(value, tp)

    return structure_sequence


converter.register_structure_hook(str, _structure_str)
converter.register_structure_hook(int, _structure_int)
converter.register_structure_hook(bool, _structure_bool)
# Hooks dispatch on the class's MRO, where a StrEnum meets ``str`` before ``Enum``: register the
# enum hook on the library's enum base too.
for _enum_base in (enum.Enum, LabelledEnum):
    converter.register_structure_hook(_enum_base, _structure_enum)
    converter.register_unstructure_hook(_enum_base, lambda e: e.value)
converter.register_structure_hook(Decimal, lambda v, _: to_decimal(v))
converter.register_unstructure_hook(Decimal, str)
converter.register_structure_hook(Date, lambda v, _: as_date(v))
converter.register_unstructure_hook(Date, Date.isoformat)
converter.register_structure_hook(USCC, _structure_uscc)
converter.register_unstructure_hook(USCC, str)


# A set (a ruleset item's categories) is written as a sorted list: JSON has no sets, and a sorted
# list makes the same document every time.
def _is_set(tp: Any) -> bool:
    origin: Any = typing.get_origin(tp)
    return origin is frozenset or origin is set


def _sorted_list(tp: Any) -> Callable[[Any], list[Any]]:
    (element,) = typing.get_args(tp)
    return lambda value: sorted(converter.unstructure(v, element) for v in value)


converter.register_unstructure_hook_factory(_is_set, _sorted_list)
converter.register_structure_hook_factory(attrs.has, _mapping_only)
converter.register_structure_hook_factory(_is_tuple, _sequence_only)
configure_tagged_union(
    Evidence,
    converter,
    tag_generator=lambda cl: str(getattr(cl, "KIND").value),  # noqa: B009
    tag_name="kind",
)
# The tagged union above dispatches on "kind"; a missing or unknown kind deserves a plain message.
_evidence_hook = converter.get_structure_hook(Evidence)
_KINDS = {str(t.KIND.value) for t in EVIDENCE_TYPES}


def _structure_evidence(value: Any, tp: type) -> Any:
    if not isinstance(value, Mapping):
        raise InputError(f"expected an object, got {got(value)}")
    kind = value.get("kind")
    if kind not in _KINDS:
        raise InputError(f"{shown(kind)} is not one of: {', '.join(sorted(_KINDS))}", path="kind")
    return _evidence_hook(value, tp)


converter.register_structure_hook(Evidence, _structure_evidence)


# Batches structure millions of submissions, and the generated hook's per-field error bookkeeping
# costs more than the scoring. A submission in the plain shape of a JSON line (text fields, known
# keys) is built straight through the models' constructors, which validate as always; anything
# else, and every failure, goes through the generated hook, which finds and reports each problem.
_submission_hook = converter.get_structure_hook(Submission)
_SUBMISSION_KEYS = frozenset(f.name for f in attrs.fields(Submission))
_PLAIN_ENTERPRISE_KEYS = frozenset({"uscc", "name", "town", "sector", "category"})
_RECORD_KEYS = frozenset(f.name for f in attrs.fields(IntegrityRecord))


class _NotPlain(Exception):
    """The data is not in the plain shape the fast path builds."""


def _text(value: object) -> str:
    if type(value) is not str:
        raise _NotPlain
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


# Calling an Enum class to look a value up runs Python code (EnumMeta.__call__, Enum.__new__); a
# dict lookup does not. A value not found leaves the data to the generated hook, which reports it.
_STATUSES: dict[object, RecordStatus] = {s.value: s for s in RecordStatus}
_SECTORS: dict[object, Sector] = {s.value: s for s in Sector}
_CATEGORIES: dict[object, ConstructionCategory] = {c.value: c for c in ConstructionCategory}


def _member(members: Mapping[object, E], value: object) -> E:
    try:
        return members[value]
    except (KeyError, TypeError):  # not a value, or not even hashable
        raise _NotPlain from None


def _plain_record(data: Any) -> IntegrityRecord:
    if type(data) is not dict or not data.keys() <= _RECORD_KEYS:
        raise _NotPlain
    get = data.get
    grade, number, issuer = get("grade"), get("document_no"), get("issuer")
    # Only these three take any value their constructor is given: the other fields' converters
    # and validators refuse what is not text or an ISO date, and the generated hook then reports.
    if (
        (grade is not None and type(grade) is not str)
        or (number is not None and type(number) is not str)
        or (issuer is not None and type(issuer) is not str)
    ):
        raise _NotPlain
    status = _member(_STATUSES, data["status"]) if "status" in data else RecordStatus.APPROVED
    # By position: id, item, document_date, submitted_on, grade, document_no, issuer, status.
    return IntegrityRecord(
        data["id"],
        data["item"],
        data["document_date"],
        data["submitted_on"],
        grade,
        number,
        issuer,
        status,
    )


def _plain_submission(data: Any) -> Submission:
    if type(data) is not dict or data.keys() != _SUBMISSION_KEYS:
        raise _NotPlain
    enterprise, records = data["enterprise"], data["records"]
    if (
        type(enterprise) is not dict
        or not enterprise.keys() <= _PLAIN_ENTERPRISE_KEYS
        or type(records) is not list
    ):
        raise _NotPlain
    sector, category = enterprise.get("sector"), enterprise.get("category")
    built = [_plain_record(r) for r in records]
    return Submission(
        enterprise=Enterprise(
            uscc=USCC.parse(_text(enterprise["uscc"])),
            name=_text(enterprise["name"]),
            town=_optional_text(enterprise.get("town")),
            sector=None if sector is None else _member(_SECTORS, sector),
            category=None if category is None else _member(_CATEGORIES, category),
        ),
        records=built,  # type: ignore[arg-type]  # mypy's attrs plugin cannot type converter=tuple
    )


def _structure_submission(value: Any, tp: type) -> Any:
    try:
        return _plain_submission(value)
    except Exception:  # the generated hook redoes the work and reports every problem
        return _submission_hook(value, tp)


converter.register_structure_hook(Submission, _structure_submission)


def _faults(exc: BaseException, path: str) -> Iterator[tuple[Problem, type[BaseException]]]:
    """Flatten a cattrs validation tree into problems, each with its field path and the class of
    the exception that reported it."""
    if isinstance(exc, ZsQualityError):
        for p in exc.problems:
            yield Problem(join_path(path, p.path), p.message), type(exc)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield Problem(join_path(path, key), "unknown key"), InputError
    elif isinstance(exc, ClassValidationError | IterableValidationError):
        for sub in exc.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    sub_path = join_path(path, note.name)
                elif isinstance(note, IterableValidationNote):
                    sub_path = f"{path}[{note.index!r}]"
            yield from _faults(sub, sub_path)
    elif isinstance(exc, KeyError):
        yield Problem(path, "required key is missing"), InputError
    else:
        yield Problem(path, str(exc) or type(exc).__name__), InputError


def structure(
    data: object,
    cls: type[T],
    *,
    path: str = "",
    file: str | None = None,
    line: int | None = None,
) -> T:
    """Build a ``cls`` from JSON-ready ``data``; any fault raises :class:`InputError`.

    The error lists every bad field it found, each with its path under ``path``, and carries the
    ``file`` and ``line`` it is given. When every fault is an illegal lifecycle move, the error is
    a :class:`~zs_quality.errors.TransitionError` (an :class:`InputError` too).
    """
    try:
        return converter.structure(data, cls)
    except Exception as exc:
        faults = list(_faults(exc, ""))
        _clear_frames(exc)
        kinds = {kind for _, kind in faults}
        error = TransitionError if kinds == {TransitionError} else InputError
        raise error([p for p, _ in faults], path=path, file=file, line=line) from exc


def _clear_frames(exc: BaseException) -> None:
    """Clear the local variables of the frames ``exc`` and the exceptions under it (causes,
    contexts, sub-exceptions) were raised through. cattrs keeps each sub-exception in a list in a
    frame its traceback holds: a reference cycle, which only the cyclic collector frees, and which
    holds on to every frame down the stack, a batch's chunk of results with them. Python 3.13
    runs that collector rarely enough that memory grew with the population. The tracebacks keep
    their files and lines."""
    seen: set[int] = set()
    pending = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        traceback.clear_frames(current.__traceback__)
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        pending.extend(getattr(current, "exceptions", ()))


def unstructure(obj: object) -> Any:
    """JSON-ready data for any public model (the inverse of :func:`structure`).

    An evidence record is written with its ``kind``, whether or not it sits inside a list.
    """
    if isinstance(obj, EVIDENCE_TYPES):
        return converter.unstructure(obj, Evidence)
    return converter.unstructure(obj)
