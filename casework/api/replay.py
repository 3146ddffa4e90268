"""What the API answers to a repeated POST (casework/idempotency.py, docs/adr/0014-idempotent-creation.md)."""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urlsplit

from django.http import HttpResponseBase, QueryDict
from django.urls import Resolver404, get_script_prefix, resolve
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response

IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"


class InvalidIdempotencyKey(exceptions.ParseError):
    default_detail = _("The Idempotency-Key header must be 1 to 255 visible ASCII characters, e.g. a UUID.")
    default_code = "invalid_idempotency_key"


class KeyInProgress(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("A request with this Idempotency-Key is still being processed. Try again in a moment.")
    default_code = "idempotency_key_in_progress"


class KeyReusedForAnotherRequest(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _("This Idempotency-Key was used for another request. Use a new key for a new request.")
    default_code = "idempotency_key_reused"


def replay_get(request: Any, location: str) -> Any:
    """A GET of `location` as the same user, through its own view: access is checked afresh and
    the read is recorded as any read. Only paths of this site are followed."""
    path = urlsplit(location).path
    try:
        match = resolve(path)
    except Resolver404:
        return Response({"location": location}, status=200)
    inner = copy.copy(request._request)
    inner.method = "GET"
    inner.path = path
    inner.path_info = "/" + path.removeprefix(get_script_prefix())
    inner.GET = QueryDict()
    inner.resolver_match = match
    response: HttpResponseBase = match.func(inner, *match.args, **match.kwargs)
    if not isinstance(response, Response):  # not an API view: say where the object is
        return Response({"location": location}, status=200, headers={"Location": location})
    response["Location"] = location
    return response
