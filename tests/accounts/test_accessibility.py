"""The accessibility statement (accounts/accessibility.py): public, linked from every page, in the model
format's sections, and honest about its status (automated checks only: never A or B)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db(databases="__all__")

SECTIONS = ("Nalevingsstatus", "Onderbouwing van deze verklaring", "Bekende afwijkingen", "Maatregelen en planning",
            "Akkoordverklaring", "Feedback en contact", "Handhavingsprocedure")


def test_the_statement_is_public_and_has_every_section_of_the_model(client):
    response = client.get(reverse("accessibility_statement"))
    assert response.status_code == 200
    text = response.content.decode()
    for section in SECTIONS:
        assert section in text
    assert "C — eerste maatregelen genomen" in text
    assert "voldoet volledig" not in text and "voldoet gedeeltelijk" not in text  # no claim on axe results
    assert "nog niet ondertekend" in text  # nothing configured: it says what is missing


def test_the_configured_organisation_contact_and_signature_are_shown(client, settings):
    settings.ACCESSIBILITY_STATEMENT = {"organisation": "Gemeente Testdorp", "contact_email": "wcag@testdorp.invalid",
                                        "signed_by": "de gemeentesecretaris", "signed_on": date(2026, 11, 30)}
    text = client.get(reverse("accessibility_statement")).content.decode()
    assert "Gemeente Testdorp streeft ernaar" in text
    assert 'href="mailto:wcag@testdorp.invalid"' in text
    assert "op 30 november 2026 door de gemeentesecretaris" in text


def test_the_login_page_and_the_dashboard_link_to_it(client, login, make_user):
    link = f'href="{reverse("accessibility_statement")}"'
    assert link in client.get(reverse("accounts:login")).content.decode()
    login(client, make_user())
    assert link in client.get(reverse("dashboard")).content.decode()


def test_only_get_is_answered(client):
    assert client.post(reverse("accessibility_statement")).status_code == 405
