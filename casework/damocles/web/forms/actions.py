"""Forms for the Damocles action pages. They parse input only: the legal rules (view term, Wkpb
due date, objection deadlines, four eyes) are in the services (casework/damocles/services/decisions.py,
assessment.py, tracks.py), which check everything again.

`StepForm` is the Damocles variant of the generic transition form: the generic one only knows the
PGA step fields, while Damocles steps carry data the guards need (urgency reason, signatory,
compliance term, sealing date, ...).
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.bounds import LONG_TEXT
from casework.damocles import workflow as dw
from casework.damocles.models import DamoclesCase, Sanction
from casework.damocles.policy import Proposal
from casework.damocles.services.assessment import sanction_text
from casework.damocles.services.tracks import METHOD_CHOICES
from casework.remedies.models import AddresseeRole, Announcement, Appeal, InterimRelief, Objection
from casework.web.fields import choice, label_choices, text, textarea
from casework.web.objection_fields import objection_fields, posted_on_field
from casework.web.widgets import CHECKBOX, REASON_HELP, SELECT, TEXTBOX, Radios, VersionedForm, date_input


def _number(label: Any, *, required: bool = False, min_value: int = 0, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(label=label, required=required, min_value=min_value, help_text=help_text,
                              widget=forms.NumberInput(attrs={**TEXTBOX, "inputmode": "numeric"}))


def _date(label: Any, *, required: bool = False, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text, widget=date_input())


def _check(label: Any) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, widget=forms.CheckboxInput(attrs=CHECKBOX))


# --- status steps -------------------------------------------------------------------------------

def _signature_fields() -> dict[str, forms.Field]:
    """Who signs the letter of the step (intention, decision): one rule (casework/letters/clauses.py)."""
    return {"signatory": text(_("Signed by (mayor or official in mandate)")),
            "under_mandate": _check(_("Signed in mandate (on behalf of the mayor): the letter says “namens deze”"))}


def _step_fields(target: str) -> dict[str, forms.Field]:
    """The data fields of one Damocles step (see GUARDS in casework/damocles/services/decisions.py)."""
    if target == dw.VOORNEMEN_VERZONDEN:
        return {"intention_sent_on": _date(_("Intention sent on"), help_text=_("Empty: today.")),
                "view_term_weeks": _number(_("Term for a view (weeks)"), min_value=1,
                                           help_text=_("Empty: the term of the procedure (default 2 weeks).")),
                **_signature_fields()}
    if target == dw.SPOEDEISENDE_SLUITING:
        return {"urgency_reason": textarea(_("Reason for urgency"), rows=4,
                                           help_text=_("Why the view is skipped (Awb 4:11 sub a). Stored encrypted."))}
    if target == dw.BESLUIT:
        return {"decided_on": _date(_("Decided on"), help_text=_("Empty: today.")),
                "deciding_authority": text(_("Deciding authority"), max_length=100),
                **_signature_fields(),
                "compliance_term_days": _number(_("Compliance term (days)"), required=True,
                                                help_text=_("The begunstigingstermijn; 0 for none."))}
    if target == dw.SLUITING_UITGEVOERD:
        return {"sealed_on": _date(_("Sealed on"), required=True),
                "order_posted": _check(_("The closure order is posted on the building"))}
    if target == dw.OPHEFFING_WIJZIGING:
        return {"closure_ends_on": _date(_("Closure ends on (new date)"), help_text=_("Empty: unchanged."))}
    if target == dw.PAND_HEROPEND:
        return {"reopened_on": _date(_("Reopened on"), help_text=_("Empty: today."))}
    if target == dw.KOSTENVERHAAL:
        return {"costs_recovered": forms.DecimalField(label=_("Costs recovered (EUR)"), required=False, min_value=0,
                                                      max_digits=10, decimal_places=2,
                                                      widget=forms.NumberInput(attrs={**TEXTBOX, "step": "0.01"}))}
    return {}


class StepForm(VersionedForm):
    reason = forms.CharField(label=_("Reason"), max_length=LONG_TEXT, help_text=REASON_HELP,
                             widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}))

    def __init__(self, *args: Any, step, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        extra = _step_fields(step.target)
        for name in step.requires:
            extra.setdefault(name, textarea(name, rows=3))
            extra[name].required = True
        self.step_fields = list(extra)
        self.fields.update(extra)
        if "deciding_authority" in self.fields:
            self.fields["deciding_authority"].required = False
            self.fields["deciding_authority"].initial = "burgemeester"

    def step_data(self) -> dict[str, Any]:
        """The step's data as the transition service records it (JSON-ready: amounts as text)."""
        data = {}
        for name in self.step_fields:
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            data[name] = str(value) if name == "costs_recovered" else value
        return data


# --- assessment and approval --------------------------------------------------------------------

class AssessmentForm(forms.Form):
    chosen_sanction = forms.ChoiceField(
        label=_("Chosen sanction"), widget=Radios(),
        choices=[(Sanction.WARNING, Sanction.WARNING.label), (Sanction.CLOSURE, Sanction.CLOSURE.label)],
    )
    chosen_days = _number(_("Closure (days)"), min_value=1, help_text=_("Only for a closure."))
    geschikt = textarea(_("Suitable (geschikt)"), rows=3,
                        help_text=_("Is closure a suitable means to end the situation and restore order?"))
    noodzakelijk = textarea(_("Necessary (noodzakelijk)"), rows=3,
                            help_text=_("Is there no less far-reaching means that suffices?"))
    evenwichtig = textarea(_("Balanced (evenwichtig)"), rows=3,
                           help_text=_("Are the consequences for those involved proportionate to the aim?"))
    deviation_reasons = textarea(_("Reasons for deviating from the policy"), required=False, rows=4,
                                 help_text=_("Required when your choice differs from the policy's proposal."))

    def __init__(self, *args: Any, proposal: Proposal | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if proposal is not None and proposal.sanction != Sanction.NONE:
            self.fields["deviation_reasons"].help_text = _(
                "Only when your choice differs from the policy's proposal (%(proposal)s).") % {
                "proposal": sanction_text(proposal.sanction, proposal.days)}
        elif proposal is not None:
            self.fields["deviation_reasons"].help_text = _(
                "The policy gives no automatic proposal: state the reasons for your choice.")

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data.get(name) if name == "chosen_days" else (data.get(name) or "")
                for name in ("chosen_sanction", "chosen_days", "geschikt", "noodzakelijk", "evenwichtig",
                             "deviation_reasons")}


ASSESSMENT_FIELDS = ("chosen_sanction", "chosen_days", "geschikt", "noodzakelijk", "evenwichtig", "deviation_reasons")


def assessment_initial(details: DamoclesCase, proposal: Proposal | None) -> dict[str, Any]:
    """What the assessment form starts from: the recorded assessment, or else the policy's proposal
    (its sanction and closure days), so that only a change away from the proposal asks for reasons."""
    if details.chosen_sanction:
        return {name: getattr(details, name) for name in ASSESSMENT_FIELDS}
    if proposal is None or proposal.sanction == Sanction.NONE:
        return {}
    return {"chosen_sanction": proposal.sanction,
            "chosen_days": proposal.days if proposal.sanction == Sanction.CLOSURE else None}


class ApprovalRequestForm(forms.Form):
    confirm = forms.BooleanField(label=_("I ask a team lead to approve this decision"),
                                 widget=forms.CheckboxInput(attrs=CHECKBOX))


class ApprovalDecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Your decision"), widget=Radios(),
                                 choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    reason = textarea(_("Reason"), required=False, rows=3, help_text=_("Required when you reject."))


# --- announcements and legal remedies -----------------------------------------------------------

class AnnouncementForm(forms.Form):
    role = forms.ChoiceField(label=_("Addressee's role"), choices=AddresseeRole.choices,
                             widget=forms.Select(attrs=SELECT))
    addressee_name = text(_("Addressee (name)"))
    method = forms.ChoiceField(label=_("Method"), choices=METHOD_CHOICES,
                               widget=forms.Select(attrs=SELECT))
    announced_on = _date(_("Announced on"), required=True)


def _announcement_label(announcement: Announcement) -> str:
    """Role and date only: the choice list shows no names."""
    return f"{announcement.get_role_display()} ({announcement.announced_on:%d-%m-%Y})"


class ObjectionForm(forms.Form):
    announcement = forms.ModelChoiceField(label=_("Objection by (announcement)"), queryset=Announcement.objects.none(),
                                          widget=forms.Select(attrs=SELECT))
    received_on = _date(_("Received on"), required=True)
    posted_on = posted_on_field()
    advisory_committee = _check(_("An advisory committee advises (12 weeks to decide, Awb 7:10)"))

    def __init__(self, *args: Any, case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["announcement"]).queryset = case.announcements.order_by("announced_on")
        label_choices(self.fields["announcement"], _announcement_label)


class ObjectionUpdateForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=Objection.State.choices, widget=forms.Select(attrs=SELECT))
    outcome = choice(_("Outcome"), Objection.Outcome.choices, required=False)
    decided_on = _date(_("Decided on"))
    suspension_days = _number(_("Days suspended while an omission was repaired (Awb 7:10 lid 2)"),
                              help_text=_("Or enter the two dates below; they decide the days."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(objection_fields())


class InterimReliefForm(forms.Form):
    requested_on = _date(_("Requested on"), required=True)
    municipality_waits = _check(_("The municipality waits voluntarily for the judge"))


class InterimReliefUpdateForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=InterimRelief.State.choices, widget=forms.Select(attrs=SELECT))
    municipality_waits = _check(_("The municipality waits voluntarily for the judge"))
    ruled_on = _date(_("Ruled on"))


class AppealForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=Appeal.Level.choices, widget=forms.Select(attrs=SELECT))
    lodged_on = _date(_("Lodged on"), required=True)


class AppealUpdateForm(forms.Form):
    ruled_on = _date(_("Ruled on"))
    outcome = textarea(_("Outcome"), required=False, rows=3, help_text=_("Stored encrypted."))
    annulled = _check(_("After this ruling the decision stands annulled"))


class SealingForm(forms.Form):
    """After the closure was carried out: the order posted and the Wkpb registration (Wkpb art. 5)."""

    order_posted = _check(_("The closure order is posted on the building"))
    wkpb_registered_on = _date(_("Registered in the Wkpb register on"))
