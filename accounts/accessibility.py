"""The accessibility statement (toegankelijkheidsverklaring), public like the login page.

The Besluit digitale toegankelijkheid overheid requires one for every web application of a government
body, intranet and cloud applications included, in the model format of DigiToegankelijk: the
organisation and the application it covers, the compliance status (A-E) with its basis, the known
deviations with measures and planning, the sign-off by an authorised official, a way to give
feedback and the enforcement procedure.

The status shipped is **C — eerste maatregelen genomen**, and it is a fact about the product, not a
setting: the only evidence is automated (axe-core, WCAG 2.1 A/AA rules, in the browser tests) and no
full WCAG-EM evaluation has been done. Automated rules find only part of the problems, so the page
never claims A or B on axe results; a municipality that commissions a WCAG-EM evaluation changes this
module and the template with the report's findings. The organisation, contact address, sign-off and
date come from settings (ACCESSIBILITY_* variables, docs/operations.md).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

STATUS = "C"
# The date the product's own part of the statement (status, basis, deviations) was last reviewed.
REVIEWED_ON = date(2026, 12, 2)


@require_GET
def statement(request: HttpRequest) -> HttpResponse:
    configured = settings.ACCESSIBILITY_STATEMENT
    return render(request, "accounts/accessibility_statement.html", {
        "status": STATUS,
        "organisation": configured["organisation"],
        "contact_email": configured["contact_email"],
        "signed_by": configured["signed_by"],
        "signed_on": configured["signed_on"],
        "reviewed_on": REVIEWED_ON,
        "host": request.get_host(),
    })
