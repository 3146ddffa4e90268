"""The "look up in the BRP" step of a form that registers persons; it works without JavaScript.

Each person block of such a form has a submit button `brp_action` = "lookup" (or "lookup:<key>" when the form has
several persons, e.g. the owner and the person concerned) inside the same form, so nothing typed elsewhere is lost:
the BSN typed goes to the BRP (`prefill.person_prefill`, under the form's processing activity), and the form comes
back with that person's fields filled and a signed token (`prefill.prefill_token`) in the hidden field
`brp_token` (`brp_token_<key>`). The ordinary submit saves; `brp_verified_on(key)` gives the day of the lookup while
the fields are still the filled ones, None for details typed or changed by hand ("niet geverifieerd in BRP").
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

ACTION_FIELD, LOOKUP = "brp_action", "lookup"
NOT_KEPT = frozenset({"csrfmiddlewaretoken", "submission_token", ACTION_FIELD})
PERSON = {"bsn": "bsn", "first_names": "first_names", "surname": "surname", "date_of_birth": "date_of_birth"}


def token_field(key: str) -> str:
    return f"brp_token_{key}" if key else "brp_token"


class PersonLookupForm(forms.Form):
    """Base of a form whose persons can be filled from the BRP.

    BRP_PERSONS maps a person's key ("" for a form with one person) to {form field: `Prefill` attribute}; the field
    mapped to "bsn" is the one looked up. WITH_ADDRESS asks the address lines too (an addressee of letters).
    """

    BRP_PERSONS: ClassVar[dict[str, dict[str, str]]] = {"": PERSON}
    WITH_ADDRESS: ClassVar[bool] = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in self.BRP_PERSONS:
            self.fields[token_field(key)] = forms.CharField(max_length=2_000, required=False, widget=forms.HiddenInput)

    @classmethod
    def brp_fill(cls, key: str, prefill: Prefill) -> dict[str, Any]:
        return {name: getattr(prefill, attribute) for name, attribute in cls.BRP_PERSONS[key].items()}

    @classmethod
    def brp_bsn_field(cls, key: str) -> str:
        return next(name for name, attribute in cls.BRP_PERSONS[key].items() if attribute == "bsn")

    def brp_verified_on(self, key: str = "") -> date | None:
        data = self.cleaned_data
        return verified_on(data.get(token_field(key)) or "",
                           {name: data.get(name) for name in self.BRP_PERSONS[key]})

    def brp_tokens(self) -> list[forms.BoundField]:
        return [self[token_field(key)] for key in self.BRP_PERSONS]


@dataclass
class PersonStep:
    """What the person blocks show; `active` when this request was a lookup step (of person `key`)."""

    enabled: bool
    active: bool = False
    key: str = ""
    message: str = ""
    found: bool = False
    initial: dict[str, Any] = field(default_factory=dict)


def may_look_up(user: Any) -> bool:
    """Whether the page offers the lookup at all (the activity is checked, and audited, at the lookup)."""
    return transport.enabled() and access.is_municipal_staff(user)


def person_step(data: Mapping[str, Any] | None, *, user: Any, form_class: type[PersonLookupForm],
                processing_activity: str) -> PersonStep:
    """Run the lookup a POST asks for (nothing is saved), or describe the idle blocks."""
    step = PersonStep(enabled=may_look_up(user))
    action = str(data.get(ACTION_FIELD) or "") if data is not None else ""
    verb, _sep, key = action.partition(":")
    if data is None or verb != LOOKUP or key not in form_class.BRP_PERSONS:
        return step
    step.active, step.key = True, key
    step.initial = {name: data.get(name) for name in data if name not in NOT_KEPT}
    try:
        prefill = person_prefill(str(data.get(form_class.brp_bsn_field(key)) or ""), user=user,
                                 processing_activity=processing_activity, with_address=form_class.WITH_ADDRESS)
    except (client.BrpError, access.BrpRefused) as exc:
        step.message = exc.message
        return step
    filled = form_class.brp_fill(key, prefill)
    step.initial.update(filled)
    step.initial[token_field(key)] = prefill_token(prefill, filled)
    step.found = True
    return step


F = TypeVar("F", bound=PersonLookupForm)


def brp_form(form_class: type[F], data: Any, step: PersonStep, **kwargs: Any) -> F:
    """The page's form: unbound with the submitted values after a step (no errors shown), else bound."""
    if step.active:
        return form_class(initial=step.initial, **kwargs)
    return form_class(data, **kwargs)
