"""Optimistic concurrency on the web pages: one mechanism for every form that updates a case or one of its
rows (docs/adr/0017-versions-in-every-form.md; the rule is casework/versions.py and ADR 0010 §4).

A view that updates an existing row wraps its form in `versioned(form, case)`: the form gets a hidden,
required `version` field holding the version the user read. The view then lets `save_versioned(form, case,
call)` run its one service call inside `versions.case_update`, and answers with `form_status(form)`:

- the version still current: the service runs, the case's version rises by one, the view redirects;
- someone else updated the case in the meantime (`StaleEdit`): nothing is written; the form is shown
  again with 409, a Dutch message that the case changed, the user's input as they typed it, and the
  hidden field set to the version that is current now, so a second submit (after checking the case
  page) goes through;
- no version in the POST (a form from before this rule, a tampered request): 400, nothing written.

Creating a new row overwrites nothing and carries no version: creation forms are not wrapped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.models import Case
from casework.versions import case_update
from casework.web.common import add_errors
from casework.workflow import StaleEdit

FIELD = "version"
CONFLICT = gettext_lazy(
    "Someone else changed this case after you opened this page; nothing of your input was saved. Your input is "
    "still below. Check the case page (for example in another tab) and submit again if your change is still right.")


def version_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, min_value=1, error_messages={
        "required": _("The form carries no case version. Reload the page and submit it again."),
        "invalid": _("The form carries no valid case version. Reload the page and submit it again."),
    })


def versioned(form: Any, case: Case) -> Any:
    """`form` with a hidden `version` field: the case's current version on a fresh form, the posted one
    on a submitted form. Returns the same form, so a view writes `form = versioned(SomeForm(...), case)`."""
    form.fields[FIELD] = version_field()
    form.initial[FIELD] = case.version
    form.conflict = False
    return form


def current_version(case: Case) -> int:
    return Case.objects.filter(pk=case.pk).values_list("version", flat=True).get()


def mark_conflict(form: Any, case: Case) -> None:
    """The form after a stale submit: a non-field error, the input kept, the hidden field now current."""
    version = current_version(case)
    case.version = version
    data = form.data.copy()
    data[form.add_prefix(FIELD)] = str(version)
    form.data = data
    form.conflict = True
    form.conflict_case = case  # the error summary lists the case's newest changes (form_pattern.error_summary)
    form.add_error(None, str(CONFLICT))


def save_versioned(form: Any, case: Case, call: Callable[[], Any]) -> bool:
    """Run `call()` (one service call) as an update of `case` for the version the valid `form` carries.

    True when it was written. False when it was refused: for a stale version `form.conflict` is set and
    the form shows the conflict (409); a service's `ValidationError` lands on the form's fields (400).
    Either way the transaction rolled back: nothing is half-saved and the version did not rise.
    """
    try:
        with case_update(case=case, expected_version=form.cleaned_data[FIELD]):
            call()
    except StaleEdit:
        mark_conflict(form, case)
        return False
    except ValidationError as exc:
        add_errors(form, exc)
        return False
    return True


def is_versioned(form: Any) -> bool:
    return FIELD in form.fields


def service_data(form: Any) -> dict[str, Any]:
    """The valid form's data for the service: everything but the version (which `case_update` checks)."""
    return {name: value for name, value in form.cleaned_data.items() if name != FIELD}


def save(form: Any, case: Case, call: Callable[[], Any]) -> bool:
    """`save_versioned` for a form wrapped in `versioned`; for a creation form just `call()`, with a
    service's `ValidationError` put on the form. For views that serve creation and update alike."""
    if is_versioned(form):
        return save_versioned(form, case, call)
    try:
        call()
    except ValidationError as exc:
        add_errors(form, exc)
        return False
    return True


def form_status(form: Any) -> int:
    """409 after a stale submit, 400 for a form with errors, else 200."""
    if getattr(form, "conflict", False):
        return 409
    return 400 if form.errors else 200
