"""Forms of the woonoverlast pages after the first decisions: the care offer through a linked PGA case
(with its sharing decision), and an imposed closure's extension (art. 174a lid 3: drafted for the
four-eyes approval, then decided) and cost recovery (Awb 5:25), each with its signatory. They parse
input only: the services (services/care.py, services/closures.py) check everything again. Each
`service_kwargs()` gives exactly the keyword arguments of its service.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from accounts.roles import PROCESREGISSEUR
from audit.models import ProcessingActivity
from casework import categories as case_categories
from casework.categories import METADATA
from casework.models import Approval, Case
from casework.web.fields import label_choices
from casework.web.widgets import CHECKBOX, SELECT, partners
from casework.woonoverlast.models import Closure, ClosureExtension, DecisionState
from casework.woonoverlast.services.care import PGA
from casework.woonoverlast.web.forms import amount_field, date_field, number, signatory_fields, textarea


class _Users(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name


class CareOfferForm(forms.Form):
    carried_out_on = date_field(_("Care offered on"))
    outcome = textarea(_("Care offered and how it was received"), rows=3,
                       help_text=_("Recorded on this file as the intervention."))
    reason = textarea(_("Care signal for the PGA case"), rows=3,
                      help_text=_("The only text of this file that goes into the PGA case. Never name a reporter."))
    owner = _Users(label=_("Process director of the PGA case"), queryset=User.objects.none(),
                   widget=forms.Select(attrs=SELECT))
    partner = forms.ModelChoiceField(label=_("Care partner"), queryset=Organisation.objects.none(),
                                     widget=forms.Select(attrs=SELECT))
    categories = forms.MultipleChoiceField(label=_("Categories of data of the PGA case shared"),
                                           widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
                                           help_text=_("Case metadata (reference, type, status, dates) is always "
                                                       "shared."))
    processing_activity = forms.ChoiceField(label=_("Processing activity"), widget=forms.Select(attrs=SELECT))
    purpose = textarea(_("Purpose of sharing"), rows=2)
    weighing = textarea(_("Weighing of proportionality and subsidiarity"), rows=4)
    ends_on = date_field(_("Sharing valid until"))

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = User.objects.filter(
            organisation_id=case.controller_id, is_active=True, groups__name=PROCESREGISSEUR,
        ).distinct().order_by("last_name", "first_name", "username")
        cast(forms.ModelChoiceField, self.fields["partner"]).queryset = partners().exclude(pk=case.controller_id)
        cast(forms.ChoiceField, self.fields["categories"]).choices = [
            (code, case_categories.label_of(code)) for code in case_categories.for_case_type(PGA)
            if code != METADATA and not case_categories.is_shielded(code)]
        cast(forms.ChoiceField, self.fields["processing_activity"]).choices = [
            ("", "---------"), *ProcessingActivity.objects.filter(is_active=True).order_by("name")
            .values_list("code", "name")]

    def service_kwargs(self) -> dict[str, Any]:
        return {**self.cleaned_data, "categories": [METADATA, *self.cleaned_data["categories"]]}


def _closures(case: Case) -> Any:
    return Closure.objects.filter(case=case, state__in=[DecisionState.IMPOSED, DecisionState.ENDED]) \
        .order_by("-decided_on")


class _ClosureChoice(forms.Form):
    closure = forms.ModelChoiceField(label=_("Closure"), queryset=Closure.objects.none(),
                                     widget=forms.Select(attrs=SELECT),
                                     error_messages={"required": _("Choose the closure."),
                                                     "invalid_choice": _("Choose the closure.")})

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = label_choices(self.fields["closure"], lambda row: _("Closure of %(start)s until %(end)s") % {
            "start": f"{row.starts_on:%d-%m-%Y}", "end": f"{row.ends_on:%d-%m-%Y}"})
        field.queryset = _closures(case)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ClosureExtensionForm(_ClosureChoice):
    """Draft an extension (art. 174a lid 3): a team lead approves it before it is decided."""

    weeks = number(_("Extension (weeks)"))
    ground = textarea(_("Ground for the extension (art. 174a lid 3)"), rows=3)

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        cast(forms.ModelChoiceField, self.fields["closure"]).queryset = _closures(case).filter(
            state=DecisionState.IMPOSED)


class ClosureExtendForm(forms.Form):
    """Decide an approved extension: its decision date and who signs it."""

    extension = forms.ModelChoiceField(label=_("Approved extension"), queryset=ClosureExtension.objects.none(),
                                       widget=forms.Select(attrs=SELECT),
                                       error_messages={"required": _("Choose the approved extension."),
                                                       "invalid_choice": _("Choose the approved extension.")})
    decided_on = date_field(_("Extension decided on"), required=False,
                            help_text=_("Empty: today. On or before the closure's last day."))

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(signatory_fields())
        field = label_choices(self.fields["extension"], lambda row: _("%(weeks)s weeks, closure until %(end)s") % {
            "weeks": row.weeks, "end": f"{row.closure.ends_on:%d-%m-%Y}"})
        field.queryset = ClosureExtension.objects.filter(
            case=case, state=DecisionState.DRAFT, approval__decision=Approval.Decision.APPROVED,
        ).select_related("closure").order_by("created_at")

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ClosureCostsForm(_ClosureChoice):
    amount = amount_field(_("Costs recovered (EUR)"), required=True)
    specification = textarea(_("Specification of the costs"), rows=4,
                             help_text=_("What was done, by whom, at what cost (Awb 5:25)."))
    decided_on = date_field(_("Cost recovery decided on"), required=False, help_text=_("Empty: today."))

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        self.fields.update(signatory_fields())
