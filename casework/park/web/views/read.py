"""Park read pages: the park overview (and its CSV), the park deadline overview, an object's dossier.

Thin: check the role, call a selector (casework/park/selectors/overview.py and objects.py), record
the disclosure before rendering (fail closed: AuditWriteError → 503), render. The overview and the deadline overview
record one event per file shown, each naming its data subject, in one batched insert; the CSV is
an `export` of the same kind. An object's dossier shows personal data (address, owner, occupants,
tolerance decisions): it is for the officers of the park's organisation and records one `view`
event per person shown (one batch).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.roles import HANDHAVER, TEAMLEIDER, require_capability
from audit import record, record_batch
from audit.actions import Action
from audit.services import Target
from casework import access, disclosures, paging, uploads
from casework.csv_export import csv_response
from casework.models import processing_activity_of
from casework.park.casetype import CASE_TYPE
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from casework.park.categories import PARK_INSPECTIONS
from casework.park.models import InspectionPhoto, RecreationObject
from casework.park.selectors import overview, residence
from casework.park.selectors.objects import object_dossier
from casework.park.services.common import require_park_officer
from casework.park.web.forms.read import OverviewFilterForm
from casework.park.web.views import residence as residence_views
from casework.web.common import load_case
from encryption.preload import preload_keys

OVERVIEW_ROLES = frozenset({HANDHAVER, TEAMLEIDER})


def _require_overview_role(request: AuthenticatedHttpRequest) -> None:
    require_capability(request.user, "park_overview")  # accounts/roles.py CAPABILITIES
    if request.user.organisation_id is None:
        raise PermissionDenied(_("The park overview is for enforcement officers and team leads."))


def _filtered(request: AuthenticatedHttpRequest) -> tuple[OverviewFilterForm, QuerySet[RecreationObject]]:
    form = OverviewFilterForm(request.GET or None, user=request.user)
    return form, overview.overview_objects(user=request.user, filters=form.filters(), today=timezone.localdate())


@never_cache
@require_http_methods(["GET"])
def overview_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_overview_role(request)
    today = timezone.localdate()
    form, objects = _filtered(request)
    page = paging.CountedPaginator(overview.overview_pages(objects), overview.PAGE_SIZE).get_page(
        request.GET.get("page"))
    rows = overview.overview_rows(user=request.user, objects=list(page.object_list), today=today)
    disclosures.cases_disclosed(action=Action.LIST, cases=[case for row in rows for case in row.cases],
                                reason="park overview")
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "park/overview.html", {
        "form": form, "page": page, "rows": rows, "query": query.urlencode(), "today": today,
    })


@never_cache
@require_http_methods(["GET"])
def overview_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The filtered overview as CSV (no names or addresses); each file in it is recorded as exported."""
    _require_overview_role(request)
    today = timezone.localdate()
    _form, objects = _filtered(request)
    rows = overview.overview_rows(user=request.user, objects=list(objects[:overview.CSV_LIMIT]), today=today)
    header, *lines = overview.csv_rows(rows)
    disclosures.cases_disclosed(action=Action.EXPORT, cases=[case for row in rows for case in row.cases],
                                reason="park overview csv")
    response = csv_response(header, lines, filename=f"park-overzicht-{today.isoformat()}.csv")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@require_http_methods(["GET"])
def deadlines(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, "park_deadlines")
    today = timezone.localdate()
    found = overview.deadline_overview(cases=overview.park_cases(request.user), today=today)
    disclosures.cases_disclosed(action=Action.LIST, cases=found.cases_shown(), reason="park deadlines")
    return render(request, "park/deadlines.html", {"overview": found, "today": today})


@never_cache
@require_http_methods(["GET"])
def object_detail(request: AuthenticatedHttpRequest, object_id) -> HttpResponse:
    obj = get_object_or_404(RecreationObject.objects.select_related("park", "owner_person"), pk=object_id)
    require_park_officer(request.user, obj.park, what="object_view", roles=OVERVIEW_ROLES,
                         subject_id=obj.owner_person_id)
    dossier = object_dossier(obj=obj, user=request.user)
    targets = [Target(object_type="park.RecreationObject", object_id=obj.pk, subject_id=subject)
               for subject in dossier.subject_ids()] or [Target(object_type="park.RecreationObject",
                                                                object_id=obj.pk)]
    record_batch(action=Action.VIEW, processing_activity=PARK_ENFORCEMENT, targets=targets, reason="park object")
    preload_keys([obj, *dossier.persons(), *dossier.occupants, *dossier.tolerance])
    checks = residence.object_checks(obj)
    if checks:  # each check's evidence read: one event per check (it names residents who are no Person record)
        record_batch(action=Action.VIEW, processing_activity=PARK_ENFORCEMENT, reason="park residence check evidence",
                     targets=[Target(object_type="park.ResidenceCheck", object_id=row.check.pk,
                                     subject_id=obj.owner_person_id) for row in checks])
    return render(request, "park/object_detail.html", {
        "residence_checks": checks, "brp_unavailable": residence_views.unavailable_reason(obj),
        "may_check_brp": residence_views.may_check(request.user, obj),
        "object": obj, "occupants": dossier.occupants, "tolerance": dossier.tolerance,
        "files": [(f, overview.status_label(f.case.status)) for f in dossier.files],
        "may_act": request.user.role == HANDHAVER,
        "may_end_tolerance": request.user.role in OVERVIEW_ROLES,
    })


@never_cache
@require_http_methods(["GET"])
def photo_download(request: AuthenticatedHttpRequest, case_id, photo_id) -> HttpResponse:
    """An inspection photo: access and the category first, the `export` event before any byte is sent."""
    case = load_case(request, case_id, access.VIEW, case_type=CASE_TYPE)
    if not access.case_access(request.user, case).sees(PARK_INSPECTIONS):
        access.record_denial(request.user, case, "export")
        raise PermissionDenied(_("The inspections were not shared with your organisation."))
    photo = get_object_or_404(InspectionPhoto, pk=photo_id, case=case)
    record(action=Action.EXPORT, processing_activity=processing_activity_of(case), object_type="park.InspectionPhoto",
           object_id=photo.pk, case_id=case.pk, subject_id=case.person_id, reason="inspection photo download",
           actor=request.user)
    content = photo.file.storage.open_for(photo.file.name, owner_id=photo.pk).read()
    extension = uploads.EXTENSIONS.get(photo.content_type, "bin")
    return uploads.attachment_response(content, content_type=photo.content_type,
                                       filename=f"foto-{case.reference}-{photo.pk}.{extension}")
