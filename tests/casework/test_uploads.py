"""casework/uploads.py: uploads judged by their bytes, images re-encoded without metadata, the
scanner hook, and the headers of a download."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from casework import uploads
from tests.factories.files import (
    DOCX,
    GPS_TAG,
    JPEG,
    ODT,
    PDF,
    PNG,
    SECRET_COMMENT,
    XLSX,
    image_bytes,
    many_members_bytes,
    odt_bytes,
    ooxml_bytes,
    zip_bomb_bytes,
)

SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def fake_scanner(content: bytes, *, name: str) -> None:
    """A scanner that knows one signature (in the tests, inside a valid PDF)."""
    if b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE" in content:
        raise uploads.UploadRejected(name)


def _message(exc: pytest.ExceptionInfo) -> str:
    return " ".join(exc.value.messages)


@pytest.mark.parametrize("content", [SVG, HTML, b"GIF89a....", b"PK\x03\x04 office document"])
def test_svg_html_and_other_types_are_refused_whatever_they_claim(content):
    with pytest.raises(ValidationError) as exc:
        uploads.check_upload(SimpleUploadedFile("foto.png", content, content_type="image/png"),
                             accepted=uploads.IMAGE_TYPES | {uploads.PDF})
    assert "Dit bestandstype wordt niet geaccepteerd" in _message(exc)


def test_a_pdf_is_accepted_as_it_is_and_a_truncated_one_is_not():
    checked = uploads.check_upload(PDF, accepted=frozenset({uploads.PDF}))
    assert (checked.content, checked.content_type, checked.extension) == (PDF, uploads.PDF, "pdf")
    with pytest.raises(ValidationError, match="beschadigd"):
        uploads.check_upload(PDF[:-7], accepted=frozenset({uploads.PDF}))


def test_an_image_is_not_accepted_where_only_pdf_is():
    with pytest.raises(ValidationError):
        uploads.check_upload(PNG, accepted=frozenset({uploads.PDF}))


@pytest.mark.parametrize(("content", "kind"), [(JPEG, uploads.JPEG), (PNG, uploads.PNG)])
def test_images_are_re_encoded_without_exif_gps_or_comments(content, kind):
    assert b"Synthetic Camera" in content  # the fixture carries metadata
    checked = uploads.check_upload(content, accepted=uploads.IMAGE_TYPES)
    assert checked.content_type == kind
    assert b"Synthetic Camera" not in checked.content and SECRET_COMMENT.encode() not in checked.content
    with Image.open(io.BytesIO(checked.content)) as image:
        assert image.size == (8, 6) and GPS_TAG not in image.getexif() and not image.getexif()


def test_a_damaged_image_is_refused():
    with pytest.raises(ValidationError, match="beschadigd"):
        uploads.check_upload(PNG[:40], accepted=uploads.IMAGE_TYPES)


def test_size_limit_and_empty_files():
    with pytest.raises(ValidationError, match="groter dan 1 MB"):
        uploads.check_upload(PDF + b"0" * (1024 * 1024), accepted=frozenset({uploads.PDF}), max_bytes=1024 * 1024)
    with pytest.raises(ValidationError, match="leeg"):
        uploads.check_upload(b"", accepted=frozenset({uploads.PDF}))


def test_the_scanner_hook_refuses_what_the_scanner_rejects(settings):
    settings.UPLOAD_SCANNER = "tests.casework.test_uploads.fake_scanner"
    infected = PDF.replace(b"% synthetic", b"% " + EICAR)
    with pytest.raises(ValidationError, match="virusscanner"):
        uploads.check_upload(infected, accepted=frozenset({uploads.PDF}))
    assert uploads.check_upload(PDF, accepted=frozenset({uploads.PDF})).content == PDF
    assert uploads.check_upload(image_bytes("PNG"), accepted=uploads.IMAGE_TYPES)  # scanned after re-encoding


def test_a_download_is_an_attachment_never_sniffed_and_sandboxed():
    response = uploads.attachment_response(PDF, content_type=uploads.PDF, filename="rapport.pdf")
    assert response["Content-Disposition"] == 'attachment; filename="rapport.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff" and response["Cache-Control"] == "no-store"
    assert response["Content-Security-Policy"].startswith("sandbox") and "default-src 'none'" in \
        response["Content-Security-Policy"]


# --- office documents (casework/office.py) ----------------------------------------------------------------

def test_docx_xlsx_and_odt_are_recognised_by_their_members_and_kept_byte_for_byte():
    for content, kind in ((DOCX, uploads.DOCX), (XLSX, uploads.XLSX), (ODT, uploads.ODT)):
        checked = uploads.check_upload(content, accepted=uploads.DOCUMENT_TYPES)
        assert (checked.content, checked.content_type) == (content, kind)
    assert uploads.check_upload(DOCX, accepted=uploads.DOCUMENT_TYPES).extension == "docx"


@pytest.mark.parametrize("content", [
    ooxml_bytes("docx", extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"}),
    ooxml_bytes("docm"),  # a .docm renamed to .docx: its main part says macroEnabled
    odt_bytes(extra={"Basic/Standard/Module1.xml": b"<script/>"}),
    odt_bytes(extra={"Scripts/python/evil.py": b"import os"}),
])
def test_documents_with_macros_are_refused_in_dutch(content):
    with pytest.raises(ValidationError) as exc:
        uploads.check_upload(content, accepted=uploads.DOCUMENT_TYPES)
    assert "macro" in _message(exc)


def test_a_zip_bomb_and_an_archive_of_too_many_members_are_refused_before_unpacking():
    with pytest.raises(ValidationError) as exc:
        uploads.check_upload(zip_bomb_bytes(), accepted=uploads.DOCUMENT_TYPES)
    assert "te veel of te grote onderdelen" in _message(exc)
    with pytest.raises(ValidationError) as exc:
        uploads.check_upload(many_members_bytes(), accepted=uploads.DOCUMENT_TYPES)
    assert "te veel of te grote onderdelen" in _message(exc)


@pytest.mark.parametrize("content", [b"PK\x03\x04 broken", ooxml_bytes("docx")[:200]])
def test_a_damaged_archive_is_refused_as_damaged(content):
    with pytest.raises(ValidationError) as exc:
        uploads.check_upload(content, accepted=uploads.DOCUMENT_TYPES)
    assert "beschadigd" in _message(exc)


def test_an_other_archive_is_not_an_office_document():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "synthetisch")
    with pytest.raises(ValidationError) as exc:
        uploads.check_upload(out.getvalue(), accepted=uploads.DOCUMENT_TYPES)
    assert "Dit bestandstype wordt niet geaccepteerd" in _message(exc)


def test_an_entity_expansion_in_the_content_types_is_refused():
    bomb = ('<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&b;</Types>')
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", bomb)
    with pytest.raises(ValidationError, match="beschadigd"):
        uploads.check_upload(out.getvalue(), accepted=uploads.DOCUMENT_TYPES)


@pytest.mark.parametrize(("content_type", "disposition"), [
    (uploads.PDF, "inline"), (uploads.PNG, "inline"), (uploads.JPEG, "inline"),
    (uploads.DOCX, "attachment"), (uploads.ODT, "attachment"), ("text/html", "attachment"),
])
def test_only_pdf_and_images_may_be_shown_inline_and_always_with_the_safe_headers(content_type, disposition):
    response = uploads.attachment_response(b"x", content_type=content_type, filename='a"b\r\nc.pdf', inline=True)
    assert response["Content-Disposition"] == f"{disposition}; filename*=utf-8''a%22b%0D%0Ac.pdf"
    accented = uploads.attachment_response(b"x", content_type=content_type, filename="verslag café.pdf")
    assert accented["Content-Disposition"].endswith("filename*=utf-8''verslag%20caf%C3%A9.pdf")
    assert response["X-Content-Type-Options"] == "nosniff" and response["Cache-Control"] == "no-store"
    assert response["Content-Security-Policy"].startswith("sandbox")
