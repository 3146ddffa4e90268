"""Office documents judged by their bytes (casework/uploads.py calls `kind_of` for every ZIP archive).

An office document is a ZIP archive; it is accepted as DOCX, XLSX or ODT only when
- the archive is bounded before anything is unpacked: at most `MAX_MEMBERS` members and at most
  `MAX_UNCOMPRESSED` bytes in total as the central directory declares them, no member compressed
  more than `MAX_RATIO` times, no encrypted member (a zip bomb or a hidden payload is refused);
- its content types say what it is: OOXML's `[Content_Types].xml` names the main part of a Word
  document or an Excel workbook; ODF's first member `mimetype` says `application/vnd.oasis.opendocument.text`
  and a `META-INF/manifest.xml` is present;
- it carries no macros: no `vbaProject.bin` anywhere, no `macroEnabled` or VBA content type (.docm,
  .xlsm renamed to .docx), no ODF `Basic/` or `Scripts/` folder.
The XML is parsed with defusedxml (no entity expansion, no external entities).
"""

from __future__ import annotations

import io
import zipfile

from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
MAX_MEMBERS = 2000
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_XML_BYTES = 1024 * 1024  # [Content_Types].xml, the manifest: small by nature
MACRO_NAMES = ("vbaproject.bin", "vbadata.xml")
MACRO_FOLDERS = ("basic/", "scripts/")
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _refuse_macros() -> ValidationError:
    return ValidationError(_("Documents with macros are not accepted: save the document without macros "
                             "(as .docx, .xlsx or .odt)."))


def _damaged() -> ValidationError:
    return ValidationError(_("The office document is damaged or not a complete DOCX, XLSX or ODT file."))


def _bounded(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNCOMPRESSED:
        raise ValidationError(_("The office document unpacks to too many or too large parts."))
    for member in members:
        if member.flag_bits & 0x1:
            raise ValidationError(_("Encrypted or password-protected documents are not accepted."))
        if member.file_size > MAX_RATIO * max(member.compress_size, 1) and member.file_size > 1024 * 1024:
            raise ValidationError(_("The office document unpacks to too many or too large parts."))
    return members


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_XML_BYTES:
        raise _damaged()
    return archive.read(info)


def _ooxml_kind(archive: zipfile.ZipFile) -> str | None:
    try:
        root = ElementTree.fromstring(_read_small(archive, "[Content_Types].xml"))
    except Exception as exc:  # defusedxml refuses entities; a damaged XML is refused the same way
        raise _damaged() from exc
    types = [element.get("ContentType", "") for element in root.iter()
             if element.tag in (f"{_CT}Override", f"{_CT}Default")]
    if any("macroenabled" in kind.lower() or "vbaproject" in kind.lower() for kind in types):
        raise _refuse_macros()
    found = {MAIN_PARTS[kind] for kind in types if kind in MAIN_PARTS}
    return found.pop() if len(found) == 1 else None


def _odf_kind(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> str | None:
    if members[0].filename != "mimetype" or _read_small(archive, "mimetype").strip() != ODT.encode():
        return None
    if "META-INF/manifest.xml" not in archive.namelist():
        raise _damaged()
    try:
        ElementTree.fromstring(_read_small(archive, "META-INF/manifest.xml"))
    except Exception as exc:
        raise _damaged() from exc
    return ODT


def kind_of(content: bytes) -> str | None:
    """DOCX, XLSX or ODT when the archive is one (bounded, without macros); None for another archive.

    Raises ValidationError (Dutch) for a zip bomb, an encrypted member, macros or a damaged document."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _damaged() from exc
    with archive:
        members = _bounded(archive)
        if not members:
            raise _damaged()
        names = [member.filename.lower() for member in members]
        if any(name.rsplit("/", 1)[-1] in MACRO_NAMES for name in names) \
                or any(name.startswith(MACRO_FOLDERS) for name in names):
            raise _refuse_macros()
        kind = _ooxml_kind(archive) if "[content_types].xml" in names else _odf_kind(archive, members)
        if kind is not None and archive.testzip() is not None:
            raise _damaged()
        return kind
