"""The permission boundary and the audit trail of the woonoverlast writes that had no such tests:
the zwartboek, compliance checks, forfeitures, acts of bestuursdwang and announcements. Someone else
(a process director of the same organisation, a partner of another) is refused, the refusal is
recorded (`access_denied`) and nothing is written; the officer's write leaves a `create` event
without plaintext; an announcement without a decision is bad input, refused by the service."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import KETENPARTNER, PROCESREGISSEUR
from audit.actions import Action
from audit.models import AuditEvent
from casework.penalties.models import Forfeiture
from casework.remedies.models import Announcement
from casework.woonoverlast import services
from casework.woonoverlast.models import ComplianceCheck, EnforcementAct, Zwartboek
from tests.factories.woonoverlast import walk_to_order

pytestmark = pytest.mark.django_db(databases="__all__")
FINDINGS = "Harde muziek om 01.00 uur (testtekst Nachtbraker)."


@pytest.fixture
def order(case, officer, lead):
    return walk_to_order(case, by=officer, lead=lead, enforcement="dwangsom", penalty_form="per_violation",
                         amount="250.00", maximum="1000.00")


@pytest.fixture
def outsiders(make_user, other_organisation):
    return [make_user(role=PROCESREGISSEUR), make_user(role=KETENPARTNER, organisation=other_organisation)]


def _refused(user, case, write) -> None:
    with pytest.raises(PermissionDenied):
        write(user)
    assert AuditEvent.objects.filter(action=Action.ACCESS_DENIED, case_id=str(case.pk),
                                     actor_id=str(user.pk)).exists()


def _created(model, row) -> None:
    events = AuditEvent.objects.filter(action=Action.CREATE, object_type=model._meta.label, object_id=str(row.pk))
    assert events.exists()
    assert "Nachtbraker" not in str(list(events.values()))


def test_the_zwartboek(case, officer, outsiders):
    def write(user):
        return services.zwartboek_record(actor=user, case=case, compiled_on="2025-03-01", verified_on="2025-03-01",
                                         statements="Verklaring: geluidsoverlast (testtekst Nachtbraker).")
    for user in outsiders:
        _refused(user, case, write)
    assert not Zwartboek.objects.exists()
    _created(Zwartboek, write(officer))


def test_announcements_checks_forfeitures_and_bestuursdwang(case, order, officer, outsiders, lead):
    day = order.decided_on

    def announce(user):
        return services.announcement_register(actor=user, decision=order, addressee=case.person,
                                              method="registered_post", announced_on=day)

    def check(user):
        return services.check_record(actor=user, order=order, checked_on=day + timedelta(days=10), complied=False,
                                     findings=FINDINGS)

    for user in outsiders:
        _refused(user, case, announce)
    assert not Announcement.objects.exists()
    announce(officer)
    for user in outsiders:
        _refused(user, case, check)
    assert not ComplianceCheck.objects.exists()
    breach = check(officer)
    _created(ComplianceCheck, breach)

    def forfeit(user):
        return services.forfeiture_record(actor=user, order=order, basis=breach, forfeited_on=breach.checked_on)

    for user in [*outsiders, lead]:  # a team lead approves; recording is the officer's
        _refused(user, case, forfeit)
    assert not Forfeiture.objects.exists()
    assert AuditEvent.objects.filter(action=Action.CREATE, object_id=str(forfeit(officer).pk)).exists()


def test_bestuursdwang_is_refused_to_others_and_audited(case, officer, lead, outsiders):
    order = walk_to_order(case, by=officer, lead=lead)
    services.announcement_register(actor=officer, decision=order, addressee=case.person, method="registered_post",
                                   announced_on=order.decided_on)

    def act(user):
        return services.enforcement_act_record(actor=user, order=order, carried_out_on=order.decided_on
                                               + timedelta(days=10), description="Galerij afgesloten (test).",
                                               costs="300.00")
    for user in outsiders:
        _refused(user, case, act)
    assert not EnforcementAct.objects.exists()
    _created(EnforcementAct, act(officer))


def test_an_announcement_without_a_decision_is_bad_input(case, officer, outsiders):
    with pytest.raises(ValidationError) as refused:
        services.announcement_register(actor=officer, case=case, decision=None, addressee=case.person,
                                       method="registered_post", announced_on="2025-03-01")
    assert "decision" in refused.value.message_dict and not Announcement.objects.exists()
    _refused(outsiders[0], case, lambda user: services.announcement_register(
        actor=user, case=case, decision=None, addressee=None, method="", announced_on=None))
