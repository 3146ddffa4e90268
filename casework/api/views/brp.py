"""Looking a person up in the BRP through the API: the web UI's lookup (casework/brp/prefill.py) for API clients.

The same service, so the same rules and the same audit trail (ADR 0025): only municipal staff with the
`brp_lookup` capability, only for a processing activity with a recorded BRP authorisation, refused — and the
refusal recorded — before anything is sent; one audit event per call under the activity, never the BSN. A POST,
so the BSN travels in the body and never in a URL (access logs, proxies). Nothing is stored: a client that
registers the person afterwards does so through the registration of its case type.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from casework.api.base import ERRORS, ApiView, validated_body
from casework.api.serializers_in import BrpLookupInSerializer
from casework.api.serializers_out import BrpPersonSerializer
from casework.brp import client, prefill
from casework.brp.access import BrpRefused


class BrpRefusedProblem(exceptions.PermissionDenied):
    default_code = "brp_refused"


class BrpNotFound(exceptions.NotFound):
    default_code = "brp_not_found"


class BrpDisabledProblem(exceptions.APIException):
    """A 409, not a 5xx: nothing failed, the installation is set up without the BRP (its state, not an outage)."""

    status_code = 409
    default_code = "brp_disabled"


class BrpUnavailable(exceptions.APIException):
    status_code = 502
    default_code = "brp_unavailable"


BRP_ERRORS = {
    403: OpenApiResponse(description="Not municipal staff, or the processing activity has no BRP authorisation "
                                     "(code `brp_refused`, recorded)."),
    404: OpenApiResponse(description="The BRP knows no person with this BSN (code `brp_not_found`)."),
    502: OpenApiResponse(description="The BRP did not answer, refused the municipality or gave an answer that "
                                     "cannot be read (code `brp_unavailable`); enter the details by hand."),
    409: OpenApiResponse(description="Consulting the BRP is not switched on in this installation (code "
                                     "`brp_disabled`); enter the details by hand."),
}


def _problem(error: client.BrpError) -> exceptions.APIException:
    if isinstance(error, client.BrpDisabled):
        return BrpDisabledProblem(error.message)
    if error.cause == "not found":
        return BrpNotFound(error.message)
    if error.cause == "bad bsn":
        return exceptions.ValidationError({"bsn": [error.message]})
    return BrpUnavailable(error.message)


class BrpPersonLookup(ApiView):
    serializer_class = BrpPersonSerializer
    creates = False  # every repeat is a new lookup, with its own audit event

    @extend_schema(summary="Look a person up in the BRP by BSN (municipal staff, authorised activities only)",
                   tags=["brp"], request=BrpLookupInSerializer,
                   responses={200: BrpPersonSerializer, 400: ERRORS[400], **BRP_ERRORS})
    def post(self, request):
        data = validated_body(BrpLookupInSerializer, request)
        try:
            found = prefill.person_prefill(data["bsn"], user=request.user,
                                           processing_activity=data["processing_activity"],
                                           with_address=data["with_address"])
        except BrpRefused as refused:
            raise BrpRefusedProblem(refused.message) from None
        except client.BrpError as error:
            raise _problem(error) from None
        return Response(BrpPersonSerializer({
            "bsn": found.bsn, "first_names": found.first_names, "surname": found.surname,
            "date_of_birth": found.date_of_birth, "address": found.address, "retrieved_on": found.retrieved_on,
        }).data)
