"""Forms of the signal pages. They parse input only; every rule lives in the services, which check
everything again. `service_kwargs()` gives the keyword arguments of the form's service. Labels are
English msgids; Dutch is shipped. The web form names one person; the API takes several."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from accounts.roles import KETENPARTNER
from casework import categories as case_categories
from casework.bag.client import Address
from casework.bag.forms import AddressPickForm
from casework.signals.linked import linked_forms
from casework.signals.models import Informing, LegalGround, Outcome, PostponementGround, SignalCategory, SourceKind
from casework.signals.services.triage import routable_types
from casework.signals.workflow import outcomes_from
from casework.web.fields import textarea
from casework.web.widgets import SELECT, TEXTBOX, date_input
from encryption.validators import validate_bsn


def _text(label: Any, *, required: bool = False, max_length: int = 200, help_text: Any = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length, help_text=help_text,
                           widget=forms.TextInput(attrs=TEXTBOX))


def _area(label: Any, *, required: bool = False, help_text: Any = "") -> forms.CharField:
    return textarea(label, required=required, help_text=help_text)


def _date(label: Any, *, required: bool = False, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text, widget=date_input())


def _select(label: Any, choices: Any, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, required=required, widget=forms.Select(attrs=SELECT))


def _person(data: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    surname = (data.get(f"{prefix}surname") or "").strip()
    bsn = (data.get(f"{prefix}bsn") or "").strip()
    if not surname and not bsn:
        return None
    return {"first_names": data.get(f"{prefix}first_names") or "", "surname": surname, "bsn": bsn or None,
            "date_of_birth": data.get(f"{prefix}date_of_birth")}


class SignalForm(AddressPickForm):
    ADDRESS_FIELDS = ("address",)
    controller = forms.ModelChoiceField(label=_("Municipality"), queryset=Organisation.objects.none(),
                                        widget=forms.Select(attrs=SELECT))
    category = _select(_("Category"), SignalCategory.choices)
    received_on = _date(_("Received on"), required=True)
    address = _text(_("Address or premises"), max_length=500)
    description = _area(_("Description of the signal"), required=True,
                        help_text=_("Stored encrypted. Do not name the source here."))
    legal_ground = _select(_("Legal basis for criminal-law data (AVG art. 10, UAVG art. 33)"), LegalGround.choices)
    source_kind = _select(_("Who reported"), SourceKind.choices)
    source_organisation = _text(_("Name of the reporting organisation"))
    source_first_names = _text(_("First names of the reporter"))
    source_surname = _text(_("Surname of the reporter"))
    source_bsn = _text(_("BSN of the reporter"), max_length=9)
    source_date_of_birth = _date(_("Date of birth of the reporter"))
    person_first_names = _text(_("First names of a person named in the signal"))
    person_surname = _text(_("Surname of the person named"))
    person_bsn = _text(_("BSN of the person named"), max_length=9)
    person_date_of_birth = _date(_("Date of birth of the person named"), help_text=_("Required without a BSN."))
    involvement = _text(_("Involvement of the person named"), max_length=500)
    informing = _select(_("Informing the person named (AVG art. 14)"), Informing.choices)
    postponement_ground = _select(_("Ground for postponing (UAVG art. 41)"),
                                  [("", "—"), *[c for c in PostponementGround.choices if c[0]]], required=False)
    postponement_review_on = _date(_("Review the postponement on"))
    informed_on = _date(_("Informed on"))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if user.role == KETENPARTNER:
            field = cast(forms.ModelChoiceField, self.fields["controller"])
            field.queryset = Organisation.objects.filter(is_active=True, kind=Organisation.Kind.GEMEENTE).order_by(
                "name")
        else:
            del self.fields["controller"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for prefix in ("source_", "person_"):
            bsn = (data.get(f"{prefix}bsn") or "").strip()
            if bsn:
                try:
                    validate_bsn(bsn)
                except forms.ValidationError as exc:
                    self.add_error(f"{prefix}bsn", exc)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        pick = self.bag_pick()
        named = _person(data, "person_")
        persons = [{"person": named, "involvement": data.get("involvement") or "", "informing": data["informing"],
                    "postponement_ground": data.get("postponement_ground") or "",
                    "postponement_review_on": data.get("postponement_review_on"),
                    "informed_on": data.get("informed_on")}] if named else []
        return {
            "controller": data["controller"] if self.user.role == KETENPARTNER else self.user.organisation,
            "category": data["category"], "received_on": data["received_on"], "address": data.get("address") or "",
            "description": data["description"], "legal_ground": data["legal_ground"],
            "source_kind": data["source_kind"], "source_organisation": data.get("source_organisation") or "",
            "source_person": _person(data, "source_"), "persons": persons,
            "bag_id": pick.nummeraanduiding_id if pick else "",
            "bag_object_id": pick.adresseerbaarobject_id if pick else "", "address_verified": pick is not None,
        }

    @classmethod
    def bag_fill(cls, address: Address) -> dict[str, str]:
        return {"address": address.label}


def _category_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in case_categories.CATEGORY_LABELS.items()]


class TriageForm(forms.Form):
    outcome = _select(_("Outcome"), Outcome.choices)
    reason = _area(_("Reasons"), help_text=_("Not for a Bibob check: record no Bibob information here "
                                             "(Wet Bibob art. 28)."))
    review_on = _date(_("Review monitoring on"), help_text=_("Required for monitoring; within a year."))
    purpose = _area(_("Purpose of the further processing"),
                    help_text=_("Required for a routing: what the data will be used for (purpose limitation)."))
    routed_to = _select(_("Approach (kind of case)"), (), required=False)
    linked_reason = _area(_("What the new case starts from"),
                          help_text=_("Required for a routing. This text goes into the new case: do not name the "
                                      "source of the signal."))
    owner = forms.ModelChoiceField(label=_("Owner of the new case"), queryset=User.objects.none(), required=False,
                                   widget=forms.Select(attrs=SELECT))
    partner = forms.ModelChoiceField(label=_("Partner organisation"), queryset=Organisation.objects.none(),
                                     required=False, widget=forms.Select(attrs=SELECT))
    categories = forms.MultipleChoiceField(label=_("Categories of data shared"), choices=(), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    weighing = _area(_("Weighing of proportionality and subsidiarity"))
    shielded_weighing = _area(_("Own weighing for sharing the source"))
    ends_on = _date(_("Sharing ends on"))

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = set(outcomes_from(case.status))
        cast(forms.ChoiceField, self.fields["outcome"]).choices = [c for c in Outcome.choices if c[0] in allowed]
        cast(forms.ChoiceField, self.fields["routed_to"]).choices = [("", "—"), *routable_types()]
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = User.objects.filter(
            organisation_id=case.controller_id, is_active=True).order_by("last_name", "first_name")
        cast(forms.ModelChoiceField, self.fields["partner"]).queryset = Organisation.objects.filter(
            is_active=True).exclude(pk=case.controller_id).order_by("name")
        cast(forms.MultipleChoiceField, self.fields["categories"]).choices = _category_choices()
        self.linked_forms = linked_forms(self.data if self.is_bound else None, controller=case.controller)

    def clean(self) -> dict[str, Any]:
        """The details of the chosen approach are checked by its own form (the others are ignored)."""
        data = super().clean() or {}
        self.linked: dict[str, Any] = {}
        if data.get("outcome") == Outcome.CASE:
            for code, label, form in self.linked_forms:
                if code == data.get("routed_to"):
                    if form.is_valid():
                        self.linked = form.linked_data()  # type: ignore[attr-defined]
                    else:
                        raise forms.ValidationError(_("Complete the details for %(approach)s.") % {"approach": label})
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"outcome": data["outcome"], "reason": data.get("reason") or "", "purpose": data.get("purpose") or "",
                "review_on": data.get("review_on"), "routed_to": data.get("routed_to") or "",
                "owner": data.get("owner"), "partner": data.get("partner"),
                "linked_reason": data.get("linked_reason") or "", "linked": getattr(self, "linked", {}),
                "share": {"categories": data.get("categories") or [], "weighing": data.get("weighing") or "",
                          "ends_on": data.get("ends_on"), "shielded_weighing": data.get("shielded_weighing") or ""}}
