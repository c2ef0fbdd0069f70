# State: reviews and corrections PROTECT their claim (no cascade from a claim or its
# article). SQL: the append-only triggers of claims/append_only.py (PostgreSQL and SQLite).

import django.db.models.deletion
from django.db import migrations, models

from claims import append_only


def _install(apps, schema_editor):
    append_only.install(schema_editor.connection)


def _uninstall(apps, schema_editor):
    append_only.uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("claims", "0005_review_correction_claim_record"),
    ]

    operations = [
        migrations.AlterField(
            model_name="correction",
            name="claim",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="%(class)ss", to="claims.claim"),
        ),
        migrations.AlterField(
            model_name="review",
            name="claim",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="%(class)ss", to="claims.claim"),
        ),
        migrations.RunPython(_install, _uninstall),
    ]
