"""casework/pdf.py: every document is PDF/A-2u with the bundled fonts embedded, and never falls back."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from casework import pdf
from tests.pdfa import assert_pdfa_2u

SOURCE = ("Besluit tot sluiting van de woning aan de Dorpsstraat 1 – “spoedeisend” € 2.500,– "
          "ëïéç ĳ Łódź")


def test_a_document_is_pdfa_2u_and_its_text_extracts_as_written():
    data = pdf.render_pdf(f"<h1>Kop</h1><p>{SOURCE}</p><ul><li>één</li></ul>", title="Test")
    text = assert_pdfa_2u(data, contains=("Kop", "één"))
    assert SOURCE in text


def test_a_missing_font_is_an_error_not_a_silent_fallback(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "FONT_DIR", tmp_path)
    with pytest.raises(ImproperlyConfigured, match="DejaVuSans"):
        pdf.render_pdf("<p>x</p>", title="Test")


def test_the_fonts_are_bundled_with_their_licence():
    for name in pdf.FONT_STYLES.values():
        assert (pdf.FONT_DIR / name).stat().st_size > 100_000
    assert "Bitstream" in (pdf.FONT_DIR / "LICENSE").read_text()


def test_an_unembeddable_core_font_is_refused():
    """fpdf2's PDF/A mode refuses the 14 base fonts, which are never embedded."""
    from fpdf import FPDF
    document = FPDF(enforce_compliance=pdf.COMPLIANCE)
    document.add_page()
    with pytest.raises(Exception, match="base fonts"):
        document.set_font("Helvetica")


# Every letter a Dutch, German, French, Polish, Turkish, Czech, Romanian, Vietnamese or Icelandic
# name can hold, the Greek and Cyrillic alphabets, and the signs our texts use.
COVERED = ("".join(chr(c) for c in range(0x20, 0x7F)) + "".join(chr(c) for c in range(0xA0, 0x250))
           + "ĳĲŁłŞşȘșȚțĞğİıŐőŰűẞ" + "ẠạẶặỆệỢợỰự" + "ΑαΒβΓγΔδΩω" + "АаБбЖжЩщЯяЁё"
           + "€–—‘’“”„•…§≤≥→✔")


def test_the_cut_fonts_cover_every_name_and_sign_we_print():
    from fontTools.ttLib import TTFont

    for name in pdf.FONT_STYLES.values():
        cmap = TTFont(pdf.FONT_DIR / name, lazy=True).getBestCmap()
        missing = [char for char in COVERED if ord(char) not in cmap and char != "\xad"]
        assert not missing, (name, missing)


def test_each_document_embeds_its_own_glyphs_although_the_fonts_are_registered_once():
    """The prototype's fonts must not be cut down by the first document's subset: a second document
    with other characters (in every style) still prints them all."""
    first = pdf.render_pdf("<p>aaa</p>", title="Een")
    second = pdf.render_pdf("<h1>Łódź</h1><p>xyz € <b>vet ĳ</b> <i>schuin ő</i></p>", title="Twee")
    assert assert_pdfa_2u(first) == "aaa"
    assert assert_pdfa_2u(second) == "Łódź xyz € vet ĳ schuin ő"


def test_documents_made_in_parallel_threads_each_hold_their_own_text():
    from concurrent.futures import ThreadPoolExecutor

    pdf._prototype.cache_clear()  # the threads race to build the prototype as well
    texts = [f"Brief nummer {n} aan {name}" for n, name in enumerate(("Ærø", "Ñandú", "Şahin", "Øster"))]
    with ThreadPoolExecutor(max_workers=4) as pool:
        documents = list(pool.map(lambda text: pdf.render_pdf(f"<p>{text}</p>", title=text), texts))
    assert [assert_pdfa_2u(document) for document in documents] == texts


def test_every_document_carries_its_own_creation_date():
    import io

    from pypdf import PdfReader

    def created(document: bytes):
        return PdfReader(io.BytesIO(document)).xmp_metadata.xmp_create_date

    first = created(pdf.render_pdf("<p>a</p>", title="a"))
    pdf._prototype(pdf.FONT_DIR)[0].set_creation_date(first.replace(year=2000))  # a stale prototype date...
    second = created(pdf.render_pdf("<p>b</p>", title="b"))
    assert second.year != 2000 and second >= first  # ...never reaches a document


def test_a_document_embeds_only_the_styles_it_uses():
    """Of the four registered styles a letter usually prints two: only those are subset and embedded (the others
    took 45 % of a letter's time), and a style the text does use is never left out."""
    import re

    def embedded(document: bytes) -> tuple[list[bytes], int]:
        names = sorted({name for name in re.findall(rb"/BaseFont /(?:[A-Z]{6}\+)?([A-Za-z-]+)", document)})
        return names, document.count(b"/FontFile2")

    plain = pdf.render_pdf("<p>gewoon</p>", title="a")
    mixed = pdf.render_pdf("<p>gewoon <b>vet</b> <i>schuin</i></p>", title="b")
    assert embedded(plain) == ([b"DejaVuSansBook"], 1)
    assert embedded(mixed) == ([b"DejaVuSansBold", b"DejaVuSansBook", b"DejaVuSansOblique"], 3)
    assert assert_pdfa_2u(mixed) == "gewoon vet schuin"
