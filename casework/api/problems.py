"""Problem details (RFC 9457) for every error the API answers, and the `errors` member of a 400.

docs/adr/0010-api-rules.md decides the shape:

    {"type": "about:blank", "title": "Bad Request", "status": 400, "detail": "...",
     "instance": "/api/v1/pga/cases", "code": "invalid",
     "errors": [{"in": "body", "location": "#/person/surname", "code": "required", "detail": "..."},
                {"in": "query", "location": "status", "index": 1, "code": "invalid", "detail": "..."}]}

`type` stays `about:blank` (we publish no pages per problem type), so `title` is the HTTP status
phrase; `detail` is the translated explanation; `code` (an extension member) is a short stable
reason a client can branch on (`stale`, `illegal_transition`, `not_authenticated`, ...). `errors`
follows the Logius API Design Rules draft rule /core/error-handling/bad-request: `in` is `body`
or `query`, `location` a JSON Pointer (RFC 6901, URI fragment form) into the body or the name of
the query parameter, `index` the position of a repeated query parameter. It replaces the
`invalid-params` member of RFC 7807's example, which the Logius ruleset rejects.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from http import HTTPStatus
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions

PROBLEM_JSON = "application/problem+json"
# Messages DRF puts under this key concern the object as a whole, not one of its members.
_WHOLE = {"non_field_errors", NON_FIELD_ERRORS}


def title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def problem(status: int, *, detail: str, instance: str = "", code: str = "",
            errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "about:blank", "title": title(status), "status": status, "detail": detail}
    if instance:
        body["instance"] = instance
    if code:
        body["code"] = code
    if errors is not None:
        body["errors"] = errors
    return body


def problem_response(request: HttpRequest, status: int, *, detail: str, code: str = "",
                     errors: list[dict[str, Any]] | None = None) -> HttpResponse:
    """A plain Django response (for middleware and error handlers outside DRF)."""
    body = problem(status, detail=detail, instance=request.path, code=code, errors=errors)
    return HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_JSON)


def is_problem(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() == PROBLEM_JSON


# --- the `errors` member -------------------------------------------------------------------------

def pointer(path: tuple[str, ...]) -> str:
    """A JSON Pointer in URI fragment form: ("goals", "0", "leefgebied") -> "#/goals/0/leefgebied"."""
    return "#" + "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in path)


def body_error(message: Any, path: tuple[str, ...], code: str = "") -> dict[str, Any]:
    error: dict[str, Any] = {"in": "body"}
    if path:  # without a location the error concerns the body as a whole
        error["location"] = pointer(path)
    error["code"] = code or getattr(message, "code", None) or "invalid"
    error["detail"] = str(message)
    return error


def query_error(name: str, message: str, *, code: str = "invalid", index: int | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"in": "query", "location": name}
    if index is not None:
        error["index"] = index
    error.update(code=code, detail=str(message))
    return error


def drf_errors(detail: Any, path: tuple[str, ...] = ()) -> Iterator[dict[str, Any]]:
    """Flatten a DRF ValidationError's detail (nested dicts and lists of ErrorDetail) into errors."""
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            yield from drf_errors(value, path if key in _WHOLE else (*path, str(key)))
    elif isinstance(detail, list | tuple):
        for index, item in enumerate(detail):
            if isinstance(item, Mapping | list | tuple):  # a nested serializer with many=True: by position
                yield from drf_errors(item, (*path, str(index)))
            else:
                yield body_error(item, path)
    else:
        yield body_error(detail, path)


def django_errors(error: ValidationError) -> Iterator[dict[str, Any]]:
    """A service's ValidationError: field errors point at the field, others at the body."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            path = () if field in _WHOLE else (field,)
            for item in errors:
                for message in item.messages:
                    yield body_error(message, path, item.code or "")
    else:
        for item in error.error_list:
            for message in item.messages:
                yield body_error(message, (), item.code or "")


class InvalidQuery(exceptions.APIException):
    """400: one or more query parameters are invalid (`errors` with `in: query`)."""

    status_code = 400
    default_code = "invalid_query"

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(detail=_("The request has invalid query parameters: see errors."))
        self.errors = errors
