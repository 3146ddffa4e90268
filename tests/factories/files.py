"""Small, real files for upload tests: images Pillow can decode (with metadata to strip), PDFs."""

from __future__ import annotations

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
