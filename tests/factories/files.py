"""Small, real files for upload tests: images Pillow can decode (with metadata to strip), PDFs."""

from __future__ import annotations

import functools
import io

PDF = b"%PDF-1.4\n% synthetic test document\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
GPS_TAG = 0x8825  # EXIF GPSInfo
SECRET_COMMENT = "synthetic-secret-location"


def image_bytes(kind: str = "PNG", *, size: tuple[int, int] = (8, 6), with_metadata: bool = True) -> bytes:
    """A real JPEG or PNG; with metadata: EXIF (GPS position, camera) and, for PNG, a text chunk."""
    from PIL import Image, PngImagePlugin

    image = Image.new("RGB", size, (200, 80, 40))
    out = io.BytesIO()
    extra = {}
    if with_metadata:
        exif = Image.Exif()
        exif[0x010F] = "Synthetic Camera"  # Make
        exif[GPS_TAG] = {1: "N", 2: (52.0, 5.0, 0.0), 3: "E", 4: (5.0, 7.0, 0.0)}
        extra["exif"] = exif.tobytes()
        if kind == "PNG":
            info = PngImagePlugin.PngInfo()
            info.add_text("Comment", SECRET_COMMENT)
            extra["pnginfo"] = info
    image.save(out, format=kind, **extra)
    return out.getvalue()


PNG = image_bytes("PNG")
JPEG = image_bytes("JPEG")


# --- office documents (casework/office.py): minimal but structurally real archives ----------------------
_OOXML_MAIN = {
    "docx": ("word/document.xml",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "docm": ("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
}


def ooxml_bytes(kind: str = "docx", *, extra: dict[str, bytes] | None = None) -> bytes:
    """A Word document or Excel workbook as Office writes its skeleton; `extra` adds members (a vbaProject.bin)."""
    import zipfile

    part, content_type = _OOXML_MAIN[kind]
    types = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships '
                         'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>')
        archive.writestr(part, '<?xml version="1.0"?><document>Synthetische testtekst</document>')
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def odt_bytes(*, extra: dict[str, bytes] | None = None) -> bytes:
    """An OpenDocument text: `mimetype` first and stored, a manifest, the content."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest '
                         'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
        archive.writestr("content.xml", '<?xml version="1.0"?><office:document-content '
                         'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


@functools.cache
def zip_bomb_bytes(*, members: int = 1, size: int = 101 * 1024 * 1024) -> bytes:
    """A DOCX-looking archive whose members unpack to `size` bytes in total (zeros compress ~1000:1)."""
    import zipfile

    out = io.BytesIO()
    part = size // members
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'content-types"/>')
        for number in range(members):
            with archive.open(f"word/media/part{number}.bin", "w", force_zip64=True) as handle:
                chunk = b"\0" * (1024 * 1024)
                for _ in range(part // len(chunk)):
                    handle.write(chunk)
                handle.write(b"\0" * (part % len(chunk)))
    return out.getvalue()


def many_members_bytes(count: int = 3000) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for number in range(count):
            archive.writestr(f"p/{number}", b"")
    return out.getvalue()


DOCX = ooxml_bytes("docx")
XLSX = ooxml_bytes("xlsx")
ODT = odt_bytes()
