"""Test-only control endpoints of the test provider (never part of the application)."""

import json

from django.contrib.auth.models import User
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oauth2_provider.models import AccessToken, RefreshToken

from tests.oidc_provider.models import Claims, Control


@csrf_exempt
@require_POST
def user_upsert(request: HttpRequest) -> JsonResponse:
    """{"username", "password", "sub", "claims": {...}, "active": bool}; disabling revokes the user's tokens."""
    body = json.loads(request.body)
    user, _created = User.objects.get_or_create(username=body["username"])
    if "password" in body:
        user.set_password(body["password"])
    user.is_active = body.get("active", True)
    user.save()
    if "sub" in body:
        Claims.objects.update_or_create(user=user, defaults={"sub": body["sub"], "data": body.get("claims", {})})
    if not user.is_active:
        RefreshToken.objects.filter(user=user).delete()
        AccessToken.objects.filter(user=user).delete()
    return JsonResponse({"ok": True})


@csrf_exempt
@require_POST
def token_mode(request: HttpRequest) -> JsonResponse:
    Control.objects.update_or_create(pk=1, defaults={"token_mode": json.loads(request.body)["mode"]})
    return JsonResponse({"ok": True})
