"""API plumbing shared by the apps: the exception handler, body-size limits, query params."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from conflictwatch.core.exceptions import ConflictError, DomainError


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
    return drf_exception_handler(exc, context)


class _BodySizeLimit:
    """Refuse a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE before reading it.

    Django enforces the limit when it reads a form body itself, but DRF's parsers read the
    raw stream, so without this a JSON body of any size would be loaded into memory.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        request = (parser_context or {}).get("request")
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if request is not None and limit is not None:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                raise RequestTooLarge(_too_large_message())
        return super().parse(stream, media_type, parser_context)


class SizeLimitedJSONParser(_BodySizeLimit, JSONParser):
    pass


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
