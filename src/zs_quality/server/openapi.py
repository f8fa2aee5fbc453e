"""The service's OpenAPI 3.1 document and its interactive docs page, both built from what ships.

Litestar builds the paths and parameters from the handlers' signatures; the request and answer
bodies are the package's JSON Schemas (:mod:`zs_quality.schemas`), placed in
``components.schemas`` (each schema's ``$defs`` lifted beside it, shared when every schema that
has a definition agrees on it, else named ``Name.input`` / ``Name.output``). The docs page is
Swagger UI served from the files of the ``swagger-ui-bundle-v2`` package: no asset comes from a
CDN, so the page works on an air-gapped network.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs
from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Server

from zs_quality import __version__
from zs_quality.schemas import CATALOGUE, load_schema
from zs_quality.server.problems import KINDS

__all__ = ["DOCS_PAGE", "Doc", "component", "list_of", "one_or_list", "openapi_document"]

PROBLEM_JSON = "application/problem+json"
_REF = "#/components/schemas/"

DESCRIPTION = """\
Zhongshan's chief-quality-officer (首席质量官) policy rules over HTTP: integrity-score bonuses
(诚信加分), credit codes, title evaluation (职称评价), CQO coverage and the impact of a proposed
ruleset. Answers are the JSON the `zs-quality` command prints. Decimals are text (`"12.5"`),
dates `YYYY-MM-DD`. A refused request is answered with RFC 9457 problem details
(`application/problem+json`) listing every problem with its field path.
"""


def component(name: str) -> dict[str, Any]:
    """A reference to the schema ``name`` among the document's components."""
    return {"$ref": _REF + name}


def list_of(schema: dict[str, Any]) -> dict[str, Any]:
    """A list of ``schema``."""
    return {"type": "array", "items": schema}


def one_or_list(one: dict[str, Any], element: dict[str, Any]) -> dict[str, Any]:
    """``one`` alone, or a list of ``element``."""
    return {"oneOf": [one, list_of(element)]}


@attrs.frozen(kw_only=True)
class Doc:
    """What a handler takes and answers, for the OpenAPI document: the schema of a 200 answer,
    of the body (with its media type) when it takes one, and the statuses of its refusals."""

    ok: dict[str, Any]
    body: dict[str, Any] | None = None
    body_type: str = "application/json"
    errors: tuple[int, ...] = (400,)

    def responses(self) -> dict[str, Any]:
        """The operation's ``responses``: 200, each refusal, and a default refusal."""
        problem = {PROBLEM_JSON: {"schema": component("problem-details")}}
        answers: dict[str, Any] = {
            "200": {"description": "OK", "content": {"application/json": {"schema": self.ok}}}
        }
        for status in self.errors:
            kinds = [k for k in KINDS if k.status == status]
            words = "; ".join(f"`{k.name}`: {k.title.lower()}" for k in kinds)
            answers[str(status)] = {"description": words, "content": problem}
        answers["default"] = {
            "description": "any other refusal (404, 405, 500), as problem details",
            "content": problem,
        }
        return answers

    def request_body(self) -> dict[str, Any] | None:
        """The operation's ``requestBody``, when it takes one."""
        if self.body is None:
            return None
        return {"required": True, "content": {self.body_type: {"schema": self.body}}}


# --- Components -----------------------------------------------------------------------------


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            yield ref.removeprefix("#/$defs/")
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _closure(defs: dict[str, Any], name: str) -> str:
    """A signature of the definition ``name`` and everything it refers to."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo += _refs(defs[current])
    return json.dumps({d: defs[d] for d in sorted(seen)}, sort_keys=True)


def _rewrite(node: Any, keys: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {
            k: (_REF + keys[v.removeprefix("#/$defs/")])
            if k == "$ref" and isinstance(v, str) and v.startswith("#/$defs/")
            else _rewrite(v, keys)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rewrite(v, keys) for v in node]
    return node


def components() -> dict[str, Any]:
    """Every shipped schema as a component, with the definitions they use."""
    documents = {entry.name: copy.deepcopy(load_schema(entry.name)) for entry in CATALOGUE}
    signatures: dict[str, set[str]] = {}
    for document in documents.values():
        defs = document.get("$defs", {})
        for name in defs:
            signatures.setdefault(name, set()).add(_closure(defs, name))
    schemas: dict[str, Any] = {}
    for entry in CATALOGUE:
        document = documents[entry.name]
        defs = document.pop("$defs", {})
        document.pop("$schema", None)
        keys = {
            name: name if len(signatures[name]) == 1 else f"{name}.{entry.direction.value}"
            for name in defs
        }
        for name, body in defs.items():
            rewritten = _rewrite(body, keys)
            if schemas.setdefault(keys[name], rewritten) != rewritten:
                raise ValueError(f"two {entry.direction.value} definitions of {name}")
        schemas[entry.name] = _rewrite(document, keys)
    return dict(sorted(schemas.items()))


# --- The document ---------------------------------------------------------------------------

_TYPED_PARAMETER = re.compile(r"\{(\w+):\w+\}")


# Parameters whose values are references to the policy data a service serves, and the kind.
_REFERENCES = {
    "ruleset": "ruleset",
    "baseline": "ruleset",
    "reform": "ruleset",
    "ref": "ruleset",
    "criteria": "criteria",
}
# What the text of other parameters looks like (the service checks them, and says why not).
_PATTERNS = {
    "as_of": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "bin_width": r"^[0-9]+(\.[0-9]+)?$",
    "sweep": r"^[^=,]+=[0-9]+(\.[0-9]+)?(,[0-9]+(\.[0-9]+)?)*$",
}


def reference(kind: str) -> dict[str, Any]:
    """The schema of a reference to a ``ruleset`` or a ``criteria`` set this service serves."""
    return component(f"{kind}-reference")


def _reference_components(references: Mapping[str, list[str]]) -> dict[str, Any]:
    return {
        f"{kind}-reference": {
            "description": f"a {kind} this service serves: ID@VERSION, or ID",
            "type": "string",
            "enum": list(refs),
        }
        for kind, refs in references.items()
    }


def _describe_values(parameter: dict[str, Any]) -> None:
    """State in ``parameter``'s schema the values it takes: this service's references, or the
    pattern of its text."""
    name = parameter["name"]
    schema = parameter["schema"]
    if name in _REFERENCES:
        described = {k: v for k, v in schema.items() if k in ("description", "type")}
        if schema.get("type") == "array":
            # A ruleset named twice is an error: each version joins a history once.
            described |= {"items": reference(_REFERENCES[name]), "uniqueItems": True}
        else:
            described = {"description": schema.get("description", "")} | reference(
                _REFERENCES[name]
            )
        parameter["schema"] = described
    elif name in _PATTERNS:
        schema["pattern"] = _PATTERNS[name]


def openapi_document(
    routes: Iterable[HTTPRouteHandler], references: Mapping[str, list[str]]
) -> dict[str, Any]:
    """The OpenAPI 3.1 document of ``routes`` (each with its :class:`Doc` in ``opt``);
    ``references`` lists the rulesets and criteria sets (``"ruleset"``, ``"criteria"``) this
    service serves, the values its reference parameters take."""
    handlers = list(routes)
    # An application built only to let Litestar describe the handlers' paths and parameters.
    described = Litestar(
        route_handlers=handlers,
        openapi_config=OpenAPIConfig(
            title="zs_quality",
            version=__version__,
            description=DESCRIPTION,
            # Relative to the document: right behind a reverse proxy that adds a path prefix.
            servers=[Server(url=".")],
        ),
    )
    document = described.openapi_schema.to_schema()
    for handler in handlers:
        doc: Doc = handler.opt["doc"]
        for path in handler.paths:
            item = document["paths"][_TYPED_PARAMETER.sub(r"{\1}", path)]
            for method in handler.http_methods:
                operation = item[method.lower()]
                for parameter in operation.get("parameters", []):
                    _describe_values(parameter)
                operation["responses"] = doc.responses()
                body = doc.request_body()
                if body is not None:
                    operation["requestBody"] = body
    document["components"] = {"schemas": components() | _reference_components(references)}
    return document


DOCS_PAGE = """\
<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>zs_quality API</title>
<link rel="stylesheet" href="docs/static/swagger-ui.css">
<link rel="icon" type="image/png" href="docs/static/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/static/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({
  url: "openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  validatorUrl: null,
});
</script>
</body>
</html>
"""
"""The interactive docs page (Swagger UI); its URLs are relative, for a reverse proxy's prefix."""
