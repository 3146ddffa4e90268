"""Documents of a case in the API (ADR 0010): list, upload (multipart), one document with its versions, a
new version and a withdrawal (both carry the case `version`), and the audited download of a version.

Uploads are `multipart/form-data` (the file as bytes, never base64 in JSON); the other writes JSON. The
`Idempotency-Key` of an upload is matched on its fields and the SHA-256 of its file (`fingerprint_body`),
so a repeated upload answers with the document the first one created.
"""

from __future__ import annotations

import hashlib

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from audit.actions import Action
from casework import access, uploads
from casework.api.base import CONFLICT, ERRORS, CaseApiView
from casework.api.parsers import JSONParser
from casework.api.serializers_in import VersionedInSerializer
from casework.categories import label_of
from casework.documents import selectors, services
from casework.documents.models import Document, DocumentVersion


class DocumentOrganisationRef(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    filename = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    organisation = DocumentOrganisationRef()
    processing_activity = serializers.CharField()
    created_at = serializers.DateTimeField()


class DocumentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    category = serializers.CharField()
    category_label = serializers.CharField()
    organisation = DocumentOrganisationRef(help_text="The organisation that brought the document in.")
    processing_activity = serializers.CharField(help_text="The processing under which it was supplied.")
    created_at = serializers.DateTimeField()
    version_count = serializers.IntegerField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    versions = VersionSerializer(many=True, required=False, help_text="In the metadata of one document only.")


@extend_schema_field({"type": "string", "format": "binary"})
class UploadField(serializers.FileField):
    """A file sent as a part of multipart/form-data: `binary` in the published contract. drf-spectacular writes a
    plain FileField as a URI (what a response would hold), so a client built from the contract sent a string."""


class UploadInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    category = serializers.CharField(max_length=40, help_text="A sharing category of the case type you hold.")
    processing_activity = serializers.CharField(max_length=64, required=False, allow_blank=True,
                                                help_text="A partner: one of its live sharing decisions' activities.")
    file = UploadField(help_text="PDF, JPEG, PNG, DOCX, XLSX or ODT, at most 20 MB.")


class VersionInSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The case's `version` as you read it; 409 when stale.")
    file = UploadField(help_text="PDF, JPEG, PNG, DOCX, XLSX or ODT, at most 20 MB.")


class WithdrawalInSerializer(VersionedInSerializer):
    reason = serializers.CharField(max_length=500)


def _ref(row) -> dict:
    return {"id": row.pk, "name": row.name}


def _version(row: DocumentVersion) -> dict:
    return {"number": row.number, "filename": row.filename, "content_type": row.content_type, "size": row.size,
            "organisation": _ref(row.organisation), "processing_activity": row.processing_activity,
            "created_at": row.created_at}


def _document(row: Document, *, version_count: int, versions: list[DocumentVersion] | None = None) -> dict:
    data = {"id": row.pk, "title": row.title, "category": row.category, "category_label": label_of(row.category),
            "organisation": _ref(row.organisation), "processing_activity": row.processing_activity,
            "created_at": row.created_at, "version_count": version_count, "withdrawn_at": row.withdrawn_at}
    if versions is not None:
        data["versions"] = [_version(v) for v in versions]
    return data


def _location(document: Document) -> str:
    return reverse("api:document", kwargs={"case_id": document.case_id, "document_id": document.pk})


class _MultipartFingerprint:
    """An upload's Idempotency-Key fingerprint: its fields and the file's digest (not the multipart bytes)."""

    def fingerprint_body(self, request: Request) -> bytes:
        if not (request.content_type or "").startswith("multipart/"):
            return request.body
        fields = sorted((key, value) for key, value in request.data.items() if key != "file")
        upload = request.FILES.get("file")
        digest = hashlib.sha256(upload.read()).hexdigest() if upload is not None else ""
        if upload is not None:
            upload.seek(0)
        return repr((fields, digest)).encode()


class DocumentList(_MultipartFingerprint, CaseApiView):
    case_actions = {"POST": access.VIEW}  # who may upload decides the service (partners within a share)
    parser_classes = [MultiPartParser]

    @extend_schema(summary="Documents of a case (those whose category you see)", tags=["documents"],
                   responses={200: DocumentSerializer(many=True), 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request, case_id):
        case = self.get_case()
        rows = selectors.documents_of(case=case, case_access=self.case_access)
        self.record_read(action=Action.LIST, object_type="documents.Document")
        return Response(DocumentSerializer([_document(r.document, version_count=r.version_count) for r in rows],
                                           many=True).data)

    @extend_schema(summary="Upload a document (multipart/form-data)", tags=["documents"],
                   request={"multipart/form-data": UploadInSerializer},
                   responses={201: DocumentSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        data = UploadInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        upload = values["file"]
        document = services.document_upload(actor=request.user, case=case, title=values["title"],
                                            category=values["category"], upload=upload, filename=upload.name or "",
                                            processing_activity=values.get("processing_activity") or "")
        versions = selectors.versions_of(document)
        return Response(DocumentSerializer(_document(document, version_count=len(versions), versions=versions)).data,
                        status=status.HTTP_201_CREATED, headers={"Location": _location(document)})


class _OneDocument(CaseApiView):
    case_actions = {"POST": access.VIEW}  # who may write decides the service (partners upload within a share)
    def get_document(self) -> Document:
        case = self.get_case()
        return selectors.document_for(user=self.request.user, case=case, document_id=self.kwargs["document_id"],
                                      case_access=self.case_access)


class DocumentDetail(_OneDocument):
    @extend_schema(summary="A document's metadata with its versions", tags=["documents"],
                   responses={200: DocumentSerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request, case_id, document_id):
        document = self.get_document()
        versions = selectors.versions_of(document)
        self.record_read(action=Action.VIEW, object_type="documents.Document", object_id=document.pk)
        return Response(DocumentSerializer(_document(document, version_count=len(versions), versions=versions)).data)


class DocumentVersionCreate(_MultipartFingerprint, _OneDocument):
    parser_classes = [MultiPartParser]

    @extend_schema(summary="Add a new version of a document (multipart/form-data)", tags=["documents"],
                   request={"multipart/form-data": VersionInSerializer},
                   responses={201: DocumentSerializer, **ERRORS, **CONFLICT})
    def post(self, request, case_id, document_id):
        document = self.get_document()
        data = VersionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        with self.case_update(data.validated_data["version"]):
            services.document_version_add(actor=request.user, document=document, upload=upload,
                                          filename=upload.name or "")
        versions = selectors.versions_of(document)
        return Response(DocumentSerializer(_document(document, version_count=len(versions), versions=versions)).data,
                        status=status.HTTP_201_CREATED, headers={"Location": _location(document)})


class DocumentWithdrawal(_OneDocument):
    parser_classes = [JSONParser]

    @extend_schema(summary="Withdraw a document (it stays in the file, marked withdrawn)", tags=["documents"],
                   request=WithdrawalInSerializer, responses={200: DocumentSerializer, **ERRORS, **CONFLICT})
    def post(self, request, case_id, document_id):
        document = self.get_document()
        data = WithdrawalInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with self.case_update(data.validated_data["version"]):
            services.document_withdraw(actor=request.user, document=document, reason=data.validated_data["reason"])
        versions = selectors.versions_of(document)
        return Response(DocumentSerializer(_document(document, version_count=len(versions), versions=versions)).data)


class DocumentContent(_OneDocument):
    @extend_schema(summary="Download one version of a document (audited)", tags=["documents"],
                   responses={(200, "application/octet-stream"): OpenApiResponse(
                       response=OpenApiTypes.BINARY,
                       description="The file, as an attachment with its own content type, nosniff and a sandbox "
                                   "CSP."),
                              403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request, case_id, document_id, number):
        document = self.get_document()
        version, content = selectors.version_open(user=request.user, document=document, number=number)
        return uploads.attachment_response(content, content_type=version.content_type, filename=version.filename)
