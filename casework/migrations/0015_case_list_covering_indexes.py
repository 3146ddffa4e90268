"""The owner's and the team's index of a case carry what a case list reads of every case a path reaches: its id,
sort columns and the rest of the visibility filter (ADR 0048). PostgreSQL then counts and sorts a list from the
indexes alone; SQLite builds them without the INCLUDE columns.

At 1,000,000 cases each index takes about 5 s to build, during which cases cannot be written (docs/operations.md).
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0010_register_passkeys'),
        ('casework', '0014_case_person_restricted'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='case',
            name='case_owner_type_idx',
        ),
        migrations.RemoveIndex(
            model_name='case',
            name='case_team_type_idx',
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['owner', 'case_type'], include=('id', 'opened_on', 'reference', 'status', 'person_restricted', 'team'), name='case_owner_list_idx'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['team', 'case_type'], include=('id', 'opened_on', 'reference', 'status', 'person_restricted', 'owner'), name='case_team_list_idx'),
        ),
    ]
