"""The published OpenAPI document: generated at build time, served as a file (casework/api/views/docs.py).

`make openapi` runs `manage.py openapi_export`, which writes casework/api/openapi/openapi.json and
openapi.yaml from the live schema; a test asserts the committed files equal it, and CI lints the
JSON with the Logius API Design Rules ruleset (Spectral). The document is generated without a
request, so nothing in it depends on who asks; it names no database rows (no enums of
organisations, teams or processing activities) and carries no examples.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

DIRECTORY = Path(__file__).resolve().parent / "openapi"
MEDIA_TYPES = {"json": "application/json", "yaml": "application/yaml"}  # yaml: RFC 9512


def published_path(kind: str) -> Path:
    return DIRECTORY / f"openapi.{kind}"


def live_schema() -> dict[str, Any]:
    """The schema as drf-spectacular generates it now, as plain JSON data."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(json.dumps(schema, default=str))


def rendered(schema: dict[str, Any]) -> dict[str, bytes]:
    return {
        "json": (json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode(),
        "yaml": OpenApiYamlRenderer().render(schema, renderer_context={}),
    }


def write() -> list[Path]:
    DIRECTORY.mkdir(exist_ok=True)
    written = []
    for kind, content in rendered(live_schema()).items():
        path = published_path(kind)
        path.write_bytes(content)
        written.append(path)
    return written


def published() -> dict[str, Any]:
    return json.loads(published_path("json").read_text())


def published_yaml() -> dict[str, Any]:
    return yaml.safe_load(published_path("yaml").read_text())
