"""The rules over HTTP: ``zs-quality serve`` (extra ``server``: ``pip install 'zs_quality[server]'``).

A Litestar application served by uvicorn. Every endpoint answers with the JSON the command line
prints; a refused request is RFC 9457 problem details with every problem's field path. Rulesets
and criteria sets are loaded once at start-up and named in requests by reference, never by path.
See the integrators' guide (``docs/service.md``).

Litestar was chosen over FastAPI (its models are pydantic: every attrs model would need a twin)
and Starlette (no OpenAPI generation): it describes handlers' paths and parameters in OpenAPI 3.1,
knows attrs classes, and refuses an over-limit body (by ``Content-Length`` and by bytes received)
with 413. Request bodies are read by the library's own JSON reader and converter, not Litestar's,
so the service accepts exactly what the command line accepts; their schemas are the package's.
"""

from zs_quality.server.app import ServiceConfig, app_from_environment, create_app
from zs_quality.server.library import PolicyLibrary

__all__ = ["PolicyLibrary", "ServiceConfig", "app_from_environment", "create_app"]
