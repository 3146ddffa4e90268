"""Forms of the inzage report and the data-subject requests (a BSN is posted, never in a URL)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.privacy.forms import DateInput, SubjectSearchForm
from casework.privacy.inzage import REASONS
from casework.privacy.models import DataSubjectRequest
from casework.privacy.requests import RequestFilters
from casework.web.fields import textarea

ISO = "%Y-%m-%d"  # what <input type="date"> needs, whatever the locale
TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
REASON_LABELS = {
    "request": _("Answer a data-subject request (AVG 15)"),
    "decision": _("Prepare a decision on a data-subject request"),
    "authority": _("Inquiry of the supervisory authority"),
}


class InzageForm(SubjectSearchForm):
    reason = forms.ChoiceField(label=_("Why is the report generated?"), choices=[
        (code, REASON_LABELS[code]) for code in REASONS], widget=forms.Select(attrs=SELECT))
    request = forms.UUIDField(required=False, widget=forms.HiddenInput)


class RequestCreateForm(SubjectSearchForm):
    """The subject's BSN or surname + date of birth links the request to a person record (optional)."""

    kind = forms.ChoiceField(label=_("Kind of request"), choices=DataSubjectRequest.Kind.choices,
                             widget=forms.Select(attrs=SELECT))
    received_on = forms.DateField(label=_("Received on"), widget=DateInput(format=ISO, attrs=TEXTBOX))
    postponement_ground = forms.ChoiceField(
        label=_("Informing postponed on ground (AVG 23, UAVG 41)"), required=False,
        choices=DataSubjectRequest.PostponementGround.choices, widget=forms.Select(attrs=SELECT))
    notes = textarea(_("Notes"), required=False)

    field_order = ["kind", "received_on", "bsn", "surname", "date_of_birth", "postponement_ground", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = forms.Form.clean(self) or {}
        if self.errors:
            return cleaned
        if bool(cleaned.get("surname", "").strip()) != (cleaned.get("date_of_birth") is not None):
            raise forms.ValidationError(_("Enter both the surname and the date of birth, or neither."))
        return cleaned


class RequestUpdateForm(forms.Form):
    postponement_ground = forms.ChoiceField(
        label=_("Informing postponed on ground (AVG 23, UAVG 41)"), required=False,
        choices=DataSubjectRequest.PostponementGround.choices, widget=forms.Select(attrs=SELECT))
    legal_duty_to_keep = forms.CharField(
        label=_("Legal duty to keep"), required=False, max_length=500, widget=forms.TextInput(attrs=TEXTBOX),
        help_text=_("The statutory duty that forbids erasure (e.g. Archiefwet, selection list). No personal data."))
    notes = textarea(_("Notes"), required=False)


class ExtensionForm(forms.Form):
    announced_on = forms.DateField(label=_("Extension announced to the subject on"),
                                   widget=DateInput(format=ISO, attrs=TEXTBOX))
    reason = textarea(_("Reasons for the extension"))
    months = forms.TypedChoiceField(label=_("Extension"), coerce=int, initial=2, required=False,
                                    empty_value=2,  # type: ignore[arg-type]  # the stubs say str; Django takes any
                                    widget=forms.Select(attrs=SELECT),
                                    choices=[(1, _("One month")), (2, _("Two months (the maximum)"))])


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=DataSubjectRequest.Outcome.choices,
                                widget=forms.Select(attrs=SELECT))
    decided_on = forms.DateField(label=_("Decision date"), widget=DateInput(format=ISO, attrs=TEXTBOX))
    motivation = textarea(_("Motivation"))


class LiftForm(forms.Form):
    reason = textarea(_("Why does the restriction end?"),
                      help_text=_("AVG 18(3): inform the data subject before the restriction is lifted."))


class RequestFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of request"), required=False,
                             choices=[("", _("All kinds")), *DataSubjectRequest.Kind.choices],
                             widget=forms.Select(attrs=SELECT))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *DataSubjectRequest.Status.choices],
                               widget=forms.Select(attrs=SELECT))
    overdue = forms.BooleanField(label=_("Only overdue open requests"), required=False)

    def filters(self) -> RequestFilters:
        if not self.is_bound or not self.is_valid():
            return RequestFilters()
        data = self.cleaned_data
        return RequestFilters(kind=data["kind"], status=data["status"], overdue=data["overdue"])
