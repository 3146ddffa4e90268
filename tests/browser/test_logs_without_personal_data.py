"""A full browser walk plants known personal values — a referral with name, BSN, address and phone,
a BSN search, a name search, the case and list pages, a wrong form — and finds none of them in the
application's log lines (JSON, as production writes them), which do record every request."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest

from accounts.roles import PROCESREGISSEUR
from ops.logging import JsonFormatter
from tests.browser.test_login_flow import log_in
from tests.factories.accounts import TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

PLANTED = {"first_names": "Geheimina", "surname": "Vertrouwelijkstra", "bsn": "123456782",
           "address": "Verborgenlaan 17, 9999 ZZ Nergensdorp", "phone": "0612398745"}


@pytest.fixture
def json_log():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def _submit(page):
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def test_a_browser_walk_leaves_no_personal_data_in_the_logs(live_server, watched_page, make_user, organisation,
                                                            json_log):
    page, base = watched_page, live_server.url
    user = make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation))
    log_in(page, base, user)

    page.goto(f"{base}/cases/pga/new/")
    for field, value in PLANTED.items():
        page.fill(f"#id_{field}", value)
    page.fill("#id_date_of_birth", "1979-11-23")
    page.fill("#id_aanleiding", "Zorgen (browsertest)")
    _submit(page)
    assert re.search(r"/cases/[0-9a-f-]{36}/$", page.url)
    assert PLANTED["surname"] in page.content()

    page.goto(f"{base}/cases/search/")
    page.locator("input[value=bsn]").check()
    page.fill("#id_bsn", PLANTED["bsn"])
    _submit(page)
    page.goto(f"{base}/cases/search/")
    page.locator("input[value=name]").check()
    page.fill("#id_surname", PLANTED["surname"])
    page.fill("#id_date_of_birth", "1979-11-23")
    _submit(page)
    page.goto(f"{base}/cases/?q={PLANTED['surname']}&bsn={PLANTED['bsn']}")
    page.goto(f"{base}/cases/pga/new/")
    page.fill("#id_surname", PLANTED["surname"])
    page.fill("#id_bsn", "12345678")  # invalid: the form comes back with an error
    _submit(page)

    text = json_log.getvalue()
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    requests = [line for line in lines if line["logger"] == "zorgveilig.request"]
    assert len(requests) >= 8 and all(line["trace_id"] for line in requests)
    for value in PLANTED.values():
        assert value not in text, f"{value!r} leaked into the log"
