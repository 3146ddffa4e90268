"""The case list's default order (newest first, then reference) as an index: a list whose visibility reaches most
cases (a team lead's organisation) reads its first page from it instead of sorting every case (ADR 0050).

At 1,000,000 cases the index takes about 1 s to build, during which cases cannot be written (docs/operations.md).
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0010_register_passkeys'),
        ('casework', '0015_case_list_covering_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['-opened_on', 'reference'], name='case_opened_list_idx'),
        ),
    ]
