"""Every API error in one shape: RFC 9457 problem details (application/problem+json).

{"type", "title", "status", "detail", "instance"} as the RFC defines them, plus `code` (a
stable machine word: "invalid", "not_found", "superseded", ...) and, for bad input,
`errors`: {field or query parameter: [messages]}. The body is rendered here as JSON
whatever the client asked for (a CSV client still gets a readable error).
"""

import json
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.views import defaults
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import serializers

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:conflictwatch:problem:"
# Headers of DRF's error responses a client needs (auth challenge, methods, back-off).
PASSED_HEADERS = ("WWW-Authenticate", "Allow", "Retry-After")


def problem_body(
    *, status: int, detail: str, code: str, errors: dict | None = None, instance: str = ""
) -> dict:
    body = {
        "type": f"{TYPE_PREFIX}{code}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = errors
    return body


def problem_response(
    request: HttpRequest | None,
    *,
    status: int,
    detail: str,
    code: str,
    errors: dict | None = None,
    headers: dict | None = None,
) -> HttpResponse:
    instance = request.path if request is not None else ""
    body = problem_body(status=status, detail=detail, code=code, errors=errors, instance=instance)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type=f"{PROBLEM_CONTENT_TYPE}; charset=utf-8",
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


class ProblemSerializer(serializers.Serializer):
    """The schema of an error (for the OpenAPI document)."""

    type = serializers.CharField(help_text="urn:conflictwatch:problem:<code>")
    title = serializers.CharField(help_text="The HTTP status phrase.")
    status = serializers.IntegerField()
    detail = serializers.CharField(help_text="What went wrong, for a person.")
    code = serializers.CharField(help_text="What went wrong, for a program.")
    instance = serializers.CharField(required=False, help_text="The path asked for.")
    # DRF's metaclass takes declared fields off the class, so this does not hide
    # Serializer.errors; the stubs see a class attribute.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Per field or query parameter, its messages.",
    )


def _problem(status: int, description: str, code: str, detail: str, errors=None) -> OpenApiResponse:
    example = problem_body(status=status, detail=detail, code=code, errors=errors)
    return OpenApiResponse(
        ProblemSerializer,
        description=description,
        examples=[OpenApiExample(code, value=example)],
    )


BAD_REQUEST = _problem(
    400,
    "Refused: a bad value or an unknown query parameter; `errors` names each.",
    "invalid",
    "The request has invalid fields: as_of.",
    {"as_of": ["Give as_of as a date, YYYY-MM-DD (e.g. 2025-02-01)."]},
)
FORBIDDEN = _problem(
    403, "Not allowed (no token, or the role lacks the right).", "permission_denied",
    "You do not have permission to perform this action.",
)  # fmt: skip
NOT_FOUND = _problem(404, "No such resource.", "not_found", "No settlement matches the query.")
CONFLICT = _problem(
    409, "The resource's state forbids it (e.g. superseded).", "superseded",
    "This claim is superseded, so it cannot be reviewed; its history is kept.",
)  # fmt: skip
NOT_ACCEPTABLE = _problem(
    406, "None of the media types in Accept is served here.", "not_acceptable",
    "Could not satisfy the request Accept header.",
)  # fmt: skip
TOO_LARGE = _problem(413, "The request body is too large.", "too_large", "The body is too large.")

# What a read endpoint can answer besides 200.
PROBLEM_RESPONSES = {400: BAD_REQUEST, 404: NOT_FOUND, 406: NOT_ACCEPTABLE}
# What a write endpoint can answer besides success.
WRITE_PROBLEMS = {400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT, 413: TOO_LARGE}


def api_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """Django's 404 for a path no route matches: a problem under /api/, else the page."""
    if request.path.startswith("/api/"):
        return problem_response(
            request, status=404, detail="No API resource has this path.", code="not_found"
        )
    return defaults.page_not_found(request, exception)
