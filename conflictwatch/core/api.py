"""API plumbing shared by the apps: the exception handler, body-size limits, query params."""

import json
import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from conflictwatch.core.authentication import TokenRejected
from conflictwatch.core.exceptions import ConflictError, DomainError
from conflictwatch.core.timeouts import is_statement_timeout

logger = logging.getLogger(__name__)

SERVER_ERROR_BODY = {
    "detail": "Something went wrong on our side; the error was logged. Try again later.",
    "code": "server_error",
}


READ_TIMEOUT_BODY = {
    "detail": "This query took too long and was stopped. Narrow it (a longer search, a "
    "filter) or try again later.",
    "code": "query_timeout",
}


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


def _too_large_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return f"The request body is larger than the limit of {limit:,} bytes."


def exception_handler(exc, context):
    """DRF's handler, plus DomainError as 400 (409 for ConflictError) with a code, and an
    oversized body as 413 rather than Django's bare 400."""
    if isinstance(exc, DomainError):
        body = {"detail": exc.message, "code": exc.code}
        if exc.field:
            body = {exc.field: [exc.message], "code": exc.code}
        code = status.HTTP_409_CONFLICT if isinstance(exc, ConflictError) else 400
        return Response(body, status=code)
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge(_too_large_message())
    if is_statement_timeout(exc):
        logger.warning("API read cancelled by the statement timeout: %s", context["request"].path)
        set_rollback()
        return Response(READ_TIMEOUT_BODY, status=503, headers={"Retry-After": "30"})
    if isinstance(exc, TokenRejected):
        # DRF made it 403 (the session class, first, has no challenge); a token client
        # needs to know its token is bad, not that it lacks a right.
        exc.status_code = status.HTTP_401_UNAUTHORIZED
        exc.auth_header = "Token"
    response = drf_exception_handler(exc, context)
    if response is None:
        # Anything unexpected: still JSON (clients parse it), logged with its traceback,
        # and the request's transaction rolled back as for a handled error.
        view = context.get("view")
        logger.error("API error in %s", type(view).__name__ if view else "?", exc_info=exc)
        set_rollback()
        response = Response(SERVER_ERROR_BODY, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    return response


class _BodySizeLimit:
    """Refuse a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE before reading it.

    Django enforces the limit when it reads a form body itself, but DRF's parsers read the
    raw stream, so without this a JSON body of any size would be loaded into memory.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        self._check_size(parser_context)
        return super().parse(stream, media_type, parser_context)

    def _check_size(self, parser_context) -> None:
        request = (parser_context or {}).get("request")
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if request is not None and limit is not None:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                raise RequestTooLarge(_too_large_message())


# No request this API accepts nests deeper than a few levels; deeper is an attack on the
# parser's recursion (or a client bug), refused before it reaches a serializer.
JSON_MAX_DEPTH = 20


def _refuse_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise ParseError(f"JSON parse error - the key {key[:64]!r} appears twice.")
        seen[key] = value
    return seen


def _depth_exceeds(value: object, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


class SizeLimitedJSONParser(_BodySizeLimit, JSONParser):
    """JSON that is strict where the standard library is lenient: a key given twice is an
    error (not "the last one wins"), and so is nesting past JSON_MAX_DEPTH."""

    def parse(self, stream, media_type=None, parser_context=None):
        self._check_size(parser_context)
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding) if stream is not None else ""
            data = json.loads(
                text, object_pairs_hook=_refuse_duplicate_keys, parse_constant=_no_constant
            )
        except RecursionError as exc:
            raise ParseError("JSON parse error - the body is nested too deeply.") from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise ParseError(f"JSON parse error - {exc}"[:300]) from exc
        if _depth_exceeds(data, JSON_MAX_DEPTH):
            raise ParseError(
                f"JSON parse error - the body nests deeper than {JSON_MAX_DEPTH} levels."
            )
        return data


def _no_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


class SizeLimitedFormParser(_BodySizeLimit, FormParser):
    pass


class SizeLimitedMultiPartParser(_BodySizeLimit, MultiPartParser):
    pass


WRITE_PARSERS = [SizeLimitedJSONParser, SizeLimitedFormParser, SizeLimitedMultiPartParser]


def validated_query_params(serializer_class: type[serializers.Serializer], request) -> dict:
    """A list endpoint's filters, checked: a bad value is a 400 naming the parameter."""
    params = serializer_class(data=request.query_params)
    params.is_valid(raise_exception=True)
    return params.validated_data
