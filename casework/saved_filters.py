"""Saved filters of the list pages (services and selector; the model says what a filter may hold).

The caller passes the query string the page's own filter form produced from the request
(`ListFilterForm.query()`: only fields the form knows, only values it accepts), so what is stored
is codes and ids, never text a user typed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from casework.models import SavedFilter

MAX_PER_PAGE = 20


def saved_filters(*, user: Any, page: str) -> list[SavedFilter]:
    return list(SavedFilter.objects.filter(user=user, page=page))


@transaction.atomic
def saved_filter_save(*, user: Any, page: str, query: str) -> SavedFilter:
    """Save `query` for `page`; saving the same filters twice keeps one."""
    if page not in SavedFilter.Page.values:
        raise ValidationError(_("This list has no saved filters."))
    if not query:
        raise ValidationError(_("Choose at least one filter before saving."))
    if len(query) > SavedFilter._meta.get_field("query").max_length:  # type: ignore[operator]
        raise ValidationError(_("These filters are too long to save."))
    existing = SavedFilter.objects.filter(user=user, page=page, query=query).first()
    if existing is not None:
        return existing
    if SavedFilter.objects.select_for_update().filter(user=user, page=page).count() >= MAX_PER_PAGE:
        raise ValidationError(_("You can save at most %(max)d filters for this list. Remove one first.")
                              % {"max": MAX_PER_PAGE})
    try:
        with transaction.atomic():
            return SavedFilter.objects.create(user=user, page=page, query=query)
    except IntegrityError:  # the same filters saved at the same moment in another tab
        return SavedFilter.objects.get(user=user, page=page, query=query)


def saved_filter_delete(*, user: Any, filter_id: int) -> str:
    """Remove one of the user's own saved filters; returns its page. Another user's: DoesNotExist."""
    saved = SavedFilter.objects.get(user=user, pk=filter_id)
    saved.delete()
    return saved.page
