"""The change feed API: GET /api/v1/changes/?after=CURSOR.

A consumer stores the `next` cursor of each page and asks for what came after it; replaying
the entries in order (upsert `data` by entity and object id, delete on a tombstone) keeps a
copy equal to ours. Cursors are opaque: they are entry positions, never offsets, so they
stay valid however many entries are added.
"""

import base64
import binascii

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import Change
from claims.selectors.changes import change_list
from conflictwatch.core.api import validated_query_params
from conflictwatch.core.problems import PROBLEM_RESPONSES

CURSOR_PREFIX = "cw1:"
PAGE_DEFAULT = 100
CURSOR_MAX_CHARS = 64
PAGE_MAX = 1000


def cursor_encode(position: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{position}".encode()).decode().rstrip("=")


def cursor_decode(cursor: str) -> int:
    """The position a cursor names; ValueError for anything this API did not hand out."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError) as exc:
        raise ValueError("not a cursor") from exc
    if not text.startswith(CURSOR_PREFIX) or not text[len(CURSOR_PREFIX) :].isdigit():
        raise ValueError("not a cursor")
    position = int(text[len(CURSOR_PREFIX) :])
    if position > 2**63 - 1:
        raise ValueError("not a cursor")
    return position


class CursorField(serializers.CharField):
    """A cursor in, its position out (so no length validator may run on the result)."""

    def to_internal_value(self, data):
        text = super().to_internal_value(data)
        if len(text) > CURSOR_MAX_CHARS:
            raise serializers.ValidationError("This is too long to be a cursor.")
        try:
            return cursor_decode(text)
        except ValueError as exc:
            raise serializers.ValidationError(
                "This is not a cursor from this feed; use the `next` of an earlier page, or "
                "leave `after` out to start at the beginning."
            ) from exc


class ChangeListParams(serializers.Serializer):
    after = CursorField(
        required=False,
        help_text="The `next` cursor of the previous page; leave out to start at the beginning.",
    )
    limit = serializers.IntegerField(
        required=False, min_value=1, max_value=PAGE_MAX, default=PAGE_DEFAULT,
        help_text=f"Entries per page (at most {PAGE_MAX}).",
    )  # fmt: skip
    entity = serializers.ChoiceField(
        required=False, choices=Change.Entity.choices, help_text="Only entries of this kind."
    )


class ChangeSerializer(serializers.Serializer):
    cursor = serializers.SerializerMethodField(help_text="The position just after this entry.")
    entity = serializers.ChoiceField(choices=Change.Entity.choices)
    object_id = serializers.IntegerField(help_text="The claim's, review's or settlement's id.")
    event = serializers.ChoiceField(choices=Change.Event.choices)
    # DRF's metaclass takes declared fields off the class, so this does not hide
    # Serializer.data; the stubs see a class attribute.
    data = serializers.JSONField(  # type: ignore[assignment]
        allow_null=True,
        help_text="The object's state after the change; null is a tombstone (delete it).",
    )
    created_at = serializers.DateTimeField()

    def get_cursor(self, change: Change) -> str:
        return cursor_encode(change.id)


class ChangePageSerializer(serializers.Serializer):
    changes = ChangeSerializer(many=True)
    next = serializers.CharField(help_text="Ask for `after=` this next time (also when empty).")
    has_more = serializers.BooleanField(help_text="More entries wait: ask again right away.")


_EXAMPLE = {
    "changes": [
        {
            "cursor": cursor_encode(41),
            "entity": "review",
            "object_id": 7,
            "event": "review.added",
            "data": {
                "id": 7,
                "claim": 12,
                "verdict": "confirm",
                "note": "",
                "evidence_url": "",
                "reviewer": "desk",
                "created_at": "2025-02-09T10:00:00Z",
            },
            "created_at": "2025-02-09T10:00:00Z",
        },  # fmt: skip
        {
            "cursor": cursor_encode(42),
            "entity": "claim",
            "object_id": 13,
            "event": "claim.merged-away",
            "data": None,
            "created_at": "2025-02-09T10:05:00Z",
        },
    ],
    "next": cursor_encode(42),
    "has_more": False,
}


class ChangeFeedView(APIView):
    @extend_schema(
        summary="The change feed: everything to replay to keep a copy in sync",
        description=(
            "Entries in the order they were committed. Each carries an object's new state "
            "(`data`) or a tombstone (`data: null`). Store `next` and ask for `?after=` it "
            "next time: no change is missed or given twice, also while writes happen. "
            "Entities: `claim` (created, updated, corrected, merged, superseded; removed "
            "and merged-away are tombstones), `review` (added, or moved to the claim its "
            "claim was merged into), `settlement-status` (the stored current status, by "
            "settlement id)."
        ),
        parameters=[ChangeListParams],
        responses={200: ChangePageSerializer, **PROBLEM_RESPONSES},
        examples=[OpenApiExample("A page", value=_EXAMPLE, response_only=True)],
    )
    def get(self, request):
        params = validated_query_params(ChangeListParams, request)
        after, limit = params.get("after", 0), params["limit"]
        page = list(change_list(after=after, entity=params.get("entity"))[: limit + 1])
        has_more = len(page) > limit
        page = page[:limit]
        position = page[-1].id if page else after
        body = {"changes": page, "next": cursor_encode(position), "has_more": has_more}
        response = Response(ChangePageSerializer(body).data)
        if has_more:
            query = request.query_params.copy()
            query["after"] = cursor_encode(position)
            link = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
            response["Link"] = f'<{link}>; rel="next"'
        return response
