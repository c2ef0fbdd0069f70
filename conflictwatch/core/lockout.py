"""django-axes hooks: the username a failed login is counted under."""

from django.contrib.auth import get_user_model

# Axes stores the username in a 255-character column; a longer one (no real account has
# one) would fail the login with a database error instead of counting as a failure.
_MAX_CHARS = min(get_user_model()._meta.get_field("username").max_length or 150, 255)


def lockout_username(request, credentials) -> str | None:
    """The submitted username, as axes would read it, cut to what an account may have."""
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "POST", {}).get("username")
    return username[:_MAX_CHARS] if isinstance(username, str) else username
