"""Forms of the park child rows beside the status: announcements per addressee, objections, appeals
(casework/park/services/tracks.py, on the core's legal remedies) and forfeitures with their limitation
events, collection and payments (the collection services). Forms parse input; the services check
again. Their pages are the action table in casework/park/web/views/tracks.py.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import Case, Person
from casework.park.models import (
    CollectionRequest,
    Forfeiture,
    Inspection,
    LimitationEvent,
    PenaltyOrder,
)
from casework.park.services.tracks import METHOD_CHOICES
from casework.park.web.forms.fields import (
    OWNER_ENTITY,
    amount_field,
    check,
    date_field,
    person_name,
    positive_int,
    preloaded,
)
from casework.remedies.models import Announcement, Appeal, Objection
from casework.web.fields import label_choices, text, textarea
from casework.web.objection_fields import objection_changes, objection_fields, posted_on_field
from casework.web.widgets import CHECKBOX, SELECT, Radios, _Checkboxes

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
    label_choices(field, _order_label)
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
    label_choices(field, _forfeiture_label)
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
    method = forms.ChoiceField(label=_("Method"), choices=METHOD_CHOICES, widget=Radios(),
                               error_messages={"required": _("Choose how the order was announced.")})

    def setup(self) -> None:
        self.fields["order"] = order_field(self.case)
        addressees = preloaded(list(Person.objects.filter(
            pk__in=PenaltyOrder.addressees.through.objects.filter(penaltyorder__case=self.case)
            .values("person_id"))))
        self.persons = {str(person.pk): person for person in addressees}
        choices = [(pk, person_name(person)) for pk, person in self.persons.items()]
        entity = PenaltyOrder.objects.filter(case=self.case, state__in=IN_FORCE, addressee_entity__isnull=False) \
            .order_by("decided_on").first()
        if entity is not None:  # the owner company the order names (a company is no Person)
            choices.insert(0, (OWNER_ENTITY, str(_("%(name)s (owner, legal entity)") % {
                "name": entity.addressee_entity})))
        self.fields["addressee"] = forms.ChoiceField(
            label=_("Addressee"), choices=[("", "---------"), *choices], widget=forms.Select(attrs=SELECT),
            error_messages={"required": _("Choose the addressee."), "invalid_choice": _("Choose the addressee.")})
        self.order_fields(["order", "addressee", "method", "announced_on"])

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        chosen = data.pop("addressee")
        return {**data, "addressee": self.persons.get(chosen), "owner_entity": chosen == OWNER_ENTITY}


class ObjectionForm(CaseForm):
    received_on = date_field(_("Received on"))
    posted_on = posted_on_field()
    advisory_committee = check(_("An advisory committee hears the objection (12 weeks to decide)"))

    def setup(self) -> None:
        announcements = list(Announcement.objects.filter(case=self.case)
                             .select_related("addressee_person").order_by("announced_on"))
        preloaded([a.addressee_person for a in announcements if a.addressee_person])
        labels = {a.pk: f"{person_name(a.addressee_person) if a.addressee_person else a.addressee_name} "
                        f"({a.announced_on:%d-%m-%Y})" for a in announcements}
        field = forms.ModelChoiceField(
            label=_("Announcement objected to"), widget=forms.Select(attrs=SELECT),
            queryset=Announcement.objects.filter(case=self.case),
            error_messages={"required": _("Choose the announcement."),
                            "invalid_choice": _("Choose the announcement.")})
        label_choices(field, lambda a: labels.get(a.pk, str(a.announced_on)))
        self.fields["announcement"] = field
        self.order_fields(["announcement", "received_on", "posted_on", "advisory_committee"])


class ObjectionUpdateForm(CaseForm):
    state = forms.ChoiceField(label=_("State"), choices=Objection.State.choices, widget=Radios(),
                              error_messages={"required": _("Choose the state.")})
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, widget=forms.Select(attrs=SELECT),
                                choices=[("", _("Not decided yet")), *Objection.Outcome.choices])
    decided_on = date_field(_("Decided or withdrawn on"), required=False)

    def setup(self) -> None:
        self.fields.update(objection_fields())  # 6:9, 6:11 and 7:10 lid 2-5, as every type's objection page

    def service_kwargs(self) -> dict[str, Any]:
        return objection_changes(dict(self.cleaned_data))


class AppealForm(CaseForm):
    level = forms.ChoiceField(label=_("Level"), choices=Appeal.Level.choices, widget=Radios(),
                              error_messages={"required": _("Choose appeal or higher appeal.")})
    lodged_on = date_field(_("Lodged on"))

    def setup(self) -> None:
        self.fields["order"] = order_field(self.case)
        self.order_fields(["order", "level", "lodged_on"])


class AppealUpdateForm(CaseForm):
    ruled_on = date_field(_("Ruled on"), required=False)
    outcome = textarea(_("Outcome"), rows=3, required=False)
    annulled = check(_("After this ruling the decision stands annulled"))


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
        label_choices(field, lambda i: str(_("Re-inspection of %(date)s") % {
            "date": i.inspected_on.strftime("%d-%m-%Y")}))
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
        label_choices(field, lambda r: str(_("Request of %(date)s") % {
            "date": r.requested_on.strftime("%d-%m-%Y")}))
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


class CollectionRequestDelayForm(CaseForm):
    """Awb 4:14 lid 1: the four weeks of 5:37 lid 3 cannot be met."""

    notice_sent_on = date_field(_("Notice of delay sent on"))
    new_due_on = date_field(_("Decision will be given by"))
