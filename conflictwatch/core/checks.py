from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    try:
        key = settings.SECRET_KEY
    except ImproperlyConfigured:
        # Django refuses to hand out an empty key; that is this check's finding, not a crash.
        key = ""
    if not key or key.startswith("insecure-"):
        return [
            Error(
                "SECRET_KEY is not set.",
                hint="Set SECRET_KEY (or SECRET_KEY_FILE) to a long random value "
                "(at least 50 characters).",
                id="conflictwatch.E001",
            )
        ]
    return []
