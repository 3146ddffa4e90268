"""Map the services' Django exceptions onto API responses, so views stay free of try/except.

- `StaleEdit` (someone changed the case since the client read its version) → 409 Conflict.
- `IllegalTransition` and any other Django `ValidationError` → 400 with the translated message(s)
  (field errors as {field: [messages]}, others under `detail`), plus a `code` where one is set.
- Django's `PermissionDenied` → 403 (DRF already does this; `casework.access.require` has
  recorded the `access_denied` event, and audit.middleware records any other 403).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from casework.workflow import StaleEdit


def _messages(error: ValidationError) -> dict[str, Any]:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    body: dict[str, Any] = {"detail": " ".join(str(m) for m in error.messages)}
    code = getattr(error, "code", None)
    if code:
        body["code"] = code
    return body


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, StaleEdit):
        return Response(_messages(exc), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ValidationError):
        return Response(_messages(exc), status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
