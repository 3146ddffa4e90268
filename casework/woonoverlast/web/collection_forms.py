"""Forms of the woonoverlast collection pages (the forfeited penalties of a dwangsom): the intention
to collect, a request for a collection decision (Awb 5:37 lid 2), the collection decision and a
payment. They parse input only: the core's penalty services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import Case
from casework.penalties.models import CollectionRequest, Forfeiture
from casework.web.fields import label_choices
from casework.web.widgets import SELECT, TEXTBOX, _Checkboxes
from casework.woonoverlast.models import BehaviouralOrder, DecisionState, Enforcement
from casework.woonoverlast.web.forms import amount_field, date_field, number, textarea


def _order_field(case: Case) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=_("Gedragsaanwijzing (dwangsom)"), widget=forms.Select(attrs=SELECT),
        queryset=BehaviouralOrder.objects.filter(case=case, enforcement=Enforcement.DWANGSOM,
                                                 state__in=[DecisionState.IMPOSED, DecisionState.ENDED])
        .order_by("decided_on"),
        error_messages={"required": _("Choose the gedragsaanwijzing."),
                        "invalid_choice": _("Choose the gedragsaanwijzing.")})
    return label_choices(field, lambda row: str(_("Gedragsaanwijzing of %(date)s") % {
        "date": f"{row.decided_on:%d-%m-%Y}"}))


def _forfeitures(case: Case, *, multiple: bool) -> forms.Field:
    queryset = Forfeiture.objects.filter(case=case, state=Forfeiture.State.OPEN).order_by("forfeited_on", "pk")
    messages = {"required": _("Choose the forfeiture."), "invalid_choice": _("Choose the forfeiture.")}
    field: forms.Field
    if multiple:
        field = forms.ModelMultipleChoiceField(
            label=_("Forfeitures"), queryset=queryset, widget=_Checkboxes(),
            error_messages={**messages, "required": _("Tick at least one forfeiture.")})
    else:
        field = forms.ModelChoiceField(label=_("Forfeiture"), queryset=queryset, widget=forms.Select(attrs=SELECT),
                                       error_messages=messages)
    return label_choices(field, lambda row: str(_("Forfeited on %(date)s: EUR %(amount)s") % {
        "date": f"{row.forfeited_on:%d-%m-%Y}", "amount": row.amount}))


class _CaseForm(forms.Form):
    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.setup()

    def setup(self) -> None:
        self.fields = {"order": _order_field(self.case), **self.fields}

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if "forfeitures" in data:
            data["forfeitures"] = list(data["forfeitures"])
        return data


class CollectionIntentionForm(_CaseForm):
    sent_on = date_field(_("Intention sent on"))
    view_term_weeks = number(_("Term for a view (weeks)"), required=False, help_text=_("Empty: 2 weeks."))

    def setup(self) -> None:
        super().setup()
        self.fields["forfeitures"] = _forfeitures(self.case, multiple=True)
        self.order_fields(["order", "forfeitures", "sent_on", "view_term_weeks"])

    def service_kwargs(self) -> dict[str, Any]:
        data = super().service_kwargs()
        if data.get("view_term_weeks") in (None, ""):
            data.pop("view_term_weeks", None)
        return data


class CollectionRequestForm(_CaseForm):
    requester_name = forms.CharField(label=_("Requested by"), max_length=200, widget=forms.TextInput(attrs=TEXTBOX),
                                     help_text=_("Name of the person or company asking. Stored encrypted."))
    requested_on = date_field(_("Requested on"))


class CollectionDecisionForm(_CaseForm):
    decided_on = date_field(_("Decided on"))
    announced_on = date_field(_("Announced on"), help_text=_("Its announcement interrupts the limitation "
                                                              "(Awb 5:37a)."))
    notes = textarea(_("Notes"), rows=2, required=False)

    def setup(self) -> None:
        super().setup()
        self.fields["forfeitures"] = _forfeitures(self.case, multiple=True)
        field = forms.ModelChoiceField(
            label=_("In answer to the request"), required=False, widget=forms.Select(attrs=SELECT),
            queryset=CollectionRequest.objects.filter(case=self.case, state=CollectionRequest.State.PENDING),
            empty_label=_("None: on the municipality's own initiative"))
        self.fields["request"] = label_choices(field, lambda r: str(_("Request of %(date)s") % {
            "date": r.requested_on.strftime("%d-%m-%Y")}))
        self.order_fields(["order", "forfeitures", "request", "decided_on", "announced_on", "notes"])


class PaymentForm(_CaseForm):
    paid_on = date_field(_("Paid on"))
    amount = amount_field(_("Amount paid (EUR)"), required=True)

    def setup(self) -> None:
        self.fields = {"forfeiture": _forfeitures(self.case, multiple=False), **self.fields}
