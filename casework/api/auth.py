"""API authentication: a two-factor session, or a knox token issued to a two-factor session.

Pitfall 7: API tokens bypass django-otp unless we require it. So a token is only ever issued to a
session that passed password and TOTP (`request.user.is_verified()`), expires after
`API_TOKEN_TTL`, is stored hashed by knox, and cannot mint another token. The two-factor
middleware lets a request to /api/ that carries `Authorization: Token ...` through to DRF,
which authenticates it here (a bad or expired token answers 401).

Token issuance and revocation are audit events (login / logout, reason "api token"); they live
in casework, not accounts, because accounts sits below audit and must not import it.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse, extend_schema
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from audit import record
from audit.actions import Action
from audit.activities import ACCOUNT_ADMINISTRATION

API_TOKEN_TTL = timedelta(hours=10)
EVENT_REASON = "api token"
USER_TYPE = "accounts.User"


class VerifiedSessionAuthentication(SessionAuthentication):
    """DRF session authentication that only accepts a session that passed the second factor.

    The two-factor middleware already refuses unverified sessions on /api/; this keeps the rule
    when a request reaches DRF by another path (a token header next to a half-finished login).
    """

    def authenticate(self, request: Request):
        found = super().authenticate(request)
        if found is None:
            return None
        user, auth = found
        is_verified = getattr(user, "is_verified", None)
        if not callable(is_verified) or not is_verified():
            return None
        return user, auth


# Token first: a request that names a token is judged by it (a bad token is a 401, even next
# to a valid session cookie); otherwise the verified session.
API_AUTHENTICATION = (TokenAuthentication, VerifiedSessionAuthentication)


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    """Document the verified session as drf-spectacular documents Django's session cookie."""

    target_class = VerifiedSessionAuthentication
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}


class TokenOutSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`; shown only once.")
    expiry = serializers.DateTimeField()


class IsVerifiedSession(IsAuthenticated):
    """Only a session that passed two factors (not a token) may ask for a token."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(
            super().has_permission(request, view)
            and request.auth is None  # a session, not a token
            and callable(getattr(user, "is_verified", None))
            and user.is_verified()
        )


class TokenCreateView(APIView):
    authentication_classes = (VerifiedSessionAuthentication,)
    permission_classes = (IsVerifiedSession,)

    @extend_schema(
        request=None, responses={201: TokenOutSerializer}, tags=["auth"], auth=[{"cookieAuth": []}],  # type: ignore[list-item]  # the stub says list[str]; the docs use this form
        summary="Issue an API token to the two-factor session's user (valid for 10 hours).",
    )
    def post(self, request: Request) -> Response:
        with transaction.atomic():
            instance, token = AuthToken.objects.create(user=request.user, expiry=API_TOKEN_TTL)
            # Fail closed: if the audit trail does not take the event, the token is rolled back.
            record(action=Action.LOGIN, processing_activity=ACCOUNT_ADMINISTRATION, actor=request.user,
                   object_type=USER_TYPE, object_id=request.user.pk, reason=EVENT_REASON)
        data = TokenOutSerializer({"token": token, "expiry": instance.expiry}).data
        return Response(data, status=status.HTTP_201_CREATED)


class TokenLogoutView(APIView):
    authentication_classes = (TokenAuthentication,)
    permission_classes = (IsAuthenticated,)

    @extend_schema(request=None, responses={204: OpenApiResponse(description="Token revoked.")}, tags=["auth"],
                   summary="Revoke the token this request was made with.")
    def post(self, request: Request) -> Response:
        with transaction.atomic():
            request.auth.delete()
            record(action=Action.LOGOUT, processing_activity=ACCOUNT_ADMINISTRATION, actor=request.user,
                   object_type=USER_TYPE, object_id=request.user.pk, reason=EVENT_REASON)
        return Response(status=status.HTTP_204_NO_CONTENT)
