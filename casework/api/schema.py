"""The parts of the OpenAPI document every operation shares, added once after generation
(a drf-spectacular post-processing hook, SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]).

- Every error response is `application/problem+json` (casework/api/problems.py): a 400 with the
  `errors` member, every other status with the plain problem shape.
- The errors any operation can answer are listed even when its view does not name them: 400
  wherever input is read (a body or any parameter), 401, 403 and 429 for every operation (a user
  refused too often in a short time is answered 429 for a while: audit/refusals.py), 404 where the
  path names a resource, 413 and 415 where a body is read.
- Every response carries the `API-Version` header (casework/api/middleware.py).
- Every POST takes an optional `Idempotency-Key` header and may answer 409 (the key's first
  request still runs) or 422 (the key was used for another request) (casework/api/base.py); a
  repeat answers 200 with the created object read afresh, or its `id` (`Idempotent-Replayed: true`).
- The paths of a test-only example case type (registry `example`) are left out.
"""

from __future__ import annotations

from typing import Any

from casework import registry
from casework.api.problems import PROBLEM_JSON

VERSION_HEADER = "API-Version"
_ERROR = {
    "type": "object",
    "required": ["in", "code", "detail"],
    "properties": {
        "in": {"type": "string", "enum": ["body", "query", "header"],
               "description": "Where the error is: body, query or header."},
        "location": {"type": "string", "description": "A JSON Pointer into the body (`#/person/surname`) or the "
                                                      "name of a query parameter or header; absent when the error "
                                                      "concerns the body as a whole."},
        "index": {"type": "integer", "description": "Position of a repeated query parameter, from 0."},
        "code": {"type": "string", "description": "A short, stable rule identifier, e.g. `required`."},
        "detail": {"type": "string", "description": "The violation, in Dutch."},
    },
}
_PROBLEM_PROPERTIES = {
    "type": {"type": "string", "description": "`about:blank`: the status and `code` say what happened."},
    "title": {"type": "string", "description": "The HTTP status phrase."},
    "status": {"type": "integer", "description": "The HTTP status code."},
    "detail": {"type": "string", "description": "What went wrong, in Dutch."},
    "instance": {"type": "string", "description": "The path of the request."},
    "code": {"type": "string", "description": "A short, stable reason, e.g. `stale`, `illegal_transition`, "
                                              "`not_found`."},
}
COMPONENTS = {
    "Problem": {
        "type": "object", "description": "Problem details (RFC 9457).",
        "required": ["type", "title", "status", "detail"], "properties": _PROBLEM_PROPERTIES,
    },
    "ValidationProblem": {
        "type": "object", "description": "Problem details (RFC 9457) of invalid input, with one entry per error.",
        "required": ["type", "title", "status", "detail", "errors"],
        "properties": {**_PROBLEM_PROPERTIES, "errors": {"type": "array", "items": _ERROR}},
    },
}
DEFAULT_DESCRIPTIONS = {
    "400": "Invalid input: see `errors`.",
    "401": "Not logged in with two factors, and no valid token.",
    "403": "No access (recorded as access_denied).",
    "404": "No such resource (for a list: no such page).",
    "413": "The body is larger than this installation accepts.",
    "415": "The body is not `application/json`.",
    "409": "A request with this Idempotency-Key is still being processed; or the data changed since you read "
           "its `version`.",
    "422": "This Idempotency-Key was used for another request.",
    "429": "Refused too often in a short time: wait before trying again (further refusals are not recorded).",
}
IDEMPOTENCY_PARAMETER = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "description": "Makes the request safe to repeat: a repeat with the same key and body creates nothing and "
                   "answers with what the first request created (header `Idempotent-Replayed: true`). "
                   "1 to 255 visible ASCII characters, e.g. a UUID; scoped to you; kept for 24 hours.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
}
REPLAY = {
    "description": "A repeat of a request with the same Idempotency-Key (header `Idempotent-Replayed: true`): the "
                   "object the first request created, read afresh with a fresh access check, or only its `id`.",
    "content": {"application/json": {"schema": {"type": "object"}}},
}
METHODS = ("get", "put", "post", "patch", "delete")


def _problem_content(code: str) -> dict[str, Any]:
    name = "ValidationProblem" if code == "400" else "Problem"
    return {PROBLEM_JSON: {"schema": {"$ref": f"#/components/schemas/{name}"}}}


def _version_header() -> dict[str, Any]:
    return {"$ref": f"#/components/headers/{VERSION_HEADER}"}


def _defaults(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    codes = ["401", "403", "429"]
    reads_input = "requestBody" in operation or bool(operation.get("parameters"))
    if reads_input or method != "get":
        codes.append("400")
    paged = any(parameter.get("name") == "page" and parameter.get("in") == "query"
                for parameter in operation.get("parameters", []))
    if "{" in path or paged:  # a page after the last is a 404 too (casework/api/pagination.py)
        codes.append("404")
    if "requestBody" in operation:
        codes += ["413", "415"]
    if method == "post":
        codes += ["409", "422"]
    return codes


def problem_details_and_headers(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    examples = tuple(f"/{spec.code}/" for spec in registry.types() if spec.example)
    if examples:  # a test-only case type is never published
        result["paths"] = {path: item for path, item in result.get("paths", {}).items()
                           if not path.startswith(examples)}
    components = result.setdefault("components", {})
    components.setdefault("schemas", {}).update(COMPONENTS)
    components.setdefault("headers", {})[VERSION_HEADER] = {
        "description": "The full version of the API (major.minor.patch) that answered.",
        "schema": {"type": "string"},
    }
    for path, item in result.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            if method == "post":
                operation.setdefault("parameters", []).append(IDEMPOTENCY_PARAMETER)
            responses = operation.setdefault("responses", {})
            for code in _defaults(path, method, operation):
                responses.setdefault(code, {"description": DEFAULT_DESCRIPTIONS[code]})
            if method == "post":
                responses.setdefault("200", {**REPLAY})
            for code, response in responses.items():
                if code[0] in "45":
                    response["content"] = _problem_content(code)
                response.setdefault("headers", {})[VERSION_HEADER] = _version_header()
            operation["responses"] = dict(sorted(responses.items()))
    return result
