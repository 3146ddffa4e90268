"""The API keeps its published contract (issue 17 item 5): schemathesis generates requests for every
operation of casework/api/openapi/openapi.json and sends them, as each demo role, to the application
(in-process, WSGI) holding the demo data. Every answer must be documented: no 5xx, a status code the
operation lists, a body that matches the response schema, problem+json for errors.

Path parameters come from the demo data (a case of the operation's type, a row of the kind the
parameter names), so requests reach the services instead of ending in a 404 at the first lookup;
bodies and query parameters are generated from the schema. `make test` draws a fixed, small number of
examples per operation and role (derandomized: the same requests every run); `make test-full` draws
many more, at random (tests/sweeps.py).

The demo data is put in place once per module (and the migrated databases back after it); each
operation's requests run inside a transaction that is rolled back, so every operation starts from the
same demo data, as a fresh copy per operation would give, at a fraction of the cost.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.casework.api.conftest import DEMO_ROLES
from tests.sweeps import FULL, examples

# Not transactional: the requests run in-process on the test's own connections, in its transaction.
pytestmark = [pytest.mark.django_db(databases="__all__")]

SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
# The coverage phase (boundary values of every parameter, deterministic) only in make test-full: it adds
# dozens of requests per operation.
SCHEMA.config.phases.coverage.enabled = FULL
ROLES = DEMO_ROLES
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, content_type_conformance]
EXAMPLES = examples(2)  # per operation and role: 2 in make test

@SCHEMA.parametrize()
@settings(max_examples=EXAMPLES, derandomize=not FULL, database=None, deadline=None,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented_for_every_role(case: Any, demo_ids, tokens) -> None:
    if case.operation.path in ("/auth/logout",):
        return  # would end the token for the roles after it; tests/casework/api/test_auth.py covers it
    for role in ROLES:
        if case.path_parameters:
            case.path_parameters = {name: demo_ids(name, case.operation.path, role) for name in case.path_parameters}
        case.call_and_validate(headers={"Authorization": f"Token {tokens[role]}"}, checks=CHECKS)
