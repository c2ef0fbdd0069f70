from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    if not settings.SECRET_KEY or settings.SECRET_KEY.startswith("insecure-"):
        return [
            Error(
                "SECRET_KEY is not set.",
                hint="Set SECRET_KEY (or SECRET_KEY_FILE) to a long random value.",
                id="conflictwatch.E001",
            )
        ]
    return []
