"""Signing deliveries per the Standard Webhooks spec (standardwebhooks.com), with the
`standardwebhooks` package: HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}",
sent as `webhook-signature: v1,<base64>`. Receivers verify with the same package (or any
implementation of the spec) and the subscription's secret.

While a rotated secret's overlap lasts the header carries one signature per secret,
space-separated (the spec's form for several signatures): a receiver still holding the
old secret and one already holding the new both verify."""

import base64
import datetime as dt
from collections.abc import Sequence
from secrets import token_bytes

from standardwebhooks.webhooks import Webhook

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32


def secret_new() -> str:
    """A fresh secret in the spec's form: whsec_ + base64 of random bytes."""
    return SECRET_PREFIX + base64.b64encode(token_bytes(SECRET_BYTES)).decode()


def secret_hint(secret: str) -> str:
    """Enough of a secret to tell which one it is (its last four characters), never more."""
    return f"{SECRET_PREFIX}…{secret[-4:]}" if secret else ""


def signed_headers(*, secrets: Sequence[str], message_id: str, body: str, at: dt.datetime) -> dict:
    """The three Standard Webhooks headers for one attempt at sending `body`, signed with
    each of `secrets` (the current one first)."""
    if not secrets:
        raise ValueError("a delivery needs at least one secret to be signed with")
    signatures = [Webhook(s).sign(msg_id=message_id, timestamp=at, data=body) for s in secrets]
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": " ".join(signatures),
    }
