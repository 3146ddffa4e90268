"""What the approach a signal is routed to needs besides the common keywords of `create_linked`:
each case type that asks more declares a `linked_form` in the registry (Damocles: premises, police
report and a finding; park enforcement: the recreation object). The triage page shows each such form
as a group of fields and the API takes the same fields in `linked`; both parse them with that form,
so the web page and the API share one shape per type and the services get typed values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from casework import registry
from casework.signals.services.triage import routable_types


def linked_form(routed_to: str, data: Any, *, controller: Any, prefix: str | None = None) -> forms.Form | None:
    """The form of what `routed_to` needs, bound to `data`; None when the type asks nothing more."""
    if routed_to not in dict(routable_types()):
        return None
    spec = registry.get(routed_to)
    if spec.linked_form is None:
        return None
    return spec.provider("linked_form")(data, prefix=prefix, controller=controller)  # type: ignore[no-any-return]


def linked_forms(data: Any, *, controller: Any) -> list[tuple[str, str, forms.Form]]:
    """(code, label, form) of every approach that asks more, each under its own prefix (the triage page).
    Only the chosen approach's form is bound to `data`: the others show empty, without errors."""
    chosen = data.get("routed_to") if data is not None and data.get("outcome") == "case" else None
    found = []
    for code, label in routable_types():
        form = linked_form(code, data if code == chosen else None, controller=controller, prefix=f"linked-{code}")
        if form is not None:
            found.append((code, label, form))
    return found


def parse_linked(routed_to: str, data: Any, *, controller: Any) -> dict[str, Any]:
    """The API's `linked` object as the services take it; field errors under `linked.<field>`."""
    form = linked_form(routed_to, data if isinstance(data, dict) else {}, controller=controller)
    if form is None:
        if data:
            raise ValidationError({"linked": _("This approach needs no further details.")})
        return {}
    if not form.is_valid():
        raise ValidationError({f"linked.{name}": errors for name, errors in form.errors.items()})
    return form.linked_data()  # type: ignore[attr-defined, no-any-return]
