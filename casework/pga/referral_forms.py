"""The PGA referral form (aanmelding, domain.md §1). Parses input; the rules are in
casework.pga.services.referral_register (which checks them again, in one transaction).

A procesregisseur registers for their own organisation and owns the case; a chain partner
chooses the municipality (controller), and the case goes to that municipality's process
director chosen by `casework.pga.selectors.referral_owner_for` (the partner does not get access to it).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from accounts.roles import KETENPARTNER
from casework.pga.models import InformedStatus
from casework.pga.selectors import referral_owner_for
from encryption.validators import validate_bsn

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
TEXTAREA = {"rows": 4, "class": "utrecht-textarea utrecht-textarea--html-textarea"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}
PERSON_FIELDS = ("first_names", "surname", "bsn", "date_of_birth", "address", "phone")


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={**TEXTBOX, "type": "date"}, format="%Y-%m-%d")


class ReferralForm(forms.Form):
    controller = forms.ModelChoiceField(
        label=_("Municipality (controller)"), queryset=Organisation.objects.none(),
        help_text=_("The municipality whose Zorg- en Veiligheidshuis receives the referral."),
        widget=forms.Select(attrs=SELECT),
    )
    first_names = forms.CharField(label=_("First names"), max_length=200, required=False,
                                  widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}))
    surname = forms.CharField(label=_("Surname"), max_length=200,
                              widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}))
    bsn = forms.CharField(label=_("BSN"), max_length=9, required=False,
                          help_text=_("Optional. Without a BSN the person is found by surname and date of birth."),
                          widget=forms.TextInput(attrs={**TEXTBOX, "inputmode": "numeric", "autocomplete": "off"}))
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=_date())
    address = forms.CharField(label=_("Address"), required=False, widget=forms.Textarea(attrs={**TEXTAREA, "rows": 2}))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False,
                            widget=forms.TextInput(attrs={**TEXTBOX, "type": "tel", "autocomplete": "off"}))
    aanleiding = forms.CharField(label=_("Reason for referral"), widget=forms.Textarea(attrs=TEXTAREA))
    conference_goal = forms.CharField(label=_("Goal of the case conference"), required=False,
                                      widget=forms.Textarea(attrs=TEXTAREA))
    partners_to_invite = forms.ModelMultipleChoiceField(
        label=_("Partners to invite"), queryset=Organisation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
    )
    informed_status = forms.ChoiceField(
        label=_("Has the person been informed of the referral?"), choices=InformedStatus.choices,
        initial=InformedStatus.NOT_YET, widget=forms.Select(attrs=SELECT),
    )
    informed_on = forms.DateField(label=_("Informed on"), required=False, widget=_date())
    postponement_ground = forms.CharField(
        label=_("Ground for postponing informing the person"), required=False,
        help_text=_("Required when informing is postponed, e.g. a running criminal investigation (AVG art. 23)."),
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        active = Organisation.objects.filter(is_active=True).order_by("name")
        self.fields["partners_to_invite"].queryset = active
        if user.role == KETENPARTNER:
            self.fields["controller"].queryset = active.filter(kind=Organisation.Kind.GEMEENTE)
        else:
            del self.fields["controller"]

    def clean_bsn(self) -> str:
        bsn = (self.cleaned_data.get("bsn") or "").strip()
        if bsn:
            validate_bsn(bsn)
        return bsn

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("bsn") and self.is_bound and not data.get("date_of_birth") and "bsn" not in self.errors:
            self.add_error("date_of_birth", _("Without a BSN, enter the date of birth."))
        if self.user.role == KETENPARTNER and data.get("controller") is not None:
            data["owner"] = referral_owner_for(data["controller"])
            if data["owner"] is None:
                self.add_error("controller", _("This municipality has no process director to receive referrals."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        """Arguments for referral_register from the cleaned data."""
        data = self.cleaned_data
        if self.user.role == KETENPARTNER:
            controller, owner = data["controller"], data["owner"]
        else:
            controller, owner = self.user.organisation, self.user
        return {
            "controller": controller, "owner": owner,
            "person": {name: data.get(name) or None for name in PERSON_FIELDS} | {
                "first_names": data.get("first_names") or "", "surname": data.get("surname") or "",
            },
            "aanleiding": data["aanleiding"], "conference_goal": data.get("conference_goal") or "",
            "partners_to_invite": list(data.get("partners_to_invite") or []),
            "informed_status": data["informed_status"], "informed_on": data.get("informed_on"),
            "postponement_ground": data.get("postponement_ground") or "",
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's ValidationError on the matching fields (others on the form)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)
