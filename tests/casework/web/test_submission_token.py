"""One-time submission tokens of web forms (casework/web/submission.py, ADR 0014): a double submit of
a form creates one object and shows it; a failed form frees its token; every POST form carries one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from casework.models import Case, SubmissionKey
from tests.casework.pga.web.test_referral import form_data

pytestmark = pytest.mark.django_db(databases="__all__")
URL = reverse("casework:referral_create")
TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')


def _token(client) -> str:
    match = TOKEN.search(client.get(URL).content.decode())
    assert match, "the referral form renders a submission token"
    return match.group(1)


def test_a_double_submit_creates_one_case_and_shows_it(client, login, regisseur):
    login(client, regisseur)
    token = _token(client)
    first = client.post(URL, {**form_data(), "submission_token": token})
    case = Case.objects.get()
    assert first.status_code == 302
    again = client.post(URL, {**form_data(), "submission_token": token})
    assert Case.objects.count() == 1
    assert again.status_code == 303 and again["Location"] == first["Location"]
    assert client.get(again["Location"]).status_code == 200  # the case page, rendered afresh
    assert str(case.pk) in first["Location"]


def test_every_rendering_has_its_own_token(client, login, regisseur):
    login(client, regisseur)
    assert _token(client) != _token(client)


def test_a_form_with_errors_frees_its_token(client, login, regisseur):
    login(client, regisseur)
    token = _token(client)
    bad = client.post(URL, {**form_data(bsn="123456789"), "submission_token": token})
    assert bad.status_code == 200 and not Case.objects.exists() and not SubmissionKey.objects.exists()
    good = client.post(URL, {**form_data(), "submission_token": token})
    assert good.status_code == 302 and Case.objects.count() == 1


def test_another_form_content_under_a_used_token_is_a_new_submit(client, login, regisseur):
    login(client, regisseur)
    token = _token(client)
    client.post(URL, {**form_data(), "submission_token": token})
    client.post(URL, {**form_data(surname="Testpersoon-Tweede", bsn="999990020"), "submission_token": token})
    assert Case.objects.count() == 2  # the back button and another person: not a repeat


def test_a_repeat_while_the_first_still_runs_gets_a_dutch_409_page(client, login, regisseur, settings):
    settings.SUBMISSION_WAIT_SECONDS = 0
    login(client, regisseur)
    token = _token(client)
    client.post(URL, {**form_data(), "submission_token": token})
    SubmissionKey.objects.update(completed_at=None, location="")  # as if the first were still running
    busy = client.post(URL, {**form_data(), "submission_token": token})
    assert busy.status_code == 409 and Case.objects.count() == 1
    assert "wordt nog verwerkt" in busy.content.decode()


def test_a_form_without_a_token_works_as_before(client, login, regisseur):
    login(client, regisseur)
    assert client.post(URL, form_data()).status_code == 302
    assert client.post(URL, form_data()).status_code == 302
    assert Case.objects.count() == 2 and not SubmissionKey.objects.exists()


def test_every_post_form_template_carries_a_submission_token():
    roots = [Path("templates"), *Path("casework").glob("*/templates")]
    missing = []
    for root in roots:
        for template in root.rglob("*.html"):
            text = template.read_text()
            if text.count("{% csrf_token %}") != text.count("{% submission_token %}"):
                missing.append(str(template))
    assert not missing, f"forms without {{% submission_token %}}: {missing}"
