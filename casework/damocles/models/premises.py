"""Premises (panden): a dossier of its own, so every procedure at the same address is found.

The address is personal data (it locates the people who live there), so it is encrypted; a blind
index over postcode + house number (normalised; the addition is compared after decryption) and
one over the BAG id find earlier procedures at the same premises without decrypting the table.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.history import ReasonedHistoricalRecords
from casework.damocles.casetype import PROCESSING_ACTIVITY as DAMOCLES
from casework.models import Person
from encryption.blind_index import BlindIndexField
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedCharField, EncryptedTextField

ENCRYPTED_PREMISES_FIELDS = (
    "street", "house_number", "house_number_addition", "postcode", "city", "bag_id", "bag_object_id",
    "owner_entity_name", "owner_kvk",
)


class PremisesKind(models.TextChoices):
    WONING = "woning", _("Dwelling")
    LOKAAL = "lokaal", _("Premises open to the public")
    OTHER = "other", _("Other premises")


class Premises(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    kind = models.CharField(_("kind of premises"), max_length=16, choices=PremisesKind.choices)
    street = EncryptedCharField(_("street"), max_length=200, label="damocles.Premises.street")
    house_number = EncryptedCharField(_("house number"), max_length=10, label="damocles.Premises.house_number")
    house_number_addition = EncryptedCharField(
        _("addition"), max_length=10, label="damocles.Premises.house_number_addition", null=True, blank=True,
    )
    postcode = EncryptedCharField(_("postcode"), max_length=7, label="damocles.Premises.postcode")
    city = EncryptedCharField(_("city"), max_length=100, label="damocles.Premises.city")
    # The BAG nummeraanduiding id (typed, or filled by a pick) and, only after a pick, the adresseerbaar
    # object id; `address_verified` says whether the address was picked in the BAG (casework/bag/).
    bag_id = EncryptedCharField(_("BAG id"), max_length=16, label="damocles.Premises.bag_id", null=True, blank=True)
    bag_object_id = EncryptedCharField(_("BAG addressable object id"), max_length=16,
                                       label="damocles.Premises.bag_object_id", null=True, blank=True)
    address_verified = models.BooleanField(_("address verified in the BAG"), default=False)
    # Postcode + house number only: a blind index has no value when a source is empty, and most
    # addresses have no addition. The addition is compared after decryption (premises_find).
    address_index = BlindIndexField(sources=["postcode", "house_number"], label="damocles.Premises.address")
    bag_index = BlindIndexField(sources=["bag_id"], label="damocles.Premises.bag_id")
    owner_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="owned_premises", null=True, blank=True,
        verbose_name=_("owner (person)"),
    )
    owner_entity_name = EncryptedCharField(
        _("owner (legal entity)"), max_length=200, label="damocles.Premises.owner_entity_name", null=True, blank=True,
    )
    owner_kvk = EncryptedCharField(
        _("KvK number"), max_length=8, label="damocles.Premises.owner_kvk", null=True, blank=True,
    )
    notes = EncryptedTextField(_("notes"), label="damocles.Premises.notes", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = ReasonedHistoricalRecords(audit_processing_activity=DAMOCLES, audit_subject=lambda p: p.owner_person_id)

    class Meta:
        verbose_name = _("premises")
        verbose_name_plural = _("premises")
        constraints = [
            *(encrypted_column_constraint(name) for name in (*ENCRYPTED_PREMISES_FIELDS, "notes")),
            models.CheckConstraint(
                condition=models.Q(address_verified=False)
                | models.Q(bag_id__isnull=False, bag_object_id__isnull=False),
                name="damocles_premises_verified_has_bag_ids",
            ),
        ]

    def __str__(self) -> str:
        return f"Premises {self.pk}"


class PremisesParty(models.Model):
    """A tenant or occupant of the premises (the owner is on the premises itself)."""

    class Role(models.TextChoices):
        TENANT = "tenant", _("Tenant")
        OCCUPANT = "occupant", _("Occupant")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    premises = models.ForeignKey(Premises, on_delete=models.CASCADE, related_name="parties")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)

    history = ReasonedHistoricalRecords(audit_processing_activity=DAMOCLES, audit_subject=lambda p: p.person_id)

    class Meta:
        verbose_name = _("tenant or occupant")
        ordering = ["premises", "role"]

    def __str__(self) -> str:
        return f"{self.role} of {self.premises_id}"
