"""The woonoverlast letters as PDF downloads: one per addressee, each an audited export (`export`
event with the addressee as subject), refused with a 400 page saying why outside the states where
the letter's legal basis exists. Access: the file (403 + `access_denied` otherwise) and the decisions
category (refused and recorded otherwise). No reporter is in any letter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from audit import record
from audit.actions import Action as AuditAction
from casework import access
from casework.models import Person
from casework.remedies.models import Announcement
from casework.web.common import case_url, load_case
from casework.woonoverlast import followup_letters, letters
from casework.woonoverlast.casetype import CASE_TYPE, PROCESSING_ACTIVITY
from casework.woonoverlast.categories import DECISIONS
from casework.woonoverlast.models import BehaviouralOrder, Closure, ClosureExtension, DecisionState, Intention

ORDER_LABEL, CLOSURE_LABEL = "woonoverlast.BehaviouralOrder", "woonoverlast.Closure"


def _letter_case(request: AuthenticatedHttpRequest, case_id: Any) -> Any:
    case = load_case(request, case_id, access.VIEW, case_type=CASE_TYPE)
    access.require_category(request.user, case, access.case_access(request.user, case), DECISIONS)
    return case


def _person(case: Any, person_id: Any) -> Person | None:
    if person_id is None:
        return None
    return get_object_or_404(Person, pk=person_id, controller_id=case.controller_id)


def _letter_response(request: AuthenticatedHttpRequest, case: Any, make: Callable[[], bytes], *, object_type: str,
                     object_id: Any, subject_id: Any, name: str) -> HttpResponse:
    """The PDF as an audited export, or a 400 page saying why the letter cannot be made now."""
    try:
        content = make()
    except ValidationError as exc:
        return render(request, "woonoverlast/letter_refused.html",
                      {"case": case, "case_url": case_url(case), "message": " ".join(exc.messages)}, status=400)
    record(action=AuditAction.EXPORT, processing_activity=PROCESSING_ACTIVITY, object_type=object_type,
           object_id=object_id, case_id=case.pk, subject_id=subject_id, reason=f"{name} letter pdf",
           actor=request.user)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}-{case.reference}.pdf"'
    return response


@never_cache
@require_http_methods(["GET"])
def letter_pdf(request: AuthenticatedHttpRequest, case_id, announcement_id) -> HttpResponse:
    """The gedragsaanwijzing or closure letter to one addressee, as announced (an audited export; no
    reporter in it); refused (400) outside the states where the decision exists."""
    case = _letter_case(request, case_id)
    announcement = get_object_or_404(Announcement, pk=announcement_id, case=case,
                                     decision_type__in=[ORDER_LABEL, CLOSURE_LABEL])
    row: BehaviouralOrder | Closure
    if announcement.decision_type == ORDER_LABEL:
        row = get_object_or_404(BehaviouralOrder.objects.select_related("apv_article", "intention__zwartboek"),
                                pk=announcement.decision_id, case=case)
    else:
        row = get_object_or_404(Closure.objects.select_related("intention__zwartboek"), pk=announcement.decision_id,
                                case=case)
    return _letter_response(request, case, lambda: letters.decision_letter_pdf(row, announcement),
                            object_type="remedies.Announcement", object_id=announcement.pk,
                            subject_id=announcement.addressee_person_id or case.person_id,
                            name="gedragsaanwijzing" if isinstance(row, BehaviouralOrder) else "sluiting")


@never_cache
@require_http_methods(["GET"])
def intention_letter_pdf(request: AuthenticatedHttpRequest, case_id, intention_id, person_id=None) -> HttpResponse:
    """The intention letter (voornemen, Awb 4:8) to one addressee of the decision it announces (without
    `person_id`: the person causing the nuisance); refused (400) once the intention's state has passed
    or for someone who is not an addressee."""
    case = _letter_case(request, case_id)
    intention = get_object_or_404(Intention.objects.select_related("zwartboek"), pk=intention_id, case=case)
    person = _person(case, person_id)
    return _letter_response(request, case, lambda: letters.intention_letter_pdf(intention, person),
                            object_type="woonoverlast.Intention", object_id=intention.pk,
                            subject_id=person.pk if person else case.person_id, name="voornemen")


@never_cache
@require_http_methods(["GET"])
def extension_letter_pdf(request: AuthenticatedHttpRequest, case_id, extension_id, person_id) -> HttpResponse:
    """The letter of a closure's extension (art. 174a lid 3) to one addressee of the closure."""
    case = _letter_case(request, case_id)
    extension = get_object_or_404(ClosureExtension.objects.select_related("closure"), pk=extension_id, case=case)
    person = _person(case, person_id)
    return _letter_response(request, case, lambda: followup_letters.extension_letter_pdf(extension, person),
                            object_type="woonoverlast.ClosureExtension", object_id=extension.pk,
                            subject_id=person.pk if person else case.person_id, name="verlenging")


@never_cache
@require_http_methods(["GET"])
def costs_letter_pdf(request: AuthenticatedHttpRequest, case_id, closure_id, person_id) -> HttpResponse:
    """The cost-recovery letter of a closure (Awb 5:25) to one addressee of the closure."""
    case = _letter_case(request, case_id)
    closure = get_object_or_404(Closure, pk=closure_id, case=case,
                                state__in=[DecisionState.IMPOSED, DecisionState.ENDED])
    person = _person(case, person_id)
    return _letter_response(request, case, lambda: followup_letters.costs_letter_pdf(closure, person),
                            object_type="woonoverlast.Closure", object_id=closure.pk,
                            subject_id=person.pk if person else case.person_id, name="kostenverhaal")
