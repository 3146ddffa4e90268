"""The "new policy version" form: the version's data and a fixed number of tier rows.

It parses input only; every rule (date of effect, ranges, days per sanction, overlap) is in
casework/damocles/services/policy_table.py, whose errors (`tiers.<index>.<field>`) land on their row here.
Empty rows are ignored. Prefilled from the version in force, so a change starts from the table.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from casework.damocles.models import PolicyVersion, Sanction, Substance, Unit
from casework.damocles.services.policy_table import COLUMNS, MAX_LOOKBACK_YEARS
from casework.web.fields import choice, text
from casework.web.widgets import TEXTBOX, date_input

TIER_ROWS = 10
TIER_PARTS = ("substance", "unit", "min_amount", "max_amount", "label",
              "first_sanction", "first_days", "second_sanction", "second_days", "third_sanction", "third_days")
COLUMN_LABELS = {"first": _("1st offence"), "second": _("2nd offence"), "third": _("3rd offence")}
DAYS_LABELS = {"first": _("1st offence: closure days"), "second": _("2nd offence: closure days"),
               "third": _("3rd offence: closure days")}


def _number(label: Any, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, widget=forms.NumberInput(
        attrs={**TEXTBOX, "inputmode": "numeric"}), **kwargs)


def _amount(label: Any) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=False, min_value=0, max_digits=10, decimal_places=2,
                              widget=forms.NumberInput(attrs={**TEXTBOX, "step": "0.01"}))


def _tier_fields(n: int) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {
        f"tier{n}_substance": choice(_("Substance"), Substance.choices, required=False),
        f"tier{n}_unit": choice(_("Unit"), Unit.choices, required=False),
        f"tier{n}_min_amount": _amount(_("More than")),
        f"tier{n}_max_amount": _amount(_("Up to and including")),
        f"tier{n}_label": text(_("Description"), required=False),
    }
    for column in COLUMNS:
        fields[f"tier{n}_{column}_sanction"] = choice(COLUMN_LABELS[column], Sanction.choices, required=False)
        fields[f"tier{n}_{column}_days"] = _number(DAYS_LABELS[column], min_value=1)
    return fields


def initial_from(version: PolicyVersion | None) -> dict[str, Any]:
    """Initial values copied from `version` (the one in force): name, window, source and tiers."""
    if version is None:
        return {"lookback_years": 5}
    initial: dict[str, Any] = {"name": version.name, "lookback_years": version.lookback_years,
                               "source": version.source}
    for n, tier in enumerate(list(version.tiers.all())[:TIER_ROWS], start=1):
        for part in TIER_PARTS:
            initial[f"tier{n}_{part}"] = getattr(tier, part)
    return initial


class PolicyVersionForm(forms.Form):
    name = text(_("Name"))
    effective_from = forms.DateField(label=_("In force from"), widget=date_input(),
                                     help_text=_("Today or later. A version in force is never changed."))
    lookback_years = _number(_("Look-back window (years)"), min_value=1, max_value=MAX_LOOKBACK_YEARS)
    source = text(_("Source"), required=False, max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lookback_years"].required = True
        for n in range(1, TIER_ROWS + 1):
            self.fields.update(_tier_fields(n))
        self._rows: list[int] = []

    def version_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("name", "effective_from", "lookback_years", "source")]

    def tier_rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [(n, [self[f"tier{n}_{part}"] for part in TIER_PARTS]) for n in range(1, TIER_ROWS + 1)]

    def tiers(self) -> list[dict[str, Any]]:
        """The filled rows, as the service takes them (remembering which row each came from)."""
        data, self._rows, tiers = self.cleaned_data, [], []
        for n in range(1, TIER_ROWS + 1):
            row = {part: data.get(f"tier{n}_{part}") for part in TIER_PARTS}
            if all(value in (None, "") for value in row.values()):
                continue
            self._rows.append(n)
            tiers.append(row)
        return tiers

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"name": data["name"], "effective_from": data["effective_from"],
                "lookback_years": data["lookback_years"], "source": data.get("source") or "", "tiers": self.tiers()}

    def add_service_errors(self, error: ValidationError) -> None:
        """Put the service's errors on their field; `tiers.<index>.<part>` on the row it came from."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            if key.startswith("tiers."):
                _prefix, index, part = key.split(".", 2)
                self.add_error(f"tier{self._rows[int(index)]}_{part}", messages)
            elif key == "tiers":
                self.add_error("tier1_substance", messages)
            else:
                self.add_error(key if key in self.fields else None, messages)
