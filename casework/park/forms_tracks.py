"""Forms and the action table of the park child rows beside the status: announcements per addressee,
objections, appeals (casework/park/services_tracks.py) and forfeitures with their limitation events,
collection and payments (the collection services). Forms parse input; the services check again.

`ACTIONS` and `ROUTES` are merged into casework/park/views_actions.py (URL name `park_<kind>`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from casework.damocles.forms import Radios, text, textarea
from casework.models import Case, Person
from casework.park import services
from casework.park.forms import PersonChoice, amount_field, check, date_field, positive_int, preloaded
from casework.park.models import (
    CollectionIntention,
    CollectionRequest,
    Forfeiture,
    Inspection,
    LimitationEvent,
    OrderAnnouncement,
    OrderAppeal,
    OrderObjection,
    PenaltyOrder,
)
from casework.park.models_tracks import AnnouncementMethod
from casework.web.widgets import CHECKBOX, SELECT, _Checkboxes

IN_FORCE = (PenaltyOrder.State.IMPOSED, PenaltyOrder.State.COMPLIED)


def _order_label(order: PenaltyOrder) -> str:
    if order.decided_on is None:
        return str(_("Draft order"))
    return str(_("Order of %(date)s") % {"date": order.decided_on.strftime("%d-%m-%Y")})


def _forfeiture_label(forfeiture: Forfeiture) -> str:
    return str(_("Forfeited on %(date)s: EUR %(amount)s") % {
        "date": forfeiture.forfeited_on.strftime("%d-%m-%Y"), "amount": forfeiture.amount})


def order_field(case: Case, *, states=IN_FORCE) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(label=_("Order"), widget=forms.Select(attrs=SELECT),
                                   queryset=PenaltyOrder.objects.filter(case=case, state__in=states)
                                   .order_by("decided_on"),
                                   error_messages={"required": _("Choose the order."),
                                                   "invalid_choice": _("Choose the order.")})
    field.label_from_instance = _order_label
    return field


def forfeiture_field(case: Case, *, required: bool = True, multiple: bool = False) -> forms.Field:
    queryset = Forfeiture.objects.filter(case=case).order_by("forfeited_on", "pk")
    messages = {"required": _("Choose the forfeiture."), "invalid_choice": _("Choose the forfeiture.")}
    if multiple:
        field: forms.Field = forms.ModelMultipleChoiceField(
            label=_("Forfeitures"), queryset=queryset.filter(state=Forfeiture.State.OPEN), widget=_Checkboxes(),
            required=required, error_messages={**messages, "required": _("Tick at least one forfeiture.")})
    else:
        field = forms.ModelChoiceField(label=_("Forfeiture"), queryset=queryset, required=required,
                                       widget=forms.Select(attrs=SELECT), error_messages=messages)
    field.label_from_instance = _forfeiture_label  # type: ignore[attr-defined]
    return field


class CaseForm(forms.Form):
    """A form of one file: `case` scopes the choices; `service_kwargs` is the cleaned data."""

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        self.case, self.row = case, row
        super().__init__(*args, **kwargs)
        self.setup()

    def setup(self) -> None:
        pass

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


# --- remedies -------------------------------------------------------------------------------------

class AnnouncementForm(CaseForm):
    announced_on = date_field(_("Announced on"))
    method = forms.ChoiceField(label=_("Method"), choices=AnnouncementMethod.choices, widget=Radios(),
                               error_messages={"required": _("Choose how the order was announced.")})

    def setup(self) -> None:
        self.fields["order"] = order_field(self.case)
        addressees = preloaded(list(Person.objects.filter(
            pk__in=PenaltyOrder.addressees.through.objects.filter(penaltyorder__case=self.case)
            .values("person_id"))))
        self.fields["addressee"] = PersonChoice(
            label=_("Addressee"), queryset=Person.objects.filter(pk__in=[p.pk for p in addressees]),
            widget=forms.Select(attrs=SELECT), error_messages={"required": _("Choose the addressee."),
                                                               "invalid_choice": _("Choose the addressee.")})
        self.order_fields(["order", "addressee", "method", "announced_on"])


class ObjectionForm(CaseForm):
    received_on = date_field(_("Received on"))
    advisory_committee = check(_("An advisory committee hears the objection (12 weeks to decide)"))

    def setup(self) -> None:
        announcements = list(OrderAnnouncement.objects.filter(case=self.case).select_related("addressee")
                             .order_by("announced_on"))
        preloaded([a.addressee for a in announcements])
        labels = {a.pk: f"{a.addressee.first_names} {a.addressee.surname} ({a.announced_on:%d-%m-%Y})"
                  for a in announcements}
        field = forms.ModelChoiceField(
            label=_("Announcement objected to"), widget=forms.Select(attrs=SELECT),
            queryset=OrderAnnouncement.objects.filter(case=self.case),
            error_messages={"required": _("Choose the announcement."),
                            "invalid_choice": _("Choose the announcement.")})
        field.label_from_instance = lambda a: labels.get(a.pk, str(a.announced_on))
        self.fields["announcement"] = field
        self.order_fields(["announcement", "received_on", "advisory_committee"])


class ObjectionUpdateForm(CaseForm):
    state = forms.ChoiceField(label=_("State"), choices=OrderObjection.State.choices, widget=Radios(),
                              error_messages={"required": _("Choose the state.")})
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, widget=forms.Select(attrs=SELECT),
                                choices=[("", _("Not decided yet")), *OrderObjection.Outcome.choices])
    decided_on = date_field(_("Decided or withdrawn on"), required=False)
    extension_weeks = forms.IntegerField(label=_("Extension (weeks)"), required=False, min_value=0,
                                         widget=forms.NumberInput(attrs={"class": "utrecht-textbox "
                                                                                  "utrecht-textbox--html-input"}),
                                         error_messages={"min_value": _("Enter 0 or more weeks."),
                                                         "invalid": _("Enter 0 or more weeks.")})
    extension_ground = textarea(_("Ground for extension"), rows=2, required=False)

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["extension_weeks"] = data["extension_weeks"] or 0
        return data


class AppealForm(CaseForm):
    level = forms.ChoiceField(label=_("Level"), choices=OrderAppeal.Level.choices, widget=Radios(),
                              error_messages={"required": _("Choose appeal or higher appeal.")})
    lodged_on = date_field(_("Lodged on"))

    def setup(self) -> None:
        self.fields["order"] = order_field(self.case)
        self.order_fields(["order", "level", "lodged_on"])


class AppealUpdateForm(CaseForm):
    ruled_on = date_field(_("Ruled on"), required=False)
    outcome = textarea(_("Outcome"), rows=3, required=False)


# --- forfeitures, limitation and collection -------------------------------------------------------

class ForfeitureForm(CaseForm):
    forfeited_on = date_field(_("Forfeited on"))
    amount = amount_field(_("Amount forfeited (EUR)"))

    def setup(self) -> None:
        self.fields["order"] = order_field(self.case, states=(PenaltyOrder.State.IMPOSED,))
        field = forms.ModelChoiceField(
            label=_("Re-inspection that found the order not complied with"), widget=forms.Select(attrs=SELECT),
            queryset=Inspection.objects.filter(case=self.case, order__isnull=False, compliant=False)
            .order_by("inspected_on"),
            error_messages={"required": _("Choose the re-inspection the forfeiture rests on."),
                            "invalid_choice": _("Choose the re-inspection the forfeiture rests on.")})
        field.label_from_instance = lambda i: str(_("Re-inspection of %(date)s") % {
            "date": i.inspected_on.strftime("%d-%m-%Y")})
        self.fields["basis"] = field
        self.order_fields(["order", "basis", "forfeited_on", "amount"])


class ExpireForm(CaseForm):
    confirm = forms.BooleanField(label=_("The limitation date has passed: the claim is time-barred"),
                                 widget=forms.CheckboxInput(attrs=CHECKBOX),
                                 error_messages={"required": _("Tick to confirm.")})

    def service_kwargs(self) -> dict[str, Any]:
        return {}


class LimitationEventForm(CaseForm):
    kind = forms.ChoiceField(label=_("What extends the term"), choices=LimitationEvent.Kind.choices,
                             widget=Radios(), error_messages={"required": _("Choose what happened.")})
    started_on = date_field(_("From"))
    ended_on = date_field(_("Until"), required=False, help_text=_("Empty: still pending."))
    note = textarea(_("Note"), rows=2, required=False)

    def setup(self) -> None:
        self.fields["order"] = order_field(self.case)
        self.fields["forfeiture"] = forfeiture_field(self.case, required=False)
        self.fields["forfeiture"].help_text = _("Empty: every forfeiture of the order.")
        self.order_fields(["order", "forfeiture", "kind", "started_on", "ended_on", "note"])


class CollectionIntentionForm(CaseForm):
    sent_on = date_field(_("Intention sent on"))
    view_term_weeks = positive_int(_("Term for a view (weeks)"), required=False,
                                   message=_("Enter at least 1 week."), help_text=_("Empty: 2 weeks."))

    def setup(self) -> None:
        self.fields["order"] = order_field(self.case)
        self.fields["forfeitures"] = forfeiture_field(self.case, multiple=True)
        self.order_fields(["order", "forfeitures", "sent_on", "view_term_weeks"])

    def service_kwargs(self) -> dict[str, Any]:
        data = {**self.cleaned_data, "forfeitures": list(self.cleaned_data["forfeitures"])}
        if not data["view_term_weeks"]:
            data.pop("view_term_weeks")
        return data


class CollectionRequestForm(CaseForm):
    requester_name = text(_("Requested by"), help_text=_("Name of the person or company asking. Stored encrypted."))
    requested_on = date_field(_("Requested on"))

    def setup(self) -> None:
        self.fields["order"] = order_field(self.case)
        self.order_fields(["order", "requester_name", "requested_on"])


class CollectionDecisionForm(CaseForm):
    decided_on = date_field(_("Decided on"))
    announced_on = date_field(_("Announced on"), help_text=_("Its announcement interrupts the limitation "
                                                              "(Awb 5:37a)."))
    notes = textarea(_("Notes"), rows=2, required=False)

    def setup(self) -> None:
        self.fields["order"] = order_field(self.case)
        self.fields["forfeitures"] = forfeiture_field(self.case, multiple=True)
        field = forms.ModelChoiceField(
            label=_("In answer to the request"), required=False, widget=forms.Select(attrs=SELECT),
            queryset=CollectionRequest.objects.filter(case=self.case, state=CollectionRequest.State.PENDING),
            empty_label=_("None: on the municipality's own initiative"))
        field.label_from_instance = lambda r: str(_("Request of %(date)s") % {
            "date": r.requested_on.strftime("%d-%m-%Y")})
        self.fields["request"] = field
        self.order_fields(["order", "forfeitures", "request", "decided_on", "announced_on", "notes"])

    def service_kwargs(self) -> dict[str, Any]:
        return {**self.cleaned_data, "forfeitures": list(self.cleaned_data["forfeitures"])}


class PaymentForm(CaseForm):
    paid_on = date_field(_("Paid on"))
    amount = amount_field(_("Amount paid (EUR)"))

    def setup(self) -> None:
        self.fields["forfeiture"] = forfeiture_field(self.case)
        self.order_fields(["forfeiture", "paid_on", "amount"])


class WaiveForm(CaseForm):
    waived_on = date_field(_("Waived on"), required=False, help_text=_("Empty: today."))


class IntentionViewForm(CaseForm):
    received_on = date_field(_("View received on"))
    summary = textarea(_("The view (summary)"), rows=3, required=False, help_text=_("Stored encrypted."))


class RequestDecideForm(CaseForm):
    state = forms.ChoiceField(label=_("Outcome"), widget=Radios(),
                              choices=[(CollectionRequest.State.REJECTED, CollectionRequest.State.REJECTED.label),
                                       (CollectionRequest.State.WITHDRAWN, CollectionRequest.State.WITHDRAWN.label)],
                              error_messages={"required": _("Choose the outcome.")},
                              help_text=_("Granting a request is recording the collection decision."))
    decided_on = date_field(_("Decided or withdrawn on"))


class EventEndForm(CaseForm):
    ended_on = date_field(_("Ended on"))


# --- the action table -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Action:
    form: Callable[..., Any]
    service: Callable[..., Any]
    title: Any
    success: Any
    intro: Any = ""
    row: Callable[[Case, Any], Any] | None = None  # loads the row an update acts on (404 when not of this case)
    row_arg: str = ""  # the service's keyword for that row
    shows_content: bool = False  # the form is prefilled with case content: record a view event


def _row(model):
    def load(case: Case, row_id: Any) -> Any:
        row = model.objects.filter(pk=row_id, case=case).first()
        if row is None:
            raise Http404
        return row
    return load


def _form(form_class):
    return lambda request, case, row, data, files: form_class(data, case=case, row=row)


def _call(service: Callable[..., Any]) -> Callable[..., Any]:
    """Call a park service with the actor and the form's keyword arguments."""
    return lambda request, case, data: service(actor=request.user, **data)


def actions() -> dict[str, Action]:
    return {
        "announcement_create": Action(
            form=_form(AnnouncementForm), service=_call(services.announcement_register),
            title=_("Record an announcement of the order"), success=_("The announcement was recorded."),
            intro=_("One announcement per addressee: each gets their own objection deadline, six weeks from the day "
                    "after the announcement (Awb 6:7/6:8), extended by the Algemene termijnenwet.")),
        "objection_create": Action(
            form=_form(ObjectionForm), service=_call(services.objection_register),
            title=_("Register an objection against the order"), success=_("The objection was registered."),
            intro=_("An open objection extends the limitation term of forfeited penalties (Awb 5:35 lid 2).")),
        "objection_update": Action(
            form=lambda request, case, row, data, files: ObjectionUpdateForm(
                data, case=case, row=row, initial={name: getattr(row, name) for name in (
                    "state", "outcome", "decided_on", "extension_weeks", "extension_ground")}),
            service=_call(services.objection_update), row=_row(OrderObjection), row_arg="objection",
            shows_content=True, title=_("Update an objection"), success=_("The objection was updated.")),
        "appeal_create": Action(
            form=_form(AppealForm), service=_call(services.appeal_register),
            title=_("Register an appeal about the order"), success=_("The appeal was registered.")),
        "appeal_update": Action(
            form=lambda request, case, row, data, files: AppealUpdateForm(
                data, case=case, row=row, initial={"ruled_on": row.ruled_on, "outcome": row.outcome}),
            service=_call(services.appeal_update), row=_row(OrderAppeal), row_arg="appeal", shows_content=True,
            title=_("Update an appeal"), success=_("The appeal was updated.")),
        "forfeiture_create": Action(
            form=_form(ForfeitureForm), service=_call(services.forfeiture_record),
            title=_("Record a forfeiture"), success=_("The forfeiture was recorded with its limitation date."),
            intro=_("Each forfeited amount is its own row: payment is due six weeks later (Awb 5:33); the claim is "
                    "time-barred one year after the forfeiture unless the term is extended or interrupted "
                    "(Awb 5:35, 5:37a).")),
        "forfeiture_expire": Action(
            form=_form(ExpireForm), service=_call(services.forfeiture_mark_expired), row=_row(Forfeiture),
            row_arg="forfeiture", title=_("Mark a forfeiture as time-barred"),
            success=_("The forfeiture was marked as time-barred."),
            intro=_("Only possible after its limitation date.")),
        "limitation_event_create": Action(
            form=_form(LimitationEventForm), service=_call(services.limitation_event_record),
            title=_("Record what extends the limitation term"),
            success=_("The event was recorded; the limitation dates were recomputed."),
            intro=_("Pending requests, remedies against a refusal or the collection decision, and a judge's "
                    "suspension extend the term (Awb 5:37a lid 3 and 4).")),
        "collection_intention_create": Action(
            form=_form(CollectionIntentionForm), service=_call(services.collection_intention_record),
            title=_("Record an intention to collect"), success=_("The intention to collect was recorded.")),
        "collection_request_create": Action(
            form=_form(CollectionRequestForm), service=_call(services.collection_request_record),
            title=_("Register a request for a collection decision"), success=_("The request was registered."),
            intro=_("Decide within four weeks (Awb 5:37 lid 2).")),
        "collection_decision_create": Action(
            form=_form(CollectionDecisionForm), service=_call(services.collection_decision_record),
            title=_("Record a collection decision"),
            success=_("The collection decision was recorded; the limitation dates were recomputed.")),
        "forfeiture_waive": Action(
            form=_form(WaiveForm), service=_call(services.forfeiture_waive), row=_row(Forfeiture),
            row_arg="forfeiture", title=_("Waive a forfeiture"), success=_("The forfeiture was waived."),
            intro=_("The municipality decides not to collect this amount; the claim is closed.")),
        "collection_intention_view": Action(
            form=_form(IntentionViewForm), service=_call(services.collection_intention_view),
            row=_row(CollectionIntention), row_arg="intention", title=_("Record the view on the intention to collect"),
            success=_("The view was recorded.")),
        "collection_request_decide": Action(
            form=_form(RequestDecideForm), service=_call(services.collection_request_decide),
            row=_row(CollectionRequest), row_arg="request", title=_("Refuse a request or record its withdrawal"),
            success=_("The request was updated; the limitation dates were recomputed.")),
        "limitation_event_end": Action(
            form=_form(EventEndForm), service=_call(services.limitation_event_end), row=_row(LimitationEvent),
            row_arg="event", title=_("End a period that extends the limitation term"),
            success=_("The period was ended; the limitation dates were recomputed.")),
        "payment_create": Action(
            form=_form(PaymentForm), service=_call(services.payment_record),
            title=_("Record a payment"), success=_("The payment was recorded.")),
    }


ROUTES = {
    "announcement_create": "announcements/new/",
    "objection_create": "objections/new/",
    "objection_update": "objections/<uuid:row_id>/",
    "appeal_create": "appeals/new/",
    "appeal_update": "appeals/<uuid:row_id>/",
    "forfeiture_create": "forfeitures/new/",
    "forfeiture_expire": "forfeitures/<uuid:row_id>/expire/",
    "limitation_event_create": "limitation-events/new/",
    "collection_intention_create": "collection/intentions/new/",
    "collection_request_create": "collection/requests/new/",
    "collection_decision_create": "collection/decisions/new/",
    "payment_create": "payments/new/",
    "forfeiture_waive": "forfeitures/<uuid:row_id>/waive/",
    "collection_intention_view": "collection/intentions/<uuid:row_id>/view/",
    "collection_request_decide": "collection/requests/<uuid:row_id>/decide/",
    "limitation_event_end": "limitation-events/<uuid:row_id>/end/",
}
