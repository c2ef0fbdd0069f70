"""The body of a delivery, made from its change feed entry: the Standard Webhooks envelope
(type, timestamp, data) around the entry exactly as /api/v1/changes/ serves it, cursor
included. Entries never change, so the same entry always gives the same bytes: a retry or
a replay is signed over what the first attempt sent."""

import json

from claims.api.changes import cursor_encode
from claims.models import Change
from claims.services.changes import json_value


def payload(change: Change) -> dict:
    return {
        "type": change.event,
        "timestamp": json_value(change.created_at),
        "data": {
            "cursor": cursor_encode(change.id),
            "entity": change.entity,
            "object_id": change.object_id,
            "event": change.event,
            "data": change.data,
            "created_at": json_value(change.created_at),
        },
    }


def body(change: Change) -> str:
    return json.dumps(payload(change), ensure_ascii=False, separators=(",", ":"))
