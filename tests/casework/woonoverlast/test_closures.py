"""casework/woonoverlast/services/closures.py and their pages: extending an imposed closure (art. 174a
lid 3, a decision of its own with four eyes, decided while the closure is in force) and recovering its costs (Awb 5:25:
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
from casework.approvals import approval_decide
from casework.models import Approval, Case
from casework.woonoverlast import services
from casework.woonoverlast.models import Closure, ClosureExtension
from casework.woonoverlast.services.closures import EXTENSION_APPROVAL
from tests.factories.woonoverlast import SIGNATORY, walk_to_closure

pytestmark = pytest.mark.django_db(databases="__all__")
GROUND = "De overlast is na de eerste weken van de sluiting niet afgenomen (testtekst)."
SPEC = "Slotenmaker en afsluiten van de toegangsdeur door de gemeente (testtekst)."


@pytest.fixture
def closure(case, officer, lead):
    return walk_to_closure(case, by=officer, lead=lead)


def _same(closure: Closure) -> tuple:
    row = Closure.objects.get(pk=closure.pk)
    return row.ends_on, row.extension_weeks, row.extended_on, row.costs_amount, row.costs_decided_on


def _approved(closure, officer, lead, weeks: int = 4):
    extension = services.closure_extension_request(actor=officer, closure=closure, weeks=weeks, ground=GROUND)
    approval_decide(approval=extension.approval, approver=lead, approve=True, reason="")
    return extension


def test_an_extension_is_its_own_decision_with_four_eyes_and_moves_the_end(closure, officer, lead):
    extension = services.closure_extension_request(actor=officer, closure=closure, weeks=4, ground=GROUND)
    assert _same(closure) == (closure.ends_on, 0, None, None, None)  # a draft changes nothing
    day = closure.decided_on + timedelta(days=20)
    with pytest.raises(ValidationError) as unapproved:
        services.closure_extend(actor=officer, extension=extension, decided_on=day, signatory=SIGNATORY)
    assert unapproved.value.code == "not_approved" and _same(closure) == (closure.ends_on, 0, None, None, None)
    with pytest.raises(PermissionDenied):  # four eyes: never the requester
        approval_decide(approval=extension.approval, approver=officer, approve=True, reason="")
    approval_decide(approval=extension.approval, approver=lead, approve=True, reason="")
    decided = services.closure_extend(actor=officer, extension=extension, decided_on=day, signatory=SIGNATORY,
                                      under_mandate=True)
    row = Closure.objects.get(pk=closure.pk)
    assert row.ends_on == closure.ends_on + timedelta(weeks=4) == decided.ends_on
    assert (row.extension_weeks, row.extended_on, row.extension_ground) == (4, day, GROUND)
    assert (decided.state, decided.signatory, decided.under_mandate) == ("imposed", SIGNATORY, True)
    assert AuditEvent.objects.filter(object_type="woonoverlast.Closure", object_id=str(closure.pk),
                                     action="update").exists()
    assert AuditEvent.objects.filter(object_type="woonoverlast.ClosureExtension", object_id=str(extension.pk),
                                     action="update").exists()
    with pytest.raises(ValidationError):  # decided once
        services.closure_extend(actor=officer, extension=extension, decided_on=day, signatory=SIGNATORY)


def test_a_changed_extension_needs_a_new_approval(closure, officer, lead):
    extension = _approved(closure, officer, lead)
    ClosureExtension.objects.filter(pk=extension.pk).update(weeks=26)
    with pytest.raises(ValidationError) as stale:
        services.closure_extend(actor=officer, extension=ClosureExtension.objects.get(pk=extension.pk),
                                decided_on=closure.decided_on, signatory=SIGNATORY)
    assert stale.value.code == "approval_stale" and Closure.objects.get(pk=closure.pk).extension_weeks == 0


@pytest.mark.parametrize(("change", "field"), [
    ({"weeks": 0}, "weeks"),
    ({"ground": "te kort"}, "ground"),
])
def test_bad_extension_drafts_are_refused_and_write_nothing(closure, officer, change, field):
    with pytest.raises(ValidationError) as refused:
        services.closure_extension_request(actor=officer, closure=closure, **{"weeks": 4, "ground": GROUND, **change})
    assert field in refused.value.message_dict
    assert not ClosureExtension.objects.exists() and not Approval.objects.filter(subject=EXTENSION_APPROVAL).exists()


@pytest.mark.parametrize(("change", "field"), [
    ({"signatory": ""}, "signatory"),
    ({"decided_on": "1-1-2020"}, "decided_on"),  # before the closure
    ({"decided_on": "2099-01-01"}, "decided_on"),  # in the future
])
def test_bad_extension_decisions_are_refused_and_change_nothing(closure, officer, lead, change, field):
    extension = _approved(closure, officer, lead)
    before = _same(closure)
    values = {"decided_on": closure.decided_on + timedelta(days=1), "signatory": SIGNATORY, **change}
    with pytest.raises(ValidationError) as refused:
        services.closure_extend(actor=officer, extension=extension, **values)
    assert field in refused.value.message_dict and _same(closure) == before
    assert ClosureExtension.objects.get(pk=extension.pk).state == "draft"


def test_an_extension_after_the_closure_ended_is_refused(closure, officer, lead):
    extension = _approved(closure, officer, lead)
    late = closure.ends_on + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.closure_extend(actor=officer, extension=extension, decided_on=late, signatory=SIGNATORY)
    assert "decided_on" in refused.value.message_dict


def test_the_costs_are_recovered_once_with_specification_and_within_the_recorded_costs(closure, officer):
    services.announcement_register(actor=officer, decision=closure, addressee=closure.case.person,
                                   method="registered_post", announced_on=closure.decided_on)
    services.enforcement_act_record(actor=officer, closure=closure, carried_out_on=closure.decided_on
                                    + timedelta(days=5), description="Woning afgesloten (test).", costs="800.00")
    with pytest.raises(ValidationError) as too_much:
        services.closure_costs_record(actor=officer, closure=closure, amount="900.00", specification=SPEC,
                                      decided_on=closure.decided_on + timedelta(days=30), signatory=SIGNATORY)
    assert "amount" in too_much.value.message_dict
    with pytest.raises(ValidationError) as no_spec:
        services.closure_costs_record(actor=officer, closure=closure, amount="800.00", specification="",
                                      decided_on=closure.decided_on + timedelta(days=30))
    assert {"specification", "signatory"} <= set(no_spec.value.message_dict)
    assert Closure.objects.get(pk=closure.pk).costs_amount is None
    day = closure.decided_on + timedelta(days=30)
    row = services.closure_costs_record(actor=officer, closure=closure, amount="800.00", specification=SPEC,
                                        decided_on=day, signatory=SIGNATORY)
    assert (row.costs_amount, row.costs_specification, row.costs_decided_on) == (Decimal("800.00"), SPEC, day)
    with pytest.raises(ValidationError) as again:
        services.closure_costs_record(actor=officer, closure=closure, amount="100.00", specification=SPEC,
                                      decided_on=day, signatory=SIGNATORY)
    assert again.value.code == "costs_decided"


def test_only_an_imposed_closure_is_extended_or_charged(case, officer, lead):
    from tests.factories.woonoverlast import step

    step(case, "interventies", by=officer)
    draft = services.closure_request_approval(actor=officer, case=case, addressees=[case.person], duration_weeks=4,
                                              disturbance_term_days=3, grounds="Verstoring openbare orde (test).")
    with pytest.raises(ValidationError):
        services.closure_extension_request(actor=officer, closure=draft, weeks=2, ground=GROUND)
    with pytest.raises(ValidationError):
        services.closure_costs_record(actor=officer, closure=draft, amount="10.00", specification=SPEC)


def test_someone_else_is_refused_and_audited(closure, make_user):
    director = make_user(role=PROCESREGISSEUR)
    with pytest.raises(PermissionDenied):
        services.closure_extension_request(actor=director, closure=closure, weeks=2, ground=GROUND)
    assert AuditEvent.objects.filter(action="access_denied", case_id=str(closure.case_id)).exists()
    assert not ClosureExtension.objects.exists()
    with pytest.raises(PermissionDenied):
        services.closure_costs_record(actor=director, closure=closure, amount="10.00", specification=SPEC,
                                      signatory=SIGNATORY)
    assert Closure.objects.get(pk=closure.pk).costs_amount is None


def test_the_extension_and_costs_pages(client, login, closure, officer, lead):
    login(client, officer)
    draft = reverse("casework:woonoverlast_closure_extension_create", args=[closure.case_id])
    extend = reverse("casework:woonoverlast_closure_extend", args=[closure.case_id])
    costs = reverse("casework:woonoverlast_closure_costs", args=[closure.case_id])
    assert client.get(draft).status_code == 200 and client.get(costs).status_code == 200

    def version() -> str:
        return str(Case.objects.get(pk=closure.case_id).version)

    refused = client.post(draft, {"closure": str(closure.pk), "weeks": "2", "ground": "kort"})
    assert refused.status_code == 400 and "ground" in refused.context["form"].errors
    assert not ClosureExtension.objects.exists()
    assert client.post(draft, {"closure": str(closure.pk), "weeks": "2", "ground": GROUND}).status_code == 302
    extension = ClosureExtension.objects.get()
    assert extension.approval.decision == "pending"
    login(client, lead)
    approve = reverse("casework:woonoverlast_approval_decide", args=[closure.case_id, extension.approval_id])
    assert GROUND in client.get(approve).content.decode()
    assert client.post(approve, {"decision": "approve", "reason": "", "version": version()}).status_code == 302
    login(client, officer)
    day = (closure.decided_on + timedelta(days=10)).isoformat()
    decision = {"extension": str(extension.pk), "decided_on": day, "signatory": SIGNATORY, "under_mandate": "on"}
    unsigned = client.post(extend, {**decision, "signatory": "", "version": version()})
    assert unsigned.status_code == 400 and "signatory" in unsigned.context["form"].errors
    assert client.post(extend, decision).status_code == 400  # an update carries the case version
    stale = str(int(version()) - 1)
    conflict = client.post(extend, {**decision, "version": stale})
    assert conflict.status_code == 409 and SIGNATORY in conflict.content.decode()  # the input is kept
    assert Closure.objects.get(pk=closure.pk).extension_weeks == 0  # nothing written
    assert client.post(extend, {**decision, "version": version()}).status_code == 302
    assert client.post(costs, {"closure": str(closure.pk), "amount": "250.00", "specification": SPEC,
                               "decided_on": day, "signatory": SIGNATORY, "version": version()}).status_code == 302
    row = Closure.objects.get(pk=closure.pk)
    assert row.extension_weeks == 2 and row.costs_amount == Decimal("250.00") and row.costs_signatory == SIGNATORY
    page = client.get(reverse("casework:case_detail", args=[closure.case_id])).content.decode()
    assert SPEC in page and GROUND in page
    assert reverse("casework:woonoverlast_extension_letter_pdf", args=[closure.case_id, extension.pk,
                                                                       closure.case.person_id]) in page
    assert reverse("casework:woonoverlast_costs_letter_pdf", args=[closure.case_id, closure.pk,
                                                                   closure.case.person_id]) in page
