"""Refusals as RFC 9457 problem details: the kinds of problem and the exception that carries one.

Every refusal names its kind by a URN (``urn:zs-quality:problem:KIND``) and lists every fault
found with its field path, the way the command line reports them: a bad body element as
``records[0].document_date``, a bad parameter by its name (``as_of``).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from zs_quality.errors import Problem, ZsQualityError
from zs_quality.io.answers import ProblemDetails

__all__ = ["KINDS", "ProblemError", "ProblemKind", "problem_details"]


@attrs.frozen
class ProblemKind:
    """A kind of refusal: its URN suffix, HTTP status and title."""

    name: str
    status: int
    title: str

    @property
    def type(self) -> str:
        """The problem type URI."""
        return f"urn:zs-quality:problem:{self.name}"


INVALID_PARAMETER = ProblemKind("invalid-parameter", 400, "A parameter is missing or invalid")
UNREADABLE_BODY = ProblemKind("unreadable-body", 400, "The request body cannot be read")
INVALID_BODY = ProblemKind("invalid-body", 422, "The request body breaks the rules of its format")
NOT_FOUND = ProblemKind("not-found", 404, "No such resource")
METHOD_NOT_ALLOWED = ProblemKind("method-not-allowed", 405, "Method not allowed here")
BODY_TOO_LARGE = ProblemKind("body-too-large", 413, "The request body is over the limit")
INTERNAL_ERROR = ProblemKind("internal-error", 500, "The service failed")

KINDS: tuple[ProblemKind, ...] = (
    INVALID_PARAMETER,
    UNREADABLE_BODY,
    INVALID_BODY,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    BODY_TOO_LARGE,
    INTERNAL_ERROR,
)
"""Every kind of problem the service answers with."""


class ProblemError(Exception):
    """A request refused with problem details: raised by a handler, answered by the app."""

    def __init__(self, kind: ProblemKind, detail: str, problems: Iterable[Problem] = ()) -> None:
        self.kind = kind
        self.detail = detail
        self.problems = tuple(problems) or (Problem("", detail),)
        super().__init__(detail)

    @classmethod
    def of(cls, kind: ProblemKind, error: ZsQualityError) -> ProblemError:
        """The refusal for ``error``, with its problems."""
        problems = error.problems
        detail = "; ".join(map(str, problems))
        if error.line is not None:
            detail = f"line {error.line}: {detail}"
        return cls(kind, detail, problems)


def problem_details(error: ProblemError, instance: str) -> ProblemDetails:
    """The problem details document of ``error`` for the request path ``instance``."""
    return ProblemDetails(
        type=error.kind.type,
        title=error.kind.title,
        status=error.kind.status,
        detail=error.detail,
        instance=instance,
        problems=error.problems,
    )
