"""The action table of the park child rows beside the status: per kind, the form, the service, the
row an update acts on and the texts of its page. `actions()` and `ROUTES` are merged into
casework/park/web/views/actions.py (URL name `park_<kind>`); the forms are in
casework/park/web/forms/tracks.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from casework.models import Case
from casework.park import services
from casework.park.models import (
    CollectionIntention,
    CollectionRequest,
    Forfeiture,
    LimitationEvent,
)
from casework.park.web.forms.tracks import (
    AnnouncementForm,
    AppealForm,
    AppealUpdateForm,
    CollectionDecisionForm,
    CollectionIntentionForm,
    CollectionRequestDelayForm,
    CollectionRequestForm,
    EventEndForm,
    ExpireForm,
    ForfeitureForm,
    IntentionViewForm,
    LimitationEventForm,
    ObjectionForm,
    ObjectionUpdateForm,
    PaymentForm,
    RequestDecideForm,
    WaiveForm,
)
from casework.remedies.models import Appeal, Objection
from casework.web.objection_fields import objection_initial


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
                data, case=case, row=row, initial={**{name: getattr(row, name) for name in (
                    "state", "outcome", "decided_on")}, **objection_initial(row)}),
            service=_call(services.objection_update), row=_row(Objection), row_arg="objection",
            shows_content=True, title=_("Update an objection"), success=_("The objection was updated.")),
        "appeal_create": Action(
            form=_form(AppealForm), service=_call(services.appeal_register),
            title=_("Register an appeal about the order"), success=_("The appeal was registered.")),
        "appeal_update": Action(
            form=lambda request, case, row, data, files: AppealUpdateForm(
                data, case=case, row=row, initial={"ruled_on": row.ruled_on, "outcome": row.outcome,
                                                   "annulled": row.annulled}),
            service=_call(services.appeal_update), row=_row(Appeal), row_arg="appeal", shows_content=True,
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
            intro=_("Decide within four weeks (Awb 5:37 lid 3).")),
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
        "collection_request_delay": Action(
            form=_form(CollectionRequestDelayForm), service=_call(services.collection_request_delay),
            row=_row(CollectionRequest), row_arg="request", title=_("Record a notice of delay"),
            success=_("The notice of delay was recorded."),
            intro=_("When the four weeks cannot be met, tell the requester before they end, with a date as short "
                    "as possible by which the decision will be given (Awb 4:14 lid 1).")),
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
    "collection_request_delay": "collection/requests/<uuid:row_id>/delay/",
}
