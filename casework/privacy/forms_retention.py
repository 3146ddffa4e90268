"""Forms of the retention pages: a new retention period version, and the decision on a batch.

They parse input only; the rules (date of effect today or later, four eyes) are in
casework/privacy/retention.py and destruction.py.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casework import registry
from casework.privacy.models import ArchiveAction, LegalHold, RetentionBasis
from casework.privacy.retention import counted_from_choices
from casework.web.widgets import SELECT, TEXTAREA, TEXTBOX


class PolicyForm(forms.Form):
    case_type = forms.ChoiceField(label=_("Case type"), choices=registry.choices, widget=forms.Select(attrs=SELECT))
    years = forms.IntegerField(label=_("Retention period (years)"), min_value=1, max_value=100,
                               widget=forms.NumberInput(attrs=TEXTBOX))
    counted_from = forms.ChoiceField(label=_("Counted from"), choices=counted_from_choices,
                                     widget=forms.Select(attrs=SELECT))
    basis = forms.ChoiceField(label=_("Basis in the selection list"), choices=RetentionBasis.choices,
                              widget=forms.Select(attrs=SELECT))
    selectielijst_category = forms.CharField(
        label=_("Category number in the selection list"), max_length=32, widget=forms.TextInput(attrs=TEXTBOX),
        help_text=_("As the records manager gives it, e.g. 1.1.4."))
    selectielijst_version = forms.CharField(
        label=_("Version of the selection list"), max_length=200, required=False,
        widget=forms.TextInput(attrs=TEXTBOX))
    archive_action = forms.ChoiceField(label=_("At the end of the period"), choices=ArchiveAction.choices,
                                       widget=forms.Select(attrs=SELECT))
    explanation = forms.CharField(label=_("Explanation (municipal choice)"), max_length=2000,
                                  widget=forms.Textarea(attrs=TEXTAREA),
                                  help_text=_("Why this period: the municipality's choice. No personal data."))
    effective_from = forms.DateField(label=_("In force from"), widget=forms.DateInput(
        attrs={**TEXTBOX, "type": "date"}, format="%Y-%m-%d"))


class BatchDecisionForm(forms.Form):
    """Sent by one of two submit buttons (name "decision"), so the page has no radio group to get wrong."""

    decision = forms.ChoiceField(label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))])


class LegalHoldForm(forms.Form):
    reference = forms.CharField(label=_("Case reference"), max_length=32,
                                widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}))
    ground = forms.ChoiceField(label=_("Ground"), choices=LegalHold.Ground.choices, widget=forms.Select(attrs=SELECT))
