"""Users, partner organisations and teams.

Primary keys are UUIDs generated in Python (field encryption binds ciphertext to the row's UUID,
and ids in audit rows must not be guessable sequence numbers).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import sealing, totp_secrets
from accounts.roles import PARTNER_CLAIM_ROLES, ROLE_CHOICES, ROLE_LABELS, ROLES


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
        """The user's role code (the first role group, in the order of ROLES); cached per instance. The user of
        a request has it read with the user's row (`role_in_sql`, accounts/backends.py)."""
        names = {group.name for group in self.groups.all()}
        return next((role for role in ROLES if role in names), None)

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS.get(self.role or "", ""))

    def has_role(self, role: str) -> bool:
        return self.role == role

    @property
    def display_name(self) -> str:
        return display_name_of(self.first_name, self.last_name, self.username)


def display_name_of(first_name: str, last_name: str, username: str) -> str:
    """A user's name as pages show it: the full name (AbstractUser.get_full_name's), else the username. For
    lists read as values, without a model instance per user."""
    return f"{first_name} {last_name}".strip() or username


def role_in_sql() -> RawSQL:
    """`User.role` as a column of a query on `User` (its table not aliased): the name of the user's first role
    group in the order of ROLES, NULL without one. One query fewer on every page (accounts/backends.py;
    tests/accounts/test_backends.py compares it with the property). Written as SQL: the same subquery built
    by the ORM (`Case`/`When` over seven roles) cost 1.2 ms a request to build and compile, more than the
    query it saves."""
    return RawSQL(_role_sql(), (*ROLES, *ROLES))  # noqa: S611 - fixed text, the role names as parameters


@functools.cache
def _role_sql() -> str:
    from django.contrib.auth.models import Group

    memberships = User.groups.through._meta
    group_column = memberships.get_field("group").column
    user_column = memberships.get_field("user").column
    rank = " ".join(f"WHEN %s THEN {index}" for index in range(len(ROLES)))
    marks = ", ".join(["%s"] * len(ROLES))
    # names from the models' meta, the role names as parameters
    select = f'SELECT g."name" FROM "{Group._meta.db_table}" g INNER JOIN "{memberships.db_table}" m '  # noqa: S608
    return (f'{select}ON g."id" = m."{group_column}" WHERE m."{user_column}" = "{User._meta.db_table}"."id" '
            f'AND g."name" IN ({marks}) ORDER BY CASE g."name" {rank} END LIMIT 1')


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


# --- Single sign-on (docs/adr/0024-sso-per-organisation-and-matching-on-issuer-and-subject.md) ---


class IdentityProvider(models.Model):
    """An organisation's OpenID Connect provider. With one enabled, its users log in there only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="identity_provider",
                                        verbose_name=_("organisation"))
    enabled = models.BooleanField(_("enabled"), default=True)
    issuer = models.URLField(_("issuer"), max_length=300)
    discovery_url = models.URLField(_("discovery URL"), max_length=300)
    client_id = models.CharField(_("client id"), max_length=200)
    sealed_client_secret = models.BinaryField(_("client secret (sealed)"))
    scopes = models.CharField(_("scopes"), max_length=200, default="openid profile email")
    group_claim = models.CharField(_("group claim"), max_length=100, default="groups")
    # Space-separated; a login must carry one of the `acr` values or one of the `amr` values.
    acr_values = models.CharField(_("accepted acr values"), max_length=300, blank=True, default="")
    amr_values = models.CharField(_("accepted amr values"), max_length=300, blank=True, default="")
    recheck_minutes = models.PositiveSmallIntegerField(_("re-check interval (minutes)"), default=5)
    local_login_allowed = models.BooleanField(_("local login allowed"), default=False)
    create_users = models.BooleanField(_("create accounts at first login"), default=False)

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")
        constraints = [
            models.CheckConstraint(condition=~models.Q(acr_values="", amr_values=""), name="idp_requires_mfa_claim"),
            models.CheckConstraint(condition=models.Q(enabled=False) | models.Q(local_login_allowed=False),
                                   name="idp_enabled_means_no_local_login"),
            models.CheckConstraint(condition=models.Q(recheck_minutes__gte=1, recheck_minutes__lte=60),
                                   name="idp_recheck_minutes_range"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.issuer})"

    def set_client_secret(self, secret: str) -> None:
        self.sealed_client_secret = sealing.seal(secret.encode(), purpose=sealing.CLIENT_SECRET,
                                                 associated=f"accounts.IdentityProvider|{self.pk}")

    @property
    def client_secret(self) -> str:
        return sealing.unseal(self.sealed_client_secret, purpose=sealing.CLIENT_SECRET,
                              associated=f"accounts.IdentityProvider|{self.pk}").decode()

    @property
    def accepted_acr(self) -> frozenset[str]:
        return frozenset(self.acr_values.split())

    @property
    def accepted_amr(self) -> frozenset[str]:
        return frozenset(self.amr_values.split())


def is_partner(organisation: Organisation) -> bool:
    """Every organisation but a municipality is a chain partner (the conservative reading)."""
    return organisation.kind != Organisation.Kind.GEMEENTE


class GroupRoleMapping(models.Model):
    """One value of the IdP's group claim, and the role (and team) it gives in one organisation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="group_mappings",
                                     verbose_name=_("organisation"))
    group = models.CharField(_("group claim value"), max_length=200)
    role = models.CharField(_("role"), max_length=32, choices=ROLE_CHOICES)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                             verbose_name=_("team"))

    class Meta:
        ordering = ["organisation__name", "group"]
        verbose_name = _("group mapping")
        verbose_name_plural = _("group mappings")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "group"], name="group_mapping_unique_group"),
            models.CheckConstraint(condition=models.Q(role__in=ROLES), name="group_mapping_known_role"),
        ]

    def __str__(self) -> str:
        return f"{self.group} -> {self.role}"

    def clean(self) -> None:
        if is_partner(self.organisation) and self.role not in PARTNER_CLAIM_ROLES:
            raise ValidationError({"role": _("A chain partner's identity provider can only give the chain "
                                             "partner role.")})
        if self.team is not None and self.team.organisation_id != self.organisation_id:
            raise ValidationError({"team": _("The team must belong to the user's organisation.")})


class ExternalIdentity(models.Model):
    """The one link of a user to an identity at an IdP: (issuer, subject), never e-mail or username."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="external_identity")
    issuer = models.CharField(_("issuer"), max_length=300)
    subject = models.CharField(_("subject"), max_length=255)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique_subject"),
        ]

    def __str__(self) -> str:
        return f"identity of {self.user_id}"


class IdentityProviderDevice(Device):
    """django-otp's marker that the second factor was verified by the organisation's IdP (acr/amr).

    A session logged in through single sign-on is "verified" with this device, so every two-factor
    check in the project holds unchanged. It never accepts a code: no password + code login with it.
    """

    class Meta(Device.Meta):
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")

    def verify_token(self, token: Any) -> bool:
        return False


class PasskeyDevice(Device):
    """A passkey (WebAuthn credential) as a second factor beside the authenticator app (docs/adr/0036).

    Only what a relying party needs is stored: the credential id, the public key (COSE) and the
    signature counter. Nothing here lets anyone sign in: the private key never leaves the
    authenticator. Like the identity-provider device it never accepts a typed code; the login form
    verifies an assertion through accounts/passkeys.py instead.
    """

    credential_id: models.BinaryField = models.BinaryField(_("credential id"), max_length=1023)
    public_key: models.BinaryField = models.BinaryField(_("public key"))
    sign_count: models.PositiveBigIntegerField = models.PositiveBigIntegerField(_("signature counter"), default=0)
    transports: models.CharField = models.CharField(_("transports"), max_length=200, blank=True, default="")
    created_at: models.DateTimeField = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at: models.DateTimeField = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta(Device.Meta):
        verbose_name = _("passkey")
        verbose_name_plural = _("passkeys")
        constraints = [
            models.UniqueConstraint(fields=["credential_id"], name="passkey_unique_credential"),
        ]

    def verify_token(self, token: Any) -> bool:
        return False
