"""Signing deliveries per the Standard Webhooks spec (standardwebhooks.com), with the
`standardwebhooks` package: HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}",
sent as `webhook-signature: v1,<base64>`. Receivers verify with the same package (or any
implementation of the spec) and the subscription's secret."""

import base64
import datetime as dt
import secrets

from standardwebhooks.webhooks import Webhook

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32


def secret_new() -> str:
    """A fresh secret in the spec's form: whsec_ + base64 of random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def signed_headers(*, secret: str, message_id: str, body: str, at: dt.datetime) -> dict:
    """The three Standard Webhooks headers for one attempt at sending `body`."""
    signature = Webhook(secret).sign(msg_id=message_id, timestamp=at, data=body)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signature,
    }
