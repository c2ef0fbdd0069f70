# SQL only: a claim's status follows its reviews, and reviews and corrections refuse
# TRUNCATE outside the test suite (claims/append_only.py). install() re-creates every
# append-only trigger; each statement is safe to run again.

from django.db import migrations

from claims import append_only


def _install(apps, schema_editor):
    append_only.install(schema_editor.connection)


def _uninstall(apps, schema_editor):
    append_only.uninstall_status_guard(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("claims", "0009_claim_list_index"),
        ("sources", "0002_article_queue_lease"),
    ]

    operations = [
        migrations.RunPython(_install, _uninstall),
    ]
