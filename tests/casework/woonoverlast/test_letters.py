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
    SIGNATORY,
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
    assert "De burgemeester van" in text and "CONCEPT" not in text
    assert f"namens deze, {SIGNATORY}" in text  # signed in mandate by the recorded signatory


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
    step(planted, "voornemen_sluiting", by=officer, intention_sent_on="2025-03-12", signatory=SIGNATORY)
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


def test_a_decision_signed_by_the_mayor_personally_has_no_namens_deze(planted, officer, lead):
    to_intention(planted, by=officer)
    from tests.factories.woonoverlast import approve, draft_order

    order = draft_order(planted, by=officer)
    approve(order, lead)
    due = Intention.objects.get(case=planted).view_due_on
    with pytest.raises(ValidationError) as unsigned:  # a decision is never signed by the office alone
        step(planted, "gedragsaanwijzing", by=officer, decided_on=(due + timedelta(days=1)).isoformat())
    assert "signatory" in unsigned.value.message_dict
    planted.refresh_from_db()
    assert planted.status == "voornemen"
    step(planted, "gedragsaanwijzing", by=officer, decided_on=(due + timedelta(days=1)).isoformat(),
         signatory="A. Testburgemeester")
    order.refresh_from_db()
    text = _text(letters.decision_letter_pdf(order, _announce(officer, order, order.decided_on)))
    assert "A. Testburgemeester" in text and "namens deze" not in text


def _second_addressee(case, officer):
    from casework.persons import person_register
    from casework.woonoverlast.casetype import PROCESSING_ACTIVITY

    person, _created = person_register(actor=officer, controller=case.controller, first_names="Lodewijk",
                                       surname="Testverhuurder", address="Verhuurdersweg 1, 9999 ZZ Demodorp",
                                       date_of_birth=datetime.date(1970, 5, 6),
                                       processing_activity=PROCESSING_ACTIVITY)
    return person


def test_the_intention_goes_to_every_addressee_of_the_intended_decision(planted, officer, lead):
    step(planted, "interventies", by=officer)
    services.zwartboek_record(actor=officer, case=planted, compiled_on="2025-03-08",
                              statements="Verklaring B: bedreiging (geanonimiseerd).", verified_on="2025-03-08")
    landlord = _second_addressee(planted, officer)
    services.closure_request_approval(actor=officer, case=planted, addressees=[planted.person, landlord],
                                      duration_weeks=6, disturbance_term_days=3, grounds=GROUNDS)
    step(planted, "voornemen_sluiting", by=officer, intention_sent_on="2025-03-12", signatory=SIGNATORY)
    intention = Intention.objects.get(case=planted)
    assert [p.pk for p in letters.intention_addressees(intention)] == [planted.person_id, landlord.pk]
    to_landlord = _text(letters.intention_letter_pdf(intention, landlord), "Voornemen tot sluiting")
    assert "Lodewijk Testverhuurder" in to_landlord and "Verhuurdersweg 1" in to_landlord
    assert "voor de duur van 6 weken" in to_landlord
    to_person = _text(letters.intention_letter_pdf(intention), "Voornemen tot sluiting")
    assert f"{planted.person.first_names} {planted.person.surname}" in to_person
    stranger = make_file(owner=officer, surname="Testvreemde").person
    with pytest.raises(ValidationError) as refused:
        letters.intention_letter_pdf(intention, stranger)
    assert "addressee" in refused.value.message_dict


def test_the_extension_and_cost_recovery_letters(planted, officer, lead):
    from casework.approvals import approval_decide
    from casework.woonoverlast import followup_letters

    closure = walk_to_closure(planted, by=officer, lead=lead, weeks=8)
    extension = services.closure_extension_request(actor=officer, closure=closure, weeks=3,
                                                   ground="Opnieuw drugshandel vanuit de woning vastgesteld (test).")
    with pytest.raises(ValidationError) as early:  # no letter before the extension is decided
        followup_letters.extension_letter_pdf(extension)
    assert early.value.error_dict["kind"][0].code == "letter_basis"
    approval_decide(approval=extension.approval, approver=lead, approve=True, reason="")
    day = closure.decided_on + timedelta(days=14)
    extension = services.closure_extend(actor=officer, extension=extension, decided_on=day,
                                        signatory="A. Testburgemeester")
    text = _text(followup_letters.extension_letter_pdf(extension, planted.person),
                 "Besluit tot verlenging van de sluiting", "artikel 174a, derde lid", *OBJECTION)
    assert f"Datum: {datum(day)}" in text and f"gesloten tot en met {datum(extension.ends_on)}" in text
    assert "verlengen met 3 weken" in text and "Opnieuw drugshandel" in text and "A. Testburgemeester" in text
    assert f"Bij besluit van {datum(closure.decided_on)}" in text
    with pytest.raises(ValidationError):
        followup_letters.costs_letter_pdf(closure)  # no cost recovery decided yet
    services.closure_costs_record(actor=officer, closure=closure, amount="1234.50", decided_on=day,
                                  specification="Slotenmaker en verzegeling van de woning (testtekst).",
                                  signatory=SIGNATORY, under_mandate=True)
    closure.refresh_from_db()
    text = _text(followup_letters.costs_letter_pdf(closure, planted.person), "Besluit kostenverhaal sluiting",
                 "artikel 5:25", "artikel 4:87", *OBJECTION)
    assert "€ 1.234,50" in text and "Slotenmaker en verzegeling" in text and f"namens deze, {SIGNATORY}" in text
    step(planted, "afgesloten", by=officer)
    from casework.woonoverlast.models import Closure, ClosureExtension

    for make in (lambda: followup_letters.costs_letter_pdf(Closure.objects.get(pk=closure.pk)),
                 lambda: followup_letters.extension_letter_pdf(ClosureExtension.objects.get(pk=extension.pk))):
        with pytest.raises(ValidationError) as refused:  # only while the closure's state lasts
            make()
        assert refused.value.error_dict["kind"][0].code == "letter_state"


def test_the_followup_letter_pages_are_audited_per_addressee(client, login, planted, officer, lead, make_user,
                                                             other_organisation):
    from accounts.roles import KETENPARTNER
    from audit.models import AuditEvent

    closure = walk_to_closure(planted, by=officer, lead=lead)
    services.closure_costs_record(actor=officer, closure=closure, amount="99.00", decided_on=closure.decided_on,
                                  specification="Slotenmaker en verzegeling van de woning (testtekst).",
                                  signatory=SIGNATORY)
    url = reverse("casework:woonoverlast_costs_letter_pdf", args=[planted.pk, closure.pk, planted.person_id])
    login(client, officer)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action="export", object_id=str(closure.pk),
                                     reason="kostenverhaal letter pdf").exists()
    stranger = make_file(owner=officer, surname="Testvreemde").person
    assert client.get(reverse("casework:woonoverlast_costs_letter_pdf",
                              args=[planted.pk, closure.pk, stranger.pk])).status_code == 400
    outsider = make_user(role=KETENPARTNER, organisation=other_organisation)
    login(client, outsider)
    exports = AuditEvent.objects.filter(action="export").count()
    assert client.get(url).status_code == 403
    assert AuditEvent.objects.filter(action="access_denied", actor_id=str(outsider.pk)).exists()
    assert AuditEvent.objects.filter(action="export").count() == exports
