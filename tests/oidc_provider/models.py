"""What the test provider knows beyond django-oauth-toolkit: claims per user, and a token mode."""

from django.conf import settings
from django.db import models


class Claims(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims")
    sub = models.CharField(max_length=255, unique=True)
    data = models.JSONField(default=dict)  # email, given_name, family_name, groups, acr, amr

    def __str__(self) -> str:
        return self.sub


class Control(models.Model):
    """One row: how the next ID tokens are made (normal, wrong_iss, wrong_aud, alg_none, hs256, expired, rogue_key)."""

    token_mode = models.CharField(max_length=20, default="normal")

    def __str__(self) -> str:
        return self.token_mode
