"""Load a municipality's own criteria texts for the zelfredzaamheid scores (docs/adr/0029).

    manage.py load_self_reliance_criteria "Gemeente Voorbeeld" criteria.csv

The CSV has a header `leefgebied,score,text` and one line per life domain and score (1–5); the life
domains are the product's codes (housing, finances, daytime, physical_health, mental_health, addiction,
social, justice). The file replaces the organisation's earlier texts as a whole: all lines or none.
Without criteria the measurement form shows the product's neutral labels only.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import Organisation
from casework.pga.services import criteria_load


class Command(BaseCommand):
    help = "Replace a municipality's criteria texts for the self-reliance scores with those of a CSV file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="The municipality's name (as in the product) or id.")
        parser.add_argument("path", type=Path, help="CSV with the header leefgebied,score,text.")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = (Organisation.objects.filter(name=options["organisation"]).first()
                        or Organisation.objects.filter(pk=_uuid_or_none(options["organisation"])).first())
        if organisation is None:
            raise CommandError(f"No organisation {options['organisation']!r}.")
        try:
            with options["path"].open(encoding="utf-8-sig", newline="") as handle:
                rows = [(row.get("leefgebied", "").strip(), _score(row.get("score", "")), row.get("text") or "")
                        for row in csv.DictReader(handle)]
        except OSError as exc:
            raise CommandError(f"Cannot read {options['path']}: {exc.strerror}") from exc
        try:
            count = criteria_load(organisation=organisation, rows=rows)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"{count} criteria loaded for {organisation.name}.")


def _score(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


def _uuid_or_none(value: str) -> Any:
    import uuid

    try:
        return uuid.UUID(value)
    except ValueError:
        return None
