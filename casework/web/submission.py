"""One-time submission tokens for web forms: a double click or a resent form creates one object.

Every POST form renders `{% submission_token %}` (a builtin tag, casework/templatetags/submission.py):
a fresh random token per rendering. For a logged-in user's POST with a token, this middleware
claims it (casework/idempotency.py, channel "web") before the view runs:
- the first submit runs; when it succeeds (a redirect, the post/redirect/get pattern every form
  follows), the redirect's target is stored — the address of what was created, never the page;
- a repeat of the same form with the same token is answered with a redirect to that address (303),
  so the user sees the object the first submit made, rendered afresh with a fresh access check;
- while the first submit still runs, a repeat waits for it (at most SUBMISSION_WAIT_SECONDS) and then
  follows it, or gets a 409 page when it did not finish in time;
- a form that failed (errors shown, 4xx, 500) frees its token: the corrected form goes through;
- a *different* submission under a used token (the browser's back button, then another form
  content) is not a repeat: it runs as a new request.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from casework import idempotency
from casework.models import SubmissionKey

FIELD = "submission_token"
IGNORED_FIELDS = frozenset({FIELD, "csrfmiddlewaretoken"})
POLL_SECONDS = 0.1


def _fingerprint(request: HttpRequest) -> str:
    """The form as submitted: its fields (sorted, without the two tokens) and files by name and size."""
    parts: list[str] = []
    for name, values in sorted(request.POST.lists()):
        if name not in IGNORED_FIELDS:
            parts.extend(f"{name}={value}" for value in values)
    for name, files in sorted(request.FILES.lists()):
        parts.extend(f"{name}:{upload.name}:{upload.size}" for upload in files)
    return idempotency.fingerprint(method="POST", path=request.path, body="\n".join(parts).encode())


def _see_other(location: str) -> HttpResponse:
    response = HttpResponse(status=303)
    response["Location"] = location
    return response


def _wait_for(row: SubmissionKey) -> str:
    """The address the first submit stored, waiting for it a bounded time; "" when it did not finish."""
    deadline = time.monotonic() + float(getattr(settings, "SUBMISSION_WAIT_SECONDS", 10))
    while True:
        current = idempotency.refresh(row)
        if current is None:  # the first submit failed and freed the token
            return ""
        if current.completed:
            return current.location
        if time.monotonic() >= deadline:
            return ""
        time.sleep(POLL_SECONDS)


class SubmissionTokenMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or request.path.startswith("/api/") or not request.user.is_authenticated:
            return self.get_response(request)
        token = request.POST.get(FIELD, "")
        if not idempotency.valid_key(token):
            return self.get_response(request)
        try:
            claim = idempotency.claim(user=request.user, channel="web", key=token,  # type: ignore[arg-type]
                                      request_fingerprint=_fingerprint(request))
        except idempotency.Replay as replay:
            return _see_other(replay.row.location)
        except idempotency.KeyReused:
            return self.get_response(request)
        except idempotency.InProgress as busy:
            location = _wait_for(busy.row) if busy.row is not None else ""
            if location:
                return _see_other(location)
            return render(request, "409_submission.html", status=409)
        try:
            response = self.get_response(request)
        except BaseException:
            idempotency.release(claim)
            raise
        if response.status_code in (301, 302, 303) and response.get("Location"):
            idempotency.complete(claim, location=response["Location"])
        else:
            idempotency.release(claim)
        return response
