"""Scheduled and set-up commands: seed_demo (PGA part), expire_shares, send_deadline_reminders."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import router
from django.urls import reverse
from django.utils import timezone

from accounts.demo import USERS as DEMO_USERS
from accounts.models import SealedTOTPDevice, User
from accounts.roles import PROCESREGISSEUR
from audit.actions import Action
from audit.activities import CHAIN_SHARING
from audit.history import save_with_reason
from audit.models import AuditEvent
from casework import demo_history
from casework.damocles.demo import DEMO_PROCEDURE_COUNT
from casework.models import BreakGlassGrant, Case, SharingDecision
from casework.park.demo import FILE_COUNT as PARK_FILE_COUNT
from casework.pga import workflow as pga
from casework.pga.demo import DEMO_CASE_COUNT, PARTNER_AGREEMENT, demo_bsns
from casework.pga.models import Agreement, Conference, PlanVersion
from casework.pga.services import agreement_record, partner_agreement_done
from casework.privacy.demo import privacy_demo_case_ids
from casework.sharing import share_create
from encryption.validators import is_valid_bsn
from tests.conftest import login_client
from tests.factories.accounts import TeamFactory
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

SECRET_SURNAME = "Testpersoon Mailgeheim"
SECRET_BSN = "123456782"
SECRET_AGREEMENT = "Schuldhulp voor Testpersoon Mailgeheim"


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# --- seed_demo ---------------------------------------------------------------------------------

SEEDED = pytest.mark.django_db(transaction=True, databases="__all__")  # seeded_demo restores the databases


def _row_counts() -> dict[str, int]:
    """The rows of every table of every database (the audit trail and the key store included)."""
    return {model._meta.label: model._base_manager.using(router.db_for_read(model)).count()
            for model in django_apps.get_models() if model._meta.managed and not model._meta.proxy}


@SEEDED
def test_seed_demo_builds_pga_cases_in_every_state_once(seeded_demo):
    cases = Case.objects.filter(case_type="pga", links_in__isnull=True).exclude(  # the park demo refers one more
        pk__in=privacy_demo_case_ids()).exclude(  # and the privacy demo has cases of its own
        demo_history.moved(timezone.localdate()))  # and the earlier years' closed cases (annual figures)
    assert cases.count() == DEMO_CASE_COUNT
    assert set(cases.values_list("status", flat=True)) == set(pga.STATES)
    assert Conference.objects.exists() and PlanVersion.objects.filter(number=2).exists()
    assert Agreement.objects.filter(due_on__lt=timezone.localdate(), status="open").exists()  # overdue ones
    assert cases.values("owner").distinct().count() == 2  # two regisseurs in two teams
    assert cases.values("team").distinct().count() == 2
    today = timezone.localdate()
    shares = SharingDecision.objects.exclude(case__case_type="signals")  # a partner's own signals are shared back
    assert shares.filter(partner__name="Reclassering Demo", revoked_at__isnull=True, ends_on__gte=today).count() == 1
    assert shares.filter(ends_on__lt=today).count() == 1 and shares.filter(revoked_at__isnull=False).count() == 1
    assert BreakGlassGrant.objects.filter(user__username="handhaver").count() == 1
    events = AuditEvent.objects.using("audit")
    assert events.filter(action=Action.SHARE_EXPIRED).count() == 1
    assert events.filter(action=Action.BREAK_GLASS).count() == 1
    assert "PGA cases (created): 30" in seeded_demo


@SEEDED
def test_the_demo_partner_has_an_agreement_of_its_own_to_report_back_on(seeded_demo, client):
    """On the case shared with the demo partner's organisation, an open agreement of that organisation: the
    demo user 'partner' reports it done (docs/adr/0031), and the contribution names its organisation."""
    partner = User.objects.select_related("organisation").get(username="partner")
    today = timezone.localdate()
    live = SharingDecision.objects.filter(partner=partner.organisation, revoked_at__isnull=True, ends_on__gte=today,
                                          case__case_type="pga").values("case_id")
    (agreement,) = Agreement.objects.filter(case_id__in=live, owner_organisation=partner.organisation,
                                            status=Agreement.Status.OPEN).select_related("case")
    assert agreement.description == PARTNER_AGREEMENT and agreement.conference is not None
    partner.device = SealedTOTPDevice.objects.get(user=partner)
    login_client(client, partner)
    page = client.get(reverse("casework:case_detail", kwargs={"case_id": agreement.case_id})).content.decode()
    assert reverse("casework:partner_agreement_done", kwargs={"case_id": agreement.case_id,
                                                              "agreement_id": agreement.pk}) in page
    row = partner_agreement_done(actor=partner, agreement=agreement, text="Demo: meldplicht nagekomen.")
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.DONE and row.organisation == partner.organisation


@SEEDED
def test_a_second_seed_demo_adds_nothing_to_any_table(seeded_demo):
    """One second run for every part of the demo (each part's first-run checks are in its own test module)."""
    before = _row_counts()
    second = run("seed_demo")
    for line in ("PGA cases (already present): 30", f"Damocles procedures (already present): {DEMO_PROCEDURE_COUNT}",
                 f"Park files (already present): {PARK_FILE_COUNT}", "Data-subject requests (already present): 3",
                 "restricted persons: 1; past retention: 1 due, 1 held", "Woonoverlast files (already present): 12"):
        assert line in second
    assert "(created)" not in second
    assert _row_counts() == before  # every table, the audit trail included: a second run writes nothing
    assert User.objects.count() == len(DEMO_USERS)
    for username, *_rest in DEMO_USERS:
        assert username in second  # the accounts are printed again


@SEEDED
def test_seed_demo_data_is_synthetic_and_stays_out_of_the_audit_trail(seeded_demo):
    person = Case.objects.exclude(person=None).first().person
    assert person.surname.startswith("Testpersoon ")
    texts = " ".join(" ".join([e.reason, e.object_id, e.subject_pseudonym])
                     for e in AuditEvent.objects.using("audit").all())
    assert "Testpersoon" not in texts and person.surname not in texts
    if person.bsn:
        assert person.bsn.startswith("9999") and person.bsn not in texts


def test_demo_bsns_pass_the_eleven_test_and_are_unique():
    generator = demo_bsns()
    numbers = [next(generator) for _ in range(40)]
    assert len(set(numbers)) == 40 and all(is_valid_bsn(n) and n.startswith("9999") for n in numbers)


# --- expire_shares -----------------------------------------------------------------------------

def test_expire_shares_command_records_each_expiry_once(make_user, other_organisation):
    owner = make_user(role=PROCESREGISSEUR)
    case = make_pga_case(owner=owner)
    share = share_create(actor=owner, case=case, partner=other_organisation, categories=["pga_plan"],
                         processing_activity=CHAIN_SHARING, purpose="Test", ends_on=timezone.localdate(),
                         weighing="Proportioneel en subsidiair gewogen voor deze test.")
    assert "recorded: 0" in run("expire_shares")
    today = timezone.localdate()
    share.starts_on, share.ends_on = today - timedelta(days=10), today - timedelta(days=1)
    save_with_reason(share, reason="test: backdated", user=owner)
    assert "recorded: 1" in run("expire_shares")
    assert "recorded: 0" in run("expire_shares")
    event = AuditEvent.objects.using("audit").get(action=Action.SHARE_EXPIRED)
    assert event.object_id == str(share.pk) and event.case_id == str(case.pk)
    assert event.user_agent == "manage.py expire_shares"


# --- send_deadline_reminders -------------------------------------------------------------------

@pytest.fixture
def reminder_world(make_user, organisation, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    team = TeamFactory(organisation=organisation)
    owner, colleague = make_user(role=PROCESREGISSEUR, team=team), make_user(role=PROCESREGISSEUR, team=team)
    today = timezone.localdate()
    soon = make_pga_case(owner=owner, status=pga.CASUSOVERLEG, surname=SECRET_SURNAME, bsn=SECRET_BSN)
    agreement_record(actor=owner, case=soon, description=SECRET_AGREEMENT, owner_organisation=organisation,
                     due_on=today + timedelta(days=3))
    late = make_pga_case(owner=owner, status=pga.CASUSOVERLEG)
    agreement_record(actor=owner, case=late, description="Te laat (test)", owner_organisation=organisation,
                     due_on=today - timedelta(days=2))
    far = make_pga_case(owner=colleague, status=pga.CASUSOVERLEG)
    agreement_record(actor=colleague, case=far, description="Later (test)", owner_organisation=organisation,
                     due_on=today + timedelta(days=30))
    closed = make_pga_case(owner=colleague, status=pga.UITVOERING)
    agreement_record(actor=colleague, case=closed, description="Gesloten (test)", owner_organisation=organisation,
                     due_on=today - timedelta(days=1))
    from casework import workflow

    workflow.transition(case=closed, to=pga.AFGESLOTEN, by=colleague, reason="klaar", closure_reason="anders")
    return {"owner": owner, "colleague": colleague, "soon": soon, "late": late, "far": far, "closed": closed,
            "today": today}


def test_owners_get_one_mail_with_references_and_dates_only(reminder_world, mailoutbox):
    world = reminder_world
    out = run("send_deadline_reminders")
    assert "Reminders sent: 1" in out
    (mail,) = mailoutbox
    assert mail.to == [world["owner"].email]
    text = mail.subject + mail.body
    assert world["soon"].reference in text and world["late"].reference in text
    assert (world["today"] + timedelta(days=3)).isoformat() in text
    assert (world["today"] - timedelta(days=2)).isoformat() in text
    assert world["far"].reference not in text and world["closed"].reference not in text  # team colleague's
    for secret in (SECRET_SURNAME, "Mailgeheim", SECRET_BSN, SECRET_AGREEMENT, "Teststraat", "Testine"):
        assert secret not in text


def test_reminders_go_out_once_a_day_unless_forced(reminder_world, mailoutbox):
    run("send_deadline_reminders")
    assert "already sent today: 1" in run("send_deadline_reminders")
    assert len(mailoutbox) == 1
    run("send_deadline_reminders", "--force")
    assert len(mailoutbox) == 2


def test_a_longer_look_ahead_reaches_later_deadlines(reminder_world, mailoutbox):
    assert "Reminders sent: 2" in run("send_deadline_reminders", "--days", "40")
    assert {tuple(mail.to) for mail in mailoutbox} == {(reminder_world["owner"].email,),
                                                      (reminder_world["colleague"].email,)}
    colleague_mail = next(mail for mail in mailoutbox if mail.to == [reminder_world["colleague"].email])
    assert reminder_world["far"].reference in colleague_mail.body
    assert reminder_world["closed"].reference not in colleague_mail.body


def test_reminders_refuse_a_negative_look_ahead(reminder_world):
    with pytest.raises(CommandError):
        run("send_deadline_reminders", "--days", "-1")
