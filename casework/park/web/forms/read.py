"""Filters of the park overview (GET). They parse input only; invalid values fall back to no filter."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.park.models import ObjectKind, Park
from casework.park.selectors import overview
from casework.web.widgets import CHECKBOX, SELECT, TEXTBOX

LIMITATION_CHOICES = [
    ("", _("Any limitation date")),
    ("31", _("Within 1 month (or passed)")),
    ("92", _("Within 3 months (or passed)")),
]


class OverviewFilterForm(forms.Form):
    park = forms.ModelChoiceField(label=_("Park"), queryset=Park._default_manager.none(), required=False,
                                  empty_label=_("All parks"), widget=forms.Select(attrs=SELECT))
    kind = forms.ChoiceField(label=_("Kind of object"), required=False, widget=forms.Select(attrs=SELECT),
                             choices=[("", _("All kinds")), *ObjectKind.choices])
    number = forms.CharField(label=_("Object number"), required=False, max_length=20,
                             widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}))
    status = forms.ChoiceField(label=_("Status of the file"), required=False, widget=forms.Select(attrs=SELECT))
    limitation = forms.ChoiceField(label=_("Limitation date"), required=False, choices=LIMITATION_CHOICES,
                                   widget=forms.Select(attrs=SELECT))
    forfeitures = forms.BooleanField(label=_("Only objects with open forfeitures"), required=False,
                                     widget=forms.CheckboxInput(attrs=CHECKBOX))

    def __init__(self, *args: Any, user, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parks = Park._default_manager.filter(controller_id=user.organisation_id).order_by("name")
        cast(forms.ModelChoiceField, self.fields["park"]).queryset = parks
        cast(forms.ChoiceField, self.fields["status"]).choices = [("", _("All statuses")), *overview.status_choices()]

    def filters(self) -> overview.OverviewFilters:
        if not self.is_bound or not self.is_valid():
            return overview.OverviewFilters()
        data = self.cleaned_data
        return overview.OverviewFilters(
            park_id=data["park"].pk if data["park"] else None, kind=data["kind"] or "", number=data["number"] or "",
            status=data["status"] or "", only_forfeitures=bool(data["forfeitures"]),
            limitation_within_days=int(data["limitation"]) if data["limitation"] else None,
        )
