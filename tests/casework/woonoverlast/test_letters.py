"""casework/woonoverlast/letters.py: the voornemen (gedragsaanwijzing and closure), the
gedragsaanwijzing and the closure decision letter, read back from their PDF/A text: the dates
(sending, view due, announcement, compliance and disturbance end per addressee, objection term), the
names, the shared clauses of casework/letters — and never a reporter. Each letter only in the states
where its legal basis exists (refused elsewhere, 400 on the page)."""

from __future__ import annotations

import datetime
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casework.pdf import datum
from casework.remedies.models import Announcement
from casework.woonoverlast import letters, services
from casework.woonoverlast.demo import demo_bsns
from casework.woonoverlast.models import Intention
from tests.factories.woonoverlast import (
    BEHAVIOUR,
    GROUNDS,
    URGENCY,
    make_file,
    step,
    to_intention,
    walk_to_closure,
    walk_to_order,
)
from tests.pdfa import assert_pdfa_2u

pytestmark = pytest.mark.django_db(databases="__all__")
BSN = next(demo_bsns())
MELDER = {"first_names": "Zwaluw", "surname": "Geheimmelder", "bsn": BSN,
          "address": "Verklikkerpad 77, 9999 ZZ Demodorp"}
NEEDLES = ("Zwaluw", "Geheimmelder", BSN, "Verklikkerpad")
OBJECTION = ("Bent u het niet eens met dit besluit? Maak dan bezwaar", "artikel 6:9", "voorzieningenrechter",
             "Rechtbank Testland", "Hoogachtend")


@pytest.fixture
def planted(officer, apv):
    return make_file(owner=officer, melder=dict(MELDER))


def _text(pdf: bytes, *contains: str) -> str:
    text = " ".join(assert_pdfa_2u(pdf, contains=contains).split())
    assert [needle for needle in NEEDLES if needle in text] == []
    return text


def _announce(officer, row, day: datetime.date) -> Announcement:
    return services.announcement_register(actor=officer, decision=row, addressee=row.case.person,
                                          method="registered_post", announced_on=day)


def test_the_intention_of_a_gedragsaanwijzing(planted, officer):
    to_intention(planted, by=officer)
    intention = Intention.objects.get(case=planted)
    text = _text(letters.intention_letter_pdf(intention), "Voornemen gedragsaanwijzing", "artikel 4:8")
    person = planted.person
    assert f"Datum: {datum(intention.sent_on)}" in text and f"uiterlijk op {datum(intention.view_due_on)}" in text
    assert f"{person.first_names} {person.surname}" in text and planted.reference in text
    assert "Verklaring A: geluidsoverlast" in text and "buurtbemiddeling" in text  # zwartboek, interventions
    assert "De burgemeester van" in text and "CONCEPT" not in text and "namens deze" not in text


def test_the_intention_letter_only_while_the_intention_is_pending(planted, officer, lead):
    order = walk_to_order(planted, by=officer, lead=lead)
    intention = Intention.objects.get(case=planted)
    with pytest.raises(ValidationError) as refused:
        letters.intention_letter_pdf(intention)
    assert refused.value.error_dict["kind"][0].code == "letter_state"
    assert order.intention_id == intention.pk


def test_the_gedragsaanwijzing_letter_per_addressee(planted, officer, lead):
    order = walk_to_order(planted, by=officer, lead=lead, enforcement="dwangsom", penalty_form="per_time_unit",
                          amount="150.00", time_unit="day", maximum="3000.00")
    announced = order.decided_on + timedelta(days=2)
    announcement = _announce(officer, order, announced)
    text = _text(letters.decision_letter_pdf(order, announcement), "Besluit gedragsaanwijzing", *OBJECTION)
    assert f"Datum: {datum(announced)}" in text and f"op {datum(order.decided_on)} besloten" in text
    assert f"uiterlijk op {datum(announcement.compliance_ends_on)}" in text
    assert f"De bezwaartermijn eindigt op {datum(announcement.objection_deadline)}" in text
    assert "als bewoner die de overlast veroorzaakt" in text and "€ 150,00 per dag" in text and "€ 3.000,00" in text
    assert BEHAVIOUR.split(" (")[0] in text and "art. 2:79 APV" in text


def test_the_closure_letter_gives_the_addressee_an_end_date_to_end_the_disturbance(planted, officer, lead):
    closure = walk_to_closure(planted, by=officer, lead=lead, weeks=8, term_days=5)
    announcement = _announce(officer, closure, closure.decided_on + timedelta(days=1))
    text = _text(letters.decision_letter_pdf(closure, announcement), "Besluit tot sluiting van de woning",
                 "artikel 174a", *OBJECTION)
    assert f"uiterlijk op {datum(announcement.compliance_ends_on)} te beëindigen" in text
    assert f"voor de duur van 8 weken, van {datum(closure.starts_on)} tot en met" in text
    assert GROUNDS.split(" (")[0] in text and "artikel 5:25" in text
    assert f"Datum: {datum(announcement.announced_on)}" in text


def test_an_urgent_closure_letter_gives_no_term_and_says_why(planted, officer, lead):
    closure = walk_to_closure(planted, by=officer, lead=lead, urgent=True)
    announcement = _announce(officer, closure, closure.decided_on)
    text = _text(letters.decision_letter_pdf(closure, announcement), "Besluit tot sluiting")
    assert "Termijn om de verstoring te beëindigen" not in text and URGENCY.split(" (")[0] in text


def test_the_intention_of_a_closure_names_the_drafted_duration(planted, officer, lead):
    step(planted, "interventies", by=officer)
    services.zwartboek_record(actor=officer, case=planted, compiled_on="2025-03-08",
                              statements="Verklaring B: bedreiging (geanonimiseerd).", verified_on="2025-03-08")
    step(planted, "voornemen_sluiting", by=officer, intention_sent_on="2025-03-12")
    intention = Intention.objects.get(case=planted)
    text = _text(letters.intention_letter_pdf(intention), "Voornemen tot sluiting", "artikel 174a")
    assert "Verklaring B" in text and f"uiterlijk op {datum(intention.view_due_on)}" in text


def test_the_letter_pages_are_audited_and_refuse_outside_their_state(client, login, planted, officer, lead):
    closure = walk_to_closure(planted, by=officer, lead=lead)
    announcement = _announce(officer, closure, closure.decided_on)
    intention = Intention.objects.get(case=planted)
    login(client, officer)
    page = client.get(reverse("casework:case_detail", args=[planted.pk])).content.decode()
    decision_url = reverse("casework:woonoverlast_letter_pdf", args=[planted.pk, announcement.pk])
    intention_url = reverse("casework:woonoverlast_intention_letter_pdf", args=[planted.pk, intention.pk])
    assert decision_url in page and intention_url not in page  # the intention's state has passed
    response = client.get(decision_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    from audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="export", object_id=str(announcement.pk)).exists()
    assert client.get(intention_url).status_code == 400
    step(planted, "afgesloten", by=officer)
    assert client.get(decision_url).status_code == 400
