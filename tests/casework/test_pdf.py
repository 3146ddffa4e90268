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
