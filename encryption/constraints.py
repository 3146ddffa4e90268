"""A database CHECK per encrypted column: what raw SQL writes must at least look sealed.

`version byte = 1` and `length >= 45` (header, nonce, tag), on SQLite (BLOB) and PostgreSQL
(bytea) alike. It stops plaintext written around the ORM; it cannot tell good ciphertext from
garbage of the right shape (that fails closed on reading instead).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Length, Substr
from django.db.models.lookups import Exact, GreaterThanOrEqual

from encryption import aead


class SealedColumnCheck(models.CheckConstraint):
    """Enforced by the database only: in Python the instance holds plaintext by design."""

    def validate(self, *args: Any, **kwargs: Any) -> None:
        return None


def encrypted_column_constraint(field_name: str) -> SealedColumnCheck:
    """Use in Meta.constraints: `[encrypted_column_constraint("bsn"), ...]`."""
    first_byte = Substr(field_name, 1, 1, output_field=models.BinaryField())
    return SealedColumnCheck(
        condition=Q(**{f"{field_name}__isnull": True})
        | (
            Q(GreaterThanOrEqual(Length(field_name), aead.MIN_LENGTH))
            & Q(Exact(first_byte, Value(aead.VERSION_BYTE, output_field=models.BinaryField())))
        ),
        name=f"%(app_label)s_%(class)s_{field_name}_sealed",
    )
