"""Shared form plumbing for the core's and every case type's forms: NL Design System widget classes,
date and text widgets, partner choices, and the versioned form base (optimistic locking).

Labels are English msgids (Dutch is the shipped language). Case types import these; the core
never imports a case type's forms.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
TEXTAREA = {"rows": 4, "class": "utrecht-textarea utrecht-textarea--html-textarea"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}
RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={**TEXTBOX, "type": "date"}, format="%Y-%m-%d")


def textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={**TEXTAREA, "rows": rows})


def partners() -> Any:
    return Organisation.objects.filter(is_active=True).order_by("name")


class Checkboxes(forms.CheckboxSelectMultiple):
    def __init__(self, attrs=None, choices=()):
        super().__init__({**CHECKBOX, **(attrs or {})}, choices)


class PartnerChoice(forms.ModelChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Select(attrs=SELECT))
        super().__init__(queryset=partners(), **kwargs)


class PartnersChoice(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=partners(), widget=Checkboxes(), required=False, **kwargs)


REASON_HELP = _("Recorded with the step. Write down what matters for the case; it is stored encrypted.")


class VersionedForm(forms.Form):
    """Carries the case version the user saw, for optimistic locking (a stale edit gets a conflict)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)




# Kept for the modules that used the former private names.
_date_input, _textarea, _partners, _Checkboxes = date_input, textarea, partners, Checkboxes
_PartnerChoice, _PartnersChoice = PartnerChoice, PartnersChoice
