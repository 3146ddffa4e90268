"""casework/woonoverlast/services/closures.py and their pages: extending an imposed closure (art. 174a
lid 3, a decision of its own while the closure is in force) and recovering its costs (Awb 5:25:
amount, specification, decision date, once). Refusals leave nothing changed; every change is a
history row with its audit event."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.roles import PROCESREGISSEUR
from audit.models import AuditEvent
from casework.models import Case
from casework.woonoverlast import services
from casework.woonoverlast.models import Closure
from tests.factories.woonoverlast import walk_to_closure

pytestmark = pytest.mark.django_db(databases="__all__")
GROUND = "De overlast is na de eerste weken van de sluiting niet afgenomen (testtekst)."
SPEC = "Slotenmaker en afsluiten van de toegangsdeur door de gemeente (testtekst)."


@pytest.fixture
def closure(case, officer, lead):
    return walk_to_closure(case, by=officer, lead=lead)


def _same(closure: Closure) -> tuple:
    row = Closure.objects.get(pk=closure.pk)
    return row.ends_on, row.extension_weeks, row.extended_on, row.costs_amount, row.costs_decided_on


def test_an_extension_is_its_own_decision_and_moves_the_end(closure, officer):
    day = closure.decided_on + timedelta(days=20)
    extended = services.closure_extend(actor=officer, closure=closure, weeks=4, ground=GROUND, decided_on=day)
    assert extended.ends_on == closure.ends_on + timedelta(weeks=4)
    assert (extended.extension_weeks, extended.extended_on, extended.extension_ground) == (4, day, GROUND)
    assert AuditEvent.objects.filter(object_type="woonoverlast.Closure", object_id=str(closure.pk),
                                     action="update").exists()


@pytest.mark.parametrize(("change", "field"), [
    ({"weeks": 0}, "weeks"),
    ({"ground": "te kort"}, "ground"),
    ({"decided_on": "1-1-2020"}, "decided_on"),  # before the closure
    ({"decided_on": "2099-01-01"}, "decided_on"),  # in the future
])
def test_bad_extensions_are_refused_and_change_nothing(closure, officer, change, field):
    before = _same(closure)
    values = {"weeks": 4, "ground": GROUND, "decided_on": closure.decided_on + timedelta(days=1), **change}
    with pytest.raises(ValidationError) as refused:
        services.closure_extend(actor=officer, closure=closure, **values)
    assert field in refused.value.message_dict and _same(closure) == before


def test_an_extension_after_the_closure_ended_is_refused(closure, officer):
    late = closure.ends_on + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.closure_extend(actor=officer, closure=closure, weeks=4, ground=GROUND, decided_on=late)
    assert "decided_on" in refused.value.message_dict


def test_the_costs_are_recovered_once_with_specification_and_within_the_recorded_costs(closure, officer):
    services.announcement_register(actor=officer, decision=closure, addressee=closure.case.person,
                                   method="registered_post", announced_on=closure.decided_on)
    services.enforcement_act_record(actor=officer, closure=closure, carried_out_on=closure.decided_on
                                    + timedelta(days=5), description="Woning afgesloten (test).", costs="800.00")
    with pytest.raises(ValidationError) as too_much:
        services.closure_costs_record(actor=officer, closure=closure, amount="900.00", specification=SPEC,
                                      decided_on=closure.decided_on + timedelta(days=30))
    assert "amount" in too_much.value.message_dict
    with pytest.raises(ValidationError) as no_spec:
        services.closure_costs_record(actor=officer, closure=closure, amount="800.00", specification="",
                                      decided_on=closure.decided_on + timedelta(days=30))
    assert "specification" in no_spec.value.message_dict
    assert Closure.objects.get(pk=closure.pk).costs_amount is None
    day = closure.decided_on + timedelta(days=30)
    row = services.closure_costs_record(actor=officer, closure=closure, amount="800.00", specification=SPEC,
                                        decided_on=day)
    assert (row.costs_amount, row.costs_specification, row.costs_decided_on) == (Decimal("800.00"), SPEC, day)
    with pytest.raises(ValidationError) as again:
        services.closure_costs_record(actor=officer, closure=closure, amount="100.00", specification=SPEC,
                                      decided_on=day)
    assert again.value.code == "costs_decided"


def test_only_an_imposed_closure_is_extended_or_charged(case, officer, lead):
    from tests.factories.woonoverlast import step

    step(case, "interventies", by=officer)
    draft = services.closure_request_approval(actor=officer, case=case, addressees=[case.person], duration_weeks=4,
                                              disturbance_term_days=3, grounds="Verstoring openbare orde (test).")
    with pytest.raises(ValidationError):
        services.closure_extend(actor=officer, closure=draft, weeks=2, ground=GROUND)
    with pytest.raises(ValidationError):
        services.closure_costs_record(actor=officer, closure=draft, amount="10.00", specification=SPEC)


def test_someone_else_is_refused_and_audited(closure, make_user):
    director = make_user(role=PROCESREGISSEUR)
    with pytest.raises(PermissionDenied):
        services.closure_extend(actor=director, closure=closure, weeks=2, ground=GROUND)
    assert AuditEvent.objects.filter(action="access_denied", case_id=str(closure.case_id)).exists()


def test_the_extension_and_costs_pages(client, login, closure, officer):
    login(client, officer)
    extend = reverse("casework:woonoverlast_closure_extend", args=[closure.case_id])
    costs = reverse("casework:woonoverlast_closure_costs", args=[closure.case_id])
    assert client.get(extend).status_code == 200 and client.get(costs).status_code == 200

    def version() -> str:
        return str(Case.objects.get(pk=closure.case_id).version)

    day = (closure.decided_on + timedelta(days=10)).isoformat()
    extension = {"closure": str(closure.pk), "weeks": "2", "ground": GROUND, "decided_on": day}
    refused = client.post(extend, {**extension, "ground": "kort", "version": version()})
    assert refused.status_code == 400 and "ground" in refused.context["form"].errors
    assert client.post(extend, extension).status_code == 400  # an update carries the case version
    stale = str(int(version()) - 1)
    conflict = client.post(extend, {**extension, "version": stale})
    assert conflict.status_code == 409 and GROUND in conflict.content.decode()  # the input is kept
    assert Closure.objects.get(pk=closure.pk).extension_weeks == 0  # nothing written
    assert client.post(extend, {**extension, "version": version()}).status_code == 302
    assert client.post(costs, {"closure": str(closure.pk), "amount": "250.00", "specification": SPEC,
                               "decided_on": day, "version": version()}).status_code == 302
    row = Closure.objects.get(pk=closure.pk)
    assert row.extension_weeks == 2 and row.costs_amount == Decimal("250.00")
    page = client.get(reverse("casework:case_detail", args=[closure.case_id])).content.decode()
    assert SPEC in page and GROUND in page
