"""The gedragsaanwijzing letter to one addressee (one announcement), as a PDF/A document.

The letter is the decision as announced to that addressee: the behaviour ordered or forbidden, the
APV article with its text in force on the decision date (data with a date of effect), the duration,
the compliance term with the addressee's own end date (stored on the announcement by the core's
casework/remedies/terms.py), the penalty of a dwangsom, the evidence only as the anonymised
zwartboek with the official's verification of the reporters' identities — never a reporter — and
the objection clause with the addressee's own deadline (Awb 3:45). Dutch legal text lives in the
template (casework/woonoverlast/templates/woonoverlast/letters/), not in msgids.
"""

from __future__ import annotations

from typing import Any, cast

from django.template.loader import render_to_string

from casework.pdf import datum, render_pdf
from casework.remedies.models import Announcement
from casework.woonoverlast.models import BehaviouralOrder, Enforcement, Zwartboek

TITLE = "Besluit gedragsaanwijzing"
CAPACITY_NL = {"occupant": "bewoner die de overlast veroorzaakt",
               "landlord": "degene die de woning in gebruik geeft (artikel 151d, tweede lid, Gemeentewet)"}
PENALTY_NL = {"lump_sum": "ineens", "per_time_unit": "per tijdseenheid", "per_violation": "per overtreding"}


def letter_context(order: BehaviouralOrder, announcement: Announcement) -> dict[str, Any]:
    person = announcement.addressee_person
    book = order.intention.zwartboek if order.intention_id and order.intention else \
        Zwartboek.objects.filter(case=order.case).order_by("-compiled_on").first()
    return {
        "order": order, "apv": order.apv_article, "person": person,
        "name": " ".join(part for part in (person.first_names, person.surname) if part) if person else "",
        "address": person.address if person else "", "dwelling": cast(Any, order.case).woonoverlast.dwelling_address,
        "capacity": CAPACITY_NL.get(order.addressee_capacity, ""),
        "dwangsom": order.enforcement == Enforcement.DWANGSOM,
        "penalty_form": PENALTY_NL.get(order.penalty_form, ""),
        "decided_on": datum(order.decided_on), "starts_on": datum(order.starts_on), "ends_on": datum(order.ends_on),
        "apv_since": datum(order.apv_article.effective_from),
        "compliance_ends_on": datum(announcement.compliance_ends_on),
        "announced_on": datum(announcement.announced_on), "objection_deadline": datum(announcement.objection_deadline),
        "zwartboek": book, "zwartboek_verified_on": datum(book.verified_on) if book else "",
        "intention_sent_on": datum(order.intention.sent_on) if order.intention else "",
        "controller": order.case.controller,
    }


def letter_pdf_bytes(order: BehaviouralOrder, announcement: Announcement) -> bytes:
    body = render_to_string("woonoverlast/letters/gedragsaanwijzing.html", letter_context(order, announcement))
    return render_pdf(body, title=TITLE)
