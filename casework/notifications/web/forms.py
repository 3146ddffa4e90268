"""The notification settings form: one choice of delivery per kind (NL Design System form pattern)."""

from __future__ import annotations

from django import forms

from casework.notifications.kinds import Delivery, Kind


class PreferencesForm(forms.Form):
    """A radio group per kind, named by the kind's code; `choices()` gives kind -> delivery."""

    def __init__(self, *args, current: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in Kind.choices:
            self.fields[kind] = forms.ChoiceField(label=label, choices=Delivery.choices, initial=current[kind],
                                                  widget=forms.RadioSelect)

    def choices(self) -> dict[str, str]:
        return {kind: self.cleaned_data[kind] for kind in Kind.values}
