"""Sphinx configuration for the zs_quality documentation."""

from typing import Any

from zs_quality import __version__

project = "zs_quality"
author = "zs_quality developers"
copyright = "2026, zs_quality developers"
release = __version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]
language = "en"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}

intersphinx_mapping: dict[str, tuple[str, None]] = {}

html_theme = "furo"
html_title = "zs_quality"


# The input reference is generated from the shipped JSON Schemas when the docs are built.
_GENERATED = {"schemas": "<!-- input reference: generated from the JSON Schemas -->"}


def _insert_reference(_app: object, docname: str, source: list[str]) -> None:
    if docname in _GENERATED:
        from zs_quality.schemas.reference import input_reference

        source[0] = source[0].replace(_GENERATED[docname], input_reference(level=3))


def setup(app: Any) -> None:
    app.connect("source-read", _insert_reference)
