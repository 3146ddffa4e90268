"""Forms of the PGA pages: the referral, case conferences, agreements, escalation, the plan, and
the data of PGA steps. They parse input only: every rule lives in casework/pga/services/."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from accounts.roles import KETENPARTNER
from casework.brp.forms import PersonLookupForm
from casework.models import Case
from casework.pga import workflow as pga_workflow
from casework.pga.models import Agreement, ClosureReason, Conference, InformedStatus, Leefgebied
from casework.pga.selectors import referral_owner_for
from casework.web.fields import textarea
from casework.web.widgets import (
    CHECKBOX,
    SELECT,
    TEXTBOX,
    PartnerChoice,
    PartnersChoice,
    date_input,
)
from encryption.validators import validate_bsn

# --- the data of PGA steps (the core's transition form asks for them: registry `step_fields`) ----



def _step_field(name: str) -> forms.Field:
    if name == "triage_advice":
        return textarea(_("Advice to the referring partner"))
    if name == "closure_reason":
        return forms.ChoiceField(label=_("Closure reason"), choices=[("", "---------"), *ClosureReason.choices],
                                 widget=forms.Select(attrs=SELECT))
    if name == "aftercare_check_on":
        return forms.DateField(label=_("Aftercare check on"), required=False, widget=date_input(),
                               help_text=_("Optional: the date on which someone checks how the person is doing."))
    raise KeyError(name)


def step_fields(step: Any) -> dict[str, forms.Field]:
    """The registry's `step_fields`: the form fields a PGA step asks for (required ones required)."""
    fields = {}
    for name in pga_workflow.WORKFLOW.takes(step):  # the ones the table requires, then the target's optional ones
        fields[name] = _step_field(name)
        fields[name].required = name in step.requires
    return fields


# --- conferences, agreements, escalation -------------------------------------------------------


class ConferenceForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=date_input())
    invited = PartnersChoice(label=_("Invited partners"))
    attending = PartnersChoice(label=_("Attending partners"))
    minutes = textarea(_("Minutes"), required=False, rows=8,
                       help_text=_("Stored encrypted. Only what the conference needs."))


class ConferenceChoiceField(forms.ModelChoiceField):
    """Conferences by the day they were held."""

    def label_from_instance(self, obj: Any) -> str:
        return obj.held_on.strftime("%d-%m-%Y")


class AgreementForm(forms.Form):
    description = textarea(_("Agreement"), rows=3)
    owner_organisation = PartnerChoice(label=_("Owner organisation"))
    due_on = forms.DateField(label=_("Due date"), widget=date_input())
    conference = ConferenceChoiceField(label=_("Conference"), queryset=Conference.objects.none(), required=False,
                                       widget=forms.Select(attrs=SELECT), empty_label=_("(no conference)"))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["conference"]).queryset = case.conferences.order_by("-held_on")


class AgreementUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Agreement.Status.choices, widget=forms.Select(attrs=SELECT))
    due_on = forms.DateField(label=_("Due date"), widget=date_input())


class EscalationForm(forms.Form):
    escalated = forms.BooleanField(label=_("Escalate this case (bestuurlijk opschalen)"), required=False,
                                   widget=forms.CheckboxInput(attrs=CHECKBOX))
    reason = textarea(_("Reason for escalation"), required=False, rows=3,
                      help_text=_("Required when the case is escalated. Stored encrypted."))


# --- monitoring: zelfredzaamheid and notes per agreement ------------------------------------------


class MeasurementForm(forms.Form):
    """A score per life domain (empty: not measured this time); the help text shows the criteria."""

    measured_on = forms.DateField(label=_("Measured on"), widget=date_input())

    def __init__(self, *args: Any, criteria: dict[str, dict[int, str]], **kwargs: Any) -> None:
        from casework.pga.selectors.monitoring import SCORE_LABELS

        super().__init__(*args, **kwargs)
        for domain, label in Leefgebied.choices:
            own = criteria.get(domain, {})
            choices = [("", _("Not measured")), *[
                (str(score), f"{score} – {neutral}" + (f": {own[score]}" if score in own else ""))
                for score, neutral in SCORE_LABELS.items()]]
            self.fields[f"score_{domain}"] = forms.TypedChoiceField(
                label=label, choices=choices, coerce=int, empty_value=None, required=False,
                widget=forms.Select(attrs=SELECT), error_messages={
                    "invalid_choice": _("Choose a score from 1 to 5.")})

    def scores(self) -> dict[str, int]:
        return {domain: self.cleaned_data[f"score_{domain}"] for domain in Leefgebied.values
                if self.cleaned_data.get(f"score_{domain}") is not None}


class AgreementNoteForm(forms.Form):
    text = textarea(_("Monitoring note"),
                    help_text=_("How the agreement goes. Stored encrypted, under the agreement's category."))


# --- referral (aanmelding, domain.md §1) ---------------------------------------------------------
# A procesregisseur registers for their own organisation and owns the case; a chain partner chooses
# the municipality (controller), and the case goes to that municipality's process director chosen
# by `casework.pga.selectors.referral_owner_for` (the partner does not get access to it).

PERSON_FIELDS = ("first_names", "surname", "bsn", "date_of_birth", "address", "phone")


class ReferralForm(PersonLookupForm):
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
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=date_input())
    address = textarea(_("Address"), required=False, rows=2)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False,
                            widget=forms.TextInput(attrs={**TEXTBOX, "type": "tel", "autocomplete": "off"}))
    aanleiding = textarea(_("Reason for referral"))
    conference_goal = textarea(_("Goal of the case conference"), required=False)
    partners_to_invite = forms.ModelMultipleChoiceField(
        label=_("Partners to invite"), queryset=Organisation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
    )
    informed_status = forms.ChoiceField(
        label=_("Has the person been informed of the referral?"), choices=InformedStatus.choices,
        initial=InformedStatus.NOT_YET, widget=forms.Select(attrs=SELECT),
    )
    informed_on = forms.DateField(label=_("Informed on"), required=False, widget=date_input())
    postponement_ground = textarea(
        _("Ground for postponing informing the person"), required=False,
        help_text=_("Required when informing is postponed, e.g. a running criminal investigation (AVG art. 23)."))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        active = Organisation.objects.filter(is_active=True).order_by("name")
        cast(forms.ModelChoiceField, self.fields["partners_to_invite"]).queryset = active
        if user.role == KETENPARTNER:
            municipalities = active.filter(kind=Organisation.Kind.GEMEENTE)
            cast(forms.ModelChoiceField, self.fields["controller"]).queryset = municipalities
        else:
            del self.fields["controller"]

    def clean_bsn(self) -> str:
        bsn = (self.cleaned_data.get("bsn") or "").strip()
        if bsn:
            validate_bsn(bsn)
        return bsn

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
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
                "brp_verified_on": self.brp_verified_on(),
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
