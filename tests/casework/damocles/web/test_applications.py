"""The core's application pages (casework/web/views/applications.py) on a Damocles procedure: a request
for enforcement or tolerance is decided within eight weeks (Awb 4:13 lid 2), a notice of delay names a
later date (4:14 lid 1). The same pages serve every type with remedy rules (the park, woonoverlast)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from casework.remedies.component import REMEDIES
from casework.remedies.models import Application
from tests.auditlog import events
from tests.casework.damocles.web.support import denied, share_with
from tests.casework.support import case_url
from tests.casework.versions_support import version_of as v

pytestmark = pytest.mark.django_db(databases="__all__")


def url(name, case, **kwargs):
    return reverse(f"casework:application_{name}", kwargs={"case_id": case.pk, **kwargs})


def test_an_officer_registers_delays_and_decides_an_application(client, login, handhaver, procedure):
    login(client, handhaver)
    assert client.get(url("create", procedure)).status_code == 200
    response = client.post(url("create", procedure), {"kind": "enforcement", "received_on": "2026-10-01",
                                                      "applicant_name": "Testverzoeker Handhaving"})
    assert response.status_code == 302
    application = Application.objects.get(case=procedure)
    # 1 October + 8 weeks = Thursday 26 November 2026 (Awb 4:13 lid 2, no holiday)
    assert application.decision_due_on == date(2026, 11, 26)
    assert events(action="create", case_id=str(procedure.pk), object_type="remedies.Application").exists()
    page = client.get(case_url(procedure)).content.decode()
    assert "Testverzoeker Handhaving" in page and url("decide", procedure, row_id=application.pk) in page

    delay = url("delay", procedure, row_id=application.pk)
    assert client.get(delay).status_code == 200  # shows the application: a view event first
    assert events(action="view", case_id=str(procedure.pk), object_type="remedies.Application").exists()
    assert client.post(delay, {"notice_sent_on": "2026-11-20", "new_due_on": "2026-12-18"}).status_code == 400
    assert client.post(delay, {**v(procedure), "notice_sent_on": "2026-11-20",
                               "new_due_on": "2026-12-18"}).status_code == 302  # an update carries the version
    decide = url("decide", procedure, row_id=application.pk)
    stale = client.post(decide, {"state": "decided", "decided_on": "2026-12-10",
                                 "version": str(v(procedure)["version"] - 1)})
    assert stale.status_code == 409 and 'value="2026-12-10"' in stale.content.decode()  # input kept
    assert client.post(decide, {**v(procedure), "state": "decided", "decided_on": "2026-12-10"}).status_code == 302
    application.refresh_from_db()
    assert (application.delayed_due_on, application.state) == (date(2026, 12, 18), Application.State.DECIDED)


def test_bad_input_is_refused_in_dutch_and_saves_nothing(client, login, handhaver, procedure):
    login(client, handhaver)
    response = client.post(url("create", procedure), {"received_on": "2026-10-01"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "Kies het soort aanvraag." in response.content.decode()
    late_notice = {"kind": "tolerance", "received_on": "2026-10-01"}
    assert client.post(url("create", procedure), late_notice).status_code == 302
    application = Application.objects.get(case=procedure)
    refused = client.post(url("delay", procedure, row_id=application.pk),  # after the term ended
                          {**v(procedure), "notice_sent_on": "2026-11-27", "new_due_on": "2026-12-18"})
    assert refused.status_code == 400 and "notice_sent_on" in refused.context["form"].errors
    # the page showed the application again: that is a view, recorded like the first one
    assert events(action="view", case_id=str(procedure.pk), object_type="remedies.Application").count() == 1
    application.refresh_from_db()
    assert application.delayed_due_on is None and application.delay_notice_sent_on is None


def test_a_partner_is_refused_and_the_refusal_is_recorded(client, login, handhaver, procedure, partner, partner_org):
    share_with(procedure, actor=handhaver, partner_org=partner_org, categories=[REMEDIES])
    login(client, partner)
    response = client.post(url("create", procedure), {"kind": "enforcement", "received_on": "2026-10-01"})
    assert response.status_code == 403
    assert not Application.objects.exists()
    assert denied(procedure).exists()
