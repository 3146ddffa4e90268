"""The list-and-filter component every list page uses: a GET filter form, a capped page size,
pagination and the query string that keeps the filters on the page links.

A list page subclasses `ListFilterForm` with its own choice fields (codes only: no personal data
in the URL), renders `includes/list_filter.html` and `includes/pagination.html`, and calls
`paginate`. It works without JavaScript: the form is a plain GET form. An invalid value falls back
to "no filter" (a stale bookmark still shows a page), never to an error page.

    form = WorkFilterForm(request.GET)
    page = paginate(items, form)
    render(..., {"form": form, "page": page, "query": form.query()})
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from django import forms
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from casework import registry
from casework.paging import CountedPaginator
from casework.web.widgets import SELECT

PAGE_SIZES = (25, 50, 100)
MAX_PAGE_SIZE = PAGE_SIZES[-1]


def case_type_field() -> forms.ChoiceField:
    """A filter on the case type: every registered type (its Dutch label), or all."""
    return forms.ChoiceField(label=_("Case type"), required=False, widget=forms.Select(attrs=SELECT),
                             choices=lambda: [("", _("All case types")), *registry.choices()])


def choice_field(label: Any, choices: Sequence[tuple[str, Any]], empty: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, widget=forms.Select(attrs=SELECT),
                             choices=[("", empty), *choices])


class ListFilterForm(forms.Form):
    """Base of a list page's GET filters (subclasses add fields); a page size capped at 100."""

    size = forms.TypedChoiceField(label=_("Rows per page"), required=False, coerce=int, empty_value="",
                                  choices=[(size, size) for size in PAGE_SIZES], widget=forms.Select(attrs=SELECT))

    def __init__(self, data: QueryDict | None = None, **kwargs: Any) -> None:
        super().__init__(data if data else None, **kwargs)
        self.prepare()
        if self.is_bound and not self.is_valid():
            # Keep the valid filters, drop the rest: no error message echoes what the URL carried.
            valid = QueryDict(mutable=True)
            for name in self.fields:
                if name not in self.errors and name in self.data:
                    valid[name] = self.data[name]
            super().__init__(valid, **kwargs)
            self.prepare()

    def prepare(self) -> None:
        """Set choices that depend on the user (called before the filters are validated)."""

    def value(self, name: str) -> Any:
        """The cleaned value of a filter, or "" when absent or invalid (a bad value filters nothing)."""
        if not self.is_bound or not self.is_valid():
            return ""
        return self.cleaned_data.get(name, "")

    def page_size(self) -> int:
        size = self.value("size") or PAGE_SIZES[0]
        return min(int(size), MAX_PAGE_SIZE)

    def query(self) -> str:
        """The filters as a query string, without the page number (for the pagination links)."""
        query = QueryDict(mutable=True)
        for name in self.fields:
            if self.is_bound and self.data.get(name):
                query[name] = self.data[name]
        return query.urlencode()

    def describe(self) -> str:
        """The chosen filters in words ("Status: Open · Team: Noord"), for a saved filter's link."""
        parts = []
        for name, field in self.fields.items():
            value = self.value(name)
            if value in ("", None):
                continue
            shown = value
            if isinstance(field, forms.ModelChoiceField):
                shown = field.label_from_instance(value)
            elif isinstance(field, forms.ChoiceField):
                choices = cast(Iterable[tuple[Any, Any]], field.choices)
                shown = {str(code): label for code, label in choices}.get(str(value), value)
            parts.append(f"{field.label}: {shown}")
        return " · ".join(parts)

    def paginate(self, items: Sequence[Any] | QuerySet[Any], page: str | None) -> Page:
        return paginate(items, self, page)


def paginate(items: Sequence[Any] | QuerySet[Any], form: ListFilterForm, page: str | None) -> Page:
    """One page of `items` (a list or a queryset) at the form's capped page size."""
    return CountedPaginator(items, form.page_size()).get_page(page)
