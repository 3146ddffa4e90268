"""The API reads JSON only (anything else answers 415). A body larger than
DATA_UPLOAD_MAX_MEMORY_SIZE answers 413 (DRF reads the request stream itself, so Django's own
limit does not apply), and a body nested too deeply to parse is a 400 like any other unparseable
body, not a RecursionError and a 500."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser as DrfJSONParser


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = _("The request body is too large.")
    default_code = "too_large"


class JSONParser(DrfJSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        request = (parser_context or {}).get("request")
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if request is not None and limit is not None:
            length = request.META.get("CONTENT_LENGTH") or "0"
            if length.isdigit() and int(length) > limit:
                raise PayloadTooLarge
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON parse error - nested too deeply")) from None
