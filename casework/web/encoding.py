"""Form posts whose body is not UTF-8 are refused (the Dutch 400 page), not silently repaired.

Django decodes an `application/x-www-form-urlencoded` body with replacement characters, so raw bytes that
are no UTF-8 (a broken client, a hostile one) would be saved as "�" in a name or a note without anyone
noticing. Every form of the application is sent as UTF-8 (the pages declare it), so a body that does not
decode was not typed by a user: nothing is saved and the user is told to send the form again
(docs/adr/0035-hostile-input-on-web-forms.md). The JSON API refuses such bodies itself (a parse error).

A multipart form (an upload) is decoded per part by Django, which puts a replacement character (U+FFFD) where a
text field's bytes are no UTF-8. Such a form is refused when any text field holds U+FFFD: after decoding, broken
bytes and a typed U+FFFD look the same, and the replacement character carries no meaning in case data. (The
CSRF check reads the form first anyway, so reading it here parses nothing extra; file parts are not decoded.)
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
REPLACEMENT = "\ufffd"


def is_utf8_form(body: bytes) -> bool:
    """Every name and value of an urlencoded body decodes as UTF-8 (after percent-decoding)."""
    try:
        for pair in body.split(b"&"):
            unquote_to_bytes(pair.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class FormEncodingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and not request.path.startswith("/api/"):
            if request.content_type == FORM and not is_utf8_form(request.body):
                raise BadRequest("form body is not UTF-8")
            if request.content_type == MULTIPART and any(
                    REPLACEMENT in value or REPLACEMENT in name
                    for name, values in request.POST.lists() for value in values):
                raise BadRequest("a text part of the form is not UTF-8")
        return self.get_response(request)
