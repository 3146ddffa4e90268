"""Every page each demo role can reach from the dashboard, by links and GET forms, shows Dutch: no English text
from the catalogue, no uuid, snake_case code, model label, key=value dump or English date, and no server error
(issue 19). `make test` visits one page per URL pattern; TEST_FULL=1 visits every one."""

from __future__ import annotations

import pytest

from accounts.models import SealedTOTPDevice, User
from tests.casework.web.crawl_support import Checker, Finding, catalogue_entries, crawl, is_english_prose, parse
from tests.conftest import login_client
from tests.sweeps import FULL

ROLES = ["regisseur", "handhaver", "teamleider", "partner", "privacy"]
# Pages per URL pattern; a case's pages count per case type, the case page itself per type and open/closed, and
# with TEST_FULL=1 per type and status with no limit.
PER_PATTERN = 10_000 if FULL else 1


def test_the_catalogue_has_no_untranslated_or_fuzzy_entries():
    entries = catalogue_entries()
    assert len(entries) > 500
    untranslated = [entry.msgid for entry in entries if not all(entry.msgstrs)]
    fuzzy = [entry.msgid for entry in entries if entry.fuzzy]
    assert untranslated == [] and fuzzy == []


def test_the_checker_finds_each_kind_of_leak():
    page = parse("/x/", """<html><head><title>Case</title><script>var a_b = 1;</script></head><body>
        <p>(case created (pga))</p><p>compliant=None</p><p>park.last_onder_dwangsom</p>
        <p>0f0e4b7c-52c6-4b7e-9a53-3f1c2d9e8a10</p><p>casework.Case</p><p>2 Dec 2026</p>
        <input type="submit" value="Save"><span aria-label="Cancel">x</span>
        <p>2 december 2026, zaak PGA-2026-0001, regisseur@demo.invalid</p></body></html>""")
    kinds = {(finding.kind, finding.text.split(" in ")[0]) for finding in Checker().findings(page)}
    assert {("English", "Case"), ("snake_case", "last_onder_dwangsom"), ("key=value", "compliant=None"),
            ("uuid", "0f0e4b7c-52c6-4b7e-9a53-3f1c2d9e8a10"), ("model label", "casework.Case"),
            ("English date", "2 Dec"), ("English", "Save"), ("English", "Cancel")} <= kinds
    assert not any("a_b" in text for _kind, text in kinds)  # scripts are not visible text
    assert not any("december" in text or "PGA-2026" in text for _kind, text in kinds)


def test_english_prose_is_told_from_dutch():
    for english in ("No Inspection matches the given query.", "This field is required.", "Please check your input."):
        assert is_english_prose(english), english
    for dutch in ("Niet gevonden: het pad of een id in het verzoek noemt niets wat u mag zien.",
                  "Een forfaitaire dwangsom wordt één keer verbeurd, in zijn geheel.", "Dit veld is verplicht."):
        assert not is_english_prose(dutch), dutch


@pytest.mark.django_db(transaction=True, databases="__all__")  # seeded_demo restores the databases
def test_every_page_each_role_reaches_is_dutch(seeded_demo, client):
    checker = Checker()
    findings: list[Finding] = []
    server_errors: list[Finding] = []
    fetched = {}
    for username in ROLES:
        user = User.objects.get(username=username)
        user.device = SealedTOTPDevice.objects.get(user=user)
        client.logout()
        login_client(client, user)
        role_findings, fetched[username] = crawl(client, per_pattern=PER_PATTERN, checker=checker,
                                                 server_errors=server_errors, by_status=FULL)
        findings += role_findings
    assert all(count > 5 for count in fetched.values()), fetched  # the crawl really walked
    unique = sorted({(f.kind, f.text): f for f in findings}.values(), key=lambda f: (f.kind, f.url))
    report = "\n".join(str(f) for f in [*server_errors, *unique])
    assert not server_errors and not unique, f"{len(unique)} leaks, {len(server_errors)} server errors:\n{report}"
