"""casework/woonoverlast/services/enforcement.py: no bestuursdwang or forfeiture before the compliance
term ended for each addressee (the core's casework/remedies/terms.py), except urgent bestuursdwang
with its reasons; a forfeiture needs a check that found a breach and stays within the maximum."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from casework.penalties.models import Forfeiture
from casework.persons import person_register
from casework.remedies.models import Announcement, UrgentEnforcement
from casework.woonoverlast import services
from casework.woonoverlast.models import EnforcementAct
from tests.factories.casework import person_data
from tests.factories.woonoverlast import walk_to_order

pytestmark = pytest.mark.django_db(databases="__all__")


def _announce(order, person, on, officer):
    return services.announcement_register(actor=officer, decision=order, addressee=person, method="registered_post",
                                          announced_on=on)


def test_bestuursdwang_waits_for_the_term_of_every_addressee(case, officer, lead):
    landlord, _ = person_register(actor=officer, controller=officer.organisation, **person_data())
    order = walk_to_order(case, by=officer, lead=lead, addressees=[case.person, landlord])
    first = _announce(order, case.person, order.decided_on, officer)
    assert first.compliance_ends_on == order.decided_on + timedelta(days=7)
    _announce(order, landlord, order.decided_on + timedelta(days=5), officer)
    second_end = order.decided_on + timedelta(days=12)
    with pytest.raises(ValidationError) as refused:
        services.enforcement_act_record(actor=officer, order=order, carried_out_on=second_end,
                                        description="Toegang tot de galerij afgesloten (test).")
    assert "carried_out_on" in refused.value.message_dict
    assert "Testine" not in str(refused.value)  # addressees by role or number, never by name
    assert not EnforcementAct.objects.exists()
    act = services.enforcement_act_record(actor=officer, order=order, carried_out_on=second_end + timedelta(days=1),
                                          description="Toegang tot de galerij afgesloten (test).", costs="350.00")
    assert act.costs == 350 and not act.urgent


def test_urgent_bestuursdwang_goes_before_the_term_with_its_reasons_recorded(case, officer, lead):
    order = walk_to_order(case, by=officer, lead=lead)
    _announce(order, case.person, order.decided_on, officer)
    with pytest.raises(ValidationError) as refused:
        services.enforcement_act_record(actor=officer, order=order, carried_out_on=order.decided_on, urgent=True,
                                        description="Woning ontruimd (test).", urgency_reason="kort")
    assert "urgency_reason" in refused.value.message_dict
    act = services.enforcement_act_record(actor=officer, order=order, carried_out_on=order.decided_on, urgent=True,
                                          description="Woning ontruimd (test).",
                                          urgency_reason="Brandgevaar door gasflessen in het trappenhuis (test).")
    assert act.urgent and UrgentEnforcement.objects.filter(decision_id=order.pk).count() == 1
    events = AuditEvent.objects.filter(object_type="woonoverlast.EnforcementAct")
    assert events.exists() and "Brandgevaar" not in str(list(events.values()))


def test_no_enforcement_before_the_decision_was_announced(case, officer, lead):
    order = walk_to_order(case, by=officer, lead=lead)
    with pytest.raises(ValidationError):
        services.enforcement_act_record(actor=officer, order=order, carried_out_on=order.decided_on + timedelta(
            days=30), description="Toegang afgesloten (test).")


def test_a_forfeiture_waits_for_the_term_needs_a_breach_and_stays_within_the_maximum(case, officer, lead):
    order = walk_to_order(case, by=officer, lead=lead, enforcement="dwangsom", penalty_form="per_violation",
                          amount="250.00", maximum="400.00")
    _announce(order, case.person, order.decided_on, officer)
    complied = services.check_record(actor=officer, order=order, checked_on=order.decided_on + timedelta(days=3),
                                     complied=True, findings="Rustig (test).")
    breach = services.check_record(actor=officer, order=order, checked_on=order.decided_on + timedelta(days=5),
                                   complied=False, findings="Harde muziek (test).")
    with pytest.raises(ValidationError) as early:
        services.forfeiture_record(actor=officer, order=order, basis=breach, forfeited_on=breach.checked_on)
    assert "forfeited_on" in early.value.message_dict
    with pytest.raises(ValidationError) as no_breach:
        services.forfeiture_record(actor=officer, order=order, basis=complied,
                                   forfeited_on=order.decided_on + timedelta(days=8))
    assert "basis" in no_breach.value.message_dict
    forfeiture = services.forfeiture_record(actor=officer, order=order, basis=breach,
                                            forfeited_on=order.decided_on + timedelta(days=8))
    assert forfeiture.amount == 250 and forfeiture.basis == breach
    with pytest.raises(ValidationError) as maximum:
        services.forfeiture_record(actor=officer, order=order, basis=breach,
                                   forfeited_on=order.decided_on + timedelta(days=9))
    assert "amount" in maximum.value.message_dict and Forfeiture.objects.count() == 1


def test_bestuursdwang_is_not_the_way_to_enforce_a_dwangsom(case, officer, lead):
    order = walk_to_order(case, by=officer, lead=lead, enforcement="dwangsom", penalty_form="lump_sum",
                          amount="500", maximum="500")
    with pytest.raises(ValidationError) as refused:
        services.enforcement_act_record(actor=officer, order=order, carried_out_on=order.decided_on,
                                        description="x (test)")
    assert refused.value.code == "not_bestuursdwang"
    assert Announcement.objects.count() == 0
