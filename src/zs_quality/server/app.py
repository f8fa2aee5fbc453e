"""The ASGI application: the routes, the OpenAPI document and docs page, limits and refusals."""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path
from typing import Any

import attrs
import swagger_ui_bundle
from litestar import Litestar, Request, Response, get
from litestar.datastructures import State
from litestar.exceptions import HTTPException, ValidationException
from litestar.static_files import create_static_files_router

from zs_quality.convert import unstructure
from zs_quality.errors import Problem
from zs_quality.io.jsonio import dumps
from zs_quality.limits import MAX_REQUEST_BODY
from zs_quality.server.library import PolicyLibrary
from zs_quality.server.openapi import DOCS_PAGE, PROBLEM_JSON, openapi_document
from zs_quality.server.problems import (
    BODY_TOO_LARGE,
    INTERNAL_ERROR,
    INVALID_PARAMETER,
    METHOD_NOT_ALLOWED,
    NOT_FOUND,
    UNREADABLE_BODY,
    ProblemError,
    problem_details,
)
from zs_quality.server.routes import ROUTES

__all__ = [
    "CONFIG_VARIABLE",
    "DEFAULT_MAX_BODY",
    "ServiceConfig",
    "app_from_environment",
    "create_app",
]

DEFAULT_MAX_BODY = MAX_REQUEST_BODY
"""The default limit of a request body, in bytes (:data:`~zs_quality.limits.MAX_REQUEST_BODY`,
as ``zs-quality serve``)."""

CONFIG_VARIABLE = "ZS_QUALITY_SERVICE"
"""The environment variable through which ``zs-quality serve`` hands its options to workers."""

_log = logging.getLogger("zs_quality.server")


@attrs.frozen(kw_only=True)
class ServiceConfig:
    """What a service is started with: the folder of extra policy files, and the body limit."""

    ruleset_dir: Path | None = None
    max_body: int = DEFAULT_MAX_BODY

    def to_json(self) -> str:
        """The options as JSON, for the environment of worker processes."""
        return json.dumps(
            {
                "ruleset_dir": None if self.ruleset_dir is None else str(self.ruleset_dir),
                "max_body": self.max_body,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> ServiceConfig:
        """The options written by :meth:`to_json`."""
        data = json.loads(text)
        folder = data["ruleset_dir"]
        return cls(ruleset_dir=None if folder is None else Path(folder), max_body=data["max_body"])


def _problem(error: ProblemError, request: Request[Any, Any, Any]) -> Response[bytes]:
    document = unstructure(problem_details(error, request.url.path))
    return Response(
        content=dumps(document).encode("utf-8"),
        media_type=PROBLEM_JSON,
        status_code=error.kind.status,
    )


def _on_problem(request: Request[Any, Any, Any], error: ProblemError) -> Response[bytes]:
    return _problem(error, request)


_MISSING = re.compile(r"Missing required (\w+) parameter '([^']+)'")


def _validation_problems(error: ValidationException) -> list[Problem]:
    # Litestar names a missing parameter in its message only; a bad value in ``extra``.
    missing = _MISSING.search(error.detail)
    if missing is not None:
        source, name = missing.groups()
        return [Problem(name, f"required {source} parameter is missing")]
    extra = error.extra if isinstance(error.extra, list) else []
    return [
        Problem(str(item.get("key", "")), str(item.get("message", error.detail)))
        for item in extra
        if isinstance(item, dict)
    ]


def _on_http_error(request: Request[Any, Any, Any], error: HTTPException) -> Response[bytes]:
    status = error.status_code
    if status == 404:
        refusal = ProblemError(NOT_FOUND, f"no resource at {request.url.path}")
    elif status == 405:
        refusal = ProblemError(METHOD_NOT_ALLOWED, f"{request.method} is not allowed here")
    elif status == 413:
        refusal = ProblemError(BODY_TOO_LARGE, error.detail)
    elif isinstance(error, ValidationException):
        problems = _validation_problems(error)
        detail = "; ".join(map(str, problems)) or error.detail
        refusal = ProblemError(INVALID_PARAMETER, detail, problems)
    elif 400 <= status < 500:
        refusal = ProblemError(UNREADABLE_BODY, error.detail)
    else:
        return _on_failure(request, error)
    return _problem(refusal, request)


def _on_failure(request: Request[Any, Any, Any], error: Exception) -> Response[bytes]:
    _log.exception("failed on %s %s", request.method, request.url.path, exc_info=error)
    return _problem(ProblemError(INTERNAL_ERROR, "the service failed; see its log"), request)


def create_app(config: ServiceConfig | None = None) -> Litestar:
    """The service's application, its policy data loaded (a bad file raises
    :class:`~zs_quality.errors.RulesetError`: a service does not start on bad data)."""
    config = config or ServiceConfig()
    library = PolicyLibrary.load(config.ruleset_dir)
    references = {"ruleset": library.ruleset_refs(), "criteria": library.criteria_refs()}
    document = dumps(openapi_document(ROUTES, references)).encode("utf-8")

    @get(
        "/openapi.json",
        sync_to_thread=False,
        include_in_schema=False,
        media_type="application/json",
    )
    def openapi() -> bytes:
        return document

    @get("/docs", sync_to_thread=False, include_in_schema=False, media_type="text/html")
    def docs() -> str:
        return DOCS_PAGE

    assets = create_static_files_router(
        path="/docs/static", directories=[Path(str(swagger_ui_bundle.swagger_ui_path))]
    )
    return Litestar(
        route_handlers=[*ROUTES, openapi, docs, assets],
        openapi_config=None,
        state=State({"library": library}),
        request_max_body_size=config.max_body,
        exception_handlers={
            ProblemError: _on_problem,
            HTTPException: _on_http_error,
            Exception: _on_failure,
        },
    )


def app_from_environment() -> Litestar:
    """The application with the options ``zs-quality serve`` put in the environment (the entry
    point of each worker process)."""
    text = os.environ.get(CONFIG_VARIABLE)
    return create_app(None if text is None else ServiceConfig.from_json(text))
