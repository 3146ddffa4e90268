"""Users, partner organisations and teams.

Primary keys are UUIDs generated in Python (field encryption binds ciphertext to the row's UUID,
and ids in audit rows must not be guessable sequence numbers).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import totp_secrets
from accounts.roles import ROLE_LABELS, ROLES


class Organisation(models.Model):
    """A municipality or chain partner (ketenpartner) whose employees use the system."""

    class Kind(models.TextChoices):
        GEMEENTE = "gemeente", _("Municipality")
        POLITIE = "politie", _("Police")
        OM = "om", _("Public Prosecution Service (OM)")
        RECLASSERING = "reclassering", _("Probation service")
        GGZ = "ggz", _("Mental health care (GGZ)")
        VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
        WONINGCORPORATIE = "woningcorporatie", _("Housing corporation")
        PROVINCIE = "provincie", _("Province")
        OTHER = "other", _("Other")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The organisation's postal address for its letterhead and as the address for objections
    # (Awb 6:7), e.g. "Postbus 100\n9999 AA Demodorp". Not personal data; kept by a team lead.
    postal_address = models.TextField(_("postal address"), blank=True, default="", max_length=300)
    # What letters of a municipality need besides the address (casework/letters/): the proper name
    # as in "de burgemeester van Demodorp" (blank: the name without "Gemeente "), the digital route
    # for objections if the organisation opened one (Awb 2:15; blank = not opened, and letters do
    # not mention it), and the competent court for interim relief (Awb 8:81).
    municipality_name = models.CharField(_("name in letters"), max_length=100, blank=True, default="")
    digital_objection_url = models.URLField(_("web address for digital objections"), max_length=300, blank=True,
                                            default="")
    court_name = models.CharField(_("competent court"), max_length=100, blank=True, default="")
    court_address = models.TextField(_("postal address of the court"), blank=True, default="", max_length=300)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def proper_name(self) -> str:
        """The name letters use after "de burgemeester van": "Demodorp", never "Gemeente Demodorp"."""
        if self.municipality_name:
            return self.municipality_name
        prefix = "gemeente "
        return self.name[len(prefix):] if self.name.lower().startswith(prefix) else self.name


class Team(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="teams", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name_per_org")]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):  # type: ignore[django-manager-missing]  # django-otp ships no stubs
    """An employee of an organisation. Names of employees may appear in the audit log (NEN 7513)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, related_name="members", null=True, blank=True, verbose_name=_("team")
    )

    # Set on the request's user by django_otp's OTPMiddleware; not database fields.
    otp_device: Any
    is_verified: Callable[[], bool]

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]  # django-stubs does not declare Meta
        swappable = "AUTH_USER_MODEL"
        ordering = ["last_name", "first_name", "username"]

    @cached_property
    def role(self) -> str | None:
        """The user's role code (the first role group, in the order of ROLES); cached per instance."""
        names = {group.name for group in self.groups.all()}
        return next((role for role in ROLES if role in names), None)

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS.get(self.role or "", ""))

    def has_role(self, role: str) -> bool:
        return self.role == role

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class UserSession(models.Model):
    """Links a session to its user, so deactivating a user can delete their sessions at once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=40, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "session_key"], name="usersession_unique"),
        ]

    def __str__(self) -> str:
        return f"session of {self.user_id}"


class SealedTOTPDevice(TimestampMixin, ThrottlingMixin, Device):
    """django-otp's TOTP device, with the shared secret sealed at rest (accounts/totp_secrets.py).

    Fields and verification are those of django_otp.plugins.otp_totp.models.TOTPDevice (its
    methods are reused as they are); only the secret's storage differs: `bin_key` opens it.
    """

    sealed_key: models.BinaryField = models.BinaryField(_("sealed secret"))
    step: models.PositiveSmallIntegerField = models.PositiveSmallIntegerField(default=30)
    t0: models.BigIntegerField = models.BigIntegerField(default=0)
    digits: models.PositiveSmallIntegerField = models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)
    tolerance: models.PositiveSmallIntegerField = models.PositiveSmallIntegerField(default=1)
    drift: models.SmallIntegerField = models.SmallIntegerField(default=0)
    last_t: models.BigIntegerField = models.BigIntegerField(default=-1)

    class Meta(Device.Meta):
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")

    def set_secret(self, secret: bytes) -> None:
        self.sealed_key = totp_secrets.seal(secret, user_id=self.user_id)

    @property
    def bin_key(self) -> bytes:
        return totp_secrets.unseal(self.sealed_key, user_id=self.user_id)

    @property
    def key(self) -> str:
        """The secret as hex, as TOTPDevice.key (for enrolment and the demo `totp` command)."""
        return self.bin_key.hex()

    verify_token = TOTPDevice.verify_token
    get_throttle_factor = TOTPDevice.get_throttle_factor
    config_url = TOTPDevice.config_url
    _read_str_from_settings = TOTPDevice._read_str_from_settings
