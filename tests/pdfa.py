"""Structural checks of PDF/A-2u documents (a validator such as veraPDF cannot be installed here).

`assert_pdfa_2u` checks what ISO 19005-2 level U asks of our documents and what can go wrong in
our generator: XMP metadata naming part 2 and conformance U, an sRGB output intent with its ICC
profile, every font embedded with a ToUnicode map, no encryption, and text that extracts as the
source said (so ToUnicode is right, not merely present).
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _fonts(reader: PdfReader):
    for page in reader.pages:
        resources = _resolve(page.get("/Resources")) or DictionaryObject()
        for font in (_resolve(resources.get("/Font")) or DictionaryObject()).values():
            yield _resolve(font)


def _descriptor(font):
    if font.get("/Subtype") == "/Type0":
        font = _resolve(font["/DescendantFonts"][0])
    return _resolve(font.get("/FontDescriptor"))


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages)).strip()


def assert_pdfa_2u(data: bytes, *, contains: tuple[str, ...] = ()) -> str:
    """Fail unless `data` has the structure of a PDF/A-2u document; returns its extracted text."""
    reader = PdfReader(io.BytesIO(data))
    assert not reader.is_encrypted
    root = reader.trailer["/Root"]
    xmp = reader.xmp_metadata
    assert xmp is not None, "no XMP metadata"
    xml = xmp.rdf_root.toxml()
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", xml) and re.search(r"<pdfaid:conformance>U<", xml), xml
    intents = [_resolve(i) for i in _resolve(root["/OutputIntents"])]
    assert [i["/S"] for i in intents] == ["/GTS_PDFA1"]
    profile = _resolve(intents[0]["/DestOutputProfile"])
    assert profile["/N"] == 3 and len(profile.get_data()) > 1000, "no sRGB ICC profile"
    assert root.get("/Lang"), "no document language"
    fonts = list(_fonts(reader))
    assert fonts, "no fonts"
    for font in fonts:
        descriptor = _descriptor(font)
        assert descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
            f"font {font.get('/BaseFont')} is not embedded"
        assert "/ToUnicode" in font, f"font {font.get('/BaseFont')} has no ToUnicode map"
    text = pdf_text(data)
    for expected in contains:
        assert expected in text, f"{expected!r} not in the PDF text"
    return text
