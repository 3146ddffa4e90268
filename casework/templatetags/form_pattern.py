"""The NL Design System form pattern (docs/adr/0021-form-pattern.md): the error summary at the top of
a form with errors, linking to each invalid field.

`{% error_summary form %}` (or several forms and formsets: `{% error_summary formset version_form %}`)
renders templates/includes/error_summary.html — nothing for an unbound or valid form. Every field is
rendered by `{% form_field %}` (templates/includes/field.html), whose ids
(`<auto_id>_helptext`, `<auto_id>_error`) are the ones Django's BoundField names in the input's
`aria-describedby`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django import forms, template

register = template.Library()


@dataclass(frozen=True)
class SummaryItem:
    """One line of the summary: the message, with the field's label and the id to link to ("" for an
    error of the whole form)."""

    message: str
    label: str = ""
    anchor: str = ""


def field_anchor(field: forms.BoundField) -> str:
    """The id of the element a summary link moves to: the input, or the first option of a group of
    radio buttons or checkboxes (their fieldset has no id of its own)."""
    if not field.auto_id:
        return ""
    if field.id_for_label:
        return field.id_for_label
    choices = getattr(field.field, "choices", None)
    if isinstance(choices, list | tuple) and not choices:  # an empty group: its wrapper carries the id
        return field.auto_id
    return f"{field.auto_id}_0"


def _form_items(form: forms.BaseForm) -> Iterator[SummaryItem]:
    if not form.is_bound:
        return
    for error in form.non_field_errors():
        yield SummaryItem(str(error))
    for field in form:
        for error in field.errors:
            if field.is_hidden:
                yield SummaryItem(str(error))
            else:
                yield SummaryItem(str(error), label=str(field.label or ""), anchor=field_anchor(field))


def summary_items(*forms_: Any) -> list[SummaryItem]:
    """Every error of the given forms and formsets, in the order of the page (non-field errors first)."""
    items: list[SummaryItem] = []
    for form in forms_:
        if not isinstance(form, forms.BaseForm | forms.BaseFormSet):  # no form on this page (a missing variable)
            continue
        if isinstance(form, forms.BaseFormSet):
            if form.is_bound:
                items.extend(SummaryItem(str(error)) for error in form.non_form_errors())
            members: Iterable[forms.BaseForm] = form.forms
        else:
            members = [form]
        for member in members:
            items.extend(_form_items(member))
    return items


RENDERED = "_error_summary_rendered"


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context: Any, *forms_: Any, messages: Iterable[str] = ()) -> dict[str, Any]:
    """The summary of the errors of `forms_`, plus `messages` (errors a service raised for the form as
    a whole). A form is summarised once per page: the page puts the summary right after its heading, and
    a shared form partial that includes it too (casework/actions/_form.html) then renders nothing.
    After a stale save (casework/web/versions.py) it also lists what changed in the case lately."""
    fresh = [form for form in forms_ if not getattr(form, RENDERED, False)]
    for form in fresh:
        if isinstance(form, forms.BaseForm | forms.BaseFormSet):
            setattr(form, RENDERED, True)
    items = [SummaryItem(str(message)) for message in messages] + summary_items(*fresh)
    first = next((form for form in forms_ if isinstance(form, forms.BaseForm | forms.BaseFormSet)), None)
    prefix = getattr(first, "prefix", None) or "form"
    conflicted = next((form for form in fresh if getattr(form, "conflict", False)), None)
    request = context.get("request")
    changes = _conflict_changes(conflicted.conflict_case, request.user) \
        if conflicted is not None and request is not None and hasattr(conflicted, "conflict_case") else []
    return {"items": items, "summary_id": f"{prefix}-error-summary", "changes": changes}


def _conflict_changes(case: Any, user: Any) -> list[Any]:
    """The case's newest changes as this user may see them (casework.timeline.recent_changes)."""
    from casework import access
    from casework.timeline import recent_changes

    case_access = access.case_access(user, case)
    return recent_changes(case=case, case_access=case_access) if case_access.allows(access.VIEW) else []
