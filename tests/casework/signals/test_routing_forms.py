"""Routing a signal into a linked case from the triage page and the API, with what the approach's
case type asks besides (its `linked_form`): a Damocles procedure (premises, police report, finding)
and a park enforcement file (the recreation object)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from casework.links import CaseLink
from casework.models import Case
from casework.signals.models import Triage
from tests.casework.api.conftest import api_client, error_fields
from tests.casework.signals.factories import make_signal
from tests.casework.versions_support import version
from tests.casework.versions_support import version_of as v
from tests.factories.park import make_object, make_park

pytestmark = pytest.mark.django_db(databases="__all__")
TODAY = datetime.date.today()
WEIGHING = "Deling is nodig voor de bestuurlijke aanpak; minder gegevens volstaan niet (test)."


def _routing(routed_to: str, partner, owner) -> dict:
    return {"outcome": "case", "reason": "Aanwijzingen voor een hennepkwekerij (bron afgeschermd).",
            "purpose": "Bestuurlijke aanpak (test).", "routed_to": routed_to, "owner": owner.pk,
            "linked_reason": "Melding van een hennepkwekerij in de woning.", "partner": partner.pk,
            "categories": ["metadata"], "weighing": WEIGHING, "ends_on": (TODAY + datetime.timedelta(days=30))}


DAMOCLES = {"kind": "woning", "street": "Proeflaan", "house_number": "12", "postcode": "9999 XX",
            "city": "Demodorp", "received_on": TODAY.isoformat(),
            "found_on": (TODAY - datetime.timedelta(days=2)).isoformat(),
            "ground": "sub_a", "substance": "hemp_plants", "amount": "120", "unit": "plants"}


def test_the_triage_page_routes_to_damocles_with_the_procedures_details(client, login, officer, other_organisation):
    case = make_signal(officer)
    login(client, officer)
    page = reverse("casework:signals_triage_page", args=[case.pk])
    html = client.get(page).content.decode()
    assert "Gegevens voor een doorverwijzing naar: Damocles-procedure" in html and "linked-damocles-street" in html
    incomplete = client.post(page, {**_routing("damocles", other_organisation, officer), **v(case)})
    assert incomplete.status_code == 400 and not Case.objects.filter(case_type="damocles").exists()
    linked = {code: form for code, _label, form in incomplete.context["form"].linked_forms}
    assert "street" in linked["damocles"].errors and not linked["park"].errors  # only the chosen group is checked
    assert "Vul de gegevens voor Damocles-procedure aan." in incomplete.content.decode()
    filled = {f"linked-damocles-{name}": value for name, value in DAMOCLES.items()}
    response = client.post(page, {**_routing("damocles", other_organisation, officer), **filled, **v(case)})
    assert response.status_code == 302, response.context["form"].errors
    procedure = Case.objects.get(case_type="damocles")
    assert CaseLink.objects.get(from_case=case, to_case=procedure).kind == "signal_routed"
    assert procedure.damocles.premises.street == "Proeflaan"
    assert Triage.objects.get(case=case).reason == "Aanwijzingen voor een hennepkwekerij (bron afgeschermd)."


def test_the_api_routes_to_a_park_file_for_an_object_of_the_own_parks(officer, other_organisation, make_user):
    case = make_signal(officer, category="holiday_park")
    own = make_object(actor=officer, park=make_park(officer.organisation, name="Testpark Meren"))
    foreign = make_object(actor=make_user(role="handhaver", organisation=other_organisation),
                          park=make_park(other_organisation))
    client = api_client(officer)
    url = f"/api/v1/signals/cases/{case.pk}/triage"
    body = {**_routing("park", other_organisation, officer), "owner": officer.pk, "partner": other_organisation.pk}
    body = {key: value for key, value in body.items() if key not in ("categories", "weighing", "ends_on")}
    body["share"] = {"categories": ["metadata"], "weighing": WEIGHING,
                     "ends_on": (TODAY + datetime.timedelta(days=30)).isoformat()}
    refused = client.post(url, {**body, "version": version(case), "linked": {"object": str(foreign.pk)}},
                          format="json")
    assert refused.status_code == 400 and "linked.object" in error_fields(refused)
    unknown = client.post(url, {**body, "version": version(case), "linked": {"street": "x"}}, format="json")
    assert unknown.status_code == 400 and "linked.object" in error_fields(unknown)
    assert not Case.objects.filter(case_type="park").exists() and not Triage.objects.exists()
    done = client.post(url, {**body, "version": version(case), "linked": {"object": str(own.pk)}}, format="json")
    assert done.status_code == 201, done.json()
    park_file = Case.objects.get(pk=done.json()["linked_case_id"])
    assert park_file.case_type == "park" and park_file.park.object == own


def test_an_approach_that_asks_nothing_more_refuses_extra_details(officer, other_organisation):
    case = make_signal(officer)
    client = api_client(officer)
    body = {"outcome": "case", "reason": "x", "purpose": "y", "routed_to": "woonoverlast", "linked_reason": "z",
            "owner": officer.pk, "partner": other_organisation.pk, "version": version(case),
            "linked": {"conference_goal": "x"}}
    response = client.post(f"/api/v1/signals/cases/{case.pk}/triage", body, format="json")
    assert response.status_code == 400 and "linked" in error_fields(response)


def test_a_case_opened_from_a_signal_is_announced_once_to_its_owner_and_team(officer, other_organisation,
                                                                            make_user):
    from casework.notifications.models import Notification
    from casework.signals.services import signal_triage
    from tests.factories.casework import person_data

    colleague = make_user(role="handhaver", team=officer.team)
    case = make_signal(officer, persons=[{"person": person_data(surname="Testveroorzaker")}])
    row = signal_triage(actor=officer, case=case, outcome="case", routed_to="woonoverlast", owner=colleague,
                        reason="Overlast (bron afgeschermd).", purpose="Aanpak woonoverlast.",
                        linked_reason="Overlast vanuit de woning.", partner=other_organisation,
                        share={"categories": ["metadata"], "weighing": WEIGHING,
                               "ends_on": TODAY + datetime.timedelta(days=30)})
    announced = Notification.objects.filter(case_id=row.linked_case_id, kind="referral_new")
    assert set(announced.values_list("recipient_id", flat=True)) == {colleague.pk}  # not the officer who acted
