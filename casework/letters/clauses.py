"""The clauses letters share: letterhead, rechtsmiddelenclausule, interim relief and signature.

Each builder returns plain Dutch text (a heading and paragraphs; a paragraph may hold line breaks
for an address), which the partials in templates/letters/ render; a test reads the same text back
from the PDF. What a clause depends on:

- the objection term ends on the addressee's own deadline (Awb 6:7/6:8, `casework.deadlines`),
  counted from that addressee's announcement; a draft names the term but no date;
- an objection sent by post before the end of the term and received within a week after it is
  on time (Awb 6:9 lid 2): "received by" alone would mislead the addressee;
- the objection goes to the bestuursorgaan at the organisation's postal address (Awb 6:4);
- the digital route is mentioned only where the organisation opened it (Awb 2:15): otherwise a
  citizen who objects by e-mail relies on a route that does not exist;
- interim relief is asked of the voorzieningenrechter of the competent court, and only while an
  objection is pending (Awb 8:81); the court charges a griffierecht;
- "namens deze" only when someone signs under mandate, never when the mayor signs personally.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import Organisation
from casework.deadlines import objection_deadline
from casework.pdf import datum

AWB = "de Algemene wet bestuursrecht"


@dataclass(frozen=True)
class Clause:
    heading: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join((self.heading, *self.paragraphs))


def bestuursorgaan(*, authority: str, organisation: Organisation) -> str:
    """'burgemeester van Demodorp' (lower case: it follows "de" or "aan de" in a sentence)."""
    return f"{authority} van {organisation.proper_name}"


def letterhead(*, authority: str, organisation: Organisation) -> tuple[str, str]:
    """(sender, postal address) for the top of a letter: 'De burgemeester van Demodorp'."""
    return f"De {bestuursorgaan(authority=authority, organisation=organisation)}", organisation.postal_address


def require_letter_details(organisation: Organisation, *, appealable: bool) -> None:
    """A letter needs the sender's postal address; a decision also the competent court (8:81)."""
    missing = [] if organisation.postal_address.strip() else [_("postal address")]
    if appealable and not (organisation.court_name.strip() and organisation.court_address.strip()):
        missing.append(_("competent court and its address"))
    if missing:
        raise ValidationError(
            _("The letter cannot be made: the organisation's %(missing)s is not recorded. A team lead records "
              "it on the organisation page.") % {"missing": _(" and ").join(str(m) for m in missing)},
            code="organisation_details",
        )


def objection_end(*, announced_on: date | None, deadline: date | None = None) -> date | None:
    """The last day of the addressee's objection term; None for a draft (nothing announced yet)."""
    if announced_on is None:
        return None
    return deadline or objection_deadline(announced_on=announced_on)


def objection_clause(*, authority: str, organisation: Organisation, reference: str, announced_on: date | None,
                     deadline: date | None = None) -> Clause:
    """Hoe, waar en wanneer bezwaar (Awb 3:45, 6:4, 6:5, 6:7-6:9, 2:15)."""
    end = objection_end(announced_on=announced_on, deadline=deadline)
    organ = bestuursorgaan(authority=authority, organisation=organisation)
    term = ("U kunt binnen zes weken na de dag waarop dit besluit aan u is bekendgemaakt een bezwaarschrift "
            "indienen.")
    term += f" De bezwaartermijn eindigt op {datum(end)}." if end else ""
    paragraphs = [
        term,
        "Uw bezwaarschrift is op tijd als het vóór het einde van de termijn is ontvangen, of als het vóór het "
        "einde van de termijn per post is verzonden en niet later dan een week na afloop van de termijn is "
        f"ontvangen (artikel 6:9 van {AWB}).",
        f"Stuur uw bezwaarschrift, onder vermelding van “bezwaarschrift” en het kenmerk {reference}, naar:\n"
        f"De {organ}\n{organisation.postal_address}",
    ]
    if organisation.digital_objection_url:
        paragraphs.append(
            f"U kunt uw bezwaarschrift ook digitaal indienen, via {organisation.digital_objection_url} "
            f"(artikel 2:15 van {AWB}).")
    paragraphs.append(
        "Zet in uw bezwaarschrift in elk geval uw naam en adres, de datum, het besluit waartegen u bezwaar maakt "
        "(bijvoorbeeld het kenmerk van deze brief), waarom u het niet eens bent met het besluit, en uw "
        f"handtekening (artikel 6:5 van {AWB}).")
    return Clause("Bent u het niet eens met dit besluit? Maak dan bezwaar", tuple(paragraphs))


def interim_relief_clause(*, organisation: Organisation) -> Clause:
    """Voorlopige voorziening (Awb 8:81): only with a pending objection, at the competent court."""
    court = organisation.court_name
    return Clause("Kan het besluit niet wachten? Vraag een voorlopige voorziening", (
        "Een bezwaarschrift schorst de werking van dit besluit niet: het besluit kan worden uitgevoerd terwijl "
        "op uw bezwaar nog niet is beslist.",
        "Vindt u dat de uitvoering van het besluit niet kan wachten op de beslissing op uw bezwaar, dan kunt u "
        f"de voorzieningenrechter van de {court} vragen een voorlopige voorziening te treffen (artikel 8:81 van "
        f"{AWB}). Dat kan alleen als u bezwaar hebt gemaakt en daarop nog niet is beslist. Stuur een kopie van "
        "uw bezwaarschrift mee.",
        f"Het adres is:\n{court}\nt.a.v. de voorzieningenrechter\n{organisation.court_address}",
        "Voor de behandeling van een verzoek om een voorlopige voorziening moet u griffierecht betalen. De "
        "rechtbank laat u weten hoeveel dat is en hoe u het betaalt.",
    ))


def signature(*, authority: str, organisation: Organisation, signatory: str, under_mandate: bool) -> tuple[str, ...]:
    """The lines under "Hoogachtend,": 'namens deze' and the official only under mandate; when the
    mayor signs personally, their name under the office."""
    lines = [f"de {bestuursorgaan(authority=authority, organisation=organisation)},"]
    if under_mandate:
        lines.append("namens deze,")
    if signatory.strip():
        lines.append(signatory.strip())
    return tuple(lines)
