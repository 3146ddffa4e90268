"""What a Damocles procedure needs when another case type's page opens one (the registry's
`linked_form`; a routed undermining signal): the premises, the police report and one finding.
The registration rules (casework/damocles/services/registration.py) check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.damocles.models import Ground, PremisesKind, Substance, Unit
from casework.web.fields import choice, text, textarea
from casework.web.widgets import TEXTBOX, date_input


class LinkedProcedureForm(forms.Form):
    kind = choice(_("Kind of premises"), PremisesKind.choices)
    street = text(_("Street"))
    house_number = text(_("House number"), max_length=10)
    house_number_addition = text(_("Addition"), required=False, max_length=10)
    postcode = text(_("Postcode"), max_length=7)
    city = text(_("City"), max_length=100)
    received_on = forms.DateField(label=_("Report received on"), widget=date_input())
    found_on = forms.DateField(label=_("Date of the finding"), widget=date_input())
    ground = choice(_("Ground"), Ground.choices)
    police_reference = text(_("Police reference"), required=False, max_length=100)
    summary = textarea(_("Summary of the findings"), required=False,
                       help_text=_("Stored encrypted. Only what the assessment needs."))
    substance = choice(_("Substance"), Substance.choices)
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=10, decimal_places=2,
                                widget=forms.NumberInput(attrs={**TEXTBOX, "step": "0.01"}))
    unit = choice(_("Unit"), Unit.choices)

    def __init__(self, *args: Any, controller: Any = None, **kwargs: Any) -> None:
        kwargs["use_required_attribute"] = False  # the group counts only when its approach is chosen
        super().__init__(*args, **kwargs)

    def linked_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "premises": {name: data.get(name) or "" for name in
                         ("kind", "street", "house_number", "house_number_addition", "postcode", "city")},
            "police_report": {name: data.get(name) for name in
                              ("received_on", "found_on", "ground", "police_reference", "summary")},
            "findings": [{"substance": data["substance"], "amount": data["amount"], "unit": data["unit"]}],
        }
