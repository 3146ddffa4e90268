"""casework/uploads.py: uploads judged by their bytes, images re-encoded without metadata, the
scanner hook, and the headers of a download."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from casework import uploads
from tests.factories.files import GPS_TAG, JPEG, PDF, PNG, SECRET_COMMENT, image_bytes

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
