"""The page a privacy officer's request that cannot be carried out answers (400): why, and the way back to the page
it came from. Shared by the retention pages and the inzage report."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from accounts.http import AuthenticatedHttpRequest


def refused_page(request: AuthenticatedHttpRequest, messages: Iterable[str], *, heading: str, back: str,
                 back_label: str) -> HttpResponse:
    """`back`: the URL name of the page to return to, with `back_label` as the link's text."""
    return render(request, "casework/privacy/refused.html", {
        "heading": heading, "messages_": list(messages), "back_url": reverse(back), "back_label": back_label,
    }, status=400)
