"""The park, its recreation objects (each a dossier of its own), occupants and tolerance decisions.

A court annulled orders that covered whole plots vaguely (Rb Gelderland 2025-03-10,
ECLI:NL:RBGEL:2025:1991): every enforcement step names one `RecreationObject` (chalet or pitch
number, BAG address where assigned). The object outlives any one file, so it has its own data
key; its BAG address is personal data (it locates the people living there), so it is encrypted
with blind indexes over the BAG id and over postcode + house number, as for Damocles premises.

A `ToleranceDecision` (persoonsgebonden gedoogbeschikking) is personal and not transferable: it
names one person and one object, was granted because that person lived there before the
reference date of the `TolerancePolicy` in force (nationally 31 October 2003; a municipality may
set another, as data with a date of effect) and ends when that person leaves. While it is in
force (not ended) no penalty order against that person for that object may be imposed.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from audit.history import ReasonedHistoricalRecords
from casework.models import Person
from casework.park.casetype import PROCESSING_ACTIVITY as PARK_ENFORCEMENT
from encryption.blind_index import BlindIndexField
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedCharField, EncryptedTextField

ENCRYPTED_OBJECT_FIELDS = (
    "street", "house_number", "house_number_addition", "postcode", "city", "bag_id", "bag_object_id", "owner_entity",
    "notes",
)


def object_history() -> ReasonedHistoricalRecords:
    """History of an object row: the audit subject is the object's owner (a person, if any)."""
    return ReasonedHistoricalRecords(audit_processing_activity=PARK_ENFORCEMENT,
                                     audit_subject=lambda obj: obj.owner_person_id)


def person_row_history() -> ReasonedHistoricalRecords:
    """History of a row about one person on an object (occupant, tolerance decision)."""
    return ReasonedHistoricalRecords(audit_processing_activity=PARK_ENFORCEMENT,
                                     audit_subject=lambda row: row.person_id)


class Park(models.Model):
    """A recreation park (no personal data): e.g. "Rhederlaagse Meren"."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    municipality = models.CharField(_("municipality"), max_length=200)
    controller = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="parks", verbose_name=_("controller"),
        help_text=_("The organisation that enforces on this park and registers its objects."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recreation park")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ObjectKind(models.TextChoices):
    CHALET = "chalet", _("Chalet")
    PITCH = "pitch", _("Pitch")
    OTHER = "other", _("Other object")


class RecreationObject(models.Model):
    """A recreatieobject: the thing every order must name. Owner: a person or a legal entity."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="recreation_objects",
                             verbose_name=_("park"))
    number = models.CharField(_("object number"), max_length=20, help_text=_("Chalet or pitch number, e.g. B-017."))
    kind = models.CharField(_("kind of object"), max_length=10, choices=ObjectKind.choices)
    street = EncryptedCharField(_("street"), max_length=200, label="park.RecreationObject.street", null=True,
                                blank=True)
    house_number = EncryptedCharField(_("house number"), max_length=10, label="park.RecreationObject.house_number",
                                      null=True, blank=True)
    house_number_addition = EncryptedCharField(
        _("addition"), max_length=10, label="park.RecreationObject.house_number_addition", null=True, blank=True,
    )
    postcode = EncryptedCharField(_("postcode"), max_length=7, label="park.RecreationObject.postcode", null=True,
                                  blank=True)
    city = EncryptedCharField(_("city"), max_length=100, label="park.RecreationObject.city", null=True, blank=True)
    # The nummeraanduiding id; the adresseerbaar object id and `address_verified` only from a BAG pick
    # (casework/bag/).
    bag_id = EncryptedCharField(_("BAG id"), max_length=16, label="park.RecreationObject.bag_id", null=True,
                                blank=True)
    bag_object_id = EncryptedCharField(_("BAG addressable object id"), max_length=16,
                                       label="park.RecreationObject.bag_object_id", null=True, blank=True)
    address_verified = models.BooleanField(_("address verified in the BAG"), default=False)
    address_index = BlindIndexField(sources=["postcode", "house_number"], label="park.RecreationObject.address")
    bag_index = BlindIndexField(sources=["bag_id"], label="park.RecreationObject.bag_id")
    owner_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="owned_recreation_objects", null=True, blank=True,
        verbose_name=_("owner (person)"),
    )
    owner_entity = EncryptedCharField(
        _("owner (legal entity)"), max_length=200, label="park.RecreationObject.owner_entity", null=True, blank=True,
    )
    notes = EncryptedTextField(_("notes"), label="park.RecreationObject.notes", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = object_history()

    class Meta:
        verbose_name = _("recreation object")
        ordering = ["park", "number"]
        constraints = [
            models.UniqueConstraint(fields=["park", "number"], name="park_object_number_unique"),
            models.CheckConstraint(
                condition=~(models.Q(owner_person__isnull=False) & models.Q(owner_entity__isnull=False)),
                name="park_object_one_owner",
            ),
            *(encrypted_column_constraint(name) for name in ENCRYPTED_OBJECT_FIELDS),
            models.CheckConstraint(
                condition=models.Q(address_verified=False)
                | models.Q(bag_id__isnull=False, bag_object_id__isnull=False),
                name="park_object_verified_has_bag_ids",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class BrpStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered in the BRP at this address")
    OVERNIGHT_REGISTER = "overnight_register", _("In the overnight register (nachtregister)")
    NOT_REGISTERED = "not_registered", _("Not registered")
    UNKNOWN = "unknown", _("Not checked yet")


class Occupant(models.Model):
    """A person living on the object, with their BRP status (registration gives no right to stay)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    object = models.ForeignKey(RecreationObject, on_delete=models.CASCADE, related_name="occupants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    brp_status = models.CharField(_("BRP status"), max_length=20, choices=BrpStatus.choices,
                                  default=BrpStatus.UNKNOWN)
    brp_checked_on = models.DateField(_("BRP checked on"), null=True, blank=True)
    since = models.DateField(_("living there since"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    history = person_row_history()

    class Meta:
        verbose_name = _("occupant")
        ordering = ["object", "since"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(since__isnull=True)
                | models.Q(left_on__gte=models.F("since")),
                name="park_occupant_left_after_since",
            ),
        ]

    def __str__(self) -> str:
        return f"occupant of {self.object_id}"


class TolerancePolicy(models.Model):
    """The reference date for personal tolerance decisions, as data with a date of effect.

    Seeded with the national reference date 31 October 2003 (migration 0002); a municipality that
    sets another adds a version. A decision records the version and the date it used.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    effective_from = models.DateField(_("in force from"), unique=True)
    reference_date = models.DateField(_("reference date (peildatum)"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tolerance policy")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.name} ({self.reference_date.isoformat()})"


class ToleranceDecision(models.Model):
    """Persoonsgebonden gedoogbeschikking: one person, one object, in force while not ended."""

    class EndReason(models.TextChoices):
        PERSON_LEFT = "person_left", _("The person left the object")
        DECEASED = "deceased", _("The person died")
        REVOKED = "revoked", _("Revoked")
        OTHER = "other", _("Other reason")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    object = models.ForeignKey(RecreationObject, on_delete=models.PROTECT, related_name="tolerance_decisions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    policy = models.ForeignKey(TolerancePolicy, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("tolerance policy used"))
    reference_date = models.DateField(_("reference date used"))
    resident_since = models.DateField(_("resident since"))
    granted_on = models.DateField(_("granted on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason it ended"), max_length=16, choices=EndReason.choices, blank=True)
    notes = EncryptedTextField(_("notes"), label="park.ToleranceDecision.notes", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = person_row_history()

    class Meta:
        verbose_name = _("personal tolerance decision")
        ordering = ["object", "granted_on"]
        constraints = [
            encrypted_column_constraint("notes"),
            models.CheckConstraint(condition=models.Q(resident_since__lt=models.F("reference_date")),
                                   name="park_tolerance_resident_before_reference"),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True, end_reason="")
                | (models.Q(ended_on__isnull=False) & ~models.Q(end_reason="")),
                name="park_tolerance_end_with_reason",
            ),
            models.UniqueConstraint(fields=["object", "person"], condition=models.Q(ended_on__isnull=True),
                                    name="park_tolerance_one_in_force"),
        ]

    def __str__(self) -> str:
        return f"tolerance {self.object_id} {self.granted_on}"

    @property
    def in_force(self) -> bool:
        return self.ended_on is None
