"""The "look up in the BRP" step of a form that registers a person; it works without JavaScript.

The person block of such a form has a submit button `brp_action` = "lookup" inside the same form, so nothing typed
elsewhere is lost: the BSN typed goes to the BRP (`prefill.person_prefill`, under the form's processing activity),
and the form comes back with the person fields filled and a signed token (`prefill.prefill_token`) in its hidden
field `brp_token`. The ordinary submit saves; the form's `brp_verified_on()` gives the day of the lookup while the
fields are still the filled ones, None for details typed or changed by hand ("niet geverifieerd in BRP").
A lookup step never saves anything; a refusal (not municipal staff, an activity without BRP authorisation) or a
failure shows its Dutch message and the details can be typed by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, TypeVar

from django import forms

from casework.brp import access, client, transport
from casework.brp.prefill import Prefill, person_prefill, prefill_token, verified_on

ACTION_FIELD, TOKEN_FIELD, LOOKUP = "brp_action", "brp_token", "lookup"
NOT_KEPT = frozenset({"csrfmiddlewaretoken", "submission_token", ACTION_FIELD, TOKEN_FIELD})


class PersonLookupForm(forms.Form):
    """Base of a form whose person can be filled from the BRP: set BRP_FIELDS (form field -> Prefill attribute)."""

    brp_token = forms.CharField(required=False, widget=forms.HiddenInput)
    BRP_FIELDS: ClassVar[dict[str, str]] = {"bsn": "bsn", "first_names": "first_names", "surname": "surname",
                                            "date_of_birth": "date_of_birth"}
    BSN_FIELD: ClassVar[str] = "bsn"
    WITH_ADDRESS: ClassVar[bool] = False

    @classmethod
    def brp_fill(cls, prefill: Prefill) -> dict[str, Any]:
        return {name: getattr(prefill, attribute) for name, attribute in cls.BRP_FIELDS.items()}

    def brp_verified_on(self) -> date | None:
        data = self.cleaned_data
        return verified_on(data.get(TOKEN_FIELD) or "", {name: data.get(name) for name in self.BRP_FIELDS})


@dataclass
class PersonStep:
    """What the person block shows; `active` when this request was a lookup step."""

    enabled: bool
    active: bool = False
    message: str = ""
    found: bool = False
    initial: dict[str, Any] = field(default_factory=dict)


def may_look_up(user: Any) -> bool:
    """Whether the page offers the lookup at all (the activity is checked, and audited, at the lookup)."""
    return transport.enabled() and access.is_municipal_staff(user)


def person_step(data: Mapping[str, Any] | None, *, user: Any, form_class: type[PersonLookupForm],
                processing_activity: str) -> PersonStep:
    """Run the lookup a POST asks for (nothing is saved), or describe the idle block."""
    step = PersonStep(enabled=may_look_up(user))
    if data is None or data.get(ACTION_FIELD) != LOOKUP:
        return step
    step.active = True
    step.initial = {name: data.get(name) for name in data if name not in NOT_KEPT}
    try:
        prefill = person_prefill(str(data.get(form_class.BSN_FIELD) or ""), user=user,
                                 processing_activity=processing_activity, with_address=form_class.WITH_ADDRESS)
    except (client.BrpError, access.BrpRefused) as exc:
        step.message = exc.message
        return step
    filled = form_class.brp_fill(prefill)
    step.initial.update(filled)
    step.initial[TOKEN_FIELD] = prefill_token(prefill, filled)
    step.found = True
    return step


F = TypeVar("F", bound=PersonLookupForm)


def brp_form(form_class: type[F], data: Any, step: PersonStep, **kwargs: Any) -> F:
    """The page's form: unbound with the submitted values after a step (no errors shown), else bound."""
    if step.active:
        return form_class(initial=step.initial, **kwargs)
    return form_class(data, **kwargs)
