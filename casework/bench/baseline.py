"""The bare baseline of `manage.py bench`: 25 case rows via `.values()`, with no permission filter,
decryption or audit event — the floor a page is compared with.

The rows are the 25 newest cases the user owns, found once per process and then read by primary key on
every request, so the baseline costs the same at 10,000 and at 1,000,000 cases: a login check, 25 rows, a
JSON answer. (It first sorted the whole case table for its 25 rows: 15 ms at 100,000 cases, 146 ms at
1,000,000, slower than the pages it was the floor of.)

Mounted only when `BENCH_BASELINE=1` (config/urls.py), and still behind the two-factor login
(the middleware guards every URL). It shows cases without a permission check, so `check --deploy`
refuses the setting (casework.E020, casework/bench/checks.py).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from casework.models import Case

FIELDS = ("id", "reference", "case_type", "status", "opened_on", "owner_id", "team_id")
ORDER = ("-opened_on", "reference")
_ROWS_OF_USER: dict[Any, list[Any]] = {}


def row_ids(user_id: Any) -> list[Any]:
    if user_id not in _ROWS_OF_USER:
        _ROWS_OF_USER[user_id] = list(Case.objects.filter(owner_id=user_id).order_by(*ORDER)
                                      .values_list("id", flat=True)[:25])
    return _ROWS_OF_USER[user_id]


@require_GET
def baseline(request: HttpRequest) -> JsonResponse:
    rows = list(Case.objects.filter(pk__in=row_ids(request.user.pk)).order_by(*ORDER).values(*FIELDS))
    return JsonResponse({"results": rows})
