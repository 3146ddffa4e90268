"""Every (state, target) pair outside the PGA table is refused, on persisted cases, by the service and the UI.

tests/casework/test_workflow.py walks the pairs on one case with an in-memory status; this walks
them on a real case in each state (so the closed states and the locking path are the real ones),
and through the transition page, which must answer 400 with the same translated message.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import PROCESREGISSEUR
from casework import workflow
from casework.models import Case
from casework.pga import workflow as pga
from tests.factories.accounts import TeamFactory
from tests.factories.casework import make_pga_case

pytestmark = pytest.mark.django_db(databases="__all__")

ALLOWED = {(t.source, t.target) for t in pga.TRANSITIONS}


@pytest.fixture
def owner(make_user, organisation):
    return make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation))


def case_in(state: str, owner) -> Case:
    if state == pga.NIET_VOOR_ZVH:
        case = make_pga_case(owner=owner, status=pga.TRIAGE)
        workflow.transition(case=case, to=pga.NIET_VOOR_ZVH, by=owner, reason="test",
                            triage_advice="Wijkteam (test)")
        return case
    return make_pga_case(owner=owner, status=state)


def message(source: str, target: str) -> str:
    return _("A case with status “%(source)s” cannot move to “%(target)s”.") % {
        "source": pga.STATES[source], "target": pga.STATES[target]}


def test_the_table_leaves_fifty_illegal_pairs():
    assert len(pga.STATES) ** 2 - len(ALLOWED) == 50


@pytest.mark.parametrize("source", list(pga.STATES))
def test_every_illegal_pair_is_refused_by_the_service_and_the_page(client, login, owner, source):
    case = case_in(source, owner)
    before = (case.status, case.version, case.steps.count())
    targets = [target for target in pga.STATES if (source, target) not in ALLOWED]
    assert targets
    login(client, owner)
    for target in targets:
        data = {"closure_reason": "anders", "triage_advice": "x"}
        with pytest.raises(workflow.IllegalTransition) as caught:
            workflow.transition(case=case, to=target, by=owner, reason="test", expected_version=case.version, **data)
        assert caught.value.code == "illegal_transition"
        assert caught.value.messages == [message(source, target)]
        url = reverse("casework:case_transition", kwargs={"case_id": case.pk, "target": target})
        for response in (client.get(url), client.post(url, {"reason": "test", "version": case.version, **data})):
            assert response.status_code == 400, (source, target)
            assert message(source, target) in response.content.decode()
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.status, fresh.version, fresh.steps.count()) == before


def test_the_first_step_into_accepted_keeps_its_local_date_once(owner):
    """ADR 0052: the annual figures count an approach from `accepted_on`, which its first step into "Accepted"
    keeps; a later such step (were the table ever to allow one) leaves it."""
    from datetime import date

    from django.utils import timezone

    from casework.models import CaseStep
    from casework.pga.models import PgaCase

    triaged = make_pga_case(owner=owner, status=pga.TRIAGE)
    assert PgaCase.objects.get(case=triaged).accepted_on is None
    workflow.transition(case=triaged, to=pga.IN_BEHANDELING, by=owner, reason="test: aangenomen")
    step = CaseStep.objects.get(case=triaged, to_status=pga.IN_BEHANDELING)
    details = PgaCase.objects.get(case=triaged)
    assert details.accepted_on == timezone.localdate(step.at)
    assert details.history.latest("history_date").history_change_reason == "transition triage -> in_behandeling"
    # bookkeeping for the figures: the timeline shows the step, not also a change of the details
    from casework import access, timeline

    changes = timeline.recent_changes(case=triaged, case_access=access.case_access(owner, triaged), limit=50)
    assert [entry.kind for entry in changes if entry.at >= step.at] == ["step"]
    PgaCase.objects.filter(case=triaged).update(accepted_on=date(2025, 2, 3))  # as if accepted then
    triaged.refresh_from_db()
    pga.apply_step(triaged, next(t for t in pga.TRANSITIONS if t.target == pga.IN_BEHANDELING), {})
    assert PgaCase.objects.get(case=triaged).accepted_on == date(2025, 2, 3)

