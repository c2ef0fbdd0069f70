# Tokens issued before knox (DRF's authtoken table, plain text) become hashed ApiTokens, so
# clients keep working, and the plain-text table is dropped (with its migration records, so
# re-installing rest_framework.authtoken would create it afresh).

import datetime as dt

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from knox.crypto import hash_token
from knox.settings import CONSTANTS

PLAIN_TABLE = "authtoken_token"


def hash_plain_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if PLAIN_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("core", "ApiToken")
    ttl = settings.REST_KNOX.get("TOKEN_TTL") or dt.timedelta(days=90)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id FROM {PLAIN_TABLE}")
        rows = cursor.fetchall()
        ApiToken.objects.bulk_create(
            ApiToken(
                digest=hash_token(key),
                token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH],
                user_id=user_id,
                expiry=timezone.now() + ttl,
                name="issued before hashing",
            )
            for key, user_id in rows
        )
        cursor.execute(f"DROP TABLE {PLAIN_TABLE}")
        cursor.execute("DELETE FROM django_migrations WHERE app = 'authtoken'")


class Migration(migrations.Migration):

    dependencies = [("core", "0001_api_token")]

    operations = [migrations.RunPython(hash_plain_tokens, migrations.RunPython.noop)]
