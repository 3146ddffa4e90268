"""The park receives requests for enforcement or tolerance on the core's pages (casework/web/views/
applications.py) through its registry hook (`remedy_rules`); a type without remedy rules has none."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.remedies.models import Application
from tests.factories.casework import make_pga_case
from tests.factories.park import make_object, make_park_case, make_person

pytestmark = pytest.mark.django_db(databases="__all__")


def test_the_park_registers_an_application_on_the_core_page(client, login, handhaver, park):
    case = make_park_case(owner=handhaver, obj=make_object(actor=handhaver, park=park), person=make_person(handhaver))
    login(client, handhaver)
    url = reverse("casework:application_create", kwargs={"case_id": case.pk})
    received = timezone.localdate() - timedelta(days=3)
    assert client.post(url, {"kind": "tolerance", "received_on": received.isoformat()}).status_code == 302
    assert Application.objects.get(case=case).kind == "tolerance"
    future = {"kind": "tolerance", "received_on": (timezone.localdate() + timedelta(days=3)).isoformat()}
    refused = client.post(url, future)  # the park's rules refuse a date in the future
    assert refused.status_code == 400 and "received_on" in refused.context["form"].errors
    assert Application.objects.filter(case=case).count() == 1


def test_a_type_without_remedy_rules_has_no_application_pages(client, login, regisseur):
    case = make_pga_case(owner=regisseur)
    login(client, regisseur)
    assert client.get(reverse("casework:application_create", kwargs={"case_id": case.pk})).status_code == 404
