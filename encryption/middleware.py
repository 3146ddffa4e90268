"""Opens a key scope per request, so all data keys a request uses are checked in one batch."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from encryption.orphans import orphan_guard
from encryption.scope import key_scope


class KeyScopeMiddleware:
    """A shredded key stops working from the next request on, in every worker.

    Streaming responses render after this returns; their decryptions run outside the scope and
    re-check each key individually, which is slower but just as safe.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The orphan guard destroys data keys made for work that rolled back (encryption/orphans.py).
        with orphan_guard(), key_scope():
            return self.get_response(request)
