"""The bare baseline of `manage.py bench`: the same 25 case rows as the case list via `.values()`,
with no permission filter, decryption or audit event — the floor a page is compared with.

Mounted only when `BENCH_BASELINE=1` (config/urls.py), and still behind the two-factor login
(the middleware guards every URL). It shows cases the user may not see, so `check --deploy`
refuses the setting (casework.E020, casework/bench/checks.py).
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from casework.models import Case

FIELDS = ("id", "reference", "case_type", "status", "opened_on", "owner_id", "team_id")


@require_GET
def baseline(request: HttpRequest) -> JsonResponse:
    rows = list(Case.objects.order_by("-opened_on", "reference").values(*FIELDS)[:25])
    return JsonResponse({"results": rows})
