"""The days equated with generally recognised holidays by royal decree (Atw art. 3 lid 3) that
were known when this was written. A team lead maintains the table from then on (the calendar page);
`check_equated_days` warns when the next year has none yet."""

from datetime import date

from django.db import migrations

DECREE = "Besluit gelijkstelling dagen Algemene termijnenwet 2026–2028 (art. 3 lid 3 Atw, Staatscourant)"
DAYS = (
    (date(2026, 1, 2), "Vrijdag na Nieuwjaarsdag"),
    (date(2026, 5, 15), "Vrijdag na Hemelvaartsdag"),
    (date(2027, 5, 7), "Vrijdag na Hemelvaartsdag"),
    (date(2028, 4, 28), "Vrijdag na Koningsdag"),
    (date(2028, 5, 26), "Vrijdag na Hemelvaartsdag"),
)


def seed(apps, schema_editor):
    equated_day = apps.get_model("casework", "EquatedDay")
    for day, description in DAYS:
        equated_day.objects.get_or_create(date=day, defaults={"description": description, "source": DECREE})


def unseed(apps, schema_editor):
    apps.get_model("casework", "EquatedDay").objects.filter(date__in=[day for day, _ in DAYS], source=DECREE).delete()


class Migration(migrations.Migration):
    dependencies = [("casework", "0006_shielded_weighing")]
    operations = [migrations.RunPython(seed, unseed)]
