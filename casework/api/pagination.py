"""One pagination style for every list of the API (docs/adr/0010-api-rules.md).

Every collection answers `{"count": n, "next": url|null, "previous": url|null, "results": [...]}`,
page by page: `page` (from 1) and `pageSize` (1-100, default 25). A page past the end is a 404;
a `page` or `pageSize` that is not a positive whole number is a 400 naming the parameter.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.pagination import PageNumberPagination

from casework.api.problems import InvalidQuery, query_error
from casework.paging import CountedPaginator, late_joined

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class Pagination(PageNumberPagination):
    django_paginator_class = CountedPaginator
    page_size = PAGE_SIZE
    page_query_param = "page"
    page_size_query_param = "pageSize"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        errors = []
        for name in (self.page_query_param, self.page_size_query_param):
            value = request.query_params.get(name)
            if value is not None and not (value.isdigit() and int(value) >= 1):
                errors.append(query_error(name, _("Give a whole number of 1 or more.")))
        if errors:
            raise InvalidQuery(errors)
        # The page's ids first, its joins only for those rows (casework/paging.py).
        return super().paginate_queryset(late_joined(queryset), request, view)

    def get_paginated_response_schema(self, schema):
        """DRF's shape without its example values (the published document carries no examples)."""
        nullable_uri = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {"count": {"type": "integer"}, "next": nullable_uri, "previous": nullable_uri,
                           "results": schema},
        }
