"""Descriptions and examples for the webhooks part of the OpenAPI document."""

OVERVIEW = (
    "Webhooks push the change feed (`/api/v1/changes/`) to a URL of yours: each feed "
    "entry that matches a subscription (its conflict or settlement, its event types) is "
    "POSTed once, as JSON, signed per the Standard Webhooks spec "
    "(https://www.standardwebhooks.com/): headers `webhook-id` (the same on every retry "
    "and replay: drop what you already processed), `webhook-timestamp` (Unix seconds) and "
    "`webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the "
    "secret; while a rotated secret's overlap lasts, two such signatures, space-separated, "
    "one per secret). Verify with any Standard Webhooks library, e.g. in Python "
    "`standardwebhooks.Webhook(secret).verify(body, headers)`.\n\n"
    "Answer 2xx to accept. Anything else, or no answer within the time limit, is tried "
    "again with exponential back-off (30 s, 1 min, 2 min, ... up to 6 h, 8 attempts by "
    "default); `429` or `503` with `Retry-After` is tried again when you ask. `410 Gone` "
    "stops the subscription. Deliveries may arrive out of order: each body carries the "
    "entry's feed `cursor`; after an outage the feed itself has everything. Targets must "
    "resolve to public addresses, checked when you subscribe and again on every send."
)

CREATE = (
    "Only changes after this moment are delivered. The answer carries the subscription's "
    "`secret`, shown this once: store it to verify deliveries. Give `conflict` (a key) or "
    "`settlement` (an id) or neither (everything), and optionally `event_types`."
)

CREATE_REQUEST = {
    "url": "https://newsroom.example/hooks/conflictwatch",
    "settlement": 42,
    "event_types": ["settlement-status.changed", "review.added"],
    "description": "Toretsk desk",
}

CREATED = {
    "id": 7,
    "url": "https://newsroom.example/hooks/conflictwatch",
    "description": "Toretsk desk",
    "conflict": None,
    "settlement": 42,
    "event_types": ["review.added", "settlement-status.changed"],
    "active": True,
    "disabled_reason": "",
    "created_at": "2025-02-09T10:00:00Z",
    "updated_at": "2025-02-09T10:00:00Z",
    "delivered_count": 0,
    "failed_count": 0,
    "open_count": 0,
    "secret_hint": "whsec_…LaSw",
    "secret_rotated_at": None,
    "previous_secret_expires_at": None,
    "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
}

ROTATE = (
    "A new signing secret, in this answer only. The one it replaces keeps signing next to "
    "it for `overlap_seconds` (default one day, at most a week; 0 ends it at once): while "
    "the overlap lasts every delivery's `webhook-signature` carries two signatures, "
    "space-separated as the spec allows, so a receiver verifies with the old secret or the "
    "new one and can switch at its own pace. `previous_secret_expires_at` says when the "
    "old one stops. Rotating again during an overlap drops the oldest secret at once: at "
    "most two sign at a time."
)

ROTATE_REQUEST = {"overlap_seconds": 3600}

ROTATED = {
    **CREATED,
    "updated_at": "2025-03-01T08:00:00Z",
    "secret_hint": "whsec_…Q2kE",
    "secret_rotated_at": "2025-03-01T08:00:00Z",
    "previous_secret_expires_at": "2025-03-01T09:00:00Z",
    "secret": "whsec_3yP0C1m6s9bXq1cWlq0bQv5iN0m7Lh8qS2t6Vw1Q2kE",
}

DELIVERIES = {
    "count": 1,
    "next": None,
    "previous": None,
    "results": [
        {
            "id": 90,
            "message_id": "cw_4211_7",
            "event": "settlement-status.changed",
            "change": 4211,
            "status": "delivered",
            "attempts": 2,
            "next_attempt_at": None,
            "last_status_code": 200,
            "last_error": "",
            "delivered_at": "2025-02-09T10:01:02Z",
            "replayed_at": None,
            "created_at": "2025-02-09T10:00:00Z",
            "payload": {
                "type": "settlement-status.changed",
                "timestamp": "2025-02-09T10:00:00Z",
                "data": {
                    "cursor": "Y3cxOjQyMTE",
                    "entity": "settlement-status",
                    "object_id": 42,
                    "event": "settlement-status.changed",
                    "data": {"settlement": 42, "assessed": {"state": "controlled"}},
                    "created_at": "2025-02-09T10:00:00Z",
                },
            },
            "attempts_log": [
                {
                    "number": 1, "started_at": "2025-02-09T10:00:01Z", "duration_ms": 5003,
                    "status_code": None, "response_snippet": "",
                    "error": "The server took too long.",
                    "next_attempt_at": "2025-02-09T10:00:32Z", "replay": False,
                },
                {
                    "number": 2, "started_at": "2025-02-09T10:01:02Z", "duration_ms": 41,
                    "status_code": 200, "response_snippet": "ok", "error": "",
                    "next_attempt_at": None, "replay": False,
                },
            ],
        }
    ],
}  # fmt: skip
