"""The answer to an inzage request as a letter a citizen can read: a decision (besluit, UAVG art. 34).

`letter_context` gathers what the letter says besides the report itself: the request's reference
and date of receipt, the letter's date and the objection deadline (Awb 6:7/6:8, through
casework.deadlines.objection_deadline), the person it is addressed to, the categories of personal
data in the report (AVG 15(1)(b), from the sharing categories of the fields shown), and whether and
on which ground data was withheld (AVG 15(4) for the copy; UAVG art. 41 lid 1 sub i). The fixed
parts — rights (AVG 16-18, 21), complaint to the Autoriteit Persoonsgegevens, source as a category
(never a melder), no automated decision-making, the rechtsmiddelenclausule — are in the template
(templates/casework/privacy/inzage_pdf.html).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from casework.categories import FIELD_CATEGORIES, INTERNAL, METADATA, PERSONALIA, label_of
from casework.deadlines import objection_deadline
from casework.models import Person
from casework.pdf import datum
from casework.privacy.inzage import InzageReport
from casework.privacy.models import DataSubjectRequest


def request_reference(request: DataSubjectRequest) -> str:
    """A short reference for the letter ("AVG-2026-1A2B3C4D"): the year of receipt and the request's id."""
    return f"AVG-{request.received_on.year}-{str(request.pk)[:8].upper()}"


def data_categories(report: InzageReport) -> list[str]:
    """AVG 15(1)(b): the categories of the personal data shown, by the sharing category of each field."""
    codes = {PERSONALIA} if report.personal_data else set()
    for case in report.cases:
        for item in case.items:
            model = item.key.rpartition(":")[0]
            codes |= {code for code in FIELD_CATEGORIES.get(model, {}).values() if code not in (INTERNAL, METADATA)}
    return sorted({str(label_of(code)) for code in codes})


@dataclass(frozen=True)
class Letter:
    reference: str
    received_on: str
    dated: str
    objection_deadline: str
    addressee: list[str]
    categories: list[str]
    shielded: bool  # data of a melder or source withheld (UAVG 41 lid 1 sub i)
    withheld_passages: int
    address_lines: list[str]


def letter_context(report: InzageReport, request: DataSubjectRequest, *, today: date | None = None) -> Letter:
    today = today or timezone.localdate()
    person = request.person or Person.objects.filter(pk__in=report.person_ids).first()
    addressee = [" ".join(filter(None, [person.first_names, person.surname])), *(person.address or "").split(",")
                 ] if person is not None else []
    return Letter(
        reference=request_reference(request), received_on=datum(request.received_on), dated=datum(today),
        objection_deadline=datum(objection_deadline(announced_on=today)),
        addressee=[line.strip() for line in addressee if line and line.strip()],
        categories=data_categories(report),
        shielded=any(case.withheld for case in report.cases), withheld_passages=report.withheld_passages,
        address_lines=[line for line in report.organisation_address.splitlines() if line.strip()],
    )
