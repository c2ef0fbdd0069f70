"""API tokens: django-rest-knox's hashed, expiring tokens with a name and a last-used time.

Only a SHA-512 digest of a token is stored (and knox's 15-character lookup prefix), so a
copy of this table lets nobody in. A user may hold several tokens (one per script or
client), each revoked on its own; rotation is issuing a new one and revoking the old.
"""

from django.db import models
from knox.models import AbstractAuthToken


class ApiToken(AbstractAuthToken):
    # What the token is for ("wire-bot", "newsroom dashboard"), shown on the tokens page.
    name = models.CharField(max_length=100, blank=True)
    # Written at most once a minute per token (conflictwatch.core.authentication).
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = "API token"
        indexes = [models.Index(fields=["user", "-created"], name="apitoken_user_created_idx")]

    def __str__(self) -> str:
        label = self.name or "token"
        return f"{label} {self.token_key[:8]}… of {self.user}"
