"""The fields every woonoverlast child row of a case shares: its id, the case's data key (the row's
encrypted columns use it), who created it and when. Each row still names its own `case` (its own
reverse name), its history (`case_row_history`) and its constraints."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from encryption.fields import DataKeyReference


class CaseRow(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
