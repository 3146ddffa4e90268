"""Forms of the annual figures: which years, a goal, an external figure. They parse input only; the
rules are in casework/figures/services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.figures.models import FIRST_YEAR, LAST_YEAR, Comparison, ExternalKind
from casework.figures.stored import YEARS_SHOWN
from casework.web.widgets import SELECT, TEXTBOX

YEAR_INPUT = {**TEXTBOX, "inputmode": "numeric", "autocomplete": "off"}


def year_field(label: Any = None, *, first: int = FIRST_YEAR) -> forms.IntegerField:
    return forms.IntegerField(label=label or _("Year"), min_value=first, max_value=LAST_YEAR,
                              widget=forms.NumberInput(attrs=YEAR_INPUT))


class YearsForm(forms.Form):
    """GET: the last of the four years shown (default: this year). The first of them must be a year the figures
    know (`FIRST_YEAR`): a last year before `FIRST_YEAR + 3` is refused as any bad year is."""

    tot = year_field(_("Up to and including"), first=FIRST_YEAR + YEARS_SHOWN - 1)


class GoalForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"), widget=forms.Select(attrs=SELECT))
    year = year_field()
    comparison = forms.ChoiceField(label=_("The figure should be"), choices=Comparison.choices,
                                   widget=forms.Select(attrs=SELECT))
    value = forms.DecimalField(label=_("Goal"), min_value=0, max_digits=12, decimal_places=2,
                               widget=forms.NumberInput(attrs={**TEXTBOX, "step": "any"}))

    def __init__(self, *args: Any, indicators: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = indicators  # type: ignore[attr-defined]  # a ChoiceField


class ExternalFigureForm(forms.Form):
    kind = forms.ChoiceField(label=_("Figure"), choices=ExternalKind.choices, widget=forms.Select(attrs=SELECT))
    year = year_field()
    value = forms.IntegerField(label=_("Count"), min_value=0, widget=forms.NumberInput(attrs=YEAR_INPUT))
    source = forms.CharField(label=_("Source"), max_length=200, widget=forms.TextInput(attrs=TEXTBOX),
                             help_text=_("Who published the figure, and where: e.g. “Politie Oost-Nederland, "
                                         "basisteam jaarcijfers 2025”."))
