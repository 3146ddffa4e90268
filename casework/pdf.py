"""PDF plumbing shared by every document the system prints: A4 PDFs from a body of HTML (fpdf2's
`write_html` subset: headings, paragraphs, lists, tables) and dates as Dutch documents write them.

Used by the Damocles letters, the inzage report and the destruction statement. Moved here from
casework/damocles/letters.py so the core's privacy documents no longer import a case type.
"""

from __future__ import annotations

import copy
import io
import threading
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from fpdf import FPDF

# fpdf2 (with fontTools) is imported when the first PDF is made, not when a module that can make one
# is: it takes about a second, and the URL configuration reaches this module, so every process that
# loads the URLs — each gunicorn worker, each management command's system checks — would pay for it.

MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december")

# DejaVu Sans 2.37 (fonts-dejavu-core, Bitstream Vera licence: casework/fonts/LICENSE), cut to the
# scripts we print (casework/fonts/README.md, ADR 0012) and bundled in
# the repository so every PDF embeds the same fonts on every machine. There is no fallback: a
# missing font file is an error, never Helvetica with characters silently replaced.
FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVu"
FONT_STYLES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
               "BI": "DejaVuSans-BoldOblique.ttf"}
# PDF/A-2u (ISO 19005-2, level U): fpdf2 writes the XMP `pdfaid` metadata and an sRGB output intent,
# refuses unembedded fonts and encryption, and gives every embedded font a ToUnicode map. See ADR 0012.
COMPLIANCE = "PDFA_2U"


def datum(day: date | None) -> str:
    """A date as Dutch letters write it: '28 december 2026'."""
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}" if day else ""


def _register_fonts(pdf: FPDF, font_dir: Path) -> None:
    for style, name in FONT_STYLES.items():
        path = font_dir / name
        if not path.is_file():
            raise ImproperlyConfigured(f"The PDF font {path} is missing: reinstall the application files.")
        pdf.add_font(FONT_FAMILY, style, str(path))


def _tag_styles() -> dict[str, Any]:
    from fpdf import TextStyle

    return {
        "h1": TextStyle(color="#000000", font_size_pt=15, t_margin=6, b_margin=3),
        "h2": TextStyle(color="#000000", font_size_pt=12, t_margin=5, b_margin=1),
        "p": TextStyle(b_margin=2),
    }


@cache
def _prototype(font_dir: Path) -> tuple[FPDF, dict[str, bytes]]:
    """An empty document with the fonts registered, copied for every document, and the font files.

    Registering the four fonts (fpdf2 reading their tables and building its width and glyph maps)
    took about half of what a short letter costs. fpdf2 deep-copies a document itself
    (`FPDF.offset_rendering`), so a copy is a supported state; but its copy shares each font's
    fontTools object, which `output()` subsets in place. `_new_document` therefore gives every copy
    fresh, lazily read fontTools objects over the same bytes. Keyed on the font directory, so a test
    that points it elsewhere gets its own prototype (or the error).
    """
    from fpdf import FPDF

    pdf = FPDF(format="A4", enforce_compliance=COMPLIANCE)
    pdf.set_creator("Zorg en Veiligheid casework")
    pdf.set_producer("Zorg en Veiligheid casework (fpdf2)")
    pdf.set_margins(25, 20, 25)
    _register_fonts(pdf, font_dir)
    files = {key: Path(font.ttffile).read_bytes() for key, font in _ttf_fonts(pdf)}
    return pdf, files


def _ttf_fonts(pdf: FPDF) -> list[tuple[str, Any]]:
    """The embedded TrueType fonts (PDF/A refuses the core fonts, so these are all of them)."""
    from fpdf.fonts import TTFFont

    return [(key, font) for key, font in pdf.fonts.items() if isinstance(font, TTFFont)]


_PROTOTYPE_LOCK = threading.Lock()


def _new_document() -> FPDF:
    from fontTools.ttLib import TTFont

    with _PROTOTYPE_LOCK:  # one thread builds the prototype; copies only read it
        prototype, files = _prototype(FONT_DIR)
    # The width and glyph maps are read-only once the font is registered (a width asked for a
    # character the font lacks adds the font's default width, the same in every copy): the copies
    # share them rather than copying 2,000 entries per font.
    shared: dict[int, Any] = {}
    for font in prototype.fonts.values():
        for attribute in ("cw", "glyph_ids"):
            value = getattr(font, attribute, None)
            if value is not None:
                shared[id(value)] = value
    pdf = copy.deepcopy(prototype, shared)
    for key, font in _ttf_fonts(pdf):
        font.ttfont = TTFont(io.BytesIO(files[key]), recalcTimestamp=False, lazy=True)
    pdf.set_creation_date(datetime.now(UTC))
    return pdf


def render_pdf(body_html: str, *, title: str, language: str = "nl") -> bytes:
    """A body of HTML (a letter, a report) as an A4 PDF/A-2u document (fpdf2's HTML subset: headings,
    paragraphs, lists, tables), fonts embedded, text extractable, the document language set."""
    pdf = _new_document()
    pdf.set_title(title)
    pdf.set_lang(language)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, size=11)
    pdf.write_html(body_html, font_family=FONT_FAMILY, li_prefix_color="#000000", tag_styles=_tag_styles())
    _drop_unused_fonts(pdf)
    return bytes(pdf.output())


def _drop_unused_fonts(pdf: FPDF) -> None:
    """Embed only the styles the document uses. fpdf2 subsets and embeds every registered font, and most letters
    use two of the four (regular and bold): subsetting the other two took 45 % of a letter's time and their
    tables a third of its bytes. The fonts a page uses are in its resources (fpdf2's resource catalogue, which is
    not public: without it every font is embedded, as before)."""
    from fpdf.enums import PDFResourceType

    catalog = getattr(pdf, "_resource_catalog", None)
    if catalog is None:
        return
    used = catalog.get_used_resources(PDFResourceType.FONT)
    for key in [key for key, font in pdf.fonts.items() if font.i not in used]:
        del pdf.fonts[key]
