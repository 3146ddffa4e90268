"""Fixtures for the API tests: a team of process directors, outsiders and a partner organisation
(`regisseur` of `team` and `partner` of `partner_org` as in tests/casework/conftest.py)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Organisation
from accounts.roles import PROCESREGISSEUR
from audit.activities import CHAIN_SHARING
from casework.models import Case, SharingDecision
from casework.sharing import share_create
from tests import dbtemplates
from tests.conftest import login_client
from tests.factories.accounts import OrganisationFactory, TeamFactory
from tests.factories.casework import make_pga_case

WEIGHING = "Alleen deze categorieën zijn nodig voor het casusoverleg; minder ingrijpend kan niet."


@pytest.fixture
def team(organisation):
    return TeamFactory(organisation=organisation, name="Team Procesregie A")


@pytest.fixture
def other_team_user(make_user, organisation):
    return make_user(role=PROCESREGISSEUR, team=TeamFactory(organisation=organisation, name="Team B"))


@pytest.fixture
def other_org_user(make_user, other_organisation):
    return make_user(role=PROCESREGISSEUR, organisation=other_organisation,
                     team=TeamFactory(organisation=other_organisation, name="Team Elders"))


@pytest.fixture
def partner_org(db):
    return OrganisationFactory(name="Test-GGZ Midden", kind=Organisation.Kind.GGZ)


@pytest.fixture
def case(regisseur):
    return make_pga_case(owner=regisseur, status="in_behandeling")


def api_client(user) -> APIClient:
    client = APIClient()
    login_client(client, user)
    return client


def current_version(case) -> int:
    """The case's current `version`, as a client sends it back with an update (casework/versions.py)."""
    from casework.models import Case
    return Case.objects.values_list("version", flat=True).get(pk=getattr(case, "pk", case))


def contract_enum(component: str, member: str) -> list[str]:
    """The values the published contract enumerates for a request member (`SignalIn`, `category`)."""
    from casework.api import openapi

    schemas = openapi.published()["components"]["schemas"]
    ref = schemas[component]["properties"][member]
    ref = ref["allOf"][0] if "allOf" in ref else ref["oneOf"][0] if "oneOf" in ref else ref  # oneOf: with blank
    return schemas[ref["$ref"].rsplit("/", 1)[-1]]["enum"]


def error_messages(response) -> dict[str, list[str]]:
    """Top-level body member -> the `detail` of each of its errors in a 400 problem."""
    found: dict[str, list[str]] = {}
    for error in response.json()["errors"]:
        if error["in"] == "body" and error.get("location"):
            found.setdefault(error["location"].split("/")[1], []).append(error["detail"])
    return found


def error_fields(response) -> set[str]:
    """The top-level body members a 400 problem's `errors` point at (`#/person/surname` -> person)."""
    assert response["Content-Type"] == "application/problem+json"
    return {error["location"].split("/")[1] for error in response.json()["errors"]
            if error["in"] == "body" and error.get("location")}


@pytest.fixture
def as_user():
    """as_user(user) -> an APIClient with a two-factor session of `user`."""
    return api_client


def share(case, *, by, partner_org, categories=("metadata",), ends_in_days: int = 30) -> SharingDecision:
    return share_create(
        actor=by, case=case, partner=partner_org, categories=list(categories), processing_activity=CHAIN_SHARING,
        purpose="Afstemming in het casusoverleg (test).", weighing=WEIGHING,
        ends_on=timezone.localdate() + timedelta(days=ends_in_days),
    )


def expire(decision: SharingDecision) -> None:
    """Let a sharing decision run out (test only: a queryset update skips history on purpose)."""
    today = timezone.localdate()
    SharingDecision.objects.filter(pk=decision.pk).update(
        starts_on=today - timedelta(days=10), ends_on=today - timedelta(days=1),
    )


# The row a path parameter names (other than case_id, which follows the operation's case type).
ROWS: dict[str, str] = {
    "share_id": "casework.SharingDecision",
    "approval_id": "casework.Approval",
    "person_id": "casework.Person",
    "objection_id": "remedies.Objection",
    "relief_id": "remedies.InterimRelief",
    "forfeiture_id": "penalties.Forfeiture",
    "inspection_id": "park.Inspection",
    "order_id": "park.PenaltyOrder",
    "agreement_id": "pga.Agreement",
    "conference_id": "pga.Conference",
    "contribution_id": "pga.PartnerContribution",
    "closure_id": "woonoverlast.Closure",
    "extension_id": "woonoverlast.ClosureExtension",
}
# Rows that belong to the case named earlier in the same path: picked among that case's rows.
CASE_ROWS: dict[str, str] = {"document_id": "documents.Document"}


def _pick(values: list[str], seed: str) -> str:
    """The same id for the same operation every run (a stable hash, not Python's salted one)."""
    return values[int(hashlib.sha256(seed.encode()).hexdigest(), 16) % len(values)]


@pytest.fixture(scope="module")
def demo_databases(django_db_setup, django_db_blocker):
    """The demo data for the whole module (tests/dbtemplates.py seeds it once per run): the contract and
    hostile-input sweeps (test_contract.py, test_hostile.py)."""
    with django_db_blocker.unblock():
        dbtemplates.restore_sqlite(dbtemplates.demo_template())
        try:
            yield
        finally:
            dbtemplates.restore_sqlite(dbtemplates.sqlite_template())


@pytest.fixture(scope="module")
def demo_ids(demo_databases, django_db_blocker) -> Callable[[str, str, str], str]:
    """ids(parameter, path, role) -> an id from the demo data for that path parameter."""
    cases: dict[str, list[str]] = {}
    with django_db_blocker.unblock():
        for pk, case_type in Case.objects.order_by("reference").values_list("pk", "case_type"):
            cases.setdefault(case_type, []).append(str(pk))
        rows = {name: [str(pk) for pk in apps.get_model(label).objects.order_by("pk").values_list("pk", flat=True)]
                for name, label in ROWS.items()}
        of_case: dict[str, dict[str, list[str]]] = {}
        for name, label in CASE_ROWS.items():
            for pk, case_id in apps.get_model(label).objects.order_by("pk").values_list("pk", "case_id"):
                of_case.setdefault(name, {}).setdefault(str(case_id), []).append(str(pk))
    every_case = [pk for values in cases.values() for pk in values]
    # The core's paths about rows of one case use a case that has such rows (the first parameter of the path).
    with_rows = sorted({case_id for by_case in of_case.values() for case_id in by_case})
    chosen: dict[str, str] = {}

    def ids(parameter: str, path: str, role: str) -> str:
        if parameter == "case_id":
            prefix = path.strip("/").split("/")[0]  # /<type code>/cases/{case_id}/..., or the core's /cases/...
            about_rows = any(f"{{{name}}}" in path or f"/{name.removesuffix('_id')}s" in path for name in CASE_ROWS)
            pool = with_rows if about_rows and with_rows and prefix == "cases" else cases.get(prefix, every_case)
            chosen[path + role] = _pick(pool, path + role)
            return chosen[path + role]
        if parameter in CASE_ROWS:
            values = of_case.get(parameter, {}).get(chosen.get(path + role, ""), [])
            return _pick(values, path + role) if values else "00000000-0000-0000-0000-000000000000"
        return _pick(rows[parameter], path + role) if rows.get(parameter) else "00000000-0000-0000-0000-000000000000"

    return ids


DEMO_ROLES = ("regisseur", "handhaver", "teamleider", "partner", "privacy")


@pytest.fixture
def tokens(demo_databases, settings) -> dict[str, str]:
    """An API token per demo role, for the contract and hostile-input sweeps. Probing ids other roles may not
    see is what the refusal limit stops: here every request should reach its view (the 429 itself:
    tests/audit/test_refusals*.py)."""
    from knox.models import AuthToken

    from accounts.models import User

    settings.AUDIT_REFUSAL_LIMIT = 1_000_000
    return {role: AuthToken.objects.create(User.objects.get(username=role))[1] for role in DEMO_ROLES}
