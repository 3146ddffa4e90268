"""Uploaded files: size limits, content checks per accepted type, image re-encoding, virus scan,
and the headers every download of a stored file carries.

An upload is judged by its bytes, never by the name or the content type the browser sends:
- PDF: starts with `%PDF-` and ends with an `%%EOF` marker;
- JPEG and PNG: their signatures, and Pillow must decode the whole image; the image is then
  re-encoded from its pixels, which drops EXIF (GPS position, camera serial), XMP, ICC and
  comments — a photo of a premises must not reveal where the officer lives;
- office documents (DOCX, XLSX, ODT; `casework/office.py`): a ZIP archive whose member count and total
  uncompressed size are bounded (no zip bomb), with the content types of its kind; macros are refused
  (`vbaProject.bin`, the `macroEnabled` types of .docm/.xlsm, an ODF `Basic/` or `Scripts/` folder);
- everything else is refused, SVG and HTML in particular (script in a file we serve back).
Then the scanner hook (`UPLOAD_SCANNER`, a dotted path to `scan(content, *, name) -> None` that
raises UploadRejected) sees the bytes; the default `no_scan` accepts everything, a deployment
plugs in its ClamAV/ICAP client.

Downloads (`attachment_response`): `Content-Disposition: attachment`, `X-Content-Type-Options:
nosniff`, `Cache-Control: no-store` and a CSP `sandbox` that forbids scripts even if a browser
renders the file inline. `inline=True` (a preview) is honoured for PDF, PNG and JPEG only: an office
document or any other type is always an attachment.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from casework.office import DOCX, ODT, XLSX
from casework.office import kind_of as office_kind

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", DOCX: "docx", XLSX: "xlsx", ODT: "odt"}
IMAGE_TYPES = frozenset({JPEG, PNG})
OFFICE_TYPES = frozenset({DOCX, XLSX, ODT})
DOCUMENT_TYPES = frozenset({PDF, JPEG, PNG}) | OFFICE_TYPES
INLINE_TYPES = frozenset({PDF, JPEG, PNG})  # a browser may show these itself (a preview)
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 50_000_000  # a decompression bomb is refused before it is decoded
DOWNLOAD_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'self'"


class UploadRejected(Exception):
    """Raised by a scanner: the file must not be stored."""


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes
    content_type: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def sniff(content: bytes, *, office: bool = True) -> str | None:
    """The accepted type the bytes are, or None (for a ZIP archive: the office type its members say; with
    `office=False`, where no office document is accepted, a ZIP archive is not opened at all)."""
    if content.startswith(b"PK\x03\x04"):
        return office_kind(content) if office else None
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def _type_names(accepted: frozenset[str]) -> str:
    return ", ".join(EXTENSIONS[kind].upper().replace("JPG", "JPEG") for kind in sorted(accepted))


def _read(upload: bytes | object) -> bytes:
    if isinstance(upload, bytes | bytearray):
        return bytes(upload)
    read = getattr(upload, "read", None)
    if read is None:
        raise ValidationError(_("The file could not be read."))
    if hasattr(upload, "seek"):
        upload.seek(0)
    return read()


def _reencode(content: bytes, content_type: str) -> bytes:
    """Decode fully and write the pixels into a new image: no metadata survives (EXIF, XMP, ICC, text)."""
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)  # keep the orientation the EXIF tag gave
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("The image is damaged or not a complete JPEG or PNG image.")) from exc
    if content_type == JPEG or upright.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        upright = upright.convert("RGB" if content_type == JPEG else "RGBA")
    clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    if upright.mode == "P":
        clean.putpalette(upright.getpalette() or [])
    out = io.BytesIO()
    clean.save(out, format="JPEG" if content_type == JPEG else "PNG", **({"quality": 90} if content_type == JPEG
                                                                        else {}))
    return out.getvalue()


def _check_pdf(content: bytes) -> None:
    if b"%%EOF" not in content[-2048:]:
        raise ValidationError(_("The PDF is damaged or incomplete."))


def scanner() -> Callable[..., None]:
    return import_string(getattr(settings, "UPLOAD_SCANNER", "casework.uploads.no_scan"))


def no_scan(content: bytes, *, name: str) -> None:
    """The default scanner: accepts everything (plug in a real one with UPLOAD_SCANNER)."""


def check_upload(upload: bytes | object, *, accepted: frozenset[str], name: str = "upload",
                 max_bytes: int = DEFAULT_MAX_BYTES) -> CheckedUpload:
    """The upload's checked (for images: re-encoded) bytes and type; ValidationError in Dutch otherwise."""
    content = _read(upload)
    if not content:
        raise ValidationError(_("The file is empty."))
    if len(content) > max_bytes:
        raise ValidationError(_("The file is larger than %(size)d MB.") % {"size": max_bytes // (1024 * 1024)})
    kind = sniff(content, office=bool(accepted & OFFICE_TYPES))
    if kind is None or kind not in accepted:
        raise ValidationError(_("This file type is not accepted: upload a %(types)s file.")
                              % {"types": _type_names(accepted)})
    if kind == PDF:
        _check_pdf(content)
    elif kind in IMAGE_TYPES:
        content = _reencode(content, kind)
    try:
        scanner()(content, name=name)
    except UploadRejected as exc:
        raise ValidationError(_("The file was refused by the virus scanner.")) from exc
    return CheckedUpload(content=content, content_type=kind)


def attachment_response(content: bytes, *, content_type: str, filename: str,
                        cache_control: str = "no-store", inline: bool = False) -> HttpResponse:
    """A stored file as a download: never sniffed, never scripted; shown inline (a preview) only when
    asked and only for PDF, PNG and JPEG — anything else is always an attachment."""
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline and content_type in INLINE_TYPES else "attachment"
    # Django quotes a plain name and percent-encodes any other (RFC 6266 `filename*`): quotes, line breaks
    # and letters such as é can neither break the header nor get lost
    header = content_disposition_header(disposition == "attachment", filename.strip() or "document")
    response["Content-Disposition"] = header or disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cache-Control"] = cache_control
    return response
