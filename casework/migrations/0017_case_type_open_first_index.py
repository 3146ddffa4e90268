"""A type's list of open cases first, then the newest (the signals list), as an index: "closed or not" is a term of
its own, since SQLite builds no index with NULLS FIRST (ADR 0050). At 1,000,000 cases it takes about 2 s to build,
during which cases cannot be written (docs/operations.md).
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0010_register_passkeys'),
        ('casework', '0016_case_list_default_order_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='case',
            index=models.Index(models.F('case_type'), models.ExpressionWrapper(models.Q(('closed_on__isnull', False)), output_field=models.BooleanField()), models.F('closed_on'), models.OrderBy(models.F('opened_on'), descending=True), models.OrderBy(models.F('reference'), descending=True), name='case_type_open_first_idx'),
        ),
    ]
