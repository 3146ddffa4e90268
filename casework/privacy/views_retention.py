"""Retention pages of the privacy officer (casework:privacy_retention*).

Thin: forms parse, retention.py / destruction.py decide and audit. The pages show case
references, types and dates (no personal data); still, listing a case past its retention period
is recorded per case (one `list` event per case, one batched insert), and downloading a
destruction statement is an `export` event.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import require_capability
from audit import record, record_batch
from audit.actions import Action
from audit.activities import PRIVACY_SUPERVISION
from audit.services import Target
from casework.csv_export import csv_response
from casework.pdf import render_pdf
from casework.privacy import destruction
from casework.privacy.forms_retention import BatchDecisionForm, LegalHoldForm, PolicyForm
from casework.privacy.holds import legal_hold_lift, legal_hold_place
from casework.privacy.models import DestructionBatch, LegalHold, RetentionPolicy, Tombstone
from casework.privacy.retention import CAPABILITY, policies_in_force, policy_create, retention_selection
from casework.privacy.retention import retention_overview as retention_overview_of
from casework.privacy.views_refused import refused_page

PAGE_SIZE = 25
# The most cases past their period the overview counts: past it, "more than 1,000" (a proposal takes them all). Each
# type is counted up to it, so a backlog costs the same whatever its size (issue 15; read at each call).
COUNT_CAP = 1_000
DRAFT_HEADER = (
    gettext_lazy("reference"), gettext_lazy("case type"), gettext_lazy("selection-list category"),
    gettext_lazy("legal basis"), gettext_lazy("opened on"), gettext_lazy("closed on"), gettext_lazy("counted from"),
    gettext_lazy("retention ended on"), gettext_lazy("retention period (years)"),
)
TRANSFER_HEADER = (
    gettext_lazy("reference"), gettext_lazy("case type"), gettext_lazy("selection-list category"),
    gettext_lazy("opened on"), gettext_lazy("closed on"), gettext_lazy("transfer from"),
)


def _refused(request: AuthenticatedHttpRequest, messages: list[str]) -> HttpResponse:
    return refused_page(request, messages, heading=_("Not possible"), back="casework:privacy_retention",
                        back_label=_("Back to retention and destruction"))


def _own_organisation(request: AuthenticatedHttpRequest) -> UUID:
    """The privacy officer's organisation: retention is always decided per controller."""
    if request.user.organisation_id is None:
        raise PermissionDenied
    return request.user.organisation_id


def _page(request: AuthenticatedHttpRequest, items, name: str):
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get(name))


@never_cache
@require_http_methods(["GET"])
def retention_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    today = timezone.localdate()
    in_force = policies_in_force(today)
    overview = retention_overview_of(today=today, controller_id=_own_organisation(request), count_cap=COUNT_CAP)
    expired, held = _page(request, overview.expired, "page"), overview.held[:PAGE_SIZE]
    shown = [*expired.object_list, *held]
    if shown:
        record_batch(action=Action.LIST, processing_activity=PRIVACY_SUPERVISION, reason="retention selection",
                     targets=[Target(object_type="casework.Case", object_id=c.case_id, case_id=c.case_id,
                                     subject_id=c.person_id) for c in shown])
    batches = DestructionBatch.objects.filter(requested_by__organisation_id=_own_organisation(request)) \
        .select_related("requested_by", "approved_by")[:PAGE_SIZE]
    return render(request, "casework/privacy/retention_overview.html", {
        "policies": RetentionPolicy.objects.select_related("created_by").order_by("case_type", "-effective_from"),
        "in_force_ids": {policy.pk for policy in in_force.values()},
        "expired": expired, "held": held, "held_count": len(overview.held), "expired_count": expired.paginator.count,
        "expired_capped": overview.expired.capped, "transfer_count": overview.transfer_count,
        "transfer_capped": overview.transfer_capped,
        "batches": batches, "today": today, "page_size": PAGE_SIZE, "hold_form": LegalHoldForm(),
        "holds": LegalHold.objects.filter(lifted_at__isnull=True, case__controller_id=_own_organisation(request))
        .select_related("case", "placed_by").order_by("-placed_at")[:PAGE_SIZE],
        "tombstone_count": Tombstone.objects.filter(batch__requested_by__organisation_id=_own_organisation(request))
        .count(),
        "open_batch": DestructionBatch.objects.filter(state=DestructionBatch.State.REQUESTED,
                                                      requested_by__organisation_id=_own_organisation(request))
        .exists(),
    })


@never_cache
@require_http_methods(["GET", "POST"])
def retention_policy_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    if request.method == "GET":
        form = PolicyForm(initial={"effective_from": timezone.localdate(), "case_type": request.GET.get("case_type")})
        return render(request, "casework/privacy/retention_policy_form.html", {"form": form})
    form = PolicyForm(request.POST)
    if form.is_valid():
        try:
            policy_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect("casework:privacy_retention")
    return render(request, "casework/privacy/retention_policy_form.html", {"form": form}, status=400)


def _add_errors(form: PolicyForm, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@require_POST
def retention_batch_propose(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    try:
        batch = destruction.batch_propose(actor=request.user)
    except ValidationError as exc:
        return _refused(request, exc.messages)
    return redirect("casework:privacy_retention_batch", batch_id=batch.pk)


@never_cache
@require_http_methods(["GET"])
def retention_batch_detail(request: AuthenticatedHttpRequest, batch_id) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    batch = get_object_or_404(DestructionBatch.objects.select_related("requested_by", "approved_by"), pk=batch_id,
                              requested_by__organisation_id=_own_organisation(request))
    return render(request, "casework/privacy/retention_batch.html", {
        "batch": batch, "cases": sorted(batch.case_references),
        "tombstones": batch.tombstones.order_by("reference") if batch.state == DestructionBatch.State.EXECUTED else [],
        "may_decide": batch.state == DestructionBatch.State.REQUESTED and batch.requested_by_id != request.user.pk,
        "form": BatchDecisionForm(),
    })


@require_POST
def retention_batch_decide(request: AuthenticatedHttpRequest, batch_id) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    batch = get_object_or_404(DestructionBatch.objects.select_related("requested_by"), pk=batch_id,
                              requested_by__organisation_id=_own_organisation(request))
    form = BatchDecisionForm(request.POST)
    if not form.is_valid():
        return _refused(request, [_("Choose to approve or to reject.")])
    try:
        destruction.batch_decide(actor=request.user, batch=batch, approve=form.cleaned_data["decision"] == "approve")
    except ValidationError as exc:
        return _refused(request, exc.messages)
    return redirect("casework:privacy_retention_batch", batch_id=batch.pk)


@never_cache
@require_http_methods(["GET"])
def retention_statement(request: AuthenticatedHttpRequest, batch_id) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    batch = get_object_or_404(DestructionBatch, pk=batch_id,
                              requested_by__organisation_id=_own_organisation(request))
    if not batch.statement_pdf:
        raise Http404
    record(action=Action.EXPORT, processing_activity=PRIVACY_SUPERVISION, object_type="privacy.DestructionBatch",
           object_id=batch.pk, reason=f"destruction statement {batch.number} downloaded")
    response = HttpResponse(bytes(batch.statement_pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="verklaring-van-vernietiging-{batch.number}.pdf"'
    return response


@require_POST
def retention_hold_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    form = LegalHoldForm(request.POST)
    if not form.is_valid():
        return _refused(request, [_("Give a case reference and a ground.")])
    try:
        legal_hold_place(actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _refused(request, exc.messages)
    return redirect("casework:privacy_retention")


@require_POST
def retention_hold_lift(request: AuthenticatedHttpRequest, hold_id) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    hold = get_object_or_404(LegalHold.objects.select_related("case"), pk=hold_id,
                             case__controller_id=_own_organisation(request))
    legal_hold_lift(actor=request.user, hold=hold)
    return redirect("casework:privacy_retention")


@never_cache
@require_http_methods(["GET"])
def retention_batch_draft(request: AuthenticatedHttpRequest, batch_id, fmt: str) -> HttpResponse:
    """The draft destruction list (CSV or PDF) for the records manager: references, categories and dates only."""
    if fmt not in ("csv", "pdf"):
        raise Http404
    require_capability(request.user, CAPABILITY)
    batch = get_object_or_404(DestructionBatch.objects.select_related("requested_by"), pk=batch_id,
                              requested_by__organisation_id=_own_organisation(request))
    rows = destruction.batch_draft_rows(actor=request.user, batch=batch)
    name = f"{_('draft-destruction-list')}-{batch.number}"
    if fmt == "csv":
        return csv_response(DRAFT_HEADER, ([row[key] for key in destruction.DRAFT_COLUMNS] for row in rows),
                            filename=f"{name}.csv")
    body = render_to_string("casework/privacy/retention_draft.html", {"batch": batch, "rows": rows,
                            "organisation": getattr(batch.requested_by.organisation, "name", "")})
    response = HttpResponse(render_pdf(body, title=_("Draft destruction list %(number)s") % {"number": batch.number}),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@never_cache
@require_http_methods(["GET"])
def retention_transfer_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The dossiers whose selection-list category says "keep permanently": listed for transfer to the archive."""
    require_capability(request.user, CAPABILITY)
    selection = retention_selection(controller_id=_own_organisation(request))
    if selection.transfer:
        record_batch(action=Action.EXPORT, processing_activity=PRIVACY_SUPERVISION, reason="archive transfer list",
                     targets=[Target(object_type="casework.Case", object_id=c.case_id, case_id=c.case_id,
                                     subject_id=c.person_id) for c in selection.transfer])
    rows = ([c.reference, c.case_type_label, c.policy.selectielijst_category, c.opened_on, c.closed_on, c.expires_on]
            for c in selection.transfer)
    return csv_response(TRANSFER_HEADER, rows, filename=f"{_('archive-transfer')}.csv")
