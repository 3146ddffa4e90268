"""DataKey: one AES-256 key per dossier, stored wrapped by a KEK, in the separate `keys` database.

The main database only holds the key's UUID, so a backup of it holds ciphertext only. No foreign
key crosses the alias: rows elsewhere refer to a data key by plain UUID.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataKey(models.Model):
    """A wrapped data key. Shredding overwrites `wrapped_key` and sets `destroyed_at` (see keystore)."""

    DATABASE_ALIAS = "keys"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wrapped_key = models.BinaryField(_("wrapped key"))
    kek_id = models.CharField(_("key-encryption key id"), max_length=100, db_index=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    destroyed_at = models.DateTimeField(_("destroyed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("data key")
        verbose_name_plural = _("data keys")

    def __str__(self) -> str:
        return f"DataKey {self.id}"

    @property
    def is_destroyed(self) -> bool:
        return self.destroyed_at is not None
