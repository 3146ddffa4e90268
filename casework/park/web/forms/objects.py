"""Forms of the object dossier pages (casework/park/web/views/objects.py): registering an object,
its occupants and their personal tolerance decisions. They parse input only; the services
(casework/park/services/objects.py, services/tolerance.py) check everything again.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from casework.addresses import normalise_postcode
from casework.bag.client import Address
from casework.bag.forms import AddressPickForm
from casework.models import Person
from casework.park.models import (
                BrpStatus,
                Inspection,
                ObjectKind,
                Occupant,
                Park,
                RecreationObject,
                ToleranceDecision,
)
from casework.park.web.forms.fields import PersonChoice, date_field, preloaded
from casework.web.fields import text, textarea
from casework.web.widgets import SELECT, Radios


class ObjectForm(AddressPickForm):
    """A recreation object; its address can be picked in the BAG (casework/bag/forms.py)."""

    ADDRESS_FIELDS = ("street", "house_number", "house_number_addition", "postcode", "city", "bag_id")
    park = forms.ModelChoiceField(label=_("Park"), queryset=Park._default_manager.none(),
                                  widget=forms.Select(attrs=SELECT), error_messages={"required": _("Choose the park.")})
    number = text(_("Object number"), max_length=20)
    kind = forms.ChoiceField(label=_("Kind of object"), choices=ObjectKind.choices, widget=Radios(),
                             error_messages={"required": _("Choose the kind of object.")})
    street = text(_("Street"), required=False)
    house_number = text(_("House number"), required=False, max_length=10)
    house_number_addition = text(_("Addition"), required=False, max_length=10)
    postcode = text(_("Postcode"), required=False, max_length=7)
    city = text(_("City"), required=False, max_length=100)
    bag_id = text(_("BAG id"), required=False, max_length=16, inputmode="numeric")
    owner_entity = text(_("Owner (legal entity)"), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parks = Park._default_manager.filter(controller_id=user.organisation_id).order_by("name")
        cast(forms.ModelChoiceField, self.fields["park"]).queryset = parks
        self.fields["number"].error_messages["required"] = _("Enter the object number (e.g. B-017).")

    @classmethod
    def bag_fill(cls, address: Address) -> dict[str, str]:
        return {"street": address.street, "house_number": address.house_number,
                "house_number_addition": address.addition, "postcode": normalise_postcode(address.postcode),
                "city": address.city, "bag_id": address.nummeraanduiding_id}

    def service_kwargs(self) -> dict[str, Any]:
        data = {name: value for name, value in self.cleaned_data.items() if name != "bag_token"}
        return {**data, **self.bag_kwargs()}


class OccupantForm(forms.Form):
    first_names = text(_("First names"), required=False)
    surname = text(_("Surname"))
    bsn = text(_("BSN"), required=False, max_length=9, inputmode="numeric")
    date_of_birth = date_field(_("Date of birth"), required=False)
    brp_status = forms.ChoiceField(label=_("BRP status"), choices=BrpStatus.choices, widget=Radios(),
                                   error_messages={"required": _("Choose the BRP status.")})
    brp_checked_on = date_field(_("BRP checked on"), required=False)
    since = date_field(_("Living there since"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["surname"].error_messages["required"] = _("Enter the surname.")

    def person_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"first_names": data["first_names"], "surname": data["surname"], "bsn": data["bsn"] or None,
                "date_of_birth": data["date_of_birth"]}

    def occupant_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"brp_status": data["brp_status"], "brp_checked_on": data["brp_checked_on"], "since": data["since"]}


class LeaveForm(forms.Form):
    left_on = date_field(_("Left on"))


class ToleranceGrantForm(forms.Form):
    person = PersonChoice(label=_("Person"), queryset=Person.objects.none(), widget=forms.Select(attrs=SELECT),
                          error_messages={"required": _("Choose the person."),
                                          "invalid_choice": _("Choose the person.")},
                          help_text=_("A current occupant of the object."))
    resident_since = date_field(_("Resident since"))
    granted_on = date_field(_("Granted on"), required=False, help_text=_("Empty: today."))
    notes = textarea(_("Notes"), rows=3, required=False)

    def __init__(self, *args: Any, obj: RecreationObject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        occupants = preloaded([o.person for o in Occupant.objects.filter(object=obj, left_on__isnull=True)
                               .select_related("person")])
        person = cast(forms.ModelChoiceField, self.fields["person"])
        person.queryset = Person.objects.filter(pk__in=[p.pk for p in occupants])

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ToleranceEndForm(forms.Form):
    ended_on = date_field(_("Ended on"))
    end_reason = forms.ChoiceField(label=_("Reason it ended"), choices=ToleranceDecision.EndReason.choices,
                                   widget=Radios(), error_messages={"required": _("Choose why the decision ends.")})

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class InspectionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.case.reference} — {obj.inspected_on:%d-%m-%Y}"


class ResidenceCheckForm(forms.Form):
    """Ask the BRP who lived at the object in a period (casework/park/services/residence.py)."""

    period_from = date_field(_("Period from"))
    period_to = date_field(_("Period up to"), help_text=_("Not in the future."))
    inspection = InspectionChoice(label=_("Inspection"), required=False, queryset=Inspection.objects.none(),
                                  widget=forms.Select(attrs=SELECT), empty_label=_("None"),
                                  error_messages={"invalid_choice": _("Choose an inspection of this object.")},
                                  help_text=_("Optional: the inspection this check belongs to."))

    def __init__(self, *args: Any, obj: RecreationObject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["inspection"])
        field.queryset = Inspection.objects.filter(object=obj).select_related("case").order_by("-inspected_on")

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"date_from": data["period_from"], "date_to": data["period_to"], "inspection": data["inspection"]}
