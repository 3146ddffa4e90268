"""Form posts that are no UTF-8 are refused with the Dutch 400 page and change nothing (casework/web/encoding.py,
docs/adr/0035-hostile-input-on-web-forms.md); a bad request anywhere gets that page (config/errors.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import PRIVACY_OFFICER
from casework.models import Case
from casework.web.encoding import is_utf8_form
from tests.casework.pga.web.test_referral import form_data
from tests.casework.web.hostile_support import urlencoded

pytestmark = pytest.mark.django_db(databases="__all__")
URL = reverse("casework:referral_create")


def test_the_check_reads_percent_encoding_and_raw_bytes():
    assert is_utf8_form(b"name=Test%C3%A9&x=a+b") and is_utf8_form(b"")
    assert not is_utf8_form(b"name=Test%FF") and not is_utf8_form(b"name=Test\xff")


def test_a_form_body_that_is_no_utf8_is_refused_with_the_dutch_page(client, login, regisseur):
    login(client, regisseur)
    fields = list(form_data().items())
    good = client.post(URL, urlencoded(fields), content_type="application/x-www-form-urlencoded")
    assert good.status_code == 302 and Case.objects.count() == 1
    fields[0] = (fields[0][0], b"Test\xff\xfewaarde")
    bad = client.post(URL, urlencoded(fields), content_type="application/x-www-form-urlencoded")
    assert bad.status_code == 400 and Case.objects.count() == 1
    page = bad.content.decode()
    assert 'lang="nl"' in page and "Er is niets opgeslagen" in page


def test_a_bad_export_request_gets_the_dutch_page_not_an_empty_body(client, login, make_user):
    login(client, make_user(role=PRIVACY_OFFICER))
    response = client.get(reverse("audit:export", kwargs={"fmt": "geen-formaat"}))
    assert response.status_code == 400 and "Uw verzoek kon niet worden verwerkt" in response.content.decode()


def test_the_dashboard_and_the_user_list_take_no_post(client, login, regisseur):
    login(client, regisseur)
    assert client.post(reverse("dashboard")).status_code == 405
    assert client.post(reverse("accounts:user_list")).status_code == 405


def _multipart(fields: list[tuple[str, bytes | str]]) -> bytes:
    body = b""
    for name, value in fields:
        raw = value if isinstance(value, bytes) else str(value).encode()
        body += (b"--BoUnDaRy\r\nContent-Disposition: form-data; name=\"" + name.encode() + b"\"\r\n\r\n"
                 + raw + b"\r\n")
    return body + b"--BoUnDaRy--\r\n"


def test_a_multipart_form_with_a_text_part_that_is_no_utf8_is_refused(client, login, regisseur):
    """Django decodes each part with replacement characters; the middleware refuses the form instead of saving "�"."""
    login(client, regisseur)
    fields: list[tuple[str, bytes | str]] = [(name, str(value)) for name, value in form_data().items()]
    kind = "multipart/form-data; boundary=BoUnDaRy"
    assert client.post(URL, _multipart(fields), content_type=kind).status_code == 302
    assert Case.objects.count() == 1
    fields[0] = (fields[0][0], b"Test\xff\xfewaarde")
    bad = client.post(URL, _multipart(fields), content_type=kind)
    assert bad.status_code == 400 and Case.objects.count() == 1
    assert "Er is niets opgeslagen" in bad.content.decode()
