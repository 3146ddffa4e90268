"""Pages of the inzage report and the data-subject requests (privacy officers only; thin).

The report is generated from a POST (a BSN never travels in a URL); its PDF is asked for with a
signed, short-lived token naming the person records of that report, so the PDF is the same
report and the BSN is not posted again. Services check the role, audit and decide; a refusal is
a 403 that audit.middleware records.
"""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import require_capability
from audit.actions import Action
from casework.models import Person
from casework.privacy import inzage, inzage_review, requests, restriction
from casework.privacy.forms_requests import (
    DecisionForm,
    ExtensionForm,
    InzageForm,
    LiftForm,
    RequestCreateForm,
    RequestFilterForm,
    RequestUpdateForm,
)
from casework.privacy.inzage_pdf import inzage_pdf_bytes
from casework.privacy.models import DataSubjectRequest
from casework.privacy.views_refused import refused_page

PAGE_SIZE = 25
SIGNING_NAMESPACE = "privacy.inzage.pdf"  # a signing salt, not a secret
TOKEN_MAX_AGE = 15 * 60
FORM_TEMPLATE = "casework/privacy/request_form.html"


# --- inzage report ---------------------------------------------------------------------------------

def _inzage_request(request: AuthenticatedHttpRequest, request_id) -> DataSubjectRequest | None:
    """The data-subject request the report answers (one of the officer's organisation), or None."""
    if not request_id:
        return None
    if request.user.organisation_id is None:
        raise Http404
    row = DataSubjectRequest.objects.select_related("person").filter(
        pk=request_id, organisation_id=request.user.organisation_id).first()
    if row is None:
        raise Http404
    return row


def _report_page(request: AuthenticatedHttpRequest, report, payload: dict, *, status: int = 200) -> HttpResponse:
    answered = _inzage_request(request, payload["request"] or None)
    review = inzage_review.latest_review(answered) if answered is not None else None
    marks = review.marks if review is not None else {}
    withheld = {f"{key}#{number}" for key, mark in marks.items() for number in mark.get("withheld", ())}
    return render(request, "casework/privacy/inzage.html", {
        "form": InzageForm(initial={"request": payload["request"] or None}), "report": report,
        "token": signing.dumps(payload, salt=SIGNING_NAMESPACE), "answered": answered,
        "free_texts": inzage_review.free_texts(report), "withheld": withheld,
        "unreviewed": len(inzage_review.unreviewed(report, review)),
    }, status=status)


def _refused(request: AuthenticatedHttpRequest, message: str) -> HttpResponse:
    """A review or copy of the report that cannot be made: why, and the way back (400)."""
    return refused_page(request, [message], heading=_("The report cannot be handled"), back="casework:privacy_inzage",
                        back_label=_("Back to the inzage report"))


def _report_from_token(request: AuthenticatedHttpRequest, action: str = Action.VIEW):
    try:
        payload = signing.loads(request.POST.get("token", ""), salt=SIGNING_NAMESPACE, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None, None
    persons = list(Person.objects.filter(pk__in=payload["persons"]).select_related("controller"))
    report = inzage.inzage_report(user=request.user, persons=persons, reason=payload["reason"],
                                  request_id=payload["request"] or None, action=action)
    return payload, report


@never_cache
@require_http_methods(["GET", "POST"])
def inzage_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, "privacy_inzage")
    if request.method == "GET":
        return render(request, "casework/privacy/inzage.html", {
            "form": InzageForm(initial={"request": request.GET.get("request") or None}), "report": None})
    form = InzageForm(request.POST)
    if not form.is_valid():
        return render(request, "casework/privacy/inzage.html", {"form": form, "report": None}, status=400)
    data = form.cleaned_data
    try:
        persons = inzage.find_person_records(bsn=data["bsn"], surname=data["surname"],
                                             date_of_birth=data["date_of_birth"])
    except ValidationError as error:
        form.add_error(None, error)
        return render(request, "casework/privacy/inzage.html", {"form": form, "report": None}, status=400)
    _inzage_request(request, data["request"])
    report = inzage.inzage_report(user=request.user, persons=persons, reason=data["reason"], request_id=data["request"])
    payload = {"persons": [str(pk) for pk in report.person_ids], "reason": data["reason"],
               "request": str(data["request"] or ""), "postponed": bool(report.postponements)}
    return _report_page(request, report, payload)


@never_cache
@require_POST
def inzage_review_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The officer's review of the report's free text: the passages ticked are withheld (audited per value)."""
    require_capability(request.user, "privacy_inzage")
    payload, report = _report_from_token(request)
    if payload is None:
        return _refused(request, _("This report has expired; generate it again."))
    answered = _inzage_request(request, payload["request"] or None)
    try:
        if answered is None:
            raise ValidationError(_("Link the report to the data-subject request it answers."))
        inzage_review.inzage_review_record(user=request.user, request=answered, report=report,
                                           withheld=request.POST.getlist("withhold"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _report_page(request, report, payload, status=400)
    messages.success(request, _("The review is recorded. The letter can now be made."))
    return _report_page(request, report, payload)


@never_cache
@require_POST
def inzage_pdf_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, "privacy_inzage")
    try:
        payload = signing.loads(request.POST.get("token", ""), salt=SIGNING_NAMESPACE, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return _refused(request, _("This report has expired; generate it again."))
    if payload.get("postponed") and request.POST.get("handover_decided") != "yes":
        # AVG 23 / UAVG 41: the privacy officer decides explicitly before a copy leaves the system.
        return _refused(request, _("Informing is postponed: confirm that you decided to hand the report over."))
    answered = _inzage_request(request, payload["request"] or None)
    persons = list(Person.objects.filter(pk__in=payload["persons"]).select_related("controller"))
    report = inzage.inzage_report(user=request.user, persons=persons, reason=payload["reason"],
                                  request_id=payload["request"] or None)
    try:
        inzage_review.review_require(report, answered)
    except ValidationError as error:
        return _refused(request, " ".join(error.messages))
    report = inzage.inzage_report(user=request.user, persons=persons, reason=payload["reason"],
                                  request_id=payload["request"] or None, action=Action.EXPORT)
    try:
        content = inzage_pdf_bytes(report, answered)
    except ValidationError as error:  # the content changed between the two reads
        return _refused(request, " ".join(error.messages))
    response = HttpResponse(content, content_type="application/pdf")
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    response["Content-Disposition"] = f'attachment; filename="inzage-{stamp}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


# --- data-subject requests --------------------------------------------------------------------------

@never_cache
@require_GET
def request_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, "privacy_requests")
    form = RequestFilterForm(request.GET or None)
    status = 400 if form.is_bound and not form.is_valid() else 200
    page = Paginator(requests.requests_for(user=request.user, filters=form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page"))
    page.object_list = list(page.object_list)
    requests.requests_listed(user=request.user, requests=page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "casework/privacy/request_list.html", {
        "form": form, "page": page, "query": query.urlencode(), "today": timezone.localdate()}, status=status)


def _person_for(user, data) -> Person | None:
    """The person record the request is about: one of the organisation's own, else one in its scope."""
    if not data.get("bsn") and not data.get("surname"):
        return None
    found = inzage.find_person_records(bsn=data["bsn"], surname=data["surname"], date_of_birth=data["date_of_birth"])
    found.sort(key=lambda person: person.controller_id != user.organisation_id)
    return next((p for p in found if restriction.in_scope(organisation_id=user.organisation_id, person=p)), None)


@never_cache
@require_http_methods(["GET", "POST"])
def request_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, "privacy_requests")
    form = RequestCreateForm(request.POST or None)
    context = {"form": form, "title": _("Register a data-subject request"), "submit": _("Register")}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = None
        try:
            person = _person_for(request.user, data)
            created = requests.request_register(
                actor=request.user, kind=data["kind"], received_on=data["received_on"], person=person,
                notes=data["notes"], postponement_ground=data["postponement_ground"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if person is None and (data["bsn"] or data["surname"]):
                messages.warning(request, _("No person record of your organisation matches: the request is "
                                            "registered without one."))
            else:
                messages.success(request, _("The request is registered."))
            return redirect("casework:privacy_request_detail", request_id=created.pk)
    return render(request, FORM_TEMPLATE, context, status=400 if form.errors else 200)


def _get(request: AuthenticatedHttpRequest, request_id) -> DataSubjectRequest:
    try:
        return requests.request_get(user=request.user, request_id=request_id)
    except DataSubjectRequest.DoesNotExist as exc:
        raise Http404 from exc


@never_cache
@require_GET
def request_detail(request: AuthenticatedHttpRequest, request_id) -> HttpResponse:
    require_capability(request.user, "privacy_requests")
    row = _get(request, request_id)
    return render(request, "casework/privacy/request_detail.html", {
        "row": row, "transitions": [(code, DataSubjectRequest.Status(code).label)
                                    for code in sorted(requests.TRANSITIONS[row.status])],
        "restricted": bool(row.person and row.person.restricted), "today": timezone.localdate(),
    })


def _action_page(request: AuthenticatedHttpRequest, request_id, *, form_class, title: str, submit: str,
                 initial=None, apply):
    require_capability(request.user, "privacy_requests")
    row = _get(request, request_id)
    form = form_class(request.POST or None, initial=initial(row) if initial else None)
    if request.method == "POST" and form.is_valid():
        try:
            apply(row, form.cleaned_data)
        except ValidationError as error:
            _add(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("casework:privacy_request_detail", request_id=row.pk)
    return render(request, FORM_TEMPLATE, {"form": form, "title": title, "submit": submit, "row": row},
                  status=400 if form.errors else 200)


def _add(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, problems in error.error_dict.items():
        form.add_error(name if name in form.fields else None, problems)


@never_cache
@require_http_methods(["GET", "POST"])
def request_update(request: AuthenticatedHttpRequest, request_id) -> HttpResponse:
    return _action_page(
        request, request_id, form_class=RequestUpdateForm, title=_("Change the request"), submit=_("Save"),
        initial=lambda row: {"notes": row.notes or "", "postponement_ground": row.postponement_ground,
                             "legal_duty_to_keep": row.legal_duty_to_keep},
        apply=lambda row, data: requests.request_update(actor=request.user, request=row, **data))


@never_cache
@require_http_methods(["GET", "POST"])
def request_extend(request: AuthenticatedHttpRequest, request_id) -> HttpResponse:
    return _action_page(
        request, request_id, form_class=ExtensionForm, title=_("Extend the term by two months"),
        submit=_("Extend"), initial=lambda row: {"announced_on": timezone.localdate()},
        apply=lambda row, data: requests.request_extend(actor=request.user, request=row, **data))


@never_cache
@require_http_methods(["GET", "POST"])
def request_decide(request: AuthenticatedHttpRequest, request_id) -> HttpResponse:
    return _action_page(
        request, request_id, form_class=DecisionForm, title=_("Record the decision"), submit=_("Decide"),
        initial=lambda row: {"decided_on": timezone.localdate()},
        apply=lambda row, data: requests.request_decide(actor=request.user, request=row, **data))


@never_cache
@require_http_methods(["GET", "POST"])
def request_lift(request: AuthenticatedHttpRequest, request_id) -> HttpResponse:
    return _action_page(
        request, request_id, form_class=LiftForm, title=_("Lift the restriction"), submit=_("Lift the restriction"),
        apply=lambda row, data: requests.request_lift_restriction(actor=request.user, request=row, **data))


@never_cache
@require_POST
def request_status(request: AuthenticatedHttpRequest, request_id) -> HttpResponse:
    require_capability(request.user, "privacy_requests")
    row = _get(request, request_id)
    try:
        requests.request_transition(actor=request.user, request=row, to=request.POST.get("to", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("casework:privacy_request_detail", request_id=row.pk)
