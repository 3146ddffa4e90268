"""Documents pages: the list of a case's documents with the upload form, one document with its versions,
a new version (versioned: a stale form is a 409 that keeps the input), withdrawal, and the audited
download and preview. Thin: the selectors decide and record what is seen, the services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from audit import record
from audit.actions import Action
from casework import access, uploads
from casework.categories import label_of
from casework.documents import selectors, services
from casework.documents.models import Document
from casework.documents.web.forms import UploadForm, VersionForm, WithdrawForm
from casework.models import Case, processing_activity_of
from casework.web.common import add_errors, case_url, load_case
from casework.web.versions import form_status, save_versioned, versioned


def document_url(document: Document) -> str:
    return reverse("casework:document_detail", kwargs={"case_id": document.case_id, "document_id": document.pk})


def _file(request: AuthenticatedHttpRequest) -> Any:
    upload = request.FILES.get("file")
    return upload, getattr(upload, "name", "") or ""


def _record_list(request: AuthenticatedHttpRequest, case: Case, count: int) -> None:
    record(action=Action.LIST, processing_activity=processing_activity_of(case), object_type="documents.Document",
           case_id=case.pk, subject_id=case.person_id, reason=f"documents shown:{count}", actor=request.user)


@never_cache
@require_http_methods(["GET", "POST"])
def document_list(request: AuthenticatedHttpRequest, case_id) -> HttpResponse:
    case = load_case(request, case_id, access.VIEW, case_type=None)
    case_access = access.case_access(request.user, case)
    categories, activities = services.upload_choices(user=request.user, case=case, case_access=case_access)
    form = UploadForm(request.POST or None, request.FILES or None, categories=categories, activities=activities) \
        if categories else None
    if request.method == "POST":
        if form is None:  # no category this user may upload in: refused and recorded
            access.record_denial(request.user, case, "upload")
            raise PermissionDenied(_("You may not add documents to this case."))
        if form.is_valid():
            upload, name = _file(request)
            try:
                document = services.document_upload(
                    actor=request.user, case=case, title=form.cleaned_data["title"],
                    category=form.cleaned_data["category"], upload=upload, filename=name,
                    processing_activity=form.cleaned_data.get("processing_activity") or "")
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The document was added."))
                return redirect(document_url(document))
    rows = selectors.documents_of(case=case, case_access=case_access)
    _record_list(request, case, len(rows))
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, "documents/list.html", {"case": case, "rows": rows, "form": form,
                                                   "case_url": case_url(case)}, status=status)


def _detail_context(request: AuthenticatedHttpRequest, case: Case, document: Document,
                    case_access: access.CaseAccess, **forms: Any) -> dict[str, Any]:
    user = request.user
    may_version = services.may_add_version(user=user, document=document, case_access=case_access)
    may_withdraw = services.may_withdraw(user=user, document=document, case_access=case_access)
    return {
        "case": case, "document": document, "versions": selectors.versions_of(document), "case_url": case_url(case),
        "version_form": forms.get("version_form") or (versioned(VersionForm(), case) if may_version else None),
        "withdraw_form": forms.get("withdraw_form") or (versioned(WithdrawForm(), case) if may_withdraw else None),
        "category_label": label_of(document.category), "preview_types": uploads.INLINE_TYPES,
    }


def _load(request: AuthenticatedHttpRequest, case_id, document_id) -> tuple[Case, access.CaseAccess, Document]:
    case = load_case(request, case_id, access.VIEW, case_type=None)
    case_access = access.case_access(request.user, case)
    return case, case_access, selectors.document_for(user=request.user, case=case, document_id=document_id,
                                                     case_access=case_access)


@never_cache
@require_http_methods(["GET"])
def document_detail(request: AuthenticatedHttpRequest, case_id, document_id) -> HttpResponse:
    case, case_access, document = _load(request, case_id, document_id)
    record(action=Action.VIEW, processing_activity=processing_activity_of(case), object_type="documents.Document",
           object_id=document.pk, case_id=case.pk, subject_id=case.person_id,
           reason=f"document category:{document.category}", actor=request.user)
    return render(request, "documents/detail.html", _detail_context(request, case, document, case_access))


@require_http_methods(["POST"])
def version_add(request: AuthenticatedHttpRequest, case_id, document_id) -> HttpResponse:
    case, case_access, document = _load(request, case_id, document_id)
    form = versioned(VersionForm(request.POST, request.FILES), case)
    if form.is_valid():
        upload, name = _file(request)
        if save_versioned(form, case, lambda: services.document_version_add(actor=request.user, document=document,
                                                                           upload=upload, filename=name)):
            messages.success(request, _("The new version was added."))
            return redirect(document_url(document))
    return render(request, "documents/detail.html",
                  _detail_context(request, case, document, case_access, version_form=form), status=form_status(form))


@require_http_methods(["POST"])
def withdraw(request: AuthenticatedHttpRequest, case_id, document_id) -> HttpResponse:
    case, case_access, document = _load(request, case_id, document_id)
    form = versioned(WithdrawForm(request.POST), case)
    if form.is_valid() and save_versioned(form, case, lambda: services.document_withdraw(
            actor=request.user, document=document, reason=form.cleaned_data["reason"])):
        messages.success(request, _("The document was withdrawn."))
        return redirect(reverse("casework:document_list", kwargs={"case_id": case.pk}))
    return render(request, "documents/detail.html",
                  _detail_context(request, case, document, case_access, withdraw_form=form), status=form_status(form))


def _serve(request: AuthenticatedHttpRequest, case_id, document_id, number: int, *, inline: bool) -> HttpResponse:
    _case, _access, document = _load(request, case_id, document_id)
    version, content = selectors.version_open(user=request.user, document=document, number=number)
    return uploads.attachment_response(content, content_type=version.content_type, filename=version.filename,
                                       inline=inline)


@never_cache
@require_http_methods(["GET"])
def download(request: AuthenticatedHttpRequest, case_id, document_id, number: int) -> HttpResponse:
    return _serve(request, case_id, document_id, number, inline=False)


@never_cache
@require_http_methods(["GET"])
def preview(request: AuthenticatedHttpRequest, case_id, document_id, number: int) -> HttpResponse:
    """Shown by the browser itself for PDF and images (sandboxed, no scripts); anything else downloads."""
    return _serve(request, case_id, document_id, number, inline=True)
