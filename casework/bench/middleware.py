"""`X-Bench-Queries`: the number of SQL queries a request ran, on every database.

Installed only when `BENCH_BASELINE=1` (config/settings.py), so `manage.py bench` reads the
queries per page from the server it measures; never in production (deploy check casework.E020).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack

from django.db import connections
from django.http import HttpRequest, HttpResponse


class QueryCountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(counted))
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(count)
        return response
