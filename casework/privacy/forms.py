"""The subject search form: a BSN, or a surname and a date of birth (posted, never in a URL)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from encryption.validators import validate_bsn


class DateInput(forms.DateInput):
    input_type = "date"


class NoEchoTextInput(forms.TextInput):
    """Never renders a submitted value back: a rejected BSN does not reappear in the 400 page."""

    def format_value(self, value):
        return None


class SubjectSearchForm(forms.Form):
    bsn = forms.CharField(
        label=_("BSN"), required=False, max_length=9, validators=[validate_bsn],
        help_text=_("9 digits. Not stored and not logged."),
        widget=NoEchoTextInput(attrs={"autocomplete": "off", "inputmode": "numeric",
                                      "class": "utrecht-textbox utrecht-textbox--html-input"}),
    )
    surname = forms.CharField(
        label=_("Surname"), required=False, max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "utrecht-textbox utrecht-textbox--html-input"}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"), required=False,
        widget=DateInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}),
    )

    def clean_bsn(self) -> str:
        return "".join(self.cleaned_data["bsn"].split())

    def clean(self):
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        has_name = bool(cleaned.get("surname", "").strip()) and cleaned.get("date_of_birth") is not None
        if not cleaned.get("bsn") and not has_name:
            raise forms.ValidationError(_("Enter a BSN, or a surname and date of birth."))
        return cleaned


class NoEchoDateInput(DateInput):
    """A date input that never renders a submitted value back (see NoEchoTextInput)."""

    def format_value(self, value):
        return None


class PersonAuditForm(SubjectSearchForm):
    """The audit search by person: the subject search's fields, and no value echoed back at all (a
    rejected form shows the errors, never the BSN, the surname or the date that was posted)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["surname"].widget = NoEchoTextInput(attrs=self.fields["surname"].widget.attrs)
        self.fields["date_of_birth"].widget = NoEchoDateInput(attrs=self.fields["date_of_birth"].widget.attrs)
