"""Forms of the read pages: the case list's filters and the case search. They parse input only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Team
from casework import registry, selectors
from encryption.validators import validate_bsn

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}

SORT_CHOICES = [
    ("-opened", _("Opened (newest first)")),
    ("opened", _("Opened (oldest first)")),
    ("reference", _("Reference (ascending)")),
    ("-reference", _("Reference (descending)")),
    ("status", _("Status")),
]


class NoEchoTextInput(forms.TextInput):
    """A text box that never renders a submitted value back (a BSN stays out of the page)."""

    def format_value(self, value: Any) -> None:
        return None


class CaseFilterForm(forms.Form):
    """GET filters of "Mijn casussen"; invalid values fall back to no filter."""

    status = forms.ChoiceField(label=_("Status"), required=False, widget=forms.Select(attrs=SELECT))
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False,
                                  empty_label=_("All teams"), widget=forms.Select(attrs=SELECT))
    case_type = forms.ChoiceField(label=_("Case type"), required=False, widget=forms.Select(attrs=SELECT),
                                  choices=lambda: [("", _("All case types")), *registry.choices()])
    overdue = forms.BooleanField(label=_("Only cases with an overdue deadline"), required=False,
                                 widget=forms.CheckboxInput(attrs=CHECKBOX))
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES,
                             widget=forms.Select(attrs=SELECT))

    def __init__(self, *args: Any, user, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *selectors.status_choices()]
        self.fields["team"].queryset = Team.objects.filter(organisation_id=user.organisation_id)

    def filters(self) -> selectors.CaseFilters:
        if not self.is_valid():
            return selectors.CaseFilters()
        data = self.cleaned_data
        return selectors.CaseFilters(
            status=data["status"] or "", team_id=data["team"].pk if data["team"] else None,
            overdue=bool(data["overdue"]), case_type=data["case_type"] or "",
            sort=data["sort"] or selectors.DEFAULT_SORT,
        )


class CaseSearchForm(forms.Form):
    """Search by reference, BSN, or surname + date of birth. Sent by POST: a BSN or name never
    appears in a URL (and so never in access logs or browser history)."""

    BY_REFERENCE, BY_BSN, BY_NAME = "reference", "bsn", "name"
    by = forms.ChoiceField(
        label=_("Search by"), widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button"}),
        choices=[(BY_REFERENCE, _("Case reference")), (BY_BSN, _("BSN")),
                 (BY_NAME, _("Surname and date of birth"))],
        initial=BY_REFERENCE,
    )
    reference = forms.CharField(label=_("Case reference"), required=False, max_length=32,
                                help_text=_("For example PGA-2026-0042."), widget=forms.TextInput(attrs=TEXTBOX))
    bsn = forms.CharField(label=_("BSN"), required=False, max_length=9,
                          widget=NoEchoTextInput(attrs={**TEXTBOX, "inputmode": "numeric", "autocomplete": "off"}))
    surname = forms.CharField(label=_("Surname"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}))
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False,
                                    widget=forms.DateInput(attrs={**TEXTBOX, "type": "date"}, format="%Y-%m-%d"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        by = data.get("by")
        if by == self.BY_REFERENCE and not (data.get("reference") or "").strip():
            self.add_error("reference", _("Enter a case reference."))
        elif by == self.BY_BSN:
            bsn = (data.get("bsn") or "").strip()
            try:
                validate_bsn(bsn)
            except ValidationError as error:
                self.add_error("bsn", error)
            data["bsn"] = bsn
        elif by == self.BY_NAME:
            if not (data.get("surname") or "").strip():
                self.add_error("surname", _("Enter the surname."))
            if not data.get("date_of_birth"):
                self.add_error("date_of_birth", _("Enter the date of birth."))
        return data
