"""The search-and-pick step of a form that takes an address; it works without JavaScript.

The address block of such a form has a search field and two submit buttons inside the same form
(`bag_action` = "search" or "pick"), so nothing typed elsewhere in the form is lost:
1. search: the typed text goes to the BAG source (`client.suggest`), the form comes back with the
   addresses found as a list of choices;
2. pick: the chosen address is looked up (`client.lookup`), the form comes back with the address
   fields filled and a signed pick token (`picks`) in its hidden field `bag_token`;
3. the ordinary submit saves; the form's `bag_pick()` tells whether the address is still the picked
   one (verified in the BAG) or typed/changed by hand (not verified).
A search or pick step never saves anything and shows no validation errors of the rest of the form;
a failing BAG source shows a Dutch message and the address can be typed by hand. An uploaded file
does not survive a step (browsers do not resend it): the page says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from django import forms
from django.utils.translation import gettext as _

from casework.bag import client
from casework.bag.picks import Pick, pick_token, pick_verified

ACTION_FIELD, QUERY_FIELD, CHOICE_FIELD, TOKEN_FIELD = "bag_action", "bag_query", "bag_choice", "bag_token"
SEARCH, PICK = "search", "pick"
NOT_KEPT = frozenset({"csrfmiddlewaretoken", "submission_token", ACTION_FIELD, QUERY_FIELD, CHOICE_FIELD})


class AddressPickForm(forms.Form):
    """Base of a form whose address can be picked from the BAG: set ADDRESS_FIELDS and `bag_fill`."""

    bag_token = forms.CharField(max_length=2_000, required=False, widget=forms.HiddenInput)
    # The form fields the pick fills (in page order); the first one is where the search block goes.
    ADDRESS_FIELDS: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def bag_fill(cls, address: client.Address) -> dict[str, str]:
        """The values of ADDRESS_FIELDS for a picked address."""
        raise NotImplementedError

    def bag_pick(self) -> Pick | None:
        """The BAG pick when the submitted address is still the picked one; None for an address typed by hand."""
        data = self.cleaned_data
        return pick_verified(data.get(TOKEN_FIELD) or "", {name: data.get(name) for name in self.ADDRESS_FIELDS})

    def bag_kwargs(self) -> dict[str, Any]:
        """bag_object_id and address_verified for the service (the nummeraanduiding id is the form's bag_id)."""
        pick = self.bag_pick()
        return {"bag_object_id": pick.adresseerbaarobject_id if pick else "", "address_verified": pick is not None}


@dataclass
class AddressStep:
    """What the address block of the page shows; `active` when this request was a search or pick step."""

    enabled: bool
    before: str = ""
    active: bool = False
    query: str = ""
    candidates: list[client.Suggestion] = field(default_factory=list)
    message: str = ""
    picked: str = ""
    initial: dict[str, Any] = field(default_factory=dict)


def address_step(data: Mapping[str, Any] | None, *, form_class: type[AddressPickForm],
                 processing_activity: str) -> AddressStep:
    """Run the search or pick step a POST asks for (nothing is saved), or describe the idle block."""
    step = AddressStep(enabled=client.enabled(), before=form_class.ADDRESS_FIELDS[0])
    action = data.get(ACTION_FIELD) if data is not None else None
    if data is None or action not in (SEARCH, PICK):
        return step
    step.active = True
    step.initial = {name: data.get(name) for name in data if name not in NOT_KEPT}
    step.query = " ".join(str(data.get(QUERY_FIELD) or "").split())[:client.QUERY_MAX]
    try:
        if action == SEARCH:
            step.candidates = client.suggest(step.query, processing_activity=processing_activity)
            if not step.candidates:
                step.message = _("No address found in the BAG. Check what you typed, or enter the address by hand.")
        else:
            address = client.lookup(str(data.get(CHOICE_FIELD) or ""), processing_activity=processing_activity)
            filled = form_class.bag_fill(address)
            step.initial.update(filled)
            step.initial[TOKEN_FIELD] = pick_token(address, filled)
            step.picked = address.label
    except client.AddressLookupError as exc:
        step.message = exc.message
    return step


F = TypeVar("F", bound=AddressPickForm)


def bag_form(form_class: type[F], data: Any, step: AddressStep, **kwargs: Any) -> F:
    """The page's form: unbound with the submitted values after a step (no errors shown), else bound."""
    if step.active:
        return form_class(initial=step.initial, **kwargs)
    return form_class(data, **kwargs)
