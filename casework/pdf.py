"""PDF plumbing shared by every document the system prints: A4 PDFs from a body of HTML (fpdf2's
`write_html` subset: headings, paragraphs, lists, tables) and dates as Dutch documents write them.

Used by the Damocles letters, the inzage report and the destruction statement. Moved here from
casework/damocles/letters.py so the core's privacy documents no longer import a case type.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fpdf import FPDF, TextStyle

MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december")

# A Unicode TrueType font when the machine has one (Debian's fonts-dejavu-core); otherwise the
# PDF core font Helvetica, with text reduced to Latin-1 (no downloads, ever).
DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU_STYLES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
                 "BI": "DejaVuSans-BoldOblique.ttf"}


def datum(day: date | None) -> str:
    """A date as Dutch letters write it: '28 december 2026'."""
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}" if day else ""


def _pdf_font(pdf: FPDF) -> bool:
    """Register DejaVu when installed; True means Unicode text is fine."""
    if not all((DEJAVU_DIR / name).is_file() for name in DEJAVU_STYLES.values()):
        pdf.set_font("Helvetica", size=11)
        return False
    for style, name in DEJAVU_STYLES.items():
        pdf.add_font("DejaVu", style, str(DEJAVU_DIR / name))
    pdf.set_font("DejaVu", size=11)
    return True


PDF_TAG_STYLES = {
    "h1": TextStyle(color="#000000", font_size_pt=15, t_margin=6, b_margin=3),
    "h2": TextStyle(color="#000000", font_size_pt=12, t_margin=5, b_margin=1),
    "p": TextStyle(b_margin=2),
}


def _latin1(text: str) -> str:
    return text.replace("\u20ac", "EUR").encode("latin-1", errors="replace").decode("latin-1")


def render_pdf(body_html: str, *, title: str) -> bytes:
    """A body of HTML (a letter, a report) as an A4 PDF (fpdf2's HTML subset: headings, paragraphs, lists, tables)."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("Zorg en Veiligheid casework")
    pdf.set_margins(25, 20, 25)
    pdf.add_page()
    unicode_font = _pdf_font(pdf)
    pdf.write_html(
        body_html if unicode_font else _latin1(body_html), font_family="DejaVu" if unicode_font else "Helvetica",
        li_prefix_color="#000000", tag_styles=PDF_TAG_STYLES,
    )
    return bytes(pdf.output())
